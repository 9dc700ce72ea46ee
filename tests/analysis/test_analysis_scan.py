"""The compiled all-dyads pass over Parquet (analysis/_scan.py) gives exactly what the SQL gives.

Every test writes its own small Parquet files and compares the pass with DuckDB's
``GROUP BY`` on the same files (``MIN_ROWS`` lowered so small inputs take the pass).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

pytest.importorskip("numba")

from detente.analysis import _scan, all_dyads_series  # noqa: E402
from detente.errors import InputError  # noqa: E402

COUNTRIES = ["AFG", "CHN", "IND", "IRN", "PAK", "RUS", "USA", "ZAF", "BRA", "EGY"]
KEY = ["a", "b", "period"]


def _events(n: int, seed: int, countries=COUNTRIES, sort: bool = True, nulls: bool = True) -> pa.Table:
    rng = np.random.default_rng(seed)
    s = rng.choice(countries, n).astype(object)
    t = rng.choice(countries, n).astype(object)
    days = rng.integers(0, 3 * 365, n) + np.datetime64("2019-11-20", "D").astype(np.int64)
    quad = rng.integers(0, 6, n).astype(np.int8)  # 0 and 5 are not quad classes: never counted
    gold = np.round(rng.uniform(-10, 10, n), 1)
    negated = rng.random(n) < 0.05
    report = np.where(rng.random(n) < 0.05, "e1", None).astype(object)
    if sort:
        order = np.lexsort((days, t.astype(str), s.astype(str)))
        s, t, days, quad, gold, negated, report = (x[order] for x in (s, t, days, quad, gold, negated, report))
    masks = {}
    if nulls:
        masks = {name: rng.random(n) < 0.03 for name in ("s", "t", "date", "quad", "gold", "neg")}
    return pa.table({
        "date": pa.array(days.astype(np.int32), pa.int32(), mask=masks.get("date")).cast(pa.date32()),
        "source_country": pa.array(s, pa.string(), mask=masks.get("s")),
        "target_country": pa.array(t, pa.string(), mask=masks.get("t")),
        "quad_class": pa.array(quad, pa.int8(), mask=masks.get("quad")),
        "goldstein": pa.array(gold, pa.float64(), mask=masks.get("gold")),
        "negated": pa.array(negated, pa.bool_(), mask=masks.get("neg")),
        "report_of": pa.array(report, pa.string()),
    })


def _write(tmp_path, tables, **kw):
    paths = []
    for i, t in enumerate(tables):
        p = tmp_path / f"part-{i}.parquet"
        pq.write_table(t, p, row_group_size=kw.pop("row_group_size", 700), **kw)
        paths.append(str(p))
    return paths


def _both(monkeypatch, paths=None, compute=None, **kw) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(compiled pass, SQL) on the same input, rows in one order: ``all_dyads_series(paths,
    **kw)``, or ``compute()``, run once with the pass and once without."""
    compute = compute or (lambda: all_dyads_series(paths, **kw))
    calls = []

    def spy(real):
        def call(*a, **k):
            out = real(*a, **k)
            calls.append(out is not None)
            return out
        return call

    for name in ("all_dyads", "all_dyads_query"):  # from files; from a query's rows
        monkeypatch.setattr(_scan, name, spy(getattr(_scan, name)))
    monkeypatch.setattr(_scan, "MIN_ROWS", 0)
    fast = compute()
    assert calls == [True], "the compiled pass did not run"
    monkeypatch.setattr(_scan, "MIN_ROWS", 10**15)
    sql = compute()
    assert not any(calls[1:]), "the pass ran where the SQL should have"
    return (fast.sort_values(KEY).reset_index(drop=True), sql.sort_values(KEY).reset_index(drop=True))


def _same(fast: pd.DataFrame, sql: pd.DataFrame) -> None:
    assert list(fast.columns) == list(sql.columns)
    assert fast.dtypes.to_dict() == sql.dtypes.to_dict()
    assert len(fast) == len(sql) > 0
    for c in fast.columns:
        if fast[c].dtype.kind == "f":
            np.testing.assert_allclose(fast[c], sql[c], rtol=1e-9, atol=1e-9, err_msg=c)
        else:
            assert fast[c].tolist() == sql[c].tolist(), c


@pytest.mark.parametrize("freq", ["D", "W", "M", "Q", "Y"])
def test_every_frequency_matches_the_sql(tmp_path, monkeypatch, freq):
    paths = _write(tmp_path, [_events(6000, 1), _events(4000, 2)])
    _same(*_both(monkeypatch, paths, freq=freq))


def test_filters_match_the_sql(tmp_path, monkeypatch):
    paths = _write(tmp_path, [_events(8000, 3)])
    _same(*_both(monkeypatch, paths, freq="M", since="2020-03-15", until="2021-07-02"))
    _same(*_both(monkeypatch, paths, freq="Q", countries="PAK,RUS,USA,CHN"))
    _same(*_both(monkeypatch, [str(tmp_path)], freq="W", include_reports=True))


def test_unsorted_files_and_plain_strings_and_new_countries(tmp_path, monkeypatch):
    # a second file brings countries the first never had (the dense table grows), rows in
    # no order, strings not dictionary-encoded, float32 scores
    more = COUNTRIES + [f"X{i:02d}" for i in range(40)]
    t2 = _events(5000, 5, countries=more, sort=False)
    t2 = t2.set_column(4, "goldstein", t2["goldstein"].cast(pa.float32()))
    p1 = _write(tmp_path, [_events(3000, 4)])
    p2 = tmp_path / "plain.parquet"
    pq.write_table(t2, p2, row_group_size=500, use_dictionary=False)
    _same(*_both(monkeypatch, [p1[0], str(p2)], freq="M"))


def test_what_each_row_counts(tmp_path, monkeypatch):
    rows = [  # date, source, target, quad, goldstein, negated, report_of
        ("2020-01-02", "PAK", "RUS", 1, 3.0, False, None),
        ("2020-01-30", "RUS", "PAK", 4, -9.0, None, None),     # null negated counts
        ("2020-01-31", "RUS", "PAK", 3, None, False, None),    # null score adds nothing
        ("2020-01-15", "PAK", "RUS", 2, 5.0, True, None),      # negated: never
        ("2020-01-16", "PAK", "RUS", 2, 5.0, False, "e0"),     # a repeat report
        ("2020-01-17", "PAK", "PAK", 2, 5.0, False, None),     # same country
        ("2020-01-18", "PAK", None, 2, 5.0, False, None),      # no target country
        ("2020-01-19", "PAK", "RUS", 7, 5.0, False, None),     # not a quad class
        (None, "PAK", "RUS", 1, 5.0, False, None),             # no date
        ("2020-02-01", "IND", "PAK", 2, 6.5, False, None),
    ]
    cols = list(zip(*rows))
    table = pa.table({
        "date": pa.array([None if d is None else np.datetime64(d, "D").astype(object) for d in cols[0]], pa.date32()),
        "source_country": pa.array(cols[1], pa.string()), "target_country": pa.array(cols[2], pa.string()),
        "quad_class": pa.array(cols[3], pa.int16()), "goldstein": pa.array(cols[4], pa.float64()),
        "negated": pa.array(cols[5], pa.bool_()), "report_of": pa.array(cols[6], pa.string()),
    })
    fast, sql = _both(monkeypatch, _write(tmp_path, [table]), freq="M")
    _same(fast, sql)
    got = {(r.a, r.b, str(r.period.date())): (r.events, r.vc, r.mc, r.vk, r.mk, r.goldstein_sum)
           for r in fast.itertuples()}
    assert got == {("PAK", "RUS", "2020-01-01"): (3, 1, 0, 1, 1, -6.0), ("IND", "PAK", "2020-02-01"): (1, 0, 1, 0, 0, 6.5)}


def test_the_sql_runs_when_the_pass_cannot(tmp_path, monkeypatch):
    monkeypatch.setattr(_scan, "MIN_ROWS", 0)
    kw = {"freq": "M", "since": None, "until": None, "countries": None, "include_reports": False}
    ok = _write(tmp_path, [_events(2000, 6)])
    assert _scan.all_dyads(ok, **kw) is not None
    # small inputs: not worth compiling
    assert _scan.all_dyads(ok, **{**kw}, min_rows=10**9) is None
    # no date statistics
    bare = tmp_path / "nostats.parquet"
    pq.write_table(_events(500, 7), bare, write_statistics=False)
    assert _scan.all_dyads([str(bare)], **kw) is None
    # dates as timestamps, a missing column
    ts = _events(500, 8)
    ts = ts.set_column(0, "date", ts["date"].cast(pa.timestamp("us")))
    pq.write_table(ts, tmp_path / "ts.parquet")
    assert _scan.all_dyads([str(tmp_path / "ts.parquet")], **kw) is None
    pq.write_table(_events(500, 9).drop_columns(["quad_class"]), tmp_path / "noquad.parquet")
    assert _scan.all_dyads([str(tmp_path / "noquad.parquet")], **kw) is None
    # a dense table bigger than allowed
    monkeypatch.setattr(_scan, "MAX_BYTES", 1000)
    assert _scan.all_dyads(ok, **kw) is None
    monkeypatch.setattr(_scan, "MAX_BYTES", 1 << 30)

    # without Numba
    def no_numba():
        raise ImportError("numba")

    monkeypatch.setattr(_scan, "_compile", no_numba)
    assert _scan.all_dyads(ok, **kw) is None
    # and the public call still answers, through the SQL
    assert len(all_dyads_series(ok, freq="M")) > 0



def test_nested_folders_and_bad_files(tmp_path, monkeypatch):
    # '**' reaches every level, as DuckDB reads it
    for i, sub in enumerate(["year=2020/month=01", "year=2021/month=07", "x"]):
        (tmp_path / sub).mkdir(parents=True)
        pq.write_table(_events(1500, 20 + i), tmp_path / sub / "part.parquet", row_group_size=400)
    fast, sql = _both(monkeypatch, [str(tmp_path / "**" / "*.parquet")], freq="Q")
    _same(fast, sql)
    assert fast["events"].sum() > 0
    # a file that is not Parquet: the SQL's error, not the pass's
    (tmp_path / "x" / "notes.parquet").write_text("not parquet")
    monkeypatch.setattr(_scan, "MIN_ROWS", 0)
    with pytest.raises(InputError, match="cannot read the events: .*too small to be a Parquet file"):
        all_dyads_series([str(tmp_path / "**" / "*.parquet")], freq="Q")


def test_a_partitioned_dataset_through_the_parquet_engine(tmp_path, monkeypatch):
    # `detente engine export` layout (year=/month= folders, rows without a date in their own
    # partition): the engine's all_dyads_series takes the pass and gives the SQL's frame
    from detente.engine.duckdb_engine import DuckDBEngine, write_events_duckdb

    write_events_duckdb(_events(3000, 30), tmp_path)
    write_events_duckdb(_events(2000, 31, sort=False), tmp_path)
    eng = DuckDBEngine(tmp_path)
    for kw in ({"freq": "M"}, {"freq": "Y", "countries": "PAK,RUS,IND,USA"}, {"freq": "Q", "include_reports": True}):
        _same(*_both(monkeypatch, compute=lambda kw=kw: eng.all_dyads_series(**kw)))


def test_an_event_store_and_a_relation(tmp_path, monkeypatch):
    # a store's table (and any DuckDB relation): DuckDB filters, the pass adds up
    import duckdb

    from detente.store import EventStore

    t = _events(4000, 40)
    t = t.append_column("event_id", pa.array([f"e{i}" for i in range(len(t))]))
    t = t.append_column("dataset", pa.array(["text"] * len(t)))
    with EventStore(tmp_path / "s.duckdb") as store:
        assert store.insert_events(t).stored == len(t)
        for kw in ({"freq": "M"}, {"freq": "W", "since": "2020-02-01", "until": "2021-03-31"},
                   {"freq": "Y", "countries": "PAK,RUS,CHN"}, {"freq": "Q", "include_reports": True}):
            _same(*_both(monkeypatch, compute=lambda kw=kw: all_dyads_series(store, **kw)))
    con = duckdb.connect()
    rel = con.from_arrow(_events(3000, 41, sort=False))
    _same(*_both(monkeypatch, compute=lambda: all_dyads_series(rel, freq="M")))

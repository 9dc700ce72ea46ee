"""The same fixtures through DuckDB and Spark: results compared row for row."""

from __future__ import annotations

import pandas as pd
import pytest

from detente.engine import spec

pytestmark = pytest.mark.spark


def _same(left: pd.DataFrame, right: pd.DataFrame) -> None:
    assert list(left.columns) == list(right.columns)
    assert len(left) == len(right)
    pd.testing.assert_frame_equal(left.reset_index(drop=True), right.reset_index(drop=True), check_dtype=True)


FILTERS = [
    {},
    {"dyad": "PAK,RUS"},
    {"dyad": "RUS,PAK", "directed": True},
    {"actor": "RUSGOV"},
    {"source": "IND,USA", "since": "2015-01-01", "until": "2015-12-31"},
    {"country": "CHN", "quad_class": "3,4"},
    {"cameo": "08", "root": "08", "include_negated": True},
    {"dataset": "text", "first_reports_only": True, "doc_id": "d1"},
]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()) or "all")
def test_events_filter(engines, filters):
    duck, sp = engines
    a = duck.events(**filters)
    b = sp.events(**filters)
    assert a.schema == b.schema
    assert a.to_pylist() == b.to_pylist()
    assert duck.count(**filters) == sp.count(**filters) == len(a)


def test_events_limit(engines):
    duck, sp = engines
    assert duck.events(limit=7).to_pylist() == sp.events(limit=7).to_pylist()


def _same_floats(left: pd.DataFrame, right: pd.DataFrame) -> None:
    # Goldstein sums may differ in the last bits: the engines add in different orders.
    assert list(left.columns) == list(right.columns)
    pd.testing.assert_frame_equal(left.reset_index(drop=True), right.reset_index(drop=True),
                                  check_exact=False, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("freq", ["D", "W", "M", "Q", "Y"])
@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
def test_dyad_series(engines, freq, directed):
    duck, sp = engines
    a = duck.dyad_series("PAK", "RUS", freq=freq, directed=directed)
    b = sp.dyad_series("PAK", "RUS", freq=freq, directed=directed)
    assert len(a) > 0 and a["events"].sum() > 0
    _same_floats(a, b)


def test_dyad_series_window_reports_and_actor_codes(engines):
    duck, sp = engines
    kw = {"freq": "M", "since": "2015-02-10", "until": "2015-11-03", "include_reports": True}
    a = duck.dyad_series("RUSGOV", "PAK", **kw)
    _same_floats(a, sp.dyad_series("RUSGOV", "PAK", **kw))
    assert str(a["period"].iloc[0].date()) == "2015-02-01"
    assert str(a["period"].iloc[-1].date()) == "2015-11-01"
    assert len(a) == 10


def test_dyad_series_share_normalisation(engines):
    duck, sp = engines
    _same_floats(duck.dyad_series("IND", "PAK", freq="Q", normalise="share"),
                 sp.dyad_series("IND", "PAK", freq="Q", normalise="share"))


@pytest.mark.parametrize("freq,countries", [("M", None), ("Y", "PAK,RUS,IND"), ("Q", None)])
def test_all_dyads_series(engines, freq, countries):
    duck, sp = engines
    key = ["a", "b", "period"]  # rows come in no particular order
    a = duck.all_dyads_series(freq=freq, countries=countries).sort_values(key)
    _same_floats(a, sp.all_dyads_series(freq=freq, countries=countries).sort_values(key))
    assert (a["a"] < a["b"]).all()


def test_dyad_events(engines):
    duck, sp = engines
    a = duck.dyad_events("PAK", "RUS").sort_values("event_id")[["event_id", "date", "quad_class"]]
    b = sp.dyad_events("PAK", "RUS").sort_values("event_id")[["event_id", "date", "quad_class"]]
    assert a["event_id"].tolist() == b["event_id"].tolist()
    assert a["date"].dt.date.tolist() == b["date"].dt.date.tolist()


@pytest.mark.parametrize("kw", [
    {"countries": "PAK,RUS,IND,USA,CHN,AFG", "min_events": 3, "alpha": 0.5},
    {"countries": "PAK,RUS,IND,USA", "since": "2016-01-01", "until": "2016-06-30", "min_events": 2, "alpha": 0.9},
], ids=["six", "window"])
def test_signed_ties_and_triads(engines, kw):
    analysis = pytest.importorskip("detente.analysis")
    if not hasattr(analysis, "triads"):
        pytest.skip("detente.analysis has no triads yet")
    duck, sp = engines
    a = duck.signed_ties(**kw)
    _same_floats(a, sp.signed_ties(**kw))
    assert (a["sign"] != 0).any()
    ta, tb = duck.triads(**kw), sp.triads(**kw)
    _same(ta.triangles, tb.triangles)
    assert (ta.balance_score == tb.balance_score) or (ta.balance_score != ta.balance_score)
    assert (ta.frustration, ta.blocs) == (tb.frustration, tb.blocs)
    _same_floats(duck.balance("Y", countries="PAK,RUS,IND,USA", min_events=2, alpha=0.9),
                 sp.balance("Y", countries="PAK,RUS,IND,USA", min_events=2, alpha=0.9))


def test_spec_sql_on_duckdb_equals_the_analysis_reference(engines):
    """The neutral SQL, run by DuckDB, gives exactly the analysis module's own aggregates."""
    from detente.analysis._engine import DuckDBEngine as Reference
    from detente.engine.backend import SpecBackend

    duck, _ = engines
    rel, ours = duck.con.sql("SELECT * FROM events"), SpecBackend(duck)
    ref = Reference()
    for freq in ("W", "Q"):
        _same_floats(ref.dyad_series(rel, "PAK", "RUS", freq=freq).sort_values("period"),
                     ours.dyad_series(duck, "PAK", "RUS", freq=freq))
        x = ref.all_dyads_series(rel, freq=freq).sort_values(["a", "b", "period"])
        y = ours.all_dyads_series(duck, freq=freq).sort_values(["a", "b", "period"])
        _same_floats(x, y)
    _same_floats(ref.period_totals(rel, freq="M"), ours.period_totals(duck, freq="M"))


def test_net_cooperation_is_the_one_definition(engines):
    _, sp = engines
    s = sp.dyad_series("PAK", "RUS", freq="Y")
    coop, conflict = s[list(spec.COOPERATION)].sum(axis=1), s[list(spec.CONFLICT)].sum(axis=1)
    assert (s["net_coop"] == coop - conflict).all()
    assert (s[list(spec.QUAD_COLUMNS.values())].sum(axis=1) == s["events"]).all()

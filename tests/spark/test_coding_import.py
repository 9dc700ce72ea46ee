"""Corpus coding on Spark, and the Parquet layout written and read by both engines."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

pytestmark = pytest.mark.spark

DOCS = [
    {"id": "t-1", "date": "2015-08-20", "text": "Russia agreed to sell four helicopters to Pakistan."},
    {"id": "t-2", "date": "2016-09-25", "text": "India accused Pakistan of sponsoring terrorism."},
    {"id": "t-3", "date": "2016-10-02", "text": "Russian and Pakistani troops held joint military exercises."},
    {"doc_id": "t-4", "text": ""},
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "docs.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in DOCS) + "\n")
    return path


def test_code_partition_with_a_fake_coder_keeps_provenance(spark, corpus, tmp_path):
    from detente.engine import DuckDBEngine
    from detente.engine.coding import spark_code

    def factory():
        from detente.models import Event

        class Fake:
            loads = 0

            def __init__(self):
                Fake.loads += 1

            def code_docs(self, docs, batch_size=32):
                for d in docs:
                    words = d["text"].split()
                    events = [Event(dataset="text", date=d["date"], date_precision="day" if d["date"] else "unknown",
                                    source_code="AAA", source_country="AAA", target_code="BBB", target_country="BBB",
                                    cameo_code="036", quad_class=1, doc_id=d["id"], sentence_id=0,
                                    sentence=d["text"], spans={"source": [0, len(words[0])]},
                                    coder_version=f"fake; loads {Fake.loads}")] if words else []
                    yield d["id"], events, []
        return Fake()

    written = spark_code(corpus, tmp_path, spark=spark, partitions=2, coder_factory=factory)
    assert written == 3
    got = DuckDBEngine(tmp_path).events().to_pylist()
    assert sorted(e["doc_id"] for e in got) == ["t-1", "t-2", "t-3"]
    for e in got:
        assert e["sentence"] and json.loads(e["spans"])["source"][0] == 0
        assert e["coder_version"] == "fake; loads 1"  # one coder per worker, not per document


def test_spark_code_with_the_real_coder(spark, corpus, tmp_path):
    coder = pytest.importorskip("detente.coder")
    from detente.engine import DuckDBEngine
    from detente.engine.coding import spark_code

    try:
        local = coder.code_text(DOCS[0]["text"], DOCS[0]["date"])
    except Exception as exc:  # noqa: BLE001 - any failure to load the model means: skip
        pytest.skip(f"coder not usable here: {exc}")
    written = spark_code(corpus, tmp_path, spark=spark, partitions=2)
    assert written >= 1
    got = DuckDBEngine(tmp_path).events().to_pandas()
    assert set(got["doc_id"]) <= {"t-1", "t-2", "t-3"}
    assert got["coder_version"].notna().all() and got["sentence"].notna().all()
    t1 = got[got["doc_id"] == "t-1"]
    assert sorted(t1["cameo_code"]) == sorted(e.cameo_code for e in local)


def test_layout_written_by_spark_reads_the_same_in_duckdb(spark, events_table, tmp_path):
    from detente.engine import DuckDBEngine
    from detente.engine.spark_engine import (
        SparkEngine,
        arrow_to_spark,
        write_events_spark,
    )

    assert write_events_spark(arrow_to_spark(events_table, spark), tmp_path) == len(events_table)
    parts = sorted(p.relative_to(tmp_path).parts[:3] for p in (tmp_path / "events").rglob("*.parquet"))
    assert ("events", "year=0000", "month=00") in parts  # the event without a date
    assert ("events", "year=2015", "month=03") in parts
    duck = DuckDBEngine(tmp_path)
    a = duck.events(include_negated=True)
    b = SparkEngine(tmp_path, spark=spark).events(include_negated=True)
    expected = events_table.sort_by([("event_id", "ascending")]).to_pylist()
    assert sorted(a.to_pylist(), key=lambda r: r["event_id"]) == expected
    assert a.to_pylist() == b.to_pylist()


def test_export_store_then_both_engines(spark, events_table, tmp_path):
    from detente.engine import DuckDBEngine, export_store
    from detente.engine.spark_engine import SparkEngine
    from detente.store import EventStore

    with EventStore(tmp_path / "s.duckdb") as store:
        store.insert_events(events_table)
        assert export_store(store, tmp_path / "root") == len(events_table)
        from_store = DuckDBEngine.from_store(store).dyad_series("PAK", "RUS", freq="Y")
    a = DuckDBEngine(tmp_path / "root").dyad_series("PAK", "RUS", freq="Y")
    b = SparkEngine(tmp_path / "root", spark=spark).dyad_series("PAK", "RUS", freq="Y")
    pa_a = pa.Table.from_pandas(a)
    assert pa_a.equals(pa.Table.from_pandas(from_store))
    assert a["period"].tolist() == b["period"].tolist()
    nums = [c for c in a.columns if c != "period"]
    assert a[nums].round(9).equals(b[nums].round(9))


def _gdelt1_rows() -> str:
    """Four made-up GDELT 1.0 rows (58 columns) written for this test."""
    rows = []
    spec = [("1001", "20150304", "RUS", "RUSSIA", "RUS", "PAK", "PAKISTAN", "PAK", "0871", "087", "08", "2", "9.0"),
            ("1002", "20150412", "PAKGOV", "PAKISTAN", "PAK", "RUS", "RUSSIA", "RUS", "036", "036", "03", "1", "4.0"),
            ("1003", "20160925", "IND", "INDIA", "IND", "PAK", "PAKISTAN", "PAK", "112", "112", "11", "3", "-2.0"),
            ("1004", "20161002", "RUSMIL", "RUSSIA", "RUS", "PAKMIL", "PAKISTAN", "PAK", "0311", "031", "03", "1", "5.2")]
    for gid, day, c1, n1, cc1, c2, n2, cc2, code, base, root, quad, gold in spec:
        cols = [""] * 58
        cols[0], cols[1], cols[2], cols[3], cols[4] = gid, day, day[:6], day[:4], f"{day[:4]}.1"
        cols[5], cols[6], cols[7] = c1, n1, cc1
        cols[15], cols[16], cols[17] = c2, n2, cc2
        cols[25], cols[26], cols[27], cols[28], cols[29], cols[30] = "1", code, base, root, quad, gold
        cols[31], cols[32], cols[33], cols[34] = "2", "1", "2", "1.5"
        cols[56], cols[57] = day, f"https://news.example.org/{gid}"
        rows.append("\t".join(cols))
    return "\n".join(rows) + "\n"


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_import_gdelt_straight_into_the_layout(spark, tmp_path, engine):
    pytest.importorskip("detente.ingest")
    from detente.engine import DuckDBEngine, import_to_parquet

    src = tmp_path / "20161002.export.CSV"
    src.write_text(_gdelt1_rows())
    root = tmp_path / "root"
    summaries = import_to_parquet([src], "gdelt1", root, engine=engine, spark=spark)
    assert len(summaries) == 1
    got = DuckDBEngine(root).events().to_pandas()
    assert len(got) == 4
    assert set(got["dataset"]) == {"gdelt1"}
    assert got["origin"].notna().all()
    assert (root / "events" / "year=2016" / "month=10").is_dir()
    if engine == "duckdb":  # a second run skips the file already written
        again = import_to_parquet([src], "gdelt1", root)
        assert again[0]["skipped"] and len(DuckDBEngine(root).events()) == 4

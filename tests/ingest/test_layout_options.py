"""`detente import --to ROOT` and `detente events --data ROOT` (DuckDB engine; Spark is in tests/spark)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from detente.cli.main import app
from tests.ingest.builders import gdelt_event, write


def test_import_into_layout_then_query_it(tmp_path):
    src = write(tmp_path / "20161204.export.CSV", [gdelt_event("gdelt1", i) for i in range(12)])
    root = tmp_path / "root"
    runner = CliRunner()
    r = runner.invoke(app, ["import", "gdelt1", str(src), "--to", str(root)])
    assert r.exit_code == 0, r.output
    assert list((root / "events").glob("year=2016/month=12/*.parquet"))
    r = runner.invoke(app, ["events", "--data", str(root), "-f", "jsonl"])
    assert r.exit_code == 0, r.output
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(rows) == 12 and {row["dataset"] for row in rows} == {"gdelt1"}
    # the same file through the store gives the same events
    db = tmp_path / "s.duckdb"
    assert runner.invoke(app, ["import", "gdelt1", str(src), "--db", str(db)]).exit_code == 0
    r2 = runner.invoke(app, ["events", "--db", str(db), "-f", "jsonl"])
    assert sorted(json.loads(x)["event_id"] for x in r2.stdout.splitlines()) == sorted(row["event_id"] for row in rows)


def test_spark_import_needs_a_root(tmp_path):
    src = write(tmp_path / "20161204.export.CSV", [gdelt_event("gdelt1", 1)])
    r = CliRunner().invoke(app, ["import", "gdelt1", str(src), "--engine", "spark"])
    assert r.exit_code == 1
    assert "--to ROOT" in r.output

"""`detente import`, `detente events`, `detente db`: exit codes and messages."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from detente.cli.main import app

from .builders import SPECS, gdelt_event, write

runner = CliRunner()


@pytest.fixture
def loaded(tmp_path):
    db = tmp_path / "s.duckdb"
    lines = [gdelt_event("gdelt1", i) for i in range(12)] + [gdelt_event("gdelt1", 99, date="2016xx01")]
    path = write(tmp_path / "20161204.export.CSV", lines)
    r = runner.invoke(app, ["import", "gdelt1", str(path), "--db", str(db)])
    assert r.exit_code == 0, r.output
    return db, path, r.output


def test_import_prints_a_summary_that_reconciles(loaded):
    _, _, output = loaded
    assert "rows read 13 = stored 12 + set aside 1 + duplicates 0" in output
    assert "detente db rejects" in output


def test_import_twice_is_skipped(loaded):
    db, path, _ = loaded
    r = runner.invoke(app, ["import", "auto", str(path), "--db", str(db)])
    assert r.exit_code == 0 and "skipped" in r.output
    r = runner.invoke(app, ["import", "gdelt1", str(path), "--db", str(db), "--force"])
    assert "rows read 13 = stored 0 + set aside 1 + duplicates 12" in r.output


def test_rejects_file(tmp_path):
    path = write(tmp_path / "x.CSV", [gdelt_event("gdelt1", 1), gdelt_event("gdelt1", 2, code="999")])
    out = tmp_path / "rej.tsv"
    r = runner.invoke(app, ["import", "gdelt1", str(path), "--db", str(tmp_path / "s.duckdb"), "--rejects", str(out)])
    assert r.exit_code == 0
    rows = out.read_text().splitlines()
    assert rows[0] == "file\tline\treason\traw" and rows[1].startswith("x.CSV\t2\tunknown CAMEO code: 999")


@pytest.mark.parametrize("args,message", [
    (["import", "gdelt1", "nope.CSV"], "no such file: nope.CSV"),
    (["import", "gdelt9", "x"], "unknown format 'gdelt9'"),
])
def test_import_user_errors(tmp_path, args, message):
    r = runner.invoke(app, args + ["--db", str(tmp_path / "s.duckdb")])
    assert r.exit_code == 1 and message in r.output and "Traceback" not in r.output


def test_wrong_format_message(tmp_path):
    path = write(tmp_path / "f.CSV", SPECS["gdelt2"].lines(range(3)))
    r = runner.invoke(app, ["import", "gdelt1", str(path), "--db", str(tmp_path / "s.duckdb")])
    assert r.exit_code == 1
    assert "this looks like GDELT 2.0: use `detente import gdelt2`" in " ".join(r.output.split())


def test_events_filters_and_formats(loaded, tmp_path):
    db, _, _ = loaded
    r = runner.invoke(app, ["events", "--db", str(db), "--dyad", "PAK,RUS", "--format", "csv"])
    assert r.exit_code == 0
    rows = r.output.strip().splitlines()
    assert rows[0].startswith('"event_id","dataset","date"') and len(rows) == 1 + 6
    r = runner.invoke(app, ["events", "--db", str(db), "--dyad", "RUS,PAK", "--directed", "--format", "jsonl"])
    recs = [json.loads(x) for x in r.output.strip().splitlines()]
    assert recs and all(x["source_country"] == "RUS" for x in recs)
    r = runner.invoke(app, ["events", "--db", str(db), "--root", "19", "--quad", "4", "-f", "jsonl"])
    assert all(json.loads(x)["cameo_code"] == "190" for x in r.output.strip().splitlines())
    out = tmp_path / "e.parquet"
    r = runner.invoke(app, ["events", "--db", str(db), "--format", "parquet", "--out", str(out)])
    import pandas as pd

    assert r.exit_code == 0 and len(pd.read_parquet(out)) == 12
    r = runner.invoke(app, ["events", "--db", str(db), "--limit", "2"])
    assert r.exit_code == 0 and "2 of 12 events" in r.output


@pytest.mark.parametrize("args,message", [
    (["--since", "2016-13-01"], "is not a date"),
    (["--dyad", "PAK"], "a dyad needs two actors"),
    (["--quad", "7"], "quad class '7' is not 1-4"),
    (["--format", "parquet"], "parquet output needs a file"),
])
def test_events_user_errors(loaded, args, message):
    db, _, _ = loaded
    r = runner.invoke(app, ["events", "--db", str(db), *args])
    assert r.exit_code == 1 and message in r.output and "Traceback" not in r.output


def test_events_without_a_store(tmp_path):
    r = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert r.exit_code == 1 and "no store at" in r.output


def test_db_info_rejects_migrate(loaded):
    db, _, _ = loaded
    r = runner.invoke(app, ["db", "info", "--db", str(db)])
    assert r.exit_code == 0 and "events: 12" in r.output and "gdelt1" in r.output and "set-aside rows: 1" in r.output
    r = runner.invoke(app, ["db", "rejects", "--db", str(db), "--format", "csv"])
    assert r.exit_code == 0 and "20161204.export.CSV,13,bad date: 2016xx01" in r.output
    r = runner.invoke(app, ["db", "migrate", "--db", str(db)])
    assert r.exit_code == 0 and "up to date" in r.output


def test_help_texts():
    for cmd in (["import"], ["events"], ["fetch", "gdelt"], ["db", "info"], ["db", "rejects"], ["db", "migrate"]):
        r = runner.invoke(app, [*cmd, "--help"])
        assert r.exit_code == 0 and "Example" in r.output

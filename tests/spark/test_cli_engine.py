"""`detente engine ...` commands (registered on a bare Typer app: main.py is the lead's)."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def app():
    from detente.cli import engine

    a = typer.Typer()

    @a.callback()
    def main() -> None:
        """test app"""

    engine.register(a)
    return a


def test_export_then_dyad_on_both_engines(app, spark, events_table, tmp_path):
    from detente.store import EventStore

    db = tmp_path / "s.duckdb"
    with EventStore(db) as store:
        store.insert_events(events_table)
    runner = CliRunner()
    r = runner.invoke(app, ["engine", "export", "--db", str(db), "--to", str(tmp_path / "root")])
    assert r.exit_code == 0, r.output
    outs = []
    for engine in ("duckdb", "spark"):
        r = runner.invoke(app, ["engine", "dyad", "PAK", "RUS", "--freq", "Y", "--engine", engine,
                                "--data", str(tmp_path / "root"), "-f", "jsonl"])
        assert r.exit_code == 0, r.output
        outs.append([json.loads(line) for line in r.stdout.splitlines()])
    assert [row["events"] for row in outs[0]] == [row["events"] for row in outs[1]]
    assert len(outs[0]) == 3


def test_spark_without_data_is_a_one_line_error(app):
    r = CliRunner().invoke(app, ["engine", "dyad", "PAK", "RUS", "--engine", "spark"])
    assert r.exit_code == 1
    assert "[D010]" in r.output and "--data ROOT" in r.output

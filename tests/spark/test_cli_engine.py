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


def test_main_commands_take_engine_spark(spark, events_table, tmp_path):
    """`detente dyad|triads|brief --engine spark --data ROOT` give what the store gives."""
    from detente.cli.main import app as main_app
    from detente.store import EventStore

    db = tmp_path / "s.duckdb"
    with EventStore(db) as store:
        store.insert_events(events_table)
    runner = CliRunner()
    root = str(tmp_path / "root")
    assert runner.invoke(main_app, ["engine", "export", "--db", str(db), "--to", root]).exit_code == 0
    on_store = runner.invoke(main_app, ["dyad", "PAK", "RUS", "--freq", "Y", "--db", str(db), "-f", "jsonl"])
    on_spark = runner.invoke(main_app, ["dyad", "PAK", "RUS", "--freq", "Y", "--engine", "spark", "--data", root,
                                        "-f", "jsonl"])
    assert on_store.exit_code == 0 and on_spark.exit_code == 0, on_spark.output
    assert [json.loads(x)["net_coop"] for x in on_store.stdout.splitlines()] == \
        [json.loads(x)["net_coop"] for x in on_spark.stdout.splitlines()]
    r = runner.invoke(main_app, ["triads", "--countries", "PAK,RUS,IND", "--engine", "spark", "--data", root,
                                 "-f", "jsonl"])
    assert r.exit_code == 0, r.output
    out = tmp_path / "b.html"
    r = runner.invoke(main_app, ["brief", "PAK", "RUS", "--engine", "spark", "--data", root, "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert "Pakistan" in out.read_text()

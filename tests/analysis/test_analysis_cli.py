from __future__ import annotations

import pytest
from analysis_fixtures import make_events, synthetic_world
from typer.testing import CliRunner

from detente.cli.main import app


@pytest.fixture
def db(tmp_path):
    from detente import Store

    path = tmp_path / "cli.duckdb"
    with Store(path) as s:
        s.insert_events(synthetic_world())
        s.insert_events(make_events([("2015-01-10", "PAK", "RUS", 1)]).assign(event_id="x1"))
    return path


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_dyad_table_and_changepoints_and_plot(db, tmp_path):
    png = tmp_path / "ab.png"
    r = run("dyad", "AAA", "BBB", "--db", db, "--freq", "Q", "--changepoints", "--plot", png)
    assert r.exit_code == 0, r.output
    assert "net_coop" in r.output and "2010Q1" in r.output
    assert "averaged" in r.output
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_dyad_csv(db):
    r = run("dyad", "AAA", "BBB", "--db", db, "--since", "2011-01-01", "--until", "2011-03-31", "--format", "csv")
    assert r.exit_code == 0, r.output
    lines = r.output.strip().splitlines()
    assert lines[0].startswith("period,events,vc,mc,vk,mk,net_coop")
    assert len(lines) == 4


def test_dyad_too_few_events_said_plainly(db):
    r = run("dyad", "PAK", "RUS", "--db", db)
    assert r.exit_code == 0
    assert "Only 1 event between PAK and RUS: too few to measure a trend." in r.output


def test_dyad_no_events_is_one_line_error(db):
    r = run("dyad", "USA", "CHN", "--db", db)
    assert r.exit_code == 1
    assert "[D009] No events between USA and CHN" in r.output
    assert "Traceback" not in r.output


def test_triads(db):
    r = run("triads", "--countries", "AAA,BBB,EEE,CCC", "--db", db)
    assert r.exit_code == 0, r.output
    assert "Signed ties" in r.output and "pairs have a clear sign" in r.output


def test_triads_by_window(db):
    r = run("triads", "--countries", "AAA,BBB,EEE,CCC", "--db", db, "--window", "Y", "--format", "csv")
    assert r.exit_code == 0, r.output
    lines = r.output.strip().splitlines()
    assert lines[0].startswith("period,signed_ties,positive,negative,triangles,balanced,balance_score")
    assert len(lines) == 7


def test_drivers(db):
    r = run("drivers", "AAA", "BBB", "--db", db, "--max-lag", "2", "--countries", "AAA,BBB,CCC,DDD,EEE")
    assert r.exit_code == 0, r.output
    assert "CCC-DDD" in r.output and "Caution" in r.output


def test_drivers_thin(db):
    r = run("drivers", "PAK", "RUS", "--db", db)
    assert r.exit_code == 1 and "too few" in r.output


@pytest.mark.parametrize("cmd", ["dyad", "triads", "drivers", "brief"])
def test_help(cmd):
    r = run(cmd, "--help")
    assert r.exit_code == 0 and len(r.output) > 200

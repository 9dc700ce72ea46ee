"""Out-of-range numbers on the command line are usage errors, never tracebacks."""

import pytest
from typer.testing import CliRunner

from detente.cli.main import app


@pytest.mark.parametrize("args, option", [
    (["events", "--limit", "-5"], "--limit"),
    (["db", "rejects", "--limit", "-1"], "--limit"),
    (["engine", "events", "--limit", "-2"], "--limit"),
    (["forecast", "predict", "--source", "RUS", "--target", "PAK", "--top", "0"], "--top"),
    (["drivers", "PAK", "RUS", "--max-lag", "0"], "--max-lag"),
    (["triads", "--countries", "PAK,RUS,IND", "--min-events", "-4"], "--min-events"),
    (["serve", "--port", "70000"], "--port"),
    (["fetch", "gdelt", "--start", "2020-01-01", "--end", "2020-01-01", "--version", "7"], "--version"),
])
def test_out_of_range_numbers_are_usage_errors(args, option, tmp_path):
    r = CliRunner().invoke(app, args + ["--db", str(tmp_path / "none.duckdb")] if args[0] != "fetch" else args)
    assert r.exit_code == 2, r.output
    assert "Invalid value" in r.output and option in r.output and "Traceback" not in r.output

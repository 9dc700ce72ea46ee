"""`detente db info | rejects | migrate`: what is in the store, what was set aside, schema upgrades."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from detente.cli.common import (
    DbOption,
    FormatOption,
    OutOption,
    OutputFormat,
    console,
    handle_errors,
    open_store,
    out_console,
    write_table,
)

db_app = typer.Typer(help="Inspect and maintain the event store.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")


@db_app.command("info")
@handle_errors
def info(db: DbOption = None, fmt: FormatOption = OutputFormat.table) -> None:
    """What is in the store: events per dataset with date range, files imported, set-aside rows.

    Example: detente db info
    """
    from detente.ingest.inspect import store_info

    with open_store(db, read_only=True) as store:
        data = store_info(store)
    if fmt != OutputFormat.table:
        df = data["datasets"].merge(data["imports"], on="dataset", how="outer", suffixes=("", "_imports"))
        write_table(df, fmt)
        return
    out_console.print(f"store: {data['path']}")
    out_console.print(f"events: {data['events']:,}   documents: {data['documents']:,}   "
                      f"set-aside rows: {data['rejects']:,}   GDELT mentions: {data['mentions']:,}")
    if not data["datasets"].empty:
        write_table(data["datasets"], fmt, title="events per dataset")
    if not data["imports"].empty:
        write_table(data["imports"], fmt, title="imported files")
    vol = data["volume"]
    if vol["rows"]:
        out_console.print(f"GDELT daily volume: {vol['rows']:,} rows, {vol['countries']} countries, "
                          f"{vol['first_date']} to {vol['last_date']}")
    out_console.print(f"schema: {', '.join(data['migrations'])}")


@db_app.command("rejects")
@handle_errors
def rejects(
    db: DbOption = None,
    file: Annotated[str | None, typer.Option("--file", help="Only rows set aside from this file.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="At most this many rows (0 = all).")] = 50,
    fmt: FormatOption = OutputFormat.table,
    out: OutOption = None,
) -> None:
    """List the rows set aside by imports, with file, line and reason.

    Example: detente db rejects --file 20161204.export.CSV --format csv
    """
    from detente.ingest.inspect import rejects as list_rejects

    with open_store(db, read_only=True) as store:
        df = list_rejects(store, file=file, limit=limit or None)
    if df.empty:
        console.print("no rows were set aside")
        return
    write_table(df, fmt, out, columns=["file", "line", "reason", "raw"] if fmt == OutputFormat.table else None)


@db_app.command("migrate")
@handle_errors
def migrate(db: DbOption = None) -> None:
    """Bring the store's schema up to date (safe to run any time).

    Example: detente db migrate --db my.duckdb
    """
    from detente.ingest.inspect import migrate as run_migrate

    path, applied = run_migrate(db)
    if applied:
        out_console.print(f"{path}: applied {', '.join(applied)}")
    else:
        out_console.print(f"{path}: schema is up to date")


@db_app.command("optimize")
@handle_errors
def optimize(db: DbOption = None) -> None:
    """Sort the events by dyad and date so dyad queries skip most of the store (run after big imports).

    Example: detente db optimize --db my.duckdb
    """
    import time

    with open_store(db) as store:
        started = time.perf_counter()
        with console.status("sorting events by dyad and date"):
            n = store.optimize()
        out_console.print(f"{store.path}: {n:,} events sorted by dyad and date "
                          f"in {time.perf_counter() - started:.1f} s")


__all__ = ["Path", "register"]

"""`detente fetch gdelt`: download GDELT event files for a date range, optionally filter and import them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from detente.cli.common import DbOption, console, handle_errors, open_store, out_console

fetch_app = typer.Typer(help="Download public event data.", no_args_is_help=True)
Opt = typer.Option


def register(app: typer.Typer) -> None:
    app.add_typer(fetch_app, name="fetch")


@fetch_app.command("gdelt")
@handle_errors
def gdelt(
    start: Annotated[str, Opt("--start", help="First day, YYYY-MM-DD.")],
    end: Annotated[str, Opt("--end", help="Last day, YYYY-MM-DD.")],
    version: Annotated[int, Opt("--version", min=1, max=2, help="GDELT 1 (daily files) or 2 (15-minute files).")] = 1,
    translingual: Annotated[bool, Opt("--translingual", help="GDELT 2.0 translingual files.")] = False,
    dest: Annotated[Path | None, Opt("--dest", help="Folder for the files (default: the data folder's gdelt/).")] = None,
    base_url: Annotated[str | None, Opt("--base-url", envvar="DETENTE_GDELT_URL", show_envvar=True,
                                        help="Where GDELT's files are (a mirror, or a local server).")] = None,
    dyad: Annotated[str | None, Opt("--dyad", help="Keep only events between these two actors, e.g. PAK,RUS.")] = None,
    actors: Annotated[str | None, Opt("--actors", help="Keep only events involving any of these actors.")] = None,
    do_import: Annotated[bool, Opt("--import/--no-import", help="Import the files into the store.")] = True,
    retries: Annotated[int, Opt("--retries", min=0, help="Tries per file after the first.")] = 3,
    db: DbOption = None,
) -> None:
    """Download GDELT event files from GDELT's file lists, with checksums, retries and resume.

    Example: detente fetch gdelt --start 2016-12-01 --end 2016-12-07 --dyad PAK,RUS
    """
    from detente import config
    from detente.ingest import import_file
    from detente.ingest.fetch import fetch_gdelt

    folder = dest or config.data_home() / "gdelt"
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console,
                  transient=True) as bar:
        task = bar.add_task("listing GDELT files", total=None)

        def on_file(i: int, n: int, name: str) -> None:
            bar.update(task, total=n, completed=i, description=f"fetching {name}" if name else "done")

        results = fetch_gdelt(start, end, dest=folder, version=version, translingual=translingual, base=base_url,
                              dyad=dyad, actors=actors, retries=retries, on_file=on_file)
    if not results:
        console.print(f"GDELT lists no files between {start} and {end}")
        return
    table = Table(title=f"GDELT {version}.0 files in {folder}")
    for col in ("file", "status", "rows kept", "stored", "set aside", "duplicates"):
        table.add_column(col)
    summaries = {}
    if do_import:
        dataset = "gdelt1" if version == 1 else "gdelt2"
        with open_store(db) as store:
            for r in results:
                if r.rows_kept != 0:
                    summaries[r.name] = import_file(store, r.path, dataset)
    for r in results:
        s = summaries.get(r.name)
        cells = ["", "", ""] if s is None else (["skipped", "", ""] if s.skipped else
                                                 [f"{s.stored:,}", f"{s.set_aside:,}", f"{s.duplicates:,}"])
        table.add_row(r.path.name, r.status, "" if r.rows_kept is None else f"{r.rows_kept:,}", *cells)
    out_console.print(table)
    if any(s.skipped for s in summaries.values()):
        out_console.print("skipped: already imported with the same content")

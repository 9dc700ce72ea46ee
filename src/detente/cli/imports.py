"""`detente import FORMAT FILES...`: event files into the store, with a summary that reconciles."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from detente.cli.common import (
    DbOption,
    OutputFormat,
    console,
    fail,
    handle_errors,
    open_store,
    write_table,
)
from detente.engine.cli_support import EngineName, EngineOption

FORMATS_HELP = "auto, gdelt1, gdelt2, gdelt2-mentions, icews, polecat, phoenix or gdelt-volume"


def register(app: typer.Typer) -> None:
    app.command("import")(import_cmd)


def _import_to_layout(files: list[Path], dataset: str | None, to: str | None, engine: EngineName, force: bool) -> None:
    from detente.engine import import_to_parquet
    from detente.engine.cli_support import spark_session

    if to is None:
        raise fail("--engine spark imports into the Parquet layout: add --to ROOT")
    spark = spark_session() if engine == EngineName.spark else None
    rows = import_to_parquet([str(f) for f in files], dataset, to, engine=engine.value, spark=spark, force=force)
    write_table(rows, OutputFormat.table, None, title=f"imported into {to}")


@handle_errors
def import_cmd(
    fmt: Annotated[str, typer.Argument(metavar="FORMAT", help=f"File format: {FORMATS_HELP}.")],
    files: Annotated[list[Path], typer.Argument(help="Files to import (.zip and .gz too).", show_default=False)],
    db: DbOption = None,
    rejects: Annotated[Path | None, typer.Option("--rejects", help="Also write the set-aside rows to this TSV file.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Read files again even when already imported.")] = False,
    to: Annotated[str | None, typer.Option("--to", help="Instead of the store: write into this Parquet dataset root "
                                                      "(ROOT/events/year=/month=; local, hdfs:// or s3a://).")] = None,
    engine: EngineOption = EngineName.duckdb,
) -> None:
    """Import GDELT, ICEWS, POLECAT or Phoenix files into the event store.

    Bad rows are set aside with file, line and reason (see `detente db rejects`);
    each file imports in one transaction, so an interrupted import leaves no half file.

    Example: detente import gdelt1 20161204.export.CSV.zip
    """
    from detente.ingest import import_file, names, write_rejects

    if fmt.lower() not in ("auto", *names()):
        raise fail(f"unknown format {fmt!r}: use one of {FORMATS_HELP}")
    missing = [str(f) for f in files if not f.exists()]
    if missing:
        raise fail(f"no such file: {missing[0]}")
    dataset = None if fmt.lower() == "auto" else fmt.lower()
    if to is not None or engine == EngineName.spark:
        _import_to_layout(files, dataset, to, engine, force)
        return
    summaries = []
    ids = []
    with open_store(db) as store:
        with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                      TimeElapsedColumn(), console=console, transient=True) as bar:
            for f in files:
                task = bar.add_task(f"importing {f.name}", total=100)
                s = import_file(store, f, dataset, force=force,
                                progress=lambda p, t=task: bar.update(t, completed=min(p, 99)))
                bar.update(task, completed=100)
                summaries.append(s)
                ids.append(s.import_id)
        if rejects is not None:
            n = sum(write_rejects(store, rejects, import_id=i) for i in ids[:1]) if len(ids) == 1 else \
                _write_many(store, rejects, [s.import_id for s in summaries if not s.skipped])
            console.print(f"wrote {n} set-aside rows to {rejects}")
    _print_summary(summaries)


def _write_many(store, out: Path, ids: list[str]) -> int:
    import tempfile

    from detente.ingest import write_rejects

    total = 0
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("file\tline\treason\traw\n")
        for i in ids:
            with tempfile.NamedTemporaryFile("r+", suffix=".tsv", encoding="utf-8") as tmp:
                total += write_rejects(store, tmp.name, import_id=i)
                lines = Path(tmp.name).read_text(encoding="utf-8").splitlines(keepends=True)[1:]
                fh.writelines(lines)
    return total


def _print_summary(summaries) -> None:
    table = Table(title="import summary")
    for col in ("file", "format", "rows read", "stored", "set aside", "duplicates", "note"):
        table.add_column(col, justify="right" if col not in ("file", "format", "note") else "left")
    tot = [0, 0, 0, 0]
    for s in summaries:
        note = "skipped" if s.skipped else f"{s.seconds:.1f}s"
        vals = [s.rows_read, s.stored, s.set_aside, s.duplicates]
        tot = [a + b for a, b in zip(tot, vals)]
        table.add_row(Path(s.path).name, s.dataset, *[f"{v:,}" for v in vals], note)
    if len(summaries) > 1:
        table.add_row("total", "", *[f"{v:,}" for v in tot], "")
    from detente.cli.common import out_console

    out_console.print(table)
    ok = tot[0] == tot[1] + tot[2] + tot[3]
    out_console.print(f"rows read {tot[0]:,} = stored {tot[1]:,} + set aside {tot[2]:,} + duplicates {tot[3]:,}"
                      + ("" if ok else "  [bold red](does not add up: please report this)[/]"))
    if tot[2]:
        out_console.print("see the set-aside rows with `detente db rejects`")
    if any(s.skipped for s in summaries):
        out_console.print("skipped: already imported with the same content (--force reads it again; "
                          "every row then counts as a duplicate)")

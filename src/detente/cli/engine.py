"""`detente engine ...`: the Parquet layout and the Spark engine.

Thin shells around ``detente.engine``: export the store to the partitioned Parquet
layout, import event files straight into it, code a corpus on Spark, and run the
relations analytics on either engine.
"""

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
    write_table,
)
from detente.engine.cli_support import (
    DataOption,
    EngineName,
    EngineOption,
    MasterOption,
    get_engine,
    spark_session,
)

RootArg = Annotated[str, typer.Option("--to", help="Dataset root to write (ROOT/events/year=YYYY/month=MM/).")]


def register(app: typer.Typer) -> None:
    sub = typer.Typer(help="Parquet layout and the Spark engine: export, import, code and analyse at scale.",
                      no_args_is_help=True)
    app.add_typer(sub, name="engine")

    @sub.command("export")
    @handle_errors
    def export_cmd(to: RootArg, db: DbOption = None) -> None:
        """Write the store's events to the partitioned Parquet layout."""
        from detente.engine import export_store

        store = open_store(db, read_only=True)
        n = export_store(store, to)
        console.print(f"wrote {n} events to {to}/events/")

    @sub.command("import")
    @handle_errors
    def import_cmd(
        files: Annotated[list[Path], typer.Argument(help="GDELT / ICEWS / POLECAT / Phoenix files or folders.")],
        to: RootArg,
        dataset: Annotated[str | None, typer.Option("--dataset", help="gdelt1, gdelt2, icews, polecat, phoenix (default: detect).")] = None,
        engine: EngineOption = EngineName.duckdb,
        master: MasterOption = None,
        force: Annotated[bool, typer.Option("--force", help="Write files already imported again.")] = False,
    ) -> None:
        """Import event files straight into the Parquet layout (no store)."""
        from detente.engine import import_to_parquet

        spark = spark_session(master) if engine == EngineName.spark else None
        rows = import_to_parquet(files, dataset, to, engine=engine.value, spark=spark, force=force)
        write_table(rows, OutputFormat.table, None, title=f"Imported into {to}")

    @sub.command("code")
    @handle_errors
    def code_cmd(
        corpus: Annotated[str, typer.Argument(help="JSON Lines documents (id, text, date): a path or glob Spark reads.")],
        out: Annotated[str, typer.Option("--out", help="Dataset root to write events to.")],
        partitions: Annotated[int | None, typer.Option("--partitions", min=1, help="Pieces to split the corpus into.")] = None,
        model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline name or path.")] = None,
        master: MasterOption = None,
    ) -> None:
        """Code a corpus on Spark: one spaCy pipeline per worker, events as Parquet."""
        from detente.engine import spark_code

        n = spark_code(corpus, out, spark=spark_session(master), partitions=partitions, model=model)
        console.print(f"wrote {n} events to {out}/events/")

    @sub.command("events")
    @handle_errors
    def events_cmd(
        dyad: Annotated[str | None, typer.Option("--dyad", help="Two actors, e.g. PAK,RUS.")] = None,
        actor: Annotated[str | None, typer.Option("--actor", help="Either side.")] = None,
        since: Annotated[str | None, typer.Option("--since")] = None,
        until: Annotated[str | None, typer.Option("--until")] = None,
        limit: Annotated[int, typer.Option("--limit", min=0, help="At most this many rows.")] = 50,
        engine: EngineOption = EngineName.duckdb,
        data: DataOption = None,
        master: MasterOption = None,
        db: DbOption = None,
        fmt: FormatOption = OutputFormat.table,
        out: OutOption = None,
    ) -> None:
        """Events matching filters, on either engine."""
        eng = get_engine(engine, data, db, master=master)
        table = eng.events(dyad=dyad, actor=actor, since=since, until=until, limit=limit).to_pandas()
        write_table(table, fmt, out, columns=["date", "source_code", "cameo_code", "target_code", "quad_class",
                                               "goldstein", "dataset"] if fmt == OutputFormat.table else None)

    @sub.command("dyad")
    @handle_errors
    def dyad_cmd(
        a: Annotated[str, typer.Argument(help="First actor, e.g. PAK.")],
        b: Annotated[str, typer.Argument(help="Second actor, e.g. RUS.")],
        freq: Annotated[str, typer.Option("--freq", help="D W M Q Y.")] = "M",
        since: Annotated[str | None, typer.Option("--since")] = None,
        until: Annotated[str | None, typer.Option("--until")] = None,
        directed: Annotated[bool, typer.Option("--directed", help="Only events from A to B.")] = False,
        engine: EngineOption = EngineName.duckdb,
        data: DataOption = None,
        master: MasterOption = None,
        db: DbOption = None,
        fmt: FormatOption = OutputFormat.table,
        out: OutOption = None,
    ) -> None:
        """A dyad's series (detente.analysis.dyad_series) on either engine."""
        eng = get_engine(engine, data, db, master=master)
        series = eng.dyad_series(a, b, freq=freq, since=since, until=until, directed=directed)
        if fmt == OutputFormat.table:
            series = series.assign(period=series["period"].dt.strftime("%Y-%m-%d")).round(3)
        write_table(series, fmt, out, title=f"{a.upper()}-{b.upper()} by {freq.upper()} ({engine.value})")

    @sub.command("triads")
    @handle_errors
    def triads_cmd(
        countries: Annotated[str, typer.Option("--countries", help="Comma-separated countries.")],
        since: Annotated[str | None, typer.Option("--since")] = None,
        until: Annotated[str | None, typer.Option("--until")] = None,
        min_events: Annotated[int, typer.Option("--min-events", min=1)] = 5,
        engine: EngineOption = EngineName.duckdb,
        data: DataOption = None,
        master: MasterOption = None,
        db: DbOption = None,
        fmt: FormatOption = OutputFormat.table,
        out: OutOption = None,
    ) -> None:
        """Signed ties and triads (detente.analysis.triads) on either engine."""
        eng = get_engine(engine, data, db, master=master)
        result = eng.triads(countries, since=since, until=until, min_events=min_events)
        write_table(result.ties, fmt, out, title="Signed ties")
        if fmt == OutputFormat.table:
            for line in result.sentences():
                console.print(line, highlight=False)

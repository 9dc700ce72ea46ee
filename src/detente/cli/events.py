"""`detente events`: filter the store's events and write them as a table, CSV, JSONL or Parquet."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from detente.cli.common import (
    DbOption,
    FormatOption,
    OutOption,
    OutputFormat,
    console,
    fail,
    handle_errors,
    open_store,
    write_table,
)
from detente.engine.cli_support import DataOption, EngineName, EngineOption, get_engine

TABLE_COLUMNS = ["date", "dataset", "source_code", "cameo_code", "target_code", "plover_type", "quad_class",
                 "goldstein", "origin"]
Opt = typer.Option


def register(app: typer.Typer) -> None:
    app.command("events")(events)


@handle_errors
def events(
    dyad: Annotated[str | None, Opt("--dyad", help="Two actors, e.g. PAK,RUS (either direction unless --directed).")] = None,
    directed: Annotated[bool, Opt("--directed", help="Only events from the first actor of --dyad to the second.")] = False,
    actor: Annotated[str | None, Opt("--actor", help="Actor on either side (country code or actor-code prefix).")] = None,
    source: Annotated[str | None, Opt("--source", help="Source actor(s), comma-separated.")] = None,
    target: Annotated[str | None, Opt("--target", help="Target actor(s), comma-separated.")] = None,
    country: Annotated[str | None, Opt("--country", help="Country code(s) on either side.")] = None,
    since: Annotated[str | None, Opt("--since", help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Opt("--until", help="Last date, YYYY-MM-DD.")] = None,
    cameo: Annotated[str | None, Opt("--cameo", help="CAMEO code prefixes, e.g. 057 or 05,19.")] = None,
    root: Annotated[str | None, Opt("--root", help="CAMEO root codes, e.g. 19.")] = None,
    plover: Annotated[str | None, Opt("--plover", help="PLOVER types, e.g. AGREE,ASSAULT.")] = None,
    quad: Annotated[str | None, Opt("--quad", help="Quad classes 1-4, e.g. 3,4.")] = None,
    dataset: Annotated[str | None, Opt("--dataset", help="Datasets, e.g. gdelt1,icews,text.")] = None,
    limit: Annotated[int | None, Opt("--limit", "-n", min=0, help="At most this many events (table default: 50).")] = None,
    fmt: FormatOption = OutputFormat.table,
    out: OutOption = None,
    db: DbOption = None,
    engine: EngineOption = EngineName.duckdb,
    data: DataOption = None,
) -> None:
    """Events from the store (or a Parquet dataset with --data), filtered.

    Example: detente events --dyad PAK,RUS --since 2014-01-01 --format csv > pak_rus.csv
    """
    from detente.store import EventFilter

    filt = EventFilter.build(dyad=dyad, directed=directed, actor=actor, source=source, target=target,
                             country=country, since=since, until=until, cameo=cameo, root=root, plover=plover,
                             quad_class=quad, dataset=dataset)
    if directed and not dyad:
        raise fail("--directed needs --dyad A,B")
    if fmt == OutputFormat.parquet and out is None:
        raise fail("parquet output needs a file: add --out FILE.parquet")
    if engine == EngineName.spark or data is not None:
        eng = get_engine(engine, data, db)
        table = eng.events(filt, limit=limit or (50 if fmt == OutputFormat.table else None))
        if table.num_rows == 0 and fmt == OutputFormat.table:
            console.print("no events match")
            return
        write_table(table.to_pandas(), fmt, out, columns=TABLE_COLUMNS if fmt == OutputFormat.table else None)
        return
    with open_store(db, read_only=True) as store:
        if fmt == OutputFormat.table:
            n = limit or 50
            df = store.events(filt, limit=n)
            total = store.count(filt)
            if df.empty:
                console.print("no events match")
                return
            write_table(df, fmt, out, columns=TABLE_COLUMNS, title=f"{min(n, total):,} of {total:,} events")
            return
        if limit is not None:
            write_table(store.events(filt, limit=limit), fmt, out)
            return
        _stream(store, filt, fmt, out)


def _stream(store, filt, fmt: OutputFormat, out) -> None:
    """Write every matching event batch by batch, so a big export keeps memory flat."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    from detente.models import EVENT_SCHEMA

    n = 0
    if fmt == OutputFormat.parquet:
        with pq.ParquetWriter(out, EVENT_SCHEMA) as writer:
            for batch in store.iter_event_batches(filt):
                writer.write_batch(batch.cast(EVENT_SCHEMA) if batch.schema != EVENT_SCHEMA else batch)
                n += batch.num_rows
        console.print(f"wrote {n:,} events to {out}")
        return
    stream = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout  # noqa: SIM115 - stdout or a file
    try:
        first = True
        for batch in store.iter_event_batches(filt):
            n += batch.num_rows
            if fmt == OutputFormat.csv:
                import io

                buf = io.BytesIO()
                pacsv.write_csv(pa.Table.from_batches([batch]), buf,
                                pacsv.WriteOptions(include_header=first, quoting_style="needed"))
                stream.write(buf.getvalue().decode("utf-8"))
            else:
                for rec in batch.to_pylist():
                    if rec.get("date") is not None:
                        rec["date"] = rec["date"].isoformat()
                    stream.write(json.dumps(rec, ensure_ascii=False) + "\n")
            first = False
        if first and fmt == OutputFormat.csv:
            from detente.models import EVENT_FIELDS

            stream.write(",".join(EVENT_FIELDS) + "\n")
    finally:
        if out:
            stream.close()
    if out:
        console.print(f"wrote {n:,} events to {out}")

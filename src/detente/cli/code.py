"""`detente code`: text in, events out (a thin shell around ``detente.coder.Coder``)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from detente.cli.common import (
    FormatOption,
    OutOption,
    OutputFormat,
    console,
    handle_errors,
    open_store,
)


class InputFormat(str, Enum):
    text = "text"
    jsonl = "jsonl"


TABLE_COLUMNS = ["date", "source_code", "source_name", "cameo_code", "plover_type", "target_code", "target_name",
                 "confidence", "flags"]
TABLE_LIMIT = 1000


class _Counter:
    """Wraps a binary stream and reports bytes read, for the progress bar."""

    def __init__(self, fh, advance) -> None:
        self.fh, self.advance = fh, advance

    def __iter__(self) -> Iterator[bytes]:
        for line in self.fh:
            self.advance(len(line))
            yield line


class _Writer:
    """Streams events as JSONL or CSV, batches Parquet, keeps the first rows for a table."""

    def __init__(self, fmt: OutputFormat, out: Path | None) -> None:
        from detente.models import EVENT_FIELDS

        self.fmt, self.out, self.fields = fmt, out, list(EVENT_FIELDS)
        self.count = 0
        self.table_rows: list[dict[str, Any]] = []
        self.parquet_writer = None
        self.batch: list = []
        self.stream = None
        if fmt in (OutputFormat.jsonl, OutputFormat.csv):
            self.stream = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout  # noqa: SIM115
        if fmt == OutputFormat.csv:
            self.csv = csv.DictWriter(self.stream, fieldnames=self.fields)
            self.csv.writeheader()
        if fmt == OutputFormat.parquet and out is None:
            raise typer.BadParameter("parquet output needs a file: add --out FILE.parquet", param_hint="--format")

    def write(self, events: list) -> None:
        for e in events:
            self.count += 1
            rec = e.to_dict()
            if self.fmt == OutputFormat.jsonl:
                self.stream.write(json.dumps(rec, ensure_ascii=False) + "\n")
            elif self.fmt == OutputFormat.csv:
                rec["spans"] = json.dumps(rec["spans"], separators=(",", ":")) if rec["spans"] else None
                self.csv.writerow(rec)
            elif self.fmt == OutputFormat.parquet:
                self.batch.append(e)
                if len(self.batch) >= 5000:
                    self._flush_parquet()
            elif len(self.table_rows) < TABLE_LIMIT:
                flags = ",".join(f for f in ("negated", "speculative") if rec[f]) + (
                    f" report_of={rec['report_of'][:8]}" if rec["report_of"] else "")
                self.table_rows.append({**{k: rec.get(k) for k in TABLE_COLUMNS if k != "flags"}, "flags": flags})

    def _flush_parquet(self) -> None:
        import pyarrow.parquet as pq

        from detente.models import events_to_arrow

        if not self.batch:
            return
        table = events_to_arrow(self.batch)
        if self.parquet_writer is None:
            self.parquet_writer = pq.ParquetWriter(str(self.out), table.schema)
        self.parquet_writer.write_table(table)
        self.batch = []

    def close(self) -> None:
        if self.fmt == OutputFormat.parquet:
            self._flush_parquet()
            if self.parquet_writer is None:
                import pyarrow.parquet as pq

                from detente.models import EVENT_SCHEMA

                pq.write_table(EVENT_SCHEMA.empty_table(), str(self.out))
            else:
                self.parquet_writer.close()
            console.print(f"wrote {self.count} events to {self.out}")
        elif self.fmt == OutputFormat.table:
            if self.table_rows:
                from rich.table import Table

                from detente.cli.common import out_console

                t = Table(title="coded events")
                t.add_column("date", no_wrap=True)
                t.add_column("source")
                t.add_column("cameo", no_wrap=True)
                t.add_column("plover", no_wrap=True)
                t.add_column("target")
                t.add_column("conf", no_wrap=True)
                t.add_column("flags")
                for r in self.table_rows:
                    t.add_row(r["date"] or "?", f"{r['source_code'] or '-'} {r['source_name'] or ''}", r["cameo_code"],
                              r["plover_type"], f"{r['target_code'] or '-'} {r['target_name'] or ''}",
                              f"{r['confidence']:.2f}", r["flags"])
                out_console.print(t)
                if self.count > TABLE_LIMIT:
                    console.print(f"(showing {TABLE_LIMIT} of {self.count} events; use --format jsonl for all)")
            else:
                console.print("no events found")
        elif self.stream is not None and self.stream is not sys.stdout:
            self.stream.close()


def register(app: typer.Typer) -> None:
    @app.command("code")
    @handle_errors
    def code_cmd(
        path: Annotated[str, typer.Argument(help="Article file, JSONL corpus, or - for stdin.")],
        date: Annotated[str | None, typer.Option("--date", help="Document date YYYY-MM-DD (anchors 'last week').")] = None,
        input_format: Annotated[InputFormat, typer.Option("--input-format", help='text, or jsonl lines of {"id","text","date"?}.')] = InputFormat.text,
        fmt: FormatOption = OutputFormat.table,
        out: OutOption = None,
        db: Annotated[Path | None, typer.Option("--db", help="Also store documents, sentences and events in this DuckDB file.")] = None,
        model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline name or path (default en_core_web_sm).")] = None,
        actors: Annotated[list[Path] | None, typer.Option("--actors", help="Extra actor CSV file (repeatable).")] = None,
        petrarch_actors: Annotated[list[Path] | None, typer.Option("--petrarch-actors", help="PETRARCH actor dictionary (repeatable).")] = None,
        petrarch_agents: Annotated[Path | None, typer.Option("--petrarch-agents", help="PETRARCH agents dictionary.")] = None,
        petrarch_verbs: Annotated[Path | None, typer.Option("--petrarch-verbs", help="PETRARCH verb dictionary (CAMEO.2.0.txt), loaded at run time as a fallback lexicon.")] = None,
        include_negated: Annotated[bool, typer.Option("--include-negated", help="Keep negated events, flagged negated=true.")] = False,
        workers: Annotated[int, typer.Option("--workers", min=1, help="Processes for parsing (corpora).")] = 1,
    ) -> None:
        """Code an article (or a JSONL corpus) into CAMEO/PLOVER events with their evidence.

        Examples: detente code article.txt --date 2016-12-10;
        detente code corpus.jsonl --input-format jsonl --db my.duckdb;
        cat article.txt | detente code - --format csv
        """
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        from detente.actors import ActorDictionary
        from detente.coder import Coder
        from detente.coder.inputs import iter_jsonl, read_text
        from detente.coder.storing import store_stream
        from detente.errors import BadRow

        dictionary = ActorDictionary.default(extra=actors or [])
        if petrarch_actors or petrarch_agents:
            dictionary.add_petrarch(actors=petrarch_actors or None, agents=petrarch_agents)
        writer = _Writer(fmt, out)
        progress = Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                            TextColumn("{task.completed:,.0f}/{task.total:,.0f}"), TimeElapsedColumn(),
                            console=console, transient=True, disable=not console.is_terminal)
        with progress:
            task = progress.add_task("loading model", total=None)
            coder = Coder(model=model, actors=dictionary, include_negated=include_negated, petrarch_verbs=petrarch_verbs)
            skipped: list[str] = []
            coder.on_skip = lambda doc_id, reason: skipped.append(f"{doc_id}: {reason}")
            bad_lines = 0
            documents: dict[str, dict[str, Any]] = {}

            if input_format == InputFormat.text:
                text, warning = read_text(path)
                if warning:
                    console.print(f"[yellow]Warning:[/] {warning}")
                docs_iter = iter([{"id": None if path == "-" else Path(path).name, "text": text, "date": date}])
                progress.update(task, description="coding", total=1)
            else:
                if path == "-":
                    fh = sys.stdin.buffer
                    total = None
                else:
                    p = Path(path)
                    if not p.exists():
                        raise typer.BadParameter(f"file not found: {p}", param_hint="PATH")
                    fh = p.open("rb")
                    total = p.stat().st_size
                progress.update(task, description="coding (bytes)", total=total, completed=0)

                def docs_gen():
                    nonlocal bad_lines
                    for item in iter_jsonl(_Counter(fh, lambda n: progress.advance(task, n)), name=str(path)):
                        if isinstance(item, BadRow):
                            bad_lines += 1
                            console.print(f"[yellow]Warning:[/] line {item.line}: {item.reason}; skipped", highlight=False)
                            continue
                        if item.get("date") is None:
                            item["date"] = date
                        if db is not None:
                            documents[item["id"]] = item
                        yield item

                docs_iter = docs_gen()

            coded = coder.code_docs(docs_iter, n_process=workers)

            def tee():
                for doc_id, events, sents in coded:
                    writer.write(events)
                    if input_format == InputFormat.text:
                        progress.advance(task, 1)
                    while skipped:
                        console.print(f"[yellow]Warning:[/] {skipped.pop(0)}", highlight=False)
                    yield doc_id, events, sents

            if db is not None:
                if input_format == InputFormat.text:
                    documents = {}
                    stream = tee()

                    def with_text():
                        for doc_id, events, sents in stream:
                            documents[str(doc_id)] = {"text": text, "date": date}
                            yield doc_id, events, sents

                    source = with_text()
                else:
                    source = tee()
                with open_store(db) as store:
                    summary = None
                    for summary in store_stream(store, source, documents):
                        pass
                if summary is not None:
                    console.print(f"stored {summary.events} events ({summary.duplicates} already there), "
                                  f"{summary.documents} documents, {summary.sentences} sentences in {db}")
            else:
                for _ in tee():
                    pass
        writer.close()
        if bad_lines:
            console.print(f"[yellow]{bad_lines} malformed line(s) skipped; the rest were coded.[/]")

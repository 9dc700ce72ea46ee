"""The event store: one DuckDB file holding events, their origins, documents and sentences.

This module is the only place that talks to DuckDB for the event store.

>>> from detente.store import EventStore
>>> from detente.models import Event
>>> store = EventStore(":memory:")
>>> store.insert_events([Event(dataset="text", date="2014-06-02", date_precision="day",
...                            source_code="RUS", source_country="RUS",
...                            target_code="PAK", target_country="PAK", cameo_code="057")]).stored
1
>>> len(store.events(dyad="PAK,RUS"))
1
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from detente import config
from detente.errors import InputError, StoreError
from detente.models import EVENT_FIELDS, EVENT_SCHEMA, Event, events_to_arrow
from detente.store import migrations
from detente.store.queries import EventFilter

_COLS = ", ".join(EVENT_FIELDS)


@dataclass(frozen=True)
class InsertResult:
    """What an insert did: new rows stored, and rows whose event_id was already there."""

    stored: int
    duplicates: int


def _to_arrow(events: Any) -> pa.Table:
    if isinstance(events, pa.Table):
        table = events
    elif isinstance(events, pd.DataFrame):
        table = pa.Table.from_pandas(events, preserve_index=False)
    else:
        items = list(events)
        table = events_to_arrow(items)
    missing = [f for f in EVENT_FIELDS if f not in table.column_names]
    for name in missing:
        table = table.append_column(name, pa.nulls(len(table), type=EVENT_SCHEMA.field(name).type))
    table = table.select(list(EVENT_FIELDS))
    if table.column(table.column_names.index("spans")).type != pa.string():
        spans = [None if v is None else (v if isinstance(v, str) else json.dumps(v)) for v in table["spans"].to_pylist()]
        table = table.set_column(table.column_names.index("spans"), "spans", pa.array(spans, pa.string()))
    return table.cast(EVENT_SCHEMA)


class EventStore:
    """An event store in a DuckDB file (or ``":memory:"``).

    ``path`` None uses ``DETENTE_DB`` or the default location (see ``detente.config``).
    ``read_only=True`` opens an existing store without the right to change it.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> None:
        self.path: str = str(path) if str(path) == ":memory:" else str(config.resolve_db_path(path))
        self.read_only = read_only
        if self.path != ":memory:":
            p = Path(self.path)
            if read_only and not p.exists():
                raise StoreError(f"no store at {p}", hint="import or code something first, or pass --db PATH")
            if p.is_dir():
                raise StoreError(f"{p} is a folder, not a database file", hint="pass a file path to --db")
            if not read_only:
                p.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con = config.connect_duckdb(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            raise StoreError(f"cannot open {self.path}: {exc}".splitlines()[0],
                             hint="is another detente process writing to it?") from None
        except duckdb.Error as exc:
            raise StoreError(f"{self.path} is not a DuckDB database ({type(exc).__name__})",
                             hint="pass a new path with --db") from None
        if read_only:
            if migrations.pending(self._con):
                raise StoreError(f"{self.path} needs a schema upgrade", hint="run `detente db migrate` first")
        else:
            migrations.apply(self._con)

    # -- connection ---------------------------------------------------------------
    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        return self._con

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All or nothing: a crash inside leaves the store as it was before."""
        self._con.execute("BEGIN TRANSACTION")
        try:
            yield self._con
        except BaseException:
            self._con.execute("ROLLBACK")
            raise
        self._con.execute("COMMIT")

    def _scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        rows = self._con.execute(sql, params or []).fetchall()
        return rows[0][0] if rows else None

    # -- maintenance ----------------------------------------------------------------
    def optimize(self) -> int:
        """Rewrite ``events`` sorted by source country, target country and date.

        DuckDB keeps min/max per row group (~120,000 rows); once the table is in this
        order a dyad query (which adds the country condition its actor rule implies,
        see ``EventFilter``) reads only the row groups that can hold the pair, instead
        of the whole table. Imports append in file order, so run this after big
        imports (``detente db optimize``). All or nothing; returns the row count.
        """
        from detente.store.migrations import _EVENT_COLUMNS

        if self.read_only:
            raise StoreError("the store is open read-only", hint="open it without read_only to optimise it")
        cols = ", ".join(EVENT_FIELDS)
        with self.transaction() as con:
            con.execute("DROP TABLE IF EXISTS _events_sorted")
            con.execute(f"CREATE TABLE _events_sorted ({_EVENT_COLUMNS})")
            con.execute(f"""INSERT INTO _events_sorted ({cols}) SELECT {cols} FROM events
                            ORDER BY source_country NULLS LAST, target_country NULLS LAST, date, event_id""")
            con.execute("DROP TABLE events")
            con.execute("ALTER TABLE _events_sorted RENAME TO events")
        self._con.execute("CHECKPOINT")
        return int(self._scalar("SELECT count(*) FROM events"))

    # -- writing ------------------------------------------------------------------
    def insert_events(self, events: Iterable[Event] | pa.Table | pd.DataFrame, *, in_transaction: bool = False) -> InsertResult:
        """Add events; rows whose ``event_id`` is already stored are counted as duplicates,
        and their ``origin`` is added to ``event_origins`` so no provenance is lost."""
        table = _to_arrow(events)
        if len(table) == 0:
            return InsertResult(0, 0)
        for name in ("event_id", "dataset"):  # the table's key and a NOT NULL column
            if table.column(name).null_count:
                raise InputError(f"{table.column(name).null_count} of {len(table)} events have no {name}",
                                 hint="every event needs an event_id and a dataset (see detente.models.Event)")
        ctx = contextlib.nullcontext(self._con) if in_transaction else self.transaction()
        with ctx as con:
            return self._insert_arrow(con, table)

    def _insert_arrow(self, con: duckdb.DuckDBPyConnection, table: pa.Table) -> InsertResult:
        con.register("_incoming", table)
        try:
            before = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
            # Within one batch the first row of an id wins; later ones are duplicates.
            con.execute(
                f"""INSERT INTO events ({_COLS})
                    SELECT {_COLS} FROM (
                        SELECT *, row_number() OVER (PARTITION BY event_id) AS _n FROM _incoming
                    ) WHERE _n = 1
                    ON CONFLICT DO NOTHING"""
            )
            after = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
            con.execute(
                """INSERT INTO event_origins
                   SELECT DISTINCT event_id, origin FROM _incoming WHERE origin IS NOT NULL
                   ON CONFLICT DO NOTHING"""
            )
        finally:
            con.unregister("_incoming")
        stored = after - before
        return InsertResult(stored=stored, duplicates=len(table) - stored)

    def insert_documents(self, rows: Sequence[dict[str, Any]]) -> int:
        """Store source documents (``doc_id``, ``text``, ``date``, ``title``, ``source``); existing ids are kept."""
        if not rows:
            return 0
        df = pd.DataFrame(
            [{k: r.get(k) for k in ("doc_id", "title", "text", "date", "source")} for r in rows]
        ).astype({"doc_id": "string", "title": "string", "text": "string", "date": "string", "source": "string"})
        self._con.register("_docs", df)
        try:
            before = self._scalar("SELECT count(*) FROM documents")
            self._con.execute(
                """INSERT INTO documents (doc_id, title, text, date, source)
                   SELECT doc_id, title, text, TRY_CAST(date AS DATE), source FROM _docs
                   ON CONFLICT DO NOTHING"""
            )
            return self._scalar("SELECT count(*) FROM documents") - before
        finally:
            self._con.unregister("_docs")

    def insert_sentences(self, rows: Sequence[dict[str, Any]]) -> int:
        """Store sentences (``doc_id``, ``sentence_id``, ``start_char``, ``end_char``, ``text``)."""
        if not rows:
            return 0
        df = pd.DataFrame([{k: r.get(k) for k in ("doc_id", "sentence_id", "start_char", "end_char", "text")} for r in rows])
        self._con.register("_sents", df)
        try:
            before = self._scalar("SELECT count(*) FROM sentences")
            self._con.execute("INSERT INTO sentences SELECT doc_id, sentence_id, start_char, end_char, text FROM _sents ON CONFLICT DO NOTHING")
            return self._scalar("SELECT count(*) FROM sentences") - before
        finally:
            self._con.unregister("_sents")

    # -- reading ------------------------------------------------------------------
    def relation(self, filt: EventFilter | None = None, **filters: Any) -> duckdb.DuckDBPyRelation:
        """Matching events as a lazy DuckDB relation (for analytics that stay in SQL)."""
        filt = filt or EventFilter.build(**filters)
        where, params = filt.where()
        return self._con.sql(f"SELECT {_COLS} FROM events WHERE {where}", params=params or None)

    def events(
        self,
        filt: EventFilter | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
        order: str = "date",
        **filters: Any,
    ) -> pd.DataFrame:
        """Events matching the filters as a pandas DataFrame (fields of ARCHITECTURE.md).

        Filters: ``dyad="PAK,RUS"``, ``directed``, ``actor``, ``source``, ``target``,
        ``country``, ``since``, ``until``, ``cameo``, ``root``, ``plover``,
        ``quad_class``, ``dataset``, ``doc_id``, ``include_negated``.
        """
        return self.events_arrow(filt, limit=limit, offset=offset, order=order, **filters).to_pandas()

    def events_arrow(self, filt: EventFilter | None = None, *, limit: int | None = None, offset: int = 0,
                     order: str = "date", **filters: Any) -> pa.Table:
        filt = filt or EventFilter.build(**filters)
        where, params = filt.where()
        if order not in ("date", "date desc", "event_id"):
            raise StoreError(f"cannot order by {order!r}", hint="use date, 'date desc' or event_id")
        sql = f"SELECT {_COLS} FROM events WHERE {where} ORDER BY {order} NULLS LAST, event_id"
        if (limit is not None and limit < 0) or offset < 0:
            raise StoreError(f"limit and offset cannot be negative (got {limit}, {offset})")
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = params + [int(limit), int(offset)]
        return self._con.sql(sql, params=params).to_arrow_table()

    def iter_event_batches(self, filt: EventFilter | None = None, batch_size: int = 100_000, **filters: Any) -> Iterator[pa.RecordBatch]:
        """Stream matching events in Arrow batches (flat memory for big exports)."""
        filt = filt or EventFilter.build(**filters)
        where, params = filt.where()
        reader = self._con.sql(
            f"SELECT {_COLS} FROM events WHERE {where} ORDER BY date NULLS LAST, event_id", params=params
        ).to_arrow_reader(batch_size)
        yield from reader

    def count(self, filt: EventFilter | None = None, **filters: Any) -> int:
        filt = filt or EventFilter.build(**filters)
        where, params = filt.where()
        return int(self._scalar(f"SELECT count(*) FROM events WHERE {where}", params))

    def origins(self, event_id: str) -> list[str]:
        # Bulk imports record an event's first origin only in events.origin (see detente.ingest).
        rows = self._con.execute(
            "SELECT origin FROM event_origins WHERE event_id = ? UNION "
            "SELECT origin FROM events WHERE event_id = ? AND origin IS NOT NULL ORDER BY origin",
            [event_id, event_id]).fetchall()
        return [r[0] for r in rows]

    def document(self, doc_id: str) -> dict[str, Any] | None:
        rows = self._con.execute("SELECT doc_id, title, text, date, source FROM documents WHERE doc_id = ?", [doc_id]).fetchall()
        if not rows:
            return None
        row = rows[0]
        return dict(zip(("doc_id", "title", "text", "date", "source"), row))

    def sentences(self, doc_id: str) -> pd.DataFrame:
        return self._con.execute(
            "SELECT * FROM sentences WHERE doc_id = ? ORDER BY sentence_id", [doc_id]
        ).df()

    def info(self) -> pd.DataFrame:
        """Per dataset: events, first and last date, distinct actors, files imported."""
        return self._con.execute(
            """
            SELECT e.dataset,
                   count(*) AS events,
                   min(date) AS first_date,
                   max(date) AS last_date,
                   count(DISTINCT source_code) AS source_actors,
                   count(DISTINCT target_code) AS target_actors,
                   coalesce(max(i.files), 0) AS files
            FROM events e
            LEFT JOIN (SELECT dataset, count(*) AS files FROM imports WHERE status = 'done' GROUP BY dataset) i
              USING (dataset)
            GROUP BY e.dataset ORDER BY e.dataset
            """
        ).df()

    def totals(self) -> dict[str, Any]:
        row = self._con.execute(
            "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM documents), (SELECT count(*) FROM rejects)"
        ).fetchall()[0]
        return {"path": self.path, "events": row[0], "documents": row[1], "rejects": row[2],
                "migrations": [r[0] for r in self._con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]}

    def country_volume(self) -> pd.DataFrame:
        return self._con.execute("SELECT * FROM country_volume ORDER BY date, country").df()

    def set_country_volume(self, df: pd.DataFrame) -> int:
        """Store daily event totals per country (columns date, country, events)."""
        self._con.register("_vol", df[["date", "country", "events"]])
        try:
            self._con.execute(
                "INSERT OR REPLACE INTO country_volume SELECT CAST(date AS DATE), country, events FROM _vol"
            )
        finally:
            self._con.unregister("_vol")
        return len(df)


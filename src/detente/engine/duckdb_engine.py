"""The default engine: DuckDB over the partitioned Parquet layout, an event store,
or an Arrow table in memory.

>>> eng = DuckDBEngine("data/")          # reads data/events/year=*/month=*/*.parquet  # doctest: +SKIP
>>> eng.dyad_series("PAK", "RUS", freq="Y")                                            # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

from detente.config import connect_duckdb
from detente.engine import spec
from detente.engine.base import Engine
from detente.errors import EngineError
from detente.models import EVENT_FIELDS, EVENT_SCHEMA

if TYPE_CHECKING:
    import pandas as pd

_COLS = ", ".join(EVENT_FIELDS)


def _has_scheme(path: str) -> bool:
    return "://" in path


def events_glob(root: str | os.PathLike[str]) -> str:
    return f"{str(root).rstrip('/')}/{spec.EVENTS_DIR}/**/*.parquet"


class DuckDBEngine(Engine):
    """DuckDB engine. ``root`` is a dataset root holding ``events/year=YYYY/month=MM/``;
    pass ``con`` instead to use a connection where ``events`` already exists (the store)."""

    name = "duckdb"
    dialect = "duckdb"

    def __init__(self, root: str | os.PathLike[str] | None = None, *,
                 con: duckdb.DuckDBPyConnection | None = None, threads: int | None = None) -> None:
        self.root = None if root is None else str(root)
        self._owns = con is None
        self.con = con if con is not None else connect_duckdb()
        if threads and self._owns:
            self.con.execute(f"SET threads = {int(threads)}")
        if self.root is not None:
            self._attach_parquet(self.root)

    @classmethod
    def from_store(cls, store: Any) -> DuckDBEngine:
        """Run on an ``EventStore``'s own connection (its ``events`` table)."""
        return cls(con=store.con)

    @classmethod
    def from_table(cls, table: pa.Table) -> DuckDBEngine:
        """Run on an Arrow table of events held in memory (tests, notebooks)."""
        eng = cls()
        eng.con.register("_events_arrow", table)
        eng.con.execute(f"CREATE VIEW events AS SELECT {_COLS} FROM _events_arrow")
        return eng

    def _attach_parquet(self, root: str) -> None:
        if not _has_scheme(root) and not any(Path(root, spec.EVENTS_DIR).rglob("*.parquet")):
            raise EngineError(f"no Parquet events under {root}/{spec.EVENTS_DIR}",
                              hint="write some with `detente engine export` or `detente engine import`")
        glob = events_glob(root).replace("'", "''")
        self.con.execute(
            f"CREATE OR REPLACE VIEW events AS SELECT {_COLS} FROM read_parquet('{glob}', "
            "hive_partitioning = true, union_by_name = true)"
        )

    def _query(self, sql: str, params: Sequence[Any]) -> pa.Table:
        try:
            return self.con.sql(sql, params=list(params) or None).to_arrow_table()
        except duckdb.Error as exc:
            raise EngineError(f"DuckDB query failed: {str(exc).splitlines()[0]}") from exc

    def all_dyads_series(self, freq: str = "M", since: Any = None, until: Any = None,
                         countries: Sequence[str] | str | None = None, **options: Any) -> pd.DataFrame:
        # a big local dataset: the compiled pass reads the files themselves (same frame as the SQL)
        if self.root is not None and not _has_scheme(self.root) and set(options) <= {"include_reports"}:
            from detente.analysis._engine import compiled_all_dyads

            out = compiled_all_dyads([events_glob(self.root)], freq=freq, since=since, until=until,
                                     countries=countries, include_reports=bool(options.get("include_reports")))
            if out is not None:
                return out
        return super().all_dyads_series(freq, since, until, countries, **options)

    def analysis_input(self) -> tuple[Any, Any]:
        # The DuckDB side is detente.analysis's own engine: the reference.
        return self.con.sql("SELECT * FROM events"), "duckdb"

    def write_events(self, table: Any, root: str | os.PathLike[str]) -> int:
        return write_events_duckdb(table, root, con=self.con if self._owns else None)

    def close(self) -> None:
        if self._owns:
            self.con.close()


def write_events_duckdb(table: Any, root: str | os.PathLike[str], *, con: duckdb.DuckDBPyConnection | None = None,
                        prefix: str = "part") -> int:
    """Append an Arrow table (or anything DuckDB can scan) of events to the partitioned layout.

    Within each month's files rows are sorted by source country, target country and
    date, so a dyad query reads only the few row groups whose min/max can hold the
    pair (see ``docs/spark.md``, "Layout").

    Files are named ``<prefix>-<uuid>.parquet`` so repeated writes never overwrite.
    """
    own = con is None
    con = con or connect_duckdb()
    if isinstance(table, pa.Table):
        missing = [f for f in EVENT_FIELDS if f not in table.column_names]
        for name in missing:
            table = table.append_column(name, pa.nulls(len(table), type=EVENT_SCHEMA.field(name).type))
        table = table.select(list(EVENT_FIELDS)).cast(EVENT_SCHEMA)
    n = len(table) if isinstance(table, pa.Table) else None
    out = f"{str(root).rstrip('/')}/{spec.EVENTS_DIR}"
    if not _has_scheme(out):
        Path(out).mkdir(parents=True, exist_ok=True)
    if isinstance(table, duckdb.DuckDBPyRelation):  # a relation on ``con``: write it without materialising
        table.create_view("_to_write", replace=True)
    else:
        con.register("_to_write", table)
    try:
        if n is None:
            n = con.execute("SELECT count(*) FROM _to_write").fetchall()[0][0]
        if n == 0:
            return 0
        con.execute(
            f"""COPY (
                  SELECT {_COLS},
                         coalesce(strftime(date, '%Y'), '{spec.NO_DATE_YEAR}') AS year,
                         coalesce(strftime(date, '%m'), '{spec.NO_DATE_MONTH}') AS month
                  FROM _to_write
                  ORDER BY source_country NULLS LAST, target_country NULLS LAST, date
                ) TO '{out.replace("'", "''")}'
                (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (year, month), APPEND,
                 FILENAME_PATTERN '{prefix}-{{uuid}}')"""
        )
    finally:
        if isinstance(table, duckdb.DuckDBPyRelation):
            con.execute("DROP VIEW IF EXISTS _to_write")
        else:
            con.unregister("_to_write")
        if own:
            con.close()
    return int(n)

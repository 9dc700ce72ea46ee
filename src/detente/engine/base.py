"""The engine interface: the analytics every engine answers, defined once.

An engine only knows how to run one SQL query over its ``events`` view and how to
write events in the partitioned Parquet layout. Everything else (which SQL, how to
finish the result) lives here and in ``detente.engine.spec``, shared by all engines.

>>> from detente.engine import DuckDBEngine
>>> eng = DuckDBEngine.from_table(events_table)            # doctest: +SKIP
>>> eng.dyad_series("PAK", "RUS", freq="Q")                 # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from typing import Any, Sequence

import pandas as pd
import pyarrow as pa

from detente.engine import spec
from detente.models import EVENT_SCHEMA
from detente.store.queries import EventFilter


class Engine(ABC):
    """One analytics engine over a table of events (``EVENT_SCHEMA`` columns).

    Subclasses implement ``_query`` (run neutral SQL, translated to their
    ``dialect``, with positional ``?`` parameters, and return Arrow),
    ``write_events`` and ``close``.
    """

    name: str = "engine"
    dialect: str = "duckdb"

    # -- what a backend implements -------------------------------------------------------
    @abstractmethod
    def _query(self, sql: str, params: Sequence[Any]) -> pa.Table:
        """Run one SELECT (already in this engine's dialect) over the ``events`` view."""

    @abstractmethod
    def write_events(self, table: Any, root: str) -> int:
        """Append events to ``<root>/events/year=YYYY/month=MM/`` as Parquet; return rows written."""

    def close(self) -> None:  # pragma: no cover - trivial default
        pass

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- shared plumbing ---------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] = ()) -> pa.Table:
        """Run neutral SQL (see ``spec``) on this engine."""
        return self._query(spec.translate(sql, self.dialect), list(params))

    def _frame(self, sql: str, params: Sequence[Any]) -> pd.DataFrame:
        return self.query(sql, params).to_pandas()

    @staticmethod
    def _filter(filt: EventFilter | None, filters: dict[str, Any]) -> EventFilter:
        return filt or EventFilter.build(**filters)

    # -- the analytics -----------------------------------------------------------------
    def events(self, filt: EventFilter | None = None, *, limit: int | None = None, **filters: Any) -> pa.Table:
        """Events matching an ``EventFilter`` (or its keyword form), ordered by date, event_id."""
        where, params = self._filter(filt, filters).where()
        if limit is not None:
            params = params + [int(limit)]
        table = self.query(spec.events_sql(where, limit=limit is not None), params)
        return table.cast(EVENT_SCHEMA)

    def count(self, filt: EventFilter | None = None, **filters: Any) -> int:
        where, params = self._filter(filt, filters).where()
        return int(self.query(spec.count_sql(where), params).column(0)[0].as_py())

    def dyad_series(self, a: str, b: str, freq: str = "M", since: str | dt.date | None = None,
                    until: str | dt.date | None = None, directed: bool = False, *, fill: bool = True,
                    **filters: Any) -> pd.DataFrame:
        """Counts per quad class, net cooperation and Goldstein per period for the pair ``a``-``b``
        (``a`` -> ``b`` only when ``directed``); empty periods filled with zeros."""
        freq = spec.check_freq(freq)
        filt = EventFilter.build(dyad=(a, b), directed=directed, since=since, until=until, **filters)
        where, params = filt.where()
        raw = self._frame(spec.dyad_series_sql(where, freq), params)
        return spec.finish_series(raw, freq, filt.since, filt.until, fill=fill)

    def all_dyads_series(self, freq: str = "M", since: str | dt.date | None = None,
                         until: str | dt.date | None = None, directed: bool = False, **filters: Any) -> pd.DataFrame:
        """The series of every country pair at once (non-empty periods only)."""
        freq = spec.check_freq(freq)
        where, params = EventFilter.build(since=since, until=until, **filters).where()
        return spec.finish_all_dyads(self._frame(spec.all_dyads_series_sql(where, freq, directed), params))

    def signed_ties(self, countries: Sequence[str] | str | None = None, since: str | dt.date | None = None,
                    until: str | dt.date | None = None, min_events: int = 1, **filters: Any) -> pd.DataFrame:
        """Undirected country pairs with their net cooperation and its sign (+1, 0, -1)."""
        if isinstance(countries, str):
            countries = [c for c in countries.split(",") if c.strip()]
        among = [c.strip().upper() for c in countries or []]
        where, params = EventFilter.build(since=since, until=until, **filters).where()
        sql = spec.signed_ties_sql(where, len(among))
        return spec.finish_ties(self._frame(sql, params + among + among + [int(min_events)]))

    def triads(self, countries: Sequence[str] | str | None = None, since: str | dt.date | None = None,
               until: str | dt.date | None = None, min_events: int = 1, **filters: Any) -> pd.DataFrame:
        """Triangles of signed ties and whether each is structurally balanced."""
        return spec.triads_from_ties(self.signed_ties(countries, since, until, min_events, **filters))

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
from collections.abc import Sequence
from typing import Any, Self

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

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- shared plumbing ---------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] = ()) -> pa.Table:
        """Run neutral SQL (see ``spec``) on this engine."""
        return self._query(spec.translate(sql, self.dialect), list(params))

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

    # The relations analytics live in ``detente.analysis``; an engine hands them its
    # events and the backend that aggregates them, so the pandas finishing (gap
    # filling, net cooperation, normalisation) is the same code for every engine.
    @abstractmethod
    def analysis_input(self) -> tuple[Any, Any]:
        """``(events, engine)`` to pass to ``detente.analysis`` functions."""

    def dyad_series(self, a: str, b: str, freq: str = "M", since: str | dt.date | None = None,
                    until: str | dt.date | None = None, directed: bool = False, **options: Any) -> pd.DataFrame:
        """``detente.analysis.dyad_series`` on this engine: per-period counts per quad class,
        net cooperation and Goldstein for ``a``-``b`` (``a`` -> ``b`` when ``directed``)."""
        from detente.analysis import dyad_series

        events, backend = self.analysis_input()
        return dyad_series(events, a, b, freq=freq, since=since, until=until, directed=directed,
                           engine=backend, **options)

    def all_dyads_series(self, freq: str = "M", since: str | dt.date | None = None,
                         until: str | dt.date | None = None, countries: Sequence[str] | str | None = None,
                         **options: Any) -> pd.DataFrame:
        """``detente.analysis.all_dyads_series`` on this engine: every country pair at once."""
        from detente.analysis import all_dyads_series

        events, backend = self.analysis_input()
        return all_dyads_series(events, freq=freq, since=since, until=until, countries=countries,
                                engine=backend, **options)

    def dyad_events(self, a: str, b: str, **options: Any) -> pd.DataFrame:
        from detente.analysis import dyad_events

        events, backend = self.analysis_input()
        return dyad_events(events, a, b, engine=backend, **options)

    def signed_ties(self, countries: Sequence[str] | str, since: str | dt.date | None = None,
                    until: str | dt.date | None = None, min_events: int = 5, **options: Any) -> pd.DataFrame:
        """``detente.analysis.signed_ties`` on this engine: each pair of ``countries`` with its
        net cooperation and sign (0 below the significance floor)."""
        from detente.analysis import signed_ties

        events, backend = self.analysis_input()
        return signed_ties(events, countries, since=since, until=until, min_events=min_events,
                           engine=backend, **options)

    def triads(self, countries: Sequence[str] | str | None = None, since: str | dt.date | None = None,
               until: str | dt.date | None = None, min_events: int = 5, **options: Any) -> Any:
        """``detente.analysis.triads`` on this engine: signed network, triangles, balance, blocs."""
        from detente.analysis import triads

        events, backend = self.analysis_input()
        return triads(events, countries, since=since, until=until, min_events=min_events, engine=backend, **options)

    def balance(self, window: str | None = "Q", **options: Any) -> pd.DataFrame:
        """``detente.analysis.balance`` on this engine: structural balance per window."""
        from detente.analysis import balance

        events, backend = self.analysis_input()
        return balance(events, window, engine=backend, **options)

    def period_totals(self, freq: str = "M", **options: Any) -> pd.DataFrame:
        """All counted events per period (the reporting volume)."""
        events, backend = self.analysis_input()
        if isinstance(backend, str):
            from detente.analysis import get_engine

            backend = get_engine(backend)
        return backend.period_totals(events, freq=freq, **options)

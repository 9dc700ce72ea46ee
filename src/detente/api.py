"""The Python API: ``detente.Store`` and ``detente.code``.

``Store`` is the event store plus the verbs that need the layers above it
(importers, analytics); each delegates to one library call.

>>> import detente
>>> store = detente.Store(":memory:")
>>> store.events().empty
True
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pandas as pd

from detente.store import EventStore


class Store(EventStore):
    """An event store with import, coding and analysis verbs.

    >>> store = Store(":memory:")          # or Store("my.duckdb"), Store() for the default
    """

    def import_file(self, path: str | os.PathLike[str], dataset: str | None = None, **options: Any):
        """Import a GDELT / ICEWS / POLECAT / Phoenix file; returns an ImportSummary."""
        from detente.ingest import import_file

        return import_file(self, path, dataset=dataset, **options)

    def dyad(self, a: str, b: str, freq: str = "M", **options: Any) -> pd.DataFrame:
        """Series of the relation between ``a`` and ``b`` (see ``detente.analysis.dyad_series``)."""
        from detente.analysis import dyad_series

        return dyad_series(self, a, b, freq=freq, **options)

    def code(self, text: str, date: str | dt.date | None = None, *, doc_id: str | None = None,
             save: bool = True, **options: Any) -> list:
        """Code a text into events and (by default) store them with the document."""
        from detente.coder import code_text, store_coded

        events = code_text(text, date, doc_id=doc_id, **options)
        if save:
            store_coded(self, text=text, date=date, doc_id=doc_id, events=events)
        return events


def code(text: str, date: str | dt.date | None = None, **options: Any) -> list:
    """Code one text into events (a list of ``detente.models.Event``).

    >>> events = code("In 2014 Russia lifted its arms embargo on Pakistan.")  # doctest: +SKIP
    """
    from detente.coder import code_text

    return code_text(text, date, **options)

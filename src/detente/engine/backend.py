"""The aggregation backend the relations analytics call (``detente.analysis`` engines).

``detente.analysis`` finishes every series in pandas and asks an engine only for
grouped counts: ``dyad_series``, ``all_dyads_series``, ``period_totals`` and
``dyad_events`` (its ``Engine`` protocol). ``SpecBackend`` answers those four with the
SQL of ``detente.engine.spec`` on any ``detente.engine.Engine``; ``SparkBackend`` is
the one registered as ``engine="spark"`` in ``detente.analysis``:

>>> import detente.analysis as da
>>> da.dyad_series("s3a://bucket/detente", "PAK", "RUS", engine="spark")   # doctest: +SKIP
"""

from __future__ import annotations

import os
from typing import Any

import pandas as pd

from detente.engine import spec
from detente.engine.base import Engine


class SpecBackend:
    """The analysis engine protocol, answered by spec SQL on ``engine`` (or on the
    engine that ``resolve(events)`` gives for the ``events`` each call passes)."""

    name = "spec"

    def __init__(self, engine: Engine | None = None) -> None:
        self.engine = engine

    def resolve(self, events: Any) -> Engine:
        if isinstance(events, Engine):
            return events
        if self.engine is not None:
            return self.engine
        raise TypeError(f"{type(self).__name__} cannot read events from a {type(events).__name__}")

    def _run(self, events: Any, sql_params: tuple[str, list]) -> pd.DataFrame:
        sql, params = sql_params
        return self.resolve(events).query(sql, params).to_pandas()

    def dyad_series(self, events: Any, a: str, b: str, *, freq: str = "M", since: Any = None, until: Any = None,
                    directed: bool = False, include_reports: bool = False) -> pd.DataFrame:
        raw = self._run(events, spec.dyad_series_sql(a, b, freq, since=since, until=until, directed=directed,
                                                     include_reports=include_reports))
        return spec.fix_types(raw)

    def all_dyads_series(self, events: Any, *, freq: str = "M", since: Any = None, until: Any = None,
                         countries: Any = None, include_reports: bool = False) -> pd.DataFrame:
        raw = self._run(events, spec.all_dyads_series_sql(freq, since=since, until=until, countries=countries,
                                                          include_reports=include_reports))
        return spec.fix_types(raw)

    def period_totals(self, events: Any, *, freq: str = "M", since: Any = None, until: Any = None,
                      include_reports: bool = False) -> pd.DataFrame:
        raw = self._run(events, spec.period_totals_sql(freq, since=since, until=until,
                                                       include_reports=include_reports))
        return spec.fix_types(raw)

    def dyad_events(self, events: Any, a: str, b: str, *, since: Any = None, until: Any = None,
                    directed: bool = False, include_reports: bool = False) -> pd.DataFrame:
        out = self._run(events, spec.dyad_events_sql(a, b, since=since, until=until, directed=directed,
                                                     include_reports=include_reports))
        out["date"] = pd.to_datetime(out["date"])
        return out


class SparkBackend(SpecBackend):
    """``engine="spark"`` for ``detente.analysis``: ``events`` may be a dataset root (any
    path Spark reads), a Spark DataFrame of events, or a ``SparkEngine``."""

    name = "spark"

    def __init__(self, spark: Any = None) -> None:
        super().__init__()
        self.spark = spark
        self._by_root: dict[str, Engine] = {}

    def resolve(self, events: Any) -> Engine:
        from detente.engine.spark_engine import SparkEngine

        if isinstance(events, Engine):
            return events
        if hasattr(events, "sparkSession"):
            return SparkEngine.from_dataframe(events, spark=self.spark)
        if isinstance(events, (str, os.PathLike)):
            key = str(events)
            if key not in self._by_root:
                self._by_root[key] = SparkEngine(key, spark=self.spark)
            return self._by_root[key]
        raise TypeError(f"the Spark engine cannot read events from a {type(events).__name__}: "
                        "pass a Parquet dataset root, a Spark DataFrame or a SparkEngine")


def register_with_analysis() -> bool:
    """Make ``engine="spark"`` available to ``detente.analysis`` (False if it is absent)."""
    try:
        from detente.analysis import register_engine
    except ImportError:
        return False
    register_engine("spark", SparkBackend)
    return True

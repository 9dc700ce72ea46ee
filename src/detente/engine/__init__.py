"""Analytics engines: the same event queries and relations analytics on DuckDB
(default, one machine) or Apache Spark (a cluster, or local mode).

>>> from detente.engine import get_engine
>>> eng = get_engine("duckdb", "data/")                  # doctest: +SKIP
>>> eng.dyad_series("PAK", "RUS", freq="M")              # doctest: +SKIP

Data for both engines lives in one Parquet layout, partitioned by date:
``<root>/events/year=YYYY/month=MM/part-*.parquet`` with the columns of
``detente.models.EVENT_SCHEMA``. See docs/spark.md.
"""

from __future__ import annotations

import os
from typing import Any

from detente.engine.base import Engine
from detente.engine.duckdb_engine import DuckDBEngine, write_events_duckdb
from detente.errors import EngineError

ENGINES = ("duckdb", "spark")

__all__ = [
    "ENGINES",
    "DuckDBEngine",
    "Engine",
    "SparkEngine",
    "export_store",
    "get_engine",
    "import_to_parquet",
    "local_session",
    "spark_code",
    "write_events",
]


def get_engine(name: str = "duckdb", path: str | os.PathLike[str] | None = None, *, store: Any = None,
               spark: Any = None) -> Engine:
    """An engine by name. ``path`` is a Parquet dataset root; for DuckDB, ``store`` (an
    ``EventStore``) may be given instead. Spark without ``spark`` uses the active or default session."""
    key = (name or "duckdb").lower()
    if key == "duckdb":
        if path is None and store is not None:
            return DuckDBEngine.from_store(store)
        if path is None:
            raise EngineError("the DuckDB engine needs a Parquet dataset root or a store")
        return DuckDBEngine(path)
    if key == "spark":
        if path is None:
            raise EngineError("the Spark engine reads the Parquet layout, not the DuckDB store",
                              hint="export it first: detente engine export --to ROOT, then pass --data ROOT")
        from detente.engine.backend import register_with_analysis
        from detente.engine.spark_engine import SparkEngine

        register_with_analysis()  # detente.analysis functions accept engine="spark" from now on
        return SparkEngine(path, spark=spark)
    raise EngineError(f"unknown engine {name!r}", hint=f"use one of {', '.join(ENGINES)}")


def write_events(table: Any, root: str | os.PathLike[str], *, engine: str = "duckdb") -> int:
    """Append events (Arrow table; a Spark DataFrame for ``engine="spark"``) to the partitioned layout."""
    if engine == "spark":
        from detente.engine.spark_engine import write_events_spark

        if not hasattr(table, "sparkSession"):
            from pyspark.sql import SparkSession

            from detente.engine.spark_engine import arrow_to_spark

            table = arrow_to_spark(table, SparkSession.builder.getOrCreate())
        return write_events_spark(table, root)
    if engine != "duckdb":
        raise EngineError(f"unknown engine {engine!r}", hint=f"use one of {', '.join(ENGINES)}")
    return write_events_duckdb(table, root)


def __getattr__(name: str) -> Any:  # heavy or optional parts load on first use
    if name == "SparkEngine":
        from detente.engine.spark_engine import SparkEngine

        return SparkEngine
    if name == "local_session":
        from detente.engine.spark_engine import local_session

        return local_session
    if name in ("import_to_parquet", "export_store"):
        from detente.engine import imports

        return getattr(imports, name)
    if name == "spark_code":
        from detente.engine.coding import spark_code

        return spark_code
    raise AttributeError(name)

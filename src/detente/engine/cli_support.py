"""What a CLI command needs to offer ``--engine duckdb|spark`` and ``--data ROOT``.

A command that today does ``store = open_store(db, read_only=True)`` and then calls
``detente.analysis.f(store, ...)`` becomes::

    events, engine_ = analysis_source(engine, data, db)
    result = f(events, ..., engine=engine_)

with ``engine: EngineOption = EngineName.duckdb`` and ``data: DataOption = None`` in its
signature. ``--engine duckdb`` without ``--data`` is exactly today's behaviour (the store).
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from detente.errors import EngineError


class EngineName(str, Enum):
    duckdb = "duckdb"
    spark = "spark"


EngineOption = Annotated[
    EngineName,
    typer.Option("--engine", help="duckdb (default, one machine) or spark (a cluster, or local mode).",
                 envvar="DETENTE_ENGINE", show_envvar=True),
]
DataOption = Annotated[
    str | None,
    typer.Option("--data", help="Parquet dataset root (ROOT/events/year=/month=): local, hdfs:// or s3a://. "
                                "Needed for --engine spark; with duckdb it replaces --db.",
                 envvar="DETENTE_DATA", show_envvar=True),
]
MasterOption = Annotated[
    str | None,
    typer.Option("--master", help="Spark master (e.g. local[4], yarn); default: what spark-submit set, else local[*].",
                 envvar="DETENTE_SPARK_MASTER"),
]


def spark_session(master: str | None = None) -> Any:
    """The session to use: the active one, spark-submit's, or a local one."""
    from detente.engine.spark_engine import local_session, require_pyspark

    require_pyspark()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None and master is None:
        return active
    if master is None and os.environ.get("SPARK_ENV_LOADED"):  # under spark-submit: its master and settings
        return SparkSession.builder.appName("detente").getOrCreate()
    if master is None or master.startswith("local"):
        cores = (master or "local[*]")[len("local["):-1] if master and "[" in master else "*"
        return local_session(cores=cores or "*", memory=os.environ.get("DETENTE_SPARK_MEMORY", "2g"))
    return SparkSession.builder.master(master).appName("detente").getOrCreate()


def get_engine(engine: EngineName | str = "duckdb", data: str | os.PathLike[str] | None = None,
               db: Path | None = None, *, master: str | None = None) -> Any:
    """A ``detente.engine.Engine`` for a command: the Parquet layout at ``data``, or the store."""
    from detente.engine import get_engine as make

    name = getattr(engine, "value", engine)
    if name == "spark":
        if data is None:
            raise EngineError("--engine spark reads the Parquet layout, not the DuckDB store",
                              hint="export it first (detente engine export --to ROOT) and pass --data ROOT")
        return make("spark", data, spark=spark_session(master))
    if data is not None:
        return make("duckdb", data)
    from detente.cli.common import open_store

    return make("duckdb", store=open_store(db, read_only=True))


def analysis_source(engine: EngineName | str = "duckdb", data: str | os.PathLike[str] | None = None,
                    db: Path | None = None, *, master: str | None = None) -> tuple[Any, Any]:
    """``(events, engine)`` to hand to a ``detente.analysis`` function."""
    name = getattr(engine, "value", engine)
    if name == "duckdb" and data is None:
        from detente.cli.common import open_store

        return open_store(db, read_only=True), "duckdb"
    return get_engine(name, data, db, master=master).analysis_input()

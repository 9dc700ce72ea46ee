"""The Spark engine: the same analytics as DuckDB, run by Spark SQL on a cluster or
in local mode. PySpark is imported only when a Spark engine is made.

>>> spark = local_session(cores=2)                                   # doctest: +SKIP
>>> eng = SparkEngine("s3a://bucket/detente", spark=spark)             # doctest: +SKIP
>>> eng.dyad_series("PAK", "RUS", freq="Q")                          # doctest: +SKIP
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import sys
from collections.abc import Sequence
from typing import Any

import pyarrow as pa

from detente.engine import spec
from detente.engine.base import Engine
from detente.errors import EngineError
from detente.models import EVENT_FIELDS, EVENT_SCHEMA

_views = itertools.count(1)


def require_pyspark() -> None:
    """Raise ``EngineError`` with what to install when PySpark or Java is missing."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise EngineError("the Spark engine needs PySpark",
                          hint="pip install 'detente[spark]' (and a Java 17 runtime)") from None
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        raise EngineError("the Spark engine needs a Java runtime",
                          hint="install Java 17 (Debian: apt-get install default-jre-headless) or set JAVA_HOME")


def local_session(cores: int | str = 2, memory: str = "1g", shuffle_partitions: int | None = None,
                  app_name: str = "detente", extra: dict[str, str] | None = None):
    """A SparkSession in local mode with settings that suit one machine (no UI, few shuffle
    partitions, UTC). Under ``spark-submit`` use ``SparkSession.builder.getOrCreate()`` instead."""
    require_pyspark()
    from pyspark.sql import SparkSession

    # Python workers must run the interpreter that has detente installed (not `python3` on PATH).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName(app_name)
        .config("spark.driver.memory", memory)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions or max(2, int(cores) * 2 if str(cores).isdigit() else 8)))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.parquet.compression.codec", "zstd")
    )
    for key, value in (extra or {}).items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def spark_schema():
    """``EVENT_SCHEMA`` as a Spark ``StructType``."""
    from pyspark.sql import types as T

    mapping = {
        pa.string(): T.StringType(), pa.date32(): T.DateType(), pa.int8(): T.ByteType(),
        pa.int32(): T.IntegerType(), pa.float32(): T.FloatType(), pa.bool_(): T.BooleanType(),
    }
    return T.StructType([T.StructField(f.name, mapping[f.type], True) for f in EVENT_SCHEMA])


def _conform(df):
    """Select and cast a Spark DataFrame to the event columns, adding missing ones as null."""
    from pyspark.sql import functions as F

    have = set(df.columns)
    cols = []
    for field in spark_schema().fields:
        col = F.col(field.name) if field.name in have else F.lit(None)
        cols.append(col.cast(field.dataType).alias(field.name))
    return df.select(*cols)


class SparkEngine(Engine):
    """Spark engine over the partitioned Parquet layout at ``root`` (any path Spark reads:
    local, ``hdfs://``, ``s3a://``), or over a DataFrame of events (``from_dataframe``)."""

    name = "spark"
    dialect = "spark"

    def __init__(self, root: str | os.PathLike[str] | None = None, *, spark: Any = None, df: Any = None) -> None:
        require_pyspark()
        from pyspark.sql import SparkSession

        self.spark = spark or SparkSession.builder.getOrCreate()
        self.root = None if root is None else str(root).rstrip("/")
        if df is None:
            if self.root is None:
                raise EngineError("a Spark engine needs a dataset root or a DataFrame")
            path = f"{self.root}/{spec.EVENTS_DIR}"
            try:
                df = self.spark.read.parquet(path)
            except Exception as exc:  # AnalysisException: path does not exist / no files
                raise EngineError(f"no Parquet events under {path}",
                                  hint="write some with `detente engine export` or `detente engine import`") from exc
        self.df = _conform(df)
        self.view = f"detente_events_{next(_views)}"
        self.df.createOrReplaceTempView(self.view)

    @classmethod
    def from_dataframe(cls, df: Any, spark: Any = None) -> SparkEngine:
        return cls(spark=spark or df.sparkSession, df=df)

    @classmethod
    def from_table(cls, table: pa.Table, spark: Any) -> SparkEngine:
        """An engine over an Arrow table of events (tests, small data)."""
        return cls(spark=spark, df=arrow_to_spark(table, spark))

    def cache(self) -> SparkEngine:
        """Keep the events in executor memory across queries (interactive use, tests)."""
        self.df.cache()
        self.df.count()
        return self

    def _query(self, sql: str, params: Sequence[Any]) -> pa.Table:
        sql = re.sub(r"\bFROM events\b", f"FROM {self.view}", sql)
        try:
            result = self.spark.sql(sql, args=list(params) or None)
            if hasattr(result, "toArrow"):
                return result.toArrow()
            return pa.Table.from_pandas(result.toPandas(), preserve_index=False)
        except Exception as exc:
            raise EngineError(f"Spark query failed: {str(exc).splitlines()[0]}") from exc

    def analysis_input(self) -> tuple[Any, Any]:
        from detente.engine.backend import SpecBackend

        return self, SpecBackend(self)

    def write_events(self, table: Any, root: str | os.PathLike[str]) -> int:
        df = table if hasattr(table, "sparkSession") else arrow_to_spark(table, self.spark)
        return write_events_spark(df, root)

    def close(self) -> None:
        self.df.unpersist()
        self.spark.catalog.dropTempView(self.view)


def arrow_to_spark(table: pa.Table, spark: Any):
    missing = [f for f in EVENT_FIELDS if f not in table.column_names]
    for name in missing:
        table = table.append_column(name, pa.nulls(len(table), type=EVENT_SCHEMA.field(name).type))
    table = table.select(list(EVENT_FIELDS)).cast(EVENT_SCHEMA)
    try:
        return spark.createDataFrame(table)
    except (TypeError, ValueError):  # PySpark < 4 takes pandas, not Arrow
        return spark.createDataFrame(table.to_pandas(), schema=spark_schema())


def write_events_spark(df: Any, root: str | os.PathLike[str], *, max_records_per_file: int = 5_000_000) -> int:
    """Append a Spark DataFrame of events to ``<root>/events/year=YYYY/month=MM/`` (Parquet, zstd)."""
    from pyspark.sql import functions as F

    df = _conform(df)
    df = df.withColumn("year", F.coalesce(F.date_format("date", "yyyy"), F.lit(spec.NO_DATE_YEAR))) \
           .withColumn("month", F.coalesce(F.date_format("date", "MM"), F.lit(spec.NO_DATE_MONTH)))
    # Sorted by dyad within each month, in row groups small enough (8 MB before
    # compression) for min/max statistics to let dyad queries skip most of a file.
    df = df.repartition("year", "month") \
           .sortWithinPartitions("source_country", "target_country", "date").cache()
    n = df.count()
    if n:
        (df.write.mode("append").partitionBy(*spec.PARTITION_COLUMNS)
           .option("compression", "zstd").option("maxRecordsPerFile", max_records_per_file)
           .option("parquet.block.size", 8 * 1024 * 1024)
           .parquet(f"{str(root).rstrip('/')}/{spec.EVENTS_DIR}"))
    df.unpersist()
    return int(n)

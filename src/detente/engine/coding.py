"""Coding text at corpus scale on Spark: documents partitioned, one spaCy pipeline per
Python worker, events written as Parquet in the partitioned layout with provenance.

>>> spark_code("hdfs:///corpora/news/*.jsonl", "hdfs:///detente")          # doctest: +SKIP

Input: JSON Lines with ``id`` (or ``doc_id``), ``text`` and optional ``date``
(``YYYY-MM-DD``), as ``detente code`` reads them. Each event keeps ``doc_id``,
``sentence_id``, ``sentence``, ``spans`` and ``coder_version``. Repeat reports are
linked within a partition only (documents of one partition are coded together).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from detente.engine.spark_engine import (
    require_pyspark,
    spark_schema,
    write_events_spark,
)
from detente.models import EVENT_FIELDS

# One coder per Python worker process: Spark reuses its Python workers between tasks
# (spark.python.worker.reuse, on by default), so the spaCy pipeline loads once per worker.
_CODERS: dict[Any, Any] = {}


def default_coder_factory(model: str | None = None) -> Callable[[], Any]:
    """A picklable factory for ``detente.coder.Coder`` (built lazily on the executor)."""

    def make() -> Any:
        from detente.coder import Coder

        return Coder(model=model)

    make.cache_key = ("detente.coder.Coder", model)  # type: ignore[attr-defined]
    return make


def code_partition(factory: Callable[[], Any], batch_size: int = 32) -> Callable[[Iterable[Any]], Iterator[tuple]]:
    """The function each partition runs: documents in, event rows (``EVENT_FIELDS`` order) out."""

    def run(rows: Iterable[Any]) -> Iterator[tuple]:
        key = getattr(factory, "cache_key", id(factory))
        coder = _CODERS.get(key)
        if coder is None:
            coder = _CODERS[key] = factory()
        docs = ({"id": r["id"], "text": r["text"] or "", "date": r["date"]} for r in rows)
        for _doc_id, events, _sentences in coder.code_docs(docs, batch_size=batch_size):
            for event in events:
                rec = event.to_dict()
                if rec.get("spans") is not None and not isinstance(rec["spans"], str):
                    rec["spans"] = json.dumps(rec["spans"], separators=(",", ":"))
                if rec.get("date"):
                    rec["date"] = dt.date.fromisoformat(str(rec["date"])[:10])
                yield tuple(rec.get(name) for name in EVENT_FIELDS)

    return run


def spark_code(corpus_path: str | os.PathLike[str], out_root: str | os.PathLike[str], *, spark: Any = None,
               partitions: int | None = None, model: str | None = None,
               coder_factory: Callable[[], Any] | None = None, batch_size: int = 32) -> int:
    """Code a JSONL corpus (any path or glob Spark reads) into ``<out_root>/events/``; returns events written.

    ``partitions``: how many pieces to split the documents into (default: twice the
    default parallelism). ``coder_factory``: a picklable callable returning an object
    with ``code_docs`` (default: ``detente.coder.Coder(model=model)``).
    """
    require_pyspark()
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    spark = spark or SparkSession.builder.getOrCreate()
    docs = spark.read.json(str(corpus_path))
    cols = set(docs.columns)
    ident = F.coalesce(*[F.col(c).cast("string") for c in ("id", "doc_id") if c in cols]) if cols & {"id", "doc_id"} \
        else F.lit(None).cast("string")
    docs = docs.select(ident.alias("id"),
                       (F.col("text") if "text" in cols else F.lit(None)).cast("string").alias("text"),
                       (F.col("date") if "date" in cols else F.lit(None)).cast("string").alias("date"))
    n = partitions or max(2, spark.sparkContext.defaultParallelism * 2)
    factory = coder_factory or default_coder_factory(model)
    rows = docs.repartition(n).rdd.mapPartitions(code_partition(factory, batch_size))
    return write_events_spark(spark.createDataFrame(rows, spark_schema()), out_root)

"""GDELT / ICEWS / POLECAT / Phoenix files straight into the partitioned Parquet layout,
and the event store out to it.

The parsing is ``detente.ingest`` itself (its column maps, crosswalks, dedup and
rejects): each file is imported into a throwaway in-memory store, then written to
``<root>/events/year=YYYY/month=MM/``. With ``engine="spark"`` the files are spread
over the executors (one file per task) and Spark writes the layout, so the output
may be any path Spark writes (``hdfs://``, ``s3a://``); the input files must be
readable by every executor at the same local path (a shared mount).

>>> import_to_parquet(["20150301.export.CSV"], "gdelt1", "data/")          # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from detente.engine import spec
from detente.engine.duckdb_engine import write_events_duckdb
from detente.errors import EngineError, InputError
from detente.models import EVENT_FIELDS

IMPORTS_DIR = "_imports"  # one marker per imported file: re-running skips it


def _files(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]]) -> list[Path]:
    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    out: list[Path] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            out += sorted(q for q in p.iterdir() if q.is_file() and not q.name.startswith("."))
        elif p.exists():
            out.append(p)
        else:
            raise InputError(f"no such file: {p}")
    if not out:
        raise InputError("no files to import")
    return out


def export_store(store: Any, root: str | os.PathLike[str], *, filt: Any = None, **filters: Any) -> int:
    """Write the store's events (all, or those matching a filter) to the partitioned layout."""
    from detente.store import EventFilter

    where, params = (filt or EventFilter.build(include_negated=True, **filters)).where()
    rel = store.con.sql(f"SELECT {', '.join(EVENT_FIELDS)} FROM events WHERE {where}", params=params or None)
    return write_events_duckdb(rel.to_arrow_table(), root)


def _import_one(path: str, dataset: str | None) -> tuple[Any, Any]:
    """Import one file into an in-memory store with detente.ingest; return (summary, Arrow events)."""
    from detente.ingest import import_file
    from detente.store import EventStore

    with EventStore(":memory:") as store:
        summary = import_file(store, path, dataset=dataset)
        table = store.events_arrow(include_negated=True, order="event_id")
    return summary, table


def _marker(root: Path, summary: Any) -> Path:
    return root / IMPORTS_DIR / f"{Path(summary.path).name}.{summary.dataset}.json"


def import_to_parquet(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], dataset: str | None,
                      out_root: str | os.PathLike[str], *, engine: str = "duckdb", spark: Any = None,
                      force: bool = False) -> list[dict[str, Any]]:
    """Import event files into ``out_root``'s Parquet layout; one summary dict per file.

    ``dataset``: an importer name (``gdelt1``, ``gdelt2``, ``icews``, ``polecat``,
    ``phoenix``) or None to detect it. A file whose marker is in ``<out_root>/_imports``
    is skipped unless ``force`` (DuckDB engine; Spark always writes).
    """
    files = _files(paths)
    if engine == "spark":
        return _import_spark([str(f) for f in files], dataset, str(out_root), spark)
    if engine != "duckdb":
        raise EngineError(f"unknown engine {engine!r}", hint="use duckdb or spark")
    root = Path(out_root)
    results = []
    for f in files:
        summary, table = _import_one(str(f), dataset)
        marker = _marker(root, summary)
        info = summary.to_dict()
        if marker.exists() and not force:
            info.update(written=0, skipped=True)
        else:
            info["written"] = write_events_duckdb(table, root)
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.write_text(json.dumps({**info, "at": dt.datetime.now(dt.UTC).isoformat()}))
        results.append(info)
    return results


def _import_partition(dataset: str | None):
    def run(paths: Iterable[str]) -> Iterator[tuple]:
        for path in paths:
            summary, table = _import_one(path, dataset)
            yield ("summary", json.dumps(summary.to_dict()))
            for row in table.to_pylist():
                yield ("event", tuple(row[name] for name in EVENT_FIELDS))
    return run


def _import_spark(files: list[str], dataset: str | None, out_root: str, spark: Any) -> list[dict[str, Any]]:
    from pyspark.sql import SparkSession

    from detente.engine.spark_engine import spark_schema, write_events_spark

    spark = spark or SparkSession.builder.getOrCreate()
    rdd = spark.sparkContext.parallelize(files, len(files)).mapPartitions(_import_partition(dataset)).cache()
    summaries = [json.loads(v) for kind, v in rdd.filter(lambda kv: kv[0] == "summary").collect()]
    events = rdd.filter(lambda kv: kv[0] == "event").map(lambda kv: kv[1])
    written = write_events_spark(spark.createDataFrame(events, spark_schema()), out_root)
    rdd.unpersist()
    for s in summaries:
        s["written_total"] = written
    return summaries


__all__ = ["IMPORTS_DIR", "export_store", "import_to_parquet", "spec"]

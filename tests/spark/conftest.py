"""One local SparkSession for the whole test session, and the shared event fixtures.

Every test here is marked ``spark``; all of them skip cleanly when PySpark or a Java
runtime is missing.
"""

from __future__ import annotations

import os
import random
import shutil

import pytest

from detente.models import Event, events_to_arrow


def _why_no_spark() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "PySpark is not installed (pip install 'detente[spark]')"
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        return "no Java runtime (Debian: apt-get install default-jre-headless)"
    return None


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/spark/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.spark)


@pytest.fixture(scope="session")
def spark():
    reason = _why_no_spark()
    if reason:
        pytest.skip(reason)
    from detente.engine.spark_engine import local_session

    session = local_session(cores=2, memory="1g", shuffle_partitions=2, app_name="detente-tests")
    yield session
    session.stop()


COUNTRIES = ["PAK", "RUS", "IND", "USA", "CHN", "AFG"]
SECTORS = ["GOV", "MIL", "", "BUS"]
# (cameo_code, quad_class, goldstein) written for these tests
CODES = [("010", 1, 0.0), ("036", 1, 4.0), ("043", 1, 2.8), ("057", 1, 8.0), ("061", 2, 6.4),
         ("0871", 2, 9.0), ("073", 2, 7.4), ("111", 3, -2.0), ("112", 3, -2.0), ("130", 3, -4.4),
         ("138", 3, -7.0), ("173", 4, -5.0), ("190", 4, -10.0), ("193", 4, -10.0)]


def _fixture_events() -> list[Event]:
    rng = random.Random(20141120)
    events: list[Event] = []
    for i in range(400):
        src, tgt = rng.sample(COUNTRIES, 2)
        code, quad, gold = rng.choice(CODES)
        day = f"201{rng.randint(4, 6)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        s_sec, t_sec = rng.choice(SECTORS), rng.choice(SECTORS)
        events.append(Event(
            dataset=rng.choice(["gdelt2", "text"]), date=day, date_precision="day",
            source_code=src + s_sec, source_country=src, source_sector=s_sec or None,
            target_code=tgt + t_sec, target_country=tgt, target_sector=t_sec or None,
            cameo_code=code, quad_class=quad, goldstein=None if i % 37 == 0 else gold,
            negated=(i % 53 == 0), origin=f"fixture.tsv:{i}",
        ))
    # Edge cases: no country (actor code only), an IGO, a domestic event, no date.
    events += [
        Event(dataset="text", date="2015-03-04", date_precision="day", source_code="RUSGOV",
              target_code="PAKMIL", cameo_code="0871", quad_class=2, goldstein=9.0, doc_id="d1", sentence_id=0),
        Event(dataset="text", date="2015-03-04", date_precision="day", source_code="IGOSCO",
              target_code="PAK", target_country="PAK", cameo_code="036", quad_class=1, goldstein=4.0),
        Event(dataset="text", date="2015-07-09", date_precision="day", source_code="PAKGOV", source_country="PAK",
              target_code="PAKOPP", target_country="PAK", cameo_code="173", quad_class=4, goldstein=-5.0),
        Event(dataset="text", date=None, date_precision="unknown", source_code="RUS", source_country="RUS",
              target_code="PAK", target_country="PAK", cameo_code="057", quad_class=1, goldstein=8.0),
        Event(dataset="text", date="2016-12-31", date_precision="day", source_code="PAK", source_country="PAK",
              target_code="RUS", target_country="RUS", cameo_code="190", quad_class=4, goldstein=-10.0,
              speculative=True),
    ]
    return events


@pytest.fixture(scope="session")
def events_table():
    return events_to_arrow(_fixture_events())


@pytest.fixture(scope="session")
def dataset_root(tmp_path_factory, events_table):
    """The fixture events written once in the partitioned layout (by DuckDB)."""
    from detente.engine import write_events

    root = tmp_path_factory.mktemp("layout")
    write_events(events_table, root)
    return root


@pytest.fixture(scope="session")
def engines(spark, dataset_root):
    from detente.engine import DuckDBEngine
    from detente.engine.spark_engine import SparkEngine

    duck = DuckDBEngine(dataset_root)
    sp = SparkEngine(dataset_root, spark=spark).cache()
    yield duck, sp
    duck.close()
    sp.close()

"""Where the aggregations run: one small interface, a DuckDB implementation.

Every analysis function reduces events to a handful of grouped counts; those
reductions live here, behind :class:`Engine`, so the same analysis runs on a
pandas DataFrame, an Arrow table, a DuckDB relation (``EventStore.relation()``),
an ``EventStore`` or Parquet file(s), and a Spark engine can implement the same
four methods later.

Rules every engine follows (they are the rules of ``store.queries.EventFilter``):

* an actor spec ``"PAK"`` matches a side when ``X_country = 'PAK'`` or
  ``X_code`` starts with ``'PAK'``;
* negated events are never counted;
* repeat reports (``report_of`` not null) are left out unless
  ``include_reports=True``;
* quad classes: 1 verbal cooperation (``vc``), 2 material cooperation (``mc``),
  3 verbal conflict (``vk``), 4 material conflict (``mk``).

>>> import pandas as pd
>>> ev = pd.DataFrame({"date": ["2014-01-05", "2014-02-01"], "source_country": ["PAK", "RUS"],
...                    "target_country": ["RUS", "PAK"], "quad_class": [1, 4], "goldstein": [3.0, -9.0]})
>>> get_engine().dyad_series(ev, "PAK", "RUS", freq="M")[["vc", "mk"]].sum().tolist()
[1, 1]
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

from detente.config import connect_duckdb
from detente.errors import EngineError, InputError
from detente.store.queries import is_country_spec

FREQS = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
PANDAS_FREQ = {"D": "D", "W": "W-MON", "M": "MS", "Q": "QS", "Y": "YS"}
COUNT_COLUMNS = ("vc", "mc", "vk", "mk")
SERIES_COLUMNS = ("events", "vc", "mc", "vk", "mk", "goldstein_sum", "goldstein_pos", "goldstein_neg")

_ACTOR_RE = re.compile(r"^[A-Z0-9]{2,32}$")


def check_freq(freq: str) -> str:
    f = str(freq).upper()[:1]
    aliases = {"D": "D", "W": "W", "M": "M", "Q": "Q", "Y": "Y", "A": "Y"}
    if f not in aliases:
        raise InputError(f"unknown frequency {freq!r}", hint="use D, W, M, Q or Y (day, week, month, quarter, year)")
    return aliases[f]


def check_actor(spec: str) -> str:
    s = str(spec).strip().upper()
    if not _ACTOR_RE.match(s):
        raise InputError(f"actor {spec!r} is not an actor code", hint="use a country or actor code such as PAK or RUSGOV")
    return s


def as_date(value: Any, what: str = "date") -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InputError(f"{what} {value!r} is not a date", hint="use YYYY-MM-DD") from None


def period_index(freq: str, start: dt.date, end: dt.date) -> pd.DatetimeIndex:
    """Every period start from the period holding ``start`` to the one holding ``end``."""
    f = check_freq(freq)
    first = truncate(pd.Timestamp(start), f)
    return pd.date_range(first, pd.Timestamp(end), freq=PANDAS_FREQ[f])


def truncate(ts: pd.Timestamp, freq: str) -> pd.Timestamp:
    f = check_freq(freq)
    if f == "D":
        return ts.normalize()
    if f == "W":
        return (ts - pd.Timedelta(days=ts.weekday())).normalize()
    if f == "M":
        return pd.Timestamp(ts.year, ts.month, 1)
    if f == "Q":
        return pd.Timestamp(ts.year, 3 * ((ts.month - 1) // 3) + 1, 1)
    return pd.Timestamp(ts.year, 1, 1)


class Engine(Protocol):
    """What an analytics engine provides. Results are small pandas DataFrames."""

    name: str

    def dyad_series(self, events: Any, a: str, b: str, *, freq: str = "M", since: Any = None, until: Any = None,
                    directed: bool = False, include_reports: bool = False) -> pd.DataFrame:
        """One row per period that has events: ``period`` + ``SERIES_COLUMNS`` (not zero-filled)."""

    def all_dyads_series(self, events: Any, *, freq: str = "M", since: Any = None, until: Any = None,
                         countries: Sequence[str] | None = None, include_reports: bool = False) -> pd.DataFrame:
        """Undirected country pairs (``a`` < ``b``) x period, only periods with events: ``a, b, period``,
        ``SERIES_COLUMNS`` plus ``net_coop`` and ``goldstein_mean`` (``dyads.ALL_DYADS_COLUMNS`` order)."""

    def period_totals(self, events: Any, *, freq: str = "M", since: Any = None, until: Any = None,
                      include_reports: bool = False) -> pd.DataFrame:
        """All events per period (``period``, ``total``): the reporting volume."""

    def dyad_events(self, events: Any, a: str, b: str, *, since: Any = None, until: Any = None,
                    directed: bool = False, include_reports: bool = False) -> pd.DataFrame:
        """The dyad's events themselves (every column the source has)."""


# -- DuckDB -------------------------------------------------------------------------


def _connect():
    con = connect_duckdb()
    # results are grouped and re-sorted anyway; not keeping input order frees the aggregation
    con.execute("SET preserve_insertion_order = false")
    # big aggregations spill to disk rather than take the machine's memory (BIGINT counts
    # keep the per-group state small: count_if and sum of integers would be HUGEINT)
    con.execute(f"SET memory_limit = '{os.environ.get('DETENTE_DUCKDB_MEMORY', '1280MB')}'")
    return con


def parquet_patterns(events: Any) -> list[str] | None:
    """Parquet path(s) as DuckDB reads them (a folder becomes ``folder/*.parquet``), or
    ``None`` when ``events`` is not a path or a list of paths."""
    if not (isinstance(events, (str, os.PathLike)) or (
            isinstance(events, (list, tuple)) and events and all(isinstance(e, (str, os.PathLike)) for e in events))):
        return None
    out = []
    for p in (str(e) for e in (events if isinstance(events, (list, tuple)) else [events])):
        if Path(p).is_dir():
            p = str(Path(p) / "*.parquet")
        elif "*" not in p and not Path(p).exists():
            raise FileNotFoundError(2, "no such file", p)
        out.append(p)
    return out


def compiled_all_dyads(patterns: Sequence[str], *, freq: str = "M", since: Any = None, until: Any = None,
                       countries: Sequence[str] | str | None = None, include_reports: bool = False
                       ) -> pd.DataFrame | None:
    """All dyads from the Parquet files the ``patterns`` match, by the compiled pass of
    ``_scan.py`` (the frame ``all_dyads_series`` returns), or ``None`` when the pass does
    not apply and the SQL should run."""
    from detente.analysis import _scan

    files = sorted({f for p in patterns for f in (glob.glob(p, recursive=True) if "*" in p else [p])})
    if not files:
        return None
    if isinstance(countries, str):
        countries = [c for c in countries.split(",") if c.strip()]
    return _scan.all_dyads(files, freq=check_freq(freq), since=as_date(since, "--since"),
                           until=as_date(until, "--until"),
                           countries=[check_actor(c) for c in countries] if countries else None,
                           include_reports=include_reports)


class _Source:
    """Any supported input, seen by DuckDB as a table named ``_ev``."""

    def __init__(self, events: Any) -> None:
        import duckdb

        self._rel = None
        self._con = None
        if hasattr(events, "relation") and callable(events.relation) and not isinstance(events, duckdb.DuckDBPyRelation):
            self._rel = events.relation(include_negated=True)
        elif isinstance(events, duckdb.DuckDBPyRelation):
            self._rel = events
        elif (expanded := parquet_patterns(events)) is not None:
            self._con = _connect()
            files = ", ".join("'{}'".format(p.replace("'", "''")) for p in expanded)
            try:
                self._con.execute(f"CREATE VIEW _ev AS SELECT * FROM read_parquet([{files}])")
            except duckdb.Error as exc:  # not Parquet, no file matching a pattern, ...
                raise InputError(f"cannot read the events: {str(exc).splitlines()[0]}",
                                 hint="pass Parquet files, a folder of them or a glob pattern") from None
        else:
            import pyarrow as pa

            if isinstance(events, pd.DataFrame):
                obj: Any = events
            elif isinstance(events, (pa.Table, pa.RecordBatch)):
                obj = events
            elif isinstance(events, list):
                from detente.models import events_to_arrow

                obj = events_to_arrow(events)
            else:
                raise InputError(f"cannot read events from a {type(events).__name__}",
                                 hint="pass a DataFrame, an Arrow table, a DuckDB relation, a store or a Parquet path")
            self._con = _connect()
            self._con.register("_ev", obj)
        self.columns = {c.lower() for c in self._describe()}

    def _describe(self) -> list[str]:
        if self._rel is not None:
            return list(self._rel.columns)
        return [r[0] for r in self._con.execute("DESCRIBE _ev").fetchall()]

    def df(self, sql: str) -> pd.DataFrame:
        import duckdb

        try:
            # via Arrow: much cheaper than .df() for millions of grouped rows
            if self._rel is not None:
                return self._rel.query("_ev", sql).to_arrow_table().to_pandas()
            return self._con.sql(sql).to_arrow_table().to_pandas()
        except duckdb.Error as exc:
            raise EngineError(f"DuckDB failed: {str(exc).splitlines()[0]}") from None

    def streams(self) -> bool:
        """Whether rows come from a DuckDB relation (an event store's table), which ``batches`` streams."""
        return self._rel is not None

    def rows(self) -> int:
        return int(self.one("SELECT count(*) FROM _ev")[0])

    def one(self, sql: str) -> tuple:
        import duckdb

        try:
            return self._rel.query("_ev", sql).fetchall()[0]
        except duckdb.Error as exc:
            raise EngineError(f"DuckDB failed: {str(exc).splitlines()[0]}") from None

    def batches(self, sql: str, size: int = 1_000_000) -> Any:
        """The rows of ``sql`` as Arrow record batches, streamed."""
        yield from self._rel.query("_ev", sql).to_arrow_reader(size)

    # SQL pieces that tolerate missing columns ------------------------------------
    def col(self, name: str, default: str = "NULL") -> str:
        return name if name in self.columns else default

    def side(self, side: str, spec: str) -> str:
        # The rule of detente.store.queries.is_country_spec: a recorded country wins, the
        # code prefix speaks for actors without one (or for specs longer than a country).
        has_country, has_code = f"{side}_country" in self.columns, f"{side}_code" in self.columns
        if not (has_country or has_code):
            raise InputError(f"events table has neither {side}_country nor {side}_code")
        code = f"starts_with({side}_code, '{spec}')" if has_code else "false"
        if not is_country_spec(spec) or not has_country:
            return f"({code})"
        return f"({side}_country = '{spec}' OR ({side}_country IS NULL AND {code}))"

    def prune(self, a: str, b: str, directed: bool) -> list[str]:
        """Conditions implied by the dyad match that a Parquet row group's or a DuckDB
        segment's min/max can answer, so files sorted by country skip most of their rows."""
        if not (is_country_spec(a) and is_country_spec(b)):
            return []
        out = []
        for side, ends in (("source", [a] if directed else [a, b]), ("target", [b] if directed else [a, b])):
            if f"{side}_country" in self.columns:
                names = ", ".join(f"'{e}'" for e in ends)
                out.append(f"({side}_country IN ({names}) OR {side}_country IS NULL)")
        return out

    def dyad_where(self, a: str, b: str, directed: bool, since: Any, until: Any, include_reports: bool) -> str:
        """The counted events between ``a`` and ``b`` (either way unless ``directed``)."""
        match = f"({self.side('source', a)} AND {self.side('target', b)})"
        if not directed:
            match = f"({match} OR ({self.side('source', b)} AND {self.side('target', a)}))"
        return " AND ".join(self.prune(a, b, directed) + self.base_where(since, until, include_reports) + [match])

    def country(self, side: str) -> str:
        # Country pairs come from the country fields; IGOs and other actors without a
        # country are not part of a country pair. Only a table without those fields
        # falls back to the first three letters of the actor code.
        if f"{side}_country" in self.columns:
            return f"{side}_country"
        return f"substr({self.col(side + '_code')}, 1, 3)"

    def base_where(self, since: Any, until: Any, include_reports: bool) -> list[str]:
        if "date" not in self.columns:
            raise InputError("events table lacks a date column")
        if "quad_class" not in self.columns:
            raise InputError("events table lacks a quad_class column", hint="code or import events with CAMEO codes")
        clauses = ["date IS NOT NULL", "quad_class BETWEEN 1 AND 4"]
        if "negated" in self.columns:
            clauses.append("coalesce(negated, false) = false")
        if not include_reports and "report_of" in self.columns:
            clauses.append("report_of IS NULL")
        s, u = as_date(since, "--since"), as_date(until, "--until")
        if s:
            clauses.append(f"CAST(date AS DATE) >= DATE '{s.isoformat()}'")
        if u:
            clauses.append(f"CAST(date AS DATE) <= DATE '{u.isoformat()}'")
        return clauses

    def aggregates(self) -> str:
        # Six states per group, not eight: every counted row has a quad class 1-4 (base_where),
        # so ``events`` is the sum of the four counts, and greatest/least skip NULLs, so
        # ``goldstein_sum`` is pos + neg. A smaller hash table spills later on big inputs.
        g = self.col("goldstein", "CAST(NULL AS DOUBLE)")
        return f"""count(*) FILTER (WHERE quad_class = 1) AS vc,
            count(*) FILTER (WHERE quad_class = 2) AS mc,
            count(*) FILTER (WHERE quad_class = 3) AS vk,
            count(*) FILTER (WHERE quad_class = 4) AS mk,
            coalesce(sum(greatest({g}, 0)), 0) AS goldstein_pos,
            coalesce(sum(least({g}, 0)), 0) AS goldstein_neg"""


# the series columns computed from aggregates()' states, in SERIES_COLUMNS order
_SERIES_SELECT = """vc + mc + vk + mk AS events, vc, mc, vk, mk, goldstein_pos + goldstein_neg AS goldstein_sum,
                    goldstein_pos, goldstein_neg"""


def _period_sql(freq: str) -> str:
    # grouped on as it comes; the caller casts the (few) grouped periods to TIMESTAMP
    return f"date_trunc('{FREQS[check_freq(freq)]}', CAST(date AS DATE))"


class DuckDBEngine:
    """The default engine: DuckDB SQL over whatever holds the events (in process, no server)."""

    name = "duckdb"

    def dyad_series(self, events: Any, a: str, b: str, *, freq: str = "M", since: Any = None, until: Any = None,
                    directed: bool = False, include_reports: bool = False) -> pd.DataFrame:
        src = _Source(events)
        where = src.dyad_where(check_actor(a), check_actor(b), directed, since, until, include_reports)
        sql = f"""SELECT CAST(period AS TIMESTAMP) AS period, {_SERIES_SELECT}
                  FROM (SELECT {_period_sql(freq)} AS period, {src.aggregates()}
                        FROM _ev WHERE {where} GROUP BY 1) ORDER BY 1"""
        return _fix_types(src.df(sql))

    def all_dyads_series(self, events: Any, *, freq: str = "M", since: Any = None, until: Any = None,
                         countries: Sequence[str] | None = None, include_reports: bool = False) -> pd.DataFrame:
        patterns = parquet_patterns(events)
        if patterns is not None:
            out = compiled_all_dyads(patterns, freq=freq, since=since, until=until, countries=countries,
                                     include_reports=include_reports)
            if out is not None:
                return out
        src = _Source(events)
        s, t = src.country("source"), src.country("target")
        clauses = src.base_where(since, until, include_reports) + [f"{s} IS NOT NULL", f"{t} IS NOT NULL", f"{s} <> {t}"]
        if countries:
            names = ", ".join(f"'{check_actor(c)}'" for c in countries)
            clauses += [f"{s} IN ({names})", f"{t} IN ({names})"]
        where = " AND ".join(clauses)
        if src.streams():
            # a big table (an event store's): DuckDB filters, the compiled pass adds up (same frame)
            from detente.analysis import _scan

            g = src.col("goldstein", "CAST(NULL AS DOUBLE)")
            out = _scan.all_dyads_query(
                lambda: src.one(f"SELECT count(*), min(CAST(date AS DATE)), max(CAST(date AS DATE)) FROM _ev "
                                f"WHERE {where}") if src.rows() >= _scan.MIN_ROWS else (0, None, None),
                lambda: src.batches(f"SELECT CAST(date AS DATE) AS date, {s} AS source_country, {t} AS target_country, "
                                    f"quad_class, {g} AS goldstein FROM _ev WHERE {where}"),
                freq=check_freq(freq), since=as_date(since, "--since"), until=as_date(until, "--until"))
            if out is not None:
                return out
        # the public columns in their final order, so the DataFrame needs no copy afterwards
        sql = f"""SELECT a, b, period, events, vc, mc, vk, mk, (vc + mc) - (vk + mk) AS net_coop, goldstein_sum,
                         goldstein_sum / events AS goldstein_mean, goldstein_pos, goldstein_neg
                  FROM (SELECT a, b, CAST(period AS TIMESTAMP) AS period, {_SERIES_SELECT}
                        FROM (SELECT least({s}, {t}) AS a, greatest({s}, {t}) AS b, {_period_sql(freq)} AS period,
                                     {src.aggregates()}
                              FROM _ev WHERE {where} GROUP BY 1, 2, 3))"""
        return _fix_types(src.df(sql))

    def period_totals(self, events: Any, *, freq: str = "M", since: Any = None, until: Any = None,
                      include_reports: bool = False) -> pd.DataFrame:
        src = _Source(events)
        where = " AND ".join(src.base_where(since, until, include_reports))
        sql = f"SELECT {_period_sql(freq)} AS period, count(*) AS total FROM _ev WHERE {where} GROUP BY 1 ORDER BY 1"
        out = src.df(sql)
        out["period"] = pd.to_datetime(out["period"])
        return out

    def dyad_events(self, events: Any, a: str, b: str, *, since: Any = None, until: Any = None,
                    directed: bool = False, include_reports: bool = False) -> pd.DataFrame:
        src = _Source(events)
        where = src.dyad_where(check_actor(a), check_actor(b), directed, since, until, include_reports)
        out = src.df(f"SELECT * FROM _ev WHERE {where} ORDER BY date")
        out["date"] = pd.to_datetime(out["date"])
        return out


def _fix_types(df: pd.DataFrame) -> pd.DataFrame:
    want = {"events": "int64", "vc": "int64", "mc": "int64", "vk": "int64", "mk": "int64",
            "goldstein_sum": "float64", "goldstein_pos": "float64", "goldstein_neg": "float64"}
    if df["period"].dtype.kind != "M":
        df["period"] = pd.to_datetime(df["period"])
    for c, t in want.items():
        if df[c].dtype != t:
            df[c] = df[c].astype(t)
    return df


_ENGINES: dict[str, Any] = {"duckdb": DuckDBEngine}


def register_engine(name: str, factory: Any) -> None:
    """Make an engine available by name (the Spark engine registers itself here)."""
    _ENGINES[name] = factory


def get_engine(engine: str | Engine | None = None) -> Engine:
    """The engine by name (default ``duckdb``), or the engine object passed in."""
    if engine is None:
        engine = os.environ.get("DETENTE_ENGINE", "duckdb")
    if not isinstance(engine, str):
        return engine
    try:
        return _ENGINES[engine]()
    except KeyError:
        raise EngineError(f"no analytics engine named {engine!r}", hint=f"use one of {', '.join(sorted(_ENGINES))}") from None

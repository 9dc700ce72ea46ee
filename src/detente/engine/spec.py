"""The one definition of each aggregation, written once and translated to each engine.

The relations analytics (``detente.analysis``) reduce events to a few grouped counts
and finish them in pandas (gap filling, net cooperation, normalisation). The
reductions are the part an engine runs. Here each is one SQL template over a view
called ``events`` (the columns of ``detente.models.EVENT_SCHEMA``) in a small neutral
vocabulary; the few words the engines spell differently are rewritten by a lookup
table (``DIALECTS``), the way Ibis keeps one-to-one translations in a table. DuckDB
and Spark SQL then run the same text with the same bound parameters.

The rules are those of ``detente.analysis._engine`` (the reference; the Spark
tests compare against it row for row) and of ``detente.store.EventFilter``:

* actor match: side X matches a three-letter actor A when ``X_country = A``, or when
  ``X_country`` is missing and ``X_code`` starts with A; a longer A is a code prefix
  (``EventFilter``'s own SQL is reused, see ``detente.store.queries.is_country_spec``);
* counted events: a date, quad class 1-4, not negated, and (unless
  ``include_reports``) not a repeat report of another event;
* period: the date truncated to the start of its day, ISO week (Monday), month,
  quarter or year (``FREQS``);
* quad classes: ``vc`` 1 verbal cooperation, ``mc`` 2 material cooperation,
  ``vk`` 3 verbal conflict, ``mk`` 4 material conflict;
* net cooperation = (vc + mc) - (vk + mk) (added by ``analysis.dyads.finish_series``);
* a country pair: ``X_country`` on each side (IGOs and actors without a country
  are in no pair), two different countries, undirected (``a < b``);
* signed ties, triads and balance are computed by ``detente.analysis.signed`` from
  the yearly all-dyads aggregate, so they need no SQL of their own.
"""

from __future__ import annotations

import re

import pandas as pd

from detente.errors import InputError
from detente.models import EVENT_FIELDS
from detente.store.queries import EventFilter

# -- vocabulary ---------------------------------------------------------------------

FREQS: dict[str, str] = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
QUAD_COLUMNS: dict[int, str] = {1: "vc", 2: "mc", 3: "vk", 4: "mk"}
COOPERATION = ("vc", "mc")
CONFLICT = ("vk", "mk")
RAW_COLUMNS = ("events", "vc", "mc", "vk", "mk", "goldstein_sum", "goldstein_pos", "goldstein_neg")

# Partitioned Parquet layout: <root>/events/year=YYYY/month=MM/part-*.parquet.
# Events without a date go to year=0000/month=00.
EVENTS_DIR = "events"
PARTITION_COLUMNS = ("year", "month")
NO_DATE_YEAR, NO_DATE_MONTH = "0000", "00"

# Neutral SQL words -> engine spelling. Keys are regexes on the neutral text.
DIALECTS: dict[str, dict[str, str]] = {
    "duckdb": {},
    "spark": {r"\bstarts_with\(": "startswith("},
}


def translate(sql: str, dialect: str) -> str:
    """Rewrite neutral SQL into one engine's dialect (a lookup table, no parsing)."""
    try:
        table = DIALECTS[dialect]
    except KeyError:
        raise InputError(f"unknown SQL dialect {dialect!r}", hint=f"use one of {', '.join(DIALECTS)}") from None
    for pattern, replacement in table.items():
        sql = re.sub(pattern, replacement, sql)
    return sql


def check_freq(freq: str) -> str:
    f = str(freq).upper()[:1]
    f = "Y" if f == "A" else f
    if f not in FREQS:
        raise InputError(f"unknown frequency {freq!r}", hint="use D, W, M, Q or Y (day, week, month, quarter, year)")
    return f


def period_expr(freq: str, column: str = "date") -> str:
    return f"CAST(date_trunc('{FREQS[check_freq(freq)]}', {column}) AS DATE)"


def _g(cond: str | None = None) -> str:
    value = "CAST(goldstein AS DOUBLE)"
    return value if cond is None else f"CASE WHEN goldstein {cond} THEN {value} END"


MEASURES = ",\n       ".join(
    ["CAST(count(*) AS BIGINT) AS events"]
    + [f"CAST(sum(CASE WHEN quad_class = {q} THEN 1 ELSE 0 END) AS BIGINT) AS {name}"
       for q, name in QUAD_COLUMNS.items()]
    + [f"coalesce(sum({_g()}), 0) AS goldstein_sum",
       f"coalesce(sum({_g('> 0')}), 0) AS goldstein_pos",
       f"coalesce(sum({_g('< 0')}), 0) AS goldstein_neg"]
)

COUNTED = "date IS NOT NULL AND quad_class BETWEEN 1 AND 4"


def counted_filter(*, since=None, until=None, include_reports: bool = False, **filters) -> EventFilter:
    """The events the analytics count (negated never; repeat reports only when asked)."""
    return EventFilter.build(since=since, until=until, first_reports_only=not include_reports, **filters)


def country(side: str) -> str:
    return f"{side}_country"


# -- SQL templates (each returns SQL and its parameters) --------------------------------


def events_sql(where: str, *, limit: bool = False) -> str:
    sql = f"SELECT {', '.join(EVENT_FIELDS)} FROM events WHERE {where} ORDER BY date NULLS LAST, event_id"
    return sql + (" LIMIT ?" if limit else "")


def count_sql(where: str) -> str:
    return f"SELECT count(*) AS n FROM events WHERE {where}"


def dyad_series_sql(a: str, b: str, freq: str, *, since=None, until=None, directed: bool = False,
                    include_reports: bool = False) -> tuple[str, list]:
    where, params = counted_filter(dyad=(a, b), directed=directed, since=since, until=until,
                                   include_reports=include_reports).where()
    sql = f"""SELECT {period_expr(freq)} AS period,
       {MEASURES}
FROM events WHERE {where} AND {COUNTED}
GROUP BY 1 ORDER BY 1"""
    return sql, params


def dyad_events_sql(a: str, b: str, *, since=None, until=None, directed: bool = False,
                    include_reports: bool = False) -> tuple[str, list]:
    where, params = counted_filter(dyad=(a, b), directed=directed, since=since, until=until,
                                   include_reports=include_reports).where()
    return f"SELECT {', '.join(EVENT_FIELDS)} FROM events WHERE {where} AND {COUNTED} ORDER BY date, event_id", params


def _pairs_where(since, until, include_reports: bool, countries) -> tuple[str, list]:
    where, params = counted_filter(since=since, until=until, include_reports=include_reports).where()
    s, t = country("source"), country("target")
    where += f" AND {COUNTED} AND {s} IS NOT NULL AND {t} IS NOT NULL AND {s} <> {t}"
    among = [c.strip().upper() for c in countries or [] if c.strip()]
    if among:
        marks = ", ".join("?" for _ in among)
        where += f" AND {s} IN ({marks}) AND {t} IN ({marks})"
        params = params + among + among
    return where, params


def all_dyads_series_sql(freq: str, *, since=None, until=None, countries=None,
                         include_reports: bool = False) -> tuple[str, list]:
    """Columns in the order of ``detente.analysis`` (``dyads.ALL_DYADS_COLUMNS``), net
    cooperation and mean Goldstein included, so the big result needs no copy afterwards."""
    where, params = _pairs_where(since, until, include_reports, countries)
    s, t = country("source"), country("target")
    sql = f"""SELECT a, b, period, events, vc, mc, vk, mk, (vc + mc) - (vk + mk) AS net_coop, goldstein_sum,
       goldstein_sum / events AS goldstein_mean, goldstein_pos, goldstein_neg
FROM (SELECT least({s}, {t}) AS a, greatest({s}, {t}) AS b, {period_expr(freq)} AS period,
       {MEASURES}
FROM events WHERE {where}
GROUP BY 1, 2, 3) AS pairs"""
    return sql, params


def period_totals_sql(freq: str, *, since=None, until=None, include_reports: bool = False) -> tuple[str, list]:
    where, params = counted_filter(since=since, until=until, include_reports=include_reports).where()
    sql = f"""SELECT {period_expr(freq)} AS period, CAST(count(*) AS BIGINT) AS total
FROM events WHERE {where} AND {COUNTED} GROUP BY 1 ORDER BY 1"""
    return sql, params


# -- shared post-steps (pandas; results are small) ------------------------------------------------


def fix_types(df: pd.DataFrame) -> pd.DataFrame:
    """Raw aggregates from any engine -> the dtypes ``detente.analysis`` expects."""
    df = df.copy()
    if "period" in df:
        # DuckDB hands DATE to pandas as datetime64[us]; do the same for every engine.
        df["period"] = pd.to_datetime(pd.Series(df["period"], dtype="object")).astype("datetime64[us]")
    for c in ("events", "vc", "mc", "vk", "mk", "net_coop", "total"):
        if c in df:
            df[c] = df[c].astype("int64")
    for c in ("goldstein_sum", "goldstein_mean", "goldstein_pos", "goldstein_neg"):
        if c in df:
            df[c] = df[c].astype("float64")
    return df

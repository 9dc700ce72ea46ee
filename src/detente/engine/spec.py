"""The one definition of each analytic, written once and translated to each engine.

Every analytic here is a SQL template over a view called ``events`` (the columns of
``detente.models.EVENT_SCHEMA``) plus a shared pandas post-step (gap filling,
net cooperation, signs). The SQL uses a small neutral vocabulary; the few words
the engines spell differently are rewritten by a lookup table (``DIALECTS``), the
way Ibis keeps one-to-one translations in a table. DuckDB and Spark SQL then run
the same text with the same bound parameters, so the two engines cannot drift
apart in what they compute, only in how fast.

Definitions (the contract both engines are tested against, row for row):

* actor match: side X matches actor A when ``X_country = A OR starts_with(X_code, A)``
  (the rule of ``detente.store.EventFilter``; the filter's own SQL is reused).
* period: the event date truncated to the start of its day, ISO week (Monday),
  month, quarter or year (``FREQS``).
* quad-class columns: ``QUAD_COLUMNS`` maps quad_class 1-4 to counts.
* net cooperation: ``(verbal_coop + material_coop) - (verbal_conflict + material_conflict)``.
* Goldstein: sum and mean over events with a Goldstein value, sums rounded to
  ``GOLDSTEIN_DECIMALS`` so that float summation order cannot differ between engines.
* signed tie between two countries: the sign of their net cooperation over the
  window, both directions together, for pairs with at least ``min_events`` events.
* triad: three countries with a non-zero tie on every side; balanced when the
  product of the three signs is positive.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Any

import pandas as pd

from detente.errors import InputError
from detente.models import EVENT_FIELDS

# -- vocabulary ---------------------------------------------------------------------

FREQS: dict[str, str] = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
# pandas frequencies that enumerate the same period starts (for gap filling).
_PANDAS_FREQ = {"D": "D", "W": "W-MON", "M": "MS", "Q": "QS", "Y": "YS"}

QUAD_COLUMNS: dict[int, str] = {
    1: "verbal_coop",
    2: "material_coop",
    3: "verbal_conflict",
    4: "material_conflict",
}
COOPERATION = ("verbal_coop", "material_coop")
CONFLICT = ("verbal_conflict", "material_conflict")
GOLDSTEIN_DECIMALS = 6

SERIES_COLUMNS = ["period", "events", *QUAD_COLUMNS.values(), "net_coop", "goldstein_sum", "goldstein_mean"]
TIE_COLUMNS = ["a", "b", "events", *QUAD_COLUMNS.values(), "net_coop", "goldstein_mean", "sign"]
TRIAD_COLUMNS = ["a", "b", "c", "sign_ab", "sign_ac", "sign_bc", "balanced"]

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
    f = str(freq).upper()
    if f not in FREQS:
        raise InputError(f"frequency {freq!r} is not one of {', '.join(FREQS)}",
                         hint="D day, W week, M month, Q quarter, Y year")
    return f


def period_expr(freq: str, column: str = "date") -> str:
    return f"CAST(date_trunc('{FREQS[check_freq(freq)]}', {column}) AS DATE)"


def _quad_sums() -> str:
    return ",\n       ".join(
        f"CAST(sum(CASE WHEN quad_class = {q} THEN 1 ELSE 0 END) AS BIGINT) AS {name}" for q, name in QUAD_COLUMNS.items()
    )


_MEASURES = f"""CAST(count(*) AS BIGINT) AS events,
       {_quad_sums()},
       sum(CAST(goldstein AS DOUBLE)) AS goldstein_sum,
       CAST(count(goldstein) AS BIGINT) AS goldstein_n"""

# -- SQL templates --------------------------------------------------------------------


def events_sql(where: str, *, limit: bool = False) -> str:
    sql = f"SELECT {', '.join(EVENT_FIELDS)} FROM events WHERE {where} ORDER BY date NULLS LAST, event_id"
    return sql + (" LIMIT ?" if limit else "")


def count_sql(where: str) -> str:
    return f"SELECT count(*) AS n FROM events WHERE {where}"


def dyad_series_sql(where: str, freq: str) -> str:
    return f"""SELECT {period_expr(freq)} AS period,
       {_MEASURES}
FROM events WHERE {where} AND date IS NOT NULL
GROUP BY 1"""


def _pair_keys(directed: bool) -> tuple[str, str]:
    if directed:
        return "source_country", "target_country"
    return "least(source_country, target_country)", "greatest(source_country, target_country)"


_COUNTRY_PAIR = ("source_country IS NOT NULL AND target_country IS NOT NULL "
                 "AND source_country <> target_country")


def all_dyads_series_sql(where: str, freq: str, directed: bool) -> str:
    a, b = _pair_keys(directed)
    return f"""SELECT {a} AS a, {b} AS b, {period_expr(freq)} AS period,
       {_MEASURES}
FROM events WHERE {where} AND date IS NOT NULL AND {_COUNTRY_PAIR}
GROUP BY 1, 2, 3"""


def signed_ties_sql(where: str, n_countries: int) -> str:
    a, b = _pair_keys(False)
    among = ""
    if n_countries:
        marks = ", ".join("?" for _ in range(n_countries))
        among = f" AND source_country IN ({marks}) AND target_country IN ({marks})"
    return f"""SELECT {a} AS a, {b} AS b,
       {_MEASURES}
FROM events WHERE {where} AND {_COUNTRY_PAIR}{among}
GROUP BY 1, 2
HAVING count(*) >= ?"""


# -- shared post-steps (pandas; results are small) ------------------------------------------------


def _finish_measures(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    for col in ("events", *QUAD_COLUMNS.values(), "goldstein_n"):
        df[col] = df[col].fillna(0).astype("int64")
    df["net_coop"] = (df[list(COOPERATION)].sum(axis=1) - df[list(CONFLICT)].sum(axis=1)).astype("int64")
    gsum = df["goldstein_sum"].astype("float64").fillna(0.0)
    n = df["goldstein_n"]
    df["goldstein_sum"] = gsum.round(GOLDSTEIN_DECIMALS)
    df["goldstein_mean"] = (gsum / n.where(n > 0)).round(GOLDSTEIN_DECIMALS)
    return df.drop(columns=["goldstein_n"])


def _as_date(value: Any) -> dt.date | None:
    if value is None or value == "" or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def period_start(day: dt.date, freq: str) -> dt.date:
    """The first day of the period holding ``day`` (same rule as ``period_expr``)."""
    f = check_freq(freq)
    if f == "D":
        return day
    if f == "W":
        return day - dt.timedelta(days=day.weekday())
    if f == "M":
        return day.replace(day=1)
    if f == "Q":
        return day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)
    return day.replace(month=1, day=1)


def finish_series(raw: pd.DataFrame, freq: str, since: Any = None, until: Any = None, fill: bool = True) -> pd.DataFrame:
    """Aggregates from the engine -> the series: every period from ``since`` (or the
    first event) to ``until`` (or the last), empty periods as zeros."""
    f = check_freq(freq)
    df = raw.copy()
    df["period"] = pd.to_datetime(df["period"]).dt.date if len(df) else pd.Series([], dtype="object")
    df = _finish_measures(df) if len(df) else _empty_measures()
    if fill:
        start = _as_date(since) or (min(df["period"]) if len(df) else None)
        end = _as_date(until) or (max(df["period"]) if len(df) else None)
        if start is not None and end is not None and start <= end:
            periods = pd.date_range(period_start(start, f), period_start(end, f), freq=_PANDAS_FREQ[f]).date
            calendar = pd.DataFrame({"period": periods})
            df = calendar.merge(df, on="period", how="left")
            for col in ("events", *QUAD_COLUMNS.values(), "net_coop"):
                df[col] = df[col].fillna(0).astype("int64")
            df["goldstein_sum"] = df["goldstein_sum"].fillna(0.0)
    df = df.sort_values("period").reset_index(drop=True)
    return df[SERIES_COLUMNS]


def _empty_measures() -> pd.DataFrame:
    cols = {"period": pd.Series([], dtype="object")}
    for col in ("events", *QUAD_COLUMNS.values(), "net_coop"):
        cols[col] = pd.Series([], dtype="int64")
    cols["goldstein_sum"] = pd.Series([], dtype="float64")
    cols["goldstein_mean"] = pd.Series([], dtype="float64")
    return pd.DataFrame(cols)


def finish_all_dyads(raw: pd.DataFrame) -> pd.DataFrame:
    if len(raw):
        df = raw.copy()
        df["period"] = pd.to_datetime(df["period"]).dt.date
        df = _finish_measures(df)
    else:
        df = _empty_measures()
        df["a"] = pd.Series([], dtype="object")
        df["b"] = pd.Series([], dtype="object")
    cols = ["a", "b", *SERIES_COLUMNS]
    return df.sort_values(["a", "b", "period"]).reset_index(drop=True)[cols]


def finish_ties(raw: pd.DataFrame) -> pd.DataFrame:
    if not len(raw):
        df = _empty_measures().drop(columns=["period", "goldstein_sum"])
        df["a"] = pd.Series([], dtype="object")
        df["b"] = pd.Series([], dtype="object")
        df["sign"] = pd.Series([], dtype="int64")
        return df[TIE_COLUMNS]
    df = _finish_measures(raw)
    df["sign"] = df["net_coop"].clip(-1, 1).astype("int64")
    return df.sort_values(["a", "b"]).reset_index(drop=True)[TIE_COLUMNS]


def triads_from_ties(ties: pd.DataFrame) -> pd.DataFrame:
    """Every triangle with a non-zero tie on each side; balanced when the signs multiply to +1."""
    sign = {(r.a, r.b): int(r.sign) for r in ties.itertuples() if int(r.sign) != 0}
    nodes = sorted({n for pair in sign for n in pair})
    rows = []
    for a, b, c in itertools.combinations(nodes, 3):
        ab, ac, bc = sign.get((a, b)), sign.get((a, c)), sign.get((b, c))
        if ab and ac and bc:
            rows.append((a, b, c, ab, ac, bc, ab * ac * bc > 0))
    return pd.DataFrame(rows, columns=TRIAD_COLUMNS).astype(
        {"sign_ab": "int64", "sign_ac": "int64", "sign_bc": "int64", "balanced": "bool"})

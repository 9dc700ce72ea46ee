"""Dyad series: how the relation between two actors moves, period by period.

>>> import pandas as pd
>>> ev = pd.DataFrame({"date": ["2014-01-05", "2014-03-01"], "source_country": ["PAK", "RUS"],
...                    "target_country": ["RUS", "PAK"], "quad_class": [1, 4], "goldstein": [3.0, -9.0]})
>>> s = dyad_series(ev, "PAK", "RUS", freq="M")
>>> s[["period", "events", "net_coop"]].astype({"period": str}).values.tolist()
[['2014-01-01', 1, 1], ['2014-02-01', 0, 0], ['2014-03-01', 1, -1]]
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from detente.analysis._engine import (
    SERIES_COLUMNS,
    as_date,
    check_actor,
    check_freq,
    get_engine,
    period_index,
    truncate,
)
from detente.errors import InputError, NotEnoughData

#: Below this many events a dyad is described, not measured (no trend, no change points).
MIN_EVENTS = 10

NORMALISE = ("none", "share", "volume")

ALL_DYADS_COLUMNS = ("a", "b", "period", "events", "vc", "mc", "vk", "mk", "net_coop", "goldstein_sum",
                     "goldstein_mean", "goldstein_pos", "goldstein_neg")

QUAD_LABELS = {"vc": "verbal cooperation", "mc": "material cooperation",
               "vk": "verbal conflict", "mk": "material conflict"}


def _span_text(since: Any, until: Any) -> str:
    s, u = as_date(since), as_date(until)
    if s and u:
        return f" between {s} and {u}"
    if s:
        return f" since {s}"
    if u:
        return f" until {u}"
    return ""


def too_few_message(n: int, a: str, b: str, since: Any = None, until: Any = None, what: str = "measure a trend") -> str:
    """The plain sentence shown when a dyad is too thin to say anything."""
    word = "event" if n == 1 else "events"
    return f"Only {n} {word} between {a} and {b}{_span_text(since, until)}: too few to {what}."


def dyad_series(events: Any, a: str, b: str, *, freq: str = "M", since: Any = None, until: Any = None,
                directed: bool = False, normalise: str = "none", include_reports: bool = False,
                volume: pd.DataFrame | None = None, engine: Any = None) -> pd.DataFrame:
    """Per-period series of the relation between ``a`` and ``b``.

    ``events``: a DataFrame, Arrow table, DuckDB relation, ``EventStore`` or Parquet
    path(s). ``freq``: ``D W M Q Y``. ``directed=True`` counts only ``a`` -> ``b``.

    Columns: ``period`` (start of the period), ``events``, ``vc mc vk mk`` (counts per
    quad class), ``goldstein_sum``, ``goldstein_mean``, ``goldstein_pos``,
    ``goldstein_neg``, ``net_coop`` = (vc + mc) - (vk + mk). Periods run without gaps
    from ``since`` (or the first event) to ``until`` (or the last event), zeros where
    nothing happened.

    ``normalise``: ``none``; ``share`` adds ``volume`` (all events in the period) and
    ``*_norm`` columns per 1,000 events reported in the period (the dyad's share of
    the news); ``volume`` uses daily country totals (``volume=`` DataFrame with
    ``date, country, events``, or the store's imported GDELT totals) summed over the
    two countries.

    Raises ``NotEnoughData`` when the dyad has no events at all.
    """
    a, b = check_actor(a), check_actor(b)
    f = check_freq(freq)
    if normalise not in NORMALISE:
        raise InputError(f"unknown normalisation {normalise!r}", hint="use none, share or volume")
    eng = get_engine(engine)
    raw = eng.dyad_series(events, a, b, freq=f, since=since, until=until, directed=directed,
                          include_reports=include_reports)
    if raw.empty:
        raise NotEnoughData(f"No events between {a} and {b}{_span_text(since, until)}",
                            hint="code or import events for this pair, or widen --since/--until")
    s, u = as_date(since), as_date(until)
    start = s or raw["period"].min().date()
    end = u or raw["period"].max().date()
    idx = period_index(f, start, end)
    out = raw.set_index("period").reindex(idx, fill_value=0)
    out.index.name = "period"
    out = out.reset_index()
    out = finish_series(out)
    if normalise != "none":
        denom = _denominator(events, eng, normalise, a, b, f, since, until, include_reports, volume)
        out = out.merge(denom, on="period", how="left")
        out["volume"] = out["volume"].fillna(0).astype("int64")
        scale = np.where(out["volume"] > 0, 1000.0 / out["volume"].where(out["volume"] > 0, 1), np.nan)
        for c in ("events", "vc", "mc", "vk", "mk", "net_coop", "goldstein_sum"):
            out[f"{c}_norm"] = out[c] * scale
    out.attrs.update({"a": a, "b": b, "freq": f, "directed": directed, "normalise": normalise,
                      "since": str(s) if s else None, "until": str(u) if u else None})
    return out


def finish_series(df: pd.DataFrame) -> pd.DataFrame:
    """Add ``goldstein_mean`` and ``net_coop`` to grouped counts, in the public column order."""
    if list(df.columns) == list(ALL_DYADS_COLUMNS):  # the engine did it already
        return df
    for c in SERIES_COLUMNS:
        if c not in df:
            df[c] = 0
    df["net_coop"] = (df["vc"] + df["mc"]) - (df["vk"] + df["mk"])
    df["goldstein_mean"] = np.where(df["events"] > 0, df["goldstein_sum"] / df["events"].where(df["events"] > 0, 1), np.nan)
    lead = [c for c in ("a", "b") if c in df]
    cols = lead + ["period", "events", "vc", "mc", "vk", "mk", "net_coop", "goldstein_sum", "goldstein_mean",
                   "goldstein_pos", "goldstein_neg"]
    return df[cols + [c for c in df.columns if c not in cols]]


def _denominator(events: Any, eng: Any, normalise: str, a: str, b: str, freq: str, since: Any, until: Any,
                 include_reports: bool, volume: pd.DataFrame | None) -> pd.DataFrame:
    if normalise == "share":
        tot = eng.period_totals(events, freq=freq, since=since, until=until, include_reports=include_reports)
        return tot.rename(columns={"total": "volume"})
    if volume is None and hasattr(events, "country_volume"):
        volume = events.country_volume()
    if volume is None or len(volume) == 0:
        raise InputError("no daily country totals to normalise by",
                         hint="import GDELT's daily totals first, or use --normalise share")
    v = volume[volume["country"].isin([a, b])].copy()
    if v.empty:
        raise InputError(f"the daily country totals have no rows for {a} or {b}", hint="use --normalise share")
    v["period"] = pd.to_datetime(v["date"]).map(lambda t: truncate(t, freq))
    return v.groupby("period", as_index=False)["events"].sum().rename(columns={"events": "volume"})


def all_dyads_series(events: Any, *, freq: str = "M", since: Any = None, until: Any = None,
                     countries: Any = None, include_reports: bool = False, engine: Any = None) -> pd.DataFrame:
    """Monthly (or ``freq``) series for every undirected country pair, periods with events only.

    Columns ``a``, ``b`` (``a`` < ``b``), ``period`` and the columns of ``dyad_series``;
    rows in no particular order (this is the big one: sort what you keep).
    """
    f = check_freq(freq)
    if isinstance(countries, str):
        countries = [c.strip() for c in countries.split(",") if c.strip()]
    raw = get_engine(engine).all_dyads_series(events, freq=f, since=since, until=until, countries=countries,
                                              include_reports=include_reports)
    return finish_series(raw)


def summary(series: pd.DataFrame) -> dict[str, Any]:
    """Headline figures of a dyad series (totals, shares, best and worst period)."""
    tot = {c: int(series[c].sum()) for c in ("events", "vc", "mc", "vk", "mk", "net_coop")}
    n = tot["events"]
    g = float(series["goldstein_sum"].sum())
    active = series[series["events"] > 0]
    best = active.loc[active["net_coop"].idxmax()] if len(active) else None
    worst = active.loc[active["net_coop"].idxmin()] if len(active) else None
    return {
        **tot,
        "periods": len(series),
        "active_periods": len(active),
        "goldstein_sum": g,
        "goldstein_mean": g / n if n else float("nan"),
        "coop_share": (tot["vc"] + tot["mc"]) / n if n else float("nan"),
        "best_period": best["period"] if best is not None else None,
        "best_net_coop": int(best["net_coop"]) if best is not None else None,
        "worst_period": worst["period"] if worst is not None else None,
        "worst_net_coop": int(worst["net_coop"]) if worst is not None else None,
        "first_period": series["period"].min(),
        "last_period": series["period"].max(),
    }


def dyad_events(events: Any, a: str, b: str, *, since: Any = None, until: Any = None, directed: bool = False,
                include_reports: bool = False, engine: Any = None) -> pd.DataFrame:
    """The dyad's events themselves (for evidence tables)."""
    return get_engine(engine).dyad_events(events, check_actor(a), check_actor(b), since=since, until=until,
                                          directed=directed, include_reports=include_reports)


def key_events(events: pd.DataFrame, n: int = 8) -> pd.DataFrame:
    """The events a reader should see: the strongest by |Goldstein| plus the most recent, deduplicated.

    Datasets report one happening many times (ICEWS keeps one row per story): rows with the
    same day, actors and CAMEO code are shown once, the first of them, with ``reports``
    saying how many there were.
    """
    if events.empty:
        return events
    ev = events.copy()
    same = [c for c in ("date", "source_code", "target_code", "cameo_code") if c in ev]
    if len(same) == 4:
        keys = ev[same].astype("string").fillna("\x00")  # a missing actor is one value here
        ev["reports"] = keys.groupby(same, sort=False)[same[0]].transform("size").to_numpy()
        ev = ev[~keys.duplicated()]
    g = ev["goldstein"] if "goldstein" in ev else pd.Series(0.0, index=ev.index)
    ev["_abs"] = g.fillna(0).abs()
    strong = ev.sort_values(["_abs", "date"], ascending=[False, False]).head(max(1, n - n // 3))
    recent = ev.sort_values("date", ascending=False).head(n)
    picked = pd.concat([strong, recent])
    key = "event_id" if "event_id" in picked else None
    picked = picked.drop_duplicates(subset=key) if key else picked[~picked.index.duplicated()]
    return picked.head(n).sort_values("date").drop(columns="_abs").reset_index(drop=True)

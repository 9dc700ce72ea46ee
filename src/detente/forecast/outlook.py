"""A dyad's outlook: the next periods' quad-class counts and net cooperation.

``dyad_series`` turns events into one row per period (``vc`` verbal cooperation,
``mc`` material cooperation, ``vk`` verbal conflict, ``mk`` material conflict,
``net_coop = (vc + mc) - (vk + mk)``). ``outlook`` forecasts each column
``horizon`` periods ahead with prediction intervals; ``backtest`` measures the
forecasters against naive persistence and the seasonal naive with a rolling origin
(MASE, scaled by the in-sample one-step naive error, and interval coverage).

Intervals are empirical: the quantiles of the method's own out-of-sample errors at
each horizon in the rolling-origin backtest (normal errors from the in-sample
residuals while there are too few of those).

>>> import pandas as pd
>>> ev = pd.DataFrame({"date": pd.date_range("2020-01-01", periods=400, freq="3D").astype(str),
...                    "source_code": ["PAK", "RUS"] * 200, "target_code": ["RUS", "PAK"] * 200,
...                    "quad_class": [1, 2, 3, 1] * 100})
>>> out = outlook(ev, "PAK", "RUS", freq="M", horizon=2)
>>> sorted(out["variable"].unique())
['mc', 'mk', 'net_coop', 'vc', 'vk']
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import norm

from detente.errors import InputError, NotEnoughData

VARIABLES = ("vc", "mc", "vk", "mk", "net_coop")
SEASON = {"D": 7, "W": 52, "M": 12, "MS": 12, "ME": 12, "Q": 4, "QS": 4, "QE": 4, "Y": 1, "YS": 1, "YE": 1}
METHODS = ("naive", "snaive", "ses", "mean3")
MIN_PERIODS = 8
MIN_ERRORS = 5


def _period_freq(freq: str) -> str:
    return {"M": "M", "MS": "M", "ME": "M", "Q": "Q", "QS": "Q", "QE": "Q", "Y": "Y", "YS": "Y", "YE": "Y",
            "W": "W", "D": "D"}.get(freq.upper(), freq)


def _side(events: pd.DataFrame, side: str, actor: str) -> pd.Series:
    code = events.get(f"{side}_code", pd.Series(index=events.index, dtype=object)).fillna("").astype(str)
    hit = code.str.startswith(actor)
    if f"{side}_country" in events.columns:
        hit |= events[f"{side}_country"].fillna("").astype(str) == actor
    return hit


def dyad_series(events: pd.DataFrame, a: str, b: str, *, freq: str = "M", directed: bool = False) -> pd.DataFrame:
    """Counts per quad class and net cooperation per period for the dyad ``a``-``b``.

    An actor matches a country field equal to it or an actor code starting with it
    (``RUS`` matches ``RUSGOV``). Empty periods between the first and the last event
    are zeros.
    """
    for col in ("date", "quad_class"):
        if col not in events.columns:
            raise InputError(f"events table lacks column {col!r}")
    ab = _side(events, "source", a) & _side(events, "target", b)
    if not directed:
        ab |= _side(events, "source", b) & _side(events, "target", a)
    ev = events.loc[ab & events["date"].notna() & events["quad_class"].notna(), ["date", "quad_class"]]
    if ev.empty:
        raise NotEnoughData(f"no dated events between {a} and {b}", hint="import or code events for this dyad first")
    pfreq = _period_freq(freq)
    period = pd.to_datetime(ev["date"]).dt.to_period(pfreq)
    counts = pd.crosstab(period, ev["quad_class"].astype(int))
    full = pd.period_range(period.min(), period.max(), freq=pfreq)
    counts = counts.reindex(index=full, columns=[1, 2, 3, 4], fill_value=0)
    out = pd.DataFrame({"period": full, "vc": counts[1].to_numpy(), "mc": counts[2].to_numpy(),
                        "vk": counts[3].to_numpy(), "mk": counts[4].to_numpy()})
    out["net_coop"] = (out["vc"] + out["mc"]) - (out["vk"] + out["mk"])
    return out


# -- point forecasters: history (1d) -> next ``h`` values ---------------------

def _ses(y: np.ndarray, h: int) -> tuple[np.ndarray, np.ndarray]:
    """Simple exponential smoothing, alpha by in-sample one-step squared error."""
    best = (np.inf, y[-1], np.zeros(0))
    for alpha in (0.1, 0.2, 0.3, 0.5, 0.7, 0.9):
        level = y[0]
        res = np.empty(len(y) - 1)
        for i in range(1, len(y)):
            res[i - 1] = y[i] - level
            level = alpha * y[i] + (1 - alpha) * level
        sse = float(res @ res)
        if sse < best[0]:
            best = (sse, level, res)
    return np.full(h, best[1]), best[2]


def point_forecast(y: np.ndarray, h: int, method: str, season: int) -> np.ndarray:
    y = np.asarray(y, dtype=float)
    if method == "naive":
        return np.full(h, y[-1])
    if method == "snaive":
        if season <= 1 or len(y) < season:
            return np.full(h, y[-1])
        return np.array([y[len(y) - season + (i % season)] for i in range(h)])
    if method == "mean3":
        return np.full(h, y[-3:].mean())
    if method == "ses":
        return _ses(y, h)[0]
    raise InputError(f"unknown outlook method {method!r}", hint=f"use one of {', '.join(METHODS)}")


def _mase_scale(y: np.ndarray) -> float:
    d = np.abs(np.diff(y))
    s = float(d.mean()) if len(d) else 0.0
    return s if s > 0 else 1.0


@dataclass
class _Errors:
    errors: list[list[float]]  # per horizon step
    covered: int = 0
    scored: int = 0
    abs_scaled: float = 0.0
    n: int = 0


def _rolling(y: np.ndarray, h: int, method: str, season: int, level: float, min_train: int) -> _Errors:
    acc = _Errors([[] for _ in range(h)])
    lo_q, hi_q = (1 - level) / 2, (1 + level) / 2
    for origin in range(min_train, len(y)):
        train = y[:origin]
        f = point_forecast(train, h, method, season)
        scale = _mase_scale(train)
        for i in range(min(h, len(y) - origin)):
            err = y[origin + i] - f[i]
            past = acc.errors[i]
            if len(past) >= MIN_ERRORS:
                lo, hi = np.quantile(past, [lo_q, hi_q])
                acc.covered += int(f[i] + lo <= y[origin + i] <= f[i] + hi)
                acc.scored += 1
            acc.abs_scaled += abs(err) / scale
            acc.n += 1
        for i in range(min(h, len(y) - origin)):
            acc.errors[i].append(y[origin + i] - f[i])
    return acc


def backtest(series: pd.DataFrame, *, horizon: int = 3, freq: str = "M", level: float = 0.8,
             methods: tuple[str, ...] = METHODS, min_train: int | None = None) -> pd.DataFrame:
    """Rolling-origin backtest: MASE and interval coverage per method and variable.

    Every origin from ``min_train`` on forecasts the next ``horizon`` periods from the
    periods before it only. Coverage counts forecasts whose interval came from at
    least five earlier out-of-sample errors.
    """
    season = SEASON.get(freq.upper(), 1)
    n = len(series)
    min_train = min_train or max(MIN_PERIODS // 2, min(n // 2, 2 * season))
    if n - min_train < 2:
        raise NotEnoughData(f"{n} periods are too few to backtest a {horizon}-period outlook",
                            hint="use a finer --freq or a longer date range")
    rows = []
    for var in VARIABLES:
        y = series[var].to_numpy(dtype=float)
        for m in methods:
            acc = _rolling(y, horizon, m, season, level, min_train)
            rows.append({"variable": var, "method": m, "mase": acc.abs_scaled / max(acc.n, 1),
                         "coverage": acc.covered / acc.scored if acc.scored else float("nan"),
                         "forecasts": acc.n, "intervals": acc.scored})
    return pd.DataFrame(rows)


def forecast_series(series: pd.DataFrame, *, horizon: int = 3, freq: str = "M", level: float = 0.8,
                    method: str = "auto") -> pd.DataFrame:
    """Forecasts with intervals for every variable of a dyad series.

    ``method="auto"`` picks, per variable, the method with the lowest backtest MASE.
    """
    n = len(series)
    if n < MIN_PERIODS:
        finer = {"Y": "Q", "Q": "M", "M": "W", "W": "D"}.get(str(freq).upper()[:1])
        hint = (f"use a finer --freq ({finer}) or import more events" if finer
                else "import events over more days")
        raise NotEnoughData(f"only {n} {'period' if n == 1 else 'periods'} of data for this dyad; an outlook "
                            f"needs at least {MIN_PERIODS}", hint=hint)
    if horizon < 1:
        raise InputError("horizon must be at least 1")
    season = SEASON.get(freq.upper(), 1)
    bt = backtest(series, horizon=horizon, freq=freq, level=level)
    pfreq = _period_freq(freq)
    last = pd.Period(series["period"].iloc[-1], freq=pfreq)
    out = []
    for var in VARIABLES:
        y = series[var].to_numpy(dtype=float)
        sub = bt[bt["variable"] == var]
        m = sub.sort_values(["mase", "method"]).iloc[0]["method"] if method == "auto" else method
        row = sub[sub["method"] == m].iloc[0]
        season_m = season
        f = point_forecast(y, horizon, m, season_m)
        acc = _rolling(y, horizon, m, season_m, level, max(MIN_PERIODS // 2, n // 2))
        _, res = _ses(y, 1)
        sd = float(np.std(res)) if len(res) > 1 else float(np.std(y))
        for i in range(horizon):
            errs = acc.errors[i]
            if len(errs) >= MIN_ERRORS:
                lo, hi = np.quantile(errs, [(1 - level) / 2, (1 + level) / 2])
            else:
                z = float(norm.ppf((1 + level) / 2))
                lo, hi = -z * sd * np.sqrt(i + 1), z * sd * np.sqrt(i + 1)
            point, lower, upper = f[i], f[i] + lo, f[i] + hi
            if var != "net_coop":
                point, lower, upper = max(point, 0.0), max(lower, 0.0), max(upper, 0.0)
            out.append({"period": str(last + i + 1), "step": i + 1, "variable": var, "forecast": point,
                        "lower": lower, "upper": upper, "level": level, "method": m,
                        "backtest_mase": row["mase"], "backtest_coverage": row["coverage"]})
    return pd.DataFrame(out)


def outlook(events: pd.DataFrame, a: str, b: str, *, freq: str = "M", horizon: int = 3, level: float = 0.8,
            directed: bool = False, method: str = "auto") -> pd.DataFrame:
    """Next ``horizon`` periods of the dyad ``a``-``b``: quad-class counts and net
    cooperation, each with a ``level`` prediction interval.

    Raises ``NotEnoughData`` when the dyad has too few periods to forecast honestly.
    One row per (period, variable): ``forecast``, ``lower``, ``upper``, the ``method``
    picked by the backtest and its ``backtest_mase`` / ``backtest_coverage``.
    """
    series = dyad_series(events, a, b, freq=freq, directed=directed)
    return forecast_series(series, horizon=horizon, freq=freq, level=level, method=method)

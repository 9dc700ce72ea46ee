"""Drivers: which third-party dyads lead a dyad (lagged correlation, Granger tests).

For a target dyad A-B, every other country pair that involves A or B (or every
pair among ``countries``) is a candidate. Raw counts mostly follow news volume,
so each series is first turned into a share: net cooperation per 1,000 events
reported in the period (all events in the data). Then, for lags 1..``max_lag``:

* the cross-correlation of the candidate ``lag`` periods earlier with the target;
* ``statsmodels`` Granger causality (SSR F test): does the candidate's past
  improve a forecast of the target beyond the target's own past?

Candidates are ranked by their best Granger p-value; ``p_adjusted`` is the
Holm-corrected value over all candidates (many dyads are tested, so a few small
raw p-values are expected by chance). "Leads" means predictive precedence, not
proof of cause.

>>> import numpy as np, pandas as pd
>>> rng = np.random.default_rng(1)
>>> x = rng.normal(size=80); y = np.r_[0, 0, x[:-2]] + 0.3 * rng.normal(size=80)
>>> r = granger_lead(x, y, max_lag=3)
>>> r["lag"], r["p_value"] < 0.001
(2, True)
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from detente.analysis._engine import (
    as_date,
    check_actor,
    check_freq,
    get_engine,
    period_index,
)
from detente.analysis.dyads import MIN_EVENTS, _span_text, too_few_message
from detente.errors import NotEnoughData


#: The fewest periods for a Granger test with ``max_lag`` lags: 3 * max_lag + 10.
def min_periods(max_lag: int) -> int:
    return 3 * max_lag + 10


def granger_lead(x: np.ndarray, y: np.ndarray, max_lag: int = 3) -> dict[str, Any]:
    """Best lag of ``x`` leading ``y``: ``lag``, ``p_value`` (Granger SSR F test), ``corr``
    (correlation of x[t-lag] with y[t]), and every lag's p-value in ``p_by_lag``."""
    from statsmodels.tsa.stattools import grangercausalitytests

    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = grangercausalitytests(np.column_stack([y, x]), maxlag=list(range(1, max_lag + 1)))
    pvals = {k: float(v[0]["ssr_ftest"][1]) for k, v in res.items()}
    lag = min(pvals, key=lambda k: (pvals[k], k))
    corr = float(np.corrcoef(x[:-lag], y[lag:])[0, 1]) if np.std(x[:-lag]) > 0 and np.std(y[lag:]) > 0 else 0.0
    return {"lag": int(lag), "p_value": pvals[lag], "corr": corr, "p_by_lag": pvals}


def _holm(p: np.ndarray) -> np.ndarray:
    n = len(p)
    if n == 0:
        return p
    order = np.argsort(p)
    adj = np.empty(n)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (n - rank) * p[i]))
        adj[i] = running
    return adj


@dataclass
class DriversResult:
    """Candidate leading dyads ranked by Granger p-value, with cautions to read first."""

    a: str
    b: str
    table: pd.DataFrame  # dyad, lag, corr, sign, p_value, p_adjusted, events, corr_by_lag
    cautions: list[str] = field(default_factory=list)
    periods: int = 0

    def sentences(self, alpha: float = 0.05, top: int = 5) -> list[str]:
        out = []
        for r in self.table.head(top).itertuples(index=False):
            if r.p_value >= alpha:
                continue
            direction = "warmer" if r.sign > 0 else "cooler"
            out.append(f"{r.dyad} leads {self.a}-{self.b} by {r.lag} period{'s' if r.lag > 1 else ''}: "
                       f"when {r.dyad} moves up, {self.a}-{self.b} tends to turn {direction} "
                       f"(r = {r.corr:+.2f}, Granger p = {r.p_value:.3g}, Holm-adjusted {r.p_adjusted:.3g}).")
        if not out:
            out.append(f"No third-party dyad leads {self.a}-{self.b} at p < {alpha}.")
        return out


def drivers(events: Any, a: str, b: str, *, since: Any = None, until: Any = None, freq: str = "M", max_lag: int = 3,
            countries: Any = None, column: str = "net_coop", min_events: int = MIN_EVENTS, include_reports: bool = False,
            engine: Any = None) -> DriversResult:
    """Rank other dyads whose series lead ``a``-``b`` (see the module docstring).

    Raises ``NotEnoughData`` when the target dyad has fewer than ``min_events`` events
    or the window has fewer than ``3 * max_lag + 10`` periods.
    """
    a, b = check_actor(a), check_actor(b)
    f = check_freq(freq)
    eng = get_engine(engine)
    pairs = eng.all_dyads_series(events, freq=f, since=since, until=until, include_reports=include_reports)
    target_raw = eng.dyad_series(events, a, b, freq=f, since=since, until=until, include_reports=include_reports)
    n_target = int(target_raw["events"].sum()) if len(target_raw) else 0
    if n_target < min_events:
        raise NotEnoughData(too_few_message(n_target, a, b, since, until, what="test what leads it"))
    totals = eng.period_totals(events, freq=f, since=since, until=until, include_reports=include_reports)
    start = as_date(since) or min(pairs["period"].min(), target_raw["period"].min()).date()
    end = as_date(until) or max(pairs["period"].max(), target_raw["period"].max()).date()
    idx = period_index(f, start, end)
    need = min_periods(max_lag)
    if len(idx) < need:
        raise NotEnoughData(f"only {len(idx)} periods{_span_text(since, until)}: a Granger test with {max_lag} lags "
                            f"needs at least {need}", hint="widen --since/--until, use a finer --freq or a smaller --max-lag")
    vol = totals.set_index("period")["total"].reindex(idx, fill_value=0).to_numpy(dtype=float)
    scale = np.where(vol > 0, 1000.0 / np.where(vol > 0, vol, 1), 0.0)

    def share(df: pd.DataFrame) -> np.ndarray:
        d = df.copy()
        d["net_coop"] = d["vc"] + d["mc"] - d["vk"] - d["mk"]
        return d.set_index("period")[column].reindex(idx, fill_value=0).to_numpy(dtype=float) * scale

    y = share(target_raw)
    if np.std(y) == 0:
        raise NotEnoughData(f"{a}-{b} {column} does not vary{_span_text(since, until)}: nothing to explain")
    names = None
    if countries:
        names = {check_actor(c) for c in (countries.split(",") if isinstance(countries, str) else countries)}
    ca, cb = a[:3], b[:3]
    rows, cautions = [], []
    thin = 0
    for (pa_, pb_), grp in pairs.groupby(["a", "b"], sort=True):
        if {pa_, pb_} == {ca, cb}:
            continue
        if names is not None:
            if not (pa_ in names and pb_ in names):
                continue
        elif not ({pa_, pb_} & {ca, cb}):
            continue
        n = int(grp["events"].sum())
        if n < min_events:
            thin += 1
            continue
        x = share(grp)
        if np.std(x) == 0 or np.count_nonzero(x) < max_lag + 2:
            thin += 1
            continue
        try:
            r = granger_lead(x, y, max_lag=max_lag)
        except (ValueError, np.linalg.LinAlgError):  # singular design: a series that is almost constant
            thin += 1
            continue
        corr_by_lag = []
        for k in range(1, max_lag + 1):
            xs, ys = x[:-k], y[k:]
            corr_by_lag.append(float(np.corrcoef(xs, ys)[0, 1]) if np.std(xs) > 0 and np.std(ys) > 0 else 0.0)
        rows.append({"dyad": f"{pa_}-{pb_}", "lag": r["lag"], "corr": r["corr"], "sign": 1 if r["corr"] >= 0 else -1,
                     "p_value": r["p_value"], "events": n,
                     "corr_by_lag": " ".join(f"{c:+.2f}" for c in corr_by_lag)})
    table = pd.DataFrame(rows, columns=["dyad", "lag", "corr", "sign", "p_value", "events", "corr_by_lag"])
    table["p_adjusted"] = _holm(table["p_value"].to_numpy()) if len(table) else []
    table = table.sort_values(["p_value", "dyad"]).reset_index(drop=True)
    table = table[["dyad", "lag", "corr", "sign", "p_value", "p_adjusted", "events", "corr_by_lag"]]
    if thin:
        cautions.append(f"{thin} candidate dyad{'s' if thin > 1 else ''} had too few events (< {min_events}) "
                        "or too little variation to test.")
    if len(table):
        cautions.append(f"{len(table)} dyads x {max_lag} lags were tested: at p < 0.05 about "
                        f"{max(1, round(0.05 * len(table)))} could lead by chance; read p_adjusted (Holm).")
    else:
        cautions.append("No candidate dyad had enough events to test.")
    if len(idx) < 2 * need:
        cautions.append(f"Only {len(idx)} periods: the tests have little power; a missing lead is not evidence of none.")
    cautions.append("A lead is predictive precedence over volume-normalised series, not proof of cause.")
    return DriversResult(a, b, table, cautions, len(idx))

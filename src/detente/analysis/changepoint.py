"""Change points on a dyad series, as dated segments and sentences a person reads.

Uses ``ruptures`` (PELT with an L2 cost). The penalty is scaled to the noise of
the series, estimated from its first differences (robust to the steps we are
looking for): ``pen = penalty * sigma**2 * log(n)``.

>>> import pandas as pd
>>> s = pd.DataFrame({"period": pd.date_range("2014-01-01", periods=24, freq="MS"),
...                   "net_coop": [0] * 12 + [5] * 12})
>>> segs = changepoints(s)
>>> [str(p.date()) for p in segs["start"]]
['2014-01-01', '2015-01-01']
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from detente.errors import InputError, NotEnoughData

COLUMN_WORDS = {"net_coop": "net cooperation", "goldstein_mean": "mean Goldstein score",
                "goldstein_sum": "Goldstein total", "events": "event count", "vc": "verbal cooperation",
                "mc": "material cooperation", "vk": "verbal conflict", "mk": "material conflict"}
_FREQ_WORDS = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}


def period_label(ts: Any, freq: str = "M") -> str:
    t = pd.Timestamp(ts)
    f = (freq or "M")[:1].upper()
    if f == "M":
        return t.strftime("%Y-%m")
    if f == "Q":
        return f"{t.year}Q{(t.month - 1) // 3 + 1}"
    if f == "Y":
        return str(t.year)
    return t.strftime("%Y-%m-%d")


def _noise(y: np.ndarray) -> float:
    d = np.diff(y)
    if len(d) == 0:
        return 0.0
    mad = np.median(np.abs(d - np.median(d))) / 0.6745 / np.sqrt(2)
    if mad > 0:
        return float(mad)
    return float(np.std(d) / np.sqrt(2))


def changepoints(series: pd.DataFrame, column: str = "net_coop", *, penalty: float = 3.0, min_size: int = 3,
                 freq: str | None = None) -> pd.DataFrame:
    """Segments of ``series[column]`` between change points.

    Returns one row per segment: ``start``, ``end`` (period starts), ``periods``,
    ``level`` (mean of the column in the segment), ``change`` (level minus the
    previous segment's) and ``sentence``. A series without a change is one segment.
    Raises ``NotEnoughData`` when the series has fewer than ``2 * min_size`` periods.
    """
    import ruptures as rpt

    if column not in series:
        raise InputError(f"series has no column {column!r}", hint=f"use one of {', '.join(COLUMN_WORDS)}")
    freq = freq or series.attrs.get("freq", "M")
    y = series[column].astype(float).fillna(0).to_numpy()
    periods = pd.to_datetime(series["period"]).reset_index(drop=True)
    n = len(y)
    if n < 2 * min_size:
        raise NotEnoughData(f"only {n} periods: too few to look for change points", hint="widen --since or use a finer --freq")
    sigma = _noise(y)
    if sigma == 0:
        breaks = [n]
    else:
        pen = penalty * sigma ** 2 * np.log(n)
        breaks = rpt.Pelt(model="l2", min_size=min_size, jump=1).fit(y.reshape(-1, 1)).predict(pen=pen)
    rows = []
    start = 0
    for end in breaks:
        level = float(y[start:end].mean())
        rows.append({"start": periods[start], "end": periods[end - 1], "periods": end - start, "level": level})
        start = end
    out = pd.DataFrame(rows)
    out["change"] = out["level"].diff()
    out["sentence"] = describe(out, column, freq)
    return out


def describe(segments: pd.DataFrame, column: str = "net_coop", freq: str = "M") -> list[str]:
    """One sentence per segment, e.g. "From 2014-07 to 2015-03, net cooperation rose from -0.4 to +1.2 a month"."""
    what = COLUMN_WORDS.get(column, column)
    unit = _FREQ_WORDS.get((freq or "M")[:1].upper(), "period")
    sentences = []
    for i, row in enumerate(segments.itertuples(index=False)):
        span = f"{period_label(row.start, freq)} to {period_label(row.end, freq)}"
        if i == 0:
            sentences.append(f"{span}: {what} averaged {row.level:+.1f} a {unit} ({row.periods} {unit}s).")
            continue
        prev = segments.iloc[i - 1]
        verb = "rose" if row.level > prev["level"] else "fell"
        sentences.append(
            f"From {period_label(row.start, freq)} to {period_label(row.end, freq)}, {what} {verb} from "
            f"{prev['level']:+.1f} to {row.level:+.1f} a {unit} ({row.periods} {unit}s)."
        )
    return sentences

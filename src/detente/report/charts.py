"""Charts for dyad series and briefs: matplotlib (Agg), returned as PNG bytes.

>>> import pandas as pd
>>> s = pd.DataFrame({"period": pd.date_range("2014-01-01", periods=6, freq="MS"), "vc": [1, 2, 0, 1, 3, 1],
...                   "mc": [0, 1, 0, 0, 1, 0], "vk": [1, 0, 0, 2, 0, 0], "mk": [0, 0, 1, 0, 0, 0]})
>>> s["net_coop"] = s.vc + s.mc - s.vk - s.mk
>>> timeline_png(s)[:4] == b"\\x89PNG"
True
"""

from __future__ import annotations

import io
from typing import Any

import pandas as pd

QUAD_COLOURS = {"vc": "#7fb3d5", "mc": "#1f618d", "vk": "#f0b27a", "mk": "#c0392b"}
QUAD_NAMES = {"vc": "Verbal cooperation", "mc": "Material cooperation", "vk": "Verbal conflict", "mk": "Material conflict"}


def _plt():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.size": 10, "axes.spines.top": False, "axes.spines.right": False,
                         "axes.titleweight": "bold", "axes.titlesize": 12, "figure.dpi": 110})
    return plt


def _png(fig: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight", facecolor="white")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return buf.getvalue()


def _bar_width(periods: pd.Series) -> float:
    if len(periods) < 2:
        return 20.0
    step = pd.Series(pd.to_datetime(periods)).diff().dt.days.median()
    return max(0.8, float(step) * 0.8)


def timeline_png(series: pd.DataFrame, *, segments: pd.DataFrame | None = None, title: str | None = None,
                 events: pd.DataFrame | None = None) -> bytes:
    """Net cooperation per period (bars, blue up / red down) with change-point segment levels
    and, below, stacked counts per quad class."""
    plt = _plt()
    s = series.copy()
    s["period"] = pd.to_datetime(s["period"])
    a, b = series.attrs.get("a", ""), series.attrs.get("b", "")
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(9, 5.6), sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    width = _bar_width(s["period"])
    colours = ["#1f618d" if v >= 0 else "#c0392b" for v in s["net_coop"]]
    ax1.bar(s["period"], s["net_coop"], width=width, color=colours, align="edge", label="Net cooperation")
    ax1.axhline(0, color="#555", linewidth=0.8)
    if segments is not None and len(segments):
        step = pd.Timedelta(days=width / 0.8)
        for i, seg in enumerate(segments.itertuples(index=False)):
            ax1.hlines(seg.level, seg.start, pd.Timestamp(seg.end) + step, colors="#f39c12", linewidth=2.5,
                       label="Segment level" if i == 0 else None)
            if i > 0:
                ax1.axvline(seg.start, color="#f39c12", linestyle="--", linewidth=1.2)
                ax1.annotate(pd.Timestamp(seg.start).strftime("%Y-%m"), (seg.start, ax1.get_ylim()[1]),
                             xytext=(3, -12 - 11 * ((i - 1) % 3)), textcoords="offset points", fontsize=8,
                             color="#b9770e")
    ax1.set_ylabel("(VC+MC) - (VK+MK)")
    ax1.set_title(title or (f"{a}-{b}: net cooperation" if a else "Net cooperation"), loc="left")
    ax1.legend(loc="lower right", bbox_to_anchor=(1, 1.0), frameon=False, fontsize=8, ncol=2)
    ax1.grid(axis="y", alpha=0.3)
    bottom = None
    for q in ("vc", "mc", "vk", "mk"):
        vals = s[q].to_numpy()
        ax2.bar(s["period"], vals, width=width, bottom=bottom, color=QUAD_COLOURS[q], align="edge", label=QUAD_NAMES[q])
        bottom = vals if bottom is None else bottom + vals
    ax2.set_ylabel("Events")
    ax2.legend(loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False, fontsize=8, ncol=4)
    ax2.grid(axis="y", alpha=0.3)
    ax2.set_xlabel("Period start")
    fig.autofmt_xdate()
    fig.tight_layout()
    return _png(fig)


def quad_bars_png(series: pd.DataFrame, *, title: str | None = None) -> bytes:
    """Totals per quad class over the whole window (horizontal bars with counts)."""
    plt = _plt()
    totals = [int(series[q].sum()) for q in ("vc", "mc", "vk", "mk")]
    fig, ax = plt.subplots(figsize=(7, 2.8))
    names = [QUAD_NAMES[q] for q in ("vc", "mc", "vk", "mk")]
    bars = ax.barh(names[::-1], totals[::-1], color=[QUAD_COLOURS[q] for q in ("mk", "vk", "mc", "vc")])
    for bar, v in zip(bars, totals[::-1]):
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {v}", va="center", fontsize=9)
    ax.set_xlabel("Events")
    ax.set_title(title or "Events by quad class")
    ax.set_xlim(0, max(totals + [1]) * 1.15)
    fig.tight_layout()
    return _png(fig)


def signed_network_png(ties: pd.DataFrame, *, highlight: tuple[str, str] | None = None, blocs: list[list[str]] | None = None,
                       title: str | None = None) -> bytes:
    """Countries on a circle; blue solid lines for positive ties, red dashed for negative."""
    import numpy as np

    plt = _plt()
    nodes = sorted(set(ties["a"]) | set(ties["b"])) if len(ties) else []
    if blocs:
        nodes = [n for bloc in blocs for n in bloc] + [n for n in nodes if not any(n in bl for bl in blocs)]
    fig, ax = plt.subplots(figsize=(5.5, 5))
    ang = np.linspace(0, 2 * np.pi, len(nodes), endpoint=False) + np.pi / 2
    pos = {n: (np.cos(t), np.sin(t)) for n, t in zip(nodes, ang)}
    for t in ties.itertuples(index=False):
        if t.sign == 0:
            continue
        (x1, y1), (x2, y2) = pos[t.a], pos[t.b]
        strong = highlight and {t.a, t.b} == set(highlight)
        ax.plot([x1, x2], [y1, y2], color="#1f618d" if t.sign > 0 else "#c0392b",
                linestyle="-" if t.sign > 0 else "--", linewidth=3.5 if strong else 1.8, alpha=0.85, zorder=1)
    bloc_of = {n: i for i, bloc in enumerate(blocs or []) for n in bloc}
    palette = ["#d6eaf8", "#fadbd8", "#e8daef"]
    for n, (x, y) in pos.items():
        ax.scatter([x], [y], s=1300, color=palette[bloc_of.get(n, 2) % 3], edgecolor="#333", zorder=2)
        ax.text(x, y, n, ha="center", va="center", fontsize=10, fontweight="bold", zorder=3)
    ax.plot([], [], color="#1f618d", label="positive tie")
    ax.plot([], [], color="#c0392b", linestyle="--", label="negative tie")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, -0.08), ncol=2, frameon=False, fontsize=8)
    ax.set_xlim(-1.35, 1.35)
    ax.set_ylim(-1.35, 1.35)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title or "Signed relations")
    fig.tight_layout()
    return _png(fig)

"""Triads and structural balance: signed ties, (un)balanced triangles, blocs.

A tie between two countries is signed by its net cooperation over the window,
with a significance floor: the pair needs at least ``min_events`` events and a
two-sided binomial (sign) test of cooperative vs conflictual events against an
even split (``baseline="even"``; or against the coop share of the whole network,
``baseline="network"``, which asks "friendlier than usual?") must give
``p < alpha``. Otherwise the tie is 0 (no clear sign) and takes no part in
triangles.

A triangle is balanced when the product of its three signs is positive ("the
friend of my friend is my friend", "the enemy of my enemy is my friend"). The
frustration index is the least number of signed ties that must change for the
whole network to split into two camps with friends inside and enemies across;
it is exact (every 2-colouring) up to 20 countries. The camps of that best split
are the alignment blocs.

>>> import pandas as pd
>>> ties = pd.DataFrame({"a": ["A", "A", "B"], "b": ["B", "C", "C"], "sign": [1, -1, -1]})
>>> frustration(ties)[0]
0
"""

from __future__ import annotations

import itertools
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
from detente.errors import InputError, NotEnoughData

EXACT_LIMIT = 20


def _countries(countries: Any) -> list[str]:
    if countries is None:
        return []
    if isinstance(countries, str):
        countries = countries.split(",")
    out = sorted({check_actor(c) for c in countries if str(c).strip()})
    return out


def signed_ties(events: Any, countries: Any, *, since: Any = None, until: Any = None, min_events: int = 5,
                alpha: float = 0.1, baseline: str = "even", include_reports: bool = False,
                engine: Any = None, pair_totals: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per pair of ``countries``: ``a, b, events, coop, conflict, net_coop, coop_share,
    p_value, sign`` (+1, -1, or 0 when the floor is not met)."""
    from scipy.stats import binomtest

    names = _countries(countries)
    if len(names) < 3:
        raise InputError("triads need at least three countries", hint="e.g. --countries PAK,RUS,IND,USA")
    if baseline not in ("even", "network"):
        raise InputError(f"unknown baseline {baseline!r}", hint="use even or network")
    if pair_totals is None:
        raw = get_engine(engine).all_dyads_series(events, freq="Y", since=since, until=until, countries=names,
                                                  include_reports=include_reports)
        pair_totals = raw.groupby(["a", "b"], as_index=False)[["events", "vc", "mc", "vk", "mk"]].sum()
    pairs = pd.DataFrame(list(itertools.combinations(names, 2)), columns=["a", "b"])
    t = pairs.merge(pair_totals, on=["a", "b"], how="left").fillna(0)
    t["coop"] = (t["vc"] + t["mc"]).astype("int64")
    t["conflict"] = (t["vk"] + t["mk"]).astype("int64")
    t["events"] = t["events"].astype("int64")
    t["net_coop"] = t["coop"] - t["conflict"]
    t["coop_share"] = np.where(t["events"] > 0, t["coop"] / t["events"].where(t["events"] > 0, 1), np.nan)
    p0 = 0.5
    if baseline == "network":
        tot = t["coop"].sum() + t["conflict"].sum()
        p0 = float(t["coop"].sum() / tot) if tot else 0.5
    pv, sign = [], []
    for row in t.itertuples(index=False):
        n = row.coop + row.conflict
        p = binomtest(int(row.coop), int(n), p0).pvalue if n else 1.0
        pv.append(p)
        if n >= min_events and p < alpha:
            sign.append(1 if row.coop / n > p0 else -1)
        else:
            sign.append(0)
    t["p_value"] = pv
    t["sign"] = np.array(sign, dtype="int64")
    return t[["a", "b", "events", "coop", "conflict", "net_coop", "coop_share", "p_value", "sign"]]


def triangles(ties: pd.DataFrame) -> pd.DataFrame:
    """Every triangle whose three ties are signed: ``a b c``, ``signs`` (e.g. ``+ - -``), ``balanced``."""
    s = {(r.a, r.b): int(r.sign) for r in ties.itertuples(index=False) if r.sign != 0}
    s.update({(b, a): v for (a, b), v in list(s.items())})
    nodes = sorted(set(ties["a"]) | set(ties["b"]))
    rows = []
    for a, b, c in itertools.combinations(nodes, 3):
        if (a, b) in s and (a, c) in s and (b, c) in s:
            signs = (s[(a, b)], s[(a, c)], s[(b, c)])
            rows.append({"a": a, "b": b, "c": c, "signs": " ".join("+" if x > 0 else "-" for x in signs),
                         "balanced": bool(np.prod(signs) > 0)})
    return pd.DataFrame(rows, columns=["a", "b", "c", "signs", "balanced"])


def frustration(ties: pd.DataFrame) -> tuple[int, list[list[str]], bool]:
    """Frustration index, the two camps of the best split, and whether the search was exact."""
    signed = ties[ties["sign"] != 0]
    nodes = sorted(set(signed["a"]) | set(signed["b"]))
    if not nodes:
        return 0, [], True
    pos = {n: i for i, n in enumerate(nodes)}
    ea = np.array([pos[x] for x in signed["a"]])
    eb = np.array([pos[x] for x in signed["b"]])
    es = signed["sign"].to_numpy()
    n = len(nodes)

    def cost(colour_rows: np.ndarray) -> np.ndarray:
        same = colour_rows[:, ea] == colour_rows[:, eb]
        # a positive tie across camps, or a negative tie inside one, is frustrated
        return ((same & (es < 0)) | (~same & (es > 0))).sum(axis=1)

    exact = n <= EXACT_LIMIT
    if exact:
        best_cost, best = None, None
        total = 1 << max(n - 1, 0)  # node 0 stays in camp 0: colourings come in mirror pairs
        step = 1 << 16
        bits = np.arange(n - 1, dtype=np.int64)
        for lo in range(0, total, step):
            codes = np.arange(lo, min(total, lo + step), dtype=np.int64)
            cols = np.zeros((len(codes), n), dtype=np.int8)
            if n > 1:
                cols[:, 1:] = (codes[:, None] >> bits) & 1
            c = cost(cols)
            i = int(np.argmin(c))
            if best_cost is None or c[i] < best_cost:
                best_cost, best = int(c[i]), cols[i]
    else:  # greedy flips from many random starts; an upper bound
        rng = np.random.default_rng(0)
        best_cost, best = None, None
        for _ in range(200):
            col = rng.integers(0, 2, n).astype(np.int8)
            improved = True
            while improved:
                improved = False
                for v in range(n):
                    trial = col.copy()
                    trial[v] ^= 1
                    if cost(trial[None])[0] < cost(col[None])[0]:
                        col, improved = trial, True
            c = int(cost(col[None])[0])
            if best_cost is None or c < best_cost:
                best_cost, best = c, col
    camps = [[nodes[i] for i in range(n) if best[i] == k] for k in (0, 1)]
    camps = [c for c in camps if c]
    return int(best_cost), camps, exact


def enemy_of_my_enemy(ties: pd.DataFrame) -> pd.DataFrame:
    """Pairs not (yet) friendly that share an enemy: ``a b common_enemies current_sign``."""
    s = {(r.a, r.b): int(r.sign) for r in ties.itertuples(index=False)}
    s.update({(b, a): v for (a, b), v in list(s.items())})
    nodes = sorted(set(ties["a"]) | set(ties["b"]))
    rows = []
    for a, b in itertools.combinations(nodes, 2):
        if s.get((a, b), 0) > 0:
            continue
        common = [z for z in nodes if z not in (a, b) and s.get((a, z), 0) < 0 and s.get((b, z), 0) < 0]
        if common:
            rows.append({"a": a, "b": b, "common_enemies": ",".join(common), "current_sign": s.get((a, b), 0)})
    return pd.DataFrame(rows, columns=["a", "b", "common_enemies", "current_sign"])


@dataclass
class TriadResult:
    """Signed ties, triangles and the balance of a network of countries over one window."""

    countries: list[str]
    ties: pd.DataFrame
    triangles: pd.DataFrame
    balance_score: float  # fraction of signed triangles that are balanced (nan without any)
    frustration: int
    blocs: list[list[str]]
    exact: bool
    enemy_pairs: pd.DataFrame
    since: Any = None
    until: Any = None
    notes: list[str] = field(default_factory=list)

    def partners_and_rivals(self, a: str, b: str) -> dict[str, list[str]]:
        """Third parties both ``a`` and ``b`` are friendly with (shared partners), hostile to
        (shared rivals), or split over."""
        s = {(r.a, r.b): int(r.sign) for r in self.ties.itertuples(index=False)}
        s.update({(y, x): v for (x, y), v in list(s.items())})
        out: dict[str, list[str]] = {"shared_partners": [], "shared_rivals": [], "split": []}
        for z in self.countries:
            if z in (a, b):
                continue
            sa, sb = s.get((a, z), 0), s.get((b, z), 0)
            if sa > 0 and sb > 0:
                out["shared_partners"].append(z)
            elif sa < 0 and sb < 0:
                out["shared_rivals"].append(z)
            elif sa * sb < 0:
                out["split"].append(z)
        return out

    def sentences(self) -> list[str]:
        signed = int((self.ties["sign"] != 0).sum())
        pos, neg = int((self.ties["sign"] > 0).sum()), int((self.ties["sign"] < 0).sum())
        lines = [f"{signed} of {len(self.ties)} pairs have a clear sign ({pos} positive, {neg} negative)."]
        if len(self.triangles):
            nb = int(self.triangles["balanced"].sum())
            lines.append(f"{nb} of {len(self.triangles)} closed triads are balanced (balance score "
                         f"{self.balance_score:.2f}); frustration index {self.frustration}"
                         f"{'' if self.exact else ' (upper bound)'}.")
        else:
            lines.append("No triad has three signed ties: too few clear relations to judge balance.")
        if len(self.blocs) == 2:
            lines.append(f"Best two-bloc split: {', '.join(self.blocs[0])} | {', '.join(self.blocs[1])}.")
        for r in self.enemy_pairs.itertuples(index=False):
            lines.append(f"Enemy of my enemy: {r.a} and {r.b} share rivals {r.common_enemies.replace(',', ', ')}.")
        return lines + self.notes


def triads(events: Any, countries: Any = None, *, since: Any = None, until: Any = None, min_events: int = 5,
           alpha: float = 0.1, baseline: str = "even", include_reports: bool = False, top: int = 8,
           engine: Any = None) -> TriadResult:
    """Signed network, triangles, balance, frustration, blocs and enemy-of-my-enemy pairs.

    ``countries`` None takes the ``top`` countries with the most events between countries.
    """
    eng = get_engine(engine)
    raw = eng.all_dyads_series(events, freq="Y", since=since, until=until,
                               countries=_countries(countries) or None, include_reports=include_reports)
    if raw.empty:
        raise NotEnoughData("no events between these countries in the window", hint="widen --since/--until")
    totals = raw.groupby(["a", "b"], as_index=False)[["events", "vc", "mc", "vk", "mk"]].sum()
    names = _countries(countries)
    if not names:
        vol = pd.concat([totals[["a", "events"]].rename(columns={"a": "c"}),
                         totals[["b", "events"]].rename(columns={"b": "c"})]).groupby("c")["events"].sum()
        names = sorted(vol.sort_values(ascending=False).head(top).index)
    ties = signed_ties(None, names, min_events=min_events, alpha=alpha, baseline=baseline, pair_totals=totals)
    tri = triangles(ties)
    score = float(tri["balanced"].mean()) if len(tri) else float("nan")
    fr, camps, exact = frustration(ties)
    notes = []
    k = int((ties["sign"] != 0).sum())
    if k < 3:
        notes.append(f"Only {k} {'tie passes' if k == 1 else 'ties pass'} the floor ({min_events} events, p < {alpha}): "
                     "too few to say much about balance.")
    return TriadResult(names, ties, tri, score, fr, camps, exact, enemy_of_my_enemy(ties), since, until, notes)


def balance(events: Any, window: str | None = "Q", *, countries: Any = None, since: Any = None, until: Any = None,
            min_events: int = 5, alpha: float = 0.1, baseline: str = "even", include_reports: bool = False,
            top: int = 8, engine: Any = None) -> pd.DataFrame:
    """Structural balance per window (``D W M Q Y``, or None for one window over everything).

    One row per window: ``period, signed_ties, positive, negative, triangles, balanced,
    balance_score, frustration, blocs``.
    """
    f = check_freq(window) if window else "Y"
    eng = get_engine(engine)
    names = _countries(countries) or None
    raw = eng.all_dyads_series(events, freq=f, since=since, until=until, countries=names,
                               include_reports=include_reports)
    if raw.empty:
        raise NotEnoughData("no events between countries in the window", hint="widen --since/--until")
    if names is None:
        vol = pd.concat([raw[["a", "events"]].rename(columns={"a": "c"}),
                         raw[["b", "events"]].rename(columns={"b": "c"})]).groupby("c")["events"].sum()
        names = sorted(vol.sort_values(ascending=False).head(top).index)
        raw = raw[raw["a"].isin(names) & raw["b"].isin(names)]
    if window is None:
        raw = raw.assign(period=raw["period"].min())
        periods = [raw["period"].min()]
    else:
        periods = period_index(f, as_date(since) or raw["period"].min().date(), as_date(until) or raw["period"].max().date())
    rows = []
    for p in periods:
        part = raw[raw["period"] == p].groupby(["a", "b"], as_index=False)[["events", "vc", "mc", "vk", "mk"]].sum()
        ties = signed_ties(None, names, min_events=min_events, alpha=alpha, baseline=baseline, pair_totals=part)
        tri = triangles(ties)
        fr, camps, _ = frustration(ties)
        rows.append({"period": pd.Timestamp(p), "signed_ties": int((ties["sign"] != 0).sum()),
                     "positive": int((ties["sign"] > 0).sum()), "negative": int((ties["sign"] < 0).sum()),
                     "triangles": len(tri), "balanced": int(tri["balanced"].sum()) if len(tri) else 0,
                     "balance_score": float(tri["balanced"].mean()) if len(tri) else float("nan"),
                     "frustration": fr, "blocs": " | ".join(",".join(c) for c in camps)})
    return pd.DataFrame(rows)

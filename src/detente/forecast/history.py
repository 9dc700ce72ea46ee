"""Incremental statistics over the facts seen so far, for time-ordered forecasting.

Every model here walks time forward: at step ``t`` it answers the queries of ``t``
from statistics over facts of steps ``< t`` and only then adds the facts of ``t``.
That is the single-step protocol, and it is enforced here rather than in each model.

Statistics are kept per integer key (for example ``(s, r, o)`` packed into one
int64) in sorted arrays, so lookups for many pairs at once are one ``searchsorted``.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

MISSING_AGE = 10_000  # "never seen" for age features; far beyond any decay horizon


class KeyStats:
    """Count, first and last time, and time-decayed counts per key.

    ``decayed[i]`` holds ``sum(decays[i] ** (now - t_fact))`` over the facts of a key.
    """

    def __init__(self, decays: tuple[float, ...] = ()) -> None:
        self.decays = tuple(decays)
        self.keys = np.empty(0, dtype=np.int64)
        self.count = np.empty(0, dtype=np.float64)
        self.first = np.empty(0, dtype=np.int64)
        self.last = np.empty(0, dtype=np.int64)
        self.decayed = [np.empty(0, dtype=np.float64) for _ in self.decays]
        self.now: int | None = None

    def advance(self, t: int) -> None:
        """Move the clock to ``t`` (decays the decayed counts)."""
        if self.now is not None and t > self.now:
            dt = t - self.now
            for lam, arr in zip(self.decays, self.decayed):
                arr *= lam ** dt
        self.now = t if self.now is None else max(self.now, t)

    def add(self, keys: np.ndarray, t: int) -> None:
        """Add facts (one key each) that happened at time ``t`` (the current clock)."""
        if len(keys) == 0:
            return
        self.advance(t)
        u, c = np.unique(keys, return_counts=True)
        pos = np.searchsorted(self.keys, u)
        found = pos < len(self.keys)
        found[found] = self.keys[pos[found]] == u[found]
        new = u[~found]
        if len(new):
            ins = np.searchsorted(self.keys, new)
            self.keys = np.insert(self.keys, ins, new)
            self.count = np.insert(self.count, ins, 0.0)
            self.first = np.insert(self.first, ins, t)
            self.last = np.insert(self.last, ins, 0)
            self.decayed = [np.insert(a, ins, 0.0) for a in self.decayed]
        idx = np.searchsorted(self.keys, u)
        self.count[idx] += c
        self.last[idx] = t
        for arr in self.decayed:
            arr[idx] += c

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """Index of each key in the arrays, -1 where unseen."""
        if len(self.keys) == 0:
            return np.full(len(keys), -1, dtype=np.int64)
        pos = np.searchsorted(self.keys, keys)
        pos[pos >= len(self.keys)] = len(self.keys) - 1
        hit = self.keys[pos] == keys
        return np.where(hit, pos, -1)

    def get(self, keys: np.ndarray, what: str | int = "count", default: float = 0.0) -> np.ndarray:
        """Values for keys: ``"count"``, ``"age"`` (now - last), ``"first_age"`` (now - first),
        or a decay index."""
        return self.gather(self.lookup(keys), what, default)

    def gather(self, idx: np.ndarray, what: str | int = "count", default: float = 0.0) -> np.ndarray:
        """``get`` for positions from ``lookup`` (-1: unseen, ``default``; ``MISSING_AGE`` for ages)."""
        hit = idx >= 0
        j = idx[hit]
        if what in ("age", "first_age"):
            out = np.full(len(idx), float(MISSING_AGE))
            out[hit] = self.now - (self.last if what == "age" else self.first)[j]
            return out
        out = np.full(len(idx), default, dtype=np.float64)
        out[hit] = self.count[j] if what == "count" else self.decayed[int(what)][j]
        return out

    def range(self, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions ``[start, end)`` of the keys in ``[lo, hi)`` (keys sorted)."""
        return np.searchsorted(self.keys, lo), np.searchsorted(self.keys, hi)


def augment(quads: np.ndarray, num_relations: int) -> np.ndarray:
    """Add each fact's inverse ``(o, r + R, s, t)`` so heads are asked as tails."""
    inv = quads[:, [2, 1, 0, 3]].copy()
    inv[:, 1] += num_relations
    return np.concatenate([quads[:, :4], inv])


def by_time(quads: np.ndarray) -> dict[int, np.ndarray]:
    """Facts grouped by time step."""
    if len(quads) == 0:
        return {}
    order = np.argsort(quads[:, 3], kind="stable")
    q = quads[order]
    times, starts = np.unique(q[:, 3], return_index=True)
    ends = np.append(starts[1:], len(q))
    return {int(t): q[a:b] for t, a, b in zip(times, starts, ends)}


def walk(history: np.ndarray, query_times: np.ndarray) -> Iterator[tuple[int, np.ndarray]]:
    """Yield ``(t, facts_at_t)`` in time order over every step that has facts or queries.

    The caller answers the queries of ``t`` first and then adds ``facts_at_t`` to its
    statistics, so a query never sees facts of its own time or later.
    """
    groups = by_time(history)
    steps = sorted(set(groups) | {int(t) for t in np.unique(query_times)})
    empty = np.zeros((0, 4), dtype=np.int64)
    for t in steps:
        yield t, groups.get(t, empty)

"""The recurrency baselines of Gastinger et al. (2024), "History repeats itself".

* strict recurrency ``psi = lambda ** (t - t_last(s, r, o))`` for triples seen before;
* relaxed recurrency ``xi = n(s, r, o) / n(s, r, *)`` over the history;
* combined ``alpha * psi + (1 - alpha) * xi``.

``lambda`` and ``alpha`` are chosen on the validation split. Entities never seen as
an answer to ``(s, r)`` score 0 (and tie).

>>> import numpy as np
>>> from detente.forecast.data import TKG
>>> train = np.array([[0, 0, 1, 0], [0, 0, 2, 1], [0, 0, 1, 2]])
>>> g = TKG.from_arrays(train, np.array([[0, 0, 1, 4]]), valid=np.array([[0, 0, 1, 3]]))
>>> m = RecurrencyBaseline(lam=0.5, alpha=1.0).fit(g, tune=False)
>>> _, s = next(m.score(g.all_facts(), np.array([[0, 0, 4]])))
>>> s.round(3).tolist()
[[0.0, 0.5, 0.125]]
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from detente.forecast.base import Forecaster, valid_ranker, valid_setup
from detente.forecast.data import TKG
from detente.forecast.history import KeyStats, augment
from detente.forecast.protocol import metrics

LAMBDAS = (0.1, 0.3, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.999, 1.0)
ALPHAS = (0.0, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 1.0)


class _State:
    def __init__(self, E: int, R2: int) -> None:
        self.E, self.R2 = E, R2
        self.sro = KeyStats()
        self.sr = KeyStats()


class RecurrencyBaseline(Forecaster):
    """Strict (``alpha=1``), relaxed (``alpha=0``) or combined recurrency.

    ``variant`` fixes what is tuned: ``"strict"`` tunes lambda with alpha = 1,
    ``"combined"`` tunes both.
    """

    name = "recurrency"

    def __init__(self, lam: float = 0.99, alpha: float = 0.99, variant: str = "combined", seed: int = 0) -> None:
        super().__init__(seed)
        if variant not in ("strict", "combined"):
            raise ValueError("variant is 'strict' or 'combined'")
        self.variant = variant
        self.name = "recurrency-strict" if variant == "strict" else "recurrency"
        self.params = {"lam": lam, "alpha": 1.0 if variant == "strict" else alpha}

    def _new_state(self) -> _State:
        return _State(self.num_entities, 2 * self.num_relations)

    def _add(self, st: _State, facts: np.ndarray, t: int) -> None:
        if len(facts) == 0:
            return
        f = augment(facts, self.num_relations)
        st.sro.add((f[:, 0] * st.R2 + f[:, 1]) * st.E + f[:, 2], t)
        st.sr.add(f[:, 0] * st.R2 + f[:, 1], t)

    def _raw(self, st: _State, t: int, q: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(rows, cols, age, relative frequency) of every triple seen before."""
        prefix = (q[:, 0] * st.R2 + q[:, 1]) * st.E
        lo, hi = st.sro.range(prefix, prefix + st.E)
        n = hi - lo
        rows = np.repeat(np.arange(len(q)), n)
        pos = np.repeat(lo - (np.cumsum(n) - n), n) + np.arange(n.sum())
        cols = st.sro.keys[pos] - prefix[rows]
        age = (t - st.sro.last[pos]).astype(np.float64)
        tot = st.sr.get(q[:, 0] * st.R2 + q[:, 1])
        xi = st.sro.count[pos] / np.maximum(tot[rows], 1.0)
        return rows, cols, age, xi

    @staticmethod
    def _combine(age: np.ndarray, xi: np.ndarray, lam: float, alpha: float) -> np.ndarray:
        return alpha * np.power(lam, age) + (1.0 - alpha) * xi

    def _candidates(self, st: _State, t: int, q: np.ndarray):
        rows, cols, age, xi = self._raw(st, t, q)
        return rows, cols, self._combine(age, xi, self.params["lam"], self.params["alpha"]), 0.0

    def fit(self, data: TKG, *, tune: bool = True, verbose: bool = False) -> RecurrencyBaseline:
        t0 = time.perf_counter()
        super().fit(data)
        if tune and len(data.valid):
            uq, q, inv, hist, tf = valid_setup(data)
            parts: list[Any] = []
            for rows, st, t in self.walk_queries(hist, uq, batch_size=1 << 30):
                r, c, age, xi = self._raw(st, t, uq[rows])
                parts.append((rows[r], c, age, xi))
            rows = np.concatenate([p[0] for p in parts])
            cols = np.concatenate([p[1] for p in parts])
            age = np.concatenate([p[2] for p in parts])
            xi = np.concatenate([p[3] for p in parts])
            alphas = (1.0,) if self.variant == "strict" else ALPHAS
            best = (-1.0, None)
            ranker = valid_ranker(rows, cols, q, inv, tf, self.num_entities)
            for lam in LAMBDAS:
                psi = np.power(lam, age)
                for alpha in alphas:
                    m = metrics(ranker.rank(alpha * psi + (1.0 - alpha) * xi, 0.0))
                    if verbose:
                        print(f"  lambda={lam} alpha={alpha} valid MRR={m['mrr']:.2f}")
                    if m["mrr"] > best[0]:
                        best = (m["mrr"], (lam, alpha))
            self.params = {"lam": best[1][0], "alpha": best[1][1], "valid_mrr": best[0]}
        self.fit_seconds = time.perf_counter() - t0
        return self

"""The interface every forecasting model implements, and the time walk they share.

A model is fitted on a ``TKG`` (train for fitting, valid for choosing
hyperparameters; never test) and then scores queries ``(s, r, t)`` against every
entity given a history of facts, of which it may only use those before ``t``.

>>> from detente.forecast import RecurrencyBaseline
>>> RecurrencyBaseline.name
'recurrency'
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from detente.forecast.data import TKG
from detente.forecast.history import walk
from detente.forecast.protocol import (
    SparseRanker,
    SparseScores,
    TimeFilter,
    make_queries,
    metrics,
    rank_sparse,
)


class Forecaster:
    """Base class: ``fit(data)`` then ``score(history, queries)``.

    Subclasses implement ``_new_state()``, ``_candidates(state, t, q)`` returning
    ``(rows, cols, vals, background)`` for a block of queries at time ``t``, and
    ``_add(state, facts, t)``. The walk guarantees facts of ``t`` are added only
    after the queries of ``t`` were answered.
    """

    name = "base"

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed
        self.num_entities = 0
        self.num_relations = 0
        self.params: dict[str, Any] = {}
        self.fit_seconds = 0.0

    # -- to implement -------------------------------------------------------
    def _new_state(self) -> Any:
        raise NotImplementedError

    def _candidates(self, state: Any, t: int, q: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
        raise NotImplementedError

    def _add(self, state: Any, facts: np.ndarray, t: int) -> None:
        raise NotImplementedError

    def fit(self, data: TKG) -> Forecaster:
        self.num_entities, self.num_relations = data.num_entities, data.num_relations
        return self

    # -- shared ---------------------------------------------------------------
    def walk_queries(self, history: np.ndarray, queries: np.ndarray, *, batch_size: int = 1024,
                     state: Any = None, on_step: Any = None) -> Iterator[tuple[np.ndarray, Any, int]]:
        """Walk time; yield ``(query_rows, state, t)`` blocks before facts of ``t`` are added."""
        queries = np.asarray(queries, dtype=np.int64).reshape(-1, 3)
        if len(queries) and (queries[:, 1].max() >= 2 * self.num_relations or queries[:, 0].max() >= self.num_entities):
            raise ValueError("query ids outside the fitted vocabulary")
        state = self._new_state() if state is None else state
        history = np.asarray(history, dtype=np.int64)
        if len(queries):
            history = history[history[:, 3] <= queries[:, 2].max()]
        order = np.argsort(queries[:, 2], kind="stable")
        qt = queries[order, 2]
        for t, facts in walk(history, queries[:, 2]):
            lo, hi = np.searchsorted(qt, t, "left"), np.searchsorted(qt, t, "right")
            for a in range(lo, hi, batch_size):
                yield order[a:min(hi, a + batch_size)], state, t
            if on_step is not None:
                on_step(state, facts, t)
            self._add(state, facts, t)

    def score_sparse(self, history: np.ndarray, queries: np.ndarray, *, batch_size: int = 1024
                     ) -> Iterator[SparseScores]:
        """Scores for queries ``(s, r, t)`` (``r >= R`` asks for heads), in blocks."""
        for rows, state, t in self.walk_queries(history, queries, batch_size=batch_size):
            r, c, v, bg = self._candidates(state, t, np.asarray(queries)[rows])
            yield SparseScores(rows, r, c, v, bg)

    def score(self, history: np.ndarray, queries: np.ndarray, *, batch_size: int = 1024
              ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Like ``score_sparse`` but yields ``(query_rows, dense scores over all entities)``."""
        for sc in self.score_sparse(history, queries, batch_size=batch_size):
            yield sc.query_rows, sc.dense(self.num_entities)


def valid_setup(data: TKG) -> tuple[np.ndarray, Any, np.ndarray, np.ndarray, TimeFilter]:
    """Valid queries (unique), their mapping, and the history/filter for tuning."""
    q = make_queries(data.valid, data.num_relations)
    uq, inv = q.unique()
    hist = np.concatenate([data.train, data.valid])
    tf = TimeFilter(hist, data.num_entities, data.num_relations)
    return uq, q, inv, hist, tf


def sparse_mrr(sc: SparseScores, q: Any, inv: np.ndarray, tf: TimeFilter, num_entities: int) -> dict[str, float]:
    """Metrics of one SparseScores covering all unique queries (rows = unique query ids)."""
    # sc.query_rows is arange(len(uq)) in tuning, so a query's local row is its unique id
    fr, fc = tf.pairs(q.s, q.r, q.t)
    return metrics(rank_sparse(sc, inv, q.answer, fr, fc, num_entities))


def valid_ranker(rows: np.ndarray, cols: np.ndarray, q: Any, inv: np.ndarray, tf: TimeFilter,
                 num_entities: int) -> SparseRanker:
    """A ranker for candidate entries ``(rows, cols)`` over all unique valid queries, so a
    hyperparameter search ranks each setting's scores without redoing the structure."""
    fr, fc = tf.pairs(q.s, q.r, q.t)
    return SparseRanker(rows, cols, inv, q.answer, fr, fc, num_entities)


__all__ = ["Forecaster"]

"""The TKG forecasting protocol, implemented once.

* single-step: a query at time ``t`` may use every true fact of times ``< t``;
* each test fact ``(s, r, o, t)`` is asked twice: ``(s, r, ?, t)`` (direction
  ``"tail"``) and ``(o, r^-1, ?, t)`` (direction ``"head"``, answer ``s``), with
  ``r^-1 = r + R``;
* every entity is a candidate;
* time-aware filter: other true answers of the same query *at the same time* are
  removed before ranking, nothing else;
* ties count as the mean of the optimistic and the pessimistic rank;
* MRR and Hits@1/3/10, reported in percent.

>>> import numpy as np
>>> s = np.array([[0.9, 0.5, 0.5, 0.1]])
>>> float(rank_rows(s, np.array([1]), np.zeros(0, int), np.zeros(0, int))[0])  # tied with entity 2
2.5
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np

from detente.forecast.data import TKG
from detente.forecast.history import augment

HITS = (1, 3, 10)
EXPORT_TOP = 100


@dataclass
class Queries:
    """Queries ``(s, r, ?, t)`` with their answer; ``r >= R`` marks an inverse (head) query."""

    s: np.ndarray
    r: np.ndarray
    t: np.ndarray
    answer: np.ndarray
    head: np.ndarray  # bool: asked in the head direction
    row: np.ndarray  # index of the fact in the split it came from

    def __len__(self) -> int:
        return len(self.s)

    def unique(self) -> tuple[np.ndarray, np.ndarray]:
        """Distinct ``(s, r, t)`` triples (n, 3) and, per query, its row in them."""
        trip = np.column_stack([self.s, self.r, self.t])
        uq, inv = np.unique(trip, axis=0, return_inverse=True)
        return uq, inv.reshape(-1)


def make_queries(quads: np.ndarray, num_relations: int) -> Queries:
    """Both directions of every fact: tails first, then heads, each in file order."""
    n = len(quads)
    s = np.concatenate([quads[:, 0], quads[:, 2]])
    r = np.concatenate([quads[:, 1], quads[:, 1] + num_relations])
    o = np.concatenate([quads[:, 2], quads[:, 0]])
    t = np.concatenate([quads[:, 3], quads[:, 3]])
    head = np.concatenate([np.zeros(n, bool), np.ones(n, bool)])
    row = np.concatenate([np.arange(n), np.arange(n)])
    return Queries(s, r, t, o, head, row)


class TimeFilter:
    """All true answers of each ``(s, r, t)`` among the given facts (both directions)."""

    def __init__(self, facts: np.ndarray, num_entities: int, num_relations: int) -> None:
        aug = augment(facts, num_relations)
        self.E = num_entities
        self.R2 = 2 * num_relations
        keys = self._key(aug[:, 0], aug[:, 1], aug[:, 3])
        order = np.lexsort((aug[:, 2], keys))
        self.keys = keys[order]
        self.answers = aug[order, 2]

    def _key(self, s: np.ndarray, r: np.ndarray, t: np.ndarray) -> np.ndarray:
        return (t.astype(np.int64) * self.E + s) * self.R2 + r

    def pairs(self, s: np.ndarray, r: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(row, entity) for every true answer of each query row (its own answer included)."""
        k = self._key(s, r, t)
        lo = np.searchsorted(self.keys, k, "left")
        hi = np.searchsorted(self.keys, k, "right")
        n = hi - lo
        rows = np.repeat(np.arange(len(k)), n)
        starts = np.repeat(lo - np.concatenate([[0], np.cumsum(n)[:-1]]), n)
        pos = starts + np.arange(n.sum())
        return rows, self.answers[pos]


def rank_rows(scores: np.ndarray, answers: np.ndarray, filt_rows: np.ndarray, filt_cols: np.ndarray) -> np.ndarray:
    """Filtered rank of ``answers[i]`` in ``scores[i]`` with ties at their mean rank.

    ``(filt_rows, filt_cols)`` are the true answers to drop; a row's own answer may be
    among them and is kept.
    """
    s = np.array(scores, dtype=np.float64, copy=True)
    idx = np.arange(len(s))
    target = s[idx, answers]
    keep = filt_cols != answers[filt_rows]
    s[filt_rows[keep], filt_cols[keep]] = -np.inf
    greater = (s > target[:, None]).sum(axis=1)
    equal = (s == target[:, None]).sum(axis=1) - 1
    return 1.0 + greater + 0.5 * equal


def metrics(ranks: np.ndarray) -> dict[str, float]:
    """MRR and Hits@k in percent."""
    ranks = np.asarray(ranks, dtype=np.float64)
    out = {"mrr": float(100.0 * np.mean(1.0 / ranks)) if len(ranks) else float("nan")}
    for k in HITS:
        out[f"hits@{k}"] = float(100.0 * np.mean(ranks <= k)) if len(ranks) else float("nan")
    out["queries"] = len(ranks)
    return out


def top_k(scores: np.ndarray, k: int = EXPORT_TOP) -> tuple[np.ndarray, np.ndarray]:
    """Top ``k`` columns per row, best first; ties by entity id (deterministic)."""
    k = min(k, scores.shape[1])
    part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    vals = np.take_along_axis(scores, part, axis=1)
    order = np.lexsort((part, -vals), axis=1)
    cols = np.take_along_axis(part, order, axis=1)
    return cols, np.take_along_axis(scores, cols, axis=1)


class SparseScores:
    """Scores of a batch of queries: explicit scores for candidate entities, one
    ``background`` score for every other entity.

    ``rows`` index into ``query_rows`` (the unique queries of the batch); (row, col)
    pairs are unique.
    """

    def __init__(self, query_rows: np.ndarray, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray,
                 background: float = 0.0) -> None:
        order = np.lexsort((cols, rows))
        self.query_rows = np.asarray(query_rows)
        self.rows, self.cols, self.vals = rows[order], cols[order], np.asarray(vals, np.float64)[order]
        self.background = float(background)
        n = len(self.query_rows)
        self.counts = np.bincount(self.rows, minlength=n)
        self.starts = np.concatenate([[0], np.cumsum(self.counts)[:-1]]).astype(np.int64)

    def dense(self, num_entities: int) -> np.ndarray:
        out = np.full((len(self.query_rows), num_entities), self.background)
        out[self.rows, self.cols] = self.vals
        return out

    def expand(self, local: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For query j with batch row ``local[j]``: (j repeated, entry positions)."""
        n = self.counts[local]
        j = np.repeat(np.arange(len(local)), n)
        pos = np.repeat(self.starts[local] - (np.cumsum(n) - n), n) + np.arange(n.sum())
        return j, pos


class SparseRanker:
    """``rank_sparse`` split in two: the structure of the candidates (which entries are
    answers, which are filtered, how many entities sit at the background score) is
    prepared once, then any number of score vectors over the same entries are ranked.

    ``rows``/``cols`` are the candidate entries in any order (``rows`` index the batch's
    unique queries), ``local[j]`` is query j's row; ``(filt_rows, filt_cols)`` as in
    ``rank_rows``.
    """

    def __init__(self, rows: np.ndarray, cols: np.ndarray, local: np.ndarray, answers: np.ndarray,
                 filt_rows: np.ndarray, filt_cols: np.ndarray, num_entities: int) -> None:
        E = num_entities
        rows, cols = np.asarray(rows, np.int64), np.asarray(cols, np.int64)
        order = np.lexsort((cols, rows))
        n_rows = int(max(rows.max(initial=-1), np.max(local, initial=-1))) + 1
        counts = np.bincount(rows, minlength=n_rows)
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
        m = len(local)
        n = counts[local]
        j = np.repeat(np.arange(m), n)
        pos = np.repeat(starts[local] - (np.cumsum(n) - n), n) + np.arange(n.sum())
        self.m, self.j, self.idx = m, j, order[pos]
        c = cols[self.idx]
        self.is_ans = c == answers[j]
        self.ans_j = j[self.is_ans]
        self.ans_idx = self.idx[self.is_ans]
        in_cand = np.zeros(m, bool)
        in_cand[self.ans_j] = True
        keep = filt_cols != answers[filt_rows]
        fkeys = np.unique(filt_rows[keep].astype(np.int64) * E + filt_cols[keep])
        ekeys = j.astype(np.int64) * E + c
        self.live = ~np.isin(ekeys, fkeys)
        self.live_other = self.live & ~self.is_ans
        # entities at the background score: not candidates, not filtered, not the answer
        f_not_cand = ~np.isin(fkeys, ekeys)
        n_filt_bg = np.bincount((fkeys[f_not_cand] // E).astype(np.int64), minlength=m)
        self.n_bg = E - np.bincount(j, minlength=m) - n_filt_bg - (~in_cand)

    def rank(self, vals: np.ndarray, background: float = 0.0) -> np.ndarray:
        """Ranks for entry scores ``vals`` (in the order of ``rows``/``cols``)."""
        vals = np.asarray(vals, np.float64)
        a = np.full(self.m, float(background))
        a[self.ans_j] = vals[self.ans_idx]
        v = vals[self.idx]
        aj = a[self.j]
        greater = np.bincount(self.j, (v > aj) & self.live, minlength=self.m)
        equal = np.bincount(self.j, (v == aj) & self.live_other, minlength=self.m)
        greater = greater + np.where(background > a, self.n_bg, 0)
        equal = equal + np.where(background == a, self.n_bg, 0)
        return 1.0 + greater + 0.5 * equal


def rank_sparse(sc: SparseScores, local: np.ndarray, answers: np.ndarray, filt_rows: np.ndarray,
                filt_cols: np.ndarray, num_entities: int) -> np.ndarray:
    """``rank_rows`` for sparse scores, without building the dense matrix."""
    ranker = SparseRanker(sc.rows, sc.cols, local, answers, filt_rows, filt_cols, num_entities)
    return ranker.rank(sc.vals, sc.background)


def top_k_sparse(sc: SparseScores, local: np.ndarray, num_entities: int, k: int = EXPORT_TOP
                 ) -> list[tuple[list[int], list[float]]]:
    """Best ``k`` entities per query, best first; background entities fill up by id."""
    out = []
    cache: dict[int, tuple[list[int], list[float]]] = {}
    for row in local:
        row = int(row)
        if row not in cache:
            a, n = sc.starts[row], sc.counts[row]
            cols, vals = sc.cols[a:a + n], sc.vals[a:a + n]
            order = np.lexsort((cols, -vals))[:k]
            c, v = cols[order].tolist(), vals[order].tolist()
            if len(c) < k:
                taken = set(c)
                fill = [e for e in range(min(num_entities, k + len(c))) if e not in taken][: k - len(c)]
                c += fill
                v += [sc.background] * len(fill)
            cache[row] = (c, v)
        out.append(cache[row])
    return out


def rank_queries(batches: Iterator[SparseScores], queries: Queries, inv: np.ndarray, tfilter: TimeFilter,
                 num_entities: int, *, on_batch: Any = None) -> np.ndarray:
    """Ranks for every query from sparse score batches over unique queries."""
    order = np.argsort(inv, kind="stable")
    counts = np.bincount(inv)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    ranks = np.full(len(queries), np.nan)
    for sc in batches:
        uq_rows = sc.query_rows
        n = counts[uq_rows]
        qi = order[np.repeat(starts[uq_rows], n) + (np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n))]
        local = np.repeat(np.arange(len(uq_rows)), n)
        fr, fc = tfilter.pairs(queries.s[qi], queries.r[qi], queries.t[qi])
        ranks[qi] = rank_sparse(sc, local, queries.answer[qi], fr, fc, num_entities)
        if on_batch is not None:
            on_batch(qi, sc, local)
    if np.isnan(ranks).any():
        raise RuntimeError("the model did not score every query")
    return ranks


class ScoreExporter:
    """Writes one JSON line per query: ids and time as in the source file, top entities."""

    def __init__(self, fh: IO[str], queries: Queries, split_quads: np.ndarray, granularity: int,
                 num_entities: int, k: int = EXPORT_TOP) -> None:
        self.fh, self.q, self.quads, self.gran, self.E, self.k = fh, queries, split_quads, granularity, num_entities, k
        self.buffer: dict[int, str] = {}

    def __call__(self, qi: np.ndarray, sc: SparseScores, local: np.ndarray) -> None:
        tops = top_k_sparse(sc, local, self.E, self.k)
        for i, (cols, vals) in zip(qi, tops):
            s, r, o, t = (int(x) for x in self.quads[self.q.row[i]][:4])
            rec = {"s": s, "r": r, "o": o, "t": t * self.gran, "direction": "head" if self.q.head[i] else "tail",
                   "candidates": cols, "scores": [float(v) for v in vals]}
            self.buffer[int(i)] = json.dumps(rec, separators=(",", ":"))

    def close(self) -> None:
        for i in sorted(self.buffer):
            self.fh.write(self.buffer[i] + "\n")
        self.buffer.clear()


def evaluate(model: Any, data: TKG, split: str = "test", *, export: str | Path | None = None,
             batch_size: int = 1024) -> dict[str, Any]:
    """Score ``split`` of ``data`` with a fitted model under the protocol above.

    History given to the model is every fact of every split; the model itself only
    uses facts of times before each query (see ``history.walk``).
    """
    quads = getattr(data, split)
    queries = make_queries(quads, data.num_relations)
    uq, inv = queries.unique()
    facts = data.all_facts()
    facts = facts[facts[:, 3] <= quads[:, 3].max()]
    tfilter = TimeFilter(facts, data.num_entities, data.num_relations)
    exporter = None
    fh = None
    if export is not None:
        fh = open(export, "w", encoding="utf-8")  # noqa: SIM115 - closed in finally
        exporter = ScoreExporter(fh, queries, quads, data.granularity, data.num_entities)
    t0 = time.perf_counter()
    try:
        ranks = rank_queries(model.score_sparse(facts, uq, batch_size=batch_size), queries, inv, tfilter,
                             data.num_entities, on_batch=exporter)
        if exporter is not None:
            exporter.close()
    finally:
        if fh is not None:
            fh.close()
    out: dict[str, Any] = metrics(ranks)
    out["seconds"] = time.perf_counter() - t0
    out["ranks"] = ranks
    return out

"""Recency and frequency features of (query, candidate) pairs, computed on a time walk.

For a query ``(s, r, ?, t)`` the candidates are the entities ``s`` has met before (in
any relation, either direction; the strongest ``max_neighbours``), plus the entities
most often the answer to ``r`` lately, the most active entities overall, and two-hop
candidates: the answers the subject's strongest neighbours gave to ``r`` themselves,
and the neighbours of those neighbours; where the names give the subject's home country,
that country's most active entities and its entities' latest answers to ``r``; with
entity embeddings (``emb_dim``), also the entities the embeddings say ``s`` is likeliest
to meet. Every other entity gets one background score below all candidates.

Features of a candidate ``o`` (all from facts before ``t``):

* the triple ``(s, r, o)``: count, age of the last occurrence, counts decayed at
  several rates, and those as shares of ``(s, r, *)`` (the relaxed recurrency);
* the pair ``(s, o)`` in any relation: count, age, decayed counts, share of ``s``'s facts,
  and how many different relations it has had;
* for the triple and for the pair: how far back the first fact lies and how often they
  recurred since then (count per step);
* reciprocity ``(o, r, s)``: count and age;
* one-step rules: how likely ``r`` follows the relations ``s`` and ``o`` already had,
  with rule confidences counted online from the history itself;
* popularity of ``o`` as an answer to ``r`` and overall, recent and long-run;
* two hops: the share of ``o`` among the answers to ``r`` of the subject's neighbours
  (weighted by how close each neighbour is), and the random-walk weight of reaching
  ``o`` through one neighbour (subject -> neighbour -> ``o``, any relations);
* ``o`` as the doer of ``r`` (the decayed count of the inverse relation's answers);
* home countries, where the entity names give them (``data.entity_homes``): whether
  ``s`` and ``o`` share one, and whether each is a country itself; the share of ``o``
  among the answers to ``r`` of all entities of the subject's country, and among all
  their partners;
* kinds, where the names give them (``data.entity_kinds``: "Police", "country"): the
  share of ``o``'s kind and of ``o``'s country among the answers to ``(s, r)``, and how
  often ``(r, kind of s)`` went to ``o``'s kind on ``o``'s side of the border (same
  country, another, unknown), which carries what one country's police did to another's;
* query context: the relation itself (``rel_id``, a category for the ranker, and
  ``is_inverse``), activity of ``s`` and of ``(s, r)``, how many different answers
  ``(s, r)`` has had, the number of candidates, and each candidate's score relative to
  the best one of its query.
* embeddings (off unless ``emb_dim`` > 0): a truncated SVD of the log pair counts,
  redone every ``emb_every`` steps from past facts only; ``U[s] @ V[o]``, and how close
  ``o`` lies to the past answers of ``(s, r)`` and of ``r``.

Counts and spans that only grow as the history lengthens (``PER_STEP``: the raw counts,
how far back the triple and the pair go, the numbers of different answers and relations)
are divided by the number of steps of history so far. The ranker learns from queries of
the training period and is then asked about later ones; read per step, a busy pair looks
the same in month two and month twelve, where raw counts would be larger than any the
ranker saw.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from detente.forecast.history import KeyStats, augment

DECAYS = (0.3, 0.8, 0.95)
FEATURES = (
    "sro_count", "sro_age", "sro_d03", "sro_d08", "sro_d095", "sro_share", "sro_share_d08", "sro_share_d03",
    "so_count", "so_age", "so_d03", "so_d08", "so_d095", "so_share",
    "rev_count", "rev_age",
    "rule_mean", "rule_max", "rule_sum",
    "ro_d03", "ro_d08", "ro_count", "o_d03", "o_d08", "o_count",
    "s_count", "sr_count", "sr_d08", "n_cand", "sr_age", "o_age", "s_age", "ro_age",
    "rel_so_d08", "rel_ro_d08", "rel_sro_d08",
    "r_rep_sro", "r_rep_so", "s_rep_sro", "s_rep_so",
    "rank_so_d095", "rank_sro_d08", "rank_ro_d08", "rank_rule", "is_inverse", "r_count",
    "hop_r", "hop_any", "rank_hop_r", "rank_hop_any",
    "emb_so", "rank_emb_so", "emb_sr", "emb_r",
    "rel_id", "so_nrel", "sro_first_age", "so_first_age", "sro_rate", "so_rate",
    "o_subj_r_d08", "sr_nuniq", "same_home", "o_is_home", "s_is_home",
    "sr_kind_share", "sr_home_share", "kind_share", "home_ro_share", "home_o_share",
)
CATEGORICAL = ("rel_id",)  # the query's relation, without its direction (``is_inverse``)
# counts and spans that grow with the length of the history: divided by the steps seen so far
PER_STEP = ("sro_count", "so_count", "rev_count", "ro_count", "o_count", "s_count", "sr_count", "r_count",
            "sro_first_age", "so_first_age", "sr_nuniq", "so_nrel")


class FeatureState:
    """All statistics a ``FeatureBuilder`` needs, updated one time step at a time."""

    def __init__(self, num_entities: int, num_relations: int, emb_dim: int = 0, emb_every: int = 7,
                 seed: int = 0, homes: tuple[np.ndarray, np.ndarray] | None = None,
                 kinds: np.ndarray | None = None) -> None:
        self.E, self.R, self.R2 = num_entities, num_relations, 2 * num_relations
        # each entity's home country (-1: unknown) and whether it is the country itself
        # (``data.entity_homes``); unknown for all without entity names
        self.home, self.is_home = homes if homes is not None else (np.full(num_entities, -1), np.zeros(num_entities, bool))
        # each entity's kind ("Police", "country"; -1: unknown; ``data.entity_kinds``)
        self.kind = kinds if kinds is not None else np.full(num_entities, -1)
        self.NH = int(self.home.max()) + 1 if len(self.home) else 0
        self.NK = int(self.kind.max()) + 2 if len(self.kind) else 1  # the last id: unknown
        # entity embeddings: a truncated SVD of the who-met-whom matrix, redone every
        # ``emb_every`` time steps from the facts seen so far (never later ones)
        self.emb_dim, self.emb_every, self.seed = emb_dim, emb_every, seed
        self.U: np.ndarray | None = None  # as subjects
        self.V: np.ndarray | None = None  # as objects
        self.V_unit: np.ndarray | None = None  # V's rows scaled to length one
        self._steps_since_emb = 0
        self.sro = KeyStats(DECAYS)
        self.sr = KeyStats(DECAYS)
        self.so = KeyStats(DECAYS)
        self.sor = KeyStats((0.8,))
        self.ro = KeyStats(DECAYS)
        self.o = KeyStats(DECAYS)
        self.s = KeyStats()
        # the kinds and home countries of the answers to (s, r), and the pattern
        # (r, kind of s, kind of o, same home?) beside (r, kind of s)
        self.srk = KeyStats((0.8,))
        self.srh = KeyStats((0.8,))
        self.pat = KeyStats((0.95,))
        self.pat_sr = KeyStats((0.95,))
        # what the subject's country (all its entities) did: (home of s, r, o), (home of s, o)
        self.hro = KeyStats((0.8,))
        self.hr = KeyStats((0.8,))
        self.ho = KeyStats((0.8,))
        self.h = KeyStats((0.8,))
        self.start: int | None = None  # the first step of the history
        self.rule = np.zeros((self.R2, self.R2))  # rule[r_before, r_next]
        # how often a new fact repeats a known triple / a known pair, per relation and per subject
        self.rep_r = np.zeros((3, self.R2))  # facts, triple known, pair known
        self.rep_s = np.zeros((3, self.E))

    def add(self, facts: np.ndarray, t: int) -> None:
        if self.start is None:
            self.start = t
        for ks in self.all_stats():
            ks.advance(t)
        if len(facts) == 0:
            return
        f = augment(facts, self.R)
        s, r, o = f[:, 0], f[:, 1], f[:, 2]
        # rule confidences: which relations did the pair have before this fact
        pair = s * self.E + o
        lo, hi = self.sor.range(pair * self.R2, (pair + 1) * self.R2)
        n = hi - lo
        if n.sum():
            rows = np.repeat(np.arange(len(f)), n)
            pos = np.repeat(lo - (np.cumsum(n) - n), n) + np.arange(n.sum())
            prev = self.sor.keys[pos] % self.R2
            np.add.at(self.rule, (prev, r[rows]), 1.0)
        k_sro = (s * self.R2 + r) * self.E + o
        known_sro = (self.sro.lookup(k_sro) >= 0).astype(float)
        known_so = (self.so.lookup(pair) >= 0).astype(float)
        for arr, idx in ((self.rep_r, r), (self.rep_s, s)):
            np.add.at(arr[0], idx, 1.0)
            np.add.at(arr[1], idx, known_sro)
            np.add.at(arr[2], idx, known_so)
        self.sro.add(k_sro, t)
        self.sr.add(s * self.R2 + r, t)
        self.so.add(pair, t)
        self.sor.add(pair * self.R2 + r, t)
        self.ro.add(r * self.E + o, t)
        self.o.add(o, t)
        self.s.add(s, t)
        for name, keys in self.profile_keys(s, r, o).items():
            getattr(self, name).add(keys[keys >= 0], t)
        self._steps_since_emb += 1
        if self.emb_dim and (self.U is None or self._steps_since_emb >= self.emb_every):
            self.refresh_embeddings()

    def all_stats(self) -> tuple[KeyStats, ...]:
        return (self.sro, self.sr, self.so, self.sor, self.ro, self.o, self.s,
                self.srk, self.srh, self.pat, self.pat_sr, self.hro, self.hr, self.ho, self.h)

    def kind_id(self, e: np.ndarray) -> np.ndarray:
        """Kind of each entity, with unknown as the last id."""
        k = self.kind[e]
        return np.where(k >= 0, k, self.NK - 1)

    def same_home(self, s: np.ndarray, o: np.ndarray) -> np.ndarray:
        """1 where both homes are known and equal, 0 where they differ, -1 where one is unknown."""
        hs, ho = self.home[s], self.home[o]
        return np.where((hs >= 0) & (ho >= 0), (hs == ho).astype(np.int64), -1)

    def home_relation(self, s: np.ndarray, r: np.ndarray) -> np.ndarray:
        """The key ``(home of s, r)``; -1 where the home is unknown."""
        hs = self.home[s]
        return np.where(hs >= 0, hs * self.R2 + r, -1)

    def profile_keys(self, s: np.ndarray, r: np.ndarray, o: np.ndarray) -> dict[str, np.ndarray]:
        """The keys of facts ``(s, r, o)`` in the kind and country statistics, by attribute
        name; -1 where the kind or home they need is unknown."""
        sr = s * self.R2 + r
        ko, ho, hs = self.kind[o], self.home[o], self.home[s]
        pk = r * self.NK + self.kind_id(s)
        hr = self.home_relation(s, r)
        return {"srk": np.where(ko >= 0, sr * self.NK + ko, -1),
                "srh": np.where(ho >= 0, sr * self.NH + ho, -1),
                "pat": (pk * self.NK + self.kind_id(o)) * 3 + self.same_home(s, o) + 1,
                "pat_sr": pk,
                "hro": np.where(hr >= 0, hr * self.E + o, -1),
                "hr": hr,
                "ho": np.where(hs >= 0, hs * self.E + o, -1),
                "h": hs}

    def refresh_embeddings(self) -> None:
        """Entity embeddings from the pair counts so far: ``U[s] @ V[o]`` approximates
        ``log(1 + facts between s and o)`` at rank ``emb_dim``."""
        from scipy import sparse
        from sklearn.utils.extmath import randomized_svd

        self._steps_since_emb = 0
        keys = self.so.keys
        if len(keys) == 0:
            return
        m = sparse.csr_matrix((np.log1p(self.so.count), (keys // self.E, keys % self.E)), shape=(self.E, self.E))
        k = min(self.emb_dim, self.E - 1)
        u, sv, vt = randomized_svd(m, k, n_iter=4, random_state=self.seed)
        root = np.sqrt(sv)
        self.U = (u * root).astype(np.float32)
        self.V = (vt.T * root).astype(np.float32)
        self.V_unit = self.V / np.maximum(np.linalg.norm(self.V, axis=1, keepdims=True), 1e-9)


def _expand(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n = hi - lo
    rows = np.repeat(np.arange(len(lo)), n)
    pos = np.repeat(lo - (np.cumsum(n) - n), n) + np.arange(n.sum())
    return rows, pos


def _top_per_row(rows: np.ndarray, vals: np.ndarray, k: int) -> np.ndarray:
    """Mask keeping the ``k`` largest values of each row (ties by position)."""
    keep = np.zeros(len(rows), bool)
    if len(rows) == 0 or k <= 0:
        return keep
    n = np.bincount(rows)
    small = n[rows] <= k  # rows with at most k entries keep them all
    keep[small] = True
    big = np.flatnonzero(~small)
    if len(big):
        r, v = rows[big], vals[big]
        order = np.lexsort((-v, r))
        r_sorted = r[order]
        first = np.searchsorted(r_sorted, r_sorted, "left")
        keep[big[order[np.arange(len(order)) - first < k]]] = True
    return keep


def _rank_in_row(rows: np.ndarray, vals: np.ndarray) -> np.ndarray:
    """1-based rank of each value within its row, largest first (ties share the best rank)."""
    order = np.lexsort((-vals, rows))
    r_sorted, v_sorted = rows[order], vals[order]
    first_of_row = np.searchsorted(r_sorted, r_sorted, "left")
    new_val = np.ones(len(order), bool)
    new_val[1:] = (r_sorted[1:] != r_sorted[:-1]) | (v_sorted[1:] != v_sorted[:-1])
    idx = np.where(new_val, np.arange(len(order)), 0)
    np.maximum.accumulate(idx, out=idx)
    out = np.empty(len(order))
    out[order] = idx - first_of_row + 1
    return out


def _group_max(rows: np.ndarray, vals: np.ndarray, n: int) -> np.ndarray:
    out = np.zeros(n)
    np.maximum.at(out, rows, vals)
    return out


class FeatureBuilder:
    """Candidates and their feature matrix for a block of queries at one time."""

    def __init__(self, max_neighbours: int = 200, top_relation: int = 40, top_global: int = 20,
                 hop_neighbours: int = 20, top_hop_r: int = 20, top_hop_any: int = 20, top_emb: int = 20,
                 top_home: int = 10, top_home_relation: int = 20) -> None:
        self.max_neighbours = max_neighbours
        self.top_emb = top_emb
        self.top_relation = top_relation
        self.top_global = top_global
        self.hop_neighbours = hop_neighbours
        self.top_hop_r = top_hop_r
        self.top_hop_any = top_hop_any
        self.top_home = top_home
        self.top_home_relation = top_home_relation

    def two_hop(self, st: FeatureState, q: np.ndarray) -> tuple[Any, Any, np.ndarray]:
        """Two-hop scores ``(hop_r, hop_any, subject_row)``.

        ``hop_r`` is per query, sorted ``(key, value)`` with ``key = row * E + entity``;
        ``hop_any`` depends on the subject only and is keyed by ``subject_row[row] * E +
        entity`` (one row per distinct subject of ``q``).

        Through the subject's ``hop_neighbours`` closest neighbours ``n`` (weights ``w_n``
        summing to one, from decayed pair counts): ``hop_r`` is ``sum_n w_n`` times the
        share of the entity among ``n``'s answers to ``r``; ``hop_any`` is ``sum_n w_n``
        times the share of the entity among ``n``'s neighbours (any relation).
        """
        E, R2 = st.E, st.R2
        s, r = q[:, 0], q[:, 1]
        empty = (np.zeros(0, np.int64), np.zeros(0))
        # the closest neighbours of each distinct subject, weights summing to one
        us, sinv = np.unique(s, return_inverse=True)
        sinv = sinv.reshape(-1)
        lo, hi = st.so.range(us * E, (us + 1) * E)
        urows, pos = _expand(lo, hi)
        if len(urows) == 0 or self.hop_neighbours <= 0:
            return empty, empty, sinv
        nb = st.so.keys[pos] - us[urows] * E
        w = st.so.decayed[2][pos] + 1e-6
        keep = _top_per_row(urows, w, self.hop_neighbours)
        urows, nb, w = urows[keep], nb[keep], w[keep]
        w = w / np.bincount(urows, w, minlength=len(us))[urows]

        def agg(row: np.ndarray, ent: np.ndarray, val: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            keys, inv = np.unique(row.astype(np.int64) * E + ent, return_inverse=True)
            return keys, np.bincount(inv.reshape(-1), val, minlength=len(keys))

        # neighbours of neighbours depend on the subject only: per distinct subject, then per query
        lo, hi = st.so.range(nb * E, (nb + 1) * E)
        r3, pos3 = _expand(lo, hi)
        d = st.so.decayed[2][pos3] + 1e-6
        share = d / np.bincount(r3, d, minlength=len(urows))[r3]
        ent = st.so.keys[pos3] - nb[r3] * E
        own = ent != us[urows[r3]]
        hop_any = agg(urows[r3][own], ent[own], (w[r3] * share)[own]) if own.any() else empty
        # the neighbours' own answers to the query's relation
        qi, p = _expand(np.searchsorted(urows, sinv, "left"), np.searchsorted(urows, sinv, "right"))
        pre = (nb[p] * R2 + r[qi]) * E
        lo, hi = st.sro.range(pre, pre + E)
        r2, pos2 = _expand(lo, hi)
        d = st.sro.decayed[1][pos2] + 1e-6
        share = d / np.bincount(r2, d, minlength=len(qi))[r2]
        hop_r = agg(qi[r2], st.sro.keys[pos2] - pre[r2], w[p][r2] * share) if len(r2) else empty
        return hop_r, hop_any, sinv

    def candidates(self, st: FeatureState, q: np.ndarray, hops: tuple | None = None
                   ) -> tuple[np.ndarray, np.ndarray]:
        E = st.E
        s, r = q[:, 0], q[:, 1]
        lo, hi = st.so.range(s * E, (s + 1) * E)
        rows, pos = _expand(lo, hi)
        cols = st.so.keys[pos] - s[rows] * E
        if len(rows):
            keep = _top_per_row(rows, st.so.decayed[2][pos] + 1e-3 * st.so.count[pos], self.max_neighbours)
            rows, cols = rows[keep], cols[keep]
        parts_r, parts_c = [rows], [cols]
        # the entities most often the answer to r lately
        ur, rinv = np.unique(r, return_inverse=True)
        lo, hi = st.ro.range(ur * E, (ur + 1) * E)
        tops = []
        for a, b, rel in zip(lo, hi, ur):
            v = st.ro.decayed[1][a:b]
            k = min(self.top_relation, len(v))
            idx = np.argpartition(-v, k - 1)[:k] if 0 < k < len(v) else np.arange(k and len(v))
            tops.append(st.ro.keys[a:b][idx] - rel * E)
        for i, rel_i in enumerate(rinv):
            parts_r.append(np.full(len(tops[rel_i]), i))
            parts_c.append(tops[rel_i])
        if len(st.o.keys):
            v = st.o.decayed[1]
            k = min(self.top_global, len(v))
            glob = st.o.keys[np.argpartition(-v, k - 1)[:k]] if k < len(v) else st.o.keys
            parts_r.append(np.repeat(np.arange(len(q)), len(glob)))
            parts_c.append(np.tile(glob, len(q)))
        hop_r, hop_any, sinv = self.two_hop(st, q) if hops is None else hops
        if len(hop_r[0]) and self.top_hop_r > 0:
            sel = hop_r[0][_top_per_row(hop_r[0] // E, hop_r[1], self.top_hop_r)]
            parts_r.append(sel // E)
            parts_c.append(sel % E)
        if len(hop_any[0]) and self.top_hop_any > 0:
            sel = hop_any[0][_top_per_row(hop_any[0] // E, hop_any[1], self.top_hop_any)]
            qi, p = _expand(np.searchsorted(sel, sinv * E), np.searchsorted(sel, (sinv + 1) * E))
            parts_r.append(qi)
            parts_c.append(sel[p] % E)
        if st.U is not None and self.top_emb > 0:
            # the entities the embeddings say the subject is likeliest to meet
            us, sinv = np.unique(s, return_inverse=True)
            k = min(self.top_emb, E - 1)
            for a in range(0, len(us), 1024):
                sc = st.U[us[a:a + 1024]] @ st.V.T
                sc[np.arange(len(sc)), us[a:a + 1024]] = -np.inf
                top = np.argpartition(-sc, k - 1, axis=1)[:, :k]
                qi = np.flatnonzero((sinv >= a) & (sinv < a + 1024))
                parts_r.append(np.repeat(qi, k))
                parts_c.append(top[sinv[qi] - a].reshape(-1))
        for qi, ent in (self._home_candidates(st, q), self._home_relation_candidates(st, q)):
            parts_r.append(qi)
            parts_c.append(ent)
        rows = np.concatenate(parts_r).astype(np.int64)
        cols = np.concatenate(parts_c).astype(np.int64)
        key = np.unique(rows * E + cols)
        return key // E, key % E

    def _home_candidates(self, st: FeatureState, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The ``top_home`` most active entities (lately) of the subject's home country."""
        s = q[:, 0]
        known = np.flatnonzero(st.home >= 0)
        if self.top_home <= 0 or len(known) == 0 or len(st.o.keys) == 0:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        act = np.zeros(st.E)
        act[st.o.keys] = st.o.decayed[1]
        known = known[act[known] > 0]
        top = known[_top_per_row(st.home[known], act[known], self.top_home)]
        top = top[np.argsort(st.home[top], kind="stable")]
        th, hs = st.home[top], st.home[s]
        lo, hi = np.searchsorted(th, hs, "left"), np.searchsorted(th, hs, "right")
        hi[hs < 0] = lo[hs < 0]
        qi, pos = _expand(lo, hi)
        ent = top[pos]
        own = ent != s[qi]
        return qi[own], ent[own]

    def _home_relation_candidates(self, st: FeatureState, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The ``top_home_relation`` answers to ``r`` that the subject's country (any of its
        entities) gave most lately."""
        E, s = st.E, q[:, 0]
        hr = st.home_relation(s, q[:, 1])
        pre = hr * E
        lo, hi = st.hro.range(pre, pre + E)
        hi[hr < 0] = lo[hr < 0]
        qi, pos = _expand(lo, hi)
        keep = _top_per_row(qi, st.hro.decayed[0][pos], self.top_home_relation)
        qi, pos = qi[keep], pos[keep]
        ent = st.hro.keys[pos] - pre[qi]
        own = ent != s[qi]
        return qi[own], ent[own]

    def features(self, st: FeatureState, t: int, q: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(rows, cols, X) with one row of ``FEATURES`` per (query, candidate)."""
        hops = self.two_hop(st, q)
        rows, cols = self.candidates(st, q, hops)
        E, R2 = st.E, st.R2
        s, r, o = q[rows, 0], q[rows, 1], cols
        nq = len(q)
        X = np.zeros((len(rows), len(FEATURES)), dtype=np.float32)
        col = {name: i for i, name in enumerate(FEATURES)}

        def put(name: str, v: np.ndarray) -> None:
            X[:, col[name]] = v

        k_sro = (s * R2 + r) * E + o
        i = st.sro.lookup(k_sro)

        sro_c, sro_d08 = st.sro.gather(i, "count"), st.sro.gather(i, 1)
        sro_d03 = st.sro.gather(i, 0)
        put("sro_count", sro_c)
        put("sro_age", st.sro.gather(i, "age"))
        put("sro_d03", sro_d03)
        put("sro_d08", sro_d08)
        put("sro_d095", st.sro.gather(i, 2))
        isr = st.sr.lookup(q[:, 0] * R2 + q[:, 1])
        sr_c, sr_d08, sr_d03 = st.sr.gather(isr, "count"), st.sr.gather(isr, 1), st.sr.gather(isr, 0)
        put("sro_share", sro_c / np.maximum(sr_c[rows], 1))
        put("sro_share_d08", sro_d08 / np.maximum(sr_d08[rows], 1e-9))
        put("sro_share_d03", sro_d03 / np.maximum(sr_d03[rows], 1e-9))
        put("sr_count", sr_c[rows])
        put("sr_d08", sr_d08[rows])
        put("sr_age", st.sr.gather(isr, "age")[rows])

        iso = st.so.lookup(s * E + o)
        so_c = st.so.gather(iso, "count")
        put("so_count", so_c)
        put("so_age", st.so.gather(iso, "age"))
        so_d08 = st.so.gather(iso, 1)
        put("so_d03", st.so.gather(iso, 0))
        put("so_d08", so_d08)
        put("so_d095", st.so.gather(iso, 2))
        s_c = st.s.gather(st.s.lookup(q[:, 0]), "count")
        put("s_count", s_c[rows])
        put("so_share", so_c / np.maximum(s_c[rows], 1))

        irev = st.sro.lookup((o * R2 + r) * E + s)
        put("rev_count", st.sro.gather(irev, "count"))
        put("rev_age", st.sro.gather(irev, "age"))

        # one-step rules: relations the pair had before, weighted by their recency
        pair = s * E + o
        lo, hi = st.sor.range(pair * R2, (pair + 1) * R2)
        er, pos = _expand(lo, hi)
        if len(er):
            rowsum = st.rule.sum(axis=1)
            conf_all = st.rule / np.maximum(rowsum, 1.0)[:, None]
            prev = st.sor.keys[pos] % R2
            conf = conf_all[prev, r[er]]
            w = st.sor.decayed[0][pos]
            wsum = np.bincount(er, w, minlength=len(rows))
            put("rule_mean", np.bincount(er, conf * w, minlength=len(rows)) / np.maximum(wsum, 1e-9))
            put("rule_max", _group_max(er, conf, len(rows)))
            put("rule_sum", np.bincount(er, conf, minlength=len(rows)))
        put("so_nrel", hi - lo)  # how many different relations the pair has had
        # how long the triple and the pair go back, and how often they recur over that span
        for name, ks, idx, count in (("sro", st.sro, i, sro_c), ("so", st.so, iso, so_c)):
            since = ks.gather(idx, "first_age")
            put(f"{name}_first_age", since)
            put(f"{name}_rate", np.where(idx >= 0, count / (since + 1.0), 0.0))

        iro = st.ro.lookup(r * E + o)
        ro_d08 = st.ro.gather(iro, 1)
        put("ro_d03", st.ro.gather(iro, 0))
        put("ro_d08", ro_d08)
        put("ro_count", st.ro.gather(iro, "count"))
        io_ = st.o.lookup(o)
        put("o_d03", st.o.gather(io_, 0))
        put("o_d08", st.o.gather(io_, 1))
        put("o_count", st.o.gather(io_, "count"))
        put("o_age", st.o.gather(io_, "age"))
        put("ro_age", st.ro.gather(iro, "age"))
        put("s_age", st.o.gather(st.o.lookup(q[:, 0]), "age")[rows])
        put("n_cand", np.bincount(rows, minlength=nq)[rows])
        # prior shares, smoothed towards one half with two pseudo-facts
        put("r_rep_sro", (st.rep_r[1][r] + 1) / (st.rep_r[0][r] + 2))
        put("r_rep_so", (st.rep_r[2][r] + 1) / (st.rep_r[0][r] + 2))
        put("s_rep_sro", (st.rep_s[1][s] + 1) / (st.rep_s[0][s] + 2))
        put("s_rep_so", (st.rep_s[2][s] + 1) / (st.rep_s[0][s] + 2))
        put("is_inverse", (r >= st.R).astype(np.float32))
        put("r_count", st.rep_r[0][r])
        put("rel_id", r % st.R)
        # the candidate as the doer of the query's relation (the inverse relation's answers)
        put("o_subj_r_d08", st.ro.get(((r + st.R) % R2) * E + o, 1))
        pre = (q[:, 0] * R2 + q[:, 1]) * E
        lo, hi = st.sro.range(pre, pre + E)
        put("sr_nuniq", (hi - lo)[rows])  # how many different answers (s, r) has had
        # the same country's police and the country itself are likelier partners than another's
        put("same_home", st.same_home(s, o))
        put("o_is_home", st.is_home[o])
        put("s_is_home", st.is_home[s])
        # what kind of entity, and from which country, (s, r) went to lately; how often
        # (r, kind of s) went to o's kind at o's side of the border
        pk = st.profile_keys(s, r, o)

        def share(part: str, whole: str | np.ndarray) -> np.ndarray:
            """Decayed count of the ``part`` key over the ``whole`` (a key or counts); -1 where unknown."""
            den = getattr(st, whole).get(pk[whole], 0) if isinstance(whole, str) else whole
            return np.where(pk[part] >= 0, getattr(st, part).get(pk[part], 0) / np.maximum(den, 1e-9), -1.0)

        put("sr_kind_share", share("srk", sr_d08[rows]))
        put("sr_home_share", share("srh", sr_d08[rows]))
        put("kind_share", share("pat", "pat_sr"))
        put("home_ro_share", share("hro", "hr"))
        put("home_o_share", share("ho", "h"))
        ck = rows.astype(np.int64) * E + cols
        for name, (keys, vals), key in (("hop_r", hops[0], ck), ("hop_any", hops[1], hops[2][rows] * E + cols)):
            if len(keys):
                p = np.minimum(np.searchsorted(keys, key), len(keys) - 1)
                put(name, np.where(keys[p] == key, vals[p], 0.0))
        if st.U is not None:
            self._embedding_features(st, q, rows, cols, put)
        for name, v in (("rel_so_d08", so_d08), ("rel_ro_d08", ro_d08), ("rel_sro_d08", sro_d08)):
            m = _group_max(rows, v, nq)
            put(name, v / np.maximum(m[rows], 1e-9))
        for name, src in (("rank_so_d095", "so_d095"), ("rank_sro_d08", "sro_d08"), ("rank_ro_d08", "ro_d08"),
                          ("rank_rule", "rule_mean"), ("rank_hop_r", "hop_r"), ("rank_hop_any", "hop_any"),
                          ("rank_emb_so", "emb_so")):
            put(name, _rank_in_row(rows, X[:, col[src]].astype(np.float64)))
        # on the scale of the history's length, so that queries late in a long history look like
        # the earlier ones the ranker learned from
        X[:, [col[name] for name in PER_STEP]] /= np.float32(t - st.start + 1 if st.start is not None else 1)
        return rows, cols, X

    @staticmethod
    def _embedding_features(st: FeatureState, q: np.ndarray, rows: np.ndarray, cols: np.ndarray, put: Any) -> None:
        """``emb_so``: the embeddings' estimate of how much ``s`` and ``o`` meet; ``emb_sr`` and
        ``emb_r``: cosine between ``o`` and the (decay-weighted) mean of the past answers to
        ``(s, r)`` and to ``r``: is ``o`` the kind of entity these go to."""
        from scipy import sparse

        E, R2 = st.E, st.R2
        U, V = st.U, st.V
        s = q[rows, 0]
        put("emb_so", np.einsum("ij,ij->i", U[s], V[cols]))
        Vn = st.V_unit
        for name, ks, prefix in (("emb_sr", st.sro, (q[:, 0] * R2 + q[:, 1]) * E), ("emb_r", st.ro, q[:, 1] * E)):
            lo, hi = ks.range(prefix, prefix + E)
            qr, pos = _expand(lo, hi)
            if len(qr) == 0:
                continue
            w = sparse.csr_matrix((ks.decayed[1][pos] + 1e-6, (qr, ks.keys[pos] - prefix[qr])), shape=(len(q), E))
            mean = np.asarray(w @ Vn)
            mean /= np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), 1e-9)
            put(name, np.einsum("ij,ij->i", mean[rows], Vn[cols]))

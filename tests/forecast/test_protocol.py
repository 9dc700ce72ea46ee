"""The evaluation protocol on tiny hand-made cases."""

from __future__ import annotations

import json

import numpy as np
import pytest

from detente.forecast import RecurrencyBaseline, evaluate, load_tkg, make_queries
from detente.forecast.data import TKG
from detente.forecast.protocol import (
    SparseRanker,
    SparseScores,
    TimeFilter,
    metrics,
    rank_rows,
    rank_sparse,
    top_k,
)

NONE = np.zeros(0, dtype=np.int64)


def test_ties_take_the_mean_of_optimistic_and_pessimistic_rank():
    scores = np.array([[0.9, 0.5, 0.5, 0.5, 0.1]])
    # one better, two others tied: optimistic 2, pessimistic 4 -> 3
    assert rank_rows(scores, np.array([1]), NONE, NONE)[0] == 3.0
    assert rank_rows(scores, np.array([0]), NONE, NONE)[0] == 1.0
    assert rank_rows(np.zeros((1, 5)), np.array([2]), NONE, NONE)[0] == 3.0  # all tied: (1 + 5) / 2


def test_filter_drops_other_true_answers_but_not_the_own():
    scores = np.array([[0.9, 0.8, 0.7, 0.1]])
    # entities 0 and 1 are also true at this time: filtered; the answer 2 is then first
    assert rank_rows(scores, np.array([2]), np.array([0, 0, 0]), np.array([0, 1, 2]))[0] == 1.0


def test_time_aware_filter_only_uses_facts_at_the_same_time():
    facts = np.array([[0, 0, 1, 5], [0, 0, 2, 5], [0, 0, 3, 4]])
    tf = TimeFilter(facts, num_entities=4, num_relations=1)
    _rows, cols = tf.pairs(np.array([0]), np.array([0]), np.array([5]))
    assert sorted(cols.tolist()) == [1, 2]  # not 3, which was true at time 4 only
    # the inverse direction: (1, r^-1, ?, 5) has answer 0
    _rows, cols = tf.pairs(np.array([1]), np.array([1]), np.array([5]))
    assert cols.tolist() == [0]


def test_queries_ask_both_directions_with_inverse_relations():
    q = make_queries(np.array([[3, 1, 7, 10]]), num_relations=4)
    assert q.s.tolist() == [3, 7] and q.r.tolist() == [1, 5] and q.answer.tolist() == [7, 3]
    assert q.head.tolist() == [False, True] and q.t.tolist() == [10, 10]


@pytest.mark.parametrize("bg", [0.0, 0.3, -1.0])
def test_sparse_ranks_equal_dense_ranks(bg):
    rng = np.random.default_rng(3)
    E, n = 12, 40
    rows = np.repeat(np.arange(n), 5)
    cols = np.concatenate([rng.choice(E, 5, replace=False) for _ in range(n)])
    vals = rng.integers(0, 4, len(rows)) / 4.0  # many ties, some equal to the background
    sc = SparseScores(np.arange(n), rows, cols, vals, bg)
    answers = rng.integers(E, size=n)
    fr = np.repeat(np.arange(n), 2)
    fc = rng.integers(E, size=2 * n)
    fc[::4] = answers[fr[::4]]  # the own answer among the filter pairs
    dense = rank_rows(sc.dense(E), answers, fr, fc)
    sparse = rank_sparse(sc, np.arange(n), answers, fr, fc, E)
    np.testing.assert_allclose(sparse, dense)


def test_prepared_ranker_ranks_many_score_vectors_like_dense_ranking():
    # entries in shuffled order, queries sharing a unique row, three score vectors
    rng = np.random.default_rng(4)
    E, n = 10, 15
    rows = np.repeat(np.arange(n), 4)
    cols = np.concatenate([rng.choice(E, 4, replace=False) for _ in range(n)])
    perm = rng.permutation(len(rows))
    rows, cols = rows[perm], cols[perm]
    local = np.concatenate([np.arange(n), np.arange(0, n, 3)])
    answers = rng.integers(E, size=len(local))
    fr = np.repeat(np.arange(len(local)), 2)
    fc = rng.integers(E, size=2 * len(local))
    ranker = SparseRanker(rows, cols, local, answers, fr, fc, E)
    for bg in (0.0, -1.0, 0.5):
        vals = rng.integers(0, 3, len(rows)) / 2.0
        dense = SparseScores(np.arange(n), rows, cols, vals, bg).dense(E)[local]
        np.testing.assert_allclose(ranker.rank(vals, bg), rank_rows(dense, answers, fr, fc))


def test_metrics_in_percent():
    m = metrics(np.array([1.0, 2.0, 4.0, 20.0]))
    assert m["mrr"] == pytest.approx(100 * (1 + 0.5 + 0.25 + 0.05) / 4)
    assert m["hits@1"] == 25.0 and m["hits@3"] == 50.0 and m["hits@10"] == 75.0


def test_top_k_is_best_first_with_ties_by_id():
    cols, vals = top_k(np.array([[0.1, 0.5, 0.5, 0.9]]), 3)
    assert cols.tolist() == [[3, 1, 2]] and vals.tolist() == [[0.9, 0.5, 0.5]]


def test_single_step_never_sees_the_query_time():
    # the answer occurs only at the query's own time: the model must not know it
    train = np.array([[0, 0, 1, 0], [2, 0, 3, 1]])
    valid = np.array([[2, 0, 3, 2]])
    test = np.array([[0, 0, 2, 3]])
    g = TKG.from_arrays(train, test, valid=valid, num_entities=4, num_relations=1)
    m = RecurrencyBaseline(lam=0.9, alpha=1.0).fit(g, tune=False)
    _, dense = next(m.score(g.all_facts(), np.array([[0, 0, 3]])))
    assert dense[0, 2] == 0.0 and dense[0, 1] > 0
    res = evaluate(m, g)
    # tail query: entity 1 scores above the answer 2, which ties with 0 and 3 -> 2 + 1 = 3
    assert res["ranks"][0] == 3.0


def test_export_scores_format(tmp_path, tkg, write_dataset):
    folder = tmp_path / "ds"
    write_dataset(folder, tkg, granularity=24)
    data = load_tkg(folder)
    assert data.granularity == 24 and data.num_entities == tkg.num_entities
    m = RecurrencyBaseline().fit(data)
    out = tmp_path / "scores.jsonl"
    res = evaluate(m, data, export=out)
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(lines) == 2 * len(data.test) == res["queries"]
    raw = [tuple(map(int, line.split()[:4])) for line in (folder / "test.txt").read_text().splitlines()]
    assert [(d["s"], d["r"], d["o"], d["t"]) for d in lines[: len(raw)]] == raw
    assert {d["direction"] for d in lines[: len(raw)]} == {"tail"}
    assert {d["direction"] for d in lines[len(raw):]} == {"head"}
    first = lines[0]
    assert set(first) == {"s", "r", "o", "t", "direction", "candidates", "scores"}
    assert len(first["candidates"]) == min(100, data.num_entities) == len(first["scores"])
    assert len(set(first["candidates"])) == len(first["candidates"])
    assert first["scores"] == sorted(first["scores"], reverse=True)
    # the exported scores reproduce the ranks (all entities fit in the top 100 here)
    tf = TimeFilter(data.all_facts(), data.num_entities, data.num_relations)
    ranks = []
    for d in lines:
        s, o, r = (d["o"], d["s"], d["r"] + data.num_relations) if d["direction"] == "head" else (d["s"], d["o"], d["r"])
        dense = np.full((1, data.num_entities), -np.inf)
        dense[0, d["candidates"]] = d["scores"]
        _, fc = tf.pairs(np.array([s]), np.array([r]), np.array([d["t"] // 24]))
        ranks.append(rank_rows(dense, np.array([o]), np.zeros(len(fc), int), fc)[0])
    np.testing.assert_allclose(ranks, res["ranks"], atol=1e-9)


def test_load_tkg_says_what_is_missing(tmp_path):
    from detente.errors import InputError

    with pytest.raises(InputError, match="no dataset folder"):
        load_tkg(tmp_path / "nope")
    (tmp_path / "x").mkdir()
    with pytest.raises(InputError, match="train.txt is missing"):
        load_tkg(tmp_path / "x")


def test_entity_homes_read_the_country_from_benchmark_names_and_actor_codes():
    from detente.forecast.data import entity_homes

    names = ["Police (Kenya)", "Kenya", "Citizen_(India)", "India", "Ada Lovelace", "Military (Kenya)"]
    home, is_home = entity_homes(names, 7)  # one entity more than names: unknown
    assert home[0] == home[1] == home[5] != home[2] == home[3]
    assert home[4] == home[6] == -1
    assert is_home.tolist() == [False, True, False, True, False, False, False]
    # without a bracketed entity naming it, a plain name is not a country
    assert entity_homes(["Kenya", "Ada Lovelace"], 2)[0].tolist() == [-1, -1]
    # store actor codes begin with the country
    home, is_home = entity_homes(["RUS", "RUSGOV", "PAKMILREB", "PAK"], 4)
    assert home[0] == home[1] != home[2] == home[3] and is_home.tolist() == [True, False, False, True]
    assert entity_homes([], 3)[0].tolist() == [-1, -1, -1]


def test_entity_kinds_read_the_sector_from_benchmark_names_and_actor_codes():
    from detente.forecast.data import entity_kinds

    names = ["Police (Kenya)", "Kenya", "Police_(India)", "India", "Ada Lovelace", "Military (Kenya)"]
    kind = entity_kinds(names, 7)
    assert kind[0] == kind[2] != kind[5]  # the police of two countries are one kind
    assert kind[1] == kind[3] not in (kind[0], kind[5])  # countries are a kind of their own
    assert kind[4] == kind[6] == -1  # a person's name, and an entity without a name
    kind = entity_kinds(["RUS", "RUSGOV", "PAKGOV", "PAK", "PAKMILREB"], 5)
    assert kind[0] == kind[3] and kind[1] == kind[2] and len(set(kind.tolist())) == 3
    assert entity_kinds([], 2).tolist() == [-1, -1]

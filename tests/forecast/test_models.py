"""Models: one interface, deterministic per seed, better than chance on a recurrent graph."""

from __future__ import annotations

import numpy as np
import pytest

from detente.forecast import RecurrencyBaseline, evaluate
from detente.forecast.base import Forecaster
from detente.forecast.features import FEATURES, FeatureBuilder, FeatureState
from detente.forecast.learned import LearnedForecaster

SMALL_GRID = ({"max_iter": 30, "learning_rate": 0.2, "max_leaf_nodes": 15},)


def _learned(seed=0):
    return LearnedForecaster(train_queries=3000, negatives=10, grid=SMALL_GRID, seed=seed)


@pytest.fixture(scope="module")
def fitted(tkg):
    return {"recurrency": RecurrencyBaseline().fit(tkg),
            "recurrency-strict": RecurrencyBaseline(variant="strict").fit(tkg),
            "learned": _learned().fit(tkg)}


def test_every_model_implements_the_interface(fitted, tkg):
    q = np.array([[0, 0, 50], [1, tkg.num_relations + 1, 50]])
    for name, m in fitted.items():
        assert isinstance(m, Forecaster) and m.name == name
        rows, dense = next(m.score(tkg.all_facts(), q))
        assert dense.shape == (2, tkg.num_entities) and sorted(rows.tolist()) == [0, 1]


def test_models_beat_chance_and_the_learned_one_beats_the_floor(fitted, tkg):
    res = {name: evaluate(m, tkg)["mrr"] for name, m in fitted.items()}
    chance = 100 * np.mean(1 / np.arange(1, tkg.num_entities + 1))
    assert min(res.values()) > 3 * chance
    assert res["learned"] >= res["recurrency-strict"] - 1.0


def test_learned_model_is_deterministic_per_seed(tkg):
    q = np.column_stack([np.arange(10), np.zeros(10, int), np.full(10, 55)])
    a = np.concatenate([d for _, d in _learned(seed=3).fit(tkg).score(tkg.all_facts(), q)])
    b = np.concatenate([d for _, d in _learned(seed=3).fit(tkg).score(tkg.all_facts(), q)])
    np.testing.assert_array_equal(a, b)


def test_recurrency_tunes_on_valid_only(tkg):
    m = RecurrencyBaseline().fit(tkg)
    assert {"lam", "alpha", "valid_mrr"} <= set(m.params)
    # the fitted parameters do not change if the test split changes
    from detente.forecast.data import TKG

    other = TKG(tkg.train, tkg.valid, tkg.test[:5], tkg.num_entities, tkg.num_relations)
    assert RecurrencyBaseline().fit(other).params == m.params


def test_features_use_history_before_the_query_only():
    st = FeatureState(num_entities=4, num_relations=1)
    st.add(np.array([[0, 0, 1, 0]]), 0)
    st.add(np.array([[0, 0, 2, 3]]), 3)
    st.sro.advance(5)
    for ks in (st.sr, st.so, st.sor, st.ro, st.o, st.s):
        ks.advance(5)
    _rows, cols, X = FeatureBuilder().features(st, 5, np.array([[0, 0, 5]]))
    feat = {c: X[list(cols).index(c)] for c in (1, 2)}
    i_age, i_cnt = FEATURES.index("sro_age"), FEATURES.index("sro_count")
    assert feat[1][i_age] == 5 and feat[2][i_age] == 2 and feat[1][i_cnt] == 1
    # the inverse facts make the subject a candidate of its own targets
    _rows, cols, X = FeatureBuilder().features(st, 5, np.array([[1, 1, 5]]))
    assert 0 in cols.tolist()

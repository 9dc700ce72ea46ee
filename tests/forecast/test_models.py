"""Models: one interface, deterministic per seed, better than chance on a recurrent graph."""

from __future__ import annotations

import numpy as np
import pytest

from detente.forecast import RecurrencyBaseline, evaluate
from detente.forecast.base import Forecaster
from detente.forecast.data import entity_homes, entity_kinds
from detente.forecast.features import FEATURES, FeatureBuilder, FeatureState
from detente.forecast.learned import LearnedForecaster, group_sizes, one_answer_groups, predict_ranker

SMALL_GRID = ({"trees": 30, "learning_rate": 0.2, "leaves": 15},)


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
    # counts are per step of history (steps 0-5: six)
    assert feat[1][i_age] == 5 and feat[2][i_age] == 2 and feat[1][i_cnt] == pytest.approx(1 / 6)
    # the inverse facts make the subject a candidate of its own targets
    _rows, cols, X = FeatureBuilder().features(st, 5, np.array([[1, 1, 5]]))
    assert 0 in cols.tolist()


def test_growing_counts_are_read_per_step_of_history_whatever_the_first_step():
    def features(shift: int) -> np.ndarray:
        st = FeatureState(num_entities=3, num_relations=1)
        st.add(np.array([[0, 0, 1, shift]]), shift)
        st.add(np.array([[0, 0, 1, shift + 2], [0, 0, 2, shift + 2]]), shift + 2)
        _rows, cols, X = FeatureBuilder().features(st, shift + 3, np.array([[0, 0, shift + 3]]))
        return X[cols.tolist().index(1)]

    early, late = features(0), features(100)
    assert np.array_equal(early, late)
    assert early[FEATURES.index("sro_count")] == pytest.approx(2 / 4)  # twice in steps 0-3


def test_span_rate_relation_and_doer_features_count_only_the_past():
    # relations 0 and 1 (2 and 3 are their inverses); 0 met 1 at steps 0, 2 and 4
    st = FeatureState(num_entities=4, num_relations=2)
    st.add(np.array([[0, 0, 1, 0]]), 0)
    st.add(np.array([[0, 1, 1, 2], [1, 0, 2, 2]]), 2)
    st.add(np.array([[0, 0, 1, 4], [0, 0, 3, 4], [1, 0, 3, 4]]), 4)
    for ks in (st.sro, st.sr, st.so, st.sor, st.ro, st.o, st.s):
        ks.advance(6)
    _rows, cols, X = FeatureBuilder(top_relation=0, top_global=0, hop_neighbours=0).features(
        st, 6, np.array([[0, 0, 6]]))
    f = {c: dict(zip(FEATURES, X[i])) for i, c in enumerate(cols.tolist())}
    assert sorted(f) == [1, 3]
    # (0, 0, 1) first at step 0, twice in six steps; the pair (0, 1) three times. Spans and
    # counts that grow with the history are read per step of it (steps 0-6: seven)
    assert f[1]["sro_first_age"] == pytest.approx(6 / 7) and f[1]["sro_rate"] == pytest.approx(2 / 7)
    assert f[1]["so_first_age"] == pytest.approx(6 / 7) and f[1]["so_rate"] == pytest.approx(3 / 7)
    assert f[3]["sro_first_age"] == pytest.approx(2 / 7) and f[3]["sro_rate"] == pytest.approx(1 / 3)
    assert f[1]["sro_count"] == pytest.approx(2 / 7) and f[1]["so_count"] == pytest.approx(3 / 7)
    # relations 0 and 1 with 1; only 0 with 3
    assert f[1]["so_nrel"] == pytest.approx(2 / 7) and f[3]["so_nrel"] == pytest.approx(1 / 7)
    assert f[1]["sr_nuniq"] == f[3]["sr_nuniq"] == pytest.approx(2 / 7)  # (0, 0) was answered by 1 and 3
    # 1 did relation 0 itself twice (to 2 and 3), more lately than 3 ever did it (never)
    assert f[1]["o_subj_r_d08"] > 0 and f[3]["o_subj_r_d08"] == 0
    assert f[1]["rel_id"] == f[3]["rel_id"] == 0
    # the head query of relation 0 is relation 2: the same relation id, marked inverse
    _rows, cols, X = FeatureBuilder(top_relation=0, top_global=0, hop_neighbours=0).features(
        st, 6, np.array([[1, 2, 6]]))
    g = dict(zip(FEATURES, X[cols.tolist().index(0)]))
    assert g["rel_id"] == 0 and g["is_inverse"] == 1 and g["sro_first_age"] == pytest.approx(6 / 7)


def test_home_features_compare_the_countries_the_names_give():
    names = ["Police (Kenya)", "Kenya", "Citizen (India)", "Ada Lovelace"]
    st = FeatureState(num_entities=4, num_relations=1, homes=entity_homes(names, 4))
    st.add(np.array([[0, 0, 1, 0], [0, 0, 2, 0], [0, 0, 3, 0]]), 0)
    _rows, cols, X = FeatureBuilder(top_relation=0, top_global=0, hop_neighbours=0).features(
        st, 1, np.array([[0, 0, 1]]))
    f = {c: dict(zip(FEATURES, X[i])) for i, c in enumerate(cols.tolist())}
    assert [f[c]["same_home"] for c in (1, 2, 3)] == [1, 0, -1]  # Kenya, India, unknown
    assert [f[c]["o_is_home"] for c in (1, 2, 3)] == [1, 0, 0] and f[1]["s_is_home"] == 0
    # without names every home is unknown
    plain = FeatureState(num_entities=4, num_relations=1)
    plain.add(np.array([[0, 0, 1, 0]]), 0)
    _rows, cols, X = FeatureBuilder().features(plain, 1, np.array([[0, 0, 1]]))
    assert (X[:, FEATURES.index("same_home")] == -1).all()


def test_kind_features_carry_what_one_country_did_to_another_countrys_entities():
    # entities: Police (Kenya) 0, Criminal (Kenya) 1, Police (India) 2, Criminal (India) 3,
    # Criminal (Peru) 4, Ada Lovelace 5; relation 0 is "arrest"
    names = ["Police (Kenya)", "Criminal (Kenya)", "Police (India)", "Criminal (India)", "Criminal (Peru)",
             "Ada Lovelace"]
    st = FeatureState(num_entities=6, num_relations=1, homes=entity_homes(names, 6), kinds=entity_kinds(names, 6))
    st.add(np.array([[0, 0, 1, 0], [2, 0, 3, 0], [2, 0, 5, 0]]), 0)
    st.add(np.array([[0, 0, 4, 1]]), 1)
    builder = FeatureBuilder(max_neighbours=0, top_relation=10, top_global=0, hop_neighbours=0)
    _rows, cols, X = builder.features(st, 2, np.array([[0, 0, 2]]))
    f = {c: dict(zip(FEATURES, X[i])) for i, c in enumerate(cols.tolist())}
    # Kenya's police arrested two criminals, one of them in Kenya (the 0.8 decay makes
    # the older one weigh 0.8): a criminal is the kind it arrests, a person has no kind
    assert f[3]["sr_kind_share"] == 1.0 and f[5]["sr_kind_share"] == -1
    assert f[1]["sr_home_share"] == pytest.approx(0.8 / 1.8) and f[3]["sr_home_share"] == 0
    # police made four arrests (three a step older, weighing 0.95): a criminal at home
    # twice, a criminal abroad once, a person once. Criminal (Kenya) fits the at-home
    # pattern, and Criminal (India) the abroad one, whoever showed it
    assert f[1]["kind_share"] == pytest.approx(2 * 0.95 / (3 * 0.95 + 1))
    assert f[3]["kind_share"] == f[4]["kind_share"] == pytest.approx(1 / (3 * 0.95 + 1))
    assert f[5]["kind_share"] == pytest.approx(0.95 / (3 * 0.95 + 1))
    # without names, the kind features say unknown
    plain = FeatureState(num_entities=6, num_relations=1)
    plain.add(np.array([[0, 0, 1, 0]]), 0)
    _rows, cols, X = builder.features(plain, 1, np.array([[0, 0, 2]]))
    assert (X[:, FEATURES.index("sr_kind_share")] == -1).all() and (X[:, FEATURES.index("sr_home_share")] == -1).all()


def test_home_candidates_come_from_the_subjects_country():
    # Police (Kenya) 0 has no history; Kenya 1 arrested Criminal (Kenya) 4; Citizen (Kenya) 2
    # and Police (India) 3 met Ada 5
    names = ["Police (Kenya)", "Kenya", "Citizen (Kenya)", "Police (India)", "Criminal (Kenya)", "Ada Lovelace"]
    st = FeatureState(num_entities=6, num_relations=2, homes=entity_homes(names, 6), kinds=entity_kinds(names, 6))
    st.add(np.array([[1, 0, 4, 0], [2, 1, 5, 0], [3, 1, 5, 0]]), 0)
    q = np.array([[0, 0, 1]])
    quiet = dict(max_neighbours=0, top_relation=0, top_global=0, hop_neighbours=0)
    # what Kenya's entities answered to the relation
    _rows, cols = FeatureBuilder(**quiet, top_home=0).candidates(st, q)
    assert cols.tolist() == [4]
    # Kenya's active entities (never India's, never the subject itself)
    _rows, cols = FeatureBuilder(**quiet, top_home=10, top_home_relation=0).candidates(st, q)
    assert cols.tolist() == [1, 2, 4]
    assert len(FeatureBuilder(**quiet, top_home=1, top_home_relation=0).candidates(st, q)[1]) == 1
    # Ada has no country: no home candidates
    assert len(FeatureBuilder(**quiet, top_home=10).candidates(st, np.array([[5, 0, 1]]))[1]) == 0
    _rows, cols, X = FeatureBuilder(**quiet, top_home=10).features(st, 1, q)
    f = {c: dict(zip(FEATURES, X[i])) for i, c in enumerate(cols.tolist())}
    # Kenya's one arrest went to 4; 4 and 1 are each in one of the three facts Kenya's
    # entities took part in as subjects (the arrest, seen from both sides, and the meeting)
    assert f[4]["home_ro_share"] == 1 and f[2]["home_ro_share"] == 0
    assert f[4]["home_o_share"] == f[1]["home_o_share"] == pytest.approx(1 / 3) and f[2]["home_o_share"] == 0
    _rows, cols, X = FeatureBuilder(top_relation=0, top_global=0, hop_neighbours=0).features(
        st, 1, np.array([[5, 1, 1]]))
    assert cols.tolist() == [2, 3]  # Ada's neighbours; Ada's country is unknown
    assert (X[:, FEATURES.index("home_ro_share")] == -1).all() and (X[:, FEATURES.index("home_o_share")] == -1).all()


def _two_hop_state():
    # 0 met 1; 1 answered relation 1 with 2 and met 3; 4 and 5 are unrelated to 0
    st = FeatureState(num_entities=6, num_relations=2)
    st.add(np.array([[0, 0, 1, 0]]), 0)
    st.add(np.array([[1, 1, 2, 1], [1, 0, 3, 1], [4, 1, 5, 1]]), 1)
    for ks in (st.sro, st.sr, st.so, st.sor, st.ro, st.o, st.s):
        ks.advance(5)
    return st


def test_two_hop_candidates_reach_the_neighbours_answers_and_neighbours():
    st = _two_hop_state()
    q = np.array([[0, 1, 5]])
    one_hop = FeatureBuilder(top_relation=0, top_global=0, hop_neighbours=0)
    assert one_hop.candidates(st, q)[1].tolist() == [1]
    _rows, cols, X = FeatureBuilder(top_relation=0, top_global=0).features(st, 5, q)
    assert cols.tolist() == [1, 2, 3]  # never 4 or 5, never the subject itself
    f = {c: dict(zip(FEATURES, X[i])) for i, c in enumerate(cols.tolist())}
    # hop_r: all of neighbour 1's answers to relation 1 were 2
    assert f[2]["hop_r"] == pytest.approx(1.0) and f[3]["hop_r"] == 0 and f[1]["hop_r"] == 0
    # hop_any: 1's neighbours are 0 (the subject, left out), 2 and 3 (2 and 3 equally recent,
    # 0 a step older, so a little under a third of the weight goes to the subject)
    assert f[2]["hop_any"] == f[3]["hop_any"] and 1 / 3 < f[2]["hop_any"] < 0.35
    assert f[2]["rank_hop_r"] == 1 and f[2]["so_count"] == 0


def test_two_hop_weights_follow_the_closer_neighbour():
    st = _two_hop_state()
    st.add(np.array([[0, 0, 4, 5], [0, 0, 4, 5], [0, 0, 4, 5]]), 5)  # 0 now mostly deals with 4
    (kr, vr), _, _ = FeatureBuilder().two_hop(st, np.array([[0, 1, 6]]))
    got = dict(zip((kr % 6).tolist(), vr.tolist()))
    assert got[5] > got[2] > 0  # 4's answer to relation 1 outweighs 1's


def test_group_sizes_are_runs_of_a_query():
    assert group_sizes(np.array([7, 7, 3, 3, 3, 9])).tolist() == [2, 3, 1]
    assert group_sizes(np.zeros(0, int)).tolist() == []


def test_one_answer_groups_give_each_true_answer_its_own_group_with_all_negatives():
    y = np.array([0, 1, 1, 0, 0, 1, 0, 0])
    g = np.array([5, 5, 5, 5, 2, 2, 9, 9])  # query 9 has no true answer
    rows, new = one_answer_groups(y, g)
    groups = [rows[new == k].tolist() for k in range(new.max() + 1)]
    assert groups == [[1, 0, 3], [2, 0, 3], [5, 4]]  # the answer first, then its query's negatives
    assert group_sizes(new).tolist() == [3, 3, 2]
    # one answer per query: the same rows and groups, each answer first
    rows, new = one_answer_groups(np.array([1, 0, 0, 1]), np.array([0, 0, 1, 1]))
    assert rows.tolist() == [0, 1, 3, 2] and new.tolist() == [0, 0, 1, 1]
    assert one_answer_groups(np.zeros(0), np.zeros(0))[0].tolist() == []


def test_per_answer_training_fits_and_refits_with_one_answer_per_group(tkg):
    m = LearnedForecaster(train_queries=2000, negatives=10, grid=SMALL_GRID, per_answer=True, refit=True,
                          seed=2).fit(tkg)
    assert m.params["per_answer"] and m.params["refit_on_valid"] and m.params["valid_mrr"] > 10
    sc = next(m.score_sparse(tkg.all_facts(), np.array([[0, 0, 55], [1, 1, 55]])))
    assert (sc.vals > sc.background).all()


@pytest.mark.parametrize("objective", ["lambdarank", "binary"])
def test_both_objectives_give_positive_scores_above_the_background(tkg, objective):
    m = LearnedForecaster(train_queries=2000, negatives=10, grid=SMALL_GRID, objective=objective).fit(tkg)
    assert m.params["objective"] == objective and m.params["valid_mrr"] > 10
    sc = next(m.score_sparse(tkg.all_facts(), np.array([[0, 0, 55], [1, 1, 55]])))
    assert (sc.vals > sc.background).all() and (sc.vals <= 1).all()


def test_embeddings_come_from_facts_seen_so_far_and_rank_partners_first():
    # two communities: 0-1-2 meet each other, 3-4-5 meet each other
    st = FeatureState(num_entities=6, num_relations=1, emb_dim=2, emb_every=1)
    st.add(np.array([[0, 0, 1, 0], [1, 0, 2, 0], [3, 0, 4, 0], [4, 0, 5, 0]]), 0)
    u_before = st.U.copy()
    st.add(np.zeros((0, 4), np.int64), 1)  # a step without facts changes nothing
    np.testing.assert_array_equal(st.U, u_before)
    st.add(np.array([[0, 0, 2, 2], [3, 0, 5, 2]]), 2)
    for ks in (st.sro, st.sr, st.so, st.sor, st.ro, st.o, st.s):
        ks.advance(5)
    # 0 never met 5 and only met 2 once: the embeddings still put its own community first
    b = FeatureBuilder(top_relation=0, top_global=0, hop_neighbours=0, max_neighbours=0, top_emb=2)
    _rows, cols, X = b.features(st, 5, np.array([[0, 0, 5]]))
    f = {c: dict(zip(FEATURES, X[i])) for i, c in enumerate(cols.tolist())}
    assert set(f) == {1, 2}  # the embedding candidates: 0's community, not itself
    assert f[1]["emb_so"] > 0 and f[1]["rank_emb_so"] <= 2
    # without embeddings the features are zero and no candidate is added
    plain = FeatureState(num_entities=6, num_relations=1)
    plain.add(np.array([[0, 0, 1, 0]]), 0)
    assert plain.U is None and b.candidates(plain, np.array([[0, 0, 5]]))[1].tolist() == []


def test_an_ensemble_is_deterministic_and_scores_like_one_model(tkg):
    kw = dict(train_queries=2000, negatives=10, grid=SMALL_GRID, ensemble=2, seed=4)
    a, b = LearnedForecaster(**kw).fit(tkg), LearnedForecaster(**kw).fit(tkg)
    assert a.params["ensemble"] == 2 and len(a.model.members) == 2
    q = np.array([[0, 0, 55], [1, 1, 55]])
    sa, sb = next(a.score_sparse(tkg.all_facts(), q)), next(b.score_sparse(tkg.all_facts(), q))
    np.testing.assert_array_equal(sa.vals, sb.vals)
    assert (sa.vals > sa.background).all() and (sa.vals <= 1).all()
    # the members differ (each saw its own sample of rows and features)
    rows, _cols, X = next(iter(_features_at(a, tkg, q)))
    one, two = (predict_ranker(m, X, rows) for m in a.model.members)
    assert not np.allclose(one, two)


def _features_at(model, tkg, q):
    for rows, st, t in model.walk_queries(tkg.all_facts(), q):
        r, c, X = model.builder.features(st, t, q[rows])
        yield r, c, X

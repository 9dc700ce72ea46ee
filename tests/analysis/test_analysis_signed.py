from __future__ import annotations

import pandas as pd
import pytest
from analysis_fixtures import make_events

import detente.analysis as da
from detente.analysis.signed import enemy_of_my_enemy, signed_ties, triangles


def _ties(edges):
    return pd.DataFrame([(a, b, s) for a, b, s in edges], columns=["a", "b", "sign"])


def test_triangle_balance():
    t = triangles(_ties([("A", "B", 1), ("A", "C", -1), ("B", "C", -1), ("A", "D", 1), ("B", "D", -1),
                         ("C", "D", 0)]))
    got = {(r.a, r.b, r.c): r.balanced for r in t.itertuples()}
    assert got == {("A", "B", "C"): True, ("A", "B", "D"): False}


def test_frustration_index_and_blocs():
    # two camps {A,B} {C,D}; one positive tie across (B-C) is the single frustrated edge
    ties = _ties([("A", "B", 1), ("C", "D", 1), ("A", "C", -1), ("A", "D", -1), ("B", "D", -1), ("B", "C", 1)])
    fr, camps, exact = da.frustration(ties)
    assert exact and fr == 1
    assert sorted(map(sorted, camps)) in (
        [["A", "B"], ["C", "D"]], [["A"], ["B", "C", "D"]], [["A", "B", "C"], ["D"]])


def test_all_negative_triangle_has_frustration_one():
    fr, _, _ = da.frustration(_ties([("A", "B", -1), ("A", "C", -1), ("B", "C", -1)]))
    assert fr == 1


def test_balanced_network_has_zero_frustration_and_exact_blocs():
    ties = _ties([("A", "B", 1), ("C", "D", 1), ("A", "C", -1), ("B", "D", -1), ("A", "D", -1), ("B", "C", -1)])
    fr, camps, _ = da.frustration(ties)
    assert fr == 0 and sorted(map(sorted, camps)) == [["A", "B"], ["C", "D"]]


def test_enemy_of_my_enemy():
    e = enemy_of_my_enemy(_ties([("A", "C", -1), ("B", "C", -1), ("A", "B", 0)]))
    assert e.values.tolist() == [["A", "B", "C", 0]]


def _network_events():
    rows = []
    def n(s, t, q, k):
        rows.extend([("2015-01-10", s, t, q)] * k)
    n("PAK", "RUS", 1, 12); n("PAK", "RUS", 3, 1)
    n("PAK", "IND", 4, 12)
    n("IND", "RUS", 1, 3); n("IND", "RUS", 3, 3)      # no clear sign
    n("IND", "USA", 2, 10)
    n("PAK", "USA", 3, 9); n("PAK", "USA", 1, 1)
    n("RUS", "USA", 4, 8)
    return make_events(rows)


def test_signed_ties_significance_floor():
    t = signed_ties(_network_events(), "PAK,RUS,IND,USA", min_events=5, alpha=0.05)
    sign = {(r.a, r.b): r.sign for r in t.itertuples()}
    assert sign == {("IND", "PAK"): -1, ("IND", "RUS"): 0, ("IND", "USA"): 1, ("PAK", "RUS"): 1,
                    ("PAK", "USA"): -1, ("RUS", "USA"): -1}
    t2 = signed_ties(_network_events(), "PAK,RUS,IND,USA", min_events=15)
    assert (t2["sign"] == 0).all()


def test_triads_result():
    r = da.triads(_network_events(), "PAK,RUS,IND,USA", min_events=5, alpha=0.05)
    assert len(r.triangles) == 2 and r.triangles["balanced"].all()
    assert r.balance_score == 1.0 and r.frustration == 0
    assert sorted(map(sorted, r.blocs)) == [["IND", "USA"], ["PAK", "RUS"]]
    assert r.partners_and_rivals("PAK", "RUS") == {"shared_partners": [], "shared_rivals": ["USA"], "split": []}
    assert any("balance score 1.00" in s for s in r.sentences())


def test_balance_over_windows():
    ev = _network_events()
    ev2 = ev.assign(date="2016-02-01")
    out = da.balance(pd.concat([ev, ev2]), window="Y", countries="PAK,RUS,IND,USA", min_events=5, alpha=0.05)
    assert out["period"].dt.year.tolist() == [2015, 2016]
    assert out["balance_score"].tolist() == [1.0, 1.0]
    assert out["frustration"].tolist() == [0, 0]


def test_triads_need_three_countries():
    from detente.errors import InputError

    with pytest.raises(InputError):
        signed_ties(_network_events(), "PAK,RUS")

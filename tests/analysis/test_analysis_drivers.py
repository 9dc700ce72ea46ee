from __future__ import annotations

import numpy as np
import pytest
from analysis_fixtures import make_events, synthetic_world

import detente.analysis as da
from detente.errors import NotEnoughData


def test_granger_finds_the_lag():
    rng = np.random.default_rng(5)
    x = rng.normal(size=100)
    y = np.r_[np.zeros(3), x[:-3]] + 0.3 * rng.normal(size=100)
    r = da.granger_lead(x, y, max_lag=4)
    assert r["lag"] == 3 and r["p_value"] < 1e-6 and r["corr"] > 0.8


def test_drivers_rank_the_leading_dyad_first():
    ev = synthetic_world(lead=2)
    res = da.drivers(ev, "AAA", "BBB", max_lag=3, countries="AAA,BBB,CCC,DDD,EEE")
    top = res.table.iloc[0]
    assert top["dyad"] == "CCC-DDD" and top["lag"] == 2 and top["sign"] == 1
    assert top["p_adjusted"] < 0.01
    assert any("p_adjusted" in c for c in res.cautions)
    assert res.sentences()[0].startswith("CCC-DDD leads AAA-BBB by 2 periods")


def test_drivers_default_candidates_share_a_member():
    res = da.drivers(synthetic_world(), "AAA", "BBB", max_lag=2)
    assert set(res.table["dyad"]) == {"AAA-EEE", "BBB-EEE"}


def test_thin_data_is_said_plainly():
    ev = make_events([("2014-01-05", "PAK", "RUS", 1), ("2014-02-05", "PAK", "RUS", 3)])
    with pytest.raises(NotEnoughData, match="Only 2 events between PAK and RUS: too few"):
        da.drivers(ev, "PAK", "RUS")


def test_too_few_periods():
    ev = synthetic_world(months=12)
    with pytest.raises(NotEnoughData, match="periods"):
        da.drivers(ev, "AAA", "BBB", max_lag=3)

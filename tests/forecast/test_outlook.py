"""The dyad outlook on synthetic series."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from detente.errors import NotEnoughData
from detente.forecast.outlook import backtest, dyad_series, forecast_series, outlook


def _series(n=60, seasonal=True, seed=0):
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    base = 20 + (10 * np.sin(2 * np.pi * t / 12) if seasonal else 0)
    cols = {k: np.maximum(0, np.round(base * w + rng.normal(0, 1.5, n))).astype(int)
            for k, w in (("vc", 1.0), ("mc", 0.5), ("vk", 0.4), ("mk", 0.2))}
    df = pd.DataFrame({"period": pd.period_range("2015-01", periods=n, freq="M"), **cols})
    df["net_coop"] = df["vc"] + df["mc"] - df["vk"] - df["mk"]
    return df


def test_dyad_series_counts_quad_classes_both_directions():
    ev = pd.DataFrame({
        "date": ["2020-01-05", "2020-01-20", "2020-03-02", "2020-03-03", "2020-03-04"],
        "source_code": ["PAKGOV", "RUS", "RUS", "IND", "PAK"],
        "target_code": ["RUS", "PAK", "PAKMIL", "PAK", "RUS"],
        "quad_class": [1, 4, 2, 4, 3],
    })
    s = dyad_series(ev, "PAK", "RUS", freq="M")
    assert [str(p) for p in s["period"]] == ["2020-01", "2020-02", "2020-03"]
    assert s[["vc", "mc", "vk", "mk"]].to_numpy().tolist() == [[1, 0, 0, 1], [0, 0, 0, 0], [0, 1, 1, 0]]
    assert s["net_coop"].tolist() == [0, 0, 0]
    directed = dyad_series(ev, "PAK", "RUS", freq="M", directed=True)
    assert directed["mk"].sum() == 0 and directed["vc"].sum() == 1


def test_backtest_seasonal_naive_beats_naive_on_a_seasonal_series():
    bt = backtest(_series(), horizon=3, freq="M")
    vc = bt[bt["variable"] == "vc"].set_index("method")
    assert vc.loc["snaive", "mase"] < vc.loc["naive", "mase"]
    assert ((bt["coverage"] >= 0) & (bt["coverage"] <= 1)).all()


def test_intervals_cover_about_their_level_on_noise():
    rng = np.random.default_rng(1)
    n = 120
    df = pd.DataFrame({"period": pd.period_range("2010-01", periods=n, freq="M"),
                       **{k: rng.poisson(30, n) for k in ("vc", "mc", "vk", "mk")}})
    df["net_coop"] = df["vc"] + df["mc"] - df["vk"] - df["mk"]
    bt = backtest(df, horizon=1, freq="M", level=0.8)
    cov = bt[bt["method"] == "mean3"]["coverage"]
    assert cov.between(0.6, 0.95).all()


def test_forecast_series_shape_and_intervals():
    out = forecast_series(_series(), horizon=3, freq="M")
    assert len(out) == 15 and out["step"].tolist()[:3] == [1, 2, 3]
    assert (out["lower"] <= out["forecast"]).all() and (out["forecast"] <= out["upper"]).all()
    assert out["period"].iloc[0] == "2020-01"
    counts = out[out["variable"] != "net_coop"]
    assert (counts["lower"] >= 0).all()


def test_too_little_data_says_so():
    ev = pd.DataFrame({"date": ["2020-01-05", "2020-02-05"], "source_code": ["PAK", "RUS"],
                       "target_code": ["RUS", "PAK"], "quad_class": [1, 2]})
    with pytest.raises(NotEnoughData, match="only 2 periods") as err:
        outlook(ev, "PAK", "RUS")
    assert "--freq (W)" in err.value.hint
    with pytest.raises(NotEnoughData, match="only 1 period of") as err:
        outlook(ev, "PAK", "RUS", freq="Y")
    assert "--freq (Q)" in err.value.hint
    with pytest.raises(NotEnoughData) as err:
        outlook(ev.assign(date=["2020-01-05", "2020-01-06"]), "PAK", "RUS", freq="D")
    assert "finer" not in err.value.hint  # nothing is finer than a day
    with pytest.raises(NotEnoughData, match="no dated events"):
        outlook(ev, "PAK", "CHN")

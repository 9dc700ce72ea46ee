from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import detente.analysis as da
from detente.errors import NotEnoughData


def _series(values, freq="MS"):
    s = pd.DataFrame({"period": pd.date_range("2012-01-01", periods=len(values), freq=freq), "net_coop": values})
    s.attrs["freq"] = "M"
    return s


def test_step_found_at_the_right_month():
    rng = np.random.default_rng(0)
    y = np.r_[rng.normal(-0.4, 0.5, 30), rng.normal(1.2, 0.5, 30)]
    seg = da.changepoints(_series(y))
    assert len(seg) == 2
    assert seg["start"].iloc[1] == pd.Timestamp("2014-07-01")
    assert seg["level"].iloc[0] == pytest.approx(-0.4, abs=0.3)
    assert seg["level"].iloc[1] == pytest.approx(1.2, abs=0.3)
    assert seg["sentence"].iloc[1].startswith("From 2014-07 to 2016-12, net cooperation rose from")


def test_flat_series_is_one_segment():
    rng = np.random.default_rng(1)
    seg = da.changepoints(_series(rng.normal(0, 1, 40)))
    assert len(seg) == 1 and "averaged" in seg["sentence"].iloc[0]


def test_too_short_series():
    with pytest.raises(NotEnoughData):
        da.changepoints(_series([1, 2, 3]))

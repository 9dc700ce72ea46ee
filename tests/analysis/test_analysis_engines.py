"""One contract for every registered analytics engine (DuckDB now; Spark registers later)."""

from __future__ import annotations

import pandas as pd
import pytest

import detente.analysis as da
from detente.analysis._engine import _ENGINES
from detente.errors import EngineError


@pytest.fixture(params=sorted(_ENGINES))
def engine(request):
    try:
        return da.get_engine(request.param)
    except EngineError as exc:  # an engine whose runtime is absent here
        pytest.skip(str(exc))


def test_dyad_series_contract(engine, small_events):
    raw = engine.dyad_series(small_events, "PAK", "RUS", freq="M")
    assert raw[["events", "vc", "mc", "vk", "mk"]].sum().tolist() == [4, 1, 1, 1, 1]
    assert raw["period"].dtype.kind == "M"


def test_all_dyads_contract(engine, small_events):
    raw = engine.all_dyads_series(small_events, freq="Y")
    got = raw.set_index(["a", "b"])["events"].to_dict()
    assert got == {("IND", "PAK"): 1, ("PAK", "RUS"): 4}


def test_period_totals_and_dyad_events_contract(engine, small_events):
    tot = engine.period_totals(small_events, freq="M")
    assert tot["total"].tolist() == [3, 2]
    ev = engine.dyad_events(small_events, "PAK", "RUS", directed=True)
    assert len(ev) == 2 and pd.api.types.is_datetime64_any_dtype(ev["date"])


def test_unknown_engine():
    with pytest.raises(EngineError, match="no analytics engine named 'nope'"):
        da.get_engine("nope")

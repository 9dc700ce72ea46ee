from __future__ import annotations

import duckdb
import pandas as pd
import pyarrow as pa
import pytest
from analysis_fixtures import make_events

import detente.analysis as da
from detente.errors import InputError, NotEnoughData


def test_counts_net_coop_and_zero_filled_months(small_events):
    s = da.dyad_series(small_events, "PAK", "RUS", freq="M")
    assert s["period"].dt.strftime("%Y-%m").tolist() == ["2014-01", "2014-02", "2014-03"]
    assert s[["vc", "mc", "vk", "mk"]].values.tolist() == [[1, 1, 1, 0], [0, 0, 0, 0], [0, 0, 0, 1]]
    assert s["net_coop"].tolist() == [1, 0, -1]
    assert s["events"].tolist() == [3, 0, 1]
    assert s["goldstein_sum"].tolist() == [8.0, 0.0, -9.0]
    assert s["goldstein_pos"].tolist() == [10.0, 0.0, 0.0]
    assert s["goldstein_neg"].tolist() == [-2.0, 0.0, -9.0]
    assert s["goldstein_mean"].iloc[0] == pytest.approx(8 / 3)
    assert pd.isna(s["goldstein_mean"].iloc[1])


def test_repeat_reports_only_on_request(small_events):
    s = da.dyad_series(small_events, "PAK", "RUS", include_reports=True)
    assert s["events"].tolist() == [3, 0, 2]


def test_directed_counts_one_direction(small_events):
    ab = da.dyad_series(small_events, "PAK", "RUS", directed=True)
    ba = da.dyad_series(small_events, "RUS", "PAK", directed=True)
    assert ab["events"].sum() == 2 and ba["events"].sum() == 2
    assert ba["mc"].sum() == 1 and ab["mk"].sum() == 1


def test_since_until_fill_the_whole_window(small_events):
    s = da.dyad_series(small_events, "PAK", "RUS", freq="Q", since="2013-07-01", until="2014-12-31")
    assert s["period"].dt.strftime("%Y-%m-%d").tolist() == ["2013-07-01", "2013-10-01", "2014-01-01",
                                                            "2014-04-01", "2014-07-01", "2014-10-01"]
    assert s["events"].tolist() == [0, 0, 4, 0, 0, 0]


@pytest.mark.parametrize("freq,n", [("D", 57), ("W", 9), ("M", 3), ("Q", 1), ("Y", 1)])
def test_frequencies(small_events, freq, n):
    s = da.dyad_series(small_events, "PAK", "RUS", freq=freq)
    assert len(s) == n and s["events"].sum() == 4


def test_actor_prefix_matches_codes(small_events):
    assert da.dyad_series(small_events, "PAKGOV", "RUS")["events"].sum() == 1


def test_share_normalisation(small_events):
    s = da.dyad_series(small_events, "PAK", "RUS", normalise="share")
    # March: 1 PAK-RUS event of 2 events counted in the month (PAK-IND + PAK-RUS)
    assert s["volume"].tolist() == [3, 0, 2]
    assert s["events_norm"].iloc[2] == pytest.approx(500.0)
    assert pd.isna(s["events_norm"].iloc[1])


def test_volume_normalisation_uses_country_totals(small_events):
    vol = pd.DataFrame({"date": ["2014-01-01", "2014-01-02", "2014-03-01"], "country": ["PAK", "RUS", "PAK"],
                        "events": [100, 100, 400]})
    s = da.dyad_series(small_events, "PAK", "RUS", normalise="volume", volume=vol)
    assert s["volume"].tolist() == [200, 0, 400]
    assert s["net_coop_norm"].iloc[0] == pytest.approx(5.0)


def test_volume_normalisation_without_totals_says_what_to_do(small_events):
    with pytest.raises(InputError, match="daily country totals"):
        da.dyad_series(small_events, "PAK", "RUS", normalise="volume")


def test_same_answer_from_arrow_relation_parquet_and_store(small_events, tmp_path, store):
    want = da.dyad_series(small_events, "PAK", "RUS")
    table = pa.Table.from_pandas(small_events.assign(date=pd.to_datetime(small_events["date"]).dt.date))
    path = tmp_path / "ev.parquet"
    import pyarrow.parquet as pq

    pq.write_table(table, path)
    con = duckdb.connect()
    rel = con.from_arrow(table)
    store.insert_events(small_events.assign(dataset="test"))
    for src in (table, rel, str(path), store):
        got = da.dyad_series(src, "PAK", "RUS")
        pd.testing.assert_frame_equal(got[want.columns], want, check_dtype=False)
    assert store.dyad("PAK", "RUS", freq="M")["events"].tolist() == [3, 0, 1]


def test_no_events_raises_not_enough_data(small_events):
    with pytest.raises(NotEnoughData, match="No events between USA and CHN"):
        da.dyad_series(small_events, "USA", "CHN")


def test_bad_input_is_a_typed_error(small_events):
    with pytest.raises(InputError):
        da.dyad_series(small_events, "PAK", "RUS", freq="X")
    with pytest.raises(InputError):
        da.dyad_series(small_events, "PAK'; drop", "RUS")


def test_too_few_message():
    assert da.too_few_message(3, "PAK", "RUS", "2014-01-01") == (
        "Only 3 events between PAK and RUS since 2014-01-01: too few to measure a trend.")


def test_all_dyads_series(small_events):
    s = da.all_dyads_series(small_events, freq="M").sort_values(["a", "b", "period"])
    assert list(s.columns[:3]) == ["a", "b", "period"] and s["net_coop"].tolist() == [-1, 1, -1]
    assert s[["a", "b"]].drop_duplicates().values.tolist() == [["IND", "PAK"], ["PAK", "RUS"]]
    assert s.loc[s["b"] == "RUS", "events"].tolist() == [3, 1]


def test_key_events_prefers_strong_and_recent(small_events):
    ev = da.dyad_events(small_events, "PAK", "RUS")
    top = da.key_events(ev, n=2)
    assert len(top) == 2 and -9.0 in top["goldstein"].tolist()


def test_key_events_show_a_repeatedly_reported_event_once():
    one = {"cameo_code": "046", "goldstein": 7.0}
    ev = make_events([
        ("2018-06-02", "PRKGOV", "USAGOV", 1, {**one, "origin": "icews.tab:7"}),
        ("2018-06-02", "PRKGOV", "USAGOV", 1, {**one, "origin": "icews.tab:9"}),
        ("2018-06-02", "PRKGOV", "USAGOV", 1, {**one, "origin": "icews.tab:12"}),
        ("2018-06-02", "USAGOV", "PRKGOV", 1, one),                     # the other direction: its own event
        ("2018-06-02", "PRKGOV", "USAGOV", 1, {"cameo_code": "040"}),  # another action
        ("2018-06-03", "PRKGOV", "USAGOV", 1, one),                     # another day
    ])
    top = da.key_events(ev, n=8)
    assert len(top) == 4
    first = top[(top.source_code == "PRKGOV") & (top.cameo_code == "046") & (top.date == "2018-06-02")]
    assert first["origin"].tolist() == ["icews.tab:7"] and first["reports"].tolist() == [3]
    assert sorted(top["reports"]) == [1, 1, 1, 3]

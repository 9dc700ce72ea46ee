"""Forecasts on an events DataFrame shaped like the store's, and the CLI."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from detente.errors import NoSuchActor, NotEnoughData
from detente.forecast import events_to_quads
from detente.forecast.predict import predict_events, predict_targets


def _events(days=40):
    rows = []
    for d in range(days):
        date = (pd.Timestamp("2016-11-01") + pd.Timedelta(days=d)).strftime("%Y-%m-%d")
        rows.append((date, "RUS", "PAK", "057", 2))
        if d % 2 == 0:
            rows.append((date, "RUS", "IND", "042", 1))
        if d % 3 == 0:
            rows.append((date, "PAK", "RUS", "036", 1))
        if d % 5 == 0:
            rows.append((date, "RUS", "PAK", "042", 1))
    return pd.DataFrame(rows, columns=["date", "source_code", "target_code", "cameo_code", "quad_class"])


def test_events_to_quads_maps_codes_and_days():
    g = events_to_quads(_events(3))
    assert g.entities == ["IND", "PAK", "RUS"] and "057" in g.relations
    assert g.quads[:, 3].min() == 0 and g.date(2) == "2016-11-03"


def test_predict_targets_and_events():
    ev = _events()
    t = predict_targets(ev, "RUS", "057", model="recurrency", top=3)
    assert t.iloc[0]["target"] == "PAK" and t["probability"].iloc[0] > 0.5
    e = predict_events(ev, "RUS", "PAK", on="2016-12-05", model="recurrency", top=3)
    assert e.iloc[0]["cameo_code"] == "057"
    assert e["probability"].between(0, 1).all() and e["date"].iloc[0] == "2016-12-05"
    with pytest.raises(NoSuchActor):
        predict_targets(ev, "CHN", "057")


def test_predictions_list_only_what_the_model_has_evidence_for():
    ev = _events()
    t = predict_targets(ev, "RUS", "042", model="recurrency", top=10)
    # RUS did 042 to IND and PAK only: no other actor is listed, not even with probability 0
    assert sorted(t["target"]) == ["IND", "PAK"] and (t["probability"] > 0).all()
    assert abs(t["probability"].sum() - 1) < 1e-9
    seen = dict(zip(t["target"], t["last_seen"], strict=True))
    assert seen == {"IND": "2016-12-09", "PAK": "2016-12-06"}  # days 38 (even days) and 35 (every fifth)
    e = predict_events(ev, "PAK", "RUS", model="recurrency", top=10)
    assert list(e["cameo_code"]) == ["036"] and e["last_seen"].iloc[0] == "2016-12-10"  # day 39


def test_scores_below_the_floor_are_not_listed(monkeypatch):
    import detente.forecast.predict as predict

    ev = _events()
    full = predict_targets(ev, "RUS", "042", model="recurrency", cache=False)
    assert len(full) == 2
    floor = float(full["score"].max()) - 1e-9  # only the best target clears it
    monkeypatch.setattr(predict, "MIN_SCORE", floor)
    top = predict_targets(ev, "RUS", "042", model="recurrency", cache=False)
    assert top["target"].tolist() == full["target"].tolist()[:1] and top["probability"].tolist() == [1.0]


def test_no_evidence_says_when_the_last_such_event_was():
    ev = _events()
    late = pd.concat([ev, pd.DataFrame([("2018-01-01", "IND", "CHN", "042", 1)], columns=ev.columns)])
    # two strict-recurrency years later nothing of RUS -> PAK is left: say so, and from when to ask
    with pytest.raises(NotEnoughData, match="last such event was on 2016-12-10") as err:
        predict_events(late, "RUS", "PAK", model="recurrency-strict")
    assert "--on 2016-12-11" in err.value.hint
    with pytest.raises(NotEnoughData, match="no PAK 057 event before"):
        predict_targets(ev, "PAK", "057", model="recurrency")


def test_a_country_code_forecasts_for_the_whole_country():
    ev = _events()
    ev["source_code"] = ev["source_code"] + "GOV"  # RUSGOV, PAKGOV
    ev.loc[ev.index % 4 == 0, "source_code"] = ev["source_code"].str[:3] + "MIL"
    ev["source_country"], ev["target_country"] = ev["source_code"].str[:3], ev["target_code"]
    # RUS is no actor code here, but Russia's government and military act as one country
    e = predict_events(ev, "RUS", "PAK", model="recurrency", top=5)
    assert e.iloc[0]["cameo_code"] == "057"
    t = predict_targets(ev, "RUS", "042", model="recurrency")
    assert sorted(t["target"]) == ["IND", "PAK"]
    # an actor code stays one actor; a code and a country together cannot be asked
    assert predict_targets(ev, "RUSMIL", "057", model="recurrency").iloc[0]["target"] == "PAK"
    with pytest.raises(NoSuchActor, match="PAKGOV has no events in the store as a country") as err:
        predict_events(ev, "RUS", "PAKGOV", model="recurrency")
    assert "both as actor codes" in err.value.hint


def test_a_fitted_model_is_cached_for_the_same_events(tmp_path, monkeypatch):
    monkeypatch.setenv("DETENTE_CACHE_DIR", str(tmp_path / "cache"))
    ev = _events()
    fits = []

    def count(name, n):
        fits.append((name, n))

    a = predict_targets(ev, "RUS", "042", model="recurrency", on_fit=count)
    b = predict_events(ev, "RUS", "PAK", model="recurrency", on_fit=count)  # same events, day and model
    assert fits == [("recurrency", len(ev))] and len(list((tmp_path / "cache" / "forecast").glob("*.pkl"))) == 1
    again = predict_targets(ev, "RUS", "042", model="recurrency", on_fit=count)
    pd.testing.assert_frame_equal(a, again)
    assert len(fits) == 1 and not b.empty
    # other events, another day, or no cache: a fit
    predict_targets(ev.iloc[:-1], "RUS", "042", model="recurrency", on_fit=count)
    predict_targets(ev, "RUS", "042", model="recurrency", on="2016-12-01", on_fit=count)
    predict_targets(ev, "RUS", "042", model="recurrency", on_fit=count, cache=False)
    assert len(fits) == 4
    # a broken entry is refitted, not an error
    for p in (tmp_path / "cache" / "forecast").glob("*.pkl"):
        p.write_bytes(b"not a pickle")
    pd.testing.assert_frame_equal(predict_targets(ev, "RUS", "042", model="recurrency", on_fit=count), a)
    assert len(fits) == 5


def test_cli_evaluate_exports_scores(tmp_path, tkg, write_dataset):
    from detente.cli.main import app

    write_dataset(tmp_path / "ds", tkg)
    out = tmp_path / "s.jsonl"
    res = CliRunner().invoke(app, ["forecast", "evaluate", "--dataset", str(tmp_path / "ds"), "--model",
                                   "recurrency", "--export-scores", str(out), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    row = json.loads(next(x for x in res.stdout.splitlines() if x.startswith("{")))
    assert row["model"] == "recurrency" and 0 < row["mrr"] <= 100
    assert len(out.read_text().splitlines()) == 2 * len(tkg.test)


def test_cli_evaluate_uses_the_benchmark_settings_for_a_benchmark_folder(tmp_path, tkg, write_dataset):
    from detente.cli.main import app

    write_dataset(tmp_path / "ICEWS14", tkg)
    small = '{"ensemble": 1, "train_queries": 2000, "negatives": 10, "grid": [{"trees": 20, "learning_rate": 0.2, "leaves": 7}]}'
    res = CliRunner().invoke(app, ["forecast", "evaluate", "--dataset", str(tmp_path / "ICEWS14"), "--model", "learned",
                                   "--options", small, "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    # ICEWS14's chosen per_answer, with the given settings over its ensemble and grid
    said = json.loads(res.stderr.split("learned-model settings: ", 1)[1].splitlines()[0])
    assert said["per_answer"] is True and said["ensemble"] == 1 and said["grid"][0]["trees"] == 20
    assert 0 < json.loads(res.stdout.splitlines()[-1])["mrr"] <= 100


@pytest.mark.parametrize(("args", "says"), [
    (["--model", "learned", "--options", "{ensemble: 1}"], "--options is not JSON"),
    (["--model", "learned", "--options", "[1]"], "a JSON object of settings"),
    (["--model", "learned", "--options", '{"trees": 5}'], "unknown learned-model setting(s): trees"),
    (["--model", "recurrency", "--options", '{"ensemble": 1}'], "sets the learned model only"),
])
def test_cli_evaluate_bad_options_are_one_line(tmp_path, tkg, write_dataset, args, says):
    from detente.cli.main import app

    write_dataset(tmp_path / "ds", tkg)
    res = CliRunner().invoke(app, ["forecast", "evaluate", "--dataset", str(tmp_path / "ds"), *args])
    assert res.exit_code == 1 and says in res.output and "Traceback" not in res.output


def test_cli_evaluate_missing_dataset_is_one_line(tmp_path):
    from detente.cli.main import app

    res = CliRunner().invoke(app, ["forecast", "evaluate", "--dataset", str(tmp_path / "none")])
    assert res.exit_code == 1 and "no dataset folder" in res.output


def test_cli_predict_and_outlook_on_a_store(tmp_path):
    from detente.cli.main import app
    from detente.store import EventStore

    db = tmp_path / "e.duckdb"
    ev = _events(400)
    ev["date_precision"] = "day"
    ev["dataset"] = "text"
    ev["event_id"] = [f"e{i}" for i in range(len(ev))]
    ev["date"] = pd.to_datetime(ev["date"]).dt.date
    with EventStore(db) as store:
        store.insert_events(ev)
    r = CliRunner().invoke(app, ["forecast", "predict", "--db", str(db), "--source", "RUS", "--relation", "057",
                                 "--model", "recurrency", "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout.splitlines()[0])["target"] == "PAK"
    r = CliRunner().invoke(app, ["forecast", "outlook", "PAK", "RUS", "--db", str(db), "--horizon", "2",
                                 "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(rows) == 10 and {"forecast", "lower", "upper"} <= set(rows[0])
    r = CliRunner().invoke(app, ["forecast", "predict", "--db", str(db), "--source", "RUS"])
    assert r.exit_code == 1 and "exactly one of --target or --relation" in r.output
    r = CliRunner().invoke(app, ["forecast", "predict", "--db", str(db), "--source", "RUS", "--relation", "057",
                                 "--model", "recurrency", "--since", "2017-11-01", "--dataset", "text",
                                 "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout.splitlines()[0])["target"] == "PAK"
    recent = int((pd.to_datetime(ev["date"]) >= "2017-11-01").sum())
    assert f"fitting the recurrency model on {recent:,} events" in r.stderr
    r = CliRunner().invoke(app, ["forecast", "predict", "--db", str(db), "--source", "RUS", "--relation", "057",
                                 "--dataset", "gdelt1"])
    assert r.exit_code == 1 and "no events in the store match --dataset gdelt1" in r.output


def test_cli_predict_suggests_since_before_a_long_fit(tmp_path, monkeypatch):
    import detente.forecast.predict as predict
    from detente.cli.main import app
    from detente.store import EventStore

    def fake(events, source, relation, **kw):  # what a store of 300k events would report
        kw["on_fit"]("learned", 300_000)
        return pd.DataFrame({"rank": [1], "target": ["PAK"]})

    monkeypatch.setattr(predict, "predict_targets", fake)
    db = tmp_path / "e.duckdb"
    ev = _events(5).assign(date_precision="day", dataset="text")
    ev["event_id"] = [f"e{i}" for i in range(len(ev))]
    ev["date"] = pd.to_datetime(ev["date"]).dt.date
    with EventStore(db) as store:
        store.insert_events(ev)
    args = ["forecast", "predict", "--db", str(db), "--source", "RUS", "--relation", "057"]
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 0, r.output
    assert "fitting the learned model on 300,000 events" in r.stderr and "--since" in r.stderr
    r = CliRunner().invoke(app, [*args, "--since", "2016-11-02"])
    assert r.exit_code == 0 and "--since" not in r.stderr

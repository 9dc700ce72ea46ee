"""Forecasts on the user's own events: likely targets, likely event types.

The store's events become quadruples (actors as entities, CAMEO codes as
relations, days as time steps), a model is fitted on them (train on all but the
last tenth of the days, choose on that last tenth), and queries are asked at a
given day using only the events before it.

>>> import pandas as pd
>>> ev = pd.DataFrame({"date": ["2016-01-0%d" % d for d in range(1, 10)] * 2,
...                    "source_code": ["RUS"] * 18, "target_code": ["PAK", "IND"] * 9,
...                    "cameo_code": ["057", "042"] * 9})
>>> predict_targets(ev, "RUS", "057", model="recurrency").iloc[0]["target"]
'PAK'
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from detente.config import cache_home
from detente.errors import InputError, NoSuchActor, NotEnoughData, UnknownCode
from detente.forecast.base import Forecaster
from detente.forecast.data import TKG, EventGraph, events_to_quads
from detente.forecast.learned import LearnedForecaster
from detente.forecast.recurrency import RecurrencyBaseline
from detente.ontology import cameo

MODELS = ("auto", "recurrency", "recurrency-strict", "learned")
LEARNED_MIN_EVENTS = 5_000
LEARNED_MIN_DAYS = 30
# Below this a model's score is no evidence (a recurrency score decayed over years):
# such targets and event types are not listed.
MIN_SCORE = 1e-6


def make_model(name: str, *, seed: int = 0, **kwargs: Any) -> Forecaster:
    """A model by name: ``recurrency``, ``recurrency-strict`` or ``learned``."""
    if name == "recurrency":
        return RecurrencyBaseline(variant="combined", seed=seed)
    if name == "recurrency-strict":
        return RecurrencyBaseline(variant="strict", seed=seed)
    if name == "learned":
        return LearnedForecaster(seed=seed, **kwargs)
    raise InputError(f"unknown model {name!r}", hint=f"use one of {', '.join(MODELS[1:])}")


def _graph(events: pd.DataFrame, actor: str) -> EventGraph:
    """Countries as entities when ``actor`` is a country code (RUS: Russia's government,
    military and people together, as in ``detente dyad``), actor codes otherwise (RUSGOV)."""
    countries = set()
    if "source_country" in events.columns and "target_country" in events.columns:
        countries = set(events["source_country"].dropna()) | set(events["target_country"].dropna())
    if actor in countries:
        return events_to_quads(events, entity="country")
    g = events_to_quads(events, entity="code")
    if g.entity_id(actor) < 0:
        raise NoSuchActor(f"{actor} has no events in the store", hint="check the code (e.g. RUS, PAKGOV)")
    return g


def _same_kind(g: EventGraph, target: str) -> int:
    o = g.entity_id(target)
    if o < 0:
        raise NoSuchActor(f"{target} has no events in the store" + (" as a country" if g.kind == "country" else ""),
                          hint="give both actors as countries (RUS, PAK) or both as actor codes (RUSGOV, PAKGOV)")
    return o


CACHE_KEEP = 20  # fitted models kept in the cache, the most recently used


def _cache_key(g: EventGraph, until: int, model: str, seed: int) -> str:
    """The same events before ``until`` (with the same vocabularies), model, seed and
    forecasting code give the same fitted model: one key for all of them."""
    h = hashlib.sha256(f"{model}|{seed}|{until}|{g.origin}|{g.kind}".encode())
    h.update(np.ascontiguousarray(g.quads[g.quads[:, 3] < until], dtype=np.int64).tobytes())
    for vocab in (g.entities, g.relations):
        h.update("\x00".join(vocab).encode() + b"\x01")
    for src in sorted(Path(__file__).parent.glob("*.py")):
        h.update(src.read_bytes())
    return h.hexdigest()[:32]


def _cache_load(path: Path) -> Forecaster | None:
    try:
        with path.open("rb") as f:
            m = pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a broken or stale entry is refitted, never fatal
        path.unlink(missing_ok=True)
        return None
    if not isinstance(m, Forecaster):
        return None
    os.utime(path)  # most recently used
    return m


def _cache_save(path: Path, m: Forecaster) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(m, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        old = sorted(path.parent.glob("*.pkl"), key=lambda p: p.stat().st_mtime, reverse=True)[CACHE_KEEP:]
        for p in old:
            p.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only or full disk only costs the next call a refit


def fit_on_events(g: EventGraph, until: int, *, model: str = "auto", seed: int = 0,
                  cache: bool = True, on_fit: Any = None) -> Forecaster:
    """Fit on the events before day ``until``: the last tenth of the days validates.

    With ``cache`` the fitted model is kept in ``config.cache_home()/forecast`` and reused
    by the next call on the same events (the learned model takes minutes to fit on a
    large store, scoring with it seconds). ``on_fit(model_name, n_events)`` is called
    before an actual fit.
    """
    path = cache_home() / "forecast" / f"{_cache_key(g, until, model, seed)}.pkl" if cache else None
    if path is not None and (m := _cache_load(path)) is not None:
        return m
    m = _fit_on_events(g, until, model=model, seed=seed, on_fit=on_fit)
    if path is not None:
        _cache_save(path, m)
    return m


def _fit_on_events(g: EventGraph, until: int, *, model: str, seed: int, on_fit: Any) -> Forecaster:
    q = g.quads[g.quads[:, 3] < until]
    days = np.unique(q[:, 3])
    if len(days) < 3:
        raise NotEnoughData(f"events on {len(days)} day(s) before the forecast date; need at least 3",
                            hint="import more events or pick a later --on date")
    split = days[max(1, int(0.9 * len(days)))] if len(days) > 10 else days[-1]
    data = TKG(q[q[:, 3] < split], q[q[:, 3] >= split], np.zeros((0, 4), np.int64), g.num_entities,
               g.num_relations, 1, g.entities, g.relations, "store")
    auto = model == "auto"
    if auto:
        model = "learned" if len(q) >= LEARNED_MIN_EVENTS and len(days) >= LEARNED_MIN_DAYS else "recurrency"
    m = make_model(model, seed=seed)
    if on_fit is not None:
        on_fit(m.name, len(q))
    if isinstance(m, LearnedForecaster):
        m.grid = m.grid[:1]
        try:
            return m.fit(data)
        except ValueError:
            # e.g. no training query whose answer was among the candidates: too little history
            if not auto:
                raise NotEnoughData("too little history to fit the learned model", hint="use --model recurrency") from None
            m = make_model("recurrency", seed=seed)
    return m.fit(data)


def _when(g: EventGraph, on: str | None) -> int:
    return g.day(on) if on else int(g.quads[:, 3].max()) + 1


def _scores(m: Forecaster, g: EventGraph, s: int, rels: np.ndarray, t: int) -> tuple[np.ndarray, np.ndarray]:
    """Scores of every entity for ``(s, r, t)``, one row per ``r``, and which of them the
    model scored from evidence (its candidates) rather than giving the background score."""
    q = np.column_stack([np.full(len(rels), s), rels, np.full(len(rels), t)])
    out = np.zeros((len(rels), g.num_entities))
    scored = np.zeros((len(rels), g.num_entities), dtype=bool)
    hist = g.quads[g.quads[:, 3] < t]
    for sc in m.score_sparse(hist, q):
        out[sc.query_rows] = sc.dense(g.num_entities)
        scored[sc.query_rows[sc.rows], sc.cols] = True
    return out, scored


def _last_seen(g: EventGraph, past: np.ndarray, col: int, size: int) -> list[str]:
    """For each id of column ``col`` (2: targets, 1: relations) of the events ``past``, the
    date of the last of them, or "" when there was none."""
    last = np.full(size, -1, dtype=np.int64)
    np.maximum.at(last, past[:, col], past[:, 3])
    return [g.date(d) if d >= 0 else "" for d in last]


def _nothing_to_go_on(g: EventGraph, t: int, what: str, past: np.ndarray, model: str) -> NotEnoughData:
    when = g.date(t)
    if len(past) == 0:
        return NotEnoughData(f"no {what} event before {when} to forecast from",
                             hint="check the codes, or pick an --on date after such events")
    last = int(past[:, 3].max())
    return NotEnoughData(f"the {model} model gives no weight to {what} on {when}: the last such event was on "
                         f"{g.date(last)}, {t - last} days before",
                         hint=f"forecast from then with --on {g.date(last + 1)}")


def predict_targets(events: pd.DataFrame, source: str, relation: str, *, on: str | None = None,
                    model: str = "auto", top: int = 10, seed: int = 0, cache: bool = True,
                    on_fit: Any = None) -> pd.DataFrame:
    """Who ``source`` will most likely do ``relation`` (a CAMEO code) to on day ``on``.

    Only targets the model scored from evidence (at least ``MIN_SCORE``) are listed.
    ``probability`` is the model's score normalised over them; ``last_seen`` is the day
    ``source`` last did ``relation`` to that target ("" if never).
    """
    g = _graph(events, source)
    r = g.relation_id(str(relation))
    if r < 0:
        raise InputError(f"CAMEO code {relation} never occurs in these events", hint="pick a code that does")
    s = g.entity_id(source)
    t = _when(g, on)
    m = fit_on_events(g, t, model=model, seed=seed, cache=cache, on_fit=on_fit)
    sc, scored = _scores(m, g, s, np.array([r]), t)
    sc, keep = sc[0], scored[0] & (sc[0] >= MIN_SCORE)
    keep[s] = False
    idx = np.flatnonzero(keep)
    past = g.quads[(g.quads[:, 3] < t) & (g.quads[:, 0] == s) & (g.quads[:, 1] == r)]  # s did r
    if len(idx) == 0:
        raise _nothing_to_go_on(g, t, f"{source} {relation}", past, m.name)
    idx = idx[np.lexsort((idx, -sc[idx]))][:top]
    seen = _last_seen(g, past, 2, g.num_entities)
    return pd.DataFrame({"rank": np.arange(1, len(idx) + 1), "target": [g.entities[i] for i in idx],
                         "score": sc[idx], "probability": sc[idx] / sc[keep].sum(), "model": m.name,
                         "date": g.date(t), "last_seen": [seen[i] for i in idx]})


def predict_events(events: pd.DataFrame, source: str, target: str, *, on: str | None = None,
                   model: str = "auto", top: int = 10, seed: int = 0, cache: bool = True,
                   on_fit: Any = None) -> pd.DataFrame:
    """Which kinds of event ``source`` will most likely direct at ``target`` on day ``on``.

    Each CAMEO code ``r`` for which the model scored ``target`` from evidence (at least
    ``MIN_SCORE``) scores ``P(r | source) * score(target | source, r)``, with
    ``P(r | source)`` the share of ``r`` in ``source``'s past events; ``probability``
    normalises that over those codes.
    ``last_seen`` is the day ``source`` last did that to ``target`` ("" if never).
    """
    g = _graph(events, source)
    s, o = g.entity_id(source), _same_kind(g, target)
    t = _when(g, on)
    m = fit_on_events(g, t, model=model, seed=seed, cache=cache, on_fit=on_fit)
    rels = np.arange(g.num_relations)
    sc, scored = _scores(m, g, s, rels, t)
    sc, scored = sc[:, o], scored[:, o]
    hist = g.quads[(g.quads[:, 3] < t) & (g.quads[:, 0] == s)]
    prior = np.bincount(hist[:, 1], minlength=g.num_relations).astype(float) + 0.5
    prior /= prior.sum()
    w = np.where(scored & (sc >= MIN_SCORE), sc, 0.0) * prior
    idx = np.flatnonzero(w > 0)
    past = hist[hist[:, 2] == o]  # s did something to o
    if len(idx) == 0:
        raise _nothing_to_go_on(g, t, f"{source} -> {target}", past, m.name)
    idx = idx[np.lexsort((idx, -w[idx]))][:top]
    names = [_cameo_name(g.relations[i]) for i in idx]
    seen = _last_seen(g, past, 1, g.num_relations)
    return pd.DataFrame({"rank": np.arange(1, len(idx) + 1), "cameo_code": [g.relations[i] for i in idx],
                         "name": names, "probability": w[idx] / w.sum(), "model": m.name, "date": g.date(t),
                         "last_seen": [seen[i] for i in idx]})


def _cameo_name(code: str) -> str:
    try:
        return cameo.lookup(code).name
    except UnknownCode:  # a code outside CAMEO just has no name
        return ""

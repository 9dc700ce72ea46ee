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

from typing import Any

import numpy as np
import pandas as pd

from detente.errors import InputError, NoSuchActor, NotEnoughData
from detente.forecast.base import Forecaster
from detente.forecast.data import TKG, EventGraph, events_to_quads
from detente.forecast.learned import LearnedForecaster
from detente.forecast.recurrency import RecurrencyBaseline

MODELS = ("auto", "recurrency", "recurrency-strict", "learned")
LEARNED_MIN_EVENTS = 5_000
LEARNED_MIN_DAYS = 30


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
    g = events_to_quads(events, entity="code")
    if g.entity_id(actor) < 0 and "source_country" in events.columns:
        gc = events_to_quads(events, entity="country")
        if gc.entity_id(actor) >= 0:
            return gc
    if g.entity_id(actor) < 0:
        raise NoSuchActor(f"{actor} has no events in the store", hint="check the code (e.g. RUS, PAKGOV)")
    return g


def fit_on_events(g: EventGraph, until: int, *, model: str = "auto", seed: int = 0) -> Forecaster:
    """Fit on the events before day ``until``: the last tenth of the days validates."""
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


def _scores(m: Forecaster, g: EventGraph, s: int, rels: np.ndarray, t: int) -> np.ndarray:
    q = np.column_stack([np.full(len(rels), s), rels, np.full(len(rels), t)])
    out = np.zeros((len(rels), g.num_entities))
    hist = g.quads[g.quads[:, 3] < t]
    for rows, dense in m.score(hist, q):
        out[rows] = dense
    return out


def predict_targets(events: pd.DataFrame, source: str, relation: str, *, on: str | None = None,
                    model: str = "auto", top: int = 10, seed: int = 0) -> pd.DataFrame:
    """Who ``source`` will most likely do ``relation`` (a CAMEO code) to on day ``on``.

    ``probability`` is the model's score normalised over the candidates it scored.
    """
    g = _graph(events, source)
    r = g.relation_id(str(relation))
    if r < 0:
        raise InputError(f"CAMEO code {relation} never occurs in these events", hint="pick a code that does")
    t = _when(g, on)
    m = fit_on_events(g, t, model=model, seed=seed)
    sc = _scores(m, g, g.entity_id(source), np.array([r]), t)[0]
    sc[g.entity_id(source)] = min(sc.min(), 0.0)
    pos = np.clip(sc - min(sc.min(), 0.0), 0, None)
    order = np.lexsort((np.arange(len(sc)), -sc))[:top]
    total = pos.sum() or 1.0
    return pd.DataFrame({"rank": np.arange(1, len(order) + 1), "target": [g.entities[i] for i in order],
                         "score": sc[order], "probability": pos[order] / total, "model": m.name,
                         "date": g.date(t)})


def predict_events(events: pd.DataFrame, source: str, target: str, *, on: str | None = None,
                   model: str = "auto", top: int = 10, seed: int = 0) -> pd.DataFrame:
    """Which kinds of event ``source`` will most likely direct at ``target`` on day ``on``.

    Each CAMEO code ``r`` scores ``P(r | source) * score(target | source, r)``, with
    ``P(r | source)`` the share of ``r`` in ``source``'s past events; ``probability``
    normalises that over all codes.
    """
    g = _graph(events, source)
    s, o = g.entity_id(source), g.entity_id(target)
    if o < 0:
        raise NoSuchActor(f"{target} has no events in the store", hint="check the code (e.g. PAK, RUSGOV)")
    t = _when(g, on)
    m = fit_on_events(g, t, model=model, seed=seed)
    rels = np.arange(g.num_relations)
    sc = _scores(m, g, s, rels, t)[:, o]
    hist = g.quads[(g.quads[:, 3] < t) & (g.quads[:, 0] == s)]
    prior = np.bincount(hist[:, 1], minlength=g.num_relations).astype(float) + 0.5
    prior /= prior.sum()
    w = np.clip(sc - min(sc.min(), 0.0), 0, None) * prior
    order = np.lexsort((rels, -w))[:top]
    total = w.sum() or 1.0
    names = []
    try:
        from detente.ontology import cameo

        for i in order:
            try:
                names.append(cameo.lookup(g.relations[i]).name)
            except Exception:  # noqa: BLE001 - unknown codes just have no name
                names.append("")
    except ImportError:
        names = [""] * len(order)
    return pd.DataFrame({"rank": np.arange(1, len(order) + 1), "cameo_code": [g.relations[i] for i in order],
                         "name": names, "probability": w[order] / total, "model": m.name, "date": g.date(t)})

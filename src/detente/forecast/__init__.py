"""Forecasting: what happens next between which actors, and a dyad's outlook.

Temporal knowledge graph models (``RecurrencyBaseline``, ``LearnedForecaster``)
work on quadruple arrays, so they run both on the public benchmarks
(``load_tkg``) and on the event store (``events_to_quads``). ``evaluate`` applies
the standard single-step, time-aware filtered protocol.
"""

from __future__ import annotations

from detente.forecast.base import Forecaster
from detente.forecast.data import TKG, EventGraph, events_to_quads, load_tkg
from detente.forecast.learned import LearnedForecaster
from detente.forecast.outlook import backtest, dyad_series, outlook
from detente.forecast.protocol import evaluate, make_queries, metrics
from detente.forecast.recurrency import RecurrencyBaseline

__all__ = [
           "TKG",
           "EventGraph",
           "Forecaster",
           "LearnedForecaster",
           "RecurrencyBaseline",
           "backtest",
           "dyad_series",
           "evaluate",
           "events_to_quads",
           "load_tkg",
           "make_queries",
           "metrics",
           "outlook",
]

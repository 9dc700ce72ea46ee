"""Relations analytics: pure functions over event tables.

Events go in as a pandas DataFrame, an Arrow table, a DuckDB relation, an
``EventStore`` or Parquet path(s); tables come out. Aggregations run in an
engine (``detente.analysis._engine``; DuckDB by default).

>>> import detente.analysis as da
>>> sorted(n for n in da.__all__ if n.startswith("dyad"))
['dyad_events', 'dyad_series']
"""

from detente.analysis._engine import Engine, get_engine, register_engine
from detente.analysis.changepoint import changepoints
from detente.analysis.drivers import DriversResult, drivers, granger_lead
from detente.analysis.dyads import (
    MIN_EVENTS,
    all_dyads_series,
    dyad_events,
    dyad_series,
    key_events,
    summary,
    too_few_message,
)
from detente.analysis.signed import (
    TriadResult,
    balance,
    frustration,
    signed_ties,
    triads,
)

__all__ = [
    "MIN_EVENTS",
    "DriversResult",
    "Engine",
    "TriadResult",
    "all_dyads_series",
    "balance",
    "changepoints",
    "drivers",
    "dyad_events",
    "dyad_series",
    "frustration",
    "get_engine",
    "granger_lead",
    "key_events",
    "register_engine",
    "signed_ties",
    "summary",
    "too_few_message",
    "triads",
]

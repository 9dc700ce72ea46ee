"""Every spaCy factory detente registers, in one place, and the order they run in.

Importing this module registers the factories (``detente_actors_v1`` ...).
The versioned names are part of the coder's output contract: a component whose
behaviour changes gets a new version, old configs keep the old one.
"""

from __future__ import annotations

from detente.coder.components import actors, classify, dates, events, resolve  # noqa: F401  (registers)

# (factory, component name) in pipeline order, appended after the spaCy model's own pipes.
PIPELINE = (
    ("detente_actors_v1", "detente_actors"),
    ("detente_dates_v1", "detente_dates"),
    ("detente_events_v1", "detente_events"),
    ("detente_classify_v1", "detente_classify"),
    ("detente_resolve_v1", "detente_resolve"),
)
COMPONENT_NAMES = tuple(name for _, name in PIPELINE)

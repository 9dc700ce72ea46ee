"""The event store (DuckDB). The only package that talks to the database."""

from detente.store.core import EventStore, InsertResult
from detente.store.queries import EventFilter

__all__ = ["EventStore", "InsertResult", "EventFilter"]

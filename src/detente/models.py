"""The event record: the contract shared by every layer.

One row per event. Field names are public: the JSONL, CSV and Parquet outputs of
``detente code`` and ``detente events`` and the store's ``events`` table use them
as they are. ``EVENT_SCHEMA`` is the Arrow form; ``EVENT_FIELDS`` lists the names
in their canonical order.

>>> from detente.models import Event
>>> e = Event(dataset="text", date="2014-06-02", date_precision="day",
...           source_code="RUS", target_code="PAK", cameo_code="0871")
>>> e.cameo_root
'08'
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

import pyarrow as pa

DATE_PRECISIONS = ("day", "month", "year", "unknown")

# Arrow types of the stored record. ``date`` is a real date type in the store and
# in Parquet; in Python records and JSONL it is an ISO string.
EVENT_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("dataset", pa.string()),
        ("date", pa.date32()),
        ("date_precision", pa.string()),
        ("source_code", pa.string()),
        ("source_country", pa.string()),
        ("source_sector", pa.string()),
        ("source_name", pa.string()),
        ("target_code", pa.string()),
        ("target_country", pa.string()),
        ("target_sector", pa.string()),
        ("target_name", pa.string()),
        ("cameo_code", pa.string()),
        ("cameo_root", pa.string()),
        ("plover_type", pa.string()),
        ("quad_class", pa.int8()),
        ("origin_quad_class", pa.int8()),
        ("goldstein", pa.float32()),
        ("confidence", pa.float32()),
        ("speculative", pa.bool_()),
        ("negated", pa.bool_()),
        ("doc_id", pa.string()),
        ("sentence_id", pa.int32()),
        ("sentence", pa.string()),
        ("spans", pa.string()),  # JSON object, see Event.spans
        ("origin", pa.string()),
        ("coder_version", pa.string()),
        # Several reports of one real event: every report keeps its own row, and
        # all but the first point at the first one here (null on the first).
        ("report_of", pa.string()),
    ]
)

EVENT_FIELDS: tuple[str, ...] = tuple(EVENT_SCHEMA.names)


@dataclass
class Event:
    """One coded or imported event.

    ``spans`` maps ``"source"``, ``"event"`` and ``"target"`` to ``[start, end]``
    character offsets in ``sentence`` (``"event"`` may hold a list of such pairs
    when the event is expressed by several words).
    """

    dataset: str
    date: str | None = None
    date_precision: str = "unknown"
    source_code: str | None = None
    source_country: str | None = None
    source_sector: str | None = None
    source_name: str | None = None
    target_code: str | None = None
    target_country: str | None = None
    target_sector: str | None = None
    target_name: str | None = None
    cameo_code: str | None = None
    cameo_root: str | None = None
    plover_type: str | None = None
    quad_class: int | None = None
    origin_quad_class: int | None = None
    goldstein: float | None = None
    confidence: float | None = None
    speculative: bool = False
    negated: bool = False
    doc_id: str | None = None
    sentence_id: int | None = None
    sentence: str | None = None
    spans: dict[str, Any] | None = None
    origin: str | None = None
    coder_version: str | None = None
    report_of: str | None = None
    event_id: str = field(default="")

    def __post_init__(self) -> None:
        if self.cameo_code and not self.cameo_root:
            self.cameo_root = self.cameo_code[:2]
        if self.date_precision not in DATE_PRECISIONS:
            raise ValueError(f"date_precision must be one of {DATE_PRECISIONS}, not {self.date_precision!r}")
        if not self.event_id:
            self.event_id = make_event_id(self.dataset, self.origin or self.doc_id or "", self._content_key())

    def _content_key(self) -> str:
        parts = [
            self.date or "",
            self.source_code or "",
            self.target_code or "",
            self.cameo_code or "",
            str(self.sentence_id if self.sentence_id is not None else ""),
            json.dumps(self.spans, sort_keys=True) if self.spans else "",
        ]
        return "|".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """The record as a plain dict in canonical field order (JSON-ready)."""
        raw = asdict(self)
        return {name: raw[name] for name in EVENT_FIELDS}

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


def make_event_id(dataset: str, origin: str, content: str) -> str:
    """A stable id: the same dataset, origin and content always give the same id."""
    h = hashlib.blake2b(f"{dataset}\x1f{origin}\x1f{content}".encode(), digest_size=12)
    return h.hexdigest()


def events_to_arrow(events: list[Event] | list[dict[str, Any]]) -> pa.Table:
    """Build an Arrow table with ``EVENT_SCHEMA`` from records or dicts."""
    rows = [e.to_dict() if isinstance(e, Event) else e for e in events]
    cols: dict[str, list[Any]] = {name: [] for name in EVENT_FIELDS}
    for row in rows:
        for name in EVENT_FIELDS:
            value = row.get(name)
            if name == "spans" and value is not None and not isinstance(value, str):
                value = json.dumps(value, separators=(",", ":"))
            cols[name].append(value)
    arrays = []
    for f in EVENT_SCHEMA:
        values = cols[f.name]
        if f.type == pa.date32():
            arrays.append(pa.array(values, type=pa.string()).cast(pa.date32()))
        else:
            arrays.append(pa.array(values, type=f.type))
    return pa.Table.from_arrays(arrays, schema=EVENT_SCHEMA)

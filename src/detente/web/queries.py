"""Store reads the dashboard needs beyond ``EventStore``'s own methods.

Only ``store.events*`` / ``store.count`` / ``store.relation`` and parameterised SQL
through ``store.con``: every value from a request is a bound parameter.
Candidates for ``detente.store`` if other layers need them.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import pandas as pd

from detente.errors import InputError
from detente.models import EVENT_FIELDS
from detente.store import EventFilter, EventStore

MAX_PER_PAGE = 500
#: Deepest row a page may start at: beyond it, sorting millions of rows to skip them costs seconds.
MAX_OFFSET = 10_000
ORDERS = {"date": "date NULLS LAST, rowid", "date desc": "date DESC NULLS LAST, rowid DESC"}
ROLES = ("event", "source", "target")  # priority when spans overlap


def events_page(store: EventStore, filt: EventFilter, *, page: int = 1, per_page: int = 50,
                order: str = "date", total: int | None = None) -> tuple[int, pd.DataFrame]:
    """One page of matching events and the total number that match.

    Ties on the date are broken by the row's position in the file (``rowid``), not by
    ``event_id`` as ``EventStore.events`` does: the same stable order for paging, at a
    fraction of the cost of comparing strings across millions of rows.
    """
    per_page = max(1, min(int(per_page), MAX_PER_PAGE))
    page = max(1, int(page))
    offset = (page - 1) * per_page
    if offset > MAX_OFFSET:
        raise InputError(f"page {page} starts beyond row {MAX_OFFSET:,}",
                         hint="narrow the filters (dates, actors, codes) or reverse the order")
    if order not in ORDERS:
        raise InputError(f"cannot order by {order!r}", hint="use date or 'date desc'")
    if total is None:
        total = store.count(filt)
    where, params = filt.where()
    sql = (f"SELECT {', '.join(EVENT_FIELDS)} FROM events WHERE {where} "
           f"ORDER BY {ORDERS[order]} LIMIT ? OFFSET ?")
    df = store.con.execute(sql, params + [per_page, offset]).df()
    return total, df


def event_by_id(store: EventStore, event_id: str) -> dict[str, Any] | None:
    cols = ", ".join(EVENT_FIELDS)
    cur = store.con.execute(f"SELECT {cols} FROM events WHERE event_id = ?", [event_id])
    row = cur.fetchone()
    if row is None:
        return None
    return record(dict(zip(EVENT_FIELDS, row)))


def countries(store: EventStore, limit: int = 400) -> list[dict[str, Any]]:
    """Countries seen on either side, most active first (for the actor pickers)."""
    rows = store.con.execute(
        """SELECT country, sum(n) AS events FROM (
               SELECT source_country AS country, count(*) AS n FROM events
               WHERE source_country IS NOT NULL GROUP BY 1
               UNION ALL
               SELECT target_country, count(*) FROM events
               WHERE target_country IS NOT NULL GROUP BY 1)
           GROUP BY country ORDER BY events DESC, country LIMIT ?""",
        [int(limit)],
    ).fetchall()
    return [{"country": c, "events": int(n)} for c, n in rows]


def document_events(store: EventStore, doc_id: str) -> pd.DataFrame:
    return store.events(EventFilter.build(doc_id=doc_id, include_negated=True), order="event_id")


# -- JSON-ready records -----------------------------------------------------------------

def plain(v: Any) -> Any:
    """A value JSON can carry: dates as ISO strings, NaN/NA as null, numpy scalars as Python."""
    if v is None:
        return None
    if v is pd.NaT or v is pd.NA:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat() if v == v.normalize() else v.isoformat()
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if hasattr(v, "item"):
        v = v.item()
        if isinstance(v, float) and math.isnan(v):
            return None
    return v


def record(rec: dict[str, Any]) -> dict[str, Any]:
    out = {k: plain(v) for k, v in rec.items()}
    spans = out.get("spans")
    if isinstance(spans, str):
        try:
            out["spans"] = json.loads(spans)
        except ValueError:
            out["spans"] = None
    return out


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return [record(r) for r in df.to_dict(orient="records")]


# -- evidence highlighting ----------------------------------------------------------

def _pairs(value: Any) -> list[tuple[int, int]]:
    """``[s, e]`` or ``[[s, e], ...]`` -> list of pairs; anything else -> []."""
    if not isinstance(value, (list, tuple)) or not value:
        return []
    if all(isinstance(x, (int, float)) for x in value) and len(value) == 2:
        return [(int(value[0]), int(value[1]))]
    out = []
    for item in value:
        if isinstance(item, (list, tuple)) and len(item) == 2 and all(isinstance(x, (int, float)) for x in item):
            out.append((int(item[0]), int(item[1])))
    return out


def segments(sentence: str | None, spans: Any) -> list[dict[str, Any]]:
    """Cut ``sentence`` into pieces marked ``source`` / ``event`` / ``target`` (or None).

    ``spans`` is one span dict or a list of them (several events on one sentence).
    Pieces are plain text: templates escape them, scripts set them as textContent.
    """
    if not sentence:
        return []
    n = len(sentence)
    roles: list[str | None] = [None] * n
    span_dicts = spans if isinstance(spans, list) else [spans]
    for role in reversed(ROLES):  # later writes win: event over source over target
        for sp in span_dicts:
            if isinstance(sp, str):
                try:
                    sp = json.loads(sp)
                except ValueError:
                    continue
            if not isinstance(sp, dict):
                continue
            for s, e in _pairs(sp.get(role)):
                for i in range(max(0, s), min(n, e)):
                    roles[i] = role
    out: list[dict[str, Any]] = []
    start = 0
    for i in range(1, n + 1):
        if i == n or roles[i] != roles[start]:
            out.append({"text": sentence[start:i], "role": roles[start]})
            start = i
    return out


def locate_sentences(text: str, by_sentence: dict[Any, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Cut a document into plain stretches and coded sentences (found by their text, in order).

    Used when the store has no sentence rows for the document; coded sentences that
    cannot be found in the text are listed after it.
    """
    ordered = sorted(by_sentence.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))
    out: list[dict[str, Any]] = []
    missing = []
    pos = 0
    for sid, evs in ordered:
        sentence = evs[0].get("sentence") or ""
        at = text.find(sentence, pos) if sentence else -1
        if at < 0:
            missing.append((sid, sentence, evs))
            continue
        if at > pos:
            out.append({"sentence_id": None, "text": text[pos:at], "events": [],
                        "segments": [{"text": text[pos:at], "role": None}]})
        out.append({"sentence_id": sid, "text": sentence, "events": evs,
                    "segments": segments(sentence, [e.get("spans") for e in evs if e.get("sentence") == sentence])})
        pos = at + len(sentence)
    if pos < len(text):
        out.append({"sentence_id": None, "text": text[pos:], "events": [],
                    "segments": [{"text": text[pos:], "role": None}]})
    for sid, sentence, evs in missing:
        out.append({"sentence_id": sid, "text": sentence, "events": evs,
                    "segments": segments(sentence, [e.get("spans") for e in evs])})
    return out

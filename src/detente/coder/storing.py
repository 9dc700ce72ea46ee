"""Keeping coded text with its evidence: documents, sentences and events go to the store together.

The store (``detente.store.EventStore``) owns the SQL; this module only shapes
the rows. Writes are batched so a streamed corpus is stored with flat memory.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from detente.models import Event


def doc_id_for(text: str) -> str:
    """A stable id for a document that came without one (hash of its text)."""
    return "doc-" + hashlib.blake2b(text.encode("utf-8", errors="replace"), digest_size=8).hexdigest()


@dataclass
class StoreSummary:
    documents: int = 0
    sentences: int = 0
    events: int = 0
    duplicates: int = 0


def store_coded(store: Any, *, text: str, date: str | dt.date | None, doc_id: str | None, events: list[Event],
                sentences: list[dict[str, Any]] | None = None, title: str | None = None,
                source: str | None = None) -> StoreSummary:
    """Store one coded document: the text, its sentences (when given) and its events."""
    did = doc_id or (events[0].doc_id if events else None) or doc_id_for(text)
    summary = StoreSummary()
    summary.documents = store.insert_documents([{"doc_id": did, "text": text, "date": str(date) if date else None,
                                                 "title": title, "source": source}])
    if sentences:
        summary.sentences = store.insert_sentences(sentences)
    if events:
        res = store.insert_events(events)
        summary.events, summary.duplicates = res.stored, res.duplicates
    return summary


def store_stream(store: Any, coded: Iterable[tuple[str | None, list[Event], list[dict[str, Any]]]],
                 documents: dict[str, dict[str, Any]], batch: int = 500) -> Iterator[StoreSummary]:
    """Write ``Coder.code_docs`` output in batches; yields a running summary after each batch.

    ``documents`` maps doc_id -> the input row (text, date, title, source); entries
    are removed once stored, so the map stays small while streaming.
    """
    total = StoreSummary()
    docs, sents, events = [], [], []

    def flush() -> None:
        if docs:
            total.documents += store.insert_documents(docs)
        if sents:
            total.sentences += store.insert_sentences(sents)
        if events:
            res = store.insert_events(events)
            total.events += res.stored
            total.duplicates += res.duplicates
        docs.clear()
        sents.clear()
        events.clear()

    for doc_id, evs, ss in coded:
        row = documents.pop(str(doc_id), None) or {}
        docs.append({"doc_id": doc_id, "text": row.get("text"), "date": row.get("date"),
                     "title": row.get("title"), "source": row.get("source")})
        sents.extend(ss)
        events.extend(evs)
        if len(docs) >= batch:
            flush()
            yield total
    flush()
    yield total

"""One event, many reports: link repeated reports of the same event.

Two events are reports of one when they have the same source and target codes,
the same CAMEO root ("code family"), and dates no more than ``window_days``
apart. Events without a date are only linked inside the same document. The
first report keeps ``report_of = None``; later ones point at its event_id.
Memory is bounded (least recently seen keys are forgotten), so a streamed
corpus does not grow the index without limit.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict

from detente.models import Event


class ReportLinker:
    def __init__(self, window_days: int = 3, max_keys: int = 200_000, per_key: int = 8) -> None:
        self.window = window_days
        self.max_keys = max_keys
        self.per_key = per_key
        self._seen: OrderedDict[tuple, list[tuple[int | None, str | None, str]]] = OrderedDict()

    def link(self, event: Event) -> None:
        if not event.source_code or not event.target_code or not event.cameo_root:
            return
        key = (event.source_code, event.target_code, event.cameo_root)
        day = dt.date.fromisoformat(event.date).toordinal() if event.date else None
        prior = self._seen.get(key)
        if prior is not None:
            self._seen.move_to_end(key)
            for pday, pdoc, pid in prior:
                if pid == event.event_id:
                    return
                if day is None or pday is None:
                    if day is None and pday is None and pdoc == event.doc_id:
                        event.report_of = pid
                        return
                    continue
                if abs(day - pday) <= self.window:
                    event.report_of = pid
                    return
        else:
            prior = self._seen[key] = []
            if len(self._seen) > self.max_keys:
                self._seen.popitem(last=False)
        prior.append((day, event.doc_id, event.event_id))
        if len(prior) > self.per_key:
            del prior[0]

    def link_all(self, events: list[Event]) -> list[Event]:
        for e in events:
            self.link(e)
        return events

"""The web tests' data: a small event store written here, and a fake coder (no spaCy)."""

from __future__ import annotations

import datetime as dt

from detente.models import Event

EVIL = 'Officials said <script>alert("x")</script> Russia & Pakistan signed a deal.'


def _ev(i: int, date: str, src: str, tgt: str, cameo: str, quad: int, gold: float, sentence: str | None = None,
        spans: dict | None = None, doc_id: str | None = None, sentence_id: int | None = None, dataset: str = "text",
        origin: str | None = None) -> Event:
    return Event(dataset=dataset, date=date, date_precision="day", source_code=src, source_country=src[:3],
                 source_name=f"{src} name", target_code=tgt, target_country=tgt[:3], target_name=f"{tgt} name",
                 cameo_code=cameo, plover_type="COOPERATE" if quad <= 2 else "ACCUSE", quad_class=quad,
                 goldstein=gold, sentence=sentence, spans=spans, doc_id=doc_id, sentence_id=sentence_id,
                 origin=origin or f"fixture.csv:{i}")


def build_events() -> list[Event]:
    events = []
    start = dt.date(2014, 1, 1)
    i = 0
    # 24 months of PAK-RUS: conflict in the first year, cooperation in the second (a change point).
    for m in range(24):
        d = (start.replace(year=2014 + m // 12, month=m % 12 + 1, day=10)).isoformat()
        for k in range(3):
            i += 1
            coop = m >= 12
            src, tgt = ("RUS", "PAK") if k % 2 else ("PAK", "RUS")
            sentence = f"In month {m} {src} and {tgt} talked (report {k})."
            spans = {"source": [sentence.index(src), sentence.index(src) + 3], "event": [sentence.index("talked"), sentence.index("talked") + 6],
                     "target": [sentence.index(tgt, sentence.index(src) + 3), sentence.index(tgt, sentence.index(src) + 3) + 3]}
            events.append(_ev(i, d, src, tgt, "057" if coop else "112", 1 if coop else 3, 4.0 if coop else -2.0,
                              sentence, spans, doc_id=None))
    # Other pairs for the search and network.
    for j, (s, t, q) in enumerate([("IND", "PAK", 4), ("USA", "IND", 1), ("CHN", "PAK", 2), ("IND", "USA", 2),
                                   ("CHN", "IND", 3), ("RUS", "IND", 1)]):
        events.append(_ev(1000 + j, f"2015-0{j + 1}-15", s, t, "190" if q == 4 else "042", q, -10.0 if q == 4 else 1.9,
                          dataset="gdelt2", origin=f"gdelt/2015.csv:{j}"))
    # One coded document whose text carries markup.
    s_start = EVIL.index("Russia")
    spans = {"source": [s_start, s_start + 6], "event": [EVIL.index("signed"), EVIL.index("signed") + 6],
             "target": [EVIL.index("Pakistan"), EVIL.index("Pakistan") + 8]}
    events.append(_ev(2000, "2016-05-01", "RUS", "PAK", "057", 1, 8.0, EVIL, spans, doc_id="doc-evil", sentence_id=0))
    return events


class FakeCoder:
    """Codes "X praised Y" sentences; enough to exercise the API without spaCy."""

    version = "fake-coder 0"

    def __init__(self) -> None:
        self.calls = 0

    def code(self, text: str, date=None, doc_id=None) -> list[Event]:
        self.calls += 1
        out = []
        for sid, sentence in enumerate(s.strip() + "." for s in text.split(".") if s.strip()):
            words = sentence.rstrip(".").split()
            if len(words) >= 3 and words[1] == "praised":
                src, tgt = words[0].upper()[:3], words[2].upper()[:3]
                a = sentence.index(words[0])
                e = sentence.index("praised")
                t = sentence.index(words[2], e)
                out.append(Event(dataset="text", date=date, date_precision="day" if date else "unknown",
                                 source_code=src, source_country=src, target_code=tgt, target_country=tgt,
                                 cameo_code="051", plover_type="COOPERATE", quad_class=1, goldstein=3.4,
                                 doc_id=doc_id, sentence_id=sid, sentence=sentence,
                                 spans={"source": [a, a + len(words[0])], "event": [e, e + 7], "target": [t, t + len(words[2])]},
                                 coder_version=self.version))
        return out

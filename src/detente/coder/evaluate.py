"""Scoring the coder against gold files.

Two gold formats:

* ``plv``: the tab-separated layout of the Zero-Shot-PLOVER data
  (``sentence_id``, ``sentence``, ``marked_sentence`` with ``<s>..</s>`` around
  the source and ``<t>..</t>`` around the target, ``gold_root`` the PLOVER type).
  Gold has spans, not codes. A predicted event **matches a gold pair** when its
  source span overlaps the gold source span and its target span overlaps the
  gold target span (character offsets in the sentence; touching is not
  overlapping). CONCEDE and RETREAT count as YIELD, the older name the file uses.
* ``jsonl``: detente's own, one document per line:
  ``{"id", "text", "date"?, "events": [{"source", "target", "cameo"?, "plover",
  "negated"?, "speculative"?}]}``. Gold has codes; a predicted event matches a
  gold event when source and target codes are equal.

Scores (see docs/coder.md): triple precision = predicted events matching a gold
(pair, type) / predicted events, where a gold event whose source or target span
holds coordinated actors ("<s>Chile and Peru</s> ...") is one triple per actor,
so each distinct predicted pair inside its spans counts once (duplicates of one
pair count once); the strict variant (``precision_strict``, ``f1_strict``) lets
each gold event match one prediction only; triple recall = gold triples matched
/ gold triples; F1; type accuracy = right type among gold pairs that were found;
actor accuracy (jsonl) = both codes right among gold events whose type was
found in the same document; a confusion table of gold vs predicted type.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detente.errors import InputError, UnknownFormat

PLOVER_ALIASES = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}


def norm_type(t: str | None) -> str | None:
    if t is None:
        return None
    t = t.strip().upper()
    return PLOVER_ALIASES.get(t, t)


@dataclass
class GoldEvent:
    source: str | None = None  # code (jsonl)
    target: str | None = None
    plover: str | None = None
    cameo: str | None = None
    negated: bool = False
    speculative: bool = False
    source_span: tuple[int, int] | None = None  # (plv)
    target_span: tuple[int, int] | None = None


@dataclass
class GoldDoc:
    id: str
    text: str
    date: str | None
    events: list[GoldEvent] = field(default_factory=list)


_MARK = re.compile(r"</?[st]>")


def _spans_from_marked(marked: str):
    """Plain text and the source/target spans of a marked sentence.

    A role may be marked more than once ("<s>Pakistan</s> refused ... <s>Pakistan</s>'s
    minister said"); the span is then a tuple of spans and any of them counts.
    """
    out, pos, spans, opened = [], 0, {"s": [], "t": []}, {}
    for m in re.finditer(r"<(/?)([st])>", marked):
        out.append(marked[pos:m.start()])
        length = sum(len(p) for p in out)
        if m.group(1):
            spans[m.group(2)].append((opened.get(m.group(2), length), length))
        else:
            opened[m.group(2)] = length
        pos = m.end()
    out.append(marked[pos:])

    def one(v):
        return None if not v else (v[0] if len(v) == 1 else tuple(v))

    return "".join(out), one(spans["s"]), one(spans["t"])


def read_plv(path: str | Path) -> list[GoldDoc]:
    p = Path(path)
    if not p.exists():
        raise InputError(f"gold file not found: {p}")
    docs: dict[str, GoldDoc] = {}
    with p.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        need = {"sentence_id", "marked_sentence", "gold_root"}
        if not reader.fieldnames or not need <= set(reader.fieldnames):
            raise UnknownFormat(f"{p.name} is not a PLV gold file (needs columns {', '.join(sorted(need))})",
                                hint="use --format jsonl for detente's own gold format")
        for row in reader:
            text, s, t = _spans_from_marked(row["marked_sentence"])
            sid = str(row["sentence_id"])
            doc = docs.setdefault(sid, GoldDoc(id=sid, text=text, date=None))
            doc.events.append(GoldEvent(plover=norm_type(row["gold_root"]), source_span=s, target_span=t))
    return list(docs.values())


def read_jsonl_gold(path: str | Path) -> list[GoldDoc]:
    p = Path(path)
    if not p.exists():
        raise InputError(f"gold file not found: {p}")
    out = []
    with p.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                events = [GoldEvent(source=e.get("source"), target=e.get("target"), plover=norm_type(e.get("plover")),
                                    cameo=e.get("cameo"), negated=bool(e.get("negated", False)),
                                    speculative=bool(e.get("speculative", False))) for e in obj.get("events", [])]
                out.append(GoldDoc(id=str(obj.get("id", n)), text=obj["text"], date=obj.get("date"), events=events))
            except (json.JSONDecodeError, KeyError, AttributeError, TypeError) as exc:
                raise UnknownFormat(f"{p.name} line {n}: not a gold record ({exc})",
                                    hint='each line needs {"id", "text", "events": [...]}') from None
    return out


def read_gold(path: str | Path, fmt: str | None = None) -> tuple[list[GoldDoc], str]:
    if fmt is None:
        fmt = "plv" if str(path).endswith((".tsv", ".plv")) else "jsonl"
    if fmt == "plv":
        return read_plv(path), fmt
    if fmt == "jsonl":
        return read_jsonl_gold(path), fmt
    raise UnknownFormat(f"unknown gold format {fmt!r}", hint="use plv or jsonl")


def _overlap(a, b) -> bool:
    if a is None or b is None:
        return False
    if b and isinstance(b[0], tuple):  # several marked spans: any one
        return any(_overlap(a, x) for x in b)
    return a[0] < b[1] and b[0] < a[1]


# the scores ``Score.as_dict`` gives, in the order tables show them
MEASURES = ("documents", "gold_events", "predicted_events", "precision", "recall", "f1", "precision_strict",
            "f1_strict", "pair_recall", "type_accuracy", "actor_accuracy")


@dataclass
class Score:
    n_docs: int = 0
    n_gold: int = 0
    n_pred: int = 0
    tp_pred: int = 0  # predicted events matching a gold triple (each coordinated actor its own triple)
    tp_pred_strict: int = 0  # the same with at most one prediction per gold event
    tp_gold: int = 0  # gold triples found with the right type
    pairs_found: int = 0  # gold pairs found, any type
    type_right: int = 0
    actor_checked: int = 0
    actor_right: int = 0
    confusion: Counter = field(default_factory=Counter)

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def precision_strict(self) -> float:
        return self.tp_pred_strict / self.n_pred if self.n_pred else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def f1_strict(self) -> float:
        return _f1(self.precision_strict, self.recall)

    @property
    def type_accuracy(self) -> float:
        return self.type_right / self.pairs_found if self.pairs_found else 0.0

    @property
    def pair_recall(self) -> float:
        return self.pairs_found / self.n_gold if self.n_gold else 0.0

    @property
    def actor_accuracy(self) -> float | None:
        return self.actor_right / self.actor_checked if self.actor_checked else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.n_docs, "gold_events": self.n_gold, "predicted_events": self.n_pred,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
            "pair_recall": round(self.pair_recall, 4), "type_accuracy": round(self.type_accuracy, 4),
            "actor_accuracy": None if self.actor_accuracy is None else round(self.actor_accuracy, 4),
            "precision_strict": round(self.precision_strict, 4), "f1_strict": round(self.f1_strict, 4),
        }

    def confusion_rows(self) -> list[tuple[str, str, int]]:
        return sorted(((g, p, n) for (g, p), n in self.confusion.items()), key=lambda r: (-r[2], r[0], r[1]))


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _pred_type(e) -> str | None:
    return norm_type(e.plover_type)


def _doc_spans(e, text: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """An event's source and target spans as offsets in the whole gold text: event spans are
    relative to their sentence, and the parser may cut one gold "sentence" in two ("NAIROBI: ...")."""
    off = 0
    sent = getattr(e, "sentence", None)
    if sent:
        found = text.find(sent)
        off = found if found >= 0 else 0
    (s0, s1), (t0, t1) = e.spans["source"], e.spans["target"]
    return (s0 + off, s1 + off), (t0 + off, t1 + off)


def score_doc(score: Score, gold: GoldDoc, predicted: list, fmt: str) -> None:
    score.n_docs += 1
    score.n_gold += len(gold.events)
    preds = [e for e in predicted if e.plover_type]
    score.n_pred += len(preds)
    used_pred: set[int] = set()  # at most one prediction per gold event
    counted: set[int] = set()  # plv: every distinct pair inside a gold event's spans
    spans = [_doc_spans(e, gold.text) for e in preds] if fmt == "plv" else []
    for g in gold.events:
        if fmt == "plv":
            pair = [i for i, (src, tgt) in enumerate(spans) if _overlap(src, g.source_span) and _overlap(tgt, g.target_span)]
        else:
            pair = [i for i, e in enumerate(preds) if e.source_code == g.source and e.target_code == g.target]
        if fmt == "jsonl":
            typed = [e for e in preds if _pred_type(e) == g.plover]
            if typed:
                score.actor_checked += 1
                if any(e.source_code == g.source and e.target_code == g.target for e in typed):
                    score.actor_right += 1
        if not pair:
            score.confusion[(g.plover or "?", "(none)")] += 1
            continue
        score.pairs_found += 1
        right = [i for i in pair if _pred_type(preds[i]) == g.plover]
        best = max(pair, key=lambda i: preds[i].confidence or 0)
        chosen = right[0] if right else best
        score.confusion[(g.plover or "?", _pred_type(preds[chosen]) or "?")] += 1
        if right:
            score.type_right += 1
            score.tp_gold += 1
            fresh = [i for i in right if i not in used_pred]
            if fresh:
                used_pred.add(fresh[0])
            if fmt == "plv":
                _count_distinct_pairs(right, spans, counted)
    score.tp_pred_strict += len(used_pred)
    # with codes (jsonl) an equal pair of codes is the same triple: both rules agree
    score.tp_pred += len(counted) if fmt == "plv" else len(used_pred)


def _count_distinct_pairs(right: list[int], spans: list, counted: set[int]) -> None:
    """Add to ``counted`` the predictions in ``right`` (all matching one gold event) that are
    pairs of their own: gold marks coordinated actors as one span ("<s>Chile and Peru</s>
    protested ..."), where the coder gives one event per actor, each a right triple. A
    prediction whose source and target both overlap those of one counted for this gold
    event is the same pair again and is not counted."""
    mine: list[int] = []
    for i in right:
        if not any(_overlap(spans[i][0], spans[j][0]) and _overlap(spans[i][1], spans[j][1]) for j in mine):
            mine.append(i)
            counted.add(i)


def evaluate(gold_docs: Iterable[GoldDoc], code: Callable[[str, str | None, str], list], fmt: str,
             progress: Callable[[int], None] | None = None) -> Score:
    """Code each gold document with ``code(text, date, doc_id)`` and score it."""
    score = Score()
    for gold in gold_docs:
        score_doc(score, gold, code(gold.text, gold.date, gold.id), fmt)
        if progress:
            progress(1)
    return score


def evaluate_with_coder(gold_docs: list[GoldDoc], coder, fmt: str, n_process: int = 1,
                        progress: Callable[[int], None] | None = None) -> Score:
    """Same as :func:`evaluate`, streaming the documents through ``coder.code_docs``."""
    score = Score()
    by_id = {g.id: g for g in gold_docs}
    saved = coder.linker
    coder.linker = None  # report linking does not change triples; keep runs independent
    try:
        docs: Iterator[dict] = ({"id": g.id, "text": g.text, "date": g.date} for g in gold_docs)
        for doc_id, events, _ in coder.code_docs(docs, n_process=n_process):
            score_doc(score, by_id[doc_id], events, fmt)
            if progress:
                progress(1)
    finally:
        coder.linker = saved
    return score


def split_plv(docs: list[GoldDoc], dev_share: float = 0.3) -> tuple[list[GoldDoc], list[GoldDoc]]:
    """Deterministic DEV/TEST split by a hash of the sentence id (DEV ~30%)."""
    import hashlib

    dev, test = [], []
    for d in docs:
        h = int(hashlib.blake2b(f"detente-split:{d.id}".encode(), digest_size=4).hexdigest(), 16) % 1000
        (dev if h < dev_share * 1000 else test).append(d)
    return dev, test

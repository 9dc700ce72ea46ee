"""``detente_dates_v1``: date expressions in each sentence, resolved to ISO dates.

Reads the document date from ``doc.user_data["detente_doc_date"]`` (ISO string
or absent), or from the ``nlp.pipe(as_tuples=True)`` context that ``Coder.code_docs``
sends along (spaCy 3.8 sets it on the Doc as ``doc._context`` in each worker) and writes ``doc.user_data["detente_dates"]``: a list of
``[start_token, end_token, iso, precision, anchor_token]``. The anchor is the
verb the expression hangs from, so an event takes the date of its own clause.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc

from detente.coder.dates import resolve_expression

DOC_DATE_KEY = "detente_doc_date"
DATES_KEY = "detente_dates"

_RELATIVE = re.compile(
    r"\b(yesterday|today|tonight|last night|recently|lately|"
    r"(last|past|previous|this|next|earlier this|later this)\s+(week|month|year)|"
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
    re.IGNORECASE,
)
_AGO = re.compile(r"\b(\w+)\s+(day|week|month|year)s?\s+ago\b", re.IGNORECASE)


def anchor_verb(tok):
    """The nearest verb at or above ``tok`` in the parse (the sentence root if none); for a date that
    modifies a noun ("rejected the 2016 ruling", "the October 7 attacks"), that noun: it dates the thing."""
    if tok.dep_ in ("compound", "nmod", "amod", "nummod", "poss") and tok.head.pos_ in ("NOUN", "PROPN") \
            and tok.head.i != tok.i:
        return tok.head
    seen = 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and seen < 50:
        tok = tok.head
        seen += 1
    return tok


class DateResolver:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        ctx = getattr(doc, "_context", None)  # (key, offset, last, date) from Coder.code_docs
        if isinstance(ctx, tuple) and len(ctx) == 4 and ctx[3] and DOC_DATE_KEY not in doc.user_data:
            doc.user_data[DOC_DATE_KEY] = ctx[3]
        raw = doc.user_data.get(DOC_DATE_KEY)
        doc_date = dt.date.fromisoformat(raw) if raw else None
        found: list[list] = []
        covered: set[int] = set()
        for ent in doc.ents:
            if ent.label_ != "DATE":
                continue
            res = resolve_expression(ent.text, doc_date)
            if res:
                found.append([ent.start, ent.end, res[0], res[1], anchor_verb(ent.root).i])
                covered.update(range(ent.start, ent.end))
        # The statistical NER misses some relative words ("recently", "Monday").
        text = doc.text
        for rx in (_AGO, _RELATIVE):
            for m in rx.finditer(text):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is None or any(i in covered for i in range(span.start, span.end)):
                    continue
                res = resolve_expression(m.group(0), doc_date)
                if res:
                    found.append([span.start, span.end, res[0], res[1], anchor_verb(span.root).i])
                    covered.update(range(span.start, span.end))
        doc.user_data[DATES_KEY] = found
        return doc


@Language.factory("detente_dates_v1", requires=["doc.ents", "token.dep"], assigns=["doc.user_data"])
def make_date_resolver(nlp: Language, name: str) -> DateResolver:
    return DateResolver(nlp, name)

"""``detente_actors_v1``: find the words that may name an actor.

Dictionary phrases (a PhraseMatcher over ``ActorDictionary.entries()``, matched
on lower-cased text) and spaCy's named entities (GPE, NORP, ORG, PERSON) become
``doc.spans["detente_actors"]``. Resolving a mention to a code needs the event's
date, so it happens later (``detente_resolve_v1``); this component only marks
the candidates that the event extractor treats as actor-like.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

SPAN_KEY = "detente_actors"
NER_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
# Lower-case tokens that spell an actor phrase but are ordinary words here ("us", "chad").
_FUNCTION_POS = frozenset({"PRON", "ADP", "DET", "AUX", "CCONJ", "SCONJ", "PART", "ADV", "VERB", "NUM", "INTJ"})


class ActorRecognizer:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.n_phrases = 0
        self.acronyms: dict[str, set[str]] = {}

    def set_actors(self, actors: Any, nlp: Language) -> None:
        """Build the matcher from an ``ActorDictionary`` (or anything with ``.entries()``)."""
        entries = [e for e in actors.entries() if e.phrase and e.phrase.strip()]
        phrases = sorted({e.phrase for e in entries})
        # Acronyms ("UN", "WHO", "US") match only in their exact case, as a token of
        # their own: "Un" in "Kim Jong Un" is not the United Nations. A lower-case
        # form that some non-acronym entry also spells stays matchable.
        plain = {e.phrase.lower() for e in entries if not e.acronym}
        self.acronyms: dict[str, set[str]] = {}
        for e in entries:
            if e.acronym and e.phrase.lower() not in plain:
                self.acronyms.setdefault(e.phrase.lower(), set()).add(e.phrase)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        # make_doc keeps tokenisation identical to the text's, so multi-word
        # phrases ("Prime Minister", "Saudi Arabia") line up with it.
        self.matcher.add("ACTOR", list(nlp.tokenizer.pipe(phrases)))
        self.n_phrases = len(phrases)

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for _, start, end in self.matcher(doc):
            if end - start == 1:
                tok = doc[start]
                if tok.is_lower and tok.pos_ in _FUNCTION_POS:
                    continue
                if tok.is_stop and tok.is_lower:
                    continue
            forms = self.acronyms.get(doc[start:end].text.lower())
            if forms is not None and doc[start:end].text not in forms:
                continue
            spans.append(Span(doc, start, end, label="DICT"))
        for ent in doc.ents:
            if ent.label_ in NER_LABELS:
                spans.append(Span(doc, ent.start, ent.end, label=ent.label_))
        doc.spans[SPAN_KEY] = filter_spans(spans)
        return doc


@Language.factory(
    "detente_actors_v1",
    requires=["token.pos", "doc.ents"],
    assigns=["doc.spans"],
)
def make_actor_recognizer(nlp: Language, name: str) -> ActorRecognizer:
    return ActorRecognizer(nlp, name)

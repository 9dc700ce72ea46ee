"""Parses the small English model sometimes gets wrong, pinned with the wrong parse written out by hand.

Each test parses its own sentence with the model, moves a few tokens to where the model is known to put them
on some sentences, and runs detente's components on that parse: the rule is tested whatever the model does
with this particular sentence.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc


def _code_misparsed(coder, text: str, moves: dict[str, tuple[str, str]]) -> list[tuple]:
    """``moves``: word -> (word it should hang on, dependency label), as the model gets it wrong."""
    nlp = coder.nlp
    ours = [n for n in nlp.pipe_names if n.startswith("detente")]
    with nlp.select_pipes(disable=ours):
        doc = nlp(text)
    index = {t.text: t.i for t in doc}
    heads = [t.head.i for t in doc]
    deps = [t.dep_ for t in doc]
    for word, (head, dep) in moves.items():
        heads[index[word]] = index[head]
        deps[index[word]] = dep
    ents = [f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O" for t in doc]
    fixed = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
                tags=[t.tag_ for t in doc], pos=[t.pos_ for t in doc], lemmas=[t.lemma_ for t in doc],
                heads=heads, deps=deps, ents=ents)
    for name in ours:
        fixed = nlp.get_pipe(name)(fixed)
    return [(e["source_code"], e["target_code"], e["plover_type"]) for e in fixed.user_data["detente_events"]]


@pytest.mark.parametrize("dep", ["conj", "appos"])
def test_subject_parsed_into_the_fronted_phrase(coder, dep):
    # "During a stopover in Dakar, Kenyan envoy Amina Mohamed ...": the subject hung on "Dakar"
    events = _code_misparsed(coder, "During a stopover in Dakar, Kenyan envoy Amina Mohamed voiced firm backing for "
                                    "the Gambian cabinet.", {"Mohamed": ("Dakar", dep), ",": ("Dakar", "punct"),
                                                           "envoy": ("Mohamed", "compound"),
                                                           "Amina": ("Mohamed", "compound")})
    assert events == [("KENGOV", "GMBGOV", "SUPPORT")]


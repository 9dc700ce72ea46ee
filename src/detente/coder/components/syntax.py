"""Small questions about a token in the dependency parse, shared by the event extractor.

"Is this a reduced passive?", "who owns this noun?", "is this preposition's phrase a
place of harm?": each helper reads the parse around one token and the word lists.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from detente.coder.components.wordlists import (
    AFFLICTION_NOUNS,
    AGREEMENT_NOUNS,
    BREAK_VERBS,
    BROKER_VERBS,
    CHANNEL_NOUNS,
    DECLARE_VERBS,
    ELECTION_NOUNS,
    HARM_NOUNS,
    HARM_PLACE_PREPS,
    JUDGE_VERBS,
    PRONOUNS,
    QUANTITY_NOUNS,
    SPORT_EVENTS,
    SPORTS,
    STRUGGLE_VERBS,
    TARGET_PREPS,
    TERMS_NOUNS,
    TOPIC_VERBS,
)


def is_topic(t: Token) -> bool:
    return t.dep_ == "dobj" and t.head.lemma_.lower() in TOPIC_VERBS


def through_quantity(tok: Token) -> Token:
    """"dozens of activists" -> activists."""
    if tok.ent_type_ in ("CARDINAL", "QUANTITY") or tok.lemma_.lower() in QUANTITY_NOUNS:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for g in c.children:
                    if g.dep_ == "pobj" and not (g.pos_ == "NUM" or g.like_num):
                        return g  # (not "the Group of Seven": a name)
    return tok


def through_honorific(tok: Token) -> Token:
    """"His Highness Sheikh Mohamed bin Zayed": the name the parse hangs on the form of address."""
    if tok.lower_ in ("highness", "majesty", "excellency", "holiness"):
        for c in tok.children:
            if c.dep_ == "appos" and c.pos_ == "PROPN":
                return c
    return tok


def pcomp_objects(g: Token) -> list[tuple[int, Token]]:
    """Objects of the prepositions under a gerund complement ("on supplying weapons **to Pakistan**")."""
    out = []
    for c in g.children:
        if c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
            out.extend((c.i, gg) for gg in c.children if gg.dep_ == "pobj")
    return out


def owners(noun: Token) -> list[Token]:
    """Who a non-actor noun belongs to: its possessor ("Trump's plan") or its passive
    agent ("the resolution proposed by China")."""
    out = []
    for c in noun.children:
        if c.dep_ == "poss" and not is_pron(c):
            out.append(c)
        elif c.dep_ == "acl" and c.tag_ == "VBN":
            out.extend(gg for g in c.children if g.dep_ == "agent" for gg in g.children if gg.dep_ == "pobj")
    return out


def reduced_passive(verb: Token) -> bool:
    """ "the sailors captured in the Gulf": a past participle modifying a noun, a passive without "be"."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN") \
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and not main_verb_on_noun(verb)


def main_verb_on_noun(verb: Token) -> bool:
    """"300 rebels handed over their weapons": the sentence's verb, which the parse hangs on its subject noun as
    a modifier (the sentence's root), a finite past tense or a participle with an object of its own (not "the
    sailors captured in the Gulf", whose participle has none)."""
    root = verb.sent.root
    return verb.dep_ in ("acl", "relcl") and verb.head.i == root.i and root.pos_ in ("NOUN", "PROPN") \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "auxpass") for c in verb.children) and (
            verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(c.dep_ == "dobj" for c in verb.children)))


def merge_cues(into: dict[str, int], more: dict[str, int]) -> None:
    for lemma, depth in more.items():
        into[lemma] = min(depth, into.get(lemma, depth))


def common_adjective(t: Token) -> bool:
    """"a general strike", "chief concern": a title the dictionary knows, used as a plain adjective."""
    return t.pos_ == "ADJ" and t.is_lower and not t.ent_type_ and t.lemma_.lower() in ("general", "chief", "major")


def subject_in_fronted(c: Token, verb: Token) -> Token | None:
    """"On a visit to Chile, Peru's president praised ...": the parse makes the subject a conjunct of the
    fronted phrase's object or an apposition to it (after a comma, with no "and", right before the verb that
    has no subject)."""
    if c.dep_ != "prep" or c.head.i != verb.i or c.i > verb.i or any(
            x.dep_ in ("nsubj", "nsubjpass") for x in verb.children):
        return None
    for t in c.subtree:
        if t.dep_ in ("conj", "appos") and t.pos_ in ("PROPN", "NOUN") and t.right_edge.i == verb.i - 1 \
                and t.left_edge.i > 0 and verb.doc[t.left_edge.i - 1].text == "," \
                and not any(x.dep_ == "cc" for x in t.head.children):
            return t
    return None


def is_fronted(c: Token, verb: Token) -> bool:
    """A prepositional phrase put before the verb's subject ("On a visit to X, Y ...", "With the approval of
    the cabinet, Y ..."): it sets the scene, it does not name the receiver."""
    if subject_in_fronted(c, verb) is not None:
        return True
    return c.dep_ == "prep" and c.head.i == verb.i and c.i < verb.i and any(
        (x.dep_ == "nsubj" or (x.dep_ in ("advmod", "npadvmod") and x.is_upper and x.is_alpha and len(x.text) >= 3))
        and c.i < x.i for x in verb.children)  # (a capitalised name the parse took for an adverb: "USAID")


def is_infinitive(verb: Token) -> bool:
    """A "to" infinitive ("to leave", "to complain about ...")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def harm_place(prep: Token, verb: Token) -> bool:
    """"condemned the bombing in Kabul": a phrase placing a harm that ``verb`` judges; where the harm
    happened is no one judged."""
    return prep.dep_ == "prep" and prep.lower_ in HARM_PLACE_PREPS and prep.head.lemma_.lower() in HARM_NOUNS \
        and verb.lemma_.lower() in JUDGE_VERBS


def prep_with(prep: Token, words: tuple[str, ...], objects: tuple[str, ...]) -> bool:
    """A preposition among ``words`` whose object's lemma is among ``objects``."""
    return prep.dep_ == "prep" and prep.lower_ in words and any(
        g.dep_ == "pobj" and g.lemma_.lower() in objects for g in prep.children)


def on_sidelines(prep: Token) -> bool:
    """"on the sidelines of the NATO summit", "on the margins of the talks": where, not with whom."""
    return prep_with(prep, ("on", "at"), ("sideline", "sidelines", "margin", "fringe"))


def on_channel(prep: Token) -> bool:
    """"lashed out at X on social media", "said in a television interview": how it was said, not to whom."""
    return prep_with(prep, ("on", "in", "during", "via"), CHANNEL_NOUNS)


def under_terms(prep: Token) -> bool:
    """"pulled out of the villages under a ceasefire deal", "under a UN resolution": the terms an act follows,
    not what it is done to."""
    return prep_with(prep, ("under",), TERMS_NOUNS)


def fights_a_problem(verb: Token) -> bool:
    """"to fight the cholera outbreak", "combat poaching": a verb of struggle whose object is a problem or a kind
    of crime, not an enemy."""
    return verb.lemma_.lower() in STRUGGLE_VERBS and any(
        c.dep_ in ("dobj", "xcomp") and (c.lemma_.lower() in AFFLICTION_NOUNS or c.lower_ in AFFLICTION_NOUNS or any(
            g.dep_ == "compound" and g.lemma_.lower() in AFFLICTION_NOUNS for g in c.children))
        for c in verb.children)


_SCORE = re.compile(r"\b\d{1,2}\s*[-\u2013]\s*\d{1,2}\b")
_RESULT_VERBS = frozenset({"beat", "defeat", "thrash", "edge", "rout", "draw", "tie", "lose", "win", "knock",
                           "eliminate", "whitewash", "crush", "stun", "overpower", "outclass"})
_MARGIN_NOUNS = frozenset({"wicket", "run", "goal", "point", "stroke", "set", "vote"})
_CONTESTS = SPORT_EVENTS | SPORTS | ELECTION_NOUNS


def contest_result(verb: Token) -> bool:
    """"Brazil beat Argentina 2-1 in the qualifier", "defeated Le Pen in the runoff", "won the election": a verb
    of winning or losing whose own phrases name a score, a match or an election (not anything else in the
    sentence: "crushed protests after the disputed election" is repression)."""
    if verb.lemma_.lower() not in _RESULT_VERBS:
        return False

    def contest(t: Token) -> bool:
        return any(x.lemma_.lower() in _CONTESTS for x in (t, *(c for c in t.children if c.dep_ in ("compound", "amod"))))

    for c in verb.children:
        if c.dep_ == "dobj" and contest(c):
            return True  # "won the election", "lost the match"
        if c.dep_ == "prep" and any(g.dep_ == "pobj" and (
                (c.lower_ in ("in", "at", "during", "on") and contest(g))
                or (c.lower_ == "by" and g.lemma_.lower() in _MARGIN_NOUNS)) for g in c.children):
            return True  # "in the World Cup qualifier", "by six wickets", "on penalties"
        if c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in ("win", "clinch", "reach", "lift") and any(
                g.dep_ == "dobj" and contest(g) for g in c.children):
            return True  # "beat France to win the final"
        if c.dep_ not in ("nsubj", "nsubjpass", "punct", "cc", "conj") and c.i > verb.i \
                and _SCORE.search(verb.doc[c.left_edge.i:c.right_edge.i + 1].text):
            return True  # "beat Argentina 2-1"
    return False


def on_behest(prep: Token) -> bool:
    """"at the request of the United States", "under pressure from X", "on the orders of X": at whose bidding,
    not to whom (the one asking is no receiver of the act)."""
    return prep_with(prep, ("at", "on", "upon", "under"), ("request", "invitation", "behest", "urging", "order",
                                                           "instruction", "pressure", "behalf", "initiative"))


def on_side(prep: Token) -> bool:
    """"on the Ukrainian side", "on the side of X": whom one stands with, not against."""
    return prep_with(prep, ("on",), ("side",))


def go_between(tok: Token) -> bool:
    """"a UN-brokered truce", "the Qatar-mediated talks": the name before the hyphen is the go-between,
    not a party to what it brokered (however the parse hangs the pieces)."""
    doc = tok.doc
    return tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" \
        and doc[tok.i + 2].lemma_.lower() in BROKER_VERBS and doc[tok.i + 2].lower_.endswith("ed")


def latin_head(tok: Token) -> bool:
    """Whether ``tok`` is the "persona" of "persona non grata"."""
    doc = tok.doc
    return tok.lower_ in ("persona", "personae") and tok.i + 2 < len(doc) and doc[tok.i + 2].lower_ in ("grata", "gratae")


def declared_unwelcome(verb: Token) -> tuple[bool, Token | None]:
    """"declared the Iranian ambassador persona non grata": a declaration that expels someone, and the one
    declared (None when the parse does not put him after the verb: "the envoy was declared persona non grata").
    The small model parses the Latin words in many ways (a small clause, a compound, a verb), so the one
    declared is the noun right before "persona"."""
    if verb.lemma_.lower() not in DECLARE_VERBS:
        return False, None
    doc = verb.doc
    for c in verb.children:
        if c.dep_ not in ("dobj", "ccomp", "oprd", "xcomp", "attr"):
            continue
        latin = next((t for t in c.subtree if latin_head(t)), None)
        if latin is not None:
            nouns = [t for t in doc[verb.i + 1:latin.i] if t.pos_ in ("NOUN", "PROPN", "PRON")]
            # ("declared persona non grata a Russian embassy official": the official)
            after = [t for t in doc[latin.i + 3:latin.i + 8] if t.pos_ in ("NOUN", "PROPN", "PRON")
                     and not (t.dep_ in ("compound", "nmod") and t.head.i > t.i)]
            declared = nouns[-1] if nouns else after[0] if after else None
            while declared is not None and declared.dep_ == "pobj" and declared.head.lower_ == "of" \
                    and declared.head.head.i > verb.i and declared.head.head.pos_ == "NOUN":
                declared = declared.head.head  # "the ambassador of Belarus": the ambassador
            if declared is not None and declared.head.i == latin.i and declared.dep_ == "compound" \
                    and any(c.i < declared.i and c.dep_ != "det" for c in latin.children):
                declared = latin  # "the Mexican consul persona ...", all hung on "persona": the whole phrase
            return True, declared
    return False, None


def judges_owner(verb: Token, obj: Token) -> bool:
    """Whether ``verb`` passes judgement on its object ("rejected the referendum", "renounced the treaty"),
    which then stands as the target when nobody is named behind it."""
    lemma = verb.lemma_.lower()
    return lemma in JUDGE_VERBS or (lemma in BREAK_VERBS and obj.lemma_.lower() in AGREEMENT_NOUNS)


def is_pron(tok: Token) -> bool:
    if tok.text in ("US", "U.S.", "U.S", "WHO"):
        return False  # the United States, the World Health Organization
    if tok.pos_ == "PRON" and tok.is_upper and len(tok.text) >= 3 and tok.lower_ not in PRONOUNS:
        return False  # "ECOWAS condemned Niger": an acronym the tagger took for a pronoun
    return tok.pos_ == "PRON" or tok.lower_ in PRONOUNS

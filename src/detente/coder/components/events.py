"""``detente_events_v1``: who-did-what-to-whom frames from the dependency parse.

For every verb (and every event noun the lexicon knows) the extractor finds the
doer and the receiver:

* active ``nsubj`` -> source, ``dobj`` / ``dative`` / the object of a preposition
  (to, with, against, on, ...) -> target; passive ``nsubjpass`` -> target and the
  ``agent`` "by" phrase -> source;
* verbs without a subject take it from the verb they are coordinated with, the
  noun a relative clause hangs from, or (for "urged X to ...") the object of the
  governing verb;
* coordinated subjects or objects ("Modi and Ghani") give one frame each;
* "agreed to sell", "urged X to withdraw", "threatened to attack": one frame for
  the chain, classified by the inner verb and the kind of matrix verb;
* ``neg`` -> negated; modals, hedging verbs, "if" clauses -> speculative;
* reported speech: "X said Y did Z" codes Y did Z (the speech act itself is a
  CAMEO 01 statement, which has no PLOVER type and is not emitted).

Frames are plain dicts in ``doc.user_data["detente_frames"]`` (they cross
process boundaries with ``nlp.pipe(n_process=...)``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from detente.coder.components.actors import SPAN_KEY
from detente.coder.components.syntax import (
    common_adjective,
    contest_result,
    declared_unwelcome,
    fights_a_problem,
    go_between,
    harm_place,
    is_fronted,
    is_infinitive,
    is_pron,
    is_topic,
    judges_owner,
    latin_head,
    main_verb_on_noun,
    merge_cues,
    on_behest,
    on_channel,
    on_side,
    on_sidelines,
    owners,
    pcomp_objects,
    reduced_passive,
    subject_in_fronted,
    through_honorific,
    through_quantity,
    under_terms,
)
from detente.coder.components.wordlists import (
    ACCEPT_VERBS,
    ACQUIRE_VERBS,
    ACTOR_NOUNS_EXTRA,
    ADJ_EVENTS,
    ADVERB_PARTICLES,
    ANTECEDENT_DEPS,
    BACKING_NOUNS,
    BLAME_ADJECTIVES,
    BLAME_PREPS,
    BODY_HEADS,
    BREAK_RULE_VERBS,
    BROKER_VERBS,
    CESSATION_VERBS,
    CHAIN_NOUNS,
    CIRCUMSTANCE_PREPS,
    CLASH_NOUNS,
    COMPLAINT_NOUNS,
    CONTAINER_NOUNS,
    CREATE_VERBS,
    CROWD_COUNTS,
    CROWD_NOUNS,
    CURRENCY_SIGNS,
    DEEP_SKIP,
    DENIAL_VERBS,
    DEPLOY_VERBS,
    DISCIPLINE_VERBS,
    FUTURE_AUX,
    GENERIC_EVENT_HEADS,
    GIVEN_GOODS,
    GIVING_NOUNS,
    HARM_NOUNS,
    HARM_PLACE_PREPS,
    HEARSAY_NOUNS,
    HOSTILE_ACT_NOUNS,
    HOSTILE_VERBS,
    IMPOSE_VERBS,
    INTENT_ADJECTIVES,
    JUDGE_VERBS,
    JUDGED_RANK,
    LEMMA_FIXES,
    LIGHT_VERBS,
    MENTION_DEPS,
    MESSAGE_NOUNS,
    MODIFIER_DEPS,
    MONEY_NOUNS,
    NEWS_REPORTERS,
    NON_ACTOR_ENTS,
    NON_ACTOR_HEADS,
    NON_VISITORS,
    NOT_AUTHOR_VERBS,
    NOT_YET_VERBS,
    OBJECT_CONTROL,
    OWN_FORCES,
    OWN_STANCE_NOUNS,
    PERPETRATE_VERBS,
    PERSON_ACTOR_NOUNS,
    PERSON_NOUNS,
    PERSONAL,
    PLACE_ACTOR_NOUNS,
    PLACE_NOUNS,
    POSSESSIVE_KIND,
    POSTED_TITLES,
    PREP_PENALTY,
    PRESS_NOUNS,
    PRESS_VERBS,
    RAISING_PASSIVES,
    RECEIVE_VERBS,
    RELATION_NOUNS,
    RESPONSE_VERBS,
    RULE_NOUNS,
    SAYING_VERBS,
    SEIZE_VERBS,
    SPEC_ADVERBS,
    SPEC_GOVERNORS,
    SPEC_MODALS,
    SPEECH_VERBS,
    SPORT_TEAMS,
    SPORTS,
    STANCE_NOUN_VERBS,
    STANCE_VERBS,
    STATE_ACTS,
    STATE_ORGANS,
    SYMMETRIC,
    SYMMETRIC_NOUNS,
    TARGET_PREPS,
    TEXT_NOUNS,
    TRANSFER_VERBS,
    UNDO_VERBS,
    VISIT_VERBS,
    WITH_PARTNER,
    WRONGDOING_NOUNS,
)
from detente.coder.lexicon import MATRIX_OF, Lexicon

FRAMES_KEY = "detente_frames"
# The cue a named place as direct object adds ("captured Bakhmut"): lexicon rows can ask for it.
PLACE_CUE = "_place"


def _venue(tok: Token) -> bool:
    """A named place given "in" or "at": where an act was done."""
    return tok.ent_type_ in ("GPE", "LOC", "FAC") and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "at", "inside")


def _disciplined(tok: Token, actor_tokens: set[int]) -> bool:
    """"The party expelled its youth leader", "warned its lawmakers": a body's own people it disciplines are
    receivers (not "expelled its ambassador", the other side's envoy; nor "their" people, who may be others')."""
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in DISCIPLINE_VERBS and tok.i in actor_tokens \
        and tok.lemma_.lower() not in POSTED_TITLES and any(c.dep_ == "poss" and c.lower_ == "its" for c in tok.children)


def _parts(tok: Token) -> list[Token]:
    """The nouns a noun phrase is made of besides its head: its compounds and its "of" objects ("an aid package",
    "a shipment of missiles")."""
    return [c for c in tok.children if c.dep_ == "compound"] + [
        g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]


def _compounds(tok: Token) -> list[str]:
    """The words of a name before its head ("North" of "North Korea")."""
    return [x.lower_ for x in tok.lefts if x.dep_ == "compound"]


class EventExtractor:
    def __init__(self, nlp: Language, name: str, lexicon: Lexicon | None = None) -> None:
        self.name = name
        self.lexicon = lexicon or Lexicon.default()
        self._named: set[int] = set()
        self._phrase: dict[int, str] = {}
        self._actor_tokens: set[int] = set()
        self._own_forces: set[int] = set()
        self.last_pron_obj = False
        self._created: set[int] = set()

    @property
    def lexicon(self) -> Lexicon:
        return self._lexicon

    @lexicon.setter
    def lexicon(self, lex: Lexicon) -> None:
        self._lexicon = lex
        self.cue_words = frozenset(c for r in lex.rows for c in r.cues) | frozenset(
            r.lemma for r in lex.rows if r.pos == "N")

    # -- mentions -------------------------------------------------------------
    def mention(self, tok: Token, actor_tokens: set[int]) -> tuple[int, int]:
        """Token range [start, end) of the noun phrase headed by ``tok``."""
        if tok.dep_ in ("amod", "conj") and tok.pos_ == "ADJ":
            return tok.i, tok.i + 1
        keep = {tok.i}
        stack = [tok]
        while stack:
            t = stack.pop()
            for c in t.children:
                if c.dep_ in MENTION_DEPS or (c.dep_ == "punct" and c.i < tok.i and c.text in ("-", "'", "'s")):
                    keep.add(c.i)
                    stack.append(c)
                elif c.dep_ == "prep" and c.lower_ == "for" and t.i == tok.i and c.i == tok.i + 1 \
                        and tok.lemma_.lower() in ("spokesman", "spokeswoman", "spokesperson"):
                    # "a spokesman for the Iraqi government": whom he speaks for is who he is
                    objs = [g for g in c.children if g.dep_ == "pobj"]
                    if objs and (objs[0].i in actor_tokens or objs[0].pos_ == "PROPN"):
                        keep.update(x.i for x in c.subtree)
                elif c.dep_ == "prep" and c.lower_ == "of" and c.i > t.i:
                    objs = [g for g in c.children if g.dep_ == "pobj"]
                    # ("the commander of eastern Libyan forces": a common noun a named actor qualifies)
                    if objs and (objs[0].i in actor_tokens or objs[0].pos_ == "PROPN" or (
                            t.i == tok.i and tok.i in actor_tokens and any(
                                g.dep_ in ("amod", "compound", "poss") and g.i in actor_tokens and g.i in self._named
                                for g in objs[0].children))):
                        keep.add(c.i)
                        keep.add(objs[0].i)
                        stack.append(objs[0])
        appos = self._named_appos(tok) if tok.dep_ != "appos" else None
        if appos is not None and appos.left_edge.i > tok.i + 1:
            return self.mention(appos, actor_tokens)  # "its neighbour, the Gambia": the one named
        if appos is not None:
            keep.update(range(*self.mention(appos, actor_tokens)))  # "its ally Belarus": the name is part of it
        start, end = min(keep), max(keep) + 1
        # a name the parse splits ("Doctors Without Borders", an ORG entity) is one mention
        span = getattr(self, "_dict_span", {}).get(tok.i)
        if span is not None:
            start, end = min(start, span[0]), max(end, span[1])
        # "the", "a" at the edge are not part of the name
        while start < tok.i and tok.doc[start].dep_ == "det" and tok.doc[start].lower_ in ("the", "a", "an"):
            start += 1
        if start + 3 <= tok.i and go_between(tok.doc[start]):
            start += 3  # "the Qatar-mediated truce": the go-between is not part of what is named
        if start < tok.i and latin_head(tok):
            end = tok.i  # "the Mexican consul persona non grata", all hung on "persona": the consul
        return start, end

    def rank(self, tok: Token, actor_tokens: set[int]) -> int | None:
        """How sure we are that ``tok`` heads an actor: 0 named, 1 actor noun, 2 has an actor modifier,
        3 any other noun that is not an event word, None not an actor."""
        if tok.i in self._phrase:
            return 0  # a distributed modifier ("Nigerian and British forces")
        if tok.dep_ == "nsubj" and tok.pos_ == "NOUN" and tok.lemma_.lower() in CROWD_COUNTS:
            return 1  # "thousands marched against the president": a crowd
        counted = tok.ent_type_ in ("CARDINAL", "QUANTITY") and tok.pos_ == "NOUN" and (
            tok.lemma_.lower() in ACTOR_NOUNS_EXTRA or tok.lemma_.lower() in PERSON_ACTOR_NOUNS)
        if is_pron(tok) or (tok.ent_type_ in NON_ACTOR_ENTS and not counted and tok.i not in self._entity_noise) or (
                tok.pos_ not in ("NOUN", "PROPN", "X") and not self._caps_actor(tok)):
            return None  # (but "detained 300 migrants": the people counted, which the parse may tag as a quantity)
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN" and (lemma in NON_ACTOR_HEADS or (lemma in SPORT_TEAMS and any(
                c.dep_ in ("compound", "amod") and c.lemma_.lower() in SPORTS for c in tok.children))):
            return None  # "the Pakistani rupee", "an earthquake", "the Indian cricket team": no actor
        if tok.i in self._named or tok.pos_ == "PROPN":
            return 0
        own = ("its", "their", "his", "her", "our", "my")
        if self._named_appos(tok) is not None:
            return 0  # "its ally Belarus", "his Ugandan counterpart Yoweri Museveni": the one named
        if lemma not in RELATION_NOUNS and tok.pos_ != "PROPN" and any(
                c.dep_ == "poss" and (c.lower_ in own or any(g.dep_ == "poss" and g.lower_ in own for g in c.children))
                for c in tok.children) and not _disciplined(tok, actor_tokens):
            return None  # "withdrew its troops", "his government's commitment": the doer's own, not a receiver
        if lemma in OWN_FORCES and tok.dep_ in ("dobj", "nsubjpass") and not any(
                c.dep_ in ("amod", "compound", "poss") and c.i in self._named for c in tok.children) \
                and not self._harmed(tok):
            return None
        if lemma == "state" and any(c.dep_ == "prep" and c.lower_ == "of" and any(
                g.lemma_.lower() in ("emergency", "siege", "war", "alert", "readiness", "affairs") for g in c.children)
                for c in tok.children):
            return None  # "lifted the state of emergency": a condition, not a state
        if tok.i in actor_tokens or lemma in ACTOR_NOUNS_EXTRA or lemma in PERSON_ACTOR_NOUNS:
            return 1
        if lemma in PLACE_NOUNS:
            return 2  # "withdrew from a zone along the border": a place stands for whoever holds it
        if lemma in GENERIC_EVENT_HEADS and tok.pos_ == "NOUN":
            return None  # "ended its military operations in X", "UN mediation efforts": an undertaking
        rng = self.mention(tok, actor_tokens)
        contents = self._contents(tok)
        event_noun = lemma in self.cue_words or self.lexicon.knows("N", lemma) or bool(contents)
        # "the release of the lawyer X", "his support of X": the actor after "of" is the one the act is about,
        # it does not make the act an actor
        of_part = {x.i for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for x in c.subtree} \
            if event_noun else set()
        # "military aid", "security cooperation": a lower-case role adjective on an act of help or cooperation says
        # what kind of help it is, not who gave it ("Russian aid" still names its giver; a "rebel offensive" is
        # the rebels')
        helping = event_noun and any(self._helping_act(x) for x in (tok, *contents))
        if any(i in actor_tokens and i not in of_part and not common_adjective(tok.doc[i])
               and not go_between(tok.doc[i]) and not (helping and tok.doc[i].pos_ == "ADJ" and tok.doc[i].is_lower)
               for i in range(*rng)):
            return 2  # (not "a general strike": a title the dictionary knows, used as a plain adjective)
        if event_noun:
            return None
        if lemma in GENERIC_EVENT_HEADS:
            return None  # "ended mediation efforts with X": the effort is the act, X the receiver
        return 3

    def _helping_act(self, tok: Token) -> bool:
        """Whether ``tok`` is a noun of help or cooperation ("aid", "support", "cooperation": CAMEO 05-07)."""
        m = self.lexicon.lookup("N", tok.lemma_.lower())
        return m is not None and m.code[:2] in ("05", "06", "07")

    def _contents(self, tok: Token) -> list[Token]:
        """The acts a bundling noun holds ("a round of sanctions", "an aid package": sanctions, aid), or []."""
        if tok.lemma_.lower() not in CONTAINER_NOUNS or tok.pos_ != "NOUN":
            return []
        return [x for x in _parts(tok) if (x.dep_ != "compound" or x.pos_ == "NOUN")
                and self.lexicon.knows("N", x.lemma_.lower())]

    def _harmed(self, tok: Token) -> bool:
        """"killed three soldiers", "troops were ambushed": armed forces on the receiving end of force or
        coercion are its victims, not the doer's own forces."""
        head = tok.head
        if head.pos_ != "VERB":
            return False
        m = self.lexicon.lookup("V", head.lemma_.lower())
        # (and forces accused or criticised: "accused the security forces of torture")
        return m is not None and m.code[:2] in ("11", "17", "18", "19", "20")

    def _caps_actor(self, tok: Token) -> bool:
        """"USAID sent aid": an all-capitals name the actor dictionary or the entity recogniser knows,
        which the small model tags as an adverb, adjective or verb."""
        return (tok.is_upper and tok.is_alpha and len(tok.text) >= 3 and tok.i in self._actor_tokens
                and tok.i in self._named and tok.pos_ in ("ADV", "ADJ", "VERB", "INTJ", "NUM", "SCONJ"))

    def _named_appos(self, tok: Token) -> Token | None:
        """A name right after a common noun, in apposition to it ("its ally Belarus")."""
        if tok.pos_ != "NOUN":
            return None
        for c in tok.children:
            if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i in self._named and (
                    c.left_edge.i == tok.i + 1
                    # "accused its neighbour, the Gambia, of ...": a relation named after a comma
                    or (tok.lemma_.lower() in RELATION_NOUNS and c.left_edge.i == tok.i + 2
                        and tok.doc[tok.i + 1].text == ",")):
                return c
        return None

    def actor_like(self, tok: Token, rng: tuple[int, int], actor_tokens: set[int]) -> bool:
        return self.rank(tok, actor_tokens) is not None

    def _mention_pairs(self, sources: list[Token], targets: list[Token], actor_tokens: set[int],
                       check_sources: bool = True):
        """``(source, its span, target, its span)`` for every source that can be an actor
        (unless ``check_sources`` is off) and every target; callers filter the targets."""
        for s in sources:
            srng = self.mention(s, actor_tokens)
            if check_sources and not self.actor_like(s, srng, actor_tokens):
                continue
            for t in targets:
                yield s, srng, t, self.mention(t, actor_tokens)

    # -- argument gathering ---------------------------------------------------
    def expand_conj(self, tok: Token) -> list[Token]:
        out = [tok]
        for c in tok.children:
            if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN", "PRON"):
                if c.pos_ == "PROPN" and c.lemma_.lower() in BODY_HEADS and tok.pos_ == "PROPN" and tok.is_title \
                        and tok.i not in self._actor_tokens and tok.ent_type_ not in ("GPE", "NORP", "PERSON", "LOC"):
                    continue  # "the Ethics and Anti-Corruption Commission": one body's name, not two actors
                out.extend(self.expand_conj(c))
        return out

    def distribute(self, toks: list[Token], actor_tokens: set[int]) -> list[Token]:
        """"Nigerian and British forces" -> the two modifiers, each standing for its own actor."""
        if len(toks) != 1:
            return toks
        head = toks[0]
        if head.tag_ in ("NNS", "NNPS") and head.i in actor_tokens and head.i not in self._named:
            # "the leaders of Chile and Peru", "the armies of X and Y": each country's own
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    named = {g: self.mention(g, actor_tokens) for g in c.children
                             if g.dep_ == "pobj" and g.i in self._named}
                    # (not the parts of one name: "the governments of Trinidad and Tobago")
                    out = [x for g, (start, end) in named.items() for x in self.expand_conj(g)
                           if x.i in self._named and (x is g or not start <= x.i < end)]
                    if len(out) > 1:
                        doers = head.doc[head.left_edge.i:head.i + 1].text  # "the former presidents"
                        for t in out:
                            rng = self.mention(t, actor_tokens)
                            self._phrase[t.i] = f"{doers} of {head.doc[rng[0]:rng[1]].text}"
                        return out
        for m in head.children:
            if m.dep_ in ("amod", "compound", "nmod") and m.i < head.i and m.i in actor_tokens:
                conj = [c for c in m.children if c.dep_ == "conj" and c.i in actor_tokens]
                if conj:
                    out = [m, *conj]
                    for t in out:
                        if t.pos_ == "NOUN" and t.i not in self._named:
                            # "Colombia's government and ELN rebels" parsed as modifiers of "rebels": the
                            # government is an actor of its own, not a kind of rebel
                            rng = self.mention(t, actor_tokens)
                            poss = [c for c in head.children if c.dep_ == "poss" and c.i < t.i]
                            start = min(rng[0], poss[0].left_edge.i) if poss else rng[0]  # ("Colombia's")
                            self._phrase[t.i] = head.doc[start:rng[1]].text
                        else:
                            self._phrase[t.i] = f"{t.text} {head.text}"
                    return out
                ccs = [c for c in m.children if c.dep_ == "cc"]
                if ccs:
                    # "Peru and Chile officials": the parse hangs both names on the head, with the "and" under the first
                    # (right after the "and": not "a Kenyan and two Somali men")
                    sib = [s for s in head.children if s.dep_ in ("amod", "compound", "nmod") and m.i < s.i < head.i
                           and s.i in actor_tokens and s.i in self._named
                           and self.mention(s, actor_tokens)[0] == ccs[0].i + 1]
                    if sib:
                        out = [m, sib[0]]
                        for t in out:
                            rng = self.mention(t, actor_tokens)
                            self._phrase[t.i] = f"{head.doc[rng[0]:rng[1]].text} {head.text}"
                        return out
        return toks

    def subjects(self, verb: Token, depth: int = 0) -> tuple[list[Token], bool]:
        """Doers of ``verb`` and whether the verb is passive."""
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or reduced_passive(verb)
        if passive:
            agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if not agents:
                # "was hit with sanctions by the EU", "were killed in an attack by militants": the "by" phrase
                # the parse hangs on the verb's own prepositional object (or on its complement: "was declared
                # persona non grata by Kenya")
                hosts = [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("with", "in", "during")
                         for p in c.children if p.dep_ == "pobj"] + [c for c in verb.children if c.dep_ == "oprd"]
                agents = [g for p in hosts for b in p.children if b.dep_ == "prep" and (
                              b.lower_ == "by" or (b.lower_ == "with" and p.lemma_.lower() in CLASH_NOUNS))
                          for g in b.children if g.dep_ == "pobj" and self.rank(g, self._actor_tokens) in (0, 1)][:1]
                # ("were injured in a clash with Chinese troops": the other side of the clash)
            if not agents and verb.lemma_.lower() in STATE_ACTS:
                # "was arrested in Rwanda", "were expelled from Iran": only a state does that there
                agents = [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "from")
                          for g in c.children if g.dep_ == "pobj" and g.ent_type_ == "GPE"]
                if not agents:
                    # "two men were arrested, police said": the authority reporting it is the one that did it
                    speaker = self.speaker(verb)
                    if speaker is not None and self.rank(speaker, self._actor_tokens) in (0, 1) \
                            and not {speaker.lemma_.lower(), speaker.lower_} & NEWS_REPORTERS:
                        agents = [speaker]  # (not "..., local media reported": the press reports, it does not arrest)
            return [t for a in agents for t in self.expand_conj(a)], True
        subs = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        if not subs:
            # "Prime Minister, X, will on Monday, April 6, lead ...": the parser hangs the subject on "will"
            subs = [c for a in verb.children if a.dep_ == "aux" and a.i < verb.i
                    for c in a.children if c.dep_ == "nsubj"][:1]
        if not subs:
            subs = [t for c in verb.children if (t := subject_in_fronted(c, verb)) is not None][:1]
        if not subs and verb.dep_ == "conj" and verb.i >= 2:
            # "Russia attacked Ukraine on Monday and Kyiv condemned the attack": the parse joins the second
            # clause's subject to the noun before the "and" ("Monday and Kyiv"), leaving the verb without one
            prev = verb.doc[verb.i - 1]
            if prev.dep_ == "conj" and prev.pos_ in ("PROPN", "NOUN") and prev.head.i != verb.i \
                    and verb.doc[prev.left_edge.i - 1].dep_ == "cc" and self.rank(prev, self._actor_tokens) == 0:
                subs = [prev]
        if not subs and ((verb.tag_ == "VBD" and verb.dep_ in ("acl", "relcl") and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)) or main_verb_on_noun(verb)):
            # "Somali forces backed by US airstrikes killed 30 fighters", "300 rebels handed over their weapons": a
            # past-tense verb (or a participle with an object) the parse hangs on a noun whose sentence's root is a
            # noun: that noun is its subject
            root = verb.sent.root
            if root.pos_ in ("NOUN", "PROPN") and root.i < verb.i and self.rank(root, self._actor_tokens) in (0, 1):
                subs = [root]
        if not subs:
            # "USAID sent aid to Haiti": the name ahead of the verb parsed as an adverb or modifier of it
            subs = [c for c in verb.children if c.i < verb.i and (self._caps_actor(c) or (
                        # "Azerbaijan massed troops": a country's name parsed as an adverbial noun
                        c.dep_ == "npadvmod" and c.pos_ == "PROPN" and c.ent_type_ not in ("DATE", "TIME")
                        and c.i in self._named and self.rank(c, self._actor_tokens) == 0))
                    and c.dep_ in ("advmod", "npadvmod", "amod", "dep", "intj", "nmod", "compound")][:1]
        if subs:
            s = subs[0]
            if s.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                s = verb.head
                if s.lemma_.lower() in TEXT_NOUNS and s.dep_ == "dobj" and s.head.pos_ == "VERB" \
                        and s.head.lemma_.lower() not in NOT_AUTHOR_VERBS:
                    # "introduced a bill that would sanction X", "passed a resolution that condemns X": the authors
                    return self.subjects(s.head, depth + 1)
            s = through_honorific(through_quantity(s))
            if is_pron(s) and s.lower_ in ("he", "she", "it", "they", "we", "i"):
                speaker = self.speaker(verb)
                if speaker is not None:
                    s = speaker
            elif s.pos_ == "NOUN" and any(c.dep_ == "poss" and c.lower_ in ("his", "her", "its", "their", "our")
                                          for c in s.children):
                # "the emir said his nation would never ...": the speaker speaks for it
                speaker = self.speaker(verb)
                if speaker is not None:
                    s = speaker
            elif s.pos_ == "NOUN" and self.rank(s, self._actor_tokens) in (None, 3):
                # "the offensive by X killed ...", "X's decision angered ...": the doer behind the thing
                s = self.doer_of(s) or s
            # "the government and the opposition held talks", parsed as two subjects of the verb: both are doers
            more = [t for x in subs[1:] if s is subs[0] and any(
                c.dep_ == "cc" and s.i < c.i < x.i for c in s.children) for t in self.expand_conj(x)]
            if not more and s is subs[0]:
                more = self._comma_subjects(verb, s)
                if more:
                    return sorted([s, *more], key=lambda t: t.i), False  # the first named leads
            return self.expand_conj(s) + more, False
        if depth > 4:
            return [], False
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return self.expand_conj(verb.head), False
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ in ("dobj", "pobj") \
                and self.rank(verb.head, self._actor_tokens) in (0, 1) \
                and verb.head.lemma_.lower() not in TEXT_NOUNS | MESSAGE_NOUNS \
                and MATRIX_OF.get(verb.lemma_.lower()) not in ("threat", "request"):
            # "dispersed demonstrators blocking the entrance": the ones blocking are the demonstrators, not the
            # police; a participle describing an actor is background, no event of its own
            return [], False
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ in ("dobj", "pobj") \
                and verb.head.head.pos_ == "VERB" and verb.head.head.lemma_.lower() not in NOT_AUTHOR_VERBS:
            # "published a report accusing the police of ...": the report's author (not "vetoed a resolution
            # condemning X": what one vetoes or rejects is someone else's)
            return self.subjects(verb.head.head, depth + 1)
        if verb.dep_ == "acl" and MATRIX_OF.get(verb.lemma_.lower()) in ("threat", "request"):
            g, on = self._message_verb(verb)
            if on is not None:
                return self.subjects(g, depth + 1)  # "wrote to X threatening to ...": the writer threatens
        if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
            subs, head_passive = self.subjects(verb.head, depth + 1)
            return (subs, False) if not head_passive else ([], False)
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in OBJECT_CONTROL:
            # "ordered the newspaper to suspend publication", "forced X to withdraw": the one ordered acts
            objs = [c for c in verb.head.children if c.dep_ == "dobj" and not is_pron(c)]
            if objs and not self._own_force(objs[0]):
                return self.expand_conj(through_quantity(objs[0])), False
            # ("ordered the army to attack X": the one who orders the own forces acts through them)
        if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SPEECH_VERBS:
            return [], False  # "X said late Sunday captured Y has refused ...": what is reported is not the speaker's act
        if verb.dep_ == "acl" and verb.head.lemma_.lower() in ("decision", "move") and is_infinitive(verb):
            # "Russia's decision to expel British diplomats": the one who decided acts
            owner = [c for c in verb.head.children if c.dep_ == "poss" and not is_pron(c)]
            if owner and self.rank(owner[0], self._actor_tokens) in (0, 1):
                return self.expand_conj(owner[0]), False
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in RAISING_PASSIVES:
            # "X is set / expected / scheduled to deliver ...", "X was forced to withdraw": the passive
            # subject of the verb above is the one who does the infinitive
            held = [c for c in verb.head.children if c.dep_ == "nsubjpass" and not is_pron(c)]
            if held:
                return self.expand_conj(through_quantity(held[0])), False
        if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.lemma_.lower() in SAYING_VERBS \
                and verb.head.dep_ == "ccomp" and verb.head.head.lemma_.lower() in SPEECH_VERBS \
                and verb.head.head.i < verb.head.i:
            # "the ministry said Armenian forces had shelled its positions, accusing Armenia of ...": the one who
            # accuses is the speaker, though the parse hangs the participle on the clause reported
            return self.subjects(verb.head.head, depth + 1)
        if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.lemma_.lower() in SPEECH_VERBS \
                and verb.head.i < verb.i:
            # "Israeli strikes hit Lebanon, the ministry said, killing 490 people": the participle goes with the
            # act reported, not with the one reporting it
            h = verb.head
            reported = h.head if h.dep_ in ("parataxis", "ccomp") and h.head.i < h.i and h.head.pos_ in ("VERB", "AUX") \
                else next((c for c in h.children if c.dep_ in ("ccomp", "parataxis") and c.i < h.i
                           and c.pos_ in ("VERB", "AUX")), None)
            if reported is not None and MATRIX_OF.get(verb.lemma_.lower()) not in ("threat", "request"):
                return self.subjects(reported, depth + 1)  # (not "..., the ministry said, urging X to ...")
        if verb.dep_ in ("xcomp", "advcl", "ccomp") and verb.head.pos_ in ("VERB", "AUX"):
            return self.subjects(verb.head, depth + 1)
        if verb.dep_ == "xcomp" and verb.head.dep_ == "acomp" and verb.head.head.pos_ in ("VERB", "AUX"):
            return self.subjects(verb.head.head, depth + 1)  # "X is willing to ..."
        return [], False

    def _comma_subjects(self, verb: Token, s: Token) -> list[Token]:
        """ "Iran, Iraq sign trade pact", "Biden, Xi agree to ...": a headline joins its doers with a bare
        comma; the parse hangs the other name on the verb (subject, adverb or "dep"). Both must be names,
        side by side, with only the comma between them."""
        actor_tokens = self._actor_tokens
        if self.rank(s, actor_tokens) != 0 or not any(i in self._named for i in range(*self.mention(s, actor_tokens))):
            return []
        out = []
        for c in verb.children:
            if c is s or c.i > verb.i or c.dep_ not in ("nsubj", "npadvmod", "dep") or c.ent_type_ in NON_ACTOR_ENTS \
                    or self.rank(c, actor_tokens) != 0 or c.i not in self._named:
                continue
            a, b = sorted((c, s), key=lambda t: t.i)
            a_end, b_start = self.mention(a, actor_tokens)[1], self.mention(b, actor_tokens)[0]
            if b_start == a_end + 1 and verb.doc[a_end].text == ",":
                out.append(c)
        return out

    def speaker(self, verb: Token) -> Token | None:
        """For "X said it would ...": the subject of the speech verb above ``verb``."""
        t = verb
        for _ in range(4):
            if t.dep_ in ("conj", "xcomp") and t.head.i != t.i:
                t = t.head
                continue
            if t.dep_ == "ccomp" and t.head.lemma_.lower() in SPEECH_VERBS:
                subs = [c for c in t.head.children if c.dep_ == "nsubj" and not is_pron(c)]
                return subs[0] if subs else None
            return None
        return None

    def antecedent(self, pron: Token, exclude: set[int], kind: str | None = None) -> Token | None:
        """The actor an object pronoun stands for: the closest fitting actor before it in its
        sentence (subjects first). ``exclude``: token indices that cannot be the antecedent (the
        other party of the same verb: "X pardoned him"). Subject pronouns are left alone except
        in reported speech ("X said it ..."): on held-out news text resolving them added events
        that were mostly wrong."""
        kind = kind or PERSONAL.get(pron.lower_)
        if kind is None:
            return None
        actor_tokens = self._actor_tokens

        def fits(t: Token) -> bool:
            if t.i in exclude or t.dep_ not in ANTECEDENT_DEPS or is_pron(t):
                return False
            r = self.rank(t, actor_tokens)
            if r is None or r > 1:
                return False
            person = t.ent_type_ == "PERSON" or t.lemma_.lower() in PERSON_NOUNS
            plural = t.tag_ in ("NNS", "NNPS")
            if kind == "p":
                return person and not plural
            if kind == "n":
                return not person and not plural
            return plural or (not person and (t.ent_type_ in ("ORG", "NORP", "GPE") or t.i in actor_tokens))

        sent = pron.sent
        before = [t for t in reversed(sent[: pron.i - sent.start]) if fits(t)]
        if not before:
            return None
        subs = [t for t in before if t.dep_ in ("nsubj", "nsubjpass")]
        return (subs or before)[0]

    def place_of(self, tok: Token, preps: tuple[str, ...] = ("in", "of", "at", "from")) -> str | None:
        """The place a common-noun actor is tied to ("the museum in Germany", "civilians in Gaza"):
        the resolver falls back on it when the noun phrase itself names no actor."""
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                place = self._prep_place(c)
                if place is not None:
                    return place
        return None

    def _prep_place(self, prep: Token) -> str | None:
        """The place a preposition names ("in Kabul": "Kabul"), or None."""
        for g in prep.children:
            if g.dep_ == "pobj" and (g.ent_type_ in ("GPE", "LOC") or (g.i in self._actor_tokens and g.pos_ == "PROPN")):
                return prep.doc[slice(*self.mention(g, self._actor_tokens))].text
        return None

    def place_after(self, tok: Token, end: int) -> str | None:
        """"held talks with the government in Kabul" with "in Kabul" hung on the verb or the talks: the place
        of an "in" phrase right after the noun phrase ending at ``end`` (the resolver reads it as whose
        government it is when it is a capital: "the government in Kabul")."""
        doc = tok.doc
        if end < len(doc) and doc[end].dep_ == "prep" and doc[end].lower_ == "in" and doc[end].head.i != tok.i:
            return self._prep_place(doc[end])
        return None

    def deep_target(self, verb: Token, sources: list[Token]) -> list[Token]:
        """Breadth-first through the verb's dependents (not into its subject, nor into clauses with
        a subject of their own) for the first named actor."""
        skip = {x.i for src in sources for x in src.subtree} | self._own_forces
        # a refusal's condition ("won't call off the walkout until X resigns") can name the other side
        skip_ok = {c.i for c in verb.children if c.dep_ == "advcl"} if self.negated(verb) else set()
        skip_ok |= {c.i for h in list(skip_ok) for c in verb.doc[h].children if c.dep_ == "conj"}
        # a verb with an object of its own does not borrow the receiver of a coordinated act
        # ("condemned the attack and expressed condolences to India": India is no one accused)
        has_object = any(c.dep_ == "dobj" for c in verb.children)
        frontier = [c for c in verb.children if c.dep_ not in ("nsubj", "nsubjpass", "csubj", "agent", "punct")
                    and not (c.dep_ == "ccomp" and verb.lemma_.lower() in SPEECH_VERBS)
                    and not (has_object and c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))
                    and not (is_fronted(c, verb) and c.lower_ != "in")]  # ("In Mali, the rebels declared a truce")
        for _ in range(8):
            nxt = []
            for t in frontier:
                if t.dep_ == "relcl" and t.head.dep_ == "dobj" and t.head.head.i == verb.i and any(
                        c.dep_ == "nsubj" and c.lower_ == "it" for c in t.children):
                    # "scrapped the duties it had placed on Australian barley": the measure's own receiver
                    nxt.extend(c for c in t.children if c.dep_ == "prep" and c.lower_ in ("on", "upon", "against"))
                    continue
                if t.i in skip or t.dep_ in DEEP_SKIP or on_side(t) or on_sidelines(t) or under_terms(t) or on_channel(t) \
                        or (t.dep_ == "prep" and t.lower_ in ("despite", "according", "over")) \
                        or go_between(t):
                    continue  # (an "over" phrase gives the reason: "a mediation effort ..., over Turkish allegations")
                if harm_place(t, verb):
                    continue
                if is_topic(t):
                    # the topic is no partner, but a "with" the parse hangs on it names one ("discussed
                    # border security with Chad")
                    nxt.extend(c for c in t.children if c.dep_ == "prep" and c.lower_ == "with")
                    continue
                if t.i in self._created:
                    nxt.extend(t.children)  # "set up a new institute in Barcelona": not the institute, but further on
                    continue
                if t.pos_ in ("VERB", "AUX") and t.dep_ in ("advcl", "ccomp", "conj", "parataxis") \
                        and t.i not in skip_ok and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children) \
                        and not (t.dep_ == "ccomp" and (t.head.i == verb.i or t.head.lemma_.lower() in OBJECT_CONTROL)):
                    # "agreed a deal days before Britain leaves", "rejected the results, claiming the agency
                    # rigged the vote": another clause with a doer of its own is not searched (the verb's own
                    # content clause is: "alleged that Pakistan was sheltering ...")
                    continue
                if t.pos_ in ("PROPN", "NOUN") and t.i in self._named and self.rank(t, self._actor_tokens) == 0:
                    return [t]
                if t.pos_ == "ADJ" and t.ent_type_ in ("NORP", "GPE") and t.i in self._actor_tokens:
                    return [t]
                if t.pos_ == "NOUN" and any(c.dep_ == "prep" and c.lower_ in ("on", "upon", "against")
                                            for c in t.children):
                    # "proposed easing UN sanctions on Sudan": whose sanctions they are names no receiver
                    # when they fall on someone
                    nxt.extend(c for c in t.children if c.dep_ not in ("compound", "amod", "nmod", "poss"))
                    continue
                nxt.extend(t.children)
            frontier = sorted(nxt, key=lambda x: x.i)
        return []

    def doer_of(self, noun: Token) -> Token | None:
        """The actor behind a non-actor noun: its "by" phrase, possessor, passive agent or named modifier."""
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "by":
                for g in c.children:
                    if g.dep_ == "pobj" and self.rank(g, self._actor_tokens) in (0, 1):
                        return g
        for o in owners(noun):
            if self.rank(o, self._actor_tokens) in (0, 1):
                return o
        for c in noun.children:
            if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i and c.i in self._named \
                    and (c.pos_ in ("PROPN", "NOUN") or c.ent_type_ in ("NORP", "GPE")):
                return c
        return None

    @staticmethod
    def _message_verb(verb: Token) -> tuple[Token | None, Token | None]:
        """For a participle with no doer of its own ("threatening to ...", "urging ..."): the verb of sending
        or writing it belongs to, and the addressee it hangs on, if any. With or without a comma the parse
        hangs it on the verb ("sent a letter to X, threatening ..."), on the message ("a letter ... threatening")
        or on the one addressed ("wrote to X threatening ...")."""
        if verb.tag_ != "VBG" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return None, None
        h = verb.head
        if verb.dep_ == "advcl" and h.pos_ == "VERB":
            return h, None
        if verb.dep_ != "acl" or h.pos_ not in ("NOUN", "PROPN"):
            return None, None
        if h.dep_ == "dobj" and h.lemma_.lower() in MESSAGE_NOUNS and h.head.pos_ == "VERB":
            return h.head, None  # "sent a letter to X threatening to ...": on the letter
        if h.dep_ == "pobj" and h.head.lower_ == "to" and h.head.dep_ in ("prep", "dative"):
            g = h.head.head  # "sent a letter to X threatening ...", "wrote to X threatening ...": on X
            if g.pos_ == "VERB":
                return g, h
            if g.dep_ == "dobj" and g.lemma_.lower() in MESSAGE_NOUNS and g.head.pos_ == "VERB":
                return g.head, h
        return None, None

    def _addressees(self, verb: Token, actor_tokens: set[int]) -> list[Token]:
        """For a participle clause with no doer of its own ("..., threatening to ...", "..., urging ..."):
        the actor the verb it hangs on was addressed to ("sent a letter **to X**", "wrote to X")."""
        g, on = self._message_verb(verb)
        if g is None:
            return []
        if on is not None:
            return self.expand_conj(on) if self.rank(on, actor_tokens) in (0, 1) else []
        for h in (g, *(d for d in g.children if d.dep_ == "dobj" and d.lemma_.lower() in MESSAGE_NOUNS)):
            for c in h.children:
                if c.dep_ in ("dative", "prep") and c.lower_ == "to":
                    for x in c.children:
                        if x.dep_ == "pobj" and self.rank(x, actor_tokens) in (0, 1):
                            return self.expand_conj(x)
        return []

    def _own_force(self, tok: Token) -> bool:
        """"the army", "troops", "its forces": the doer's own armed forces (no named owner)."""
        return tok.lemma_.lower() in OWN_FORCES and tok.i not in self._named and not any(
            c.dep_ in ("amod", "compound", "poss") and c.i in self._named for c in tok.children)

    @staticmethod
    def _deadline_act(verb: Token) -> bool:
        """"gave them 15 days to leave", "has 48 hours to respond": an infinitive set against a time limit."""
        if verb.dep_ not in ("advcl", "xcomp", "acl", "relcl") or not is_infinitive(verb):
            return False
        head = verb.head
        if head.pos_ == "NOUN" and head.ent_type_ in ("DATE", "TIME"):
            return True
        return head.pos_ == "VERB" and head.lemma_.lower() in ("give", "grant", "allow", "set") and any(
            c.dep_ in ("dobj", "npadvmod") and c.ent_type_ in ("DATE", "TIME") for c in head.children)

    def _purpose_partner(self, verb: Token, actor_tokens: set[int]) -> list[Token]:
        """For an infinitive of purpose without a doer of its own ("summoned X to complain"): the actor the
        governing verb acted on (X)."""
        if verb.dep_ not in ("advcl", "xcomp") or verb.head.pos_ != "VERB" \
                or not is_infinitive(verb) \
                or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) \
                or verb.head.lemma_.lower() in OBJECT_CONTROL | TRANSFER_VERBS | DEPLOY_VERBS:
            return []
        for c in verb.head.children:
            if c.dep_ == "dobj":
                c = self._resolve_pron(c, verb.head)
                if self.rank(c, actor_tokens) in (0, 1):
                    return self.expand_conj(c)
        return []

    def _later_on_receiver(self, verb: Token, actor_tokens: set[int]) -> list[Token]:
        """The first "on"/"against" phrase after ``verb`` in its sentence whose object is an actor, however the
        parse attached it (up to 30 words on, not past a new clause with a doer of its own other than a
        mis-parsed noun)."""
        sent = verb.sent
        for t in verb.doc[verb.i + 1: min(sent.end, verb.i + 31)]:
            if (t.lower_ in ("that", "which", "who", ";") and t.text != "WHO") or (
                    t.dep_ == "mark" and t.head.i != verb.i):
                return []
            if t.dep_ == "prep" and t.lower_ in ("on", "against"):
                for g in t.children:
                    if g.dep_ == "pobj" and self.rank(g, actor_tokens) in (0, 1):
                        return self.expand_conj(g)
        return []

    def _resolve_pron(self, tok: Token, verb: Token) -> Token:
        """An object pronoun ("pardoned him") replaced by its antecedent, never the verb's own doer."""
        if tok.lower_ not in PERSONAL or (tok.dep_ in ("nsubj", "nsubjpass") and not (
                tok.head.dep_ == "ccomp" and tok.head.pos_ in ("ADJ", "NOUN"))):
            return tok  # (but "holding him responsible": the small clause's subject is an object)
        return self.antecedent(tok, self._doer_ids(verb)) or tok

    def _pronoun_owner(self, thing: Token, verb: Token, penalty: float, via: int) -> list[tuple]:
        """Target candidates for a thing owned through a possessive pronoun: "Ukraine said Russian
        artillery shelled its positions", "... fired on its border posts". The owner is the actor the
        pronoun stands for, never the doer ("Russia reinforced its positions" has no target), and
        not for the doer's own forces or light verbs."""
        if thing.pos_ != "NOUN" or verb.lemma_.lower() in LIGHT_VERBS:
            return []
        whose = [c for c in thing.children if c.dep_ == "poss" and c.lower_ == "whose"]
        if whose:
            # "Zelensky, whose country was invaded by Russia, ...": the one the relative clause is about
            clause = thing.head
            while clause.dep_ in ("conj", "xcomp") and clause.head.i != clause.i:
                clause = clause.head
            if clause.dep_ != "relcl" or clause.head.pos_ not in ("NOUN", "PROPN"):
                return []
            owner = clause.head
            ro = self.rank(owner, self._actor_tokens)
            doers = self._doer_ids(verb)
            return [(ro + penalty - 0.5, ro, via, owner.i, owner)] if ro is not None and ro <= 1 \
                and owner.i not in doers else []
        if thing.lemma_.lower() in OWN_FORCES or (thing.lemma_.lower() in ("arm", "weapon") and (
                verb.lemma_.lower() == "surrender" or any(c.dep_ == "prt" for c in verb.children))):
            return []  # ("the fighters will lay down their arms", "handed over their weapons": their own)
        poss = [c for c in thing.children if c.dep_ == "poss" and c.lower_ in POSSESSIVE_KIND]
        if not poss:
            return []
        doers = self._doer_ids(verb) | {x.i for g in self.subjects(verb)[0] for x in g.subtree}
        a = self.antecedent(poss[0], doers, POSSESSIVE_KIND[poss[0].lower_])
        ra = self.rank(a, self._actor_tokens) if a is not None else None
        return [(ra + penalty, ra, via, a.i, a)] if ra is not None and ra <= 1 else []

    @staticmethod
    def _doer_ids(verb: Token) -> set[int]:
        """Tokens of the verb's doer, or of the clause it takes its doer from ("X ..., accusing him")."""
        exclude: set[int] = set()
        t = verb
        for _ in range(4):
            doers = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass", "agent")]
            if doers:
                exclude.update(x.i for d in doers for x in d.subtree)
                break
            if t.dep_ in ("xcomp", "conj", "advcl", "acl", "relcl") and t.head.i != t.i:
                t = t.head
            else:
                break
        return exclude

    def objects(self, verb: Token, passive: bool, actor_tokens: set[int], extra_heads=()
                ) -> tuple[list[Token], list[str], dict[str, int]]:
        """Receivers, particles/prepositions attached, and cue lemmas of the object phrases
        (each with its depth below the phrase's head: 0 for the head itself)."""
        particles: list[str] = []
        cues: dict[str, int] = {}
        direct: list[Token] = []
        self._own_forces: set[int] = set()
        via_prep: list[tuple[int, Token]] = []
        heads = [verb, *extra_heads]
        if passive and reduced_passive(verb):
            direct.append(verb.head)  # "600 Cubans detained by police": the noun is the one acted on
        for h in heads:
            if h.dep_ == "relcl" and h.head.pos_ == "NOUN" and h.head.i < h.i and not any(
                    c.dep_ in ("dobj", "nsubjpass") for c in h.children) and any(c.dep_ == "nsubj" for c in h.children):
                self._relative_cues(h, cues)  # "the jets Russia sent to Syria": the noun is what was sent
            nxt = h.doc[h.i + 1] if h.i + 1 < len(h.doc) else None
            if nxt is not None and nxt.tag_ == "RP" and nxt.dep_ != "prt" and nxt.head.i != h.i:
                particles.append(nxt.lower_)  # "handed over 15 prisoners": "over" parsed as "over 15" (more than)
            for c in self._with_adverb_preps(h, particles):
                if c.dep_ == "prt":
                    particles.append(c.lower_)
                elif c.dep_ == "nsubjpass" and passive:
                    direct.append(c)
                elif c.dep_ == "dative" and c.pos_ == "ADP":
                    particles.append(c.lower_)
                    for g in c.children:
                        if g.dep_ == "pobj":
                            via_prep.append((c.i, g))
                            self._cues(g, cues)
                elif c.dep_ == "dobj" and c.tag_ == "WDT" and h.dep_ == "relcl" and h.head.pos_ == "NOUN":
                    # "the jets that Russia sent to Syria": the relative pronoun stands for the noun, whose
                    # words (not the clause about it) are the object's cues
                    self._relative_cues(h, cues)
                elif c.dep_ in ("dobj", "dative", "oprd", "attr") or (c.dep_ == "ccomp" and c.pos_ in ("NOUN", "PROPN")):
                    if not is_topic(c) and not (c.dep_ == "dative" and any(
                            x.dep_ in ("prep", "dative") and x.lower_ == "to" for x in h.children)):
                        # (not "would send Leopard 2 tanks to Ukraine": a receiver named with "to" makes the
                        # name the parse took for one a part of the thing sent)
                        direct.append(c)
                    self._cues(c, cues)
                    if c.dep_ == "dobj" and c.ent_type_ in ("GPE", "LOC", "FAC"):
                        cues.setdefault(PLACE_CUE, 0)  # "captured Bakhmut": a named place taken (lexicon cue)
                elif c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") and h.lemma_.lower() in OBJECT_CONTROL \
                        and is_infinitive(c):
                    # "refused to allow two airlines to land": the one allowed/forced is the receiver
                    direct.extend(g for g in c.children if g.dep_ == "nsubj" and not is_pron(g))
                elif c.dep_ == "prep":
                    if any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children):
                        if c.lower_ == "to":  # "sentenced X to five years": the term is part of the act
                            for g in c.children:
                                if g.dep_ == "pobj":
                                    self._cues(g, cues)
                        continue  # "called X on Saturday": a date, not the particle of "call on"
                    if c.lower_ in CIRCUMSTANCE_PREPS or on_sidelines(c) or on_behest(c) or under_terms(c) or on_channel(c):
                        continue  # "withdrew from the town after a deal with X": when, not what (no cues)
                    if is_fronted(c, h):
                        continue  # "On a visit to X, Y voiced support for Z": a fronted phrase sets the scene
                    particles.append(c.lower_)
                    for g in c.children:
                        if g.dep_ == "pobj":
                            via_prep.append((c.i, g))
                            if c.lower_ != "over":  # "suspended publication over an attack": the reason, not the act
                                self._cues(g, cues)
                        elif g.dep_ == "prep" and c.lower_ in ("out", "away") and g.lower_ in ("of", "from") \
                                and not any(x.dep_ == "dobj" for x in h.children):
                            # "walked out of the talks with X": the compound preposition's object (not "drove the
                            # rebels out of Aleppo", where the place is only where they were driven from)
                            for gg in g.children:
                                if gg.dep_ == "pobj":
                                    via_prep.append((g.i, gg))
                                    self._cues(gg, cues)
                        elif g.dep_ == "pcomp":
                            cues.setdefault(g.lemma_.lower(), 0)
                            via_prep.extend(pcomp_objects(g))
                            if c.lower_ == "against" and g.tag_ == "VBG" and not any(
                                    x.dep_ == "dobj" and self.rank(x, actor_tokens) in (0, 1) for x in h.children):
                                # (not "warned its neighbours against joining NATO": the ones warned)
                                # "filed a lawsuit against visiting President X": "visiting" read as a gerund
                                via_prep.extend((c.i, gg) for gg in g.children
                                                if gg.dep_ == "dobj" and self.rank(gg, actor_tokens) == 0)
                elif c.dep_ in ("xcomp", "acomp") and c.pos_ in ("NOUN", "ADJ", "PROPN") or (
                        c.dep_ == "advcl" and c.pos_ == "ADJ" and c.i > h.i):
                    # ("held Pakistan responsible for the attack": the small clause's adjective may be
                    # parsed as a clause of its own)
                    self._cues(c, cues)
                elif c.dep_ == "npadvmod" and c.ent_type_ in ("DATE", "TIME") and h.lemma_.lower() in ("give", "grant"):
                    self._cues(c, cues)  # "gave the rebels 48 hours to leave": a deadline
                elif c.dep_ == "xcomp" and c.tag_ == "VBG" and h.lemma_.lower() in CESSATION_VERBS:
                    # "agreed to halt fighting", "stopped shelling the town": what is stopped names the act
                    cues.setdefault(c.lemma_.lower(), 0)
                    cues.setdefault(c.lower_, 0)
                    direct.extend(g for g in c.children if g.dep_ == "dobj")  # "stopped attacking X": X
                elif c.dep_ == "xcomp" and c.pos_ == "VERB" and h.lemma_.lower() in OBJECT_CONTROL:
                    # "ordered the paper to suspend publication", "ordered X to leave": what X is made to do
                    cues.setdefault(c.lemma_.lower(), 1)
                elif c.dep_ == "ccomp" and c.pos_ in ("ADJ", "NOUN"):
                    # "found X guilty", "declared X persona non grata", "holding him responsible": X is the one judged
                    direct.extend(g for g in c.children if g.dep_ == "nsubj" and (
                        not is_pron(g) or g.lower_ in PERSONAL))
                    self._cues(c, cues)
        cands: list[tuple[int, int, int, Token]] = []
        pron_obj = False
        owner_ids: set[int] = set()  # the go-between behind the object ("a truce brokered by X")
        for d in direct:
            if d.dep_ in ("oprd", "attr") and not passive and not (
                    d.dep_ == "oprd" and d.pos_ == "PROPN" and not any(x.dep_ == "dobj" for x in d.head.children)):
                continue  # "called Putin on Saturday" is often parsed with Putin as oprd
            if verb.lemma_.lower() in CREATE_VERBS and d.dep_ == "dobj" and any(
                    c.dep_ == "amod" and c.lower_ == "new" for c in d.children):
                self._created.update(range(*self.mention(d, actor_tokens)))  # (nor found by the deep search)
                continue  # "set up a new company in Berlin": what is created is not a party to the act
            d = self._resolve_pron(through_honorific(through_quantity(d)), verb)
            if is_pron(d) and d.dep_ == "dobj":
                pron_obj = True  # "wounded another in X": the one wounded is not the place
            r = self.rank(d, actor_tokens)
            if r is not None and d.lemma_.lower() in OWN_FORCES and verb.lemma_.lower() in DEPLOY_VERBS:
                r = None  # "sent Israeli jets to ...", "mobilized the army": the doer's forces, not the target
                self._own_forces.update(range(*self.mention(d, actor_tokens)))
            if r is not None:
                # "sent a team of experts to the hospital": for transfer verbs the thing given
                # (an unnamed noun) yields to the receiver
                extra_pen = 2 if (r >= 1 or d.i not in actor_tokens) and verb.lemma_.lower() in TRANSFER_VERBS \
                    and d.dep_ != "dative" else 0  # ("gave UN inspectors access to the sites": the indirect object receives)
                if not extra_pen and d.dep_ == "dobj" and verb.lemma_.lower() in TRANSFER_VERBS:
                    extra_pen = 1  # "handed over Bashir to the ICC": a named receiver ("to") beats the named thing or person handed
                cands.append((r + extra_pen, r, 0, d.i, d))
            # "condemned the storming of the mosque by Israeli police": the act's doer named with "by" (which the
            # parse may hang on the act's object)
            act_by = [g for x in (d, *(g for c in d.children if c.dep_ == "prep" for g in c.children
                                       if g.dep_ == "pobj")) for c in x.children if c.dep_ == "prep" and c.lower_ == "by"
                      for g in c.children if g.dep_ == "pobj" and self.rank(g, actor_tokens) in (0, 1)] \
                if verb.lemma_.lower() in JUDGE_VERBS and d.pos_ == "NOUN" and (
                    d.lemma_.lower() in self.cue_words or self.lexicon.knows("N", d.lemma_.lower())) else []
            if not act_by and verb.lemma_.lower() in JUDGE_VERBS and d.pos_ == "NOUN" \
                    and self.lexicon.knows("N", d.lemma_.lower()) and not owners(d):
                # "condemned the Turkish strike on Sinjar": a named modifier of the act judged is its doer
                act_by = [c for c in d.children if c.dep_ in ("amod", "compound", "nmod") and c.i < d.i
                          and c.i in self._named and c.ent_type_ in ("NORP", "GPE", "ORG") and not go_between(c)][:1]
            judged = verb.lemma_.lower() in JUDGE_VERBS and (bool(act_by) or any(
                c.dep_ == "poss" and not is_pron(c) for c in d.children))  # "condemned Bahrain's treatment of X"
            if d.pos_ in ("NOUN", "PROPN") and (r is None or (r == 2 and (judged or self.lexicon.knows(
                    "N", d.lemma_.lower())) and (verb.lemma_.lower() not in LIGHT_VERBS or judged))):
                # "rejected Trump's peace plan", "rejected the resolution proposed by X",
                # "rejected the demands by X": the author
                by = [g for c in d.children if c.dep_ == "prep" and c.lower_ == "by"
                      for g in c.children if g.dep_ == "pobj"] or act_by
                # "condemned Israel's attack on Syria": the doer of a reported act is the one condemned,
                # ahead of the act's own target (not so for light verbs: "announced its support for X")
                first = ((self.lexicon.knows("N", d.lemma_.lower()) or judged)
                         and (verb.lemma_.lower() not in LIGHT_VERBS or judged))
                owned = False
                # "Erdogan reaffirmed Türkiye's full support for Azerbaijan": the backing's owner is the doer's side,
                # the one it is "for" receives it (not so for a verb of judgement: "condemned Russia's support for X")
                own_backing = verb.lemma_.lower() not in JUDGE_VERBS and d.lemma_.lower() in OWN_STANCE_NOUNS and any(
                    c.dep_ == "prep" and c.lower_ in ("for", "to", "with") and any(
                        g.dep_ == "pobj" and (self.rank(g, actor_tokens) in (0, 1) or any(
                            self.rank(o, actor_tokens) in (0, 1) for o in owners(g))) for g in c.children)
                    for c in (*d.children, *verb.children))  # (the parse may hang "for X" on the verb)
                for o in ([] if own_backing else owners(d)) + by:
                    ro = self.rank(o, actor_tokens)
                    if ro is None and o.pos_ == "ADJ" and o.ent_type_ in ("NORP", "GPE") and o.i in actor_tokens:
                        ro = 0  # "condemned the Turkish strike": the nationality stands for its state
                    if ro is not None and ro <= 1:
                        owned = True
                        cands.append((ro - 0.5 if first else ro + 1, ro, 0, o.i, o))
                        if o.head.head.lemma_.lower() in BROKER_VERBS:
                            owner_ids.add(o.i)
                if r is None and not owned and judges_owner(verb, d) \
                        and d.pos_ == "NOUN" and d.dep_ == ("nsubjpass" if passive else "dobj") \
                        and d.ent_type_ not in NON_ACTOR_ENTS \
                        and not any(c.dep_ == "poss" for c in d.children):
                    # "Baghdad rejected the referendum", "condemned the killings": with nobody named
                    # behind it, the act or decision judged is the target (last resort)
                    cands.append((JUDGED_RANK + 2, JUDGED_RANK, 0, d.i, d))
            if (r is None or any(c.dep_ == "poss" and c.lower_ == "whose" for c in d.children)) \
                    and d.dep_ == ("nsubjpass" if passive else "dobj"):
                cands.extend(self._pronoun_owner(d, verb, 1, 0))
            # "lifted its embargo on Pakistan", "sent peacekeepers to Iraq"
            d_rng = self.mention(d, actor_tokens)
            for c in d.children:
                if c.dep_ == "prep" and c.lower_ == "to" and d.lemma_.lower() in POSTED_TITLES:
                    continue  # "summoned the Chinese ambassador to Britain": the ambassador is the one summoned
                if harm_place(c, verb) or on_sidelines(c):
                    continue
                if c.dep_ == "prep" and c.lower_ in TARGET_PREPS and (not (d_rng[0] <= c.i < d_rng[1]) or (
                        c.lower_ == "of" and r is None and d.pos_ == "NOUN"
                        and (d.lemma_.lower() in self.cue_words or self.lexicon.knows("N", d.lemma_.lower()))
                        and verb.lemma_.lower() not in JUDGE_VERBS)):
                    # (an act's "of" phrase names whom it is about: "voiced his support of X"; not so for a verb of
                    # judgement: "condemned the killing of civilians" does not accuse the civilians)
                    particles.append(c.lower_)
                    for g in c.children:
                        if g.dep_ == "pobj":
                            via_prep.append((c.i, g))
                        elif g.dep_ == "pcomp":
                            # "lifted its embargo on supplying weapons to Pakistan"
                            via_prep.extend(pcomp_objects(g))
        complaint = any(d.lemma_.lower() in COMPLAINT_NOUNS for d in direct)
        for prep_i, g in list(via_prep):
            if verb.doc[prep_i].lower_ not in TARGET_PREPS:
                continue  # "freed hostages after talks with X": a circumstance, not a way to the receiver
            if complaint:
                # "filed a complaint with the Security Council against Israel" (parsed under the council)
                via_prep.extend((c.i, gg) for c in g.children if c.dep_ == "prep" and c.lower_ == "against"
                                for gg in c.children if gg.dep_ == "pobj")
            if g.lemma_.lower() in PLACE_NOUNS and g.i not in actor_tokens:
                # "massed troops on the border with Ukraine": the one across the border
                for c in g.children:
                    if c.dep_ == "prep" and c.lower_ == "with":
                        via_prep.extend((prep_i, gg) for gg in c.children
                                        if gg.dep_ == "pobj" and self.rank(gg, actor_tokens) == 0)
            if self.rank(g, actor_tokens) is None and verb.doc[prep_i].lower_ != "over":
                # "conceded to demands from X": one level further down (not into a reason: "suspended
                # publication over an attack on government policies")
                for c in g.children:
                    if c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
                        for gg in c.children:
                            if gg.dep_ == "pobj":
                                via_prep.append((c.i, gg))
        # "launched a joint operation with Iraqi forces against Islamic State": in a hostile act the partner
        # comes "with", the one acted on "against" (not "joined forces with X against Y": X is supported)
        hostile = verb.lemma_.lower() in HOSTILE_VERBS or any(d.lemma_.lower() in HOSTILE_ACT_NOUNS for d in direct)
        if hostile:  # (the parse may hang "against" on the partner)
            via_prep.extend((c.i, gg) for p, x in list(via_prep) if verb.doc[p].lower_ == "with" for c in x.children
                            if c.dep_ == "prep" and c.lower_ == "against" for gg in c.children if gg.dep_ == "pobj")
        has_against = hostile and any(verb.doc[p].lower_ == "against" and self.rank(x, actor_tokens) is not None
                                      for p, x in via_prep)
        aimed = any(verb.doc[i].lower_ in ("at", "on", "against", "into", "toward", "towards") for i, _ in via_prep)
        for prep_i, g in via_prep:
            prep = verb.doc[prep_i].lower_
            # ("stood behind Azerbaijan", "threw its weight behind Serbia": only the verb's own "behind")
            behind = prep == "behind" and verb.doc[prep_i].head.i == verb.i
            if (prep not in TARGET_PREPS and not behind) or (passive and prep == "by"):
                continue
            if passive and prep in ("in", "from") and g.ent_type_ == "GPE" and verb.lemma_.lower() in STATE_ACTS:
                continue  # the doer of an agentless "was arrested in X" (see subjects)
            if pron_obj and prep in ("in", "inside", "across", "near"):
                continue  # "killed one soldier and wounded another in X": a place, not the one wounded
            if on_side(verb.doc[prep_i]):
                continue  # "fought on the Ukrainian side": the side one is on is no enemy
            g = self._resolve_pron(g, verb)
            r = self.rank(g, actor_tokens)
            if prep == "over" and r is not None and r >= 2 and g.lemma_.lower() not in PLACE_NOUNS \
                    and verb.lemma_.lower() not in STANCE_NOUN_VERBS:
                # "recalled its envoy over Greek accusations": the reason's modifier is no receiver (but
                # "expressed concern over India's ban": what a stance is taken over is its subject)
                continue
            if r is not None:
                bonus = 0.5 if prep == "with" and verb.lemma_.lower() in WITH_PARTNER else 0
                if prep == "with" and has_against:
                    bonus = -1
                if prep == "against" and complaint:
                    bonus = 0.5  # "filed a complaint with the UN against Israel": the one complained of, not the venue
                if prep == "at" and r <= 1:
                    bonus = 0.1  # "fired tear gas at demonstrators in Nairobi": the ones aimed at, not the scene
                if prep == "from" and r <= 1 and verb.lemma_.lower() in SEIZE_VERBS \
                        and g.lemma_.lower() not in PLACE_ACTOR_NOUNS and g.lemma_.lower() not in PLACE_NOUNS:
                    bonus = 1.1  # "seized the town from the rebels": taken from the rebels, not done to the town
                if prep == "from" and g.ent_type_ in ("GPE", "LOC", "FAC") and aimed:
                    bonus = -3  # "fired rockets at Tel Aviv from the Gaza Strip": where from, not at whom
                cands.append((r + PREP_PENALTY.get(prep, 0) - bonus, r, 1, g.i, g))
            if r is None and prep in ("on", "upon", "at", "against", "into"):
                cands.extend(self._pronoun_owner(g, verb, 1 + PREP_PENALTY.get(prep, 0), 1))
            if (r is None or r >= 2) and g.pos_ in ("NOUN", "PROPN"):
                # "an investigation into Khashoggi's death", "an inquiry into Navalny's poisoning":
                # the one the event noun (or the thing) is about
                for o in owners(g):
                    ro = self.rank(o, actor_tokens)
                    if ro is not None and ro <= 1:
                        cands.append((ro + 1 + PREP_PENALTY.get(prep, 0), ro, 1, o.i, o))
                        if o.head.head.lemma_.lower() in BROKER_VERBS:
                            owner_ids.add(o.i)
        targets: list[Token] = []
        self.last_pron_obj = pron_obj
        self.last_rank = None
        self.last_raw = None
        self.last_prep = None
        self.last_owner = False
        if cands:
            best = min(cands, key=lambda c: c[:4])
            targets = self.expand_conj(best[4])
            self.last_rank = best[0]
            self.last_raw = best[1]
            head = best[4].head
            self.last_prep = head.lower_ if best[2] == 1 and head.dep_ in ("prep", "dative") else None
            self.last_owner = best[3] in owner_ids
        return targets, particles, cues

    @staticmethod
    def _with_adverb_preps(h: Token, particles: list[str]) -> list[Token]:
        """The children of ``h``, plus the prepositions the parse hangs on an adverbial particle
        ("pulled back from the border", "moved away from X"): "back" is recorded as the verb's particle
        and "from the border" is read as the verb's own phrase."""
        out = list(h.children)
        for c in h.children:
            if c.dep_ == "advmod" and c.lower_ in ADVERB_PARTICLES:
                preps = [g for g in c.children if g.dep_ == "prep"]
                if preps or c.i == h.i + 1:  # ("hit back at X": the particle parsed as an adverb)
                    particles.append(c.lower_)
                    out.extend(preps)
            elif c.dep_ == "advmod" and c.lower_ in ("together", "jointly"):
                particles.append("together")  # "X and Y worked together on Z": a shared act (symmetric)
        return out

    @staticmethod
    def _relative_cues(clause: Token, cues: dict[str, int]) -> None:
        """Cues of the noun a relative clause is about: the noun and the words before it."""
        noun = clause.head
        for t in (noun, *(x for x in noun.children if x.dep_ in MODIFIER_DEPS and x.i < noun.i)):
            cues.setdefault(t.lemma_.lower(), 0)

    @staticmethod
    def _cues(tok: Token, cues: dict[str, int], limit: int = 14) -> None:
        n = 0
        for t in tok.subtree:
            if t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB") or (t.ent_type_ == "MONEY" and t.pos_ in ("NUM", "SYM")):
                # ("pledged $10 million": the amount is parsed as a number, the currency as a symbol)
                # modifiers belong to their noun ("military aid" is as much military as aid);
                # each phrase further down (a preposition, a clause) is one level deeper
                depth, x, steps = 0, t, 0
                while x.i != tok.i and steps < 20:
                    depth += x.dep_ not in MODIFIER_DEPS
                    x, steps = x.head, steps + 1
                lemma = CURRENCY_SIGNS.get(t.text, t.lemma_.lower())
                cues[lemma] = min(depth, cues.get(lemma, depth))
                n += 1
                if n >= limit:
                    break

    # -- flags ------------------------------------------------------------------
    @staticmethod
    def negated(verb: Token) -> bool:
        for c in verb.children:
            if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in ("never",)):
                return True
        # "X denied attacking Y", "X denied that it had shelled Y": the act is denied, not reported
        if verb.dep_ in ("xcomp", "ccomp", "pcomp") and verb.head.lemma_.lower() in DENIAL_VERBS:
            return True
        return False

    @staticmethod
    def future(verb: Token) -> bool:
        """ "will not", "won't", "would not": a stated refusal rather than a non-event."""
        return any(c.dep_ == "aux" and c.lower_ in ("will", "wo", "would", "'ll", "shall") for c in verb.children)

    @staticmethod
    def stray_will(verb: Token) -> bool:
        """ "The mayor, X, will on Friday, March 3, open ...": the parser hangs "will" on the subject;
        it still marks the verb it comes before as future (no other verb in between)."""
        subs = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subs:
            return False
        for w in subs[0].subtree:
            if (w.lower_ in FUTURE_AUX and w.pos_ == "AUX" and w.dep_ != "aux" and w.i < verb.i
                    and not any(x.pos_ == "VERB" for x in verb.doc[w.i + 1:verb.i])):
                return True
        return False

    @staticmethod
    def reported_would(verb: Token) -> bool:
        """ "X said it would ...": the speaker's own plan, reported with "would" (the reported "will").
        Not when the clause is about someone else or hangs on a condition."""
        if not any(c.dep_ == "aux" and c.lower_ == "would" for c in verb.children):
            return False
        if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
               for c in verb.children):
            return False  # "would attack if talks fail": a condition, not a plan
        subs = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subs and subs[0].lower_ not in ("it", "they", "he", "she", "we", "i") and not any(
                c.dep_ == "poss" and c.lower_ in ("his", "her", "its", "their", "our") for c in subs[0].children):
            return False  # "experts said Russia would attack": a forecast about someone else (not "his country")
        t = verb
        for _ in range(3):
            if t.dep_ == "conj" and t.head.i != t.i:
                t = t.head
                continue
            return t.dep_ == "ccomp" and t.head.lemma_.lower() in SPEECH_VERBS
        return False

    @staticmethod
    def speculative(verb: Token, ignore_would: bool = False) -> bool:
        t = verb
        for _ in range(6):
            for c in t.children:
                if c.dep_ == "aux" and c.lower_ in SPEC_MODALS and not (
                        ignore_would and t.i == verb.i and c.lower_ == "would"):
                    return True
                if c.dep_ == "advmod" and c.lower_ in SPEC_ADVERBS:
                    return True
                if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether", "until"):
                    return True
            if t.dep_ in ("acl", "ccomp") and t.head.pos_ == "NOUN" and t.head.lemma_.lower() in HEARSAY_NOUNS:
                return True  # "amid reports that China is supplying weapons to Russia": said, not shown
            if t.dep_ in ("ccomp", "xcomp", "advcl", "conj") and t.head.i != t.i:
                head = t.head
                if head.lemma_.lower() in SPEC_GOVERNORS:
                    return True
                if t.dep_ == "conj":
                    t = head
                    continue
                if t.dep_ == "xcomp":
                    t = head
                    continue
            break
        return False

    # -- main -------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        spans = doc.spans.get(SPAN_KEY, [])
        actor_tokens = {i for sp in spans for i in range(sp.start, sp.end)}
        # Named actors (entities, capitalised dictionary phrases) outrank common nouns ("troops").
        self._phrase: dict[int, str] = {}
        self._actor_tokens = actor_tokens
        self._dict_span = {i: (sp.start, sp.end) for sp in spans if sp.label_ in ("DICT", "ORG") and len(sp) > 1
                           for i in range(sp.start, sp.end)}
        self._named = {i for sp in spans if sp.label_ != "DICT" or any(t.is_title or t.is_upper for t in sp)
                       for i in range(sp.start, sp.end)}
        # "imposed sanctions on Niger.": a capitalised dictionary name the model tags as a date, a number or a
        # work of art all by itself is the name the dictionary knows (not "the Iran deal", a longer entity, nor
        # a language: "in English")
        dict_bounds = {(sp.start, sp.end) for sp in spans if sp.label_ == "DICT"}
        self._entity_noise = {i for e in doc.ents if e.label_ in NON_ACTOR_ENTS and e.label_ != "LANGUAGE"
                              and (e.start, e.end) in dict_bounds
                              and all(t.is_title or t.is_upper for t in e if t.is_alpha)
                              for i in range(e.start, e.end)}
        sent_of = {}
        for si, sent in enumerate(doc.sents):
            for t in sent:
                sent_of[t.i] = si
                if t.lemma_ in LEMMA_FIXES and t.pos_ == "VERB":
                    t.lemma_ = LEMMA_FIXES[t.lemma_]
                if t.pos_ == "NOUN" and t.dep_ in ("ROOT", "ccomp", "conj") and self.lexicon.knows("V", t.lemma_.lower()) \
                        and any(c.dep_ == "nsubj" for c in t.children) and any(c.dep_ == "dobj" for c in t.children):
                    # 'Pakistan "categorically rejects" India's claims': quotation marks make the tagger read the
                    # verb as a noun, though the parse gives it a subject and an object
                    t.pos_ = "VERB"
        frames: list[dict] = []
        consumed: set[int] = set()
        lex = self.lexicon
        for tok in doc:
            if tok.i in consumed:
                continue
            if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ == "ROOT" and tok.lemma_ != "be"):
                frames.extend(self._verb_frames(tok, actor_tokens, consumed, sent_of))
                if tok.lemma_.lower() in SPEECH_VERBS:
                    frames.extend(self._blame_frames(tok, actor_tokens, sent_of))
                if tok.tag_ == "VBN" and tok.lower_ in ADJ_EVENTS and any(c.dep_ == "auxpass" for c in tok.children):
                    frames.extend(self._adj_frames(tok, actor_tokens, sent_of))  # "is disappointed with X"
            elif tok.pos_ == "NOUN" and lex.knows("N", tok.lemma_.lower()):
                frames.extend(self._noun_frames(tok, actor_tokens, sent_of))
            elif tok.pos_ == "ADJ" and tok.lemma_.lower() in ADJ_EVENTS:
                frames.extend(self._adj_frames(tok, actor_tokens, sent_of))
        doc.user_data[FRAMES_KEY] = self._dedupe(frames)
        return doc

    def _verb_frames(self, verb: Token, actor_tokens: set[int], consumed: set[int], sent_of) -> list[dict]:
        lex = self.lexicon
        lemma = verb.lemma_.lower()
        self._created = set()
        unwelcome, declared = declared_unwelcome(verb)
        if unwelcome:
            lemma = "expel"  # "declared the envoy persona non grata": the declaration expels him
        if verb.dep_ == "xcomp" and verb.tag_ == "VBG" and verb.head.lemma_.lower() in CESSATION_VERBS:
            return []  # "agreed to halt fighting": the fighting is what stops, not an event of its own
        if lemma in OBJECT_CONTROL and any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in verb.children) and any(
                c.dep_ == "dobj" and self._own_force(c) for c in verb.children):
            return []  # "ordered the army to attack X": the attack is the event, not a demand on anyone
        if verb.head.lemma_.lower() in NOT_YET_VERBS and (
                (verb.dep_ == "xcomp" and any(c.dep_ == "dobj" and not self._own_force(c) for c in verb.head.children))
                or (verb.dep_ == "ccomp" and is_infinitive(verb) and any(
                    c.dep_ == "nsubj" and not self._own_force(c) for c in verb.children))):
            # "ordered the government to release X", "allowed Swedish diplomats to meet X": what is ordered or
            # allowed is not yet done (the order or permission is the event)
            return []
        if lemma in DENIAL_VERBS and any(c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")
                                         for c in verb.children):
            return []  # "denied that Ghana had received weapons": a denial of a claim, no rejection of Ghana
        if self._deadline_act(verb):
            return []  # "giving them ten days to lay down their arms": what is demanded by a deadline, not done
        if lemma in PERPETRATE_VERBS and any(c.dep_ == "dobj" and c.lemma_.lower() in WRONGDOING_NOUNS | HARM_NOUNS
                                             for c in verb.children):
            return []  # "committed violations in Yemen" is no promise (030); what was done is not said
        if contest_result(verb):
            return []  # "Brazil beat Argentina 2-1", "defeated Le Pen in the runoff": a contest, not a fight
        if fights_a_problem(verb):
            return []  # "to fight the cholera outbreak", "combating climate change": a problem, not an enemy
        chain = None
        inner = verb
        kind = MATRIX_OF.get(lemma)
        if lemma == "tell" and any(c.dep_ == "dobj" for c in verb.children) and any(
                c.dep_ == "xcomp" and c.pos_ == "VERB" and is_infinitive(c) for c in verb.children):
            kind = "request"  # "told Manila to stop provocations": a demand, as "urged X to" (not "told X that")
        if lemma in RAISING_PASSIVES and any(c.dep_ == "nsubjpass" for c in verb.children):
            kind = None  # "X is expected to deliver": others expect it; X delivers, which is no intent of X's
        # "called for X to do Y": clauses whose subject is the one asked (requests only)
        for_clauses = [c for c in verb.children if c.dep_ in ("advcl", "ccomp") and c.pos_ == "VERB"
                       and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
                       and any(g.dep_ == "nsubj" and not is_pron(g) for g in c.children)] \
            if kind == "request" else []
        if kind == "request" and lemma == "call" and not for_clauses and not any(
                c.dep_ in ("prep", "prt") and c.lower_ in ("on", "upon", "for")
                and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children) for c in verb.children):
            kind = None  # "called Lavrov to discuss Syria": a phone call, not "called on X to ..."
        if kind:
            xs = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
            if not xs and lemma == "threaten":
                # "threatening to expel him" with the infinitive parsed as a clause of purpose
                xs = [c for c in verb.children if c.dep_ == "advcl" and c.pos_ == "VERB" and is_infinitive(c)
                      and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
            if not xs and kind == "threat":
                # "warned Britain that it would expel its envoy": the clause is the threatened act
                xs = [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ == "VERB"
                      and any(g.dep_ == "aux" and g.lower_ in ("will", "would", "'ll", "could", "might") for g in c.children)]
                # "warned the envoy that his cabinet would throw him out": parsed as a clause on the object
                xs += [r for c in verb.children if c.dep_ == "dobj" for r in c.children
                       if r.dep_ == "relcl" and r.pos_ == "VERB"
                       and any(g.dep_ == "mark" and g.lower_ == "that" for g in r.children)
                       and any(g.dep_ == "aux" and g.lower_ in ("will", "would", "'ll") for g in r.children)]
            if not xs and kind == "request":
                # "demanded that France withdraw": the clause's subject is the one asked
                xs = [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ == "VERB"
                      and any(g.dep_ == "nsubj" and not is_pron(g) for g in c.children)]
            if not xs and kind == "request":
                xs = for_clauses  # "called for Mugabe to step down": Mugabe is the one asked
            if xs:
                inner = xs[0]
                # "agreed to begin selling": look through light verbs
                for _ in range(3):
                    nxt = [c for c in inner.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
                    if nxt and MATRIX_OF.get(inner.lemma_.lower()) == "light":
                        inner = nxt[0]
                    else:
                        break
                consumed.add(inner.i)
                chain = kind
                if fights_a_problem(inner):
                    # "agreed to fight poaching together": what was agreed is no fight between the two (the
                    # agreement alone stands)
                    inner, chain = verb, None
        if chain is None and not kind and lemma in RESPONSE_VERBS:
            # "retaliated by expelling ten diplomats", "responded by closing the border": the gerund is the act
            xs = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "by"
                  for g in c.children if g.dep_ == "pcomp" and g.pos_ == "VERB"]
            if xs:
                inner = xs[0]
                consumed.add(inner.i)
                chain = "light"
        if chain is None and not kind and lemma in STANCE_VERBS:
            # "expressed its willingness to cooperate with X", "announced its refusal to attend": the noun
            # turns its infinitive into the chain a matrix verb would ("agreed to cooperate")
            for c in verb.children:
                nk = CHAIN_NOUNS.get(c.lemma_.lower()) if c.dep_ == "dobj" else None
                if nk is None or any(g.dep_ == "poss" and not is_pron(g) for g in c.children):
                    continue  # not "welcomed Putin's offer to mediate": someone else's intention
                xs = [g for g in c.children if g.dep_ in ("acl", "xcomp") and g.pos_ == "VERB"
                      and is_infinitive(g)]
                if xs:
                    inner = xs[0]
                    consumed.add(inner.i)
                    chain = nk
                    break
        if chain is None and verb.dep_ == "conj" and verb.head.dep_ == "xcomp" \
                and MATRIX_OF.get(verb.head.head.lemma_.lower()) in ("intent", "threat", "refuse", "hedge"):
            # "agreed to share information and cooperate": the second act is as much a promise as the first
            chain = MATRIX_OF[verb.head.head.lemma_.lower()]
        if chain is None and verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" \
                and verb.head.lemma_.lower() in INTENT_ADJECTIVES:
            chain = "intent"  # "is willing to withdraw", "stands ready to help"
        obliged = None
        # "X said Y must ensure security and provide amenities": the second act is as much asked for
        ob = verb.head if verb.dep_ == "conj" and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux") for c in verb.children) else verb
        if chain is None and ob.dep_ == "ccomp" and ob.head.lemma_.lower() in SPEECH_VERBS \
                and any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in ob.children):
            # "X said Y must disarm": X asks Y to disarm
            speakers = [c for c in ob.head.children if c.dep_ == "nsubj" and not is_pron(c)]
            doers = [c for c in ob.children if c.dep_ == "nsubj" and not is_pron(c)]
            if speakers and doers:
                chain = "request"
                obliged = (speakers, doers)
        inner_lemma = inner.lemma_.lower()
        noun = None
        others: list[Token] = []
        for c in inner.children:
            if c.dep_ in ("dobj", "nsubjpass"):
                # "received logistics and financial support": any of the coordinated objects
                known = [x for x in self.expand_conj(c) if lex.knows("N", x.lemma_.lower())]
                if not known and (c.ent_type_ == "MONEY" or c.lemma_.lower() in MONEY_NOUNS):
                    # "announced 50 million euros in aid for X": the money is given as what the noun says
                    known = [g for p in c.children if p.dep_ == "prep" and p.lower_ == "in"
                             for g in p.children if g.dep_ == "pobj" and lex.knows("N", g.lemma_.lower())]
                if not known:
                    known = self._contents(c)  # "announced a new round of sanctions", "an aid package for X"
                if not known and c.lemma_.lower() in GENERIC_EVENT_HEADS:
                    # "launched a mediation effort", "began a bombing campaign": the named kind of undertaking
                    known = [g for g in c.children if g.dep_ == "compound" and g.pos_ == "NOUN"
                             and lex.knows("N", g.lemma_.lower())]
                if known:
                    noun = known[0]
                    others = known[1:]
                    break
        if noun is None and chain is None and lemma == "come":
            # "came under attack from X": the noun after "under" is what X did to the subject
            noun = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "under"
                         for g in c.children if g.dep_ == "pobj" and lex.knows("N", g.lemma_.lower())), None)
        if chain is None and not lex.knows("V", lemma) and noun is None:
            return []
        if obliged is not None:
            if not lex.knows("V", lemma) and noun is None:
                lemma = "urge"  # an obligation with an act the lexicon does not know: a plain request
        if chain is not None and not lex.knows("V", inner_lemma) and not lex.knows("V", lemma):
            return []
        sources, passive = self.subjects(verb)
        if chain == "threat" and sources and all(self.rank(x, actor_tokens) in (None, 3) for x in sources):
            return []  # "the war threatens to spread to Chad": a risk, not a threat anyone makes
        extra = ()
        if obliged is not None:
            sources = self.expand_conj(obliged[0][0])
            _, particles, cues = self.objects(verb, False, actor_tokens)
            targets = self.expand_conj(obliged[1][0])
        elif chain == "request":
            # "urged Pakistan to stop", "called on Turkey to release": the persuaded party is the target
            inner_passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in inner.children)
            t_in, particles, cues = self.objects(inner, inner_passive, actor_tokens)
            targets, p2, c2 = self.objects(verb, passive, actor_tokens)
            if inner.dep_ == "ccomp" or inner in for_clauses:
                targets = [c for c in inner.children if c.dep_ == "nsubj"]
            if inner in for_clauses:
                p2 = [*p2, "for"]
            particles += p2
            merge_cues(cues, c2)
            if not targets:
                targets = t_in
        elif chain:
            inner_passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in inner.children)
            targets, particles, cues = self.objects(inner, inner_passive, actor_tokens)
            if targets and {t.i for t in targets} <= {s.i for s in sources}:
                targets = []  # "warned X that his cabinet would throw him out": "him" is not the one warning
            if targets and chain == "threat" and self.negated(inner) and not self.negated(verb) and any(
                    c.dep_ == "dobj" and self.rank(c, actor_tokens) in (0, 1) for c in verb.children):
                targets = []  # "warned the US not to interfere in Taiwan": the one warned, not the place
            if not targets:
                t2, p2, c2 = self.objects(verb, passive, actor_tokens)
                targets = t2
                merge_cues(cues, c2)
            elif (self.last_raw or 0) >= 2 and any(c.dep_ == "dobj" for c in verb.children):
                # "refused the Kenyan envoy to inspect the pipeline": the act's object is only a thing or place,
                # the one the matrix verb acts on is the other side
                kept = (self.last_rank, self.last_raw, self.last_prep, self.last_owner, self.last_pron_obj)
                t2, p2, c2 = self.objects(verb, passive, actor_tokens)
                if t2 and (self.last_raw if self.last_raw is not None else 9) <= 1:
                    targets = t2
                    merge_cues(cues, c2)
                else:
                    self.last_rank, self.last_raw, self.last_prep, self.last_owner, self.last_pron_obj = kept
            if chain == "threat" and (not targets or (self.last_raw or 0) >= 3 or self.last_prep in ("to", "into", "in")
                                      or not any(i in actor_tokens for t in targets for i in range(*self.mention(t, actor_tokens)))):
                # "warned it would take decisive action if Seoul continued the drills", "threatened to close
                # the Strait of Hormuz if the US ...", "to deploy missiles to Kaliningrad if Finland joined NATO":
                # the one whose act would bring it on is the one threatened, not where the threat would be carried
                conds = [g for h in (inner, verb) for c in h.children if c.dep_ == "advcl"
                         and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
                         for g in c.children if g.dep_ in ("nsubj", "nsubjpass") and not is_pron(g)
                         and self.rank(g, actor_tokens) in (0, 1)]
                if conds:
                    targets = self.expand_conj(conds[0])
                    self.last_raw = self.rank(conds[0], actor_tokens)
            if chain in ("threat", "request") and (not targets or (self.last_raw or 0) >= 1):
                # "sent a letter to X threatening to pull its funding": the threat is made to the one the
                # letter went to, not to the funding (nor to an unnamed "embassy" it would close)
                addressees = self._addressees(verb, actor_tokens)
                if addressees and (not targets or (self.last_raw or 0) >= 2 or any(
                        i in self._named for i in range(*self.mention(addressees[0], actor_tokens)))):
                    targets = addressees
        else:
            targets, particles, cues = self.objects(verb, passive, actor_tokens, extra)
            if declared is not None and not passive:
                declared = self._resolve_pron(declared, verb)
                targets = self.expand_conj(declared)
                self.last_rank = self.last_raw = self.rank(declared, actor_tokens)
                if latin_head(declared):
                    # resolved as the words before "persona", headed by the one declared ("consul": GOV)
                    self._phrase.setdefault(declared.i, verb.doc[slice(*self.mention(declared, actor_tokens))].text)
            for t in targets if unwelcome else ():
                self._cues(t, cues)  # "declared two diplomats persona non grata": expels diplomats
        given = False
        # "Ukraine received Patriot missiles from Washington", "received a package of aid from X": goods got from X
        goods = noun is None and lemma in RECEIVE_VERBS and any(
            c.dep_ == "dobj" and any(x.lemma_.lower() in GIVEN_GOODS for x in (c, *_parts(c))) for c in verb.children)
        if goods or (lemma in RECEIVE_VERBS or lemma == "come" or (
                # "approved a $3 billion loan from the IMF", "accepted aid from Japan": what is given comes from X
                lemma in ACCEPT_VERBS and noun is not None and noun.lemma_.lower() in GIVING_NOUNS)) \
                and (noun is not None or goods) and not passive and sources and chain is None:
            # "Yemen received aid from Saudi Arabia": the giver is the doer, the receiver the target
            # ("won the backing of the EU": the "of" phrase of a noun of backing is its giver too)
            objs = [c for c in verb.children if c.dep_ == "dobj"]  # ("received a package of aid from X")
            givers = [g for h in (verb, noun, *objs) if h is not None for c in h.children if c.dep_ == "prep" and (c.lower_ == "from" or (
                          c.lower_ == "of" and h is noun and noun.lemma_.lower() in BACKING_NOUNS))
                      for g in c.children if g.dep_ == "pobj" and self.rank(g, actor_tokens) in (0, 1)]
            if givers:
                sources, targets = self.expand_conj(givers[0]), sources
                given = True  # the thing given names the act ("accepted aid from X" is X's aid)
        sources = self.distribute(sources, actor_tokens)
        targets = self.distribute(targets, actor_tokens)
        # "the truce, brokered by Qatar and Egypt": the doers found again as the object's go-betweens are no receivers
        targets = [t for t in targets if t.i not in {x.i for x in sources}]
        # "X and Y agreed to a ceasefire brokered by Z": the one behind the object is no partner
        partner_found = bool(targets) and (self.last_rank or 0) < 2 and self.last_prep in (None, "with", "to", "against") \
            and not self.last_owner and not (
                # "X and Y agreed to a cessation of hostilities in Pretoria": a place where, not a partner
                _venue(targets[0])) and not (
                # "Riyadh and Tehran agreed to reopen embassies": an unnamed object of the act agreed on is no
                # partner of two named doers (not "met local officials": whom one meets is)
                len(sources) > 1 and inner is not verb and self.last_raw == 1 and all(s.i in self._named for s in sources)
                and not any(i in self._named for i in range(*self.mention(targets[0], actor_tokens))))
        symmetric = lemma in SYMMETRIC or inner_lemma in SYMMETRIC or "together" in particles or (
            noun is not None and noun.lemma_.lower() in SYMMETRIC_NOUNS) or any(
            # "Kenya and Tanzania are upgrading ties": the relation itself is shared
            c.dep_ == "dobj" and c.lemma_.lower() in SYMMETRIC_NOUNS for c in inner.children)
        # (not the go-betweens of a deal: "a truce brokered by Qatar and Egypt" is no act between the two)
        paired = len(sources) > 1 and symmetric and not partner_found and lemma not in BROKER_VERBS
        if paired:
            # "Trump and Putin agreed to share information": the partners are each other's targets
            sources, targets = sources[:1], sources[1:]
        if sources and self.negated(verb) and self.future(verb) and (not targets or (self.last_rank or 0) >= 3):
            # "will keep up the boycott until the ministry pays": the condition's subject is the other side
            conds = [g for c in verb.children if c.dep_ == "advcl"
                     and any(m.dep_ == "mark" and m.lower_ in ("until", "unless", "before") for m in c.children)
                     for g in c.children if g.dep_ in ("nsubj", "nsubjpass") and not is_pron(g)]
            if conds and self.rank(conds[0], actor_tokens) is not None:
                targets = self.expand_conj(conds[0])
        if sources and lemma in IMPOSE_VERBS and (not targets or self.last_prep not in ("on", "against")):
            # "imposed sanctions over the crackdown, among them visa bans, on X officials": the
            # parse loses the "on" phrase behind the inserted phrases; it is still the one sanctions fall on
            on = self._later_on_receiver(verb, actor_tokens)
            if on:
                targets = on
                self.last_raw = self.rank(on[0], actor_tokens)
        if sources and lemma in TRANSFER_VERBS and (not targets or (self.last_raw or 0) >= 2):
            # "supplied 90% of the equipment Belarus has obtained": the one who got what was given
            got = [g for d in verb.children if d.dep_ == "dobj" for t in d.subtree
                   if t.dep_ == "relcl" and t.lemma_.lower() in ACQUIRE_VERBS
                   for g in t.children if g.dep_ == "nsubj" and self.rank(g, actor_tokens) in (0, 1)]
            if got:
                targets = self.expand_conj(got[0])
                self.last_raw = self.rank(got[0], actor_tokens)
        if sources and chain is None and (not targets or (self.last_raw or 0) >= 2):
            # "summoned the ambassador to complain about Russian incursions", "called X to discuss Ukraine-related
            # issues": the purpose is pursued with the one summoned or called, not with the thing it is about
            met = self._purpose_partner(verb, actor_tokens)
            if met:
                targets = met
                self.last_raw = self.rank(met[0], actor_tokens)
        if sources and (not targets or (self.last_raw or 0) >= 3) and not self.last_pron_obj:
            # nothing (or only a thing) attached directly: the closest named actor further down the
            # verb's own clause ("dropped curbs on purchases of Chilean copper", "resigned after protests in Peru");
            # not the venue of two partners' act ("X and Y agreed to a cessation of hostilities in Pretoria")
            deep = self.deep_target(inner, sources)
            if deep and not (paired and _venue(deep[0])):
                targets = deep
        if not sources or not targets:
            return []
        if lemma == "call" and chain is None and any(c.dep_ == "oprd" and c.pos_ in ("NOUN", "ADJ") for c in verb.children) \
                and any(c.dep_ == "dobj" for c in verb.children):
            # "called them traitors", "called the vote a farce": naming someone, not a phone call (041); only a
            # name of abuse makes it an event (111)
            m = lex.lookup("V", lemma, particles, frozenset(cues), cues)
            if m is None or m.code[:2] == "04":
                return []
        # "urged Armenia not to join the court", "warned X not to interfere": what is asked or warned against is
        # the act not done; the request or warning itself is made (a plain 020 or 130)
        inner_negated = chain in ("request", "threat") and inner is not verb and self.negated(inner) \
            and not self.negated(verb)
        neg = (self.negated(verb) or (inner is not verb and self.negated(inner))) and not inner_negated
        refusal = neg and self.future(verb)
        # "Russia said it would send aid": "would" in reported speech is the reported "will", not a hedge
        reported_will = self.reported_would(verb) or (
            # "introduced a bill that would sanction X": what the text would do is its authors' stated plan
            verb.dep_ == "relcl" and verb.head.lemma_.lower() in TEXT_NOUNS and verb.head.dep_ == "dobj"
            and verb.head.head.lemma_.lower() not in NOT_AUTHOR_VERBS
            and any(c.dep_ == "aux" and c.lower_ == "would" for c in verb.children)
            and any(c.dep_ == "nsubj" and c.lower_ in ("that", "which") for c in verb.children))
        spec = (self.speculative(verb, ignore_would=reported_will) or (chain == "hedge")
                # "is considering new sanctions against X": what is weighed is not done
                or (chain is None and noun is not None and lemma in SPEC_GOVERNORS)) \
            and obliged is None  # "must" is the demand itself
        words = sorted({verb.i, inner.i} | {c.i for c in verb.children if c.dep_ == "prt"}
                       | {c.i for c in inner.children if c.dep_ == "prt"})
        out = []
        # "killed five civilians in Gaza", the place hung on the verb: where the harm was done (one per verb)
        scene = self.place_of(verb, ("in", "inside"))
        for s, srng, t, trng in self._mention_pairs(sources, targets, actor_tokens):
            if t.i == s.i or srng == trng or (srng[0] <= t.i < srng[1]) or (trng[0] <= s.i < trng[1]):
                continue
            if lemma in PRESS_VERBS and t.lemma_.lower() in PRESS_NOUNS:
                continue  # "told reporters": a public statement (CAMEO 01), not a consultation
            if (s.lemma_.lower() in PERSON_NOUNS or s.lemma_.lower() in STATE_ORGANS) and any(
                    c.dep_ == "poss" and c.lower_ == t.lower_ and _compounds(c) == _compounds(t) for c in s.children):
                # "Iran's supreme leader warned that any attack on Iran ...": his own country (not "North Korea's
                # foreign ministry castigated South Korea")
                continue
            if (lemma in VISIT_VERBS or lemma == "visit") and (s.lemma_.lower() in OWN_FORCES or s.lemma_.lower() in NON_VISITORS):
                continue  # "refugees arrived in X", "peacekeepers arrived in X": not a visit
            person = any(verb.doc[i].ent_type_ == "PERSON" for i in range(*trng))
            out.append({
                "sent": sent_of[verb.i],
                "anchor": verb.i,
                "pos": "V",
                "lemma": lemma,
                "inner": inner_lemma if (inner is not verb or chain) else None,
                "noun": noun.lemma_.lower() if noun is not None else None,
                # "ordered the tanker's release" is "ordered the release of the tanker": a possessor counts as "of"
                # (not for verbs of judgement: in "welcomed Sweden's recognition" Sweden is the doer)
                "noun_particles": ([c.lower_ for c in noun.children if c.dep_ == "prep"]
                                   + (["of"] if lemma not in JUDGE_VERBS and any(
                                       c.dep_ == "poss" and not is_pron(c) for c in noun.children)
                                      else [])) if noun is not None else [],
                "light": (inner_lemma if inner is not verb else lemma) in LIGHT_VERBS or given,
                "chain": chain,
                "inner_negated": inner_negated,
                "particles": particles,
                "inner_particles": [c.lower_ for c in inner.children if c.dep_ in ("prt", "prep")],
                "cues": sorted(cues),
                # how deep each cue sits in its phrase: "concern about support" is a concern
                "cue_depth": dict(cues),
                "words": words,
                "src": list(srng),
                "src_head": s.i,
                # "thousands of people protested the killing": a crowd's protest is a demonstration
                "crowd": s.lemma_.lower() in CROWD_NOUNS,
                "tgt": list(trng),
                "tgt_head": t.i,
                "negated": neg and not refusal,
                # "will not lift the ban": a refusal, coded as REJECT (see classify)
                "refusal": refusal,
                # "X will send aid": a statement of what one is going to do, coded as intent (03x)
                "future_intent": bool(chain is None and not neg and (reported_will or any(
                    c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children)
                    or self.stray_will(verb))),
                "speculative": spec,
                "src_ent": any(i in actor_tokens for i in range(*srng)),
                "tgt_ent": any(i in actor_tokens for i in range(*trng)),
                "src_phrase": self._phrase.get(s.i),
                "tgt_phrase": self._phrase.get(t.i),
                "tgt_rank": self.rank(t, actor_tokens),
                # "arrived in Tulum to meet officials": a receiver that is only where the act took place
                "tgt_place": t.head.dep_ == "prep" and t.head.lower_ in HARM_PLACE_PREPS and t.dep_ == "pobj",
                # "rejected the referendum": the thing judged stands as the target, code or not
                "judged": (judges_owner(verb, t) and t.dep_ in ("dobj", "nsubjpass") and t.head.i == verb.i
                           and t.pos_ == "NOUN"),
                "src_loc": self.place_of(s),
                # where a judged harm happened is no one judged ("condemned the attack in Uri": not India); a person
                # named is only where he was ("killed journalist Jamal Khashoggi in Istanbul" says nothing of his
                # country, "a journalist from Iran" does); "hit an airport near Damascus": Syria's
                "tgt_loc": None if lemma in JUDGE_VERBS and t.lemma_.lower() in HARM_NOUNS
                else self.place_of(t, ("of", "from") if person else ("in", "of", "at", "from", "near")),
                # "held talks with the opposition in Oslo": where a meeting is held is no one's home (the
                # resolver keeps only a place the partner is "of" or "from" for meetings)
                "tgt_home": self.place_of(t, ("of", "from")),
                "tgt_after": None if person else self.place_after(t, trng[1]),
                "tgt_scene": None if person else scene,
                # "Venezuela's government and the opposition held talks": the partner named with the doer
                "tgt_paired": paired,
                # "gave 50 million euros to help X": the verb of the purpose clause ("to help") and the act it
                # is the purpose of (classify drops the purpose when that act is already aid)
                "purpose_of": verb.head.i if (verb.dep_ in ("advcl", "xcomp") and verb.head.pos_ == "VERB"
                                              and is_infinitive(verb))
                else None,
                # "ambushed a convoy, killing seven soldiers": the participle clause with no doer of its own and
                # the act it follows (classify keeps one event when both are the same kind of act)
                "participle_of": verb.head.i if (verb.dep_ == "advcl" and verb.tag_ == "VBG"
                                                 and verb.head.pos_ == "VERB" and not any(
                                                     c.dep_ in ("nsubj", "nsubjpass") for c in verb.children))
                else None,
            })
        if others and out and (inner_lemma if inner is not verb else lemma) in STANCE_NOUN_VERBS:
            # "expressed its rejection and condemnation of X": each coordinated stance is taken towards X
            # (not "announced aid and support for X", where the second noun mostly restates the first)
            shared = [c.lower_ for n in (noun, *others) for c in n.children if c.dep_ == "prep"]
            lemmas = dict.fromkeys(o.lemma_.lower() for o in others)  # distinct, in order
            out += [{**f, "noun": lem, "noun_particles": shared}
                    for lem in lemmas if lem != out[0]["noun"] for f in out]
        return out

    def _noun_frames(self, noun: Token, actor_tokens: set[int], sent_of) -> list[dict]:
        sources, targets, particles, cues = [], [], [], set()
        for c in noun.children:
            if c.dep_ == "poss" and not is_pron(c):
                sources.append(c)
            elif c.dep_ == "prep":
                particles.append(c.lower_)
                for g in c.children:
                    if g.dep_ != "pobj":
                        continue
                    if c.lower_ == "of" and noun.lemma_.lower() in GIVING_NOUNS:
                        # "the sale of fighter jets to Taiwan": what is given names the act and is no party to it
                        of_cues: dict[str, int] = {}
                        self._cues(g, of_cues, limit=4)
                        cues.update(of_cues)
                        if any(p.dep_ == "prep" and p.lower_ in ("to", "for") for p in noun.children):
                            continue
                    if c.lower_ == "by" or (c.lower_ == "from" and noun.lemma_.lower() in GIVING_NOUNS):
                        sources.append(g)  # "aid from Japan to Nepal"
                    elif c.lower_ == "between" and not sources:
                        # "an agreement between X and Y": the first named is the source ("clashes between Armenian
                        # and Azerbaijani forces": the two modifiers)
                        parties = self.expand_conj(g)
                        if len(parties) == 1:
                            parties = self.distribute(parties, actor_tokens)
                        if len(parties) > 1:
                            sources.append(parties[0])
                            targets.extend(parties[1:])
                    elif c.lower_ in TARGET_PREPS and c.lower_ not in ("in", "inside", "across"):
                        targets.append(g)  # "protests in Kabul": a place, not the one protested against
            elif c.dep_ in ("compound", "amod"):
                cues.add(c.lemma_.lower())  # ("military aid", "humanitarian assistance")
        head = noun.head
        if not sources and targets and noun.dep_ == "pobj" and head.lower_ in ("in", "at") \
                and head.head.lemma_.lower() in ("be", "remain", "stay"):
            # "India is in talks with China", "remained at war with X": the one in that state
            sources = [g for g in head.head.children if g.dep_ == "nsubj" and not is_pron(g)][:1]
        if not sources and targets:
            # "a Russian offensive on Bakhmut", "US sanctions against Iran": the named modifier is the doer
            sources = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i
                       and ((c.i in self._named and c.i in actor_tokens
                             and (c.ent_type_ in ("NORP", "GPE", "ORG") or self.rank(c, actor_tokens) in (0, 1)))
                            # "a Syrian regime offensive": an actor noun with a named modifier of its own
                            or (c.pos_ == "NOUN" and self.rank(c, actor_tokens) == 1 and any(
                                g.i in self._named for g in c.children if g.dep_ in ("amod", "compound"))))][:1]
            targets = [t for t in targets if t.i not in {x.i for x in sources}]
            modifier_source = True
        else:
            modifier_source = False
        # "US sanctions on Iran were lifted", "China's ban on Japanese seafood was eased": with no one named as
        # lifting it, the act undone is its owner's undoing (085, 081), not its imposition
        undone = noun.dep_ == "nsubjpass" and head.pos_ == "VERB" and head.lemma_.lower() in UNDO_VERBS \
            and not any(c.dep_ == "agent" for c in head.children)
        if undone:
            cues.add(noun.lemma_.lower())
        out = []
        for s, srng, t, trng in self._mention_pairs(sources, targets, actor_tokens, check_sources=not modifier_source):
            if not self.actor_like(t, trng, actor_tokens) or srng == trng:
                continue
            out.append({
                "sent": sent_of[noun.i], "anchor": noun.i, "pos": "V" if undone else "N",
                "lemma": head.lemma_.lower() if undone else noun.lemma_.lower(),
                "inner": None, "noun": None, "noun_particles": [], "light": False, "chain": None, "particles": particles, "inner_particles": [],
                "cues": sorted(cues), "words": sorted({noun.i, head.i}) if undone else [noun.i],
                "src": list(srng), "src_head": s.i,
                "tgt": list(trng), "tgt_head": t.i, "negated": self.negated(head if undone else noun),
                "tgt_rank": self.rank(t, actor_tokens),
                "src_phrase": self._phrase.get(s.i), "tgt_phrase": self._phrase.get(t.i),
                "speculative": self.speculative(noun.head) if noun.head.pos_ == "VERB" else False,
                "src_ent": any(i in actor_tokens for i in range(*srng)),
                "tgt_ent": any(i in actor_tokens for i in range(*trng)),
            })
        return out

    def _adj_frames(self, adj: Token, actor_tokens: set[int], sent_of) -> list[dict]:
        """"X is critical of Y", "a report highly critical of Y" (the report's issuer), "X is opposed to Y":
        coded as the verb the adjective stands for."""
        verb_lemma, preps = ADJ_EVENTS.get(adj.lemma_.lower()) or ADJ_EVENTS[adj.lower_]
        targets = [g for c in adj.children if c.dep_ in ("prep", "agent") and c.lower_ in preps
                   for g in c.children if g.dep_ == "pobj"]
        # "disappointed with China's decision", "concerned about Russia's buildup": whose act it is
        targets = [o for g in targets for o in ([g] if self.rank(g, actor_tokens) is not None else owners(g))]
        if adj.pos_ == "VERB":  # a participle read as a passive verb: its subject feels it
            sources = [self._resolve_pron(c, adj) for c in adj.children if c.dep_ == "nsubjpass"]
        elif adj.dep_ == "acomp":
            sources, _ = self.subjects(adj.head)
        elif adj.dep_ == "amod" and adj.head.dep_ in ("dobj", "nsubj") and adj.head.head.pos_ == "VERB":
            sources, _ = self.subjects(adj.head.head) if adj.head.dep_ == "dobj" else ([], False)
        else:
            sources = []
        out = []
        for s, srng, t, trng in self._mention_pairs(sources, targets, actor_tokens):
            if not self.actor_like(t, trng, actor_tokens) or srng == trng:
                continue
            out.append({
                "sent": sent_of[adj.i], "anchor": adj.i, "pos": "V", "lemma": verb_lemma,
                "inner": None, "noun": None, "noun_particles": [], "light": False, "chain": None,
                "particles": [], "inner_particles": [], "cues": [], "words": [adj.i],
                "src": list(srng), "src_head": s.i, "tgt": list(trng), "tgt_head": t.i,
                "negated": self.negated(adj) if adj.pos_ == "VERB"
                else self.negated(adj.head) if adj.dep_ == "acomp" else False,
                "refusal": False, "future_intent": False,
                "speculative": self.speculative(adj) if adj.pos_ == "VERB"
                else self.speculative(adj.head) if adj.head.pos_ in ("VERB", "AUX") else False,
                "src_ent": any(i in actor_tokens for i in range(*srng)),
                "tgt_ent": any(i in actor_tokens for i in range(*trng)),
                "tgt_rank": self.rank(t, actor_tokens),
                "src_loc": self.place_of(s), "tgt_loc": self.place_of(t),
            })
        return out

    def _blame_frames(self, verb: Token, actor_tokens: set[int], sent_of) -> list[dict]:
        """"Ukraine said Russia was responsible for the attack", "officials say the group is behind the
        bombing", "X claimed Y was to blame": the speaker accuses the one named as to blame (112)."""
        out = []
        for clause in verb.children:
            if clause.dep_ != "ccomp":
                continue
            broken = False
            if clause.lemma_.lower() in PERPETRATE_VERBS:
                # "the UN said Israeli forces had committed war crimes": the speaker accuses the doer
                cue_heads = [c for c in clause.children if c.dep_ == "dobj"
                             and c.lemma_.lower() in WRONGDOING_NOUNS | HARM_NOUNS]
                if not cue_heads:
                    continue
            elif clause.lemma_.lower() in BREAK_RULE_VERBS:
                # "Ankara said Athens was violating international law", "Kyiv said Moscow had breached the truce":
                # the speaker accuses the one said to break a rule or a deal
                cue_heads = [c for c in clause.children if c.dep_ == "dobj" and c.lemma_.lower() in RULE_NOUNS]
                if not cue_heads:
                    continue
                broken = True
            elif clause.lemma_.lower() != "be":
                continue
            else:
                cue_heads = []
            for c in clause.children if clause.lemma_.lower() == "be" else ():
                if c.dep_ == "acomp" and c.lemma_.lower() in BLAME_ADJECTIVES:
                    cue_heads.extend(g for p in c.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj")
                elif c.dep_ == "prep" and c.lower_ in BLAME_PREPS:
                    cue_heads.extend(g for g in c.children if g.dep_ == "pobj")
                elif c.dep_ == "xcomp" and c.lemma_.lower() == "blame":
                    cue_heads.extend(g for p in c.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj")
                else:
                    continue
                break
            else:
                if clause.lemma_.lower() == "be":
                    continue
            sources, _ = self.subjects(verb)
            targets = [t for c in clause.children if c.dep_ == "nsubj" and not is_pron(c)
                       for t in self.expand_conj(through_quantity(c))]
            if not broken and not any(g.lemma_.lower() in HARM_NOUNS | WRONGDOING_NOUNS or (
                    g.pos_ == "NOUN" and self.lexicon.knows("N", g.lemma_.lower())) for g in cue_heads):
                continue  # "responsible for security", "behind the president": a duty or support, not blame
            cues: dict[str, int] = {}
            for g in cue_heads:
                self._cues(g, cues)
            for s, srng, t, trng in self._mention_pairs(sources, targets, actor_tokens):
                if self.rank(t, actor_tokens) not in (0, 1) or srng == trng:
                    continue
                out.append({
                    "sent": sent_of[verb.i], "anchor": clause.i, "pos": "V", "lemma": "accuse",
                    "inner": None, "noun": None, "noun_particles": [], "light": False, "chain": None,
                    "particles": [], "inner_particles": [], "cues": sorted(cues), "cue_depth": dict(cues),
                    "words": [clause.i], "src": list(srng), "src_head": s.i, "tgt": list(trng),
                    "tgt_head": t.i, "negated": self.negated(clause) or self.negated(verb),
                    "refusal": False, "future_intent": False,
                    "speculative": self.speculative(clause) or self.speculative(verb),
                    "src_ent": any(i in actor_tokens for i in range(*srng)),
                    "tgt_ent": any(i in actor_tokens for i in range(*trng)),
                    "tgt_rank": self.rank(t, actor_tokens),
                    "src_loc": self.place_of(s), "tgt_loc": self.place_of(t),
                })
        return out

    @staticmethod
    def _dedupe(frames: list[dict]) -> list[dict]:
        """A noun frame repeating a verb frame's pair in the same sentence is dropped."""
        verb_pairs = {(f["sent"], tuple(f["src"]), tuple(f["tgt"])) for f in frames if f["pos"] == "V"}
        return [f for f in frames if f["pos"] == "V" or (f["sent"], tuple(f["src"]), tuple(f["tgt"])) not in verb_pairs]


@Language.factory("detente_events_v1", requires=["token.dep", "token.lemma", "doc.spans"],
                  assigns=["doc.user_data"])
def make_event_extractor(nlp: Language, name: str) -> EventExtractor:
    return EventExtractor(nlp, name)

"""``detente_classify_v1``: CAMEO code and confidence for each frame.

The lexicon decides (see :mod:`detente.coder.lexicon`). Confidence grows with
how specific the matching row was (a cue in the object phrase beats a bare
verb) and drops for codes that came from the optional PETRARCH verb list.
Frames the lexicon cannot code are dropped.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from detente.coder.components.events import FRAMES_KEY
from detente.coder.lexicon import CHAIN, Lexicon, Match, _chain_intent, _chain_refuse, _chain_threat
from detente.ontology import cameo


def classify_frame(frame: dict, lex: Lexicon) -> Match | None:
    cues = frozenset(frame["cues"])
    depth = frame.get("cue_depth")
    if frame.get("inner_negated"):
        # "urged X not to join": the request (or warning) made, whatever act it asks to be left undone
        return Match("130" if frame["chain"] == "threat" else "020", 1, "lexicon")
    if frame["chain"] and frame["inner"]:
        inner = lex.lookup("V", frame["inner"], frame["inner_particles"] + frame["particles"], cues, depth)
        if (inner is None or (inner.specificity == 0 and frame.get("light"))) and frame.get("noun"):
            inner = lex.lookup("N", frame["noun"], frame.get("noun_particles", []) + frame["particles"], cues, depth) or inner
        if inner is not None:
            if frame["chain"] == "intent" and frame["lemma"] in ("offer", "volunteer") and inner.code[:2] == "15":
                # "Kenya offered to deploy police officers to Haiti": forces offered are protection (0334), no threat
                return Match("0334", max(inner.specificity, 1), inner.source)
            rule = CHAIN.get(frame["chain"])
            code = rule(inner.code) if rule else inner.code
            return Match(code, max(inner.specificity, 1), inner.source)
        if frame["chain"] == "threat":
            return Match("130", 1, "lexicon")  # "warned X that it would respond": a threat, the act unnamed
        m = lex.lookup("V", frame["lemma"], frame["particles"], cues, depth)
        if m is None and frame["chain"] == "request":
            return Match("020", 1, "lexicon")  # "told Manila to stop provocations": a demand, the act unnamed
        return m
    m = lex.lookup(frame["pos"], frame["lemma"], frame["particles"], cues, depth)
    if m is not None and m.code == "150" and frame.get("tgt_paired"):
        # "Russia and Belarus held military exercises": a show of force put on together is military cooperation
        return Match("062", m.specificity, m.source)
    noun = frame.get("noun")
    if noun and (m is None or (m.specificity == 0 and frame.get("light"))):
        # "announced a ceasefire with", "ordered the arrest of": the noun carries the event
        n = lex.lookup("N", noun, frame.get("noun_particles", []) + frame["particles"], cues, depth)
        if n is not None:
            if frame["lemma"] in PLANNING_VERBS:
                # "planned an attack on X", "plans a visit to X": what is planned has not happened (as "planned
                # to attack": a threat, 138; "plans to visit": an intention, 036)
                return Match(_chain_intent(n.code), n.specificity, n.source)
            return Match(n.code, n.specificity, n.source)
    return m


def confidence(match: Match, frame: dict) -> float:
    base = 0.45 if match.specificity < 0 else 0.6 + 0.08 * match.specificity
    if frame["pos"] == "N":
        base -= 0.05
    if not (frame.get("src_ent") and frame.get("tgt_ent")):
        base -= 0.1
    return round(max(0.05, min(base, 0.95)), 2)


# Light verbs whose event noun is only planned or proposed ("proposed a series of agreements with X").
PLANNING_VERBS = frozenset({"plan", "propose"})
# Codes that, as the purpose of aid given ("to help", "to support", "to boost cooperation"), say nothing more.
PURPOSE_ROOTS = frozenset({"04", "05", "06", "07"})


def _same_kind_act(frames: list[dict], link: str) -> list[dict | None]:
    """For each frame, the frame of the verb its ``link`` field names ("purpose_of", "participle_of") when
    that one has the same doer and PLOVER type, else None."""
    kinds = [cameo.lookup(f["code"]).plover_type for f in frames]
    acts = {(f["anchor"], tuple(f["src"]), k): f for f, k in zip(frames, kinds)}
    return [acts.get((f.get(link), tuple(f["src"]), k)) for f, k in zip(frames, kinds)]


class EventClassifier:
    def __init__(self, nlp: Language, name: str, lexicon: Lexicon | None = None) -> None:
        self.name = name
        self.lexicon = lexicon or Lexicon.default()

    def __call__(self, doc: Doc) -> Doc:
        kept = []
        for f in doc.user_data.get(FRAMES_KEY, []):
            m = classify_frame(f, self.lexicon)
            if m is None or not cameo.is_valid(m.code):
                continue
            info = cameo.lookup(m.code)
            if info.plover_type is None:  # CAMEO 01 statements: nothing to report
                continue
            if f.get("refusal"):
                code = _chain_refuse(m.code)
                if code[:2] != "12":
                    f["negated"] = True  # "will not attack": no refusal code, keep it as negated
                m = Match(code, m.specificity, m.source)
                info = cameo.lookup(m.code)
            elif f.get("future_intent") and m.code[:2] in ("04", "05", "06", "07", "08"):
                m = Match(_chain_intent(m.code), m.specificity, m.source)
                info = cameo.lookup(m.code)
            elif f.get("future_intent") and m.code[:2] in ("14", "16", "17", "18", "19", "20"):
                # "X will launch an offensive against Y": announced force is a threat of force (138);
                # "X will impose sanctions on Y", "will expel Y", "will boycott the talks": announced sanctions,
                # coercion or protest are threats too
                m = Match(_chain_threat(m.code), m.specificity, m.source)
                info = cameo.lookup(m.code)
            if f.get("crowd") and f["lemma"] == "protest" and m.code[:2] == "11":
                # "thousands of students protested the ruling": people in the street demonstrate (141)
                m = Match("141", m.specificity, m.source)
                info = cameo.lookup(m.code)
            elif f.get("crowd") and f["lemma"] in ("blockade", "block") and m.code[:2] in ("17", "19"):
                # "farmers blockaded the roads": a crowd obstructs passage (144); armies blockade (191)
                m = Match("144", m.specificity, m.source)
                info = cameo.lookup(m.code)
            f["code"] = m.code
            f["confidence"] = confidence(m, f)
            kept.append(f)
        doc.user_data[FRAMES_KEY] = self.merge_repeats(self.drop_verdicts_punished(self.drop_aid_purposes(
            self.drop_outcomes(self.merge_purposes(kept)))))
        return doc

    @staticmethod
    def merge_purposes(frames: list[dict]) -> list[dict]:
        """"took to the streets of Belgrade to protest against the president": an act done for the purpose of
        an act of the same kind (same doer) is one event, coded by the act. It goes to the purpose's receivers
        when they rank as well as the act's, or the act's is only where it happened ("arrived in Tulum to meet
        officials"; not for aid, "gave money to X to help people in Y")."""
        def rank(f):
            return f.get("tgt_rank") if f.get("tgt_rank") is not None else 9

        purposes: dict[int, list[dict]] = {}
        for f, act in zip(frames, _same_kind_act(frames, "purpose_of")):
            if act is not None and act is not f:
                purposes.setdefault(id(act), []).append(f)
        dropped: set[int] = set()
        out = []
        for f in frames:
            ps = purposes.get(id(f))
            if ps:
                dropped.update(id(p) for p in ps)
                # a receiver that is only where an act happened ranks behind any actor
                best = min(rank(p) + (3 if p.get("tgt_place") else 0) for p in ps)
                if best <= rank(f) or (f.get("tgt_place") and best <= 2 and f["code"][:2] != "07"):
                    # the act, coded as it is, towards each receiver of its purpose
                    out.extend({**f, **{k: v for k, v in p.items() if k.startswith("tgt")}} for p in ps)
                    continue
            out.append(f)
        return [f for f in out if id(f) not in dropped]

    @staticmethod
    def drop_outcomes(frames: list[dict]) -> list[dict]:
        """"The rebels ambushed a convoy, killing seven soldiers": a participle clause that tells what the
        act it follows did (same doer, same kind of act) is that act's outcome, not a second event."""
        out = []
        for f, act in zip(frames, _same_kind_act(frames, "participle_of")):
            # (only force has outcomes: "condemned the attacks, criticizing X for its inaction" is a second stance)
            if cameo.lookup(f["code"]).plover_type != "ASSAULT":
                act = None
            # (overlapping targets, "carried out strikes, targeting Kurdish commanders", are merged later)
            if act is None or (act["tgt"][0] < f["tgt"][1] and f["tgt"][0] < act["tgt"][1]):
                out.append(f)
        return out

    @staticmethod
    def drop_verdicts_punished(frames: list[dict]) -> list[dict]:
        """"convicted X of ... and sentenced him to seven years": the verdict (116) and the punishment that
        follows it (17x) are one legal action against X, coded as the punishment."""
        punished = {(f["sent"], tuple(f["src"]), tuple(f["tgt"]), f.get("negated"), f.get("speculative"))
                    for f in frames if f["code"][:2] == "17"}
        if not punished:
            return frames
        return [f for f in frames if not (f["code"][:3] == "116" and (
            f["sent"], tuple(f["src"]), tuple(f["tgt"]), f.get("negated"), f.get("speculative")) in punished)]

    @staticmethod
    def drop_aid_purposes(frames: list[dict]) -> list[dict]:
        """"Germany gave 50 million euros to promote investment in X", "provided aid to support refugees":
        helping, supporting or cooperating as the purpose of the aid given is that aid, not a second event."""
        aid = {(f["anchor"], tuple(f["src"])): f for f in frames if f["code"][:2] == "07"}
        if not aid:
            return frames
        out = []
        for f in frames:
            given = aid.get((f.get("purpose_of"), tuple(f["src"])))
            if given is None or f["code"][:2] not in PURPOSE_ROOTS:
                out.append(f)
                continue
            if (f.get("tgt_rank") if f.get("tgt_rank") is not None else 9) < (
                    given.get("tgt_rank") if given.get("tgt_rank") is not None else 9):
                # "sent doctors to help Nepal": the one helped is the receiver of what was sent
                given.update({k: v for k, v in f.items() if k.startswith("tgt")})
        return out

    @staticmethod
    def merge_repeats(frames: list[dict]) -> list[dict]:
        """One sentence saying the same thing twice about the same pair ("filed a complaint against X,
        accusing him of ...") is one event: keep the most confident frame per (sentence, source, target,
        PLOVER type)."""
        best: dict[tuple, dict] = {}
        order: list[tuple] = []
        for f in frames:
            key = (f["sent"], tuple(f["src"]), tuple(f["tgt"]), cameo.lookup(f["code"]).plover_type,
                   f.get("negated"), f.get("speculative"))
            if key not in best:
                order.append(key)
                best[key] = f
            elif (f["confidence"], len(f["code"])) > (best[key]["confidence"], len(best[key]["code"])):
                best[key] = f
        # "carried out a raid, targeting Islamic State commanders": the same act seen twice, once with the
        # group and once with its commanders (overlapping targets) is one event too: the fuller target is kept
        kept: list[dict] = []
        for f in (best[k] for k in order):
            pt = cameo.lookup(f["code"]).plover_type
            for i, g in enumerate(kept):
                if g["sent"] == f["sent"] and g["src"] == f["src"] and g.get("negated") == f.get("negated") \
                        and g.get("speculative") == f.get("speculative") \
                        and g["tgt"][0] < f["tgt"][1] and f["tgt"][0] < g["tgt"][1] \
                        and cameo.lookup(g["code"]).plover_type == pt:
                    # the fuller target ("the rebel group's commanders in the north") is the better-placed one
                    if (f["tgt"][1] - f["tgt"][0], f["confidence"], len(f["code"])) > (
                            g["tgt"][1] - g["tgt"][0], g["confidence"], len(g["code"])):
                        kept[i] = f
                    break
            else:
                kept.append(f)
        return kept


@Language.factory("detente_classify_v1", requires=["doc.user_data"],
                  assigns=["doc.user_data"])
def make_event_classifier(nlp: Language, name: str) -> EventClassifier:
    return EventClassifier(nlp, name)

"""``detente_resolve_v1``: give each frame its date and its actors' codes.

The date of a frame is the date expression anchored to its verb, else one
anchored to a verb above it ("officials said on Monday that ..."), else the
document date, else unknown. Actors are then resolved with
``ActorDictionary.resolve(mention, on=that date)``, so a leader's title maps to
whoever held it on the event's date. Output: ``doc.user_data["detente_events"]``,
one JSON-ready dict per event (sentence-relative character spans).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from detente.actors import countries
from detente.actors.entry import ResolvedActor
from detente.coder.components.dates import DATES_KEY, DOC_DATE_KEY
from detente.coder.components.events import FRAMES_KEY
from detente.coder.components.wordlists import POSTED_TITLES
from detente.ontology import cameo

EVENTS_KEY = "detente_events"
# Head nouns that name a country's armed forces or its government when the
# dictionary gives only the country ("Iraqi forces", "his Syrian counterpart").
HEAD_SECTORS = {
    "forces": "MIL", "force": "MIL", "troops": "MIL", "troop": "MIL", "soldiers": "MIL", "soldier": "MIL",
    "counterpart": "GOV", "counterparts": "GOV",
    "consul": "GOV", "consuls": "GOV", "attache": "GOV", "attaches": "GOV", "attaché": "GOV", "attachés": "GOV",
}
# armed groups that fight a government: a government meeting them abroad meets its own
_ARMED_NONSTATE = frozenset({"REB", "INS", "SEP"})
_TOKEN = re.compile(r"[A-Za-z][A-Za-z.]*")


def _acronyms_ok(r, text: str) -> bool:
    """False when the reading rests on an acronym ("UN", "WHO") that the mention
    spells only in another case or inside a name ("Kim Jong Un")."""
    matched = getattr(r, "matched", ()) or ()
    codes_plain = {e.code for e in matched if not e.acronym}
    forms = None
    for e in matched:
        if not e.acronym or e.code in codes_plain:
            continue
        if forms is None:
            forms = {t.replace(".", "") for t in _TOKEN.findall(text)}
        if e.phrase.replace(".", "") not in forms:
            return False
    return True


class ActorResolver:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.actors: Any = None
        self._resolve = None

    def set_actors(self, actors: Any) -> None:
        self.actors = actors

        @lru_cache(maxsize=50_000)
        def _cached(text: str, on: str | None):
            return actors.resolve(text, on=dt.date.fromisoformat(on) if on else None)

        self._resolve = _cached

    def __getstate__(self):  # the lru_cache closure does not pickle; rebuild it in the worker
        state = self.__dict__.copy()
        state["_resolve"] = None
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        if self.actors is not None:
            self.set_actors(self.actors)

    def resolve(self, text: str, on: str | None, head: str | None = None):
        if self._resolve is None:
            return None
        try:
            r = self._resolve(text, on)
        except Exception:  # noqa: BLE001  (a bad phrase must not stop a corpus run)
            return None
        if r is not None and not _acronyms_ok(r, text):
            return None
        if r is not None and head is not None:
            r = self._head_sector(r, head)
        return r

    @staticmethod
    def _bare_role(r) -> bool:
        return r.country is None and r.kind == "agent" and bool(r.sector)

    def _placed(self, role, loc: str, on: str | None):
        """``role`` (None or a role with no country, "the junta") tied to the place ``loc``
        ("the junta in Myanmar": MMRMIL); the place's country alone when there is no role."""
        place = self._place(loc, on)
        if place is None:
            return role
        if role is None:
            return place
        return self._of_country(role, place.country)

    def _of_country(self, role, country: str):
        """``role`` (a role with no country) as that of ``country`` ("the opposition", VEN: VENOPP)."""
        try:
            code = self.actors.compose(country, role.sector)
        except Exception:  # noqa: BLE001
            return role
        return ResolvedActor(code, country, role.sector, role.name, role.kind, role.matched)

    def _place(self, text: str, on: str | None):
        """A place's country (its code only: the people there are not its government)."""
        r = self.resolve(text, on)
        if r is None or not r.country:
            return None
        if r.kind == "country" and not r.sector:
            return r
        try:
            code = self.actors.compose(r.country, None)
        except Exception:  # noqa: BLE001
            return None
        return ResolvedActor(code, r.country, None, r.name, "country", r.matched)

    def _place_entries(self, text: str, on: str | None):
        """The country entries the place named matches, each with whether it is that country's capital."""
        r = self.resolve(text, on)
        for e in getattr(r, "matched", ()) or ():
            if e.kind == "country":
                c = countries.get(e.country) if e.country else None
                yield e, c is not None and e.phrase in c.capitals

    def _town(self, text: str, on: str | None) -> bool:
        """Whether the place named is a town or region (a capital, a city of places.csv), not a country's name."""
        return any(e.role or capital for e, capital in self._place_entries(text, on))

    def _capital(self, text: str, on: str | None) -> str | None:
        """The country whose capital the place named is ("Kabul": AFG), else None."""
        return next((e.country for e, capital in self._place_entries(text, on) if capital), None)

    def _head_sector(self, r, head: str):
        """A country read from a modifier takes the sector of the noun it modifies:
        "Iraqi forces" -> IRQMIL, "his Syrian counterpart" -> SYRGOV."""
        sector = HEAD_SECTORS.get(head.lower())
        if sector is None or r.kind != "country" or not r.country or r.sector:
            return r
        try:
            code = self.actors.compose(r.country, sector)
        except Exception:  # noqa: BLE001
            return r
        return ResolvedActor(code, r.country, sector, r.name, r.kind, r.matched)

    @staticmethod
    def merge_coded_repeats(events: list[dict]) -> list[dict]:
        """"Jets carried out a raid on the Taliban, targeting Taliban commanders": two frames that resolve to
        the same coded dyad, type and flags in one sentence are one event (the most confident is kept)."""
        best: dict[tuple, int] = {}
        out: list[dict] = []
        for e in events:
            if e["source_code"] is None or e["target_code"] is None:
                out.append(e)
                continue
            key = (e["sentence_index"], e["source_code"], e["target_code"], e["plover_type"], e["negated"],
                   e["speculative"])
            if key not in best:
                best[key] = len(out)
                out.append(e)
            elif e["confidence"] > out[best[key]]["confidence"]:
                out[best[key]] = e
        return out

    @staticmethod
    def frame_date(doc: Doc, frame: dict, dates: list[list]) -> tuple[str | None, str]:
        if dates:
            by_anchor: dict[int, list] = {}
            for d in dates:
                by_anchor.setdefault(d[4], d)
            tok = doc[frame["anchor"]]
            for _ in range(12):
                if tok.i in by_anchor:
                    d = by_anchor[tok.i]
                    return d[2], d[3]
                if tok.head.i == tok.i:
                    break
                tok = tok.head
            # a date elsewhere in the same sentence (not hanging from any verb above), unless it
            # dates the content of the act rather than the act: "promised to deliver jets next
            # year", "demanded that the troops leave by March" (a complement clause below it)
            # Nor a date of a thing ("the 2016 ruling") or of a background clause of its own ("Kosovo, which
            # declared independence in 2008", "after the attack in March"): they date something else.
            anchor = doc[frame["anchor"]]
            for d in dates:
                if anchor.sent.start <= d[0] < anchor.sent.end and not _in_complement(doc[d[4]], anchor) \
                        and doc[d[4]].pos_ in ("VERB", "AUX") and not _in_background(doc[d[4]], anchor):
                    return d[2], d[3]
        raw = doc.user_data.get(DOC_DATE_KEY)
        if raw:
            return raw, "day"
        return None, "unknown"

    def __call__(self, doc: Doc) -> Doc:
        dates = doc.user_data.get(DATES_KEY, [])
        sents = list(doc.sents)
        out = []
        kinds: list[str] = []
        for f in doc.user_data.get(FRAMES_KEY, []):
            date, precision = self.frame_date(doc, f, dates)
            sent = sents[f["sent"]]
            base = sent.start_char
            src = doc[f["src"][0]:f["src"][1]]
            tgt = doc[f["tgt"][0]:f["tgt"][1]]
            sp, tp = f.get("src_phrase"), f.get("tgt_phrase")
            rs = self.resolve(sp or src.text, date, sp.split()[-1] if sp else doc[f["src_head"]].text)
            rt = self.resolve(tp or tgt.text, date, tp.split()[-1] if tp else doc[f["tgt_head"]].text)
            # "the museum in Germany", "civilians in Gaza": an unnamed actor takes its place's country
            if f.get("src_loc") and (rs is None or self._bare_role(rs)):
                rs = self._placed(rs, f["src_loc"], date)
            tgt_loc = f.get("tgt_loc")
            if f["code"][:2] == "04" and rt is not None and self._bare_role(rt) and (f.get("tgt_paired") or (
                    tgt_loc and rt.sector not in _SEATED and self._town(tgt_loc, date))):
                # "held talks with the opposition in Oslo": a town is the meeting's venue (not "the government
                # in Kabul", a country's seat, nor "rebels in Syria"). The unnamed partner is of the doer's
                # country only when the text says so: named with the doer ("Venezuela's government and the
                # opposition held talks"), a government facing armed rebels (its own, wherever they meet), or
                # a venue in the doer's own country. "US officials met the opposition in Minsk" says neither
                # whose opposition nor that it is not Belarus's: no country.
                venue, tgt_loc = tgt_loc, f.get("tgt_home")
                if not tgt_loc and rs is not None and rs.country and rs.sector != rt.sector and (
                        f.get("tgt_paired") or (rt.sector in _ARMED_NONSTATE and rs.sector in ("GOV", "MIL"))
                        or (venue and getattr(self._place(venue, date), "country", None) == rs.country)):
                    rt = self._of_country(rt, rs.country)
            if tgt_loc and (rt is None or self._bare_role(rt)):
                rt = self._placed(rt, tgt_loc, date)
            elif not tgt_loc and f.get("tgt_scene") and f["code"][:2] in _HARM_ROOTS and (
                    (rt is None and f.get("tgt_rank") in (1, 2)) or (rt is not None and self._bare_role(rt))):
                # "Israeli jets killed five civilians in Gaza", "arrested three activists in Tehran": the unnamed
                # people harmed or held are of the place where it was done (PSECVL, IRNCVL)
                rt = self._placed(rt, f["tgt_scene"], date)
            elif f["code"][:2] == "04" and rt is not None and self._bare_role(rt) and rt.sector in _SEATED \
                    and f.get("tgt_after"):
                # "held talks with the government in Kabul", the parse hanging "in Kabul" on the talks: the idiom
                # names whose government it is when the place is a seat of government (a capital). Any other
                # unnamed partner ("met the opposition in Minsk") is only met there (see above)
                seat = self._capital(f["tgt_after"], date)
                if seat:
                    rt = self._of_country(rt, seat)
            elif f["code"][:2] != "04" and rt is not None and self._bare_role(rt) and f.get("tgt_after") \
                    and doc[f["tgt_head"]].lemma_.lower() not in _POSTED_ABROAD:
                # "praised the police in Kenya", "refused to recognise the junta in Niger", the parse hanging the
                # place on the verb: outside a meeting, the place right after an unnamed role is its home (not
                # for a mission abroad: "closed a consulate in San Francisco" is another country's)
                rt = self._placed(rt, f["tgt_after"], date)
            if f.get("tgt_rank") == 3 and rt is None and not f.get("judged"):
                continue  # "provided sufficient resources": a thing, not a receiver, and no actor code
            if rs is None and rt is None and not (f["src_ent"] and f["tgt_ent"]):
                continue
            if rs is not None and rt is not None and rs.code == rt.code and (
                    (rs.kind == "person" and rt.kind == "person") or (f.get("tgt_rank") or 0) >= 2
                    or (f.get("tgt_rank") == 1 and rt.kind == "country" and not rt.sector)):
                # a CAMEO event needs two different actors, and a thing or place that takes its code from the
                # doer's own name is no second one ("Japan renounced the Anglo-Japanese treaty", "Iraq bombed
                # Iraqi oil facilities"). A thing judged stands as the target with no code, as "renounced the
                # treaty" does; otherwise there is no event. Two actors the dictionary cannot tell apart
                # ("Israeli officials criticised the Israeli government", both ISRGOV) are still two: the
                # event stands, only the codes are coarse.
                if not f.get("judged") or rs.kind == "person":
                    continue
                rt = None
            info = cameo.lookup(f["code"])
            conf = f["confidence"] + (0.05 if rs is not None and rt is not None else 0.0)
            words = [[doc[i].idx - base, doc[i].idx + len(doc[i]) - base] for i in f["words"]]
            kinds.append(f["pos"] if f["pos"] != "V" or not _background(doc[f["anchor"]]) else "B")
            out.append({
                "date": date,
                "date_precision": precision,
                "source_code": rs.code if rs else None,
                "source_country": rs.country if rs else None,
                "source_sector": rs.sector if rs else None,
                "source_name": src.text,
                "target_code": rt.code if rt else None,
                "target_country": rt.country if rt else None,
                "target_sector": rt.sector if rt else None,
                "target_name": tgt.text,
                "cameo_code": info.code,
                "cameo_root": info.root,
                "plover_type": info.plover_type,
                "quad_class": info.quad_class,
                "goldstein": info.goldstein,
                "confidence": round(min(conf, 0.99), 2),
                "speculative": bool(f["speculative"]),
                "negated": bool(f["negated"]),
                "sentence_index": f["sent"],
                "spans": {
                    "source": [src.start_char - base, src.end_char - base],
                    "event": words,
                    "target": [tgt.start_char - base, tgt.end_char - base],
                },
            })
        # An event noun inside a clause that already reports an event ("Iran condemned Israel's
        # attack on Syria") is background to that report: it gives an event only on its own.
        # So is an act told in a clause about something else ("..., two years after Moscow invaded the country",
        # "Iran, which last month launched drones at Israel, ...") beside the sentence's own news (a negated act,
        # which is dropped, is no news).
        verb_sents = {e["sentence_index"] for e, pos in zip(out, kinds) if pos == "V" and not e["negated"]}
        out = [e for e, pos in zip(out, kinds) if pos == "V" or e["sentence_index"] not in verb_sents]
        doc.user_data[EVENTS_KEY] = self.merge_coded_repeats(out)
        return doc


# A country's envoys and offices abroad: the place they are in is not their country.
_POSTED_ABROAD = POSTED_TITLES | {"embassy", "consulate", "mission", "legation", "delegation"}
# Organs of state that sit in a capital: "met the government in Kabul", "met lawmakers in Kyiv" are that country's.
_SEATED = frozenset({"GOV", "LEG"})
# Roots of acts done to people where they are: coercion, assault, fighting, mass violence.
_HARM_ROOTS = frozenset({"17", "18", "19", "20"})


_BACKGROUND_MARKS = frozenset({"after", "since", "when", "before", "until", "once"})


def _under_clause(tok, is_clause, stop=frozenset()) -> bool:
    """Whether a token ``is_clause`` accepts lies on the way from ``tok`` up to the root (not past ``stop``)."""
    for _ in range(50):
        if tok.i in stop:
            return False
        if is_clause(tok):
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _background(verb) -> bool:
    """Whether ``verb`` tells its act in a relative clause or a clause of time ("after X invaded Y")."""
    return _under_clause(verb, lambda t: t.dep_ == "relcl" or (t.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _BACKGROUND_MARKS for c in t.children)))


def _in_background(tok, anchor) -> bool:
    """Whether ``tok`` lies in a relative or adverbial clause (or a clause modifying a noun) that does not
    hold ``anchor``."""
    return _under_clause(tok, lambda t: t.dep_ in ("relcl", "advcl", "acl"),
                         {a.i for a in anchor.ancestors} | {anchor.i})


def _in_complement(tok, anchor) -> bool:
    """Whether ``tok`` lies in a clausal complement (``xcomp``/``ccomp``) below ``anchor``."""
    clausal = False
    for _ in range(50):
        if tok.i == anchor.i:
            return clausal
        if tok.head.i == tok.i:
            return False  # the root: ``anchor`` is not above ``tok``
        clausal = clausal or tok.dep_ in ("xcomp", "ccomp")
        tok = tok.head
    return False


@Language.factory("detente_resolve_v1", requires=["doc.user_data", "doc.user_data"],
                  assigns=["doc.user_data"])
def make_actor_resolver(nlp: Language, name: str) -> ActorResolver:
    return ActorResolver(nlp, name)

"""Combining the pieces of a mention ("Pakistani" + "army") into one actor."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from detente.actors import countries
from detente.actors.entry import ActorEntry, ResolvedActor
from detente.actors.normalize import capitalised, normalise

if TYPE_CHECKING:
    from detente.actors.dictionary import ActorDictionary

_GENERIC_SECTORS = ("GOV", "CVL", "ELI")
_CONJUNCTIONS = {"and", "&", "or", "with", "versus", "vs"}
_KIND_RANK = {"person": 0, "group": 1, "igo": 2, "country": 3, "agent": 4}


class _OutOfTerm(Exception):
    """The phrase names a known person, but not on this date."""


def _candidates(d: ActorDictionary, key: str, on: dt.date | None) -> list[ActorEntry] | None:
    """Entries for one span; None when the span is unknown. Raises _OutOfTerm."""
    every = d._index.get(key)
    if not every:
        return None
    if on is None:
        hits = [e for e in d._lookup_key(key, None) if not e.dated]
    else:
        hits = d._lookup_key(key, on)
    if not hits:
        persons = [e for e in every if e.kind == "person"]
        if not persons:
            return None
        former = _former_officials(persons, on)
        if former:
            return former
        raise _OutOfTerm(key)
    return hits


def _former_officials(persons: list[ActorEntry], on: dt.date | None) -> list[ActorEntry] | None:
    """State office holders named after their last term are elites (CAMEO ``ELI``).

    "Nawaz Sharif" in 2019 -> PAKELI. Before a first term ("Modi" in 2010) or
    with no date, nothing: we do not know what the person was then.
    """
    if on is None:
        return None
    ended = [e for e in persons if e.valid_to and e.valid_to < on and e.country and e.sector in ("GOV", "MIL")]
    countries_ = {e.country for e in ended}
    if len(countries_) != 1:
        return None
    last = max(ended, key=lambda e: e.valid_to)
    country = last.country
    return [
        ActorEntry(last.phrase, f"{country}ELI", country, "ELI", "person", None, None, name=last.name,
                   role=f"former {last.role}" if last.role else "former official", source=last.source)
    ]


def _pick(hits: list[ActorEntry]) -> ActorEntry | None:
    """One entry when all readings agree on the code, else None."""
    codes = {e.code for e in hits}
    if len(codes) != 1:
        return None
    return min(hits, key=lambda e: _KIND_RANK.get(e.kind, 9))


def _result(e: ActorEntry, matched: tuple[ActorEntry, ...]) -> ResolvedActor:
    return ResolvedActor(e.code, e.country, e.sector, e.name or e.phrase, e.kind, matched)


def resolve_phrase(d: ActorDictionary, phrase: str, on: dt.date | None) -> ResolvedActor | None:
    key = normalise(phrase)
    if not key:
        return None
    try:
        whole = _candidates(d, key, on)
    except _OutOfTerm:
        return None
    if whole:
        e = _pick(whole)
        return _result(e, tuple(whole)) if e else None
    out_of_term: list[str] = []
    caps = capitalised(phrase)
    pieces = _segment(d, key.split(), on, out_of_term, caps if len(caps) == len(key.split()) else None)
    if out_of_term:
        # a person named outside their terms ("Modi" in 2010 was not the office) stays unknown, unless the
        # mention's own country and role words say who acts ("Estonian Prime Minister Kaja Kallas" in 2023,
        # before her listed EU term; with no date, "Indian Prime Minister Narendra Modi": INDGOV); a person
        # alone, or with a role and no country, stays unknown
        r = _combine(d, key, pieces)
        if on is not None:
            return r if r is not None and r.country and r.sector else None
        return r if r is not None and r.country else None
    return _combine(d, key, pieces)


def _combine(d: ActorDictionary, key: str, pieces: list[list[ActorEntry]]) -> ResolvedActor | None:
    """One reading from the known spans of a phrase."""
    if not pieces:
        return None
    chosen = [p for p in (_pick(h) for h in pieces) if p is not None]
    if not chosen:
        return None
    matched = tuple(chosen)
    joined = _CONJUNCTIONS & set(key.split())
    if joined and len({e.country or e.code for e in chosen if e.kind != "agent"}) > 1:
        return None  # "NATO and Russia": two actors, not one
    named = [e for e in chosen if e.kind in ("person", "group", "igo")]
    if named:
        best = min(named, key=lambda e: _KIND_RANK[e.kind])
        return _result(best, matched)
    places = [e for e in chosen if e.kind == "country"]
    agents = [e for e in chosen if e.kind == "agent"]
    sector = None
    if agents:
        specific = [a for a in agents if a.sector not in _GENERIC_SECTORS]
        sector = (specific or agents)[0].sector
    if len({p.country for p in places}) > 1 and (joined or not agents):
        return None  # "Pakistan and Russia", "Russian-Pakistani": two actors, not one
    if places:
        place = places[0]
        country = place.country
        sector = place.sector or sector  # a seat of power ("the Kremlin") brings its own
        code = d.compose(country, sector)
        cname = countries.name(country) if country else None
        label = _sector_label(sector)
        name = place.name if not sector or place.sector else f"{cname or country} {label}"
        return ResolvedActor(code, country, sector, name, "country", matched)
    if sector:
        return ResolvedActor(sector, None, sector, _sector_label(sector), "agent", matched)
    return None


def _sector_label(sector: str | None) -> str:
    from detente.actors.dictionary import sector_labels

    if not sector:
        return ""
    return sector_labels().get(sector[:3], sector).lower()


def _segment(d: ActorDictionary, tokens: list[str], on: dt.date | None,
             out_of_term: list[str], caps: list[bool] | None = None) -> list[list[ActorEntry]]:
    """Greedy longest-match split of the tokens into known spans; unknown tokens are skipped,
    and so are people named outside their terms (listed in ``out_of_term``). Inside such a
    name only titles, places and groups are still read ("prime minister narendra modi":
    "prime minister"; "antony blinken": not another "antony"). With ``caps`` (which tokens
    were capitalised), a one-word name of a person followed by an unknown capitalised word
    is someone else's first name ("Abbas Araghchi" is not Mahmoud Abbas)."""
    pieces: list[list[ActorEntry]] = []
    i, n, longest = 0, len(tokens), max(d.max_phrase_tokens, 1)
    name_end = 0  # tokens before this index belong to a person named outside their term
    while i < n:
        for j in range(min(n, i + longest), i, -1):
            span = " ".join(tokens[i:j])
            if j == i + 1 and caps and j < n and caps[i] and caps[j] and tokens[j] not in d._index \
                    and _only_persons(d, span):
                continue
            try:
                hits = _candidates(d, span, on)
            except _OutOfTerm:
                out_of_term.append(span)
                name_end = max(name_end, j)
                continue
            if hits and i < name_end:
                hits = [e for e in hits if e.kind != "person"]
            if hits:
                pieces.append(hits)
                i = j
                break
        else:
            i += 1
    return pieces


def _only_persons(d: ActorDictionary, key: str) -> bool:
    every = d._index.get(key)
    return bool(every) and all(e.kind == "person" for e in every)

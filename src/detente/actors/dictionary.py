"""The actor dictionary: phrase -> actor entries, resolved with the event's date.

>>> from datetime import date
>>> from detente.actors import ActorDictionary
>>> d = ActorDictionary.default()
>>> [e.code for e in d.lookup("Modi", on=date(2016, 1, 5))]
['INDGOV']
>>> d.resolve("Pakistani army", on=date(2016, 9, 24)).code
'PAKMIL'

Date semantics (documented choice, see docs/actors.md):

* ``lookup(phrase, on=date)`` returns undated entries plus dated entries whose
  range covers ``date`` (bounds inclusive).
* ``lookup(phrase)`` with ``on=None`` returns *every* entry for the phrase,
  dated ones included, so a caller can see all terms; nothing is filtered by
  "today".
* ``resolve(phrase)`` with ``on=None`` uses undated entries only: a person's
  role is only known with a date. A state office holder named after their
  terms resolves to ``<country>ELI`` (former officials are elites in CAMEO);
  before a first term, to None.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from detente.actors import countries as _countries
from detente.actors._tables import (
    data_path,
    data_version,
    header,
    parse_date,
    read_rows,
    split_list,
)
from detente.actors.entry import KINDS, ActorEntry, ResolvedActor
from detente.actors.normalize import normalise
from detente.errors import BadRow, InputError

__all__ = ["ActorDictionary"]

# Columns of the actor tables (leaders, officials, igos, groups and users' own files).
ACTOR_COLUMNS = ("name", "aliases", "code", "country", "sector", "kind", "role", "start", "end",
                 "date_precision", "titles", "notes")
SHIPPED_ACTOR_TABLES = ("leaders.csv", "officials.csv", "igos.csv", "groups.csv", "ngos.csv")


def _valid_code(code: str) -> bool:
    return bool(code) and code.isalnum() and code.upper() == code


@lru_cache(maxsize=1)
def role_titles() -> dict[str, tuple[str, ...]]:
    """role -> default titles written before a name ("Prime Minister Modi")."""
    out: dict[str, tuple[str, ...]] = {}
    for _, r in read_rows(data_path("roles.csv")):
        out[r["role"]] = tuple(split_list(r.get("titles")))
    return out


@lru_cache(maxsize=1)
def sector_labels() -> dict[str, str]:
    return {r["code"]: r["label"] for _, r in read_rows(data_path("sectors.csv"))}


def compose(country: str | None, sector: str | None) -> str:
    """CAMEO-style actor code from a country and a role: ("PAK", "MIL") -> "PAKMIL"."""
    parts = [p.strip().upper() for p in (country, sector) if p and p.strip()]
    if not parts:
        raise InputError("compose() needs a country, a sector or both")
    return "".join(parts)


# ---------------------------------------------------------------- table readers


def country_entries(path: str | Path | None = None) -> list[ActorEntry]:
    """Entries for every name, adjective, demonym, capital and seat of power."""
    out: list[ActorEntry] = []
    source = "countries.csv" if path is None else Path(path).name
    rows = _countries.all_countries() if path is None else _read_user_countries(path)
    current_capitals = {normalise(cap) for c in rows if c.type != "historic" for cap in c.capitals}
    for c in rows:
        if c.type == "subnational":
            # WSB, GZS, BAG stay codes only: their names belong to PSE and IRQ (places.csv)
            continue
        # a dissolved state's capital that a state of today shares names that state ("Belgrade" is
        # Serbia, not also Serbia and Montenegro, which made it ambiguous and so unresolved)
        capitals = [cap for cap in c.capitals if c.type != "historic" or normalise(cap) not in current_capitals]
        phrases = [c.name, *c.aliases, *c.adjectives, *c.demonyms, *capitals]
        seen: set[str] = set()
        for p in phrases:
            if normalise(p) in seen:
                continue
            seen.add(normalise(p))
            out.append(ActorEntry(p, c.code, c.code, None, "country", name=c.name, source=source))
        for seat in c.seats:
            phrase, _, sector = seat.partition("=")
            sector = (sector or "GOV").strip()
            out.append(
                ActorEntry(phrase.strip(), compose(c.code, sector), c.code, sector, "country",
                           name=f"{c.name} {sector_labels().get(sector, sector).lower()}", source=source)
            )
    return out


def _read_user_countries(path: str | Path) -> list[_countries.Country]:
    rows = []
    for line, r in read_rows(path):
        if not _valid_code(r.get("code", "")):
            raise BadRow(f"{path}:{line}: bad country code {r.get('code')!r}", line=line)
        rows.append(
            _countries.Country(
                code=r["code"], iso3=r.get("iso3") or None, name=r.get("name") or r["code"],
                type=r.get("type") or "country", aliases=tuple(split_list(r.get("aliases"))),
                adjectives=tuple(split_list(r.get("adjectives"))),
                demonyms=tuple(split_list(r.get("demonyms"))), capitals=tuple(split_list(r.get("capital"))),
                seats=tuple(split_list(r.get("seats"))),
            )
        )
    return rows


def place_entries(path: str | Path) -> list[ActorEntry]:
    """places.csv: cities and regions that stand for their country (kind "country", role = place type)."""
    out = []
    src = Path(path).name
    for line, r in read_rows(path):
        country = (r.get("country") or "").upper()
        if not _valid_code(country):
            raise BadRow(f"{path}:{line}: bad country {country!r}", line=line)
        cname = _countries.name(country) or country
        for p in (r["name"], *split_list(r.get("aliases"))):
            out.append(ActorEntry(p, country, country, None, "country", name=f"{r['name']} ({cname})",
                                  role=r.get("type") or "place", source=src))
    return out


def agent_entries(path: str | Path) -> list[ActorEntry]:
    """agents.csv: phrase, plural, sector -> entries of kind "agent" (no country)."""
    out = []
    for line, r in read_rows(path):
        sector = r.get("sector", "")
        if not _valid_code(sector):
            raise BadRow(f"{path}:{line}: bad sector {sector!r}", line=line)
        label = sector_labels().get(sector[:3], sector)
        for p in (r["phrase"], *split_list(r.get("plural"))):
            out.append(ActorEntry(p, sector, None, sector, "agent", name=label,
                                  role=r.get("role") or None, source=Path(path).name))
    return out


def actor_entries(path: str | Path) -> list[ActorEntry]:
    """leaders.csv / igos.csv / groups.csv / ngos.csv / a user's actors CSV -> entries.

    Columns: name, aliases, code, country, sector, kind, role, start, end,
    date_precision, titles, notes. ``code`` may be empty: it is composed from
    country + sector. Persons also get title forms ("Prime Minister Modi").
    """
    out: list[ActorEntry] = []
    src = Path(path).name
    titles_by_role = role_titles()
    for line, r in read_rows(path):
        where = f"{path}:{line}"
        name = r.get("name", "")
        if not name:
            raise BadRow(f"{where}: empty name", line=line)
        kind = r.get("kind") or "person"
        if kind not in KINDS:
            raise BadRow(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}", line=line)
        country = (r.get("country") or "").upper() or None
        sector = (r.get("sector") or "").upper() or None
        code = (r.get("code") or "").upper()
        if not code:
            if not (country or sector):
                raise BadRow(f"{where}: give a code, or a country and/or a sector", line=line)
            code = compose(country, sector)
        if not _valid_code(code):
            raise BadRow(f"{where}: bad code {code!r}", line=line)
        start = parse_date(r.get("start"), line=line, where=where)
        end = parse_date(r.get("end"), line=line, where=where)
        if start and end and start > end:
            raise BadRow(f"{where}: start {start} is after end {end}", line=line)
        role = r.get("role") or None
        names = [name, *split_list(r.get("aliases"))]
        phrases = list(names)
        if kind == "person":
            titles = [*titles_by_role.get(role or "", ()), *split_list(r.get("titles"))]
            phrases += [f"{t} {n}" for t in titles for n in names]
        seen: set[str] = set()
        for p in phrases:
            key = normalise(p)
            if not key or key in seen:
                continue
            seen.add(key)
            out.append(ActorEntry(p, code, country, sector, kind, start, end, name=name, role=role,
                                  source=src, date_precision=r.get("date_precision") or "day"))
    return out


def read_any_csv(path: str | Path) -> list[ActorEntry]:
    """A user's CSV in any of the shipped layouts, told apart by its header."""
    cols = set(header(path))
    if {"phrase", "sector"} <= cols:
        return agent_entries(path)
    if {"name", "country", "type"} <= cols and not cols & {"code", "sector"}:
        return place_entries(path)
    if "name" in cols and cols & {"demonyms", "adjectives", "iso3", "capital"}:
        return country_entries(path)
    if "name" in cols and cols & {"code", "country", "sector"}:
        return actor_entries(path)
    raise InputError(
        f"{path}: header {sorted(cols)} matches no actor table",
        hint="use the columns of leaders.csv (name,aliases,code,country,sector,kind,role,start,end) "
        "or agents.csv (phrase,plural,sector)",
    )


@lru_cache(maxsize=1)
def _shipped_entries() -> tuple[ActorEntry, ...]:
    entries = country_entries()
    entries += place_entries(data_path("places.csv"))
    entries += agent_entries(data_path("agents.csv"))
    for name in SHIPPED_ACTOR_TABLES:
        entries += actor_entries(data_path(name))
    return tuple(entries)


# ---------------------------------------------------------------- the dictionary


def _as_date(on: dt.date | dt.datetime | str | None) -> dt.date | None:
    """Accept a date, a datetime or an ISO string ("2016-01-05")."""
    if on is None:
        return None
    if isinstance(on, dt.datetime):
        return on.date()
    if isinstance(on, str):
        try:
            return dt.date.fromisoformat(on[:10])
        except ValueError:
            raise InputError(f"not a date: {on!r}", hint="use YYYY-MM-DD") from None
    return on


@lru_cache(maxsize=1)
def _shipped_dictionary() -> ActorDictionary:
    return ActorDictionary(_shipped_entries(), version=data_version())


class ActorDictionary:
    """Phrases -> actors. Build with :meth:`default`, extend with CSV or PETRARCH files."""

    def __init__(self, entries: Iterable[ActorEntry] = (), *, version: str = "actors-custom") -> None:
        self._base_version = version
        self._extra: list[str] = []  # sha1 of each added file (picklable, unlike a hash object)
        self._entries: list[ActorEntry] = []
        self._index: defaultdict[str, list[ActorEntry]] = defaultdict(list)
        self._max_tokens = 0
        self._add(entries)

    # construction ------------------------------------------------------------
    @classmethod
    def default(cls, extra: Iterable[str | Path] | None = None) -> ActorDictionary:
        """The shipped tables, plus the user's CSV files in ``extra`` (same columns)."""
        base = _shipped_dictionary()
        d = cls(version=base._base_version)
        # copying the built index is far cheaper than normalising every phrase again
        d._entries = list(base._entries)
        d._index = defaultdict(list, {k: list(v) for k, v in base._index.items()})
        d._max_tokens = base._max_tokens
        for path in extra or ():
            d.add_csv(path)
        return d

    def add_csv(self, path: str | Path) -> ActorDictionary:
        """Add a CSV in the layout of leaders.csv, agents.csv, places.csv or countries.csv."""
        entries = read_any_csv(path)
        self._stamp(path)
        self._add(entries)
        return self

    def add_petrarch(self, actors: str | Path | Iterable[str | Path] | None = None,
                     agents: str | Path | None = None) -> ActorDictionary:
        """Add PETRARCH/TABARI-format actor and/or agent dictionaries."""
        from detente.actors.petrarch import read_actors, read_agents

        actor_files = [actors] if isinstance(actors, (str, Path)) else list(actors or [])
        for path in actor_files:
            self._stamp(path)
            self._add(read_actors(path))
        if agents is not None:
            self._stamp(agents)
            self._add(read_agents(agents))
        return self

    def _stamp(self, path: str | Path) -> None:
        p = Path(path)
        if not p.exists():
            raise InputError(f"actor file not found: {p}", hint="check the path")
        self._extra.append(hashlib.sha1(p.name.encode() + b"\0" + p.read_bytes()).hexdigest())

    def _add(self, entries: Iterable[ActorEntry]) -> None:
        for e in entries:
            key = normalise(e.phrase)
            if not key:
                continue
            self._entries.append(e)
            self._index[key].append(e)
            self._max_tokens = max(self._max_tokens, len(key.split()), len(e.phrase.split()))

    # properties --------------------------------------------------------------
    @property
    def version(self) -> str:
        """Data version to stamp on coded events; gains ``+<hash>`` when user files were added."""
        if not self._extra:
            return self._base_version
        return f"{self._base_version}+{hashlib.sha1(' '.join(self._extra).encode()).hexdigest()[:8]}"

    @property
    def max_phrase_tokens(self) -> int:
        """Longest phrase, in whitespace tokens (as written or normalised, whichever is longer)."""
        return self._max_tokens

    def __len__(self) -> int:
        return len(self._entries)

    def entries(self) -> Iterator[ActorEntry]:
        """Every entry, in load order (for building a phrase matcher)."""
        return iter(self._entries)

    def phrases(self) -> set[str]:
        """Every normalised phrase key."""
        return set(self._index)

    # look-ups ----------------------------------------------------------------
    def lookup(self, phrase: str, on: dt.date | None = None) -> list[ActorEntry]:
        """Entries whose normalised phrase equals ``phrase``'s, valid on ``on``.

        With ``on=None`` every entry is returned, dated ones included (see the
        module docstring); nothing is ever filtered by today's date.
        """
        return self._lookup_key(normalise(phrase), on)

    def _lookup_key(self, key: str, on: dt.date | None) -> list[ActorEntry]:
        hits = self._index.get(key, [])
        on = _as_date(on)
        if on is not None:
            hits = [e for e in hits if e.covers(on)]
        out, seen = [], set()
        for e in hits:  # the same actor from several tables counts once
            k = (e.code, e.kind, e.valid_from, e.valid_to, e.name)
            if k not in seen:
                seen.add(k)
                out.append(e)
        return out

    def compose(self, country: str | None = None, sector: str | None = None) -> str:
        """("PAK", "MIL") -> "PAKMIL"; either part may be missing."""
        return compose(country, sector)

    def resolve(self, phrase: str, on: dt.date | None = None) -> ResolvedActor | None:
        """Best single reading of a mention, combining country and role words.

        "Pakistani army" -> PAKMIL; "Indian Prime Minister Modi" (2016) -> INDGOV;
        "the Kremlin" -> RUSGOV. Returns None when nothing is known or the
        readings disagree (two people with one surname in office on that date).
        A phrase naming a known person before any of their terms gives None,
        not the bare role; after their terms, ``<country>ELI``.
        """
        from detente.actors.resolve import resolve_phrase

        return resolve_phrase(self, phrase, _as_date(on))

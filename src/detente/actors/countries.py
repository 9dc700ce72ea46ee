"""Country codes: CAMEO 3-letter codes, ISO 3166 alpha-3, names.

CAMEO uses ISO 3166 alpha-3 for almost every country. The exceptions (``ROM``
for Romania, ``TMP`` for East Timor, regions such as ``AFR`` or ``WSB``) are
rows of ``data/countries.csv`` and are listed in docs/actors.md.

>>> from detente.actors import countries
>>> countries.cameo_to_iso3("ROM")
'ROU'
>>> countries.code_from_name("Russian Federation")
'RUS'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from detente.actors._tables import data_path, read_rows, split_list
from detente.actors.normalize import normalise

__all__ = [
    "Country",
    "all_codes",
    "cameo_to_iso3",
    "code_from_name",
    "get",
    "is_country",
    "iso3_to_cameo",
    "name",
    "regions",
]

COUNTRY_TYPES = ("country", "territory", "historic")


@dataclass(frozen=True)
class Country:
    """One row of countries.csv."""

    code: str  # CAMEO code
    iso3: str | None
    name: str
    type: str  # country | territory | historic | region | subnational
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()  # "the Kremlin" or "the Pentagon=MIL"
    notes: str = ""

    @property
    def capital(self) -> str | None:
        return self.capitals[0] if self.capitals else None


@lru_cache(maxsize=1)
def _table() -> dict[str, Country]:
    rows: dict[str, Country] = {}
    for _, r in read_rows(data_path("countries.csv")):
        c = Country(
            code=r["code"],
            iso3=r.get("iso3") or None,
            name=r["name"],
            type=r.get("type") or "country",
            aliases=tuple(split_list(r.get("aliases"))),
            adjectives=tuple(split_list(r.get("adjectives"))),
            demonyms=tuple(split_list(r.get("demonyms"))),
            capitals=tuple(split_list(r.get("capital"))),
            seats=tuple(split_list(r.get("seats"))),
            notes=r.get("notes", ""),
        )
        rows[c.code] = c
    return rows


@lru_cache(maxsize=1)
def _iso_to_cameo() -> dict[str, str]:
    out: dict[str, str] = {}
    for c in _table().values():
        if c.iso3 and c.iso3 not in out:
            out[c.iso3] = c.code
    return out


@lru_cache(maxsize=1)
def _name_index() -> dict[str, str]:
    """Normalised full name / alias -> CAMEO code (own table first, then pycountry)."""
    import pycountry  # imported lazily: only name look-ups need it

    index: dict[str, str] = {}
    for c in _table().values():
        for n in (c.name, *c.aliases):
            index.setdefault(normalise(n), c.code)
    iso = _iso_to_cameo()
    for db in (pycountry.countries, pycountry.historic_countries):
        for pc in db:
            code = iso.get(pc.alpha_3)
            if code is None:
                continue
            for attr in ("name", "official_name", "common_name"):
                n = getattr(pc, attr, None)
                if n:
                    index.setdefault(normalise(n), code)
    return index


def get(code: str) -> Country | None:
    """The row for a CAMEO code (or an ISO code that CAMEO spells differently)."""
    code = code.strip().upper()
    t = _table()
    if code in t:
        return t[code]
    cameo = _iso_to_cameo().get(code)
    return t.get(cameo) if cameo else None


def cameo_to_iso3(code: str) -> str | None:
    """ISO 3166 alpha-3 for a CAMEO code; None for regions and codes without one."""
    c = _table().get(code.strip().upper())
    return c.iso3 if c else None


def iso3_to_cameo(iso3: str) -> str | None:
    """CAMEO code for an ISO 3166 alpha-3 code (``ROU`` -> ``ROM``)."""
    return _iso_to_cameo().get(iso3.strip().upper())


def name(code: str) -> str | None:
    """Display name: pycountry's common name where ISO, the own table otherwise."""
    c = get(code)
    if c is None:
        return None
    return c.name


def code_from_name(full_name: str) -> str | None:
    """CAMEO code for a full country name as ICEWS or POLECAT write it; None when unknown."""
    if not full_name or not full_name.strip():
        return None
    key = normalise(full_name)
    hit = _name_index().get(key)
    if hit:
        return hit
    # "Korea, Republic of" style inversions
    if "," in full_name:
        head, _, tail = full_name.partition(",")
        return _name_index().get(normalise(f"{tail} {head}"))
    return None


def is_country(code: str) -> bool:
    """True for countries, dependent territories and historic states; False for regions."""
    c = _table().get(code.strip().upper())
    return bool(c and c.type in COUNTRY_TYPES)


def all_codes(*, include_regions: bool = False) -> list[str]:
    """Every CAMEO country code (sorted); with ``include_regions`` the region codes too."""
    return sorted(
        c.code for c in _table().values() if include_regions or c.type in COUNTRY_TYPES
    )


def regions() -> list[str]:
    """CAMEO region and sub-national codes (AFR, MEA, WSB, ...)."""
    return sorted(c.code for c in _table().values() if c.type not in COUNTRY_TYPES)


def all_countries() -> list[Country]:
    return list(_table().values())

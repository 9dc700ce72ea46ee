"""CAMEO event codes: names, Goldstein scores, roots, quad classes, PLOVER types.

The table is ``data/cameo.csv`` (facts only, rebuilt by ``scripts/build_ontology.py``).
Goldstein values follow the table distributed with the ICEWS tools; producers
disagree on a few codes (016, 022, 124, 163-166), see docs/ontology.md.

>>> lookup("057").name
'Sign formal agreement'
>>> quad_class("190"), quad_class("190", convention="icews")
(4, 4)
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from detente.errors import UnknownCode

CONVENTIONS = ("detente", "gdelt", "icews", "phoenix")


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    root: str
    quad_class: int
    plover_type: str | None
    plover_mode: str | None
    plover_context: str | None


def _data(name: str) -> str:
    return files("detente.ontology").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def version() -> str:
    return _data("VERSION").strip()


@lru_cache(maxsize=1)
def table() -> dict[str, CameoCode]:
    out: dict[str, CameoCode] = {}
    for rec in csv.DictReader(_data("cameo.csv").splitlines()):
        out[rec["code"]] = CameoCode(
            code=rec["code"],
            name=rec["name"],
            goldstein=float(rec["goldstein"]),
            root=rec["root"],
            quad_class=int(rec["quad_class"]),
            plover_type=rec["plover_type"] or None,
            plover_mode=rec["plover_mode"] or None,
            plover_context=rec["plover_context"] or None,
        )
    return out


@lru_cache(maxsize=1)
def _conventions() -> dict[str, dict[int, int]]:
    out: dict[str, dict[int, int]] = {c: {} for c in CONVENTIONS}
    for rec in csv.DictReader(_data("quad_conventions.csv").splitlines()):
        for root in range(int(rec["root_from"]), int(rec["root_to"]) + 1):
            out[rec["convention"]][root] = int(rec["value"])
    return out


def normalise(code: str | int | None) -> str | None:
    """Canonical string form: leading zeros kept (``43`` -> ``"043"``, ``"57"`` -> ``"057"``).

    Integers and short strings lose their leading zero in many files; two-digit
    inputs below 10 are roots padded to two digits ("1" -> "01").
    """
    if code is None:
        return None
    s = str(code).strip()
    if not s or not s.isdigit():
        return None
    if s in table():
        return s
    for padded in ("0" + s, "00" + s):
        if padded in table():
            return padded
    return s


def is_valid(code: str | None) -> bool:
    return code is not None and code in table()


def lookup(code: str) -> CameoCode:
    """The facts about one code; raises UnknownCode for codes not in CAMEO."""
    norm = normalise(code)
    try:
        return table()[norm]  # type: ignore[index]
    except KeyError:
        raise UnknownCode(f"{code!r} is not a CAMEO event code", hint="see `detente.ontology.cameo.table()`") from None


def root_of(code: str) -> str:
    return lookup(code).root


def quad_class(code: str, convention: str = "detente") -> int:
    """Quad class of a code under a producer's convention (phoenix has a class 0)."""
    if convention not in CONVENTIONS:
        raise ValueError(f"convention must be one of {CONVENTIONS}")
    return _conventions()[convention][int(lookup(code).root)]


def goldstein(code: str) -> float:
    return lookup(code).goldstein


def plover_types() -> list[str]:
    from detente.ontology.plover import types

    return types()


def plover_to_cameo_default(plover_type: str) -> str:
    """The most general CAMEO code for a PLOVER type (its root-level code)."""
    candidates = [c for c in table().values() if c.plover_type == plover_type.upper()]
    if not candidates:
        raise UnknownCode(f"{plover_type!r} is not a PLOVER type")
    return min(candidates, key=lambda c: (len(c.code), c.code)).code

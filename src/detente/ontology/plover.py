"""PLOVER event types and their relation to CAMEO.

PLOVER (2021 draft) splits CAMEO's 08 "yield" into CONCEDE and RETREAT; some
corpora label both as YIELD. ``normalise`` maps a type onto the scheme a gold
file uses.

>>> normalise("RETREAT", scheme="yield")
'YIELD'
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib.resources import files


@lru_cache(maxsize=1)
def _rows() -> list[dict[str, str]]:
    text = files("detente.ontology").joinpath("data", "plover_types.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def types() -> list[str]:
    return [r["plover_type"] for r in _rows()]


def quad_class(plover_type: str) -> int | None:
    for r in _rows():
        if r["plover_type"] == plover_type.upper():
            return int(r["quad_class"])
    return None


def normalise(plover_type: str | None, scheme: str = "2021") -> str | None:
    """Map a type to a scheme: ``"2021"`` keeps CONCEDE/RETREAT, ``"yield"`` merges them."""
    if plover_type is None:
        return None
    t = plover_type.strip().upper()
    if scheme == "yield" and t in ("CONCEDE", "RETREAT"):
        return "YIELD"
    return t

"""The records the actor dictionary hands out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

KINDS = ("country", "person", "igo", "agent", "group")


@dataclass(frozen=True)
class ActorEntry:
    """One phrase that names an actor, with its code and validity.

    ``valid_from`` and ``valid_to`` are inclusive; ``None`` means open-ended.
    ``source`` says which file the entry came from (for provenance and tests).
    """

    phrase: str
    code: str
    country: str | None
    sector: str | None
    kind: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    name: str = ""
    role: str | None = None
    source: str = ""
    date_precision: str = "day"

    @property
    def acronym(self) -> bool:
        """True for short upper-case phrases ("UN", "WHO", "AU", "U.S."): a matcher
        should require the exact case, since the lower-case forms are words."""
        letters = self.phrase.replace(".", "")
        return 2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper()

    @property
    def dated(self) -> bool:
        return self.valid_from is not None or self.valid_to is not None

    def covers(self, on: dt.date) -> bool:
        """True when ``on`` lies inside the validity range (bounds inclusive)."""
        if self.valid_from is not None and on < self.valid_from:
            return False
        return self.valid_to is None or on <= self.valid_to


@dataclass(frozen=True)
class ResolvedActor:
    """The single best reading of a phrase (``ActorDictionary.resolve``)."""

    code: str
    country: str | None
    sector: str | None
    name: str
    kind: str
    matched: tuple[ActorEntry, ...] = field(default=(), compare=False, repr=False)

"""Who is who: countries, roles, leaders with dated terms, IGOs and armed groups.

Every fact lives in a versioned data file under ``detente/actors/data``; this
package only reads, indexes and combines them. It never imports spaCy or DuckDB.

>>> from datetime import date
>>> from detente.actors import ActorDictionary, countries
>>> d = ActorDictionary.default()
>>> d.resolve("Pakistani army", on=date(2016, 9, 24)).code
'PAKMIL'
>>> countries.iso3_to_cameo("ROU")
'ROM'
"""

from __future__ import annotations

from detente.actors import countries
from detente.actors.dictionary import ActorDictionary, compose
from detente.actors.entry import ActorEntry, ResolvedActor
from detente.actors.normalize import normalise

__all__ = ["ActorDictionary", "ActorEntry", "ResolvedActor", "compose", "countries", "normalise"]

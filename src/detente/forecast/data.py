"""Temporal knowledge graphs as quadruple arrays: the benchmark layout and the event store.

A quadruple is ``(subject, relation, object, time)`` as non-negative integers. The
models in this package only ever see such arrays, so the same code forecasts on the
public benchmarks (ICEWS14, ICEWS18 in the RE-GCN layout) and on the user's store
(actors as entities, CAMEO codes as relations, days as timestamps).

>>> import numpy as np
>>> g = TKG.from_arrays(np.array([[0, 0, 1, 0], [1, 0, 2, 1]]), np.array([[0, 0, 2, 2]]), num_entities=3,
...                     num_relations=1)
>>> g.num_entities, g.test.shape
(3, (1, 4))
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from detente.errors import InputError, NotEnoughData

SPLITS = ("train", "valid", "test")


@dataclass
class TKG:
    """A temporal knowledge graph split into train / valid / test quadruples.

    ``time`` columns are in *steps* (consecutive integers for consecutive days);
    ``granularity`` converts back to the original file's unit (24 for the hourly
    ICEWS benchmark files) so exported scores use the times exactly as given.
    """

    train: np.ndarray
    valid: np.ndarray
    test: np.ndarray
    num_entities: int
    num_relations: int
    granularity: int = 1
    entity_names: list[str] = field(default_factory=list)
    relation_names: list[str] = field(default_factory=list)
    name: str = ""

    @classmethod
    def from_arrays(cls, train: np.ndarray, test: np.ndarray, *, valid: np.ndarray | None = None,
                    num_entities: int | None = None, num_relations: int | None = None,
                    granularity: int = 1) -> TKG:
        parts = [np.asarray(a, dtype=np.int64).reshape(-1, 4) for a in (train, valid if valid is not None else
                                                                          np.zeros((0, 4)), test)]
        allq = np.concatenate(parts)
        ne = num_entities if num_entities is not None else int(max(allq[:, 0].max(), allq[:, 2].max())) + 1
        nr = num_relations if num_relations is not None else int(allq[:, 1].max()) + 1
        return cls(parts[0], parts[1], parts[2], ne, nr, granularity)

    def all_facts(self) -> np.ndarray:
        return np.concatenate([self.train, self.valid, self.test])

    def stats(self) -> dict[str, int]:
        return {"entities": self.num_entities, "relations": self.num_relations,
                **{s: len(getattr(self, s)) for s in SPLITS},
                "timestamps": len(np.unique(self.all_facts()[:, 3]))}


_HOME_IN_NAME = re.compile(r"[ _]\(([^()]+)\)$")  # "Police (Kenya)", "Citizen_(India)"
_ACTOR_CODE = re.compile(r"^(?:[A-Z]{3})+$")  # CAMEO actor codes: "RUS", "RUSGOV", "PAKMILREB"


def _name_keys(names: list[str], num_entities: int) -> tuple[list[str | None], list[str | None], np.ndarray]:
    """Each entity's home country and kind as strings (None where the name says nothing),
    and whether it is that country: the reading behind ``entity_homes`` and ``entity_kinds``."""
    homes: list[str | None] = [None] * num_entities
    kinds: list[str | None] = [None] * num_entities
    is_home = np.zeros(num_entities, dtype=bool)
    if names and all(_ACTOR_CODE.match(n) for n in names):
        for i, n in enumerate(names[:num_entities]):
            homes[i], kinds[i] = n[:3], n[3:] or "country"
            is_home[i] = len(n) == 3
        return homes, kinds, is_home
    bracketed = {}
    for i, n in enumerate(names[:num_entities]):
        m = _HOME_IN_NAME.search(n)
        if m:
            bracketed[i] = m.group(1).replace("_", " ")
            kinds[i] = n[:m.start()].replace("_", " ").strip() or None
    countries = set(bracketed.values())
    for i, n in enumerate(names[:num_entities]):
        plain = n.replace("_", " ")
        homes[i] = bracketed.get(i, plain if plain in countries else None)
        is_home[i] = i not in bracketed and plain in countries
        if is_home[i]:
            kinds[i] = "country"
    return homes, kinds, is_home


def _ids(keys: list[str | None]) -> np.ndarray:
    """One integer id per distinct key, in order of first appearance; -1 for None."""
    out = np.full(len(keys), -1, dtype=np.int64)
    ids: dict[str, int] = {}
    for i, k in enumerate(keys):
        if k is not None:
            out[i] = ids.setdefault(k, len(ids))
    return out


def entity_homes(names: list[str], num_entities: int) -> tuple[np.ndarray, np.ndarray]:
    """Each entity's home country as read from its name, and whether it is that country.

    ICEWS names carry it in brackets ("Police (Kenya)"); a name that is itself one of
    those countries ("Kenya") is the country. Store actor codes begin with it ("KENGOV";
    "KEN" is the country). Returns ``(home, is_home)``: an id per entity (-1 where the
    name says nothing, e.g. a person's name) and a boolean mask.
    """
    homes, _kinds, is_home = _name_keys(names, num_entities)
    return _ids(homes), is_home


def entity_kinds(names: list[str], num_entities: int) -> np.ndarray:
    """Each entity's kind as read from its name: an id per entity, -1 where unknown.

    ICEWS names give a sector before the country ("Police (Kenya)" is a "Police", as is
    "Police (India)"); a country's own name is the kind "country". Store actor codes give
    it after the country ("KENGOV" is a "GOV"; "KEN" is a country). A person's name
    says nothing. Entities of one kind behave alike across countries, which lets the
    ranker carry what it saw of one country's police to another's.
    """
    return _ids(_name_keys(names, num_entities)[1])


def _read_ids(path: Path) -> list[str]:
    names: dict[int, str] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                continue
            names[int(parts[1])] = parts[0]
    return [names.get(i, str(i)) for i in range(max(names) + 1)] if names else []


def load_tkg(folder: str | Path) -> TKG:
    """Read a benchmark folder: ``train/valid/test.txt`` (``s r o t`` ids, tab separated,
    extra columns ignored), ``entity2id.txt`` and ``relation2id.txt``.

    Times are divided by their greatest common step (24 for hourly stamps one day apart).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"no dataset folder at {folder}",
                         hint="pass the folder holding train.txt, valid.txt, test.txt (e.g. ../shared/data/tkg/ICEWS14)")
    arrays = {}
    for split in SPLITS:
        p = folder / f"{split}.txt"
        if not p.exists():
            raise InputError(f"{p} is missing", hint="a TKG dataset folder needs train.txt, valid.txt and test.txt")
        a = pd.read_csv(p, sep=r"\s+", header=None, usecols=[0, 1, 2, 3], dtype=np.int64, engine="c").to_numpy()
        arrays[split] = a
    allq = np.concatenate(list(arrays.values()))
    if len(allq) == 0:
        raise NotEnoughData(f"{folder} holds no quadruples")
    times = np.unique(allq[:, 3])
    gran = int(np.gcd.reduce(np.diff(times))) if len(times) > 1 else 1
    gran = max(gran, 1)
    if (times % gran).any():
        gran = 1
    for split in SPLITS:
        arrays[split] = arrays[split].copy()
        arrays[split][:, 3] //= gran
    ents = _read_ids(folder / "entity2id.txt") if (folder / "entity2id.txt").exists() else []
    rels = _read_ids(folder / "relation2id.txt") if (folder / "relation2id.txt").exists() else []
    ne = max(len(ents), int(max(allq[:, 0].max(), allq[:, 2].max())) + 1)
    nr = max(len(rels), int(allq[:, 1].max()) + 1)
    return TKG(arrays["train"], arrays["valid"], arrays["test"], ne, nr, gran, ents, rels, folder.name)


@dataclass
class EventGraph:
    """Events from the store as quadruples, with the vocabularies to map back.

    ``entities[i]`` is the actor code (``kind="code"``) or country (``kind="country"``) of
    entity ``i``, ``relations[j]`` the CAMEO code of relation ``j``; ``time`` is days since
    ``origin``.
    """

    quads: np.ndarray
    entities: list[str]
    relations: list[str]
    origin: pd.Timestamp
    kind: str = "code"

    @property
    def num_entities(self) -> int:
        return len(self.entities)

    @property
    def num_relations(self) -> int:
        return len(self.relations)

    def entity_id(self, code: str) -> int:
        try:
            return self._eidx[code]
        except KeyError:
            return -1

    def relation_id(self, code: str) -> int:
        try:
            return self._ridx[code]
        except KeyError:
            return -1

    def day(self, date: str | pd.Timestamp) -> int:
        return int((pd.Timestamp(date).normalize() - self.origin).days)

    def date(self, step: int) -> str:
        return (self.origin + pd.Timedelta(days=int(step))).strftime("%Y-%m-%d")

    def __post_init__(self) -> None:
        self._eidx = {c: i for i, c in enumerate(self.entities)}
        self._ridx = {c: i for i, c in enumerate(self.relations)}


def events_to_quads(events: pd.DataFrame, *, entity: str = "code") -> EventGraph:
    """Turn an events DataFrame (the store's schema) into quadruples.

    ``entity="code"`` uses ``source_code``/``target_code``; ``"country"`` uses the
    3-letter country fields (coarser, denser graphs). Rows without date, actors or
    CAMEO code are dropped.
    """
    if entity not in ("code", "country"):
        raise InputError(f"entity must be 'code' or 'country', not {entity!r}")
    scol, tcol = (f"source_{entity}", f"target_{entity}")
    need = [scol, tcol, "cameo_code", "date"]
    missing = [c for c in need if c not in events.columns]
    if missing:
        raise InputError(f"events table lacks column(s) {', '.join(missing)}")
    df = events[need].dropna()
    df = df[(df[scol] != "") & (df[tcol] != "") & (df["cameo_code"] != "")]
    if df.empty:
        raise NotEnoughData("no events with a date, both actors and a CAMEO code to forecast from",
                            hint="import or code events first")
    dates = pd.to_datetime(df["date"]).dt.normalize()
    origin = dates.min()
    ents = sorted(set(df[scol].astype(str)) | set(df[tcol].astype(str)))
    rels = sorted(set(df["cameo_code"].astype(str)))
    eidx = {c: i for i, c in enumerate(ents)}
    ridx = {c: i for i, c in enumerate(rels)}
    quads = np.column_stack([
        df[scol].astype(str).map(eidx).to_numpy(),
        df["cameo_code"].astype(str).map(ridx).to_numpy(),
        df[tcol].astype(str).map(eidx).to_numpy(),
        (dates - origin).dt.days.to_numpy(),
    ]).astype(np.int64)
    quads = quads[np.argsort(quads[:, 3], kind="stable")]
    return EventGraph(quads, ents, rels, origin, entity)

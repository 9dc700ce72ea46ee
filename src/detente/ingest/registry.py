"""Importer names -> importers, and format detection with a message that says what to do."""

from __future__ import annotations

from detente.errors import UnknownFormat
from detente.ingest.base import Importer

_REGISTRY: dict[str, type[Importer]] = {}


def register(cls: type[Importer]) -> type[Importer]:
    _REGISTRY[cls.name] = cls
    return cls


def _load() -> dict[str, type[Importer]]:
    if not _REGISTRY:
        from detente.ingest.gdelt import Gdelt1, Gdelt2, Gdelt2Mentions, GdeltVolume
        from detente.ingest.icews import Icews
        from detente.ingest.phoenix import Phoenix
        from detente.ingest.polecat import Polecat

        for cls in (Gdelt1, Gdelt2, Gdelt2Mentions, Icews, Polecat, Phoenix, GdeltVolume):
            register(cls)
    return _REGISTRY


def names() -> list[str]:
    """Every importer name, as `detente import NAME` takes it."""
    return list(_load())


def scores(lines: list[str]) -> list[tuple[float, type[Importer]]]:
    out = [(cls.sniff(lines), cls) for cls in _load().values()]
    return sorted(out, key=lambda t: -t[0])


def detect(lines: list[str], filename: str = "the file") -> Importer:
    """The importer whose format these first lines are in; UnknownFormat when none fits."""
    best, cls = scores(lines)[0]
    if best < 0.5:
        raise UnknownFormat(f"{filename} is in no format detente knows",
                            hint=f"the formats are {', '.join(names())}; see docs/importing.md")
    return cls()


def get_importer(name: str, lines: list[str] | None = None, filename: str = "the file") -> Importer:
    """The importer called ``name``; with ``lines``, check the file really is in that format."""
    table = _load()
    key = name.lower()
    if key not in table:
        raise UnknownFormat(f"no importer called {name!r}", hint=f"use one of: auto, {', '.join(names())}")
    cls = table[key]
    if lines is not None and cls.sniff(lines) < 0.5:
        best, other = scores(lines)[0]
        if best >= 0.5 and other is not cls:
            raise UnknownFormat(f"{filename} is not {cls.label}: this looks like {other.label}: "
                                f"use `detente import {other.name}`")
        raise UnknownFormat(f"{filename} does not look like {cls.label}",
                            hint="check the file, or try `detente import auto`")
    return cls()

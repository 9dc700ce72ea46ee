"""Reading the package's CSV tables (no logic beyond parsing)."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

from detente.errors import BadRow, InputError

DATA_PACKAGE = "detente.actors.data"
LIST_SEP = "|"


def data_path(name: str) -> Path:
    """Path of a shipped data file (the package is installed from a tree, not a zip)."""
    return Path(str(resources.files(DATA_PACKAGE).joinpath(name)))


@cache
def data_version() -> str:
    return data_path("VERSION").read_text(encoding="utf-8").strip()


def split_list(value: str | None) -> list[str]:
    if not value:
        return []
    return [v.strip() for v in value.split(LIST_SEP) if v.strip()]


def parse_date(value: str | None, *, line: int | None = None, where: str = "") -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadRow(f"{where}: bad date {value!r} (use YYYY-MM-DD)", line=line, raw=value) from None


def read_rows(path: str | Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for a CSV file; lines starting with '#' are comments."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"actor file not found: {p}", hint="check the path given to --actors")
    with p.open(encoding="utf-8", newline="") as fh:
        lines = (ln for ln in fh if not ln.lstrip().startswith("#"))
        reader = csv.DictReader(lines)
        for i, row in enumerate(reader, start=2):
            yield i, {k.strip(): (v or "").strip() for k, v in row.items() if k is not None}


def header(path: str | Path) -> list[str]:
    if not Path(path).exists():
        raise InputError(f"actor file not found: {path}", hint="check the path given to --actors")
    with Path(path).open(encoding="utf-8", newline="") as fh:
        for ln in fh:
            if ln.strip() and not ln.lstrip().startswith("#"):
                return [h.strip() for h in next(csv.reader([ln]))]
    return []

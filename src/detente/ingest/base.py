"""The importer base class and the one import pipeline every format runs through.

An importer is mostly data: its column layout (``data/columns.csv``), how to
recognise it (``sniff``), which rows are bad (``checks``) and how its columns
become the event record (``event_exprs``), both as SQL expressions. The heavy
lifting happens in DuckDB:

1. the file is read as one text column per line (DuckDB's CSV reader, so ``.gz``
   streams and the line number is the row number), split on tabs and checked;
   the checked rows go to a temporary stage table;
2. bad rows go to ``rejects`` with file, line and reason; good rows go to
   ``events`` (an existing ``event_id`` is a duplicate) and every row's
   ``file:line`` to ``event_origins``;
3. the ``imports`` table records the file, its hash and the counts.

All of it runs in one transaction: a crash or a kill leaves no half file.
"""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import tempfile
import threading
import time
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, ClassVar

import duckdb
import pyarrow as pa

from detente.errors import InputError, UnknownFormat

ProgressFn = Callable[[float], None]


@dataclass
class ImportSummary:
    """What one file's import did. ``rows_read == stored + set_aside + duplicates``."""

    path: str
    dataset: str
    rows_read: int = 0
    stored: int = 0
    set_aside: int = 0
    duplicates: int = 0
    skipped: bool = False
    import_id: str = ""
    seconds: float = 0.0

    @property
    def reconciles(self) -> bool:
        return self.rows_read == self.stored + self.set_aside + self.duplicates

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "dataset": self.dataset, "rows_read": self.rows_read, "stored": self.stored,
                "set_aside": self.set_aside, "duplicates": self.duplicates, "skipped": self.skipped}


@dataclass(frozen=True)
class Column:
    position: int
    name: str
    aliases: tuple[str, ...]
    optional: bool


@lru_cache(maxsize=1)
def layouts() -> dict[str, list[Column]]:
    """Column layouts per format, from ``data/columns.csv``."""
    text = files("detente.ingest").joinpath("data", "columns.csv").read_text(encoding="utf-8")
    out: dict[str, list[Column]] = {}
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    for rec in csv.DictReader(lines):
        out.setdefault(rec["format"], []).append(
            Column(int(rec["position"]), rec["name"], tuple(a for a in rec["aliases"].split("|") if a),
                   rec["optional"] == "yes"))
    return out


def sql_str(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def event_id_sql(dataset: str, key_sql: str) -> str:
    """SQL for a stable event id: the producer's own id, hashed with the dataset.

    Same as ``detente.ingest.base.event_id(dataset, key)`` in Python.
    """
    return f"substr(md5({sql_str(dataset + chr(31))} || {key_sql}), 1, 24)"


def event_id(dataset: str, key: str) -> str:
    return hashlib.md5(f"{dataset}\x1f{key}".encode()).hexdigest()[:24]


class Importer:
    """One file format. Subclasses set the class attributes and the SQL hooks."""

    name: ClassVar[str]                    # registry key and `detente import NAME`
    label: ClassVar[str]                   # what users call it ("GDELT 1.0")
    dataset: ClassVar[str]                 # the events' `dataset` value
    header: ClassVar[bool] = False         # first line holds column names
    delimiter: ClassVar[str] = "\t"
    target: ClassVar[str] = "events"       # events | gdelt_mentions | country_volume
    quoted: ClassVar[bool] = False         # fields may be wrapped in double quotes (.tab)

    # -- layout -------------------------------------------------------------
    @classmethod
    def columns(cls) -> list[Column]:
        return layouts()[cls.name]

    @classmethod
    def widths(cls) -> set[int]:
        """Accepted numbers of fields per row."""
        cols = cls.columns()
        n = len(cols)
        return {n, n - sum(c.optional for c in cols)}

    # -- detection ------------------------------------------------------------
    @classmethod
    def sniff(cls, lines: list[str]) -> float:
        """Confidence 0-1 that these first lines are in this format."""
        raise NotImplementedError

    # -- SQL hooks --------------------------------------------------------------
    def positions(self, header: list[str] | None) -> dict[str, int]:
        """Column name -> 1-based field position in this file."""
        if not self.header:
            return {c.name: c.position for c in self.columns()}
        assert header is not None
        found: dict[str, int] = {}
        clean = [h.strip().strip('"').strip() for h in header]
        for col in self.columns():
            for spelling in (col.name, *col.aliases):
                if spelling in clean:
                    found[col.name] = clean.index(spelling) + 1
                    break
        missing = [c.name for c in self.columns() if c.name not in found and not c.optional and c.name in self.required]
        if missing:
            raise UnknownFormat(f"this {self.label} file lacks the column(s) {', '.join(missing)}",
                                hint="check the header line")
        return found

    required: ClassVar[tuple[str, ...]] = ()
    uses: ClassVar[tuple[str, ...] | None] = None  # columns the SQL reads (None: all)

    @classmethod
    def needed(cls) -> set[str] | None:
        return set(cls.uses) if cls.uses is not None else None

    def checks(self, pos: dict[str, int]) -> list[tuple[str, str]]:
        """(condition that makes a row bad, SQL reason text), in order; the first hit is the reason."""
        return []

    def event_exprs(self, pos: dict[str, int]) -> dict[str, str]:
        """Event field -> SQL expression over the stage columns (named as the layout)."""
        raise NotImplementedError

    def prepare(self, con: duckdb.DuckDBPyConnection, pos: dict[str, int]) -> None:
        """Register look-up tables the expressions need (runs after staging)."""

    def joins(self) -> str:
        return ""

    def file_joins(self, pos: dict[str, int]) -> str:
        """Joins to look-up tables, for this file's columns (default: ``joins()``)."""
        return self.joins()

    null_values: ClassVar[tuple[str, ...]] = ()  # field values that mean "missing" ("None")


# ---------------------------------------------------------------------------
# file handling

def open_lines(path: Path, n: int = 20) -> list[str]:
    """The first ``n`` lines of a plain, .gz or .zip file (for detection)."""
    import gzip

    raw: bytes
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as zf:
            member = _zip_member(zf, path)
            with zf.open(member) as fh:
                raw = fh.read(256 * 1024)
    elif path.suffix.lower() == ".gz":
        with gzip.open(path, "rb") as fh:
            raw = fh.read(256 * 1024)
    else:
        with open(path, "rb") as fh:
            raw = fh.read(256 * 1024)
    text = raw.decode("utf-8", errors="replace")
    lines = text.splitlines()
    if len(raw) == 256 * 1024 and lines:
        lines = lines[:-1]
    return [ln for ln in lines if ln.strip()][:n]


def _zip_member(zf: zipfile.ZipFile, path: Path) -> str:
    names = [n for n in zf.namelist() if not n.endswith("/")]
    if not names:
        raise InputError(f"{path.name} is an empty zip archive")
    if len(names) > 1:
        raise InputError(f"{path.name} holds {len(names)} files", hint="unzip it and import the files one by one")
    return names[0]


def quick_fingerprint(path: Path) -> str:
    """Size plus the first and last MiB: cheap, to find files that may have been imported before."""
    h = hashlib.blake2b(digest_size=8)
    size = path.stat().st_size
    h.update(str(size).encode())
    with open(path, "rb") as fh:
        h.update(fh.read(1 << 20))
        if size > 2 << 20:
            fh.seek(-(1 << 20), os.SEEK_END)
            h.update(fh.read(1 << 20))
    return h.hexdigest()


class BackgroundHash:
    """The file's full content hash, computed in a thread while DuckDB reads the file."""

    def __init__(self, path: Path) -> None:
        self._result: dict[str, str] = {}
        self._thread = threading.Thread(target=lambda: self._result.setdefault("h", file_hash(path)), daemon=True)
        self._thread.start()

    def result(self) -> str:
        self._thread.join()
        return self._result["h"]


def file_hash(path: Path) -> str:
    h = hashlib.sha1()
    with open(path, "rb") as fh:
        while chunk := fh.read(4 * 1024 * 1024):
            h.update(chunk)
    return h.hexdigest()


class _Readable:
    """The path DuckDB reads: the file itself, or a .zip member streamed to a temp file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._tmp: str | None = None

    def __enter__(self) -> str:
        if self.path.suffix.lower() != ".zip":
            return str(self.path)
        with zipfile.ZipFile(self.path) as zf:
            member = _zip_member(zf, self.path)
            fd, self._tmp = tempfile.mkstemp(prefix="detente-", suffix="-" + Path(member).name.replace(".", "_"))
            with os.fdopen(fd, "wb") as out, zf.open(member) as src:
                shutil.copyfileobj(src, out, 4 * 1024 * 1024)
        return self._tmp

    def __exit__(self, *exc: object) -> None:
        if self._tmp:
            with_suppress_unlink(self._tmp)


def with_suppress_unlink(p: str) -> None:
    try:
        os.unlink(p)
    except OSError:
        pass


def run_sql(con: duckdb.DuckDBPyConnection, sql: str, progress: ProgressFn | None = None,
            params: list[Any] | None = None) -> Any:
    """Execute one statement; while it runs, report DuckDB's query progress (0-100)."""
    if progress is None:
        return con.execute(sql, params or []).fetchall()
    result: dict[str, Any] = {}

    def work() -> None:
        try:
            result["rows"] = con.execute(sql, params or []).fetchall()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            result["error"] = exc

    t = threading.Thread(target=work, daemon=True)
    t.start()
    while t.is_alive():
        t.join(0.2)
        try:
            p = con.query_progress()
        except Exception:  # noqa: BLE001 - progress is best effort
            p = -1
        if p is not None and p >= 0:
            progress(float(p))
    if "error" in result:
        raise result["error"]
    return result["rows"]


def register_cameo(con: duckdb.DuckDBPyConnection) -> None:
    """Register the code tables the importers join to.

    ``_cameo``: one row per spelling of a code (``alias``: ``043`` and ``43``) with the
    canonical ``code``, root, PLOVER type, Goldstein value and the quad class under
    the detente, ICEWS and Phoenix conventions. ``_cameo_names``: lower-case code name
    -> code (ICEWS files without a CAMEO Code column). ``_plover``: type -> quad class.
    """
    from detente.ontology import cameo, plover

    table = cameo.table()
    rows: list[tuple[str, Any]] = []
    for c in table.values():
        rows.append((c.code, c))
        short = c.code.lstrip("0")
        if short and short != c.code and short not in table:
            rows.append((short, c))
    tbl = pa.table({
        "alias": [a for a, _ in rows],
        "code": [c.code for _, c in rows],
        "root": [c.root for _, c in rows],
        "plover_type": [c.plover_type for _, c in rows],
        "goldstein": pa.array([c.goldstein for _, c in rows], pa.float32()),
        "quad": pa.array([cameo.quad_class(c.code) for _, c in rows], pa.int8()),
        "quad_icews": pa.array([cameo.quad_class(c.code, "icews") for _, c in rows], pa.int8()),
    })
    names: dict[str, str] = {}
    for c in sorted(table.values(), key=lambda c: (len(c.code) < 3, c.code)):
        names.setdefault(c.name.strip().lower(), c.code)
    ptypes = plover.types()
    for name, arrow in (
        ("_cameo", tbl),
        ("_cameo_names", pa.table({"name": list(names), "code": list(names.values())})),
        ("_plover", pa.table({"plover_type": ptypes,
                              "quad": pa.array([plover.quad_class(t) for t in ptypes], pa.int8())})),
    ):
        con.register(name + "_arrow", arrow)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {name}_arrow")
        con.unregister(name + "_arrow")


def _distinct(con: duckdb.DuckDBPyConnection, columns: list[str]) -> list[str]:
    values: set[str] = set()
    for col in columns:
        values.update(v for (v,) in con.execute(f"SELECT DISTINCT {col} FROM _stage WHERE {col} IS NOT NULL").fetchall())
    return sorted(values)


def _register_map(con: duckdb.DuckDBPyConnection, name: str, mapping: dict[str, str | None]) -> None:
    con.register(name + "_arrow", pa.table({"name": pa.array(list(mapping), pa.string()),
                                            "code": pa.array(list(mapping.values()), pa.string())}))
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {name}_arrow")
    con.unregister(name + "_arrow")


def sector_role(value: str | None) -> str | None:
    """One role code for a sector list ("Military,Government" -> MIL); see data/sectors.csv."""
    if not value:
        return None
    low = value.lower()
    for keyword, role in _sector_rows():
        if keyword in low:
            return role
    return None


@lru_cache(maxsize=1)
def _sector_rows() -> list[tuple[str, str]]:
    text = files("detente.ingest").joinpath("data", "sectors.csv").read_text(encoding="utf-8")
    rows = [ln.split(",") for ln in text.splitlines() if ln and not ln.startswith("#")][1:]
    return [(k, r) for k, r in rows]


def country_code(value: str | None) -> str | None:
    """3-letter CAMEO country code for a full name ("Russian Federation") or a code (RUS, ISO ROU)."""
    from detente.actors import countries

    if not value:
        return None
    text = value.split(";")[0].strip()
    if text.upper() in ("NA", "NONE", "N/A", ""):
        return None
    if len(text) == 3 and text.isalpha() and text.isupper():
        hit = countries.get(text)
        return hit.code if hit else None
    return countries.code_from_name(text)


def register_countries(con: duckdb.DuckDBPyConnection, columns: list[str]) -> None:
    """``_countries(name, code)`` for every distinct value of these stage columns."""
    _register_map(con, "_countries", {v: country_code(v) for v in _distinct(con, columns)})


def register_roles(con: duckdb.DuckDBPyConnection, columns: list[str]) -> None:
    """``_roles(name, code)``: every distinct sector list of these stage columns -> role code."""
    _register_map(con, "_roles", {v: sector_role(v) for v in _distinct(con, columns)})


def new_import_id() -> str:
    return uuid.uuid4().hex[:16]


def now() -> float:
    return time.time()

"""``import_file``: one file into the store, in one transaction, with counts that reconcile.

>>> from detente import Store
>>> from detente.ingest import import_file
>>> summary = import_file(Store(":memory:"), "20161204.export.CSV")   # doctest: +SKIP
>>> summary.rows_read == summary.stored + summary.set_aside + summary.duplicates   # doctest: +SKIP
True
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

import duckdb

from detente.errors import InputError, StoreError
from detente.ingest.base import (
    BackgroundHash,
    Importer,
    ImportSummary,
    ProgressFn,
    _Readable,
    file_hash,
    ident,
    new_import_id,
    now,
    open_lines,
    quick_fingerprint,
    register_cameo,
    run_sql,
    sql_str,
)
from detente.ingest.registry import detect, get_importer
from detente.models import EVENT_FIELDS

# DuckDB's own memory cap while a file imports: the stage spills to disk beyond it.
MEMORY_LIMIT = os.environ.get("DETENTE_IMPORT_MEMORY", "600MB")


# Uncompressed files at least this big are staged in parts, one per DuckDB thread.
PART_MIN_BYTES = 64 * 1024 * 1024
# Where the parts of a stage live while a file imports: a database every connection
# (cursor) of the store's DuckDB instance sees, and that never touches the store's file.
SCRATCH = "_detente_import"
ACTOR_FIELDS = tuple(f for f in EVENT_FIELDS if f.startswith(("source_", "target_")))  # code, country, sector, name


def _read_sql(readable: str, rej_table: str, rej_scan: str, skip: int = 0) -> str:
    # One VARCHAR column per line: the delimiter is a control byte no event file uses,
    # quoting is off, so every line is one row and its row number is its line number.
    return (
        f"read_csv({sql_str(readable)}, columns={{'raw': 'VARCHAR'}}, delim='\\x01', header=false, quote='', "
        f"escape='', auto_detect=false, strict_mode=false, skip={int(skip)}, store_rejects=true, "
        f"rejects_table={sql_str(rej_table)}, rejects_scan={sql_str(rej_scan)})"
    )


def _field(importer: Importer, pos: int) -> str:
    f = f"f[{pos}]"
    if importer.quoted:
        expr = f"_unquote({f})"
    else:
        expr = f"nullif(trim({f}, ' \r'), '')" if importer.header else f"nullif({f}, '')"
    for missing in importer.null_values:
        expr = f"nullif({expr}, {sql_str(missing)})"
    return expr


def _stage_sql(importer: Importer, readable: str, pos: dict[str, int], rej: tuple[str, str],
               bad_lines: list[int], header_width: int | None, *, table: str = "TEMP TABLE _stage_rows",
               lines: tuple[int, int | None] = (0, None)) -> str:
    """``CREATE {table} AS`` the checked rows of the file, each with its line number.

    ``lines`` is ``(skip, count)``: the part of the file to read, from line ``skip + 1``,
    ``count`` lines (None: to the end). Numbering lines (``row_number() OVER ()``) makes
    DuckDB read a part on one thread, so big files are read as several parts at once.
    """
    first = 2 if importer.header else 1
    skip, count = lines
    widths = sorted(importer.widths()) if header_width is None else [header_width]
    delim = sql_str(importer.delimiter)
    line_expr = f"(rn + {int(skip)})"
    if bad_lines:
        # Lines DuckDB dropped (broken encoding) shift the row numbers after them.
        values = ",".join(f"({ln - i})" for i, ln in enumerate(sorted(bad_lines)))
        line_expr = f"({line_expr} + (SELECT count(*) FROM (VALUES {values}) b(k) WHERE b.k <= {line_expr}))"
    needed = importer.needed()
    cols = ",\n".join(f"{_field(importer, p)} AS {ident(name)}" for name, p in pos.items()
                      if needed is None or name in needed)
    checks = importer.checks(pos)
    width_ok = f"n IN ({','.join(str(w) for w in widths)})"
    expected = " or ".join(str(w) for w in widths)
    reason_cases = [f"WHEN NOT ({width_ok}) THEN 'wrong column count: ' || n || ' fields, expected {expected}'"]
    reason_cases += [f"WHEN {cond} THEN {why}" for cond, why in checks]
    checked = f"(SELECT *, CASE {' '.join(reason_cases)} END AS _reason FROM parsed)"
    if importer.target == "events":
        # The event id is computed once here; look-ups (codes, countries) join in afterwards,
        # when DuckDB knows the stage's size and builds its hash tables on the small side.
        eid = importer.event_exprs(pos)["event_id"]
        final = (f"SELECT s.* EXCLUDE (raw, _reason), CASE WHEN s._reason IS NOT NULL THEN s.raw END AS raw, "
                 f"s._reason, CASE WHEN s._reason IS NULL THEN {eid} END AS _eid FROM {checked} s")
    else:
        final = (f"SELECT * EXCLUDE (raw, _reason), CASE WHEN _reason IS NOT NULL THEN raw END AS raw, _reason "
                 f"FROM {checked}")
    limit = "" if count is None else f"LIMIT {int(count)}"
    return f"""
        CREATE {table} AS
        WITH src AS (
            SELECT {line_expr} AS line, raw
            FROM (SELECT row_number() OVER () AS rn, raw FROM {_read_sql(readable, *rej, skip)} {limit})
        ), split AS (
            SELECT line, raw, string_split(raw, {delim}) AS f FROM src
            WHERE raw IS NOT NULL AND {'line >= 2' if first == 2 else 'true'}
        ), parsed AS (
            SELECT line, raw, len(f) AS n,
            {cols}
            FROM split
        )
        {final}
    """


def import_file(store: Any, path: str | os.PathLike[str], dataset: str | None = None, *,
                force: bool = False, progress: ProgressFn | None = None,
                rejects_out: str | os.PathLike[str] | None = None) -> ImportSummary:
    """Import one GDELT / ICEWS / POLECAT / Phoenix file into ``store``.

    ``dataset`` is an importer name (``gdelt1``, ``gdelt2``, ``gdelt2-mentions``,
    ``icews``, ``polecat``, ``phoenix``, ``gdelt-volume``) or None / ``auto`` to detect it.
    A file already imported (same content) is skipped unless ``force``; then every
    row counts as a duplicate. ``progress`` is called with 0-100 while DuckDB works.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"no such file: {p}")
    if p.is_dir():
        raise InputError(f"{p} is a folder", hint="pass the files inside it")
    if getattr(store, "read_only", False):
        raise StoreError("the store is open read-only", hint="open it without read_only to import")
    lines = open_lines(p)
    if not lines:
        raise InputError(f"{p.name} is empty")
    importer = detect(lines, p.name) if dataset in (None, "auto") else get_importer(dataset, lines, p.name)
    started = now()
    # file_hash is "quick-full": the quick part finds candidates, the full hash decides.
    quick = quick_fingerprint(p)
    con: duckdb.DuckDBPyConnection = store.con
    summary = ImportSummary(path=str(p), dataset=importer.name)
    full: Any = None
    if not force:
        prev = con.execute(
            "SELECT import_id, file_hash FROM imports WHERE starts_with(file_hash, ?) AND dataset = ? "
            "AND status = 'done'", [quick + "-", importer.name]).fetchall()
        if prev:
            digest = f"{quick}-{file_hash(p)}"
            match = [r for r in prev if r[1] == digest]
            if match:
                summary.skipped = True
                summary.import_id = match[0][0]
                return summary
            full = _Done(digest)
    if full is None:
        full = _Pending(quick, BackgroundHash(p))
    header = lines[0].split(importer.delimiter) if importer.header else None
    pos = importer.positions(header)
    import_id = new_import_id()
    summary.import_id = import_id
    rej = (f"_rej_{import_id}", f"_rejscan_{import_id}")
    old_limit = con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
    con.execute(f"SET memory_limit = {sql_str(MEMORY_LIMIT)}")
    if not con.execute("SELECT current_setting('temp_directory')").fetchall()[0][0]:
        # An in-memory store has nowhere to spill the stage of a big file: give it a place.
        con.execute(f"SET temp_directory = {sql_str(str(Path(tempfile.gettempdir()) / 'detente-spill'))}")
    width = len(header) if header else None
    parts: list[str] = []
    try:
        register_cameo(con)
        _macros(con)
        with _Readable(p) as readable:
            # Staged before the transaction: its parts are written by other connections,
            # and the transaction must see them.
            parts = _parallel_stage(con, importer, readable, pos, width, import_id, progress)
            with store.transaction():
                _run(con, importer, readable, pos, rej, summary, p, full, started, progress, width, bool(parts))
    finally:
        con.execute("DROP VIEW IF EXISTS _stage")
        for t in (*parts, "_stage_rows", *rej, "_cameo", "_cameo_names", "_plover", "_roles", "_countries"):
            con.execute(f"DROP TABLE IF EXISTS {t if t in parts else ident(t)}")
        con.execute(f"SET memory_limit = {sql_str(old_limit)}")
    summary.seconds = now() - started
    if rejects_out:
        write_rejects(store, rejects_out, import_id=import_id)
    return summary


def _macros(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "CREATE OR REPLACE TEMP MACRO _unquote(x) AS nullif(CASE WHEN starts_with(trim(x, ' \r'), '\"') "
        "AND ends_with(trim(x, ' \r'), '\"') AND length(trim(x, ' \r')) >= 2 "
        "THEN replace(trim(x, ' \r')[2:-2], '\"\"', '\"') ELSE trim(x, ' \r') END, '')")


def _split_points(readable: str, n: int) -> list[int]:
    """Line numbers where ``n`` parts of an uncompressed file start (estimated from its head)."""
    size = os.path.getsize(readable)
    with open(readable, "rb") as fh:
        head = fh.read(1 << 20)
    newlines = head.count(b"\n")
    if not newlines:
        return [0]
    total = int(size * newlines / len(head))
    return [total * i // n for i in range(n)]


def _parallel_stage(con: duckdb.DuckDBPyConnection, importer: Importer, readable: str, pos: dict[str, int],
                    width: int | None, import_id: str, progress: ProgressFn | None) -> list[str]:
    """Stage a big uncompressed file in parts, one per DuckDB thread, each on its own connection.

    Part ``i`` reads lines ``starts[i] + 1`` to ``starts[i + 1]`` and numbers them itself.
    Returns the part tables, or ``[]`` when the file is staged the plain way instead:
    small, compressed, one thread, or a part met lines DuckDB could not decode (their
    line numbers are only known for the file as a whole).
    """
    threads = int(con.execute("SELECT current_setting('threads')").fetchall()[0][0])
    n = min(threads, 8)
    if n < 2 or Path(readable).suffix.lower() in (".gz", ".zst", ".bz2", ".xz") \
            or os.path.getsize(readable) < PART_MIN_BYTES:
        return []
    starts = _split_points(readable, n)
    if len(starts) < 2:
        return []
    con.execute(f"ATTACH IF NOT EXISTS ':memory:' AS {SCRATCH}")
    tables = [f"{SCRATCH}.part_{import_id}_{i}" for i in range(len(starts))]
    cursors = [con.cursor() for _ in starts]
    results: list[Any] = [None] * len(starts)

    def work(i: int) -> None:
        cur = cursors[i]
        try:
            register_cameo(cur)
            _macros(cur)
            rej = (f"_rej_{import_id}_{i}", f"_rejscan_{import_id}_{i}")
            count = starts[i + 1] - starts[i] if i + 1 < len(starts) else None
            cur.execute(_stage_sql(importer, readable, pos, rej, [], width, table=f"TABLE {tables[i]}",
                                   lines=(starts[i], count)))
            # DuckDB leaves the rejects table out when a part is past the end of the file.
            exists = cur.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [rej[0]]).fetchall()[0][0]
            results[i] = cur.execute(f"SELECT count(*) FROM {ident(rej[0])}").fetchall()[0][0] if exists else 0
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            results[i] = exc

    workers = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(len(starts))]
    for w in workers:
        w.start()
    while any(w.is_alive() for w in workers):
        workers[0].join(0.2)
        if progress:
            done = [_progress(c) for c in cursors]
            progress(0.7 * sum(done) / len(done))
    for c in cursors:
        c.close()
    failed = [r for r in results if isinstance(r, BaseException)]
    if failed or any(results):
        for t in tables:
            con.execute(f"DROP TABLE IF EXISTS {t}")
        if failed:
            raise failed[0]
        return []
    union = " UNION ALL ".join(f"SELECT * FROM {t}" for t in tables)
    con.execute(f"CREATE TEMP VIEW _stage AS {union}")
    return tables


def _progress(cur: duckdb.DuckDBPyConnection) -> float:
    try:
        value = cur.query_progress()
    except Exception:  # noqa: BLE001 - progress is best effort
        return 100.0
    return 100.0 if value is None or value < 0 else float(value)


def _run(con: duckdb.DuckDBPyConnection, importer: Importer, readable: str, pos: dict[str, int],
         rej: tuple[str, str], summary: ImportSummary, p: Path, digest: Any, started: float,
         progress: ProgressFn | None, width: int | None, staged: bool) -> None:
    # Reading and checking the file is most of the work: 0-70% of the bar, storing the rest.
    read_progress = (lambda v: progress(v * 0.7)) if progress else None
    store_progress = (lambda v: progress(70 + v * 0.3)) if progress else None
    bad: list[Any] = []
    if not staged:
        run_sql(con, _stage_sql(importer, readable, pos, rej, [], width), read_progress)
        bad = con.execute(f"SELECT DISTINCT line, csv_line FROM {ident(rej[0])} ORDER BY line").fetchall()
        if bad:
            # Rows DuckDB could not decode were left out of the stage, so the line numbers after
            # them are off: build the stage again knowing where those lines are.
            con.execute("DROP TABLE _stage_rows")
            con.execute(f"DELETE FROM {ident(rej[0])}")
            run_sql(con, _stage_sql(importer, readable, pos, rej, [b[0] for b in bad], width), read_progress)
        con.execute("CREATE TEMP VIEW _stage AS SELECT * FROM _stage_rows")
    name = p.name
    import_id = summary.import_id
    importer.prepare(con, pos)
    counts = con.execute("SELECT count(*), count(*) FILTER (WHERE _reason IS NOT NULL) FROM _stage").fetchall()[0]
    summary.rows_read = int(counts[0]) + len(bad)
    con.execute(
        "INSERT INTO rejects SELECT ?, ?, line, _reason, raw FROM _stage WHERE _reason IS NOT NULL",
        [import_id, name])
    for line, raw in bad:
        con.execute("INSERT INTO rejects VALUES (?, ?, ?, ?, ?)",
                    [import_id, name, line, "broken encoding: not UTF-8", raw])
    summary.set_aside = int(counts[1]) + len(bad)
    summary.stored = importer.store_rows(con, pos, name, store_progress) if hasattr(importer, "store_rows") \
        else _store_events(con, importer, pos, name, store_progress)
    summary.duplicates = summary.rows_read - summary.set_aside - summary.stored
    _record_import(con, summary, p, digest.value(), started)


class _Done:
    def __init__(self, digest: str) -> None:
        self.digest = digest

    def value(self) -> str:
        return self.digest


class _Pending:
    def __init__(self, quick: str, job: BackgroundHash) -> None:
        self.quick, self.job = quick, job

    def value(self) -> str:
        return f"{self.quick}-{self.job.result()}"


def _record_import(con: duckdb.DuckDBPyConnection, summary: ImportSummary, p: Path, digest: str,
                   started: float) -> None:
    con.execute(
        "INSERT INTO imports VALUES (?, ?, ?, ?, to_timestamp(?), current_timestamp, ?, ?, ?, ?, 'done')",
        [summary.import_id, str(p.resolve()), digest, summary.dataset, started, summary.rows_read, summary.stored,
         summary.set_aside, summary.duplicates])


def _event_exprs(importer: Importer, pos: dict[str, int], name: str) -> dict[str, str]:
    exprs = importer.event_exprs(pos)
    # Headerless layouts keep their fields as read, and GDELT writes some actor codes with a
    # leading space (" AFG", or " " for none): an actor is the same actor without it.
    for key in ACTOR_FIELDS:
        if key in exprs:
            exprs[key] = f"nullif(trim(CAST({exprs[key]} AS VARCHAR)), '')"
    exprs.setdefault("dataset", sql_str(importer.dataset))
    exprs["origin"] = f"{sql_str(name + ':')} || s.line"
    return exprs


def _store_events(con: duckdb.DuckDBPyConnection, importer: Importer, pos: dict[str, int], name: str,
                  progress: ProgressFn | None = None) -> int:
    exprs = _event_exprs(importer, pos, name)
    exprs["event_id"] = "s._eid"
    joins = importer.file_joins(pos)
    select = ",\n".join(f"{exprs.get(f, 'NULL')} AS {f}" for f in EVENT_FIELDS)
    before = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    cols = ", ".join(EVENT_FIELDS)
    good = f"SELECT {select} FROM _stage s {joins} WHERE s._reason IS NULL"
    # An anti-join (and DISTINCT ON only when the file repeats an id) instead of ON CONFLICT:
    # the same result, the first report of an id wins, at about half the cost on DuckDB's
    # primary-key index.
    repeats = con.execute(
        f"SELECT count(*) - count(DISTINCT {exprs['event_id']}) FROM _stage s WHERE s._reason IS NULL").fetchall()[0][0]
    if repeats:
        # The first line wins: DISTINCT ON alone keeps whichever row a thread met first.
        good = (f"SELECT * EXCLUDE (_line) FROM (SELECT DISTINCT ON (event_id) * FROM "
                f"(SELECT {select}, s.line AS _line FROM _stage s {joins} WHERE s._reason IS NULL) "
                f"ORDER BY event_id, _line)")
    if before:
        good = f"SELECT * FROM ({good}) n WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = n.event_id)"
    run_sql(con, f"INSERT INTO events ({cols}) {good}", progress)
    after = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    n_good = con.execute("SELECT count(*) FROM _stage WHERE _reason IS NULL").fetchall()[0][0]
    if n_good > after - before:
        # Duplicates: record where else each event was seen. A new event's first origin is
        # events.origin itself (EventStore.origins reads both), which spares the index of
        # event_origins two million entries on a big file.
        con.execute(f"""INSERT INTO event_origins
                        SELECT n.event_id, n.origin FROM (
                            SELECT {exprs['event_id']} AS event_id, {exprs['origin']} AS origin
                            FROM _stage s WHERE s._reason IS NULL) n
                        JOIN events e ON e.event_id = n.event_id
                        WHERE e.origin IS DISTINCT FROM n.origin
                        ON CONFLICT DO NOTHING""")
    return int(after - before)


def write_rejects(store: Any, out: str | os.PathLike[str], *, import_id: str | None = None) -> int:
    """Write set-aside rows (file, line, reason, raw) to a TSV file; returns how many."""
    con = store.con
    where, params = ("WHERE import_id = ?", [import_id]) if import_id else ("", [])
    rows = con.execute(f"SELECT file, line, reason, raw FROM rejects {where} ORDER BY file, line", params).fetchall()
    with open(out, "w", encoding="utf-8", newline="") as fh:
        fh.write("file\tline\treason\traw\n")
        fh.writelines(f"{f}\t{line}\t{reason}\t{(raw or '').replace(chr(9), chr(92) + 't')}\n" for f, line, reason, raw in rows)
    return len(rows)


def _today() -> str:
    return dt.date.today().isoformat()

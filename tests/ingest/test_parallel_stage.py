"""Big files are staged in parts read at once; the result must be the plain path's, line for line."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente import Store
from detente.ingest import pipeline
from detente.ingest.base import layouts
from tests.ingest.builders import gdelt_event, icews_row


def _gdelt_lines(n: int) -> list[str]:
    lines = [gdelt_event("gdelt1", i) for i in range(n)]
    lines[7] = ""                                              # a blank line
    lines[30] = ""
    lines[31] = ""
    lines[12] = gdelt_event("gdelt1", 12, width=40)            # wrong column count
    lines[44] = gdelt_event("gdelt1", 44, date="2016-13-40")   # bad date
    lines[50] = gdelt_event("gdelt1", 3)                       # the id of line 4 again: a duplicate
    return lines


def _icews_lines(n: int) -> list[str]:
    header = "\t".join(c.name for c in layouts()["icews"])
    rows = [icews_row(i) for i in range(n)]
    rows[9] = ""
    rows[20] = icews_row(20, date="not a date")
    return [header, *rows]


def _import(tmp_path: Path, name: str, text: bytes, dataset: str, parts: bool, monkeypatch: pytest.MonkeyPatch,
            starts: list[int] | None = None) -> tuple[list, list, object]:
    f = tmp_path / name
    f.write_bytes(text)
    monkeypatch.setattr(pipeline, "PART_MIN_BYTES", 0 if parts else 1 << 62)
    if starts is not None:
        monkeypatch.setattr(pipeline, "_split_points", lambda readable, n: starts)
    store = Store(tmp_path / f"{name}-{parts}-{starts}.duckdb")
    store.con.execute("SET threads = 2")
    summary = store.import_file(f, dataset)
    events = store.con.execute("SELECT event_id, origin, cameo_code, date FROM events ORDER BY event_id").fetchall()
    rejects = store.con.execute("SELECT line, reason, raw FROM rejects ORDER BY line").fetchall()
    left = store.con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = ?",
                             [pipeline.SCRATCH]).fetchall()[0][0]
    assert left == 0, "the parts of the stage are dropped after the import"
    store.close()
    return events, rejects, summary


@pytest.mark.parametrize("starts", [None, [0, 31, 32], [0, 1, 7, 8, 50, 99], [0, 40, 5000]])
def test_parts_give_the_same_rows_lines_and_rejects(tmp_path, monkeypatch, starts):
    text = ("\n".join(_gdelt_lines(100)) + "\n").encode()
    plain = _import(tmp_path, "a.export.CSV", text, "gdelt1", False, monkeypatch)
    split = _import(tmp_path, "a.export.CSV", text, "gdelt1", True, monkeypatch, starts)
    assert split[0] == plain[0] and split[1] == plain[1]
    assert [r[0] for r in plain[1]] == [13, 45]
    s = split[2]
    assert (s.rows_read, s.stored, s.set_aside, s.duplicates) == (97, 94, 2, 1)
    # Each stored event's origin is the line it came from; a repeated id keeps its first line.
    origins = {e[1] for e in split[0]}
    assert {"a.export.CSV:1", "a.export.CSV:4", "a.export.CSV:100"} <= origins and "a.export.CSV:51" not in origins


def test_parts_with_a_header(tmp_path, monkeypatch):
    text = ("\n".join(_icews_lines(60)) + "\n").encode()
    plain = _import(tmp_path, "b.tab", text, "icews", False, monkeypatch)
    split = _import(tmp_path, "b.tab", text, "icews", True, monkeypatch, [0, 1, 21, 22])
    assert split[0] == plain[0] and split[1] == plain[1]
    assert [r[0] for r in plain[1]] == [22]


def test_broken_encoding_falls_back_to_one_part(tmp_path, monkeypatch):
    lines = [ln.encode() for ln in _gdelt_lines(80)]
    lines[60] = lines[60].replace(b"ACTOR", b"ACT\xff\xfeOR")
    text = b"\n".join(lines) + b"\n"
    plain = _import(tmp_path, "c.export.CSV", text, "gdelt1", False, monkeypatch)
    split = _import(tmp_path, "c.export.CSV", text, "gdelt1", True, monkeypatch, [0, 40])
    assert split[0] == plain[0] and split[1] == plain[1]
    assert (61, "broken encoding: not UTF-8") in [r[:2] for r in split[1]]

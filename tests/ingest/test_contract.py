"""One contract suite over every importer, on fixture files written from the documented layouts."""

from __future__ import annotations

import pytest

from detente import Store
from detente.errors import UnknownFormat
from detente.ingest import import_file, names

from .builders import SPECS, write

FORMATS = list(SPECS)
TARGET = {"gdelt2-mentions": "gdelt_mentions", "gdelt-volume": "country_volume"}


def count(store, fmt):
    return store.con.execute(f"SELECT count(*) FROM {TARGET.get(fmt, 'events')}").fetchall()[0][0]


def test_every_importer_has_a_spec():
    assert set(names()) == set(SPECS)


def _broken(spec, i: int) -> bytes:
    line = spec.good(i).encode("utf-8")
    cut = line.index(b"\t" if spec.fmt != "gdelt-volume" else b",") + 1
    return line[:cut] + b"\xff\xfe" + line[cut:] + b"\n"


def _mixed_file(tmp_path, spec, name="mixed"):
    """10 good rows, then one row of each kind of bad, a broken-encoding row, and a good last row."""
    lines = spec.lines(range(10))
    bad = [spec.bad_date(10), spec.wrong_width(12)] + ([spec.bad_code(11)] if spec.bad_code else [])
    head = write(tmp_path / f"{name}{spec.suffix}", lines + bad, raw_tail=_broken(spec, 13) + (spec.good(14) + "\n").encode())
    return head, len(bad) + 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_counts_reconcile_and_bad_rows_are_set_aside(store, tmp_path, fmt):
    spec = SPECS[fmt]
    path, n_bad = _mixed_file(tmp_path, spec)
    s = import_file(store, path, fmt)
    assert (s.rows_read, s.stored, s.set_aside, s.duplicates) == (11 + n_bad, 11, n_bad, 0)
    assert s.reconciles and count(store, fmt) == 11
    rejects = store.con.execute("SELECT file, line, reason FROM rejects ORDER BY line").fetchall()
    offset = 1 if spec.header() else 0
    lines = [r[1] for r in rejects]
    assert lines == list(range(11 + offset, 11 + offset + n_bad))
    assert all(r[0] == path.name for r in rejects)
    reasons = " | ".join(r[2] for r in rejects)
    assert "bad date" in reasons and "wrong column count" in reasons and "broken encoding" in reasons
    if spec.bad_code and fmt != "gdelt-volume":
        assert "unknown" in reasons
    if fmt not in TARGET:
        # the good row after the broken line keeps its true line number
        last = store.con.execute("SELECT max(CAST(split_part(origin, ':', 2) AS INT)) FROM events").fetchall()
        assert last[0][0] == 11 + offset + n_bad


@pytest.mark.parametrize("fmt", FORMATS)
def test_importing_twice_adds_nothing(store, tmp_path, fmt):
    spec = SPECS[fmt]
    path = write(tmp_path / f"a{spec.suffix}", spec.lines(range(6)))
    first = import_file(store, path, fmt)
    again = import_file(store, path, fmt)
    assert first.stored == 6 and again.skipped and again.stored == 0
    forced = import_file(store, path, fmt, force=True)
    assert (forced.rows_read, forced.stored, forced.duplicates) == (6, 0, 6)
    assert count(store, fmt) == 6


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in TARGET])
def test_same_event_in_two_files_is_one_row_with_both_origins(store, tmp_path, fmt):
    spec = SPECS[fmt]
    a = write(tmp_path / f"a{spec.suffix}", spec.lines(range(6)))
    b = write(tmp_path / f"b{spec.suffix}", spec.lines(range(3, 9)))
    import_file(store, a, fmt)
    s = import_file(store, b, fmt)
    assert (s.stored, s.duplicates) == (3, 3)
    assert store.count() == 9
    offset = 1 if spec.header() else 0
    ev = store.con.execute("SELECT event_id FROM events WHERE origin = ?", [f"{a.name}:{4 + offset}"]).fetchall()
    assert store.origins(ev[0][0]) == [f"{a.name}:{4 + offset}", f"{b.name}:{1 + offset}"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("compression", [".gz", ".zip"])
def test_compressed_files(store, tmp_path, fmt, compression):
    spec = SPECS[fmt]
    path = write(tmp_path / f"f{spec.suffix}{compression}", spec.lines(range(5)))
    s = import_file(store, path)  # auto-detect through the compression too
    assert s.dataset == fmt and s.stored == 5 and s.reconciles


@pytest.mark.parametrize("fmt", FORMATS)
def test_detection_and_wrong_format_message(store, tmp_path, fmt):
    spec = SPECS[fmt]
    path = write(tmp_path / f"f{spec.suffix}", spec.lines(range(5)))
    assert import_file(store, path, None).dataset == fmt
    other = "icews" if fmt == "gdelt1" else "gdelt1"
    with pytest.raises(UnknownFormat) as err:
        import_file(Store(":memory:"), path, other)
    from detente.ingest.registry import get_importer
    label = get_importer(fmt).label
    assert f"this looks like {label}: use `detente import {fmt}`" in str(err.value)


def test_unknown_file_is_a_clear_error(store, tmp_path):
    path = write(tmp_path / "notes.txt", ["dear diary", "nothing here"])
    with pytest.raises(UnknownFormat, match="no format detente knows"):
        import_file(store, path)


@pytest.mark.parametrize("fmt", FORMATS)
def test_failure_mid_import_leaves_nothing(store, tmp_path, fmt, monkeypatch):
    from detente.ingest import pipeline

    spec = SPECS[fmt]
    path, _ = _mixed_file(tmp_path, spec)

    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    real = pipeline._record_import
    monkeypatch.setattr(pipeline, "_record_import", boom)
    with pytest.raises(RuntimeError):
        import_file(store, path, fmt)
    assert count(store, fmt) == 0
    for table in ("rejects", "imports", "event_origins"):
        assert store.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] == 0
    monkeypatch.setattr(pipeline, "_record_import", real)
    assert import_file(store, path, fmt).stored == 11

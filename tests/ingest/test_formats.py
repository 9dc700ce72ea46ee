"""Format variants: ICEWS quoting, date styles and the missing CAMEO column; POLECAT's two
intensity names and ``None``; GDELT 1.0 57/58 columns; a crash mid-import in a real process."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from detente import Store
from detente.ingest import event_id, import_file
from detente.ontology import cameo as cameo_codes

from .builders import (
    gdelt_event,
    icews_header,
    icews_row,
    polecat_header,
    polecat_row,
    write,
)


@pytest.mark.parametrize("quote", [False, True], ids=["tsv", "tab-quoted"])
@pytest.mark.parametrize("cameo", [True, False], ids=["cameo-column", "no-cameo-column"])
@pytest.mark.parametrize("date", ["2016-12-04", "12/4/2016"], ids=["iso", "mdy"])
def test_icews_variants(store, tmp_path, quote, cameo, date):
    lines = [icews_header(cameo)] + [icews_row(i, date=date, cameo=cameo, quote=quote) for i in range(6)]
    s = import_file(store, write(tmp_path / ("f.tab" if quote else "f.tsv"), lines))
    assert (s.dataset, s.stored, s.set_aside) == ("icews", 6, 0)
    df = store.events(order="event_id")
    row = df[df.event_id == event_id("icews", "9001|2016-12-04")].iloc[0]
    assert str(row.date)[:10] == "2016-12-04"
    assert (row.source_country, row.source_sector, row.source_code) == ("PAK", "MIL", "PAKMIL")
    assert (row.target_country, row.target_sector, row.target_code) == ("IND", "GOV", "INDGOV")
    assert (row.cameo_code, row.plover_type, row.quad_class) == ("057", cameo_codes.lookup("057").plover_type, 1)
    assert row.source_name == "Official (Pakistan)"  # quotes removed


def test_icews_event_id_needs_the_date(store, tmp_path):
    lines = [icews_header(), icews_row(1, date="2016-12-04"), icews_row(1, date="2016-12-05")]
    assert import_file(store, write(tmp_path / "f.tsv", lines)).stored == 2


@pytest.mark.parametrize("intensity", ["Intensity", "Event Intensity"])
def test_polecat_variants(store, tmp_path, intensity):
    lines = [polecat_header(intensity)] + [polecat_row(i) for i in range(4)]
    s = import_file(store, write(tmp_path / "p.tsv", lines), "polecat")
    assert s.stored == 4
    df = store.events(order="event_id")
    row = df[df.event_id == event_id("polecat", "pc-2")].iloc[0]
    assert (row.plover_type, row.quad_class, row.origin_quad_class) == ("ASSAULT", 4, 1)
    assert (row.source_country, row.target_country, row.source_code) == ("RUS", "PAK", "RUSGOV")
    assert row.cameo_code is None or row.cameo_code != row.cameo_code  # POLECAT has no CAMEO code


def test_gdelt1_57_and_58_columns(store, tmp_path):
    lines = [gdelt_event("gdelt1", 1, width=57, date="20130331"), gdelt_event("gdelt1", 2, date="20130401")]
    s = import_file(store, write(tmp_path / "g.CSV", lines))
    assert (s.dataset, s.stored) == ("gdelt1", 2)
    df = store.events(order="date")
    assert list(df.cameo_code) == ["057", "0871"]
    assert list(df.origin_quad_class) == [1, 1] and list(df.quad_class) == [1, 2]


def test_leading_zero_lost_codes_are_normalised(store, tmp_path):
    s = import_file(store, write(tmp_path / "g.CSV", [gdelt_event("gdelt1", 1, code="43")]), "gdelt1")
    assert s.stored == 1 and store.events().cameo_code[0] == "043"


def test_gdelt_actor_codes_with_a_leading_space_are_the_same_actor(store, tmp_path):
    # GDELT writes some second actors as " AFG", and " " where there is none.
    a = gdelt_event("gdelt1", 1).split("\t")
    b = gdelt_event("gdelt1", 2).split("\t")
    a[15], a[16], a[17] = " AFG", " AFGHANISTAN", " AFG"
    b[15], b[16], b[17] = " ", "", " "
    s = import_file(store, write(tmp_path / "g.CSV", ["\t".join(a), "\t".join(b)]), "gdelt1")
    assert s.stored == 2
    df = store.events(order="event_id")
    cols = ["target_code", "target_name", "target_country"]
    assert df[cols].iloc[0].tolist() == ["AFG", "AFGHANISTAN", "AFG"]
    assert df[cols].iloc[1].isna().all()


def test_kill_mid_import_leaves_store_consistent(tmp_path):
    db = tmp_path / "k.duckdb"
    path = write(tmp_path / "big.CSV", [gdelt_event("gdelt1", i) for i in range(3000)])
    # A real process dies (os._exit: no rollback, no cleanup) after the events were written
    # inside the import's transaction but before it committed.
    script = textwrap.dedent(f"""
        import os
        from detente import Store
        from detente.ingest import pipeline
        real = pipeline._store_events
        def die(*a, **k):
            real(*a, **k)
            os._exit(9)
        pipeline._store_events = die
        pipeline.import_file(Store({str(db)!r}), {str(path)!r}, "gdelt1")
    """)
    proc = subprocess.run([sys.executable, "-c", script], env={**os.environ}, timeout=120, check=False)
    assert proc.returncode == 9
    with Store(db) as s:
        assert s.count() == 0
        assert s.con.execute("SELECT count(*) FROM imports").fetchall()[0][0] == 0
        summary = import_file(s, path)
        assert (summary.stored, summary.skipped) == (3000, False)


def test_python_api(tmp_path):
    import detente

    store = detente.Store(":memory:")
    path = write(tmp_path / "20161204.export.CSV.gz", [gdelt_event("gdelt1", i) for i in range(8)])
    summary = store.import_file(path)
    assert (summary.dataset, summary.rows_read, summary.stored) == ("gdelt1", 8, 8)
    df = store.events(dyad="PAK,RUS", since="2016-01-01")
    assert len(df) == 4 and set(df.dataset) == {"gdelt1"}
    assert store.origins(df.event_id[0]) == [df.origin[0]]

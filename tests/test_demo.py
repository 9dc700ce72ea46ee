"""`detente demo` (what `make demo` runs): shipped texts in, a store and the Pakistan-Russia brief out."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from detente.cli.main import app

pytestmark = pytest.mark.slow


def test_demo_writes_store_events_and_brief(tmp_path):
    out = tmp_path / "demo"
    r = CliRunner().invoke(app, ["demo", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert "Brief:" in r.stdout and str((out / "pak_rus_brief.html").resolve()) in r.stdout.replace("\n", "")
    html = (out / "pak_rus_brief.html").read_text(encoding="utf-8")
    assert "Pakistan" in html and "Russia" in html
    assert "data:image/png;base64," in html  # charts are embedded
    from detente import Store

    with Store(out / "demo.duckdb", read_only=True) as store:
        assert store.totals()["documents"] == 56
        pak_rus = store.events(dyad="PAK,RUS")
        assert len(pak_rus) >= 3
        assert pak_rus["sentence"].notna().all()  # every coded event keeps its evidence
    # running it again starts from a fresh store: same counts, nothing doubled
    again = CliRunner().invoke(app, ["demo", "--out", str(out)])
    assert again.exit_code == 0
    with Store(out / "demo.duckdb", read_only=True) as store:
        assert store.totals()["documents"] == 56

from __future__ import annotations

import re

import pandas as pd
from typer.testing import CliRunner

from detente import Store
from detente.cli.main import app
from detente.report import build_brief, render_html, render_markdown, write_brief

SECTIONS = ["headline", "timeline", "changepoints", "quads", "key-events", "triads", "drivers", "outlook"]


def test_html_brief_has_every_section_and_real_pngs(coded_store, tmp_path):
    import base64

    with Store(coded_store, read_only=True) as st:
        out = write_brief(st, "PAK", "RUS", tmp_path / "b.html", since="2014-01-01")
    html = out.read_text()
    for s in SECTIONS:
        assert f'id="{s}"' in html, s
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', html)
    assert len(images) == 3
    for img in images:
        assert base64.b64decode(img)[:8] == b"\x89PNG\r\n\x1a\n"
    assert "http://" not in html and "https://" not in html  # self-contained
    # evidence: escaped sentence with the event word marked; origin for imported rows
    assert "&lt;met&gt;" not in html or "<mark>" in html
    assert "&amp; talked" in html and "<met>" not in html
    assert "20150101.export.CSV:" in html
    assert "Pakistan and Russia" in html


def test_markdown_brief_writes_pngs(coded_store, tmp_path):
    with Store(coded_store, read_only=True) as st:
        out = write_brief(st, "PAK", "RUS", tmp_path / "b.md")
    text = out.read_text()
    assert text.startswith("# Pakistan and Russia")
    for name in ("timeline", "quads", "network"):
        png = tmp_path / "b_files" / f"{name}.png"
        assert png.read_bytes()[:4] == b"\x89PNG" and f"b_files/{name}.png" in text


def test_thin_dyad_still_renders_with_the_message(tmp_path):
    ev = pd.DataFrame({"date": ["2014-06-02", "2015-01-03", "2015-05-01"], "source_country": ["RUS", "PAK", "RUS"],
                       "target_country": ["PAK", "RUS", "PAK"], "source_code": ["RUS", "PAK", "RUS"],
                       "target_code": ["PAK", "RUS", "PAK"], "quad_class": [2, 1, 3], "goldstein": [7.0, 3.0, -2.0],
                       "origin": ["a.csv:1", "a.csv:2", "a.csv:3"]})
    ctx = build_brief(ev, "PAK", "RUS", since="2014-01-01")
    html = render_html(ctx)
    assert "Only 3 events between PAK and RUS since 2014-01-01: too few to measure a trend." in html
    assert 'id="too-few"' in html and "Outlook not available" in html


def test_a_repeatedly_reported_event_is_one_key_event_row(tmp_path):
    ev = pd.DataFrame({"date": ["2015-05-01"] * 3 + ["2015-05-02"], "source_code": ["RUS"] * 4,
                       "target_code": ["PAK"] * 4, "cameo_code": ["0871"] * 4, "quad_class": [2] * 4,
                       "goldstein": [8.3] * 4, "origin": ["a.tab:3", "a.tab:8", "a.tab:9", "a.tab:20"]})
    ctx = build_brief(ev, "PAK", "RUS")
    assert [(e["date"], e["reports"]) for e in ctx["key_events"]] == [("2015-05-01", 3), ("2015-05-02", 1)]
    md = render_markdown(ctx, tmp_path)
    assert "`a.tab:3` and 2 more reports |" in md and "`a.tab:20` |" in md and "a.tab:8" not in md
    assert "a.tab:3</span> <span class=\"origin\">and 2 more reports</span>" in render_html(ctx)


def test_outlook_failure_is_a_sentence(monkeypatch, coded_store):
    import detente.forecast as fo

    def boom(*a, **k):
        raise RuntimeError("x")

    monkeypatch.setattr(fo, "outlook", boom)
    with Store(coded_store, read_only=True) as st:
        ctx = build_brief(st, "PAK", "RUS", drivers=False)
    assert ctx["outlook"]["available"] is False and "failed" in ctx["outlook"]["reason"]


def test_cli_brief_and_bad_suffix(coded_store, tmp_path):
    r = CliRunner().invoke(app, ["brief", "PAK", "RUS", "--db", str(coded_store), "--out", str(tmp_path / "x.html")])
    assert r.exit_code == 0, r.output
    assert str(tmp_path / "x.html") in r.output
    r = CliRunner().invoke(app, ["brief", "PAK", "RUS", "--db", str(coded_store), "--out", str(tmp_path / "x.docx")])
    assert r.exit_code == 1 and "name the output .html, .md or .pdf" in r.output


def test_dyad_without_events_renders_both_formats(coded_store, tmp_path):
    # no chart can be drawn, so the templates must not ask for one
    with Store(coded_store, read_only=True) as st:
        ctx = build_brief(st, "ZZZ", "QQQ", drivers=False)
    assert ctx["charts"] == {}
    assert "No events between ZZZ and QQQ in this window." in render_html(ctx)
    md = render_markdown(ctx, tmp_path / "z_files")
    assert "No events between ZZZ and QQQ" in md and "![" not in md

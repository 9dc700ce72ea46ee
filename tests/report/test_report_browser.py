"""Open the HTML brief in headless Chromium, check the page, keep a screenshot."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente import Store
from detente.report import write_brief

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.mark.browser
def test_brief_in_chromium(coded_store, tmp_path, artifacts_dir):
    if not CHROMIUM.exists():
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get install chromium); never downloaded by tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with Store(coded_store, read_only=True) as st:
        page_path = write_brief(st, "PAK", "RUS", tmp_path / "brief.html", since="2014-01-01")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_path.as_uri())
            assert page.inner_text("#title") == "Pakistan and Russia: how the relationship moved"
            for section in ("headline", "timeline", "changepoints", "key-events", "triads", "drivers", "outlook"):
                assert page.locator(f"#{section}").is_visible(), section
            # every chart decoded and laid out at a readable size
            sizes = page.eval_on_selector_all(
                "img", "els => els.map(e => [e.complete, e.naturalWidth, e.getBoundingClientRect().width])")
            assert len(sizes) == 3
            for complete, natural, shown in sizes:
                assert complete and natural > 400 and shown > 300
            assert page.locator("#key-events tbody tr").count() >= 5
            assert page.locator("#key-events mark").count() >= 1
            assert not errors
            page.screenshot(path=str(artifacts_dir / "brief_pak_rus.png"), full_page=True)
        finally:
            browser.close()
    assert (artifacts_dir / "brief_pak_rus.png").stat().st_size > 50_000


@pytest.mark.browser
def test_pdf_brief(coded_store, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get install chromium)")
    with Store(coded_store, read_only=True) as st:
        out = write_brief(st, "PAK", "RUS", tmp_path / "brief.pdf", drivers=False)
    assert out.read_bytes()[:5] == b"%PDF-" and out.stat().st_size > 20_000


def test_pdf_without_converter_says_what_to_do(coded_store, tmp_path, monkeypatch):
    from detente.errors import InputError
    from detente.report import brief

    monkeypatch.setattr(brief, "find_pdf_converter", lambda: None)
    with Store(coded_store, read_only=True) as st, pytest.raises(InputError, match="install chromium"):
        write_brief(st, "PAK", "RUS", tmp_path / "brief.pdf")

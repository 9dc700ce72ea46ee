"""The dashboard in a real browser: Playwright driving Debian's Chromium (never a downloaded one).

Screenshots go to test-artifacts/ (kept by CI as test artifacts).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: install Debian's chromium (`make system-deps`) to run the browser tests")
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed (pip install -e '.[test]')")
    import uvicorn
    from web_store import EVIL, FakeCoder, build_events

    from detente.store import EventStore
    from detente.web import create_app

    path = tmp_path_factory.mktemp("browser") / "b.duckdb"
    with EventStore(path) as store:
        store.insert_events(build_events())
        store.insert_documents([{"doc_id": "doc-evil", "title": "Evil", "text": EVIL, "date": "2016-05-01"}])
    port = _free_port()
    config = uvicorn.Config(create_app(path, coder=FakeCoder()), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the dashboard server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.errors = errors
    yield pg
    context.close()


def test_explorer_draws_chart_and_opens_evidence(page, artifacts_dir):
    page.goto("/dyad")
    page.fill("#a", "PAK")
    page.fill("#b", "RUS")
    page.click("#show")
    page.wait_for_url("**/dyad?*a=PAK*")
    page.wait_for_selector("#chart-series[data-drawn] canvas", timeout=20_000)
    page.wait_for_selector("#chart-quad canvas")
    page.wait_for_selector("#events-table tbody tr button.evidence-open")
    assert "73 in all" in page.text_content("#events-count")
    page.wait_for_selector("#chart-series[data-changepoints] canvas")
    assert page.locator("#segments li").count() >= 2
    page.screenshot(path=str(artifacts_dir / "web-dyad-explorer.png"), full_page=True)

    page.click("#next")
    page.wait_for_selector("#page-info:has-text('page 2 of')")  # no wait_for_function: the CSP forbids eval
    page.locator("#events-table tbody tr button.evidence-open").first.click()
    page.wait_for_selector("#evidence blockquote mark.role-event")
    assert page.is_visible("#evidence")
    assert page.locator("#evidence mark.role-source").count() == 1
    page.screenshot(path=str(artifacts_dir / "web-dyad-evidence.png"), full_page=False)
    assert not page.errors, page.errors  # no script errors, no CSP violations


def test_code_a_pasted_text(page, artifacts_dir):
    page.goto("/code")
    page.fill("#code-text", "India praised Russia. Officials said <script>alert(1)</script> nothing.")
    page.fill("#code-date", "2016-03-01")
    page.click("#code-submit")
    page.wait_for_selector("#code-events li blockquote mark.role-event")
    assert page.text_content("#code-events li .what").startswith("IND")
    assert "1 found" in page.text_content("#code-count")
    page.screenshot(path=str(artifacts_dir / "web-code-text.png"), full_page=True)
    assert not page.errors, page.errors


def test_document_renders_script_as_text(page, artifacts_dir):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto("/documents/doc-evil")
    assert "<script>alert" in page.text_content(".doc-text")
    assert page.locator(".doc-text mark.role-target").text_content() == "Pakistan"
    assert dialogs == []
    page.screenshot(path=str(artifacts_dir / "web-document.png"), full_page=True)


def test_network_and_search_pages(page, artifacts_dir):
    page.goto("/network?countries=PAK,RUS,IND,USA,CHN")
    page.wait_for_selector("#chart-network canvas", timeout=20_000)
    page.wait_for_selector("#ties tbody tr")
    page.screenshot(path=str(artifacts_dir / "web-network.png"), full_page=True)
    page.goto("/events?dyad=PAK,RUS&per_page=10")
    assert page.locator("table.events tbody tr").count() == 10
    page.click("text=Next →")
    page.wait_for_url("**page=2**")
    page.screenshot(path=str(artifacts_dir / "web-events.png"), full_page=True)
    assert not page.errors, page.errors


def test_brief_download(page, artifacts_dir):
    pytest.importorskip("detente.report.brief")
    page.goto("/brief?a=PAK&b=RUS")
    if page.locator(".notice").count():
        pytest.skip(page.text_content(".notice"))
    page.screenshot(path=str(artifacts_dir / "web-brief.png"))
    with page.expect_download(timeout=60_000) as info:
        page.click("button:has-text('Download')")
    assert info.value.suggested_filename == "brief-PAK-RUS.html"
    html = Path(info.value.path()).read_text(encoding="utf-8")
    assert "<html" in html.lower() and "PAK" in html


def test_chromium_is_debians():
    # The tests must never fetch a browser: Playwright is pointed at the system binary.
    assert shutil.which("chromium") in (str(CHROMIUM), None) or CHROMIUM.exists()

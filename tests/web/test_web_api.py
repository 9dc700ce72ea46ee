"""The dashboard's JSON API and pages, through FastAPI's test client."""

from __future__ import annotations

import pytest
from web_store import EVIL


def test_dyad_series_with_change_point(client):
    r = client.get("/api/dyad", params={"a": "pak", "b": "RUS", "freq": "M"})
    assert r.status_code == 200
    data = r.json()
    assert (data["a"], data["b"], data["freq"]) == ("PAK", "RUS", "M")
    first = data["series"][0]
    assert first["period"] == "2014-01-01"
    assert {"events", "vc", "mc", "vk", "mk", "net_coop", "goldstein_mean"} <= set(first)
    assert sum(row["events"] for row in data["series"]) == 73
    cp = data["change_points"]
    assert cp["available"] is True
    assert "2015-01-01" in [s["start"] for s in cp["segments"]][1:]  # conflict turns to cooperation
    assert data["summary"]["events"] == 73


def test_dyad_changepoints_endpoint_and_opt_out(client):
    fast = client.get("/api/dyad", params={"a": "PAK", "b": "RUS", "changepoints": "false"}).json()
    assert fast["series"] and fast["change_points"]["segments"] == []
    cp = client.get("/api/dyad/changepoints", params={"a": "PAK", "b": "RUS"}).json()
    assert cp["available"] and len(cp["segments"]) >= 2 and cp["segments"][0]["sentence"]
    daily = client.get("/api/dyad/changepoints", params={"a": "PAK", "b": "RUS", "freq": "D"}).json()
    assert daily["segments"] == [] and "too many" in daily["message"]


def test_dyad_without_events_says_so(client):
    r = client.get("/api/dyad", params={"a": "FRA", "b": "DEU"})
    assert r.status_code == 200
    assert r.json()["series"] == []
    assert "No events between FRA and DEU" in r.json()["message"]


@pytest.mark.parametrize("params", [{"a": "PAK"}, {"a": "PAK", "b": "R'; DROP TABLE events;--"},
                                    {"a": "PAK", "b": "RUS", "freq": "X"}, {"a": "PAK", "b": "RUS", "since": "last year"}])
def test_dyad_rejects_bad_input(client, params):
    r = client.get("/api/dyad", params=params)
    assert r.status_code == 422
    assert r.json()["error"]


def test_events_search_filters_and_paging(client):
    r = client.get("/api/events", params={"dyad": "PAK,RUS", "per_page": 10, "page": 2})
    data = r.json()
    assert r.status_code == 200
    assert (data["total"], data["page"], data["pages"], len(data["events"])) == (73, 2, 8, 10)
    dates = [e["date"] for e in data["events"]]
    assert dates == sorted(dates)
    last = client.get("/api/events", params={"dyad": "PAK,RUS", "per_page": 10, "page": 8}).json()
    assert len(last["events"]) == 3
    assert client.get("/api/events", params={"quad_class": "4"}).json()["total"] == 1
    assert client.get("/api/events", params={"dataset": "gdelt2", "country": "IND"}).json()["total"] == 5
    assert client.get("/api/events", params={"cameo": "05", "since": "2016-01-01"}).json()["total"] == 1
    bad = client.get("/api/events", params={"quad_class": "7"})
    assert bad.status_code == 400 and "quad class" in bad.json()["error"]


def test_event_detail_has_evidence_and_origins(client):
    ev = client.get("/api/events", params={"doc_id": "doc-evil"}).json()["events"][0]
    d = client.get(f"/api/events/{ev['event_id']}").json()
    assert d["origins"] == ["fixture.csv:2000"]
    assert d["document"] is True
    roles = {s["role"]: s["text"] for s in d["segments"] if s["role"]}
    assert roles == {"source": "Russia", "event": "signed", "target": "Pakistan"}
    assert client.get("/api/events/nope").status_code == 404


def test_document_view_escapes_markup(client):
    r = client.get("/documents/doc-evil", headers={"accept": "text/html"})
    assert r.status_code == 200
    assert "<script>" not in r.text
    assert "&lt;script&gt;alert(" in r.text
    assert "A &lt;b&gt;bold&lt;/b&gt; title" in r.text
    assert '<mark class="role-source" title="source">Russia</mark>' in r.text
    assert '<mark class="role-event" title="event">signed</mark>' in r.text
    api = client.get("/api/documents/doc-evil").json()
    assert api["sentences"][0]["text"] == EVIL  # JSON carries the raw text; the pages escape it


def test_event_page_escapes_markup(client):
    ev = client.get("/api/events", params={"doc_id": "doc-evil"}).json()["events"][0]
    r = client.get(f"/events/{ev['event_id']}")
    assert "<script>alert" not in r.text and "&lt;script&gt;" in r.text


def test_security_headers_on_every_response(client):
    for path in ("/dyad", "/api/events", "/static/app.css", "/api/events/nope"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_pages_render(client):
    for path in ("/dyad", "/dyad?a=PAK&b=RUS", "/network?countries=PAK,RUS,IND", "/events", "/events?dyad=PAK,RUS&page=2",
                 "/code", "/brief"):
        r = client.get(path)
        assert r.status_code == 200, path
        assert "<script>" not in r.text  # only <script src=...>
    assert client.get("/", follow_redirects=False).headers["location"] == "/dyad"


def test_pages_have_no_inline_scripts(client):
    import re

    html = client.get("/dyad?a=PAK&b=RUS").text
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.DOTALL)
    assert scripts and all('src="/static/' in attrs and body.strip() == "" for attrs, body in scripts)


def test_token_required_off_loopback(web_db, fake_coder):
    from fastapi.testclient import TestClient

    from detente.web import create_app

    with TestClient(create_app(web_db, token="s3cret", coder=fake_coder)) as c:
        r = c.get("/api/events")
        assert r.status_code == 401 and "token" in r.json()["error"]
        assert c.get("/api/events", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/api/events", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        first = c.get("/dyad?a=PAK&token=s3cret", follow_redirects=False)
        assert first.status_code == 303 and first.headers["location"] == "/dyad?a=PAK"  # token out of the URL
        assert "detente_token=s3cret" in first.headers["set-cookie"]
        assert "HttpOnly" in first.headers["set-cookie"] and "SameSite=Strict" in first.headers["set-cookie"]
        assert c.get("/api/events").status_code == 200  # the cookie now carries it
        assert c.get("/dyad?a=PAK").status_code == 200


def test_serve_token_rules():
    from detente.web.security import is_loopback, resolve_token

    assert resolve_token("127.0.0.1", None) is None
    assert resolve_token("localhost", None) is None
    assert len(resolve_token("0.0.0.0", None)) >= 20
    assert resolve_token("192.168.1.5", "given") == "given"
    assert is_loopback("::1") and not is_loopback("0.0.0.0")


def test_foreign_host_refused_without_token(client):
    # DNS rebinding: a page on evil.example resolving to 127.0.0.1 must not read the store.
    r = client.get("/api/events", headers={"host": "evil.example:8765"})
    assert r.status_code == 421


def test_cross_site_post_refused(client):
    r = client.post("/api/code", json={"text": "India praised Russia."}, headers={"origin": "http://evil.example"})
    assert r.status_code == 403


def test_upload_too_large_is_413(web_db, fake_coder):
    from fastapi.testclient import TestClient

    from detente.web import create_app

    with TestClient(create_app(web_db, coder=fake_coder, max_body=1024)) as c:
        r = c.post("/api/code/upload", files={"file": ("big.txt", b"x" * 5000, "text/plain")})
        assert r.status_code == 413
        assert "larger than the limit" in r.json()["error"]
        r = c.post("/api/code", json={"text": "India praised Russia. " * 100})
        assert r.status_code == 413
        page = c.post("/api/code", content=b"x" * 5000, headers={"accept": "text/html", "content-type": "application/json"})
        assert page.status_code == 413
        assert fake_coder.calls == 0


def test_code_text(client, fake_coder):
    r = client.post("/api/code", json={"text": "India praised Russia. Pakistan met nobody.", "date": "2016-03-01"})
    assert r.status_code == 200
    data = r.json()
    assert data["count"] == 1 and data["saved"] is None
    ev = data["events"][0]
    assert (ev["source_code"], ev["target_code"], ev["date"]) == ("IND", "RUS", "2016-03-01")
    assert [s["role"] for s in ev["segments"] if s["role"]] == ["source", "event", "target"]
    assert client.post("/api/code", json={"text": "   "}).status_code == 400
    assert client.post("/api/code", json={"text": "x", "date": "soon"}).status_code == 422


def test_code_upload(client):
    r = client.post("/api/code/upload", files={"file": ("a.txt", b"China praised Pakistan.", "text/plain")},
                    data={"date": "2016-01-02"})
    assert r.status_code == 200 and r.json()["events"][0]["source_code"] == "CHI"
    bad = client.post("/api/code/upload", files={"file": ("a.bin", b"\xff\xfe\x00bad", "application/octet-stream")})
    assert bad.status_code == 400 and "UTF-8" in bad.json()["error"]


def test_code_and_save_reopens_read_only(tmp_path, fake_coder):
    from fastapi.testclient import TestClient
    from web_store import build_events

    from detente.store import EventStore
    from detente.web import create_app

    path = tmp_path / "save.duckdb"
    with EventStore(path) as s:
        s.insert_events(build_events()[:5])
    with TestClient(create_app(path, coder=fake_coder)) as c:
        assert c.get("/api/health").json()["read_only"] is True
        r = c.post("/api/code", json={"text": "India praised Russia.", "date": "2016-03-01", "save": True})
        assert r.status_code == 200
        saved = r.json()["saved"]
        assert saved["doc_id"].startswith("web-")
        assert c.get("/api/events", params={"doc_id": saved["doc_id"]}).json()["total"] == 1
        assert c.get("/api/health").json()["events"] == 6
        holder = c.app.state.store
        with holder.reader() as store:  # back to read-only after the save
            import duckdb

            with pytest.raises(duckdb.Error):
                store.con.execute("DELETE FROM events")
    with EventStore(path, read_only=True) as s:
        assert s.document(saved["doc_id"])["text"] == "India praised Russia."


def test_network_signed_ties_and_triads(client):
    net = client.get("/api/network", params={"countries": "PAK,RUS,IND"})
    assert net.status_code == 200
    data = net.json()
    assert data["countries"] == ["IND", "PAK", "RUS"]
    assert data["available"] is True
    pairs = {(t["a"], t["b"]): t for t in data["ties"]}
    assert set(pairs) == {("IND", "PAK"), ("IND", "RUS"), ("PAK", "RUS")}
    assert pairs[("PAK", "RUS")]["events"] == 73
    assert data["sentences"]
    assert client.get("/api/network", params={"countries": "PAK,RUS"}).status_code == 400


def test_brief_download_in_memory(client):
    # (the HTML brief is downloaded by the browser test; one brief build here keeps this test quick)
    pytest.importorskip("detente.report.brief")
    md = client.get("/api/brief", params={"a": "PAK", "b": "RUS", "format": "md"})
    if md.status_code == 501:
        pytest.skip(md.json()["error"])  # the report package without its templates
    assert md.status_code == 200 and md.headers["content-type"] == "application/zip"
    assert md.headers["content-disposition"] == 'attachment; filename="brief-PAK-RUS.zip"'
    import io
    import zipfile

    names = zipfile.ZipFile(io.BytesIO(md.content)).namelist()
    assert "brief-PAK-RUS.md" in names
    assert client.get("/api/brief", params={"a": "../etc", "b": "RUS"}).status_code == 422
    form = client.get("/brief/download", params={"a": "PAK", "b": "RUS", "since": "", "until": "", "format": "html"},
                      follow_redirects=False)
    assert form.status_code == 303 and form.headers["location"] == "/api/brief?a=PAK&b=RUS&format=html"


def test_openapi_lists_the_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/dyad", "/api/dyad/changepoints", "/api/events", "/api/events/{event_id}", "/api/documents/{doc_id}", "/api/code",
              "/api/code/upload", "/api/network", "/api/countries", "/api/brief", "/api/health"):
        assert p in paths, p
    assert "post" in paths["/api/code"]
    assert "/dyad" not in paths  # pages are not API


def test_countries_for_pickers(client):
    rows = client.get("/api/countries").json()
    assert rows[0] == {"country": "PAK", "events": 75}
    assert {r["country"] for r in rows} == {"PAK", "RUS", "IND", "USA", "CHN"}


def test_deep_paging_is_refused_clearly(client):
    r = client.get("/api/events", params={"page": 500, "per_page": 100})
    assert r.status_code == 400 and "narrow the filters" in r.json()["hint"]


def test_event_pages_are_stable_and_disjoint(client):
    seen = []
    for page in (1, 2, 3):
        seen += [e["event_id"] for e in client.get("/api/events", params={"dyad": "PAK,RUS", "per_page": 25,
                                                                          "page": page}).json()["events"]]
    assert len(seen) == len(set(seen)) == 73


def test_search_page_flags_and_paging_links(client):
    r = client.get("/events", params={"dyad": "PAK,RUS", "directed": "1", "per_page": 10})
    assert r.status_code == 200
    assert "48 events" in r.text  # PAK -> RUS only (73 both ways)
    assert "directed=1" in r.text and "page=2" in r.text
    bad = client.get("/events", params={"since": "yesterday"}, headers={"accept": "text/html"})
    assert bad.status_code == 400 and "is not a date" in bad.text


def test_static_assets_need_no_token(web_db, fake_coder):
    from fastapi.testclient import TestClient

    from detente.web import create_app

    with TestClient(create_app(web_db, token="s3cret", coder=fake_coder)) as c:
        assert c.get("/static/app.css").status_code == 200
        assert c.post("/static/app.css").status_code == 401
        assert c.get("/dyad", headers={"accept": "text/html"}).status_code == 401


def test_serve_command_off_loopback_prints_a_token(tmp_path, monkeypatch):
    import uvicorn
    from typer.testing import CliRunner

    from detente.cli.main import app

    calls = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: calls.update(kw, app=application))
    db = tmp_path / "serve.duckdb"
    result = CliRunner().invoke(app, ["serve", "--db", str(db), "--host", "0.0.0.0", "--port", "9999"])
    assert result.exit_code == 0, result.output
    assert calls["host"] == "0.0.0.0" and calls["port"] == 9999
    assert "?token=" in result.output and db.exists()
    result = CliRunner().invoke(app, ["serve", "--db", str(db)])
    assert result.exit_code == 0 and "?token=" not in result.output and calls["host"] == "127.0.0.1"


def test_injection_attempts_are_just_values(client):
    for value in ("PAK' OR '1'='1", "PAK); DROP TABLE events; --", "%"):
        r = client.get("/api/events", params={"actor": value})
        assert r.status_code == 200 and r.json()["total"] == 0
    assert client.get("/api/events/' OR 1=1 --").status_code == 404
    assert client.get("/api/health").json()["events"] == 79  # nothing dropped


def test_no_request_path_reaches_the_file_system(client):
    for path in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/documents/..%2f..%2fetc%2fpasswd"):
        r = client.get(path)
        assert r.status_code in (400, 404), path
        assert "def create_app" not in r.text and "root:" not in r.text


def test_locate_sentences_keeps_the_whole_text():
    from detente.web.queries import locate_sentences

    text = "Intro line. Russia & Pakistan signed a deal. Outro <b>."
    sent = "Russia & Pakistan signed a deal."
    ev = {"sentence": sent, "spans": {"source": [0, 6], "event": [18, 24], "target": [9, 17]}}
    parts = locate_sentences(text, {0: [ev], 1: [{"sentence": "Not in the text.", "spans": None}]})
    assert "".join(p["text"] for p in parts[:3]) == text
    assert [s["text"] for s in parts[1]["segments"] if s["role"]] == ["Russia", "Pakistan", "signed"]
    assert parts[-1]["text"] == "Not in the text."


def test_directed_dyad(client):
    both = client.get("/api/dyad", params={"a": "PAK", "b": "RUS", "changepoints": "false"}).json()
    one = client.get("/api/dyad", params={"a": "PAK", "b": "RUS", "directed": "true", "changepoints": "false"}).json()
    assert sum(r["events"] for r in one["series"]) == 48 < sum(r["events"] for r in both["series"])
    assert "PAK → RUS" in client.get("/dyad", params={"a": "PAK", "b": "RUS", "directed": "1"}).text


def test_streamed_body_over_the_limit_is_413(web_db, fake_coder):
    from fastapi.testclient import TestClient

    from detente.web import create_app

    def chunks():
        yield b'{"text": "'
        for _ in range(10):
            yield b"x" * 500
        yield b'"}'

    with TestClient(create_app(web_db, coder=fake_coder, max_body=1024)) as c:
        r = c.post("/api/code", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413 and "larger than the limit" in r.json()["error"]
        assert fake_coder.calls == 0

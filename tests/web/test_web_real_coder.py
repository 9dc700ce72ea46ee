"""POST /api/code with the real text coder (spaCy pipeline loaded lazily by the server)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_code_with_the_real_coder_and_save(tmp_path):
    pytest.importorskip("spacy")
    from fastapi.testclient import TestClient

    from detente.store import EventStore
    from detente.web import create_app

    path = tmp_path / "real.duckdb"
    EventStore(path).close()
    with TestClient(create_app(path)) as c:
        assert c.get("/api/health").json()["coder_loaded"] is False  # nothing heavy at startup
        text = "In 2014 Russia lifted its arms embargo on Pakistan. Indian Prime Minister Modi criticised Pakistan."
        r = c.post("/api/code", json={"text": text, "date": "2014-06-02", "save": True})
        if r.status_code == 503:
            pytest.skip(r.json()["error"])  # the spaCy model is not installed here
        assert r.status_code == 200, r.text
        data = r.json()
        assert c.get("/api/health").json()["coder_loaded"] is True
        pairs = {(e["source_country"], e["target_country"]) for e in data["events"]}
        assert ("RUS", "PAK") in pairs
        for e in data["events"]:
            assert e["sentence"] and any(s["role"] == "event" for s in e["segments"])
        saved = c.get("/api/events", params={"doc_id": data["saved"]["doc_id"]}).json()
        assert saved["total"] == data["count"]

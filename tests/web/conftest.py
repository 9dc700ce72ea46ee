"""Fixtures for the web tests: a small store built by the tests, a fake coder, a test client."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_store import EVIL, FakeCoder, build_events


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> Path:
    from detente.store import EventStore

    path = tmp_path_factory.mktemp("webstore") / "web.duckdb"
    with EventStore(path) as store:
        store.insert_events(build_events())
        store.insert_documents([{"doc_id": "doc-evil", "title": "A <b>bold</b> title", "text": EVIL,
                                 "date": "2016-05-01", "source": "fixture"}])
        store.insert_sentences([{"doc_id": "doc-evil", "sentence_id": 0, "start_char": 0, "end_char": len(EVIL),
                                 "text": EVIL}])
    return path


@pytest.fixture
def fake_coder() -> FakeCoder:
    return FakeCoder()


@pytest.fixture
def client(web_db, fake_coder):
    from fastapi.testclient import TestClient

    from detente.web import create_app

    app = create_app(web_db, coder=fake_coder)
    with TestClient(app) as c:
        yield c


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: loads the real spaCy pipeline (seconds)")

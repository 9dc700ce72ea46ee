"""The shipped example texts are well formed and mention actors the dictionary knows."""

from __future__ import annotations

import json
from datetime import date

from detente.actors import ActorDictionary
from detente.examples import example_path, load_items


def _rows():
    rows = load_items()
    assert rows == [json.loads(x) for x in example_path().read_text("utf-8").splitlines() if x.strip()]
    return rows


def test_examples_well_formed():
    rows = _rows()
    assert 40 <= len(rows) <= 60
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        d = date.fromisoformat(r["date"])
        assert date(2014, 1, 1) <= d <= date(2016, 12, 31)
        assert r["text"].strip() and len(r["text"]) < 600


def test_examples_mention_known_actors():
    d = ActorDictionary.default()
    for r in _rows():
        on = date.fromisoformat(r["date"])
        words = r["text"].replace(".", " ").replace(",", " ").split()
        found = any(d.lookup(w, on=on) for w in words if w[:1].isupper())
        assert found, r["id"]

"""The golden corpus: sentences written for detente and the events they must give.

Each row of golden/golden.jsonl lists the expected events; every one must be
produced (source code, target code, CAMEO code or prefix, PLOVER type, negated
and speculative flags). A row with no expected events must produce none.
Known failures are listed in golden/known_failures.txt with a reason and run
as xfail (strict: a fixed row must be removed from the list).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

HERE = Path(__file__).parent / "golden"
ROWS = [json.loads(line) for line in (HERE / "golden.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
KNOWN = {}
for line in (HERE / "known_failures.txt").read_text(encoding="utf-8").splitlines():
    if line.strip() and not line.startswith("#"):
        rid, _, reason = line.partition("\t")
        KNOWN[rid.strip()] = reason.strip()


def _params():
    for row in ROWS:
        marks = [pytest.mark.xfail(reason=KNOWN[row["id"]], strict=True)] if row["id"] in KNOWN else []
        yield pytest.param(row, id=row["id"], marks=marks)


def _key(e) -> tuple:
    return (e.source_code, e.target_code, e.cameo_code, e.plover_type, e.negated, e.speculative)


def test_golden_corpus_size():
    assert len(ROWS) >= 150
    assert len({r["id"] for r in ROWS}) == len(ROWS)


@pytest.mark.parametrize("row", list(_params()))
def test_golden(row, coder_negated):
    events = coder_negated.code(row["text"], row.get("date"), doc_id=row["id"])
    got = [_key(e) for e in events]
    if not row["events"]:
        assert got == [], f"expected no events, got {got}"
        return
    for exp in row["events"]:
        hit = [g for g in got
               if g[0] == exp["source"] and g[1] == exp["target"] and (g[2] or "").startswith(exp["cameo"])
               and g[3] == exp["plover"] and g[4] == exp["negated"] and g[5] == exp["speculative"]]
        assert hit, f"missing {exp}; got {got}"

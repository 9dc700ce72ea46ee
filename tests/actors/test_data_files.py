"""Integrity of the shipped data files: every row parses, codes are valid, terms do not overlap."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from itertools import pairwise

import pytest

from detente.actors import countries
from detente.actors._tables import data_path, read_rows
from detente.actors.dictionary import (
    actor_entries,
    agent_entries,
    place_entries,
    sector_labels,
)

ACTOR_TABLES = ("leaders.csv", "officials.csv", "igos.csv", "groups.csv", "ngos.csv")
TODAY_BOUND = date(2027, 12, 31)  # data may not claim knowledge of the far future


def test_version_file():
    v = data_path("VERSION").read_text().strip()
    assert v.startswith("actors-") and len(v.split(".")) == 3


@pytest.mark.parametrize("name", ACTOR_TABLES)
def test_actor_tables_parse(name):
    entries = actor_entries(data_path(name))
    assert entries
    known = set(countries.all_codes(include_regions=True))
    for e in entries:
        assert e.code.isalnum() and e.code.isupper(), e
        assert e.country is None or e.country in known, e
        assert e.sector is None or e.sector[:3] in sector_labels(), e
        if e.valid_from and e.valid_to:
            assert e.valid_from <= e.valid_to, e
        for d in (e.valid_from, e.valid_to):
            assert d is None or date(1900, 1, 1) <= d <= TODAY_BOUND, e


def test_table_columns_are_complete():
    for name in ACTOR_TABLES:
        for line, row in read_rows(data_path(name)):
            assert row.get("name"), (name, line)
            assert row.get("date_precision", "") in ("", "day", "month", "year"), (name, line)


def test_agents_parse():
    entries = agent_entries(data_path("agents.csv"))
    assert len(entries) > 150
    assert all(e.sector[:3] in sector_labels() for e in entries)


def test_countries_table():
    seen = set()
    for line, row in read_rows(data_path("countries.csv")):
        code = row["code"]
        assert len(code) == 3 and code.isupper(), line
        assert code not in seen, code
        seen.add(code)
        assert row["type"] in ("country", "territory", "historic", "region", "subnational"), line
        if row["iso3"]:
            assert len(row["iso3"]) == 3
    # every ISO country in pycountry has a CAMEO code
    import pycountry

    missing = [c.alpha_3 for c in pycountry.countries
               if countries.iso3_to_cameo(c.alpha_3) is None]
    assert len(missing) <= 25, missing  # small territories CAMEO never coded (documented)


def test_no_overlapping_terms_for_one_office():
    """One holder per office (code, role) at a time; a handover day may be shared.

    Rival authorities have different codes (Yemen's government YEMGOV vs the Houthis' YEMREBHOU).
    """
    terms = defaultdict(list)
    with data_path("leaders.csv").open(encoding="utf-8") as fh:
        rows = csv.DictReader(ln for ln in fh if not ln.startswith("#"))
        for r in rows:
            start = date.fromisoformat(r["start"])
            end = date.fromisoformat(r["end"]) if r["end"] else date.max
            terms[(r["code"] or r["country"] + r["sector"], r["role"])].append((start, end, r["name"]))
    problems = []
    for office, spans in terms.items():
        spans.sort()
        for (s1, e1, n1), (s2, e2, n2) in pairwise(spans):
            if s2 < e1:
                problems.append(f"{office}: {n1} ({s1}..{e1}) overlaps {n2} ({s2}..{e2})")
    assert not problems, "\n".join(problems)


def test_every_leader_has_role_and_country():
    for line, r in read_rows(data_path("leaders.csv")):
        assert r["role"] in ("head of state", "head of government", "head of state and government",
                             "foreign minister", "defence minister"), line
        assert countries.is_country(r["country"]), line
        assert r["start"], line


def test_checksums_match_version():
    """Data changed without a VERSION bump? Bump data/VERSION, run python -m detente.actors.checksums."""
    from detente.actors import checksums

    recorded_version, recorded = checksums.recorded()
    assert recorded_version == checksums.version()
    assert recorded == checksums.current(), (
        "data files changed: bump data/VERSION and run python -m detente.actors.checksums"
    )


def test_places_parse():
    entries = place_entries(data_path("places.csv"))
    assert len(entries) > 50
    assert all(countries.is_country(e.code) for e in entries)

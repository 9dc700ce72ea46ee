"""User CSV files and PETRARCH dictionaries."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from detente.actors import ActorDictionary
from detente.actors.petrarch import (
    parse_code_spec,
    petrarch_date,
    read_actors,
    read_agents,
)
from detente.errors import BadRow, InputError

FIX = Path(__file__).parent.parent / "fixtures" / "actors"


def test_user_csv_extends_and_changes_version():
    base = ActorDictionary.default()
    d = ActorDictionary.default(extra=[FIX / "user_actors.csv", FIX / "user_agents.csv"])
    assert d.version != base.version and d.version.startswith(base.version + "+")
    [e] = d.lookup("Example", on=date(2030, 6, 1))
    assert (e.code, e.role, e.kind) == ("PAKGOV", "foreign minister", "person")
    assert d.lookup("Foreign Minister Example", on=date(2030, 6, 1))
    assert d.lookup("Example", on=date(2029, 6, 1)) == []
    assert [x.code for x in d.lookup("KT")] == ["PAKBUSKTR"]
    assert d.resolve("Pakistani frontier constabulary").code == "PAKCOP"
    # the shipped dictionary is not changed by extending another instance
    assert base.lookup("KT") == []


def test_user_csv_errors(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,aliases,code,country,sector,kind,role,start,end\nX,,,PAK,GOV,person,,2020-01-02,2019-01-01\n")
    with pytest.raises(BadRow, match="after end"):
        ActorDictionary.default(extra=[bad])
    odd = tmp_path / "odd.csv"
    odd.write_text("foo,bar\n1,2\n")
    with pytest.raises(InputError, match="matches no actor table"):
        ActorDictionary.default(extra=[odd])
    with pytest.raises(InputError):
        ActorDictionary.default(extra=[tmp_path / "missing.csv"])


def test_petrarch_dates():
    assert petrarch_date("20140526") == date(2014, 5, 26)
    assert petrarch_date("140526") == date(2014, 5, 26)
    assert petrarch_date("970421") == date(1997, 4, 21)
    assert parse_code_spec("INDGOV >20140526") == ("INDGOV", date(2014, 5, 26), None)
    assert parse_code_spec("USRARM <900823") == ("USRARM", None, date(1990, 8, 23))
    assert parse_code_spec("ATLGOV 100301-141231") == ("ATLGOV", date(2010, 3, 1), date(2014, 12, 31))
    assert parse_code_spec("---") is None
    assert parse_code_spec("EGYGOV > 140608") == ("EGYGOV", date(2014, 6, 8), None)


def test_petrarch_actors_fixture():
    entries = read_actors(FIX / "mini.actors.txt")
    by = {}
    for e in entries:
        by.setdefault(e.phrase, []).append(e)
    assert {e.code for e in by["ATLANTEAN"]} == {"ATL"}
    assert by["ATLANTEAN"][0].kind == "country" or by["ATLANTEAN"][0].code == "ATL"
    quorum = by["PRIME MINISTER QUORUM"]
    assert {(e.code, e.valid_from, e.valid_to) for e in quorum} == {
        ("ATLGOV", date(2010, 3, 1), date(2014, 12, 31)),
        ("ATLOPP", date(2015, 1, 1), None),
        ("ATLELI", None, date(2010, 2, 28)),  # the undated default fills only the gaps
    }
    assert by["OCEANIC LEAGUE"][0].kind == "igo"
    assert {e.code for e in by["TRIDENT BRIGADES"]} == {"ATLREB"}
    assert "NOBODY IN PARTICULAR" not in by
    # the 7-digit date is reported, the good line still read
    assert [(e.code, e.valid_to) for e in by["BROKEN DATE PERSON"]] == [("ATLGOV", date(1999, 1, 1))]


def test_petrarch_agents_fixture():
    entries = read_agents(FIX / "mini.agents.txt")
    got = {(e.phrase, e.code) for e in entries}
    assert ("HARBOUR PATROL", "COP") in got and ("HARBOUR PATROLS", "COP") in got
    assert ("COASTAL RAIDERS", "REB") in got  # regular plural added
    assert ("TIDE COUNCIL", "GOV") in got and ("TIDE COUNCILS", "GOV") not in got
    assert {("SENTRY", "MIL"), ("WATCHMEN", "MIL")} <= got
    assert ("REEF MONITORS", "IGO") in got
    assert all(e.kind == "agent" and e.country is None for e in entries)


def test_add_petrarch_to_dictionary():
    d = ActorDictionary.default()
    v = d.version
    d.add_petrarch(actors=FIX / "mini.actors.txt", agents=FIX / "mini.agents.txt")
    assert d.version != v
    assert [e.code for e in d.lookup("Prime Minister Quorum", on=date(2012, 1, 1))] == ["ATLGOV"]
    assert [e.code for e in d.lookup("Jane Quorum", on=date(2009, 1, 1))] == ["ATLELI"]
    assert [e.code for e in d.lookup("Jane Quorum", on=date(2016, 1, 1))] == ["ATLOPP"]
    assert d.resolve("Atlantean harbour patrol", on=date(2012, 1, 1)) is not None


def test_dictionary_pickles_for_worker_processes():
    import pickle

    d = ActorDictionary.default(extra=[FIX / "user_agents.csv"])
    d2 = pickle.loads(pickle.dumps(d))
    assert d2.version == d.version
    assert d2.resolve("Pakistani army").code == "PAKMIL"


@pytest.mark.shared_data
def test_real_phoenix_dictionaries_load():
    """Integration: the PETRARCH-2 Phoenix dictionaries in ../shared/data (skipped when absent)."""
    folder = Path(__file__).resolve().parents[3] / "shared" / "data" / "dictionaries" / "petrarch"
    if not folder.exists():
        pytest.skip("shared data not present")
    d = ActorDictionary.default()
    d.add_petrarch(actors=folder / "Phoenix.Countries.actors.txt", agents=folder / "Phoenix.agents.txt")
    assert len(d) > 40_000
    codes = {e.code for e in d.lookup("Nawaz Sharif", on=date(2015, 1, 1))}
    assert codes == {"PAKGOV"}  # the undated PAKELI default does not apply inside his term


def test_user_places_and_countries_files():
    d = ActorDictionary.default(extra=[FIX / "user_places.csv", FIX / "user_countries.csv"])
    assert [e.code for e in d.lookup("Example Harbour")] == ["PAK"]
    assert [e.code for e in d.lookup("Atlanteans")] == ["ATL"]
    assert [e.code for e in d.lookup("the Trident Command")] == ["ATLMIL"]
    assert d.resolve("Atlantean navy").code == "ATLMIL"

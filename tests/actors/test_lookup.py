"""Look-ups in the shipped actor dictionary: countries, agents, leaders, IGOs, groups."""

from __future__ import annotations

from datetime import date

import pytest

from detente.actors import ActorDictionary, ActorEntry, normalise


@pytest.fixture(scope="module")
def d() -> ActorDictionary:
    return ActorDictionary.default()


def codes(entries: list[ActorEntry]) -> set[str]:
    return {e.code for e in entries}


@pytest.mark.parametrize(
    "phrase, code",
    [
        ("Pakistani", "PAK"),
        ("Pakistanis", "PAK"),
        ("American", "USA"),
        ("Dutch", "NLD"),
        ("Russian Federation", "RUS"),
        ("U.S.", "USA"),
        ("Moscow", "RUS"),
        ("Islamabad", "PAK"),
        ("Washington", "USA"),
        ("New Delhi", "IND"),
        ("Kabul", "AFG"),
        ("Beijing", "CHN"),
        ("Romania", "ROM"),
        ("East Timor", "TMP"),
    ],
)
def test_country_names_demonyms_capitals(d, phrase, code):
    hits = d.lookup(phrase)
    assert codes(hits) == {code}
    assert all(e.kind == "country" and e.country == code for e in hits)


@pytest.mark.parametrize(
    "phrase, code",
    [
        ("the Kremlin", "RUSGOV"),
        ("The White House", "USAGOV"),
        ("Downing Street", "GBRGOV"),
        ("Zhongnanhai", "CHNGOV"),
        ("the Élysée", "FRAGOV"),
        ("South Block", "INDGOV"),
        ("the Pentagon", "USAMIL"),
        ("the FBI", "USACOP"),
        ("the CIA", "USASPY"),
        ("USAID", "USAGOV"),
        ("MI6", "GBRSPY"),
        ("the FSB", "RUSSPY"),
        ("Research and Analysis Wing", "INDSPY"),
    ],
)
def test_seats_of_power(d, phrase, code):
    assert codes(d.lookup(phrase)) == {code}


@pytest.mark.parametrize(
    "phrase, sector",
    [
        ("army", "MIL"), ("troops", "MIL"), ("air force", "MIL"), ("Navy", "MIL"),
        ("prime minister", "GOV"), ("president", "GOV"), ("foreign ministry", "GOV"),
        ("representative", "GOV"), ("police", "COP"), ("rebels", "REB"),
        ("insurgents", "INS"), ("opposition", "OPP"), ("businesses", "BUS"),
        ("media", "MED"), ("journalists", "MED"), ("civilians", "CVL"), ("judges", "JUD"),
        ("lawmakers", "LEG"),
    ],
)
def test_agents(d, phrase, sector):
    hits = d.lookup(phrase)
    assert [(e.code, e.sector, e.kind, e.country) for e in hits] == [(sector, sector, "agent", None)]


def test_normalisation_in_lookup(d):
    assert codes(d.lookup("  PAKISTAN’S ")) == {"PAK"}
    assert codes(d.lookup("the  Pakistan")) == {"PAK"}
    assert normalise("Pakistanis'") == "pakistanis"


@pytest.mark.parametrize(
    "phrase",
    ["Modi", "Narendra Modi", "Prime Minister Modi", "PM Modi", "modi"],
)
def test_modi_dated(d, phrase):
    assert codes(d.lookup(phrase, on=date(2016, 1, 5))) == {"INDGOV"}
    assert d.lookup(phrase, on=date(2014, 5, 25)) == []
    assert codes(d.lookup(phrase, on=date(2014, 5, 26))) == {"INDGOV"}
    [e] = d.lookup(phrase, on=date(2020, 1, 1))
    assert (e.name, e.role, e.country, e.sector, e.kind) == (
        "Narendra Modi", "head of government", "IND", "GOV", "person")


def test_same_surname_kept_apart_by_dates(d):
    [nawaz] = d.lookup("Sharif", on=date(2015, 6, 1))
    [shehbaz] = d.lookup("Sharif", on=date(2023, 1, 1))
    assert nawaz.name == "Nawaz Sharif" and shehbaz.name == "Shehbaz Sharif"
    assert d.lookup("Sharif", on=date(2019, 1, 1)) == []  # Imran Khan's term
    [bush] = d.lookup("Bush", on=date(2003, 3, 20))
    assert bush.name == "George W. Bush"
    assert d.lookup("Bush", on=date(2010, 1, 1)) == []


def test_on_none_returns_every_term(d):
    terms = d.lookup("Putin")
    assert len(terms) >= 4
    assert all(e.dated for e in terms)
    assert {e.role for e in terms} == {"head of state", "head of government"}


def test_leaders_roles(d):
    [lavrov] = d.lookup("Lavrov", on=date(2016, 4, 1))
    assert (lavrov.code, lavrov.role) == ("RUSGOV", "foreign minister")
    [shoigu] = d.lookup("Defence Minister Shoigu", on=date(2016, 4, 1))
    assert shoigu.role == "defence minister"
    [kerry] = d.lookup("Secretary of State Kerry", on=date(2016, 4, 1))
    assert kerry.code == "USAGOV"


@pytest.mark.parametrize(
    "phrase, code",
    [
        ("UN", "IGOUNO"), ("United Nations", "IGOUNO"), ("NATO", "IGOWSTNAT"),
        ("EU", "IGOEUREEC"), ("SCO", "IGOSCO"), ("Shanghai Cooperation Organisation", "IGOSCO"),
        ("BRICS", "IGOBRC"), ("ASEAN", "IGOSEAASN"), ("African Union", "IGOAFRAFU"),
        ("IMF", "IGOUNODEVIMF"), ("World Bank", "IGOUNODEVWBK"), ("OPEC", "IGOOPC"),
        ("Arab League", "IGOMEAARL"), ("GCC", "IGOPGSGCC"), ("SAARC", "IGOSASSAA"),
    ],
)
def test_igos(d, phrase, code):
    hits = d.lookup(phrase, on=date(2016, 6, 1))
    assert codes(hits) == {code}
    assert hits[0].kind == "igo" and hits[0].country is None


def test_groups(d):
    assert codes(d.lookup("Taliban", on=date(2016, 1, 1))) == {"AFGINSTAL"}
    assert codes(d.lookup("Taliban", on=date(2022, 1, 1))) == {"AFGGOV"}
    assert codes(d.lookup("TTP", on=date(2016, 1, 1))) == {"PAKINSTTP"}
    assert codes(d.lookup("Lashkar-e-Taiba")) == {"PAKINSLET"}
    assert codes(d.lookup("Hezbollah")) == {"LBNUAFHEZ"}
    assert codes(d.lookup("Daesh", on=date(2016, 1, 1))) == {"IMGISI"}


def test_entries_and_max_tokens(d):
    entries = list(d.entries())
    assert len(entries) > 2000
    assert all(isinstance(e, ActorEntry) for e in entries)
    longest = max(len(e.phrase.split()) for e in entries)
    assert d.max_phrase_tokens >= longest


def test_version(d):
    assert d.version.startswith("actors-")


@pytest.mark.parametrize(
    "phrase, code",
    [("Karachi", "PAK"), ("Peshawar", "PAK"), ("Uri", "IND"), ("Gaza", "PSE"), ("West Bank", "PSE"),
     ("Baghdad", "IRQ"), ("Crimea", "UKR"), ("Balochistan", "PAK")],
)
def test_places_stand_for_their_country(d, phrase, code):
    assert codes(d.lookup(phrase)) == {code}


def test_disputed_places_are_ambiguous(d):
    assert codes(d.lookup("Kashmir")) == {"IND", "PAK"}
    assert d.resolve("Kashmir", on=date(2016, 1, 1)) is None
    assert d.resolve("Karachi police", on=date(2016, 1, 1)).code == "PAKCOP"


def test_group_leaders_and_officials(d):
    [h] = d.lookup("Haibatullah Akhundzada", on=date(2016, 6, 1))
    assert h.code == "AFGINSTAL" and h.kind == "person"
    assert codes(d.lookup("Haibatullah Akhundzada", on=date(2022, 1, 1))) == {"AFGGOV"}
    assert codes(d.lookup("Mullah Omar", on=date(1999, 1, 1))) == {"AFGGOV"}
    assert codes(d.lookup("General Bajwa", on=date(2017, 1, 1))) == {"PAKMIL"}
    assert codes(d.lookup("Raheel Sharif", on=date(2015, 1, 1))) == {"PAKMIL"}
    # bare "Sharif" stays with the prime minister while General Raheel Sharif was army chief
    assert codes(d.lookup("Sharif", on=date(2015, 1, 1))) == {"PAKGOV"}
    assert codes(d.lookup("Masood Azhar", on=date(2016, 4, 1))) == {"PAKINSJEM"}
    assert d.lookup("bin Laden", on=date(2012, 1, 1)) == []


def test_subnational_cameo_codes_do_not_take_names(d):
    assert "GZS" not in codes(d.lookup("Gaza Strip"))


def test_on_accepts_datetime_and_iso_string(d):
    from datetime import datetime

    from detente.errors import InputError

    assert codes(d.lookup("Modi", on="2016-01-05")) == {"INDGOV"}
    assert codes(d.lookup("Modi", on=datetime(2016, 1, 5, 12, 0))) == {"INDGOV"}
    assert d.resolve("Modi", on="2016-01-05").code == "INDGOV"
    with pytest.raises(InputError):
        d.lookup("Modi", on="yesterday")


def test_capitalised_lines_up_with_normalised_tokens():
    from detente.actors.normalize import capitalised

    for text in ("the Pakistan’s  Army", "U.S. officials", "PAKISTAN'S ARMY", "Jaish-e-Mohammed", "Qassem Soleimani"):
        assert len(capitalised(text)) == len(normalise(text).split())
    assert capitalised("the Modi government") == [True, False]
    assert capitalised("Qassem Soleimani") == [True, True]

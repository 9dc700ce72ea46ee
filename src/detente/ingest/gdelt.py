"""GDELT 1.0 and 2.0 events, GDELT 2.0 mentions, GDELT's daily volume per country.

Layouts (``data/columns.csv``): GDELT 1.0 events have 57 fields before
2013-04-01 and 58 after (SOURCEURL added); GDELT 2.0 events have 61 (an ADM2
code in each of the three geo blocks) and a 14-digit DATEADDED. The event id is
the hash of the dataset and GLOBALEVENTID, so the same event read from two
files is one row with both origins.
"""

from __future__ import annotations

from typing import ClassVar

import duckdb

from detente.ingest.base import Importer, event_id_sql, ident, sql_str


def _fields(line: str, delim: str = "\t") -> list[str]:
    return line.rstrip("\r\n").split(delim)


def _is_date8(s: str) -> bool:
    return len(s) == 8 and s.isdigit() and s[:2] in ("19", "20")


def _is_ts14(s: str) -> bool:
    return len(s) == 14 and s.isdigit() and s[:2] in ("19", "20")


def _share(lines: list[str], test) -> float:
    if not lines:
        return 0.0
    return sum(1 for ln in lines if test(_fields(ln))) / len(lines)


def _volume_row(f: list[str]) -> bool:
    return len(f) == 3 and _is_date8(f[0]) and f[2].strip().isdigit()


def c(name: str) -> str:
    """A stage column by its layout name."""
    return f"s.{ident(name)}"


class _GdeltEvents(Importer):
    header = False
    uses = ("GLOBALEVENTID", "SQLDATE", "EventCode", "QuadClass") + tuple(
        f"Actor{n}{x}" for n in (1, 2) for x in ("Code", "CountryCode", "Type1Code", "Name"))
    version: ClassVar[str]

    @classmethod
    def sniff(cls, lines: list[str]) -> float:
        widths = cls.widths()
        return _share(lines, lambda f: len(f) in widths and f[0].isdigit() and _is_date8(f[1])
                      and cls._dateadded_ok(f))

    @classmethod
    def _dateadded_ok(cls, f: list[str]) -> bool:
        return True

    def checks(self, pos: dict[str, int]) -> list[tuple[str, str]]:
        q = ident
        return [
            (f"TRY_CAST({q('GLOBALEVENTID')} AS BIGINT) IS NULL",
             f"'bad GLOBALEVENTID: ' || coalesce({q('GLOBALEVENTID')}, '(empty)')"),
            (f"try_strptime({q('SQLDATE')}, '%Y%m%d') IS NULL",
             f"'bad date: ' || coalesce({q('SQLDATE')}, '(empty)')"),
            (f"{q('EventCode')} IS NULL OR {q('EventCode')} NOT IN (SELECT alias FROM _cameo)",
             f"'unknown CAMEO code: ' || coalesce({q('EventCode')}, '(empty)')"),
        ]

    def event_exprs(self, pos: dict[str, int]) -> dict[str, str]:
        out = {
            "event_id": event_id_sql(self.dataset, c("GLOBALEVENTID")),
            "date": f"CAST(try_strptime({c('SQLDATE')}, '%Y%m%d') AS DATE)",
            "date_precision": "'day'",
            "cameo_code": "k.code",
            "cameo_root": "k.root",
            "plover_type": "k.plover_type",
            "quad_class": "k.quad",
            "origin_quad_class": f"TRY_CAST({c('QuadClass')} AS TINYINT)",
            "goldstein": "k.goldstein",
            "speculative": "false",
            "negated": "false",
        }
        for n, side in ((1, "source"), (2, "target")):
            out[f"{side}_code"] = c(f"Actor{n}Code")
            out[f"{side}_country"] = c(f"Actor{n}CountryCode")
            out[f"{side}_sector"] = c(f"Actor{n}Type1Code")
            out[f"{side}_name"] = c(f"Actor{n}Name")
        return out

    def joins(self) -> str:
        return f"LEFT JOIN _cameo k ON k.alias = {c('EventCode')}"


class Gdelt1(_GdeltEvents):
    name = "gdelt1"
    label = "GDELT 1.0"
    dataset = "gdelt1"

    @classmethod
    def _dateadded_ok(cls, f: list[str]) -> bool:
        # DATEADDED is field 57: YYYYMMDD in GDELT 1.0
        return len(f) >= 57 and _is_date8(f[56])


class Gdelt2(_GdeltEvents):
    name = "gdelt2"
    label = "GDELT 2.0"
    dataset = "gdelt2"

    @classmethod
    def _dateadded_ok(cls, f: list[str]) -> bool:
        return len(f) >= 60 and _is_ts14(f[59])


class Gdelt2Mentions(Importer):
    name = "gdelt2-mentions"
    label = "GDELT 2.0 mentions"
    dataset = "gdelt2"
    target = "gdelt_mentions"

    @classmethod
    def sniff(cls, lines: list[str]) -> float:
        return _share(lines, lambda f: len(f) == 16 and f[0].isdigit() and _is_ts14(f[1]) and _is_ts14(f[2]))

    def checks(self, pos: dict[str, int]) -> list[tuple[str, str]]:
        q = ident
        return [
            (f"TRY_CAST({q('GLOBALEVENTID')} AS BIGINT) IS NULL",
             f"'bad GLOBALEVENTID: ' || coalesce({q('GLOBALEVENTID')}, '(empty)')"),
            (f"try_strptime({q('MentionTimeDate')}, '%Y%m%d%H%M%S') IS NULL",
             f"'bad date: ' || coalesce({q('MentionTimeDate')}, '(empty)')"),
            (f"{q('MentionIdentifier')} IS NULL", "'no MentionIdentifier'"),
        ]

    def store_rows(self, con: duckdb.DuckDBPyConnection, pos: dict[str, int], name: str, progress=None) -> int:
        before = con.execute("SELECT count(*) FROM gdelt_mentions").fetchall()[0][0]
        con.execute(f"""
            INSERT INTO gdelt_mentions
            SELECT {event_id_sql('gdelt2', c('GLOBALEVENTID'))},
                   CAST({c('GLOBALEVENTID')} AS BIGINT),
                   try_strptime({c('EventTimeDate')}, '%Y%m%d%H%M%S'),
                   strptime({c('MentionTimeDate')}, '%Y%m%d%H%M%S'),
                   TRY_CAST({c('MentionType')} AS TINYINT),
                   {c('MentionSourceName')}, {c('MentionIdentifier')},
                   coalesce(TRY_CAST({c('SentenceID')} AS INTEGER), 0),
                   TRY_CAST({c('Confidence')} AS TINYINT),
                   TRY_CAST({c('MentionDocTone')} AS FLOAT),
                   {sql_str(name + ':')} || s.line
            FROM _stage s WHERE s._reason IS NULL
            ON CONFLICT DO NOTHING""")
        return int(con.execute("SELECT count(*) FROM gdelt_mentions").fetchall()[0][0] - before)


class GdeltVolume(Importer):
    """GDELT's "normalization" file: events per day and country (FIPS 10-4; empty = all)."""

    name = "gdelt-volume"
    label = "GDELT daily volume by country"
    dataset = "gdelt1"
    delimiter = ","
    target = "country_volume"

    @classmethod
    def sniff(cls, lines: list[str]) -> float:
        ok = [ln for ln in lines if _volume_row(_fields(ln, ","))]
        return len(ok) / len(lines) if lines else 0.0

    def checks(self, pos: dict[str, int]) -> list[tuple[str, str]]:
        q = ident
        return [
            (f"try_strptime({q('Date')}, '%Y%m%d') IS NULL", f"'bad date: ' || coalesce({q('Date')}, '(empty)')"),
            (f"TRY_CAST({q('Events')} AS BIGINT) IS NULL", f"'bad count: ' || coalesce({q('Events')}, '(empty)')"),
        ]

    def store_rows(self, con: duckdb.DuckDBPyConnection, pos: dict[str, int], name: str, progress=None) -> int:
        before = con.execute("SELECT count(*) FROM country_volume").fetchall()[0][0]
        # The empty country is GDELT's total for the day: stored as ALL.
        con.execute(f"""
            INSERT INTO country_volume
            SELECT CAST(strptime({c('Date')}, '%Y%m%d') AS DATE), coalesce({c('Country')}, 'ALL'),
                   CAST({c('Events')} AS BIGINT)
            FROM _stage s WHERE s._reason IS NULL
            ON CONFLICT DO NOTHING""")
        return int(con.execute("SELECT count(*) FROM country_volume").fetchall()[0][0] - before)

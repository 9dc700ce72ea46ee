"""Fixture files written by the project from the documented layouts (never copied from real data).

Each ``Spec`` writes rows of one format from a few made-up values, plus the kinds
of bad rows the contract suite needs.
"""

from __future__ import annotations

import gzip
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from detente.ingest.base import layouts

CODES = ["042", "057", "0871", "190", "112", "036"]
PAIRS = [("RUSGOV", "RUS", "GOV", "PAKMIL", "PAK", "MIL"), ("PAKGOV", "PAK", "GOV", "RUS", "RUS", ""),
         ("INDGOV", "IND", "GOV", "PAK", "PAK", ""), ("USA", "USA", "", "CHNGOV", "CHN", "GOV")]


def _blank(fmt: str) -> dict[str, str]:
    return {c.name: "" for c in layouts()[fmt]}


def _join(fmt: str, rec: dict[str, str], width: int | None = None, quote: bool = False) -> str:
    cols = [c.name for c in layouts()[fmt]]
    if width is not None:
        cols = cols[:width]
    vals = [rec.get(c, "") for c in cols]
    if quote:
        vals = [f'"{v}"' if v and not v.replace(".", "").replace("-", "").isdigit() else v for v in vals]
    return "\t".join(vals)


def gdelt_event(fmt: str, i: int, *, date: str = "20161204", code: str | None = None, width: int | None = None) -> str:
    a = PAIRS[i % len(PAIRS)]
    code = code if code is not None else CODES[i % len(CODES)]
    rec = _blank(fmt)
    rec.update(GLOBALEVENTID=str(600000000 + i), SQLDATE=date, MonthYear=date[:6], Year=date[:4],
               FractionDate=f"{date[:4]}.9233", Actor1Code=a[0], Actor1Name=f"ACTOR {a[1]}", Actor1CountryCode=a[1],
               Actor1Type1Code=a[2], Actor2Code=a[3], Actor2Name=f"ACTOR {a[4]}", Actor2CountryCode=a[4],
               Actor2Type1Code=a[5], IsRootEvent="1", EventCode=code, EventBaseCode=code[:3], EventRootCode=code[:2],
               QuadClass="1", GoldsteinScale="3.0", NumMentions="2", NumSources="1", NumArticles="2", AvgTone="1.5",
               DATEADDED=date if fmt == "gdelt1" else date + "231500",
               SOURCEURL=f"https://news.example.org/{i}")
    return _join(fmt, rec, width)


def mention(i: int, *, date: str = "20161204231500") -> str:
    rec = _blank("gdelt2-mentions")
    rec.update(GLOBALEVENTID=str(600000000 + i), EventTimeDate=date, MentionTimeDate=date, MentionType="1",
               MentionSourceName="example.org", MentionIdentifier=f"https://news.example.org/{i}",
               SentenceID="3", Actor1CharOffset="10", Actor2CharOffset="40", ActionCharOffset="25", InRawText="1",
               Confidence="50", MentionDocLen="2000", MentionDocTone="-1.25")
    return _join("gdelt2-mentions", rec)


ICEWS_COUNTRIES = [("Russian Federation", "Government"), ("Pakistan", "Military,Government"),
                   ("India", "Executive,Government"), ("United States", "Police")]
ICEWS_TEXT = {"042": "Make a visit", "057": "Sign formal agreement", "190": "Use conventional military force"}


def icews_row(i: int, *, date: str = "2016-12-04", code: str | None = None, cameo: bool = True,
              quote: bool = False) -> str:
    code = code if code is not None else ["042", "057", "190"][i % 3]
    s = ICEWS_COUNTRIES[i % 4]
    t = ICEWS_COUNTRIES[(i + 1) % 4]
    rec = _blank("icews")
    rec.update({"Event ID": str(9000 + i), "Event Date": date, "Source Name": f"Official ({s[0]})",
                "Source Sectors": s[1], "Source Country": s[0], "Event Text": ICEWS_TEXT.get(code, "Something"),
                "CAMEO Code": code, "Intensity": "3.5", "Target Name": f"Official ({t[0]})", "Target Sectors": t[1],
                "Target Country": t[0], "Story ID": str(100 + i), "Sentence Number": "1", "Publisher": "Example Wire",
                "City": "NA", "District": "NA", "Province": "NA", "Country": s[0], "Latitude": "1.5",
                "Longitude": "2.5"})
    cols = [c.name for c in layouts()["icews"] if cameo or c.name != "CAMEO Code"]
    vals = [rec[c] for c in cols]
    if quote:
        vals = [f'"{v}"' if not v.replace(".", "").isdigit() else v for v in vals]
    return "\t".join(vals)


def icews_header(cameo: bool = True) -> str:
    return "\t".join(c.name for c in layouts()["icews"] if cameo or c.name != "CAMEO Code")


POLECAT_TYPES = ["CONSULT", "AGREE", "ASSAULT", "SUPPORT"]


def polecat_header(intensity: str = "Intensity") -> str:
    return "\t".join(intensity if c.name == "Intensity" else c.name for c in layouts()["polecat"])


def polecat_row(i: int, *, date: str = "2022-03-01", etype: str | None = None) -> str:
    rec = _blank("polecat")
    rec.update({"Event ID": f"pc-{i}", "Event Date": date, "Event Type": etype or POLECAT_TYPES[i % 4],
                "Event Mode": "None", "Intensity": "2.0", "Quad Code": "1", "Contexts": "None",
                "Actor Name": "Vladimir Putin", "Actor Country": "RUS", "Primary Actor Sector": "Government",
                "Actor Sectors": "Government; Executive", "Recipient Name": "Shehbaz Sharif",
                "Recipient Country": "PAK; IND", "Primary Recipient Sector": "Government",
                "Recipient Sectors": "Government", "Language": "en", "Version": "1.0"})
    return "\t".join(rec[c.name] if rec[c.name] else "None" for c in layouts()["polecat"])


def phoenix_row(i: int, *, date: str = "20171006", code: str | None = None) -> str:
    a = PAIRS[i % len(PAIRS)]
    code = code if code is not None else CODES[i % len(CODES)]
    rec = _blank("phoenix")
    rec.update(EventID=f"ph{i}", Date=date, Year=date[:4], Month=date[4:6], Day=date[6:], SourceActorFull=a[0],
               SourceActorEntity=a[1], SourceActorRole=a[2], TargetActorFull=a[3], TargetActorEntity=a[4],
               TargetActorRole=a[5], EventCode=code, EventRootCode=code[:2], PentaClass="1", GoldsteinScore="3.0",
               SentenceID="s1", URLs="https://news.example.org/x", NewsSources="example")
    return _join("phoenix", rec)


def volume_row(i: int, *, date: str | None = None, count: str | None = None) -> str:
    date = date or f"201612{(i % 28) + 1:02d}"
    country = ["", "RS", "PK", "IN"][i // 28 % 4]
    return f"{date},{country},{count or 100 + i}"


@dataclass
class Spec:
    """How to write files of one format for the contract suite."""

    fmt: str
    header: Callable[[], str | None]
    good: Callable[[int], str]
    bad_date: Callable[[int], str]
    bad_code: Callable[[int], str] | None
    wrong_width: Callable[[int], str]
    suffix: str = ".tsv"

    def lines(self, ids: range) -> list[str]:
        head = self.header()
        return ([head] if head else []) + [self.good(i) for i in ids]


def _cut(line: str) -> str:
    return "\t".join(line.split("\t")[:-3])


SPECS = {
    "gdelt1": Spec("gdelt1", lambda: None, lambda i: gdelt_event("gdelt1", i, width=57 if i % 2 else None),
                   lambda i: gdelt_event("gdelt1", i, date="20161340"),
                   lambda i: gdelt_event("gdelt1", i, code="999"), lambda i: _cut(gdelt_event("gdelt1", i)), ".CSV"),
    "gdelt2": Spec("gdelt2", lambda: None, lambda i: gdelt_event("gdelt2", i),
                   lambda i: gdelt_event("gdelt2", i, date="2016xx04"),
                   lambda i: gdelt_event("gdelt2", i, code="999"), lambda i: _cut(gdelt_event("gdelt2", i)), ".CSV"),
    "gdelt2-mentions": Spec("gdelt2-mentions", lambda: None, mention, lambda i: mention(i, date="2016120423150x"),
                            None, lambda i: _cut(mention(i)), ".CSV"),
    "icews": Spec("icews", icews_header, icews_row, lambda i: icews_row(i, date="2016-13-45"),
                  lambda i: icews_row(i, code="999"), lambda i: _cut(icews_row(i)), ".tsv"),
    "polecat": Spec("polecat", polecat_header, polecat_row, lambda i: polecat_row(i, date="yesterday"),
                    lambda i: polecat_row(i, etype="DANCE"), lambda i: _cut(polecat_row(i)), ".tsv"),
    "phoenix": Spec("phoenix", lambda: None, phoenix_row, lambda i: phoenix_row(i, date="20171399"),
                    lambda i: phoenix_row(i, code="999"), lambda i: _cut(phoenix_row(i)), ".txt"),
    "gdelt-volume": Spec("gdelt-volume", lambda: None, volume_row, lambda i: volume_row(i, date="20161399"),
                         lambda i: volume_row(i, count="many"), lambda i: volume_row(i) + ",extra", ".csv"),
}


def write(path: Path, lines: list[str], *, raw_tail: bytes = b"") -> Path:
    data = ("\n".join(lines) + "\n").encode("utf-8") + raw_tail
    if path.suffix == ".gz":
        with gzip.open(path, "wb") as fh:
            fh.write(data)
    elif path.suffix == ".zip":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(path.stem, data)
    else:
        path.write_bytes(data)
    return path

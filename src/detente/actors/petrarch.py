"""Readers for PETRARCH / TABARI dictionaries, so users can bring what they maintain.

Actor files::

    NARENDRA_MODI                # a root phrase
    +PRIME_MINISTER_MODI         # synonyms of the root
        [INDGOV >20140526]       # code, optionally dated
    UN_ [IGOUNO]                 # code on the root line
    KOFI_ANNAN_
        [IGOUNO 970101-061231]

Date forms in brackets: none (always), ``>D`` (from D), ``<D`` (until D),
``D1-D2``. Dates are ``YYYYMMDD`` or ``YYMMDD``; two-digit years up to 30 are
read as 20YY, later ones as 19YY (TABARI's convention for these files).
``[---]`` means "no code" and is skipped. Underscores are spaces.

Agent files::

    !PERSON! = MAN, MEN, WOMAN           # substitution set
    POLICE {} [~COP]                     # {} = no plural
    CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]
    FARMER [~AGR]                        # no braces: regular plural added
    PEACEKEEPING_TROOPS {} [IGO~]        # code that goes before the country

Lines that cannot be read are collected in ``problems`` of the reader's result
rather than stopping the whole file.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from detente.actors import countries
from detente.actors.entry import ActorEntry
from detente.errors import BadRow, InputError

__all__ = ["parse_code_spec", "petrarch_date", "read_actors", "read_agents"]

_CODE_RE = re.compile(r"\[([^\]]*)\]")
_NONSTATE = ("REB", "INS", "SEP", "IMG", "UAF", "RAD", "CRM", "NGM")

problems: list[BadRow] = []


def petrarch_date(text: str) -> dt.date:
    """``20140526`` / ``140526`` / ``970421`` -> a date (YY <= 30 is 20YY)."""
    t = text.strip()
    if len(t) == 8:
        y, m, d = int(t[:4]), int(t[4:6]), int(t[6:])
    elif len(t) == 6:
        yy, m, d = int(t[:2]), int(t[2:4]), int(t[4:])
        y = 2000 + yy if yy <= 30 else 1900 + yy
    else:
        raise ValueError(f"bad PETRARCH date {text!r}")
    return dt.date(y, m, d)


def parse_code_spec(spec: str) -> tuple[str, dt.date | None, dt.date | None] | None:
    """``"INDGOV >20140526"`` -> ("INDGOV", 2014-05-26, None); ``"---"`` -> None."""
    parts = spec.split()
    if not parts or set(parts[0]) <= {"-"}:
        return None
    code = parts[0].upper()
    start = end = None
    if len(parts) > 1:
        rng = "".join(parts[1:])  # "> 140608" occurs in the wild
        if rng.startswith(">"):
            start = petrarch_date(rng[1:])
        elif rng.startswith("<"):
            end = petrarch_date(rng[1:])
        elif "-" in rng:
            a, _, b = rng.partition("-")
            start, end = petrarch_date(a), petrarch_date(b)
        else:
            raise ValueError(f"bad date range {rng!r}")
    return code, start, end


def _phrase(raw: str) -> str:
    return " ".join(raw.replace("_", " ").split())


def _split_code(code: str) -> tuple[str | None, str | None]:
    """("PAKGOV") -> ("PAK", "GOV"); ("IGOUNO") -> (None, "IGO")."""
    if code.startswith("IGO"):
        return None, "IGO"
    head = code[:3]
    if countries.get(head) is not None and countries.is_country(head) or head in countries.regions():
        return head, (code[3:6] or None)
    return None, code[:3] or None


def _kind(code: str, sector: str | None, country: str | None) -> str:
    if code.startswith("IGO"):
        return "igo"
    if country and not sector:
        return "country"
    if sector in _NONSTATE or code.startswith(("IMG", "NGO", "NGM")):
        return "group"
    return "person"


def _with_fallbacks(
    codes: list[tuple[str, dt.date | None, dt.date | None]],
) -> list[tuple[str, dt.date | None, dt.date | None]]:
    """An undated code next to dated ones is PETRARCH's default: it applies only
    where no dated code does. Turn it into one entry per uncovered gap."""
    dated = sorted(((s or dt.date.min, e or dt.date.max) for _, s, e in codes if s or e))
    undated = [c for c, s, e in codes if not (s or e)]
    if not dated or not undated:
        return codes
    gaps: list[tuple[dt.date | None, dt.date | None]] = []
    cursor: dt.date | None = None  # first day not yet known to be covered (None = -inf)
    for s, e in dated:
        if s > (cursor or dt.date.min) and s != dt.date.min:
            gap_end = s - dt.timedelta(days=1)
            if cursor is None or gap_end >= cursor:
                gaps.append((cursor, gap_end))
        if e == dt.date.max:
            cursor = dt.date.max
            break
        nxt = e + dt.timedelta(days=1)
        cursor = nxt if cursor is None else max(cursor, nxt)
    if cursor != dt.date.max:
        gaps.append((cursor, None))
    out = [c for c in codes if c[1] or c[2]]
    out += [(code, s, e) for code in undated for s, e in gaps]
    return out


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def read_actors(path: str | Path) -> list[ActorEntry]:
    """Entries from a PETRARCH actor dictionary (one per phrase x dated code)."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"PETRARCH actor file not found: {p}")
    problems.clear()
    out: list[ActorEntry] = []
    phrases: list[str] = []
    codes: list[tuple[str, dt.date | None, dt.date | None]] = []

    def flush() -> None:
        if phrases and codes:
            root = phrases[0]
            for code, start, end in _with_fallbacks(codes):
                country, sector = _split_code(code)
                kind = _kind(code, sector, country)
                for ph in phrases:
                    out.append(ActorEntry(ph, code, country, sector, kind, start, end,
                                          name=root.title(), source=p.name))
        phrases.clear()
        codes.clear()

    def add_codes(text: str, lineno: int) -> None:
        for spec in _CODE_RE.findall(text):
            try:
                parsed = parse_code_spec(spec)
            except ValueError as exc:
                problems.append(BadRow(f"{p.name}:{lineno}: {exc}", line=lineno, raw=spec))
                continue
            if parsed:
                codes.append(parsed)

    with p.open(encoding="utf-8", errors="replace") as fh:
        for lineno, raw in enumerate(fh, start=1):
            line = _strip_comment(raw)
            if not line.strip():
                continue
            stripped = line.strip()
            if stripped.startswith("["):
                add_codes(stripped, lineno)
            elif stripped.startswith("+"):
                phrases.append(_phrase(_CODE_RE.sub("", stripped[1:])))
                add_codes(stripped, lineno)
            else:
                # a new root: a root with its code on the same line may still get synonyms
                flush()
                phrases.append(_phrase(_CODE_RE.sub("", stripped)))
                add_codes(stripped, lineno)
    flush()
    return out


_SUBST_RE = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
_AGENT_RE = re.compile(r"^(?P<phrase>[^{\[]+?)\s*(\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]]*)\]")


def _plural(word: str) -> str:
    if re.search(r"(s|x|z|ch|sh)$", word, re.IGNORECASE):
        return word + "ES"
    if re.search(r"[^aeiou]y$", word, re.IGNORECASE):
        return word[:-1] + "IES"
    return word + "S"


def read_agents(path: str | Path) -> list[ActorEntry]:
    """Entries of kind "agent" from a PETRARCH agents dictionary.

    ``[~COP]`` gives sector ``COP``; ``[IGO~]`` (a code written before the
    country) gives sector ``IGO``.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"PETRARCH agents file not found: {p}")
    problems.clear()
    subst: dict[str, list[str]] = {}
    out: list[ActorEntry] = []
    with p.open(encoding="utf-8", errors="replace") as fh:
        for lineno, raw in enumerate(fh, start=1):
            line = _strip_comment(raw).strip()
            if not line:
                continue
            m = _SUBST_RE.match(line)
            if m:
                subst[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
                continue
            m = _AGENT_RE.match(line)
            if not m:
                problems.append(BadRow(f"{p.name}:{lineno}: not an agent line", line=lineno, raw=line))
                continue
            code = m.group("code").strip().replace("~", "").upper()
            if not code.isalnum():
                problems.append(BadRow(f"{p.name}:{lineno}: bad code", line=lineno, raw=line))
                continue
            forms = [m.group("phrase").strip()]
            plural = m.group("plural")
            if plural is None:
                if "!" not in forms[0]:  # substitution sets list their plurals themselves
                    forms.append(_plural(forms[0]))
            else:
                forms += [f for f in plural.split(",") if f.strip()]
            for form in forms:
                for expanded in _expand(form.strip(), subst):
                    ph = _phrase(expanded)
                    if ph:
                        out.append(ActorEntry(ph, code, None, code, "agent", name=ph.title(),
                                              source=p.name))
    return out


def _expand(form: str, subst: dict[str, list[str]]) -> list[str]:
    for key, words in subst.items():
        if key in form:
            return [x for w in words for x in _expand(form.replace(key, w, 1), subst)]
    return [form]

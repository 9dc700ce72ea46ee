"""Date expressions -> (ISO date, precision), resolved against the document date.

Pure functions, no spaCy: the ``detente_dates_v1`` component finds candidate
expressions and calls :func:`resolve_expression` on each.

The rule that matters most: when nothing in the text or the document says when,
the answer is ``(None, "unknown")`` -- never today's date.

>>> import datetime as dt
>>> resolve_expression("December 4, 2016", None)
('2016-12-04', 'day')
>>> resolve_expression("last week", dt.date(2016, 12, 10))
('2016-12-01', 'month')
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}

_MONTH_RE = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_PATTERNS = [
    # 2016-12-04
    ("ymd", re.compile(r"\b(?P<year>(1[89]|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    # December 4, 2016 / Dec. 4 2016
    ("mdy", re.compile(_MONTH_RE + r"\s+(?P<day>\d{1,2})(st|nd|rd|th)?,?\s+(?P<year>(1[89]|20)\d\d)\b", re.IGNORECASE)),
    # 4 December 2016
    ("dmy", re.compile(r"\b(?P<day>\d{1,2})(st|nd|rd|th)?\s+(of\s+)?" + _MONTH_RE + r",?\s+(?P<year>(1[89]|20)\d\d)\b", re.IGNORECASE)),
    # December 2016
    ("my", re.compile(_MONTH_RE + r",?\s+(of\s+)?(?P<year>(1[89]|20)\d\d)\b", re.IGNORECASE)),
    # December 4 (year from the document)
    ("md", re.compile(_MONTH_RE + r"\s+(?P<day>\d{1,2})(st|nd|rd|th)?\b", re.IGNORECASE)),
    # 4 December
    ("dm", re.compile(r"\b(?P<day>\d{1,2})(st|nd|rd|th)?\s+(of\s+)?" + _MONTH_RE, re.IGNORECASE)),
    # in 2014 / 2014
    ("y", re.compile(r"\b(?P<year>(1[89]|20)\d\d)\b")),
    # in December (year from the document)
    ("m", re.compile(r"\b" + _MONTH_RE + r"\b", re.IGNORECASE)),
]


def parse_doc_date(value: str | dt.date | None) -> dt.date | None:
    """A document date from user input (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or a date)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y"):
        try:
            return dt.datetime.strptime(s[:10] if fmt == "%Y-%m-%d" else s, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"cannot read {value!r} as a date (use YYYY-MM-DD)")


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_start(d: dt.date) -> tuple[str, str]:
    return dt.date(d.year, d.month, 1).isoformat(), "month"


def _shift_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    return dt.date(d.year + y, m + 1, 1)


def resolve_relative(text: str, doc_date: dt.date | None) -> tuple[str, str] | None:
    """Relative expressions ("yesterday", "last week", "on Monday") against the document date."""
    t = text.lower().strip()
    if doc_date is None:
        return None
    if t in ("today", "this morning", "this afternoon", "this evening", "tonight", "now"):
        return doc_date.isoformat(), "day"
    if t in ("yesterday", "last night"):
        return (doc_date - dt.timedelta(days=1)).isoformat(), "day"
    if "day before yesterday" in t:
        return (doc_date - dt.timedelta(days=2)).isoformat(), "day"
    for name, idx in WEEKDAYS.items():
        if re.search(rf"\b{name}\b", t):
            # A bare weekday in news copy means the most recent one, the day itself included ("said on
            # Friday" in Friday's report); "last Friday" on a Friday is the week before.
            back = (doc_date.weekday() - idx) % 7 or (7 if t.startswith("last") else 0)
            if t.startswith("next") or "coming" in t:
                return (doc_date + dt.timedelta(days=(idx - doc_date.weekday()) % 7 or 7)).isoformat(), "day"
            return (doc_date - dt.timedelta(days=back)).isoformat(), "day"
    m = re.search(r"(\w+)\s+(day|week|month|year)s?\s+ago", t)
    if m:
        n = _number(m.group(1))
        if n is not None:
            unit = m.group(2)
            if unit == "day":
                return (doc_date - dt.timedelta(days=n)).isoformat(), "day"
            if unit == "week":
                return _month_start(doc_date - dt.timedelta(days=7 * n))
            if unit == "month":
                return _month_start(_shift_months(doc_date, -n))
            return f"{doc_date.year - n}-01-01", "year"
    if re.search(r"\b(last|past|previous)\s+week\b", t):
        return _month_start(doc_date - dt.timedelta(days=7))
    if re.search(r"\b(this|earlier this|later this)\s+week\b", t):
        return _month_start(doc_date)
    if re.search(r"\b(last|past|previous)\s+month\b", t):
        return _month_start(_shift_months(doc_date, -1))
    if re.search(r"\b(this|earlier this|later this)\s+month\b", t) or t in ("recently", "lately"):
        return _month_start(doc_date)
    if re.search(r"\b(last|past|previous)\s+year\b", t):
        return f"{doc_date.year - 1}-01-01", "year"
    if re.search(r"\b(this|earlier this|later this)\s+year\b", t):
        return f"{doc_date.year}-01-01", "year"
    if re.search(r"\bnext\s+week\b", t):
        return _month_start(doc_date + dt.timedelta(days=7))
    if re.search(r"\bnext\s+month\b", t):
        return _month_start(_shift_months(doc_date, 1))
    if re.search(r"\bnext\s+year\b", t):
        return f"{doc_date.year + 1}-01-01", "year"
    return None


_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "several": None, "few": None}


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _NUMBERS.get(word.lower())


def _year_for(month: int, day: int | None, doc_date: dt.date | None) -> int | None:
    """The year of a month (and day) given without one: the latest not after the document."""
    if doc_date is None:
        return None
    year = doc_date.year
    if (month, day or 1) > (doc_date.month, doc_date.day):
        year -= 1
    return year


def resolve_expression(text: str, doc_date: dt.date | None) -> tuple[str, str] | None:
    """One date expression -> ``(iso, precision)``, or None when it says nothing usable."""
    rel = resolve_relative(text, doc_date)
    if rel:
        return rel
    for kind, rx in _PATTERNS:
        m = rx.search(text)
        if not m:
            continue
        g = m.groupdict()
        if kind == "ymd":
            d = _safe(int(g["year"]), int(g["m"]), int(g["d"]))
            if d:
                return d.isoformat(), "day"
            continue
        month = MONTHS.get((g.get("month") or "").lower().rstrip("."))
        if kind in ("mdy", "dmy"):
            d = _safe(int(g["year"]), month, int(g["day"]))  # type: ignore[arg-type]
            if d:
                return d.isoformat(), "day"
        elif kind == "my":
            return f"{int(g['year']):04d}-{month:02d}-01", "month"
        elif kind in ("md", "dm"):
            day = int(g["day"])
            year = _year_for(month, day, doc_date)  # type: ignore[arg-type]
            if year is not None and 1 <= day <= 31:
                d = _safe(year, month, day)  # type: ignore[arg-type]
                if d:
                    return d.isoformat(), "day"
        elif kind == "y":
            return f"{int(g['year']):04d}-01-01", "year"
        elif kind == "m":
            if g["month"].lower() == "may" and not re.fullmatch(r"(in|early|late|mid|since|by)?\s*may", text.strip(), re.IGNORECASE):
                continue  # the modal verb, not the month
            year = _year_for(month, None, doc_date)  # type: ignore[arg-type]
            if year is not None:
                return f"{year:04d}-{month:02d}-01", "month"
    return None


def document_default(doc_date: dt.date | None) -> tuple[str | None, str]:
    """The date an event gets when its sentence names none: the document's, else unknown."""
    if doc_date is None:
        return None, "unknown"
    return doc_date.isoformat(), "day"

"""Event filters as parameterised SQL. Every value is a bound parameter.

``EventFilter`` is the one description of "which events" shared by the CLI
(`detente events`), the Python API and the web API.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from detente.errors import InputError


def _as_list(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v).strip() for v in value if str(v).strip()]


def _as_date(value: str | dt.date | None, what: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"{what} {value!r} is not a date", hint="use YYYY-MM-DD") from None


def is_country_spec(spec: str) -> bool:
    """True for a three-letter actor spec (``PAK``, ``IGO``): it names a country.

    Such a spec matches an actor whose country is that code or, for an actor with no
    country (an IGO, a rebel group, a source that gives codes only), whose code
    starts with it; an actor's recorded country wins over its code. Any other spec
    (``USAGOV``, ``IGOUNO``) is a prefix of the actor code.
    """
    return len(spec) == 3 and spec.isalpha()


@dataclass
class EventFilter:
    """Which events to return. Actors match a country code or an actor-code prefix
    (see :func:`is_country_spec`).

    >>> sql, params = EventFilter.build(dyad="PAK,RUS", since="2014-01-01").where()
    >>> params[:4]
    ['PAK', 'RUS', 'PAK', 'RUS']
    """

    dyad: tuple[str, str] | None = None
    directed: bool = False
    actors: list[str] = field(default_factory=list)  # any side
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    since: dt.date | None = None
    until: dt.date | None = None
    cameo: list[str] = field(default_factory=list)  # code prefixes: "05" and "057" both work
    roots: list[str] = field(default_factory=list)
    plover: list[str] = field(default_factory=list)
    quad_class: list[int] = field(default_factory=list)
    datasets: list[str] = field(default_factory=list)
    doc_id: str | None = None
    include_negated: bool = False
    first_reports_only: bool = False

    @classmethod
    def build(
        cls,
        *,
        dyad: str | Sequence[str] | None = None,
        directed: bool = False,
        actor: str | Sequence[str] | None = None,
        source: str | Sequence[str] | None = None,
        target: str | Sequence[str] | None = None,
        country: str | Sequence[str] | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        cameo: str | Sequence[str] | None = None,
        root: str | Sequence[str] | None = None,
        plover: str | Sequence[str] | None = None,
        quad_class: int | str | Sequence[int] | None = None,
        dataset: str | Sequence[str] | None = None,
        doc_id: str | None = None,
        include_negated: bool = False,
        first_reports_only: bool = False,
    ) -> EventFilter:
        """Build a filter from loose user input (comma lists, strings), validating it."""
        pair = None
        if dyad is not None:
            parts = [p.upper() for p in _as_list(dyad)]
            if len(parts) != 2:
                raise InputError(f"a dyad needs two actors, got {dyad!r}", hint="write it as PAK,RUS")
            pair = (parts[0], parts[1])
        quads: list[int] = []
        if quad_class is not None:
            raw = _as_list(quad_class) if isinstance(quad_class, str) else (
                [str(quad_class)] if isinstance(quad_class, int) else [str(q) for q in quad_class])
            for q in raw:
                if q not in ("1", "2", "3", "4"):
                    raise InputError(f"quad class {q!r} is not 1-4",
                                     hint="1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict")
                quads.append(int(q))
        for code in _as_list(cameo) + _as_list(root):
            if not code.isdigit():
                raise InputError(f"CAMEO code {code!r} must be digits", hint="e.g. 057 or 19")
        f = cls(
            dyad=pair,
            directed=directed,
            actors=[a.upper() for a in _as_list(actor)],
            sources=[a.upper() for a in _as_list(source)],
            targets=[a.upper() for a in _as_list(target)],
            countries=[c.upper() for c in _as_list(country)],
            since=_as_date(since, "--since"),
            until=_as_date(until, "--until"),
            cameo=_as_list(cameo),
            roots=[r.zfill(2) for r in _as_list(root)],
            plover=[p.upper() for p in _as_list(plover)],
            quad_class=quads,
            datasets=[d.lower() for d in _as_list(dataset)],
            doc_id=doc_id,
            include_negated=include_negated,
            first_reports_only=first_reports_only,
        )
        if f.since and f.until and f.since > f.until:
            raise InputError(f"--since {f.since} is after --until {f.until}")
        return f

    def where(self) -> tuple[str, list[Any]]:
        """SQL condition (without WHERE) and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []

        def side(col: str, spec: str) -> str:
            if is_country_spec(spec):
                params.extend([spec, spec])
                return f"({col}_country = ? OR ({col}_country IS NULL AND starts_with({col}_code, ?)))"
            params.append(spec)
            return f"starts_with({col}_code, ?)"

        if self.dyad:
            a, b = self.dyad
            if is_country_spec(a) and is_country_spec(b):
                # Implied by the match below, and answerable from a Parquet row group's or a
                # DuckDB table segment's min/max: files sorted by country skip the rest.
                for col in ("source", "target"):
                    ends = [a, b] if not self.directed else [a if col == "source" else b]
                    marks = ", ".join("?" for _ in ends)
                    clauses.append(f"({col}_country IN ({marks}) OR {col}_country IS NULL)")
                    params.extend(ends)
            fwd = f"({side('source', a)} AND {side('target', b)})"
            if self.directed:
                clauses.append(fwd)
            else:
                back = f"({side('source', b)} AND {side('target', a)})"
                clauses.append(f"({fwd} OR {back})")
        for spec in self.actors:
            clauses.append(f"({side('source', spec)} OR {side('target', spec)})")
        if self.sources:
            clauses.append("(" + " OR ".join(side("source", s) for s in self.sources) + ")")
        if self.targets:
            clauses.append("(" + " OR ".join(side("target", s) for s in self.targets) + ")")
        if self.countries:
            marks = ",".join("?" for _ in self.countries)
            clauses.append(f"(source_country IN ({marks}) OR target_country IN ({marks}))")
            params.extend(self.countries + self.countries)
        if self.since:
            clauses.append("date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("date <= ?")
            params.append(self.until)
        if self.cameo:
            clauses.append("(" + " OR ".join("starts_with(cameo_code, ?)" for _ in self.cameo) + ")")
            params.extend(self.cameo)
        if self.roots:
            clauses.append(f"cameo_root IN ({','.join('?' for _ in self.roots)})")
            params.extend(self.roots)
        if self.plover:
            clauses.append(f"plover_type IN ({','.join('?' for _ in self.plover)})")
            params.extend(self.plover)
        if self.quad_class:
            clauses.append(f"quad_class IN ({','.join('?' for _ in self.quad_class)})")
            params.extend(self.quad_class)
        if self.datasets:
            clauses.append(f"dataset IN ({','.join('?' for _ in self.datasets)})")
            params.extend(self.datasets)
        if self.doc_id:
            clauses.append("doc_id = ?")
            params.append(self.doc_id)
        if not self.include_negated:
            clauses.append("coalesce(negated, false) = false")
        if self.first_reports_only:
            clauses.append("report_of IS NULL")
        return (" AND ".join(clauses) or "true"), params

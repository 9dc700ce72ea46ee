"""POLECAT event files (tab-separated, 40 columns with a header).

The intensity column is ``Intensity`` in some files and ``Event Intensity`` in
others; missing values are the string ``None``; multi-valued fields are joined
with ``"; "`` (the first value is kept for country and sector). POLECAT codes
PLOVER, not CAMEO: ``plover_type`` is the Event Type, ``cameo_code`` stays
empty, ``quad_class`` comes from the PLOVER type and the producer's Quad Code is
kept in ``origin_quad_class``. The event id hashes the POLECAT Event ID.
"""

from __future__ import annotations

import duckdb

from detente.ingest.base import (
    Importer,
    event_id_sql,
    ident,
    register_countries,
    register_roles,
)
from detente.ingest.gdelt import c

_DATE = "coalesce(try_strptime({x}, '%Y-%m-%d'), try_strptime(left({x}, 10), '%Y-%m-%d'))"


def _first(x: str) -> str:
    return f"nullif(trim(split_part({x}, ';', 1)), '')"


class Polecat(Importer):
    name = "polecat"
    label = "POLECAT"
    dataset = "polecat"
    header = True
    quoted = True
    null_values = ("None",)
    required = ("Event ID", "Event Date", "Event Type", "Actor Name", "Recipient Name")

    @classmethod
    def sniff(cls, lines: list[str]) -> float:
        if not lines:
            return 0.0
        head = {h.strip().strip('"') for h in lines[0].split("\t")}
        return 1.0 if {"Event ID", "Event Type", "Actor Name", "Recipient Name"} <= head else 0.0

    def checks(self, pos: dict[str, int]) -> list[tuple[str, str]]:
        q = ident
        return [
            (f"{q('Event ID')} IS NULL", "'no Event ID'"),
            (f"{_DATE.format(x=q('Event Date'))} IS NULL", f"'bad date: ' || coalesce({q('Event Date')}, '(empty)')"),
            (f"upper({q('Event Type')}) NOT IN (SELECT plover_type FROM _plover) OR {q('Event Type')} IS NULL",
             f"'unknown PLOVER type: ' || coalesce({q('Event Type')}, '(empty)')"),
        ]

    def prepare(self, con: duckdb.DuckDBPyConnection, pos: dict[str, int]) -> None:
        register_countries(con, [_first(ident(n)) for n in ("Actor Country", "Recipient Country") if n in pos])
        register_roles(con, [_first(ident(n)) for n in ("Primary Actor Sector", "Primary Recipient Sector")
                             if n in pos])

    def event_exprs(self, pos: dict[str, int]) -> dict[str, str]:
        date = _DATE.format(x=c("Event Date"))
        out = {
            "event_id": event_id_sql(self.dataset, c("Event ID")),
            "date": f"CAST({date} AS DATE)",
            "date_precision": "'day'",
            "plover_type": f"upper({c('Event Type')})",
            "quad_class": "p.quad",
            "origin_quad_class": f"TRY_CAST({c('Quad Code')} AS TINYINT)" if "Quad Code" in pos else "NULL",
            "speculative": "false",
            "negated": "false",
        }
        for side, cap, alias in (("source", "Actor", "sc"), ("target", "Recipient", "tc")):
            country = f"{alias}.code" if f"{cap} Country" in pos else "NULL"
            role = f"{alias}r.code" if f"Primary {cap} Sector" in pos else "NULL"
            out[f"{side}_country"] = country
            out[f"{side}_sector"] = role
            out[f"{side}_code"] = f"nullif(coalesce({country}, '') || coalesce({role}, ''), '')"
            out[f"{side}_name"] = c(f"{cap} Name")
        return out

    def file_joins(self, pos: dict[str, int]) -> str:
        out = [f"LEFT JOIN _plover p ON p.plover_type = upper({c('Event Type')})"]
        for cap, alias in (("Actor", "sc"), ("Recipient", "tc")):
            if f"{cap} Country" in pos:
                out.append(f"LEFT JOIN _countries {alias} ON {alias}.name = {_first(c(cap + ' Country'))}")
            if f"Primary {cap} Sector" in pos:
                out.append(f"LEFT JOIN _roles {alias}r ON {alias}r.name = {_first(c('Primary ' + cap + ' Sector'))}")
        return " ".join(out)

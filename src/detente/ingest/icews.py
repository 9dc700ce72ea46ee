"""ICEWS event files (Dataverse ``.tab`` with quoted strings, or plain ``.tsv``).

20 columns with a header; some yearly files use m/d/Y dates and lack the CAMEO
Code column (then the code comes from the Event Text, which is the code's name).
Event ID alone is not unique: the event id hashes Event ID + Event Date.
Countries are full names (-> 3-letter codes via ``detente.actors.countries``);
sectors are comma lists in any order (-> one role code, see ``data/sectors.csv``).
The actor code is country + role (``RUSGOV``). ICEWS has no quad class column:
``origin_quad_class`` holds the ICEWS tools' convention (roots 01-05/06-08/09-13/14-20).
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

_DATE = "coalesce(try_strptime({x}, '%Y-%m-%d'), try_strptime({x}, '%m/%d/%Y'))"


class Icews(Importer):
    name = "icews"
    label = "ICEWS"
    dataset = "icews"
    header = True
    quoted = True
    required = ("Event ID", "Event Date", "Source Name", "Source Country", "Event Text", "Target Name",
                "Target Country")

    @classmethod
    def sniff(cls, lines: list[str]) -> float:
        if not lines:
            return 0.0
        head = [h.strip().strip('"') for h in lines[0].split("\t")]
        need = {"Event ID", "Event Date", "Source Name", "Target Name", "Event Text"}
        return 1.0 if need <= set(head) else 0.0

    def _code(self, pos: dict[str, int], prefix: str = "s.") -> str:
        if "CAMEO Code" in pos:
            return f"{prefix}{ident('CAMEO Code')}"
        return f"lower({prefix}{ident('Event Text')})"

    def checks(self, pos: dict[str, int]) -> list[tuple[str, str]]:
        q = ident
        date = _DATE.format(x=q("Event Date"))
        out = [
            (f"{q('Event ID')} IS NULL", "'no Event ID'"),
            (f"{date} IS NULL", f"'bad date: ' || coalesce({q('Event Date')}, '(empty)')"),
        ]
        if "CAMEO Code" in pos:
            out.append((f"{q('CAMEO Code')} IS NULL OR {q('CAMEO Code')} NOT IN (SELECT alias FROM _cameo)",
                        f"'unknown CAMEO code: ' || coalesce({q('CAMEO Code')}, '(empty)')"))
        else:
            out.append((f"lower({q('Event Text')}) NOT IN (SELECT name FROM _cameo_names) OR {q('Event Text')} IS NULL",
                        f"'unknown event text (no CAMEO Code column): ' || coalesce({q('Event Text')}, '(empty)')"))
        return out

    def prepare(self, con: duckdb.DuckDBPyConnection, pos: dict[str, int]) -> None:
        register_countries(con, [ident("Source Country"), ident("Target Country")])
        cols = [ident(n) for n in ("Source Sectors", "Target Sectors") if n in pos]
        register_roles(con, cols)

    def joins(self) -> str:
        return ""  # set per file in event_exprs via _joins

    def event_exprs(self, pos: dict[str, int]) -> dict[str, str]:
        date = _DATE.format(x=c("Event Date"))
        out = {
            "event_id": event_id_sql(self.dataset, f"{c('Event ID')} || '|' || strftime({date}, '%Y-%m-%d')"),
            "date": f"CAST({date} AS DATE)",
            "date_precision": "'day'",
            "cameo_code": "k.code",
            "cameo_root": "k.root",
            "plover_type": "k.plover_type",
            "quad_class": "k.quad",
            "origin_quad_class": "k.quad_icews",
            "goldstein": "k.goldstein",
            "speculative": "false",
            "negated": "false",
        }
        for side, cap, alias in (("source", "Source", "sc"), ("target", "Target", "tc")):
            role = f"{alias}r.code" if f"{cap} Sectors" in pos else "NULL"
            out[f"{side}_country"] = f"{alias}.code"
            out[f"{side}_sector"] = role
            out[f"{side}_code"] = f"nullif(coalesce({alias}.code, '') || coalesce({role}, ''), '')"
            out[f"{side}_name"] = c(f"{cap} Name")
        return out

    def file_joins(self, pos: dict[str, int]) -> str:
        if "CAMEO Code" in pos:
            code = f"LEFT JOIN _cameo k ON k.alias = {c('CAMEO Code')}"
        else:
            code = (f"LEFT JOIN _cameo_names kn ON kn.name = lower({c('Event Text')}) "
                    f"LEFT JOIN _cameo k ON k.alias = kn.code")
        out = [code,
               f"LEFT JOIN _countries sc ON sc.name = {c('Source Country')}",
               f"LEFT JOIN _countries tc ON tc.name = {c('Target Country')}"]
        if "Source Sectors" in pos:
            out.append(f"LEFT JOIN _roles scr ON scr.name = {c('Source Sectors')}")
        if "Target Sectors" in pos:
            out.append(f"LEFT JOIN _roles tcr ON tcr.name = {c('Target Sectors')}")
        return " ".join(out)

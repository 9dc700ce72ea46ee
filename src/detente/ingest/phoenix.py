"""Phoenix event files (Open Event Data Alliance daily files: 26 tab-separated columns, no header).

Actor codes are CAMEO-style already (``SourceActorFull`` ``USAGOV``, entity ``USA``,
role ``GOV``). Phoenix has five classes (PentaClass 0-4, with 0 for roots 01-02):
kept in ``origin_quad_class``; ``quad_class`` is the normalised value.
"""

from __future__ import annotations

from detente.ingest.base import Importer, event_id_sql, ident
from detente.ingest.gdelt import _fields, _is_date8, _share, c


class Phoenix(Importer):
    name = "phoenix"
    label = "Phoenix"
    dataset = "phoenix"
    uses = ("EventID", "Date", "SourceActorFull", "SourceActorEntity", "SourceActorRole", "TargetActorFull",
            "TargetActorEntity", "TargetActorRole", "EventCode", "PentaClass", "URLs")

    @classmethod
    def sniff(cls, lines: list[str]) -> float:
        def ok(f: list[str]) -> bool:
            return len(f) == 26 and _is_date8(f[1]) and f[2] == f[1][:4] and f[3].isdigit()
        return _share(lines, ok)

    def checks(self, pos: dict[str, int]) -> list[tuple[str, str]]:
        q = ident
        return [
            (f"{q('EventID')} IS NULL", "'no EventID'"),
            (f"try_strptime({q('Date')}, '%Y%m%d') IS NULL", f"'bad date: ' || coalesce({q('Date')}, '(empty)')"),
            (f"{q('EventCode')} IS NULL OR {q('EventCode')} NOT IN (SELECT alias FROM _cameo)",
             f"'unknown CAMEO code: ' || coalesce({q('EventCode')}, '(empty)')"),
        ]

    def event_exprs(self, pos: dict[str, int]) -> dict[str, str]:
        out = {
            "event_id": event_id_sql(self.dataset, c("EventID")),
            "date": f"CAST(try_strptime({c('Date')}, '%Y%m%d') AS DATE)",
            "date_precision": "'day'",
            "cameo_code": "k.code",
            "cameo_root": "k.root",
            "plover_type": "k.plover_type",
            "quad_class": "k.quad",
            "origin_quad_class": f"TRY_CAST({c('PentaClass')} AS TINYINT)",
            "goldstein": "k.goldstein",
            "speculative": "false",
            "negated": "false",
        }
        for side, cap in (("source", "Source"), ("target", "Target")):
            ent = c(f"{cap}ActorEntity")
            out[f"{side}_code"] = c(f"{cap}ActorFull")
            out[f"{side}_country"] = f"CASE WHEN length({ent}) = 3 AND NOT starts_with({ent}, 'IGO') THEN {ent} END"
            out[f"{side}_sector"] = c(f"{cap}ActorRole")
            out[f"{side}_name"] = c(f"{cap}ActorFull")
        return out

    def joins(self) -> str:
        return f"LEFT JOIN _cameo k ON k.alias = {c('EventCode')}"


__all__ = ["Phoenix", "_fields"]

"""The demo: code the shipped example texts into a fresh store and write the Pakistan-Russia brief.

This is what ``make demo`` runs (``detente demo``). It uses only data the
project ships (``detente.examples``), no network.

>>> from detente.demo import run_demo
>>> summary = run_demo("demo-output")  # doctest: +SKIP
>>> summary.brief                       # doctest: +SKIP
PosixPath('demo-output/pak_rus_brief.html')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd


@dataclass
class DemoSummary:
    db: Path
    brief: Path
    brief_md: Path
    events_csv: Path
    documents: int = 0
    events: int = 0
    top_dyads: list[tuple[str, str, int]] = field(default_factory=list)


def run_demo(out_dir: str | Path = "demo-output", *, model: str | None = None,
             progress: Callable[[int, int], None] | None = None) -> DemoSummary:
    """Build ``out_dir/demo.duckdb`` from the example texts, then write the brief and an events CSV."""
    from detente.api import Store
    from detente.coder import Coder
    from detente.coder.storing import store_stream
    from detente.examples import load_items
    from detente.report.brief import write_brief

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    db = out / "demo.duckdb"
    for stale in (db, db.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)  # a demo always starts from a fresh store

    items = load_items()
    documents = {it["id"]: it for it in items}
    coder = Coder(model=model)
    done = 0

    def counted():
        nonlocal done
        for item in coder.code_docs({"id": it["id"], "text": it["text"], "date": it["date"]} for it in items):
            done += 1
            if progress:
                progress(done, len(items))
            yield item

    with Store(db) as store:
        for _ in store_stream(store, counted(), documents):
            pass
        events = store.events()
        summary = DemoSummary(
            db=db,
            brief=out / "pak_rus_brief.html",
            brief_md=out / "pak_rus_brief.md",
            events_csv=out / "events.csv",
            documents=store.totals()["documents"],
            events=len(events),
        )
        events.to_csv(summary.events_csv, index=False)
        summary.top_dyads = _top_dyads(events)
        write_brief(events, "PAK", "RUS", summary.brief, since="2014-01-01", until="2016-12-31")
        write_brief(events, "PAK", "RUS", summary.brief_md, since="2014-01-01", until="2016-12-31")
    return summary


def _top_dyads(events: pd.DataFrame, k: int = 8) -> list[tuple[str, str, int]]:
    if events.empty:
        return []
    pairs = events.dropna(subset=["source_country", "target_country"])
    pairs = pairs[pairs["source_country"] != pairs["target_country"]]
    keys = pairs.apply(lambda r: tuple(sorted((r["source_country"], r["target_country"]))), axis=1)
    counts = keys.value_counts().head(k)
    return [(a, b, int(n)) for (a, b), n in counts.items()]

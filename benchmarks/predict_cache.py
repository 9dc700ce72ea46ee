"""`forecast predict` on a store-sized events table: the first call (fits) against later ones (cached).

ICEWS14's train and valid facts become an events table (entity names as actor codes,
the CAMEO code whose name is the relation's; days from 2014-01-01). ``predict_targets``
and ``predict_events`` are asked for the day after the last event with ``model="auto"``
(the learned model at this size) and a fresh cache folder, first cold, then again for
other actors on the same events. The ratio is the point: both calls run in the same
process, minutes apart, on the same machine.

    nice -n 10 .venv/bin/python benchmarks/predict_cache.py [--write]

Prints a Markdown table; ``--write`` puts it into docs/benchmarks.md (Forecasting).
Exits 2 when the data is absent.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from outlook import _norm  # noqa: E402 - the benchmark folder's own helper

from detente.forecast import load_tkg  # noqa: E402
from detente.forecast.predict import predict_events, predict_targets  # noqa: E402
from detente.ontology import cameo  # noqa: E402

BEGIN, END = "<!-- predict-cache -->", "<!-- /predict-cache -->"


def events_from_tkg(folder: Path) -> pd.DataFrame:
    data = load_tkg(folder)
    by_name = {_norm(c.name): c.code for c in cameo.table().values()}
    codes = np.array([by_name.get(_norm(n), f"R{i}") for i, n in enumerate(data.relation_names)])
    q = np.concatenate([data.train, data.valid])
    ents = np.array(data.entity_names)
    return pd.DataFrame({"date": (pd.Timestamp("2014-01-01") + pd.to_timedelta(q[:, 3], unit="D")).strftime("%Y-%m-%d"),
                         "source_code": ents[q[:, 0]], "target_code": ents[q[:, 2]], "cameo_code": codes[q[:, 1]]})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-root", type=Path, default=ROOT.parent / "shared" / "data" / "tkg")
    ap.add_argument("--write", action="store_true", help="put the table into docs/benchmarks.md")
    args = ap.parse_args(argv)
    folder = args.data_root / "ICEWS14"
    if not (folder / "valid.txt").exists():
        print(f"error: {folder} not found (need the ICEWS14 benchmark files); nothing measured.", file=sys.stderr)
        return 2
    ev = events_from_tkg(folder)
    calls = [
        ("first call: `predict --source China --relation 036` (fits)", predict_targets, ("China", "036")),
        ("same call again (cached)", predict_targets, ("China", "036")),
        ("another question on the same events: `--source Iran --target Iraq`", predict_events,
         ("Iran", "Iraq")),
    ]
    rows = []
    with tempfile.TemporaryDirectory() as cache:
        os.environ["DETENTE_CACHE_DIR"] = cache
        for label, fn, actors in calls:
            fits: list[str] = []
            t0 = time.perf_counter()
            out = fn(ev, *actors, on_fit=lambda name, n, fits=fits: fits.append(name))
            rows.append((label, time.perf_counter() - t0, ", ".join(fits) or "none", out.iloc[0, 1]))
    first = rows[0][1]
    lines = [f"{len(ev):,} events over {ev['date'].nunique()} days, {pd.Timestamp.now('UTC'):%Y-%m-%d %H:%M} UTC; "
             "one process, fresh cache folder.", "",
             "| call | wall s | share of the first call | model fitted | top answer |", "|---|---:|---:|---|---|"]
    lines += [f"| {label} | {s:.1f} | {s / first:.1%} | {fit} | {top} |" for label, s, fit, top in rows]
    table = "\n".join(lines)
    print(table)
    if args.write:
        doc = ROOT / "docs" / "benchmarks.md"
        text = doc.read_text()
        block = f"{BEGIN}\n{table}\n{END}"
        if BEGIN in text:
            text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
        else:
            text = text.replace("### Dyad outlook (backtest)",
                                "### Predict on a store (model cache)\n\n"
                                "`nice -n 10 .venv/bin/python benchmarks/predict_cache.py --write`: what the "
                                "fitted-model cache saves `detente forecast predict` on a store of this size.\n\n"
                                f"{block}\n\n### Dyad outlook (backtest)", 1)
        doc.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

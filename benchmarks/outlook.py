"""Dyad outlook backtest on real event data: quad-class counts of the busiest country dyads.

The ICEWS14/ICEWS18 benchmark files carry entity names and CAMEO event names; the
names map to CAMEO codes and so to quad classes (detente's ontology table). For the
``--dyads`` busiest pairs of countries the weekly series are backtested with a
rolling origin (``detente.forecast.outlook.backtest``): MASE (scaled by the in-sample
one-step naive error) and 80% interval coverage, per method, averaged over dyads.

    nice -n 10 .venv/bin/python benchmarks/outlook.py --dataset ICEWS14 --freq W --horizon 4

Prints a Markdown table (paste it into docs/benchmarks.md's Forecasting section, or
pass --write to put it there). Exits 2 when the data is absent.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from detente.forecast.outlook import METHODS, backtest, dyad_series
from detente.ontology import cameo


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def events_from_tkg(folder: Path) -> pd.DataFrame:
    """Benchmark quadruples as a small events table (country-named entities only)."""
    from detente.forecast import load_tkg

    data = load_tkg(folder)
    by_name = {_norm(c.name): c for c in cameo.table().values()}
    quad = np.array([by_name[_norm(n)].quad_class if _norm(n) in by_name else 0 for n in data.relation_names])
    q = data.all_facts()
    ents = np.array(data.entity_names)
    # countries: names without an underscore-qualified role, e.g. "China" but not "Citizen_(China)"
    is_country = np.array([("(" not in e) and ("_" not in e.strip()) and (" " not in e.strip()) for e in ents])
    keep = is_country[q[:, 0]] & is_country[q[:, 2]] & (quad[q[:, 1]] > 0)
    q = q[keep]
    start = pd.Timestamp("2014-01-01") if "14" in folder.name else pd.Timestamp("2018-01-01")
    return pd.DataFrame({"date": (start + pd.to_timedelta(q[:, 3], unit="D")).strftime("%Y-%m-%d"),
                         "source_code": ents[q[:, 0]], "target_code": ents[q[:, 2]], "quad_class": quad[q[:, 1]]})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dataset", default="ICEWS14", choices=("ICEWS14", "ICEWS18"))
    ap.add_argument("--data-root", type=Path, default=ROOT.parent / "shared" / "data" / "tkg")
    ap.add_argument("--freq", default="W")
    ap.add_argument("--horizon", type=int, default=4)
    ap.add_argument("--dyads", type=int, default=30)
    args = ap.parse_args(argv)
    folder = args.data_root / args.dataset
    if not (folder / "test.txt").exists():
        print(f"error: {folder} not found (need the ICEWS benchmark files); nothing measured.", file=sys.stderr)
        return 2
    ev = events_from_tkg(folder)
    pair = ev[["source_code", "target_code"]].apply(lambda r: tuple(sorted(r)), axis=1)
    top = pair.value_counts().head(args.dyads).index
    rows = []
    for a, b in top:
        s = dyad_series(ev, a, b, freq=args.freq)
        bt = backtest(s, horizon=args.horizon, freq=args.freq)
        bt["dyad"] = f"{a}-{b}"
        rows.append(bt)
    res = pd.concat(rows)
    table = res.groupby(["variable", "method"])[["mase", "coverage"]].mean().unstack("method")
    print(f"{args.dataset}: {len(top)} busiest country dyads, freq {args.freq}, horizon {args.horizon}, "
          f"rolling origin; mean MASE (lower is better) and 80% interval coverage")
    print()
    print("| variable | " + " | ".join(f"MASE {m}" for m in METHODS) + " | " +
          " | ".join(f"cover {m}" for m in METHODS) + " |")
    print("|---" * (1 + 2 * len(METHODS)) + "|")
    for var in ("vc", "mc", "vk", "mk", "net_coop"):
        mase = [f"{table.loc[var, ('mase', m)]:.2f}" for m in METHODS]
        cov = [f"{table.loc[var, ('coverage', m)]:.2f}" for m in METHODS]
        print(f"| {var} | " + " | ".join(mase) + " | " + " | ".join(cov) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

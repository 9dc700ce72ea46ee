"""Temporal knowledge graph forecasting on ICEWS14 and ICEWS18, next to published results.

Protocol (detente.forecast.protocol): single-step, both directions with inverse
relations, all entities ranked, time-aware filtered MRR and Hits@1/3/10, ties at the
mean rank, hyperparameters chosen on valid only. Fitting never reads test.

    nice -n 10 .venv/bin/python benchmarks/tkg.py                    # both datasets, all models
    nice -n 10 .venv/bin/python benchmarks/tkg.py --dataset ICEWS14 --model learned

Writes the table into the ``## Forecasting`` section of docs/benchmarks.md (results
of earlier runs of other datasets/models are kept: they live in a comment there).
Exits 2, saying so, when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
# the machine has 2 cores shared with other work; more OpenMP threads only contend
os.environ.setdefault("OMP_NUM_THREADS", "2")

from detente.forecast import evaluate, load_tkg
from detente.forecast.learned import benchmark_options  # the settings chosen per dataset on valid
from detente.forecast.predict import make_model

DATASETS = ("ICEWS14", "ICEWS18")
MODELS = ("recurrency-strict", "recurrency", "learned")
# time-aware filtered MRR (%) as published (../shared/data/README.md)
PUBLISHED = {
    "ICEWS14": [("Recurrency baseline (Gastinger et al. 2024)", 37.4), ("RE-GCN", 42.1), ("TLogic", 42.5),
                ("TiRGN", 44.0), ("CountTRuCoLa", 45.0), ("HisMatch", 46.4), ("LogCL", 48.9)],
    "ICEWS18": [("Recurrency baseline (Gastinger et al. 2024)", 28.7), ("TLogic", 29.6), ("RE-GCN", 32.6),
                ("TiRGN", 33.7), ("HisMatch", 34.0), ("LogCL", 35.7)],
}
DOC = ROOT / "docs" / "benchmarks.md"
MARK = "<!-- tkg-results "


def run(dataset: str, model: str, data_root: Path, export_dir: Path | None, seed: int,
        options: dict | None = None) -> dict:
    t0 = time.perf_counter()
    data = load_tkg(data_root / dataset)
    load_s = time.perf_counter() - t0
    kw = benchmark_options(dataset, options) if model == "learned" else {}
    m = make_model(model, seed=seed, **kw)
    t1 = time.perf_counter()
    m.fit(data)
    fit_s = time.perf_counter() - t1
    export = export_dir / f"{dataset}_{model}.jsonl" if export_dir else None
    res = evaluate(m, data, export=export)
    total = time.perf_counter() - t0
    params = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in m.params.items()}
    return {"dataset": dataset, "model": model, "mrr": res["mrr"], "hits@1": res["hits@1"], "hits@3": res["hits@3"],
            "hits@10": res["hits@10"], "queries": res["queries"], "load_s": load_s, "fit_s": fit_s,
            "test_s": res["seconds"], "total_s": total, "valid_mrr": m.params.get("valid_mrr"), "params": params,
            "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "seed": seed}


def _section(results: list[dict], command: str) -> str:
    lines = ["## Forecasting", "",
             "Temporal knowledge graph forecasting, `benchmarks/tkg.py`. Protocol: single-step (a query at day t",
             "uses every true fact before t: train, valid and earlier test days), each test fact asked in both",
             "directions with inverse relations, ranked against all entities, time-aware filtered MRR and",
             "Hits@1/3/10 in %, ties at the mean of optimistic and pessimistic rank, hyperparameters chosen on",
             "valid only; fitting never reads test. CPU only (2 cores, shared), one process, seed 0.",
             "`fit` includes the validation search; `test` is scoring all test queries; `total` is end to end",
             "including loading.", ""]
    for ds in DATASETS:
        rows = [r for r in results if r["dataset"] == ds]
        if not rows:
            continue
        lines += [f"### {ds}", "",
                  "| model | MRR | H@1 | H@3 | H@10 | valid MRR | fit s | test s | total s |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for r in sorted(rows, key=lambda r: MODELS.index(r["model"]) if r["model"] in MODELS else 99):
            v = f"{r['valid_mrr']:.2f}" if r.get("valid_mrr") is not None else ""
            lines.append(f"| detente `{r['model']}` | **{r['mrr']:.2f}** | {r['hits@1']:.2f} | {r['hits@3']:.2f} | "
                         f"{r['hits@10']:.2f} | {v} | {r['fit_s']:.0f} | {r['test_s']:.0f} | {r['total_s']:.0f} |")
        for name, mrr in PUBLISHED[ds]:
            lines.append(f"| {name} (published) | {mrr:.1f} | | | | | | | |")
        best = max(PUBLISHED[ds], key=lambda x: x[1])
        ours = max(rows, key=lambda r: r["mrr"])
        verdict = "above" if ours["mrr"] > best[1] else "below"
        summary = (f"Best detente model: `{ours['model']}` at {ours['mrr']:.2f} MRR, {verdict} the best "
                   f"published {best[1]} ({best[0]}), {ours['total_s'] / 60:.1f} min end to end. "
                   f"Chosen hyperparameters: `{json.dumps(ours['params'])}`.")
        lines += ["", summary, ""]
    last = max(r["when"] for r in results)
    lines += [f"Command: `{command}` (last run {last}, Python {platform.python_version()}).", "",
              MARK + json.dumps(results, separators=(",", ":")) + " -->", ""]
    # the marker comment must stay before any "### Dyad outlook" subsection
    return "\n".join(lines)


def write_docs(new: list[dict], command: str) -> None:
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n\n## Forecasting\n"
    m = re.search(r"^## Forecasting\n(.*?)(?=^## |\Z)", text, flags=re.DOTALL | re.MULTILINE)
    old: list[dict] = []
    tail = ""
    if m:
        # other subsections (e.g. the dyad outlook backtest) are kept as they are
        sub = re.search(r"^### (?:Notes|Dyad outlook).*", m.group(1), flags=re.DOTALL | re.MULTILINE)
        tail = sub.group(0).rstrip("\n") + "\n\n" if sub else ""
        found = re.search(re.escape(MARK) + r"(.*?) -->", m.group(1), flags=re.DOTALL)
        if found:
            old = json.loads(found.group(1))
    keep = {(r["dataset"], r["model"]): r for r in old}
    for r in new:
        keep[(r["dataset"], r["model"])] = r
    section = _section(list(keep.values()), command) + "\n" + tail
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else text  # re-read right before editing
    m = re.search(r"^## Forecasting\n(.*?)(?=^## |\Z)", text, flags=re.DOTALL | re.MULTILINE)
    text = text[: m.start()] + section + text[m.end():] if m else text.rstrip("\n") + "\n\n" + section
    DOC.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dataset", nargs="+", choices=DATASETS, default=list(DATASETS))
    ap.add_argument("--model", nargs="+", choices=MODELS, default=list(MODELS))
    ap.add_argument("--data-root", type=Path, default=ROOT.parent / "shared" / "data" / "tkg")
    ap.add_argument("--export-dir", type=Path, default=None, help="also write --export-scores files here")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-docs", action="store_true", help="print only; do not touch docs/benchmarks.md")
    ap.add_argument("--options", type=json.loads, default=None,
                    help="JSON object of LearnedForecaster options over the per-dataset ones, for trials "
                         "(e.g. '{\"emb_dim\": 32}'); use with --no-docs unless they are adopted")
    args = ap.parse_args(argv)
    missing = [d for d in args.dataset if not (args.data_root / d / "test.txt").exists()]
    if missing:
        print(f"error: dataset(s) {', '.join(missing)} not found under {args.data_root} "
              f"(expected train.txt/valid.txt/test.txt there); nothing measured.", file=sys.stderr)
        return 2
    if args.export_dir:
        args.export_dir.mkdir(parents=True, exist_ok=True)
    results = []
    for ds in args.dataset:
        for model in args.model:
            r = run(ds, model, args.data_root, args.export_dir, args.seed, args.options)
            print(f"{ds:8s} {model:18s} MRR {r['mrr']:6.2f}  H@1 {r['hits@1']:6.2f}  H@3 {r['hits@3']:6.2f}  "
                  f"H@10 {r['hits@10']:6.2f}  fit {r['fit_s']:7.1f}s  test {r['test_s']:6.1f}s  "
                  f"total {r['total_s']:7.1f}s  {r['params']}", flush=True)
            results.append(r)
            if not args.no_docs:
                cmd = "nice -n 10 .venv/bin/python benchmarks/tkg.py " + " ".join(
                    (["--dataset"] + args.dataset if args.dataset != list(DATASETS) else [])
                    + (["--model"] + args.model if args.model != list(MODELS) else []))
                write_docs([r], cmd.strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())

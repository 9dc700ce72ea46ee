"""Accuracy of the text coder: PLV DEV / held-out TEST split, and detente's golden corpus.

    .venv/bin/python benchmarks/coder_accuracy.py [--split dev|test|both] [--petrarch-verbs FILE] [--json]
                                                  [--dump-dev FILE]

``../shared/data/coder/plv_train.tsv`` is split deterministically by a hash of
``sentence_id`` (``detente.coder.evaluate.split_plv``): DEV (~30%) is the part
looked at while developing the lexicon; TEST (~70%) is held out and was not
looked at. Both are reported, clearly labelled, with precision and recall kept
apart. ``--dump-dev FILE`` writes every DEV sentence the coder gets wrong (gold
pair and type, predicted events) to FILE for reading; there is deliberately no
such dump for TEST. Write it outside the repository (shared-data text must not
be committed). The golden corpus (tests/coder/golden/golden.jsonl) is scored too.
Matching rules: docs/coder.md. Exits 2 when the shared data is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("DETENTE_SHARED_DATA", ROOT.parent / "shared" / "data"))
PLV = DATA / "coder" / "plv_train.tsv"
GOLDEN = ROOT / "tests" / "coder" / "golden" / "golden.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=["dev", "test", "both"], default="both")
    ap.add_argument("--petrarch-verbs", type=Path, default=None)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--dump-dev", type=Path, default=None,
                    help="write DEV errors (sentence, gold, predicted) to this file; DEV only, never TEST")
    args = ap.parse_args()
    if not PLV.exists():
        print(f"shared data not found at {PLV}; cannot run the benchmark", file=sys.stderr)
        return 2

    from detente.coder import Coder
    from detente.coder.evaluate import (
        MEASURES,
        evaluate_with_coder,
        read_gold,
        read_plv,
        split_plv,
    )

    warnings.simplefilter("ignore")
    coder = Coder(link_reports=False, petrarch_verbs=args.petrarch_verbs)
    dev, test = split_plv(read_plv(PLV))
    sets = {"plv DEV (looked at)": dev, "plv TEST (held out)": test}
    if args.split == "dev":
        sets.pop("plv TEST (held out)")
    elif args.split == "test":
        sets.pop("plv DEV (looked at)")
    results = {}
    for name, docs in sets.items():
        t0 = time.perf_counter()
        score = evaluate_with_coder(docs, coder, "plv", n_process=args.workers)
        results[name] = score.as_dict() | {"seconds": round(time.perf_counter() - t0, 1),
                                           "confusion": score.confusion_rows()}
    if args.dump_dev:
        _dump_dev(dev, coder, args.dump_dev)
    gold, _ = read_gold(GOLDEN, "jsonl")
    score = evaluate_with_coder(gold, coder, "jsonl")
    results["golden corpus (ours)"] = score.as_dict() | {"confusion": score.confusion_rows()}
    results["coder_version"] = coder.version
    if args.json:
        print(json.dumps(results))
        return 0
    cols = MEASURES
    print("| set | " + " | ".join(cols) + " |")
    print("|---|" + "---|" * len(cols))
    for name, r in results.items():
        if isinstance(r, dict):
            print(f"| {name} | " + " | ".join("n/a" if r[c] is None else str(r[c]) for c in cols) + " |")
    print(f"\ncoder_version: {results['coder_version']}")
    for name, r in results.items():
        if isinstance(r, dict):
            top = ", ".join(f"{g}->{p}:{n}" for g, p, n in r["confusion"][:12])
            print(f"\n{name} confusion (gold->predicted, top 12): {top}")
    return 0


def _cut(text: str, sp) -> str | None:
    if sp is None:
        return None
    if isinstance(sp[0], tuple):
        return " | ".join(text[a:b] for a, b in sp)
    return text[sp[0]:sp[1]]


def _dump_dev(dev, coder, path: Path) -> None:
    """DEV sentences whose gold triple was missed, or that got extra events, with what was predicted."""
    from detente.coder.evaluate import _doc_spans, _overlap, norm_type

    by_id = {g.id: g for g in dev}
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for doc_id, events, _ in coder.code_docs({"id": g.id, "text": g.text, "date": g.date} for g in dev):
            gold = by_id[doc_id]
            preds = [e for e in events if e.plover_type]
            lines, ok_all = [], True
            for g in gold.events:
                pair = [e for e in preds if _overlap(_doc_spans(e, gold.text)[0], g.source_span)
                        and _overlap(_doc_spans(e, gold.text)[1], g.target_span)]
                hit = any(norm_type(e.plover_type) == g.plover for e in pair)
                status = "OK" if hit else ("WRONG-TYPE" if pair else "MISSED")
                ok_all &= hit
                lines.append(f"  gold {status}: {_cut(gold.text, g.source_span)!r} -> {_cut(gold.text, g.target_span)!r} {g.plover}")
            extra = len(preds) > len(gold.events)
            if ok_all and not extra:
                continue
            n += 1
            fh.write(f"## {doc_id}\n{gold.text}\n" + "\n".join(lines) + "\n")
            for e in preds:
                (s0, s1), (t0, t1) = _doc_spans(e, gold.text)
                fh.write(f"  pred: {gold.text[s0:s1]!r} -> {gold.text[t0:t1]!r} {norm_type(e.plover_type)} "
                         f"{e.cameo_code} {e.confidence}\n")
            fh.write("\n")
    print(f"wrote {n} DEV sentences with errors to {path}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())

"""Speed of the text coder against the spaCy pipeline alone (parse only), in the same run.

    .venv/bin/python benchmarks/coder_speed.py [--docs 2200] [--workers 2] [--batch-size 64]

Text: the synthetic news stories in ../shared/data/coder/ngec_synthetic_events.csv
(development use only; nothing from it is shipped). The peer is the same
spaCy pipeline without detente's components, run as spaCy runs it:
``nlp.pipe(n_process=workers)``, Docs back in the parent. detente codes the
same documents with ``Coder.code_docs(n_process=workers)``, whose workers send
back only sentence spans and event records. Where that transport is used
(Linux, fork), a third run sends the parse-only pipeline through it too
(``ratio_same_transport``): the cost of detente's own components alone.
Peak memory is the resident set of this process plus its worker processes,
sampled every 0.2 s, reported after each round to show whether it grows with
the corpus. The machine may be shared: the runs alternate on the same slices
so load changes hit all of them.
Exits 2 when the shared data is absent.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import threading
import time
import warnings
from pathlib import Path

DATA = Path(os.environ.get("DETENTE_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
NGEC = DATA / "coder" / "ngec_synthetic_events.csv"


def _rss_tree_mb(root: int) -> float:
    total = 0
    pids = {root}
    try:
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as fh:
                        if int(fh.read().rsplit(")", 1)[1].split()[1]) == root:
                            pids.add(int(entry))
                except OSError:
                    continue
        for pid in pids:
            try:
                with open(f"/proc/{pid}/status") as fh:
                    for line in fh:
                        if line.startswith("VmRSS:"):
                            total += int(line.split()[1])
            except OSError:
                continue
    except OSError:
        return float("nan")
    return total / 1024


class PeakMemory:
    def __init__(self) -> None:
        self.peak = 0.0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _rss_tree_mb(os.getpid()))
            time.sleep(0.2)

    def __enter__(self):
        self._t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._t.join()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=2200)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not NGEC.exists():
        print(f"shared data not found at {NGEC}; cannot run the benchmark", file=sys.stderr)
        return 2
    csv.field_size_limit(10_000_000)
    with NGEC.open(encoding="utf-8", newline="") as fh:
        texts = [r["text"] for r in csv.DictReader(fh)][: args.docs]

    from detente.coder import Coder, load_model
    from detente.coder.pipeline import _CAN_FORK, _code_in_workers

    warnings.simplefilter("ignore")
    coder = Coder(link_reports=True)
    base = load_model()  # the same pipeline without detente's components

    # The machine is shared, so the two runs alternate on slices of the corpus
    # (parse-only, then detente, on the same slice): a change in background load
    # hits both alike. Worker start-up is inside both timings.
    docs = [{"id": f"d{i}", "text": t, "date": "2020-01-01"} for i, t in enumerate(texts)]
    size = -(-len(docs) // args.rounds)
    t_parse = t_coder = t_same = 0.0
    n_sent_parse = n_sent = n_events = n_sent_same = 0
    same = args.workers > 1 and _CAN_FORK
    checkpoints = []
    with PeakMemory() as mem:
        for r in range(args.rounds):
            part = docs[r * size:(r + 1) * size]
            if not part:
                break
            t0 = time.perf_counter()
            for doc in base.pipe((d["text"] for d in part), n_process=args.workers, batch_size=args.batch_size):
                n_sent_parse += sum(1 for _ in doc.sents)
            t_parse += time.perf_counter() - t0
            t0 = time.perf_counter()
            for _, events, sents in coder.code_docs(iter(part), n_process=args.workers, batch_size=args.batch_size):
                n_sent += len(sents)
                n_events += len(events)
            t_coder += time.perf_counter() - t0
            if same:
                # parse only again, through the coder's own worker transport (texts in,
                # sentence spans out): what the detente components themselves cost
                t0 = time.perf_counter()
                pieces = ((d["text"], (i, 0, True, None)) for i, d in enumerate(part))
                for _, (spans, _) in _code_in_workers(base, pieces, args.workers, args.batch_size):
                    n_sent_same += len(spans)
                t_same += time.perf_counter() - t0
            checkpoints.append({"docs": min((r + 1) * size, len(docs)), "sentences": n_sent,
                                "peak_rss_mb": round(mem.peak, 1)})
            print(f"round {r + 1}/{args.rounds}: {n_sent} sentences, parse-only {t_parse:.0f}s, "
                  f"detente {t_coder:.0f}s", file=sys.stderr, flush=True)

    res = {
        "docs": len(texts), "sentences": n_sent, "sentences_parse_only": n_sent_parse, "events": n_events,
        "workers": args.workers, "batch_size": args.batch_size, "cpus": os.cpu_count(),
        "parse_only_s": round(t_parse, 1), "detente_s": round(t_coder, 1),
        "parse_only_sent_per_s": round(n_sent_parse / t_parse, 1), "detente_sent_per_s": round(n_sent / t_coder, 1),
        "ratio": round((n_sent / t_coder) / (n_sent_parse / t_parse), 3),
        **({"parse_only_same_transport_sent_per_s": round(n_sent_same / t_same, 1),
            "ratio_same_transport": round((n_sent / t_coder) / (n_sent_same / t_same), 3)} if same else {}),
        "peak_rss_mb_by_round": checkpoints, "load_average_1min_end": round(os.getloadavg()[0], 2),
        "coder_version": coder.version,
    }
    if args.json:
        print(json.dumps(res))
    else:
        for k, v in res.items():
            print(f"{k:28s} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

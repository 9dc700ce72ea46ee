"""Rebuild src/detente/ontology/data/cameo.csv from public facts.

Reads the CAMEO code list (code, name, Goldstein score, root) and the 2021
CAMEO->PLOVER crosswalk from ../shared/data/ontology and writes one table of
facts: code, name, goldstein, root, quad_class (detente's normalised value),
plover_type, plover_mode, plover_context. Descriptions and usage notes from the
codebook are NOT carried over (their licence does not allow it).

Run: python scripts/build_ontology.py [--shared ../shared/data]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "detente" / "ontology" / "data" / "cameo.csv"


def normalised_quad(root: int) -> int:
    # GDELT's convention, the most widely used one: 01-05 / 06-09 / 10-14 / 15-20.
    if root <= 5:
        return 1
    if root <= 9:
        return 2
    if root <= 14:
        return 3
    return 4


def read_crosswalk(path: Path) -> dict[str, tuple[str, str, str]]:
    out: dict[str, tuple[str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not m:
            continue
        code, rest = m.groups()
        rest = rest.split("#", 1)[0]
        parts = [p.strip() for p in rest.split(",")]
        if len(parts) < 2:
            continue  # root headers ("03: AGREE") are filled in from their x0 child below
        ptype = parts[0]
        mode = parts[1] if len(parts) > 1 else ""
        context = ";".join(p.strip() for p in parts[2].split(";")) if len(parts) > 2 else ""
        out[code] = (ptype, mode.replace(" ", ""), context.replace(" ", ""))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "data"))
    args = ap.parse_args()
    onto = Path(args.shared) / "ontology"
    if not (onto / "cameo_codes.csv").exists():
        print(f"missing {onto/'cameo_codes.csv'}", file=sys.stderr)
        return 1
    crosswalk = read_crosswalk(onto / "cameo2plover_2021.txt")
    rows = []
    with open(onto / "cameo_codes.csv", encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            code = rec["code"].strip()
            root = code[:2]
            ptype, mode, context = crosswalk.get(code, ("", "", ""))
            if not ptype and len(code) == 2:
                ptype, mode, context = crosswalk.get(code + "0", ("", "", ""))
                mode = context = ""
            if not ptype and root == "02":
                # The 2021 crosswalk leaves appeals out; PLOVER folds them into REQUEST.
                ptype = "REQUEST"
            rows.append(
                {
                    "code": code,
                    "name": rec["name"].strip(),
                    "goldstein": rec["goldstein"].strip(),
                    "root": root,
                    "quad_class": normalised_quad(int(root)),
                    "plover_type": ptype,
                    "plover_mode": mode,
                    "plover_context": context,
                }
            )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} codes to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

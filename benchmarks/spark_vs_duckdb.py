"""DuckDB vs Spark (local mode) on the same synthetic GDELT-like events.

    nice python benchmarks/spark_vs_duckdb.py --rows 10000000 --cores 2

Generates ``--rows`` events in the partitioned Parquet layout under
``benchmarks/.data/`` (gitignored; reused when present), then times the same
analytics on each engine, each in its own process so peak memory is its own:
all-dyads monthly series, one dyad's monthly series, and signed ties among eight
countries (``detente.analysis`` on each engine). Prints a Markdown table and JSON.
The data are synthetic (no real events): 60 countries, 2015-2024, CAMEO roots and
quad classes drawn with GDELT-like frequencies.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"

COUNTRIES = ["USA", "CHN", "RUS", "GBR", "FRA", "DEU", "IND", "PAK", "IRN", "ISR", "PSE", "SYR", "IRQ", "AFG",
             "TUR", "UKR", "JPN", "KOR", "PRK", "SAU", "EGY", "NGA", "ZAF", "BRA", "MEX", "CAN", "AUS", "ITA",
             "ESP", "POL", "VNM", "PHL", "IDN", "MYS", "THA", "BGD", "LKA", "NPL", "KEN", "ETH", "SDN", "LBY",
             "YEM", "QAT", "ARE", "JOR", "LBN", "GRC", "CYP", "SRB", "BLR", "GEO", "ARM", "AZE", "KAZ", "UZB",
             "VEN", "COL", "ARG", "CUB"]
TIES = ["PAK", "RUS", "IND", "USA", "CHN", "AFG", "IRN", "SAU"]


def generate(root: Path, rows: int) -> float:
    import duckdb

    from detente.engine.duckdb_engine import write_events_duckdb

    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = false")
    n = len(COUNTRIES)
    clist = "[" + ",".join(f"'{c}'" for c in COUNTRIES) + "]"
    # Skewed country choice (GDELT is dominated by a few countries): index = floor(n * u^2).
    rel = con.sql(f"""
        WITH g AS (
          SELECT i, hash(i) AS h1, hash(i * 7919 + 1) AS h2, hash(i * 104729 + 3) AS h3 FROM range({rows}) t(i)
        ), p AS (
          SELECT i,
                 {clist}[1 + CAST(floor({n} * pow((h1 % 100000) / 100000.0, 2)) AS INT)] AS sc,
                 {clist}[1 + CAST(floor({n} * pow((h2 % 100000) / 100000.0, 2)) AS INT)] AS tc,
                 DATE '2015-01-01' + CAST(h3 % 3653 AS INT) AS d,
                 CAST((h1 // 100000) % 20 + 1 AS INT) AS root,
                 CAST((h2 // 100000) % 4 AS INT) AS sec,
                 (h3 // 10000) % 1000 AS gv
          FROM g
        )
        SELECT md5(CAST(i AS VARCHAR))[1:24] AS event_id, 'gdelt2' AS dataset, d AS date, 'day' AS date_precision,
               sc || ['', 'GOV', 'MIL', 'BUS'][sec + 1] AS source_code, sc AS source_country,
               ['', 'GOV', 'MIL', 'BUS'][sec + 1] AS source_sector, NULL::VARCHAR AS source_name,
               tc AS target_code, tc AS target_country, NULL::VARCHAR AS target_sector, NULL::VARCHAR AS target_name,
               lpad(CAST(root AS VARCHAR), 2, '0') || '0' AS cameo_code, lpad(CAST(root AS VARCHAR), 2, '0') AS cameo_root,
               NULL::VARCHAR AS plover_type,
               CAST(CASE WHEN root <= 5 THEN 1 WHEN root <= 9 THEN 2 WHEN root <= 14 THEN 3 ELSE 4 END AS TINYINT) AS quad_class,
               CAST(CASE WHEN root <= 5 THEN 1 WHEN root <= 9 THEN 2 WHEN root <= 14 THEN 3 ELSE 4 END AS TINYINT) AS origin_quad_class,
               CAST(round((gv / 1000.0) * 20 - 10, 1) AS FLOAT) AS goldstein,
               NULL::FLOAT AS confidence, false AS speculative, false AS negated, NULL::VARCHAR AS doc_id,
               NULL::INTEGER AS sentence_id, NULL::VARCHAR AS sentence, NULL::VARCHAR AS spans,
               'synthetic.export.CSV:' || i AS origin, NULL::VARCHAR AS coder_version, NULL::VARCHAR AS report_of
        FROM p WHERE sc <> tc""")
    t0 = time.perf_counter()
    write_events_duckdb(rel, root, con=con)
    return time.perf_counter() - t0


def _peak_rss_mb() -> float:
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _jvm_peak_mb() -> float:
    """Peak resident memory of the Spark JVM started by this process (VmHWM)."""
    best = 0.0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            cmd = Path(f"/proc/{pid}/cmdline").read_text()
        except OSError:
            continue
        if "java" in cmd and "pyspark" in cmd and f"PPid:\t{os.getpid()}" in status:
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    best = max(best, int(line.split()[1]) / 1024)
    return best


def run_engine(name: str, root: Path, cores: int, repeat: int) -> dict:
    from detente.engine import DuckDBEngine

    t0 = time.perf_counter()
    if name == "spark":
        from detente.engine.spark_engine import SparkEngine, local_session

        spark = local_session(cores=cores, memory="6g", shuffle_partitions=cores * 2, app_name="detente-bench")
        eng = SparkEngine(root, spark=spark)
    else:
        eng = DuckDBEngine(root, threads=cores)
    startup = time.perf_counter() - t0
    queries = {
        "count": lambda: eng.count(),
        "all_dyads_monthly": lambda: eng.all_dyads_series(freq="M"),
        "one_dyad_monthly": lambda: eng.dyad_series("PAK", "RUS", freq="M"),
        "signed_ties_8": lambda: eng.signed_ties(TIES, min_events=5),
    }
    times: dict[str, list[float]] = {}
    sizes: dict[str, int] = {}
    for q, fn in queries.items():
        times[q] = []
        for _ in range(repeat):
            t = time.perf_counter()
            out = fn()
            times[q].append(time.perf_counter() - t)
        sizes[q] = int(out) if isinstance(out, int) else len(out)
    result = {"engine": name, "cores": cores, "startup_s": startup, "times": times, "result_rows": sizes,
              "peak_rss_mb": _peak_rss_mb()}
    if name == "spark":
        result["jvm_peak_mb"] = _jvm_peak_mb()
        spark.stop()
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--cores", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--engines", default="duckdb,spark")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one engine, print JSON
    args = ap.parse_args()
    root = DATA / f"events_{args.rows}"
    if args.one:
        print(json.dumps(run_engine(args.one, root, args.cores, args.repeat)))
        return 0
    if not (root / "events").exists():
        print(f"generating {args.rows:,} events in {root} ...", file=sys.stderr)
        secs = generate(root, args.rows)
        print(f"  written in {secs:.1f} s", file=sys.stderr)
    files = list((root / "events").rglob("*.parquet"))
    size = sum(f.stat().st_size for f in files)
    import duckdb

    n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{root}/events/**/*.parquet')").fetchall()[0][0]
    results = []
    for name in args.engines.split(","):
        out = subprocess.run([sys.executable, __file__, "--rows", str(args.rows), "--cores", str(args.cores),
                              "--repeat", str(args.repeat), "--one", name], capture_output=True, text=True, check=False)
        if out.returncode != 0:
            print(out.stderr[-3000:], file=sys.stderr)
            return out.returncode
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    by = {r["engine"]: r for r in results}
    print(f"rows {n:,}; {len(files)} Parquet files, {size / 2**20:.0f} MiB (zstd), {size / n:.1f} bytes/row\n")
    print("| query | " + " | ".join(f"{e} best of {args.repeat} (s)" for e in by) + " | Spark / DuckDB | "
          "Spark core-s per M rows | DuckDB core-s per M rows |")
    print("|---|" + "---|" * (len(by) + 3))
    for q in results[0]["times"]:
        best = {e: min(r["times"][q]) for e, r in by.items()}
        ratio = best["spark"] / best["duckdb"] if {"spark", "duckdb"} <= set(best) else float("nan")
        per = {e: best[e] * args.cores / (n / 1e6) for e in best}
        print(f"| {q} | " + " | ".join(f"{best[e]:.2f}" for e in by) +
              f" | {ratio:.1f}x | {per.get('spark', float('nan')):.3f} | {per.get('duckdb', float('nan')):.3f} |")
    for e, r in by.items():
        mem = f"peak RSS of the Python process {r['peak_rss_mb']:.0f} MiB" + (
            f", of the Spark JVM {r['jvm_peak_mb']:.0f} MiB" if "jvm_peak_mb" in r else "")
        print(f"\n{e}: startup {r['startup_s']:.1f} s, {mem}; result rows {r['result_rows']}")
    print("\nJSON " + json.dumps({"rows": n, "files": len(files), "bytes": size, "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

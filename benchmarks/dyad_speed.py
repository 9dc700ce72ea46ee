"""Dyad series speed: detente vs pandas vs polars.

detente: ``all_dyads_series`` over the Parquet files runs the compiled pass of
``detente/analysis/_scan.py``; one dyad runs DuckDB SQL over the files; ``detente_db`` runs
both as DuckDB SQL over a table holding the same rows (what the event store keeps).

Generates GDELT-like events as Parquet (a few hundred actors with Zipf skew, so a
few dyads are heavy; ten years of dates; quad classes; Goldstein), then measures,
on the same files, in one subprocess per method (so peak memory is per method):

* ``all``: monthly series for every undirected country pair (counts per quad
  class, Goldstein sum / positive / negative parts, net cooperation);
* ``one``: the monthly series of one dyad (default PAK-RUS, both directions).

    nice python benchmarks/dyad_speed.py --rows 100000000            # the recorded run
    nice python benchmarks/dyad_speed.py --rows 100000000 --layout date   # date-ordered files
    nice python benchmarks/dyad_speed.py --rows 2000000 --repeat 1   # a quick look

pandas cannot hold 100M rows comfortably on the 2-core / 24 GB development box
next to other work; by default it runs on the first ``--pandas-rows`` rows (files)
and its time is scaled linearly to the full size; the report says so.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE / ".data" / "dyad_speed"
CHUNK = 5_000_000
SECTORS = ["", "GOV", "MIL", "BUS", "MED", "OPP"]
GOLDSTEIN = {1: (0.0, 4.0), 2: (4.0, 10.0), 3: (-5.0, -0.5), 4: (-10.0, -5.0)}


# -- data ----------------------------------------------------------------------------

def _countries(n: int) -> list[str]:
    first = ["USA", "CHN", "RUS", "GBR", "IND", "PAK", "ISR", "IRN", "FRA", "DEU", "JPN", "TUR", "UKR", "AFG",
             "SYR", "IRQ", "SAU", "PSE", "KOR", "PRK", "EGY", "BRA", "CAN", "AUS", "NGA", "MEX", "ITA", "ESP",
             "ZAF", "IDN"]
    out = list(first)
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    i = 0
    while len(out) < n:
        code = "X" + letters[(i // 26) % 26] + letters[i % 26]
        i += 1
        if code not in out:
            out.append(code)
    return out[:n]


def generate(path: Path, rows: int, actors: int = 300, seed: int = 7, layout: str = "dyad") -> None:
    """Write ``rows`` events in 5M-row files.

    ``layout="dyad"`` is how detente writes Parquet (``detente.engine`` writers): rows
    sorted by source country, target country, date within each file, row groups of
    122,880 rows. ``layout="date"`` keeps each file in date order with 1M-row groups.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.mkdir(parents=True, exist_ok=True)
    countries = _countries(actors)
    codes = [c + s for c in countries for s in SECTORS]
    p = 1.0 / np.arange(1, actors + 1) ** 1.1
    p /= p.sum()
    sector_p = np.array([0.35, 0.35, 0.12, 0.08, 0.06, 0.04])
    day0 = np.datetime64("2015-01-01", "D").astype(np.int32)
    ndays = 3652
    country_dict = pa.array(countries, pa.string())
    code_dict = pa.array(codes, pa.string())
    rng = np.random.default_rng(seed)
    done, part = 0, 0
    while done < rows:
        n = min(CHUNK, rows - done)
        s = rng.choice(actors, n, p=p).astype(np.int32)
        t = rng.choice(actors, n, p=p).astype(np.int32)
        same = s == t
        t[same] = (t[same] + 1 + rng.integers(0, actors - 1, same.sum())) % actors
        ss = rng.choice(len(SECTORS), n, p=sector_p).astype(np.int32)
        ts = rng.choice(len(SECTORS), n, p=sector_p).astype(np.int32)
        # news volume grows over the decade: later days are likelier
        days = (np.sqrt(rng.random(n)) * ndays).astype(np.int32) + day0
        if layout == "date":
            days.sort()
        quad = rng.choice(np.array([1, 2, 3, 4], np.int8), n, p=[0.55, 0.15, 0.2, 0.1])
        lo = np.select([quad == q for q in (1, 2, 3, 4)], [GOLDSTEIN[q][0] for q in (1, 2, 3, 4)])
        hi = np.select([quad == q for q in (1, 2, 3, 4)], [GOLDSTEIN[q][1] for q in (1, 2, 3, 4)])
        gold = np.round(lo + (hi - lo) * rng.random(n), 1).astype(np.float32)
        if layout == "dyad":
            # the countries' alphabetical ranks: Parquet min/max compare the strings
            rank = np.argsort(np.argsort(np.array(countries)))
            order = np.lexsort((days, rank[t], rank[s]))
            s, t, ss, ts, days, quad, gold = s[order], t[order], ss[order], ts[order], days[order], quad[order], gold[order]
        table = pa.table({
            "date": pa.array(days, pa.int32()).cast(pa.date32()),
            "source_code": pa.DictionaryArray.from_arrays(pa.array(s * len(SECTORS) + ss), code_dict),
            "source_country": pa.DictionaryArray.from_arrays(pa.array(s), country_dict),
            "target_code": pa.DictionaryArray.from_arrays(pa.array(t * len(SECTORS) + ts), code_dict),
            "target_country": pa.DictionaryArray.from_arrays(pa.array(t), country_dict),
            "quad_class": pa.array(quad, pa.int8()),
            "goldstein": pa.array(gold, pa.float32()),
            "negated": pa.array(rng.random(n) < 0.01),
            "report_of": pa.nulls(n, pa.string()),
        })
        pq.write_table(table, path / f"part-{part:04d}.parquet", compression="zstd",
                       row_group_size=122_880 if layout == "dyad" else 1_000_000)
        done += n
        part += 1
        print(f"  generated {done:,} rows", file=sys.stderr, flush=True)
    (path / "_rows").write_text(str(rows))


# -- methods (each runs in its own process) --------------------------------------------

def _files(data: Path, max_rows: int | None) -> list[str]:
    files = sorted(str(p) for p in data.glob("part-*.parquet"))
    if max_rows:
        files = files[: max(1, -(-max_rows // CHUNK))]
    return files


# the columns all-dyads reads, each with an aggregate that needs its values decoded
SCAN = {"date": "max", "source_country": "max", "target_country": "max", "quad_class": "sum", "goldstein": "sum",
        "negated": "max", "report_of": "max"}


def run_detente(kind: str, files: list[str], a: str, b: str):
    from detente.analysis import all_dyads_series, dyad_series

    if kind == "scan":
        # the floor under any DuckDB plan: read and decode the columns all-dyads needs, no grouping
        import duckdb

        con = duckdb.connect()
        names = ", ".join(f"'{f}'" for f in files)
        cols = ", ".join(f"{fn}({c})" for c, fn in SCAN.items())
        return con.execute(f"SELECT {cols} FROM read_parquet([{names}])").fetchall()
    if kind == "all":
        return all_dyads_series(files, freq="M")
    return dyad_series(files, a, b, freq="M")


def run_detente_db(kind: str, files: list[str], a: str, b: str):
    """detente over a DuckDB table (what the event store holds), built once from the same files."""
    import duckdb

    from detente.analysis import all_dyads_series, dyad_series

    con = duckdb.connect(str(Path(files[0]).parent / "events.duckdb"), read_only=True)
    rel = con.table("events")
    if kind == "all":
        return all_dyads_series(rel, freq="M")
    return dyad_series(rel, a, b, freq="M")


def build_db(data: Path) -> None:
    import duckdb

    path = data / "events.duckdb"
    if path.exists():
        return
    files = ", ".join(f"'{f}'" for f in _files(data, None))
    con = duckdb.connect(str(path) + ".tmp")
    con.execute(f"CREATE TABLE events AS SELECT * FROM read_parquet([{files}])")
    con.close()
    Path(str(path) + ".tmp").rename(path)


def run_pandas(kind: str, files: list[str], a: str, b: str):
    import numpy as np
    import pandas as pd
    import pyarrow.parquet as pq

    cols = ["date", "source_country", "target_country", "quad_class", "goldstein", "negated", "report_of"]
    if kind == "one":
        cols += ["source_code", "target_code"]
    df = pq.read_table(files, columns=cols, read_dictionary=["source_country", "target_country", "source_code",
                                                              "target_code"]).to_pandas()
    df = df[~df["negated"].fillna(False) & df["report_of"].isna()]
    if kind == "one":
        def side(x, spec):
            return (df[f"{x}_country"] == spec) | df[f"{x}_code"].astype(str).str.startswith(spec)
        df = df[(side("source", a) & side("target", b)) | (side("source", b) & side("target", a))]
        keys = [df["date"].values.astype("datetime64[M]")]
    else:
        df = df[df["source_country"].astype(str) != df["target_country"].astype(str)]
        cats = df["source_country"].cat.categories.union(df["target_country"].cat.categories)
        s = df["source_country"].cat.set_categories(cats).cat.codes.to_numpy()
        t = df["target_country"].cat.set_categories(cats).cat.codes.to_numpy()
        keys = [np.minimum(s, t), np.maximum(s, t), df["date"].values.astype("datetime64[M]")]
    g = df["goldstein"].astype("float64")
    frame = pd.DataFrame({
        "events": 1, "vc": (df["quad_class"] == 1).to_numpy(), "mc": (df["quad_class"] == 2).to_numpy(),
        "vk": (df["quad_class"] == 3).to_numpy(), "mk": (df["quad_class"] == 4).to_numpy(),
        "goldstein_sum": g.to_numpy(), "goldstein_pos": g.clip(lower=0).to_numpy(),
        "goldstein_neg": g.clip(upper=0).to_numpy()})
    out = frame.groupby(keys).sum()
    out["net_coop"] = out["vc"] + out["mc"] - out["vk"] - out["mk"]
    return out


def run_polars(kind: str, files: list[str], a: str, b: str):
    import polars as pl

    if kind == "scan":
        return pl.scan_parquet(files).select([getattr(pl.col(c), fn)() for c, fn in SCAN.items()]).collect()
    lf = pl.scan_parquet(files).filter(~pl.col("negated").fill_null(False) & pl.col("report_of").is_null())
    sc, tc = pl.col("source_country").cast(pl.Utf8), pl.col("target_country").cast(pl.Utf8)
    if kind == "one":
        def side(x, spec):
            return (pl.col(f"{x}_country").cast(pl.Utf8) == spec) | pl.col(f"{x}_code").cast(pl.Utf8).str.starts_with(spec)
        lf = lf.filter((side("source", a) & side("target", b)) | (side("source", b) & side("target", a)))
        keys = [pl.col("date").dt.truncate("1mo").alias("period")]
    else:
        lf = lf.filter(sc != tc)
        keys = [pl.min_horizontal(sc, tc).alias("a"), pl.max_horizontal(sc, tc).alias("b"),
                pl.col("date").dt.truncate("1mo").alias("period")]
    g = pl.col("goldstein").cast(pl.Float64)
    q = pl.col("quad_class")
    out = lf.group_by(keys).agg(
        pl.len().alias("events"), (q == 1).sum().alias("vc"), (q == 2).sum().alias("mc"),
        (q == 3).sum().alias("vk"), (q == 4).sum().alias("mk"), g.sum().alias("goldstein_sum"),
        g.clip(lower_bound=0).sum().alias("goldstein_pos"), g.clip(upper_bound=0).sum().alias("goldstein_neg"),
    ).with_columns((pl.col("vc") + pl.col("mc") - pl.col("vk") - pl.col("mk")).alias("net_coop"))
    return out.collect()


METHODS = {"detente": run_detente, "detente_db": run_detente_db, "pandas": run_pandas, "polars": run_polars}


def child(method: str, kind: str, data: Path, max_rows: int | None, a: str, b: str, repeat: int) -> None:
    files = _files(data, max_rows)
    # imports are not what we measure
    if method.startswith("detente"):
        import duckdb  # noqa: F401

        import detente.analysis  # noqa: F401
    import pandas  # noqa: F401
    import pyarrow.parquet  # noqa: F401
    if method == "polars":
        import polars  # noqa: F401
    times, result_rows = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = METHODS[method](kind, files, a, b)
        times.append(time.perf_counter() - t0)
        # the peak is one computation's: the previous result is gone before the next starts
        result_rows = len(out)
        del out
        gc.collect()
    rows = sum(int(__import__("pyarrow.parquet", fromlist=["x"]).ParquetFile(f).metadata.num_rows) for f in files)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"method": method, "kind": kind, "rows": rows, "best_s": min(times), "times": times,
                      "peak_mb": peak_mb, "result_rows": result_rows}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=100_000_000)
    ap.add_argument("--data", type=Path, default=None, help="Parquet folder (default benchmarks/.data/dyad_speed-ROWS)")
    ap.add_argument("--pandas-rows", type=int, default=20_000_000, help="rows pandas reads (scaled to --rows)")
    ap.add_argument("--methods", default="detente,polars,pandas",
                    help="any of detente, detente_db (a DuckDB table built once from the files), polars, pandas")
    ap.add_argument("--layout", choices=["dyad", "date"], default="dyad",
                    help="dyad: sorted by countries as detente writes Parquet (default); date: date order")
    ap.add_argument("--dyad", default="PAK,RUS")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--kinds", default="all,one",
                    help="all (every dyad), one (one dyad), scan (only read the columns all needs: the floor)")
    ap.add_argument("--child", nargs=3, metavar=("METHOD", "KIND", "MAXROWS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    a, b = args.dyad.split(",")
    data = args.data or DEFAULT_DATA.with_name(f"dyad_speed-{args.rows}-{args.layout}")
    if args.child:
        m, k, mr = args.child
        child(m, k, data, int(mr) or None, a, b, args.repeat)
        return
    if not (data / "_rows").exists():
        print(f"generating {args.rows:,} rows into {data}", file=sys.stderr)
        t0 = time.perf_counter()
        generate(data, args.rows, layout=args.layout)
        print(f"generated in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    if "detente_db" in args.methods:
        t0 = time.perf_counter()
        # in a child: a child's peak RSS starts from its parent's, so the parent stays small
        subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(HERE)!r}); import dyad_speed; "
                        f"dyad_speed.build_db(dyad_speed.Path({str(data)!r}))"], check=True)
        print(f"DuckDB table ready in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    size = sum(p.stat().st_size for p in data.glob("*.parquet"))
    results = []
    for kind in args.kinds.split(","):
        for method in args.methods.split(","):
            if kind == "scan" and method not in ("detente", "polars"):
                continue
            max_rows = min(args.pandas_rows, args.rows) if method == "pandas" else 0
            cmd = [sys.executable, __file__, "--rows", str(args.rows), "--data", str(data), "--dyad", args.dyad,
                   "--layout", args.layout,
                   "--repeat", str(args.repeat), "--child", method, kind, str(max_rows)]
            proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                print(f"{method} {kind} failed: {proc.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
                continue
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            r["scaled_s"] = r["best_s"] * args.rows / r["rows"]
            results.append(r)
            print(f"{kind:4} {method:8} rows={r['rows']:>12,} best={r['best_s']:8.2f}s scaled={r['scaled_s']:8.2f}s "
                  f"peak={r['peak_mb']:7.0f} MB result_rows={r['result_rows']:,}", flush=True)
    print(json.dumps({"rows": args.rows, "layout": args.layout, "parquet_mb": size / 2**20, "cpus": os.cpu_count(),
                      "results": results}))


if __name__ == "__main__":
    main()

"""All-dyads series from Parquet files in one compiled pass (Numba), no hash table.

DuckDB's ``GROUP BY`` hashes every row into a table of millions of pair-periods, and
on 100 million events that hashing is most of the time. detente's Parquet files are
sorted by source country, target country and date (``detente.engine`` writers,
``detente db optimize``), so consecutive rows mostly share their pair-period. This pass
keeps a running sum while they do and, when the key changes, adds it to a dense array
indexed by (undirected pair, period). Each thread reads its own row groups into its own
array; the arrays are summed at the end. On unsorted files it is still correct, only
slower (one addition into the array per row).

``all_dyads_query(count, batches, ...)`` does the same for rows a DuckDB query streams as
Arrow batches (an event store's table): DuckDB applies the SQL's filters, the pass adds up.

``all_dyads(paths, ...)`` returns the same frame as the SQL of
``DuckDBEngine.all_dyads_series``, or ``None`` when this pass does not apply and the SQL
should run instead: Numba missing, fewer than ``MIN_ROWS`` rows (compiling costs more than
it saves) or more than an int32 count holds, a needed column missing or of another type, a row group without date
statistics (they size the period table), or a dense table that would outgrow
``MAX_BYTES``.

Rules are those of the SQL (``_engine.base_where``): rows with a date, a quad class 1-4,
both countries, two different countries, not negated (null counts as not), and not a
repeat report unless asked; a null Goldstein score adds nothing to either part.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from typing import Any

import numpy as np
import pandas as pd

MIN_ROWS = 10_000_000  # below, loading the compiled pass (about 1 s) costs more than it saves
MAX_BYTES = 1 << 30  # all threads' dense tables together
ROWS_PER_TASK = 1_000_000
_SLOT_BYTES = 4 * 4 + 2 * 8  # events, vc, mc, vk as int32; goldstein_pos, goldstein_neg (mk = events - the others)
_MAX_ROWS = 2**31 - 1  # no int32 count can overflow below this
_NEEDED = ("date", "source_country", "target_country", "quad_class")


class _Skip(Exception):
    """This pass does not apply; the SQL runs instead."""


_kernel = None


def _compile() -> Any:
    """The two Numba kernels (the pass, and the dense table to columns), compiled on first
    use and cached on disk by Numba."""
    global _kernel
    if _kernel is not None:
        return _kernel
    import numba

    @numba.njit(nogil=True, cache=True, inline="always")
    def add(cnt, gsum, slot, n, vc, mc, vk, gp, gn):  # pragma: no cover
        cnt[0, slot] += n
        cnt[1, slot] += vc
        cnt[2, slot] += mc
        cnt[3, slot] += vk
        gsum[0, slot] += gp
        gsum[1, slot] += gn

    @numba.njit(nogil=True, cache=True)
    def accumulate(sidx, smap, tidx, tmap, days, lut, d0, quad, gold, drop, cnt, gsum, periods):  # pragma: no cover
        # compiled: coverage cannot see inside; tests compare every result with the SQL
        cur = -1
        n = vc = mc = vk = 0
        gp = gn = 0.0
        outside = 0
        has_drop = len(drop) > 0
        nlut = len(lut)
        for i in range(len(sidx)):
            if has_drop and drop[i]:
                continue
            q = quad[i]
            if q < 1 or q > 4:
                continue
            a = smap[sidx[i]]
            b = tmap[tidx[i]]
            if a < 0 or b < 0 or a == b:
                continue
            d = days[i] - d0
            if d < 0 or d >= nlut:
                if days[i] != -2147483648:  # a real date the statistics did not cover
                    outside += 1
                continue
            p = lut[d]
            if p < 0:  # before since / after until
                continue
            if a > b:
                a, b = b, a
            slot = (b * (b - 1) // 2 + a) * periods + p
            if slot != cur:
                if cur >= 0:
                    add(cnt, gsum, cur, n, vc, mc, vk, gp, gn)
                cur = slot
                n = vc = mc = vk = 0
                gp = gn = 0.0
            n += 1
            if q == 1:
                vc += 1
            elif q == 2:
                mc += 1
            elif q == 3:
                vk += 1
            g = gold[i]
            if g > 0:
                gp += g
            elif g < 0:
                gn += g
        if cur >= 0:
            add(cnt, gsum, cur, n, vc, mc, vk, gp, gn)
        return outside

    @numba.njit(nogil=True, cache=True)
    def collect(cnt, gsum, rank, countries, periods):  # pragma: no cover
        """The summed tables as columns of the pairs and periods that have events (``a``
        the pair's first name in ``rank`` order)."""
        slots = min(countries * (countries - 1) // 2 * periods, cnt.shape[1])
        n = 0
        for s in range(slots):
            if cnt[0, s] > 0:
                n += 1
        ca = np.empty(n, np.int32)
        cb = np.empty(n, np.int32)
        cp = np.empty(n, np.int64)
        counts = np.empty((5, n), np.int64)  # events, vc, mc, vk, mk
        gold = np.empty((2, n))  # positive, negative
        i = 0
        for s in range(slots):
            e = cnt[0, s]
            if e == 0:
                continue
            pair = s // periods
            b = int((1 + np.sqrt(1 + 8 * pair)) // 2)
            while b * (b - 1) // 2 > pair:
                b -= 1
            while (b + 1) * b // 2 <= pair:
                b += 1
            a = pair - b * (b - 1) // 2
            if rank[a] < rank[b]:
                ca[i], cb[i] = a, b
            else:
                ca[i], cb[i] = b, a
            cp[i] = s - pair * periods
            counts[0, i], counts[1, i], counts[2, i], counts[3, i] = e, cnt[1, s], cnt[2, s], cnt[3, s]
            counts[4, i] = e - cnt[1, s] - cnt[2, s] - cnt[3, s]
            gold[0, i], gold[1, i] = gsum[0, s], gsum[1, s]
            i += 1
        return ca, cb, cp, counts, gold

    _kernel = (accumulate, collect)
    return _kernel


def _period_table(d0: int, d1: int, freq: str, since: dt.date | None, until: dt.date | None
                  ) -> tuple[np.ndarray, np.ndarray]:
    """For every day ``d0 .. d1`` (days since 1970-01-01) its period's index, -1 outside
    ``since`` / ``until``; and each period's first day."""
    day = np.arange(d0, d1 + 1, dtype=np.int64)
    if freq == "D":
        start = day
    elif freq == "W":  # Monday; 1970-01-01 was a Thursday
        start = day - (day + 3) % 7
    else:
        months = day.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
        if freq == "Q":
            months -= months % 3
        elif freq == "Y":
            months -= months % 12
        start = months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    keep = np.ones(len(day), bool)
    if since is not None:
        keep &= day >= (since - dt.date(1970, 1, 1)).days
    if until is not None:
        keep &= day <= (until - dt.date(1970, 1, 1)).days
    firsts, lut = np.unique(start[keep], return_inverse=True)
    out = np.full(len(day), -1, np.int32)
    out[keep] = lut.reshape(-1)
    return out, firsts


def _plan(paths: list[str], include_reports: bool) -> tuple[list[tuple[str, list[int]]], list[str], int, int, int]:
    """Tasks (file, row groups), the columns to read, the date range from the statistics, the row count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    tasks, rows, lo, hi = [], 0, None, None
    columns: list[str] | None = None
    for path in paths:
        try:
            pf = pq.ParquetFile(path)
        except (OSError, pa.ArrowException):
            raise _Skip from None  # not Parquet (or unreadable): the SQL says so in its words
        schema = pf.schema_arrow
        names = set(schema.names)
        if not set(_NEEDED) <= names:
            raise _Skip
        for c in ("source_country", "target_country"):
            t = schema.field(c).type
            if pa.types.is_dictionary(t):
                t = t.value_type
            if not (pa.types.is_string(t) or pa.types.is_large_string(t)):
                raise _Skip
        if not pa.types.is_date32(schema.field("date").type) or not pa.types.is_integer(schema.field("quad_class").type):
            raise _Skip
        if "goldstein" in names and not pa.types.is_floating(schema.field("goldstein").type):
            raise _Skip
        if "negated" in names and not pa.types.is_boolean(schema.field("negated").type):
            raise _Skip
        cols = list(_NEEDED) + [c for c in ("goldstein", "negated") if c in names]
        if not include_reports and "report_of" in names:
            cols.append("report_of")
        if columns is None:
            columns = cols
        elif columns != cols:
            raise _Skip  # files that differ: the SQL unifies them
        md = pf.metadata
        date_col = schema.get_field_index("date")
        group: list[int] = []
        n_group = 0
        for g in range(md.num_row_groups):
            rg = md.row_group(g)
            if rg.num_rows == 0:
                continue
            st = rg.column(date_col).statistics
            if st is None or not st.has_min_max:
                if st is not None and st.null_count == rg.num_rows:
                    continue  # no dates at all: nothing to count
                raise _Skip
            a, b = st.min, st.max
            lo = a if lo is None or a < lo else lo
            hi = b if hi is None or b > hi else hi
            rows += rg.num_rows
            group.append(g)
            n_group += rg.num_rows
            if n_group >= ROWS_PER_TASK:
                tasks.append((path, group))
                group, n_group = [], 0
        if group:
            tasks.append((path, group))
    if columns is None or lo is None:
        raise _Skip
    epoch = dt.date(1970, 1, 1)
    return tasks, columns, (lo - epoch).days, (hi - epoch).days, rows


class _Table:
    """One thread's dense (pair x period) sums: counts (events, vc, mc, vk) as int32 and the
    Goldstein parts as float64, one row each; grows as new countries turn up."""

    def __init__(self, periods: int, limit: int) -> None:
        self.periods, self.limit, self.countries = periods, limit, 0
        self.cnt = np.zeros((4, 0), np.int32)
        self.gsum = np.zeros((2, 0))

    def fit(self, countries: int) -> None:
        if countries <= self.countries:
            return
        want = countries + 16  # a little room: new countries usually come a few at a time
        slots = want * (want - 1) // 2 * self.periods
        if slots * _SLOT_BYTES > self.limit:
            raise _Skip
        cnt, gsum = np.zeros((4, slots), np.int32), np.zeros((2, slots))
        old = self.cnt.shape[1]  # pair slots only append as countries are added
        cnt[:, :old], gsum[:, :old] = self.cnt, self.gsum
        self.cnt, self.gsum, self.countries = cnt, gsum, want


def all_dyads(paths: list[str], *, freq: str, since: dt.date | None, until: dt.date | None,
              countries: list[str] | None, include_reports: bool, min_rows: int | None = None) -> pd.DataFrame | None:
    """The all-dyads frame (see the module doc), or ``None`` to let the SQL do it."""
    try:
        kernels = _compile()
    except ImportError:
        return None
    try:
        tasks, columns, d0, d1, rows = _plan(paths, include_reports)
        if rows < (MIN_ROWS if min_rows is None else min_rows) or rows > _MAX_ROWS:
            return None
        import pyarrow.parquet as pq

        def load(path: str, groups: list[int]) -> Any:
            pf = pq.ParquetFile(path, read_dictionary=["source_country", "target_country"])
            return pf.read_row_groups(groups, columns=columns, use_threads=False).to_batches()

        workers = max(1, min(os.cpu_count() or 1, 4, len(tasks)))
        loads = (lambda p=p, g=g: load(p, g) for p, g in tasks)
        return _run(kernels, loads, workers, columns, d0, d1, freq, since, until, countries)
    except _Skip:
        return None


def all_dyads_query(count: Any, batches: Any, *, freq: str, since: dt.date | None, until: dt.date | None,
                    min_rows: int | None = None) -> pd.DataFrame | None:
    """The all-dyads frame from rows a query streams (an event store's table), or ``None``.

    ``count()`` gives ``(rows, first date, last date)`` of the rows to count; ``batches()``
    yields them as Arrow record batches of ``date`` (date32), ``source_country``,
    ``target_country``, ``quad_class`` and ``goldstein``, with every filter of the SQL
    already applied (the query does the filtering; this pass only adds up)."""
    try:
        kernels = _compile()
    except ImportError:
        return None
    try:
        rows, first, last = count()
        if first is None or rows < (MIN_ROWS if min_rows is None else min_rows) or rows > _MAX_ROWS:
            return None
        epoch = dt.date(1970, 1, 1)
        workers = max(1, min(os.cpu_count() or 1, 4))
        loads = (lambda b=b: [b] for b in batches())
        return _run(kernels, loads, workers, ["date", "source_country", "target_country", "quad_class", "goldstein"],
                    (first - epoch).days, (last - epoch).days, freq, since, until, None)
    except _Skip:
        return None


def _run(kernels: Any, loads: Any, workers: int, columns: list[str], d0: int, d1: int, freq: str, since: Any,
         until: Any, countries: list[str] | None) -> pd.DataFrame | None:
    """Sum what each of ``loads`` (a function returning record batches) holds, in ``workers`` threads."""
    import pyarrow as pa
    import pyarrow.compute as pc

    kernel, collect = kernels
    lut, firsts = _period_table(d0, d1, freq, since, until)
    periods = len(firsts)
    if periods == 0:
        raise _Skip
    wanted = set(countries) if countries else None
    lock = threading.Lock()
    ids: dict[str, int] = {}
    names: list[str] = []
    maps: dict[Any, np.ndarray] = {}  # dictionary contents -> global ids, -1 for a null or unwanted name

    def global_ids(dictionary: Any) -> np.ndarray:
        values = tuple(dictionary.to_pylist())
        with lock:
            m = maps.get(values)
            if m is None:
                m = np.full(len(values) + 1, -1, np.int32)
                for i, v in enumerate(values):
                    if v is None or (wanted is not None and v not in wanted):
                        continue
                    if v not in ids:
                        ids[v] = len(names)
                        names.append(v)
                    m[i] = ids[v]
                maps[values] = m
            return m

    local = threading.local()
    tables: list[_Table] = []
    no_drop = np.zeros(0, np.bool_)

    def indices(chunk: Any) -> tuple[np.ndarray, np.ndarray]:
        if not pa.types.is_dictionary(chunk.type):
            chunk = chunk.dictionary_encode()
        m = global_ids(chunk.dictionary)
        idx = chunk.indices
        if idx.null_count:
            idx = idx.fill_null(len(chunk.dictionary))  # maps to -1
        return idx.to_numpy(zero_copy_only=False), m

    def work(load: Any) -> int:
        table = getattr(local, "table", None)
        if table is None:
            table = local.table = _Table(periods, MAX_BYTES // workers)
            with lock:
                tables.append(table)
        outside = 0
        for batch in load():
            n = batch.num_rows
            if n == 0:
                continue
            sidx, smap = indices(batch.column("source_country"))
            tidx, tmap = indices(batch.column("target_country"))
            table.fit(int(max(smap.max(), tmap.max())) + 1)
            date = batch.column("date").cast(pa.int32())
            if date.null_count:
                date = date.fill_null(-2147483648)
            quad = batch.column("quad_class")
            if quad.null_count:
                quad = quad.fill_null(0)
            q = quad.to_numpy(zero_copy_only=False)
            if q.dtype != np.int8:
                q = np.where((q >= 1) & (q <= 4), q, 0).astype(np.int8)
            if "goldstein" in columns:
                g = batch.column("goldstein")
                g = (g.fill_null(0.0) if g.null_count else g).to_numpy(zero_copy_only=False)
            else:
                g = np.zeros(n, np.float32)
            drop = None
            if "negated" in columns:
                neg = batch.column("negated")
                if pc.any(neg).as_py():
                    drop = neg.fill_null(False)
            if "report_of" in columns:
                rep = batch.column("report_of")
                if rep.null_count < n:
                    drop = rep.is_valid() if drop is None else pc.or_(drop, rep.is_valid())
            drop_np = no_drop if drop is None else drop.to_numpy(zero_copy_only=False)
            outside += kernel(sidx, smap, tidx, tmap, date.to_numpy(zero_copy_only=False), lut, d0, q, g, drop_np,
                              table.cnt, table.gsum, periods)
        return outside

    outside = 0
    with ThreadPoolExecutor(workers) as pool:
        pending: set[Any] = set()
        for load in loads:  # a few tasks ahead of the workers, so a streamed query stays small in memory
            pending.add(pool.submit(work, load))
            if len(pending) >= 2 * workers:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                outside += sum(f.result() for f in done)
        outside += sum(f.result() for f in pending)
    if outside:
        raise _Skip  # dates outside the range the statistics gave: trust the SQL
    if not tables:
        raise _Skip
    return _frame(collect, tables, names, firsts, periods)


def _frame(collect: Any, tables: list[_Table], names: list[str], firsts: np.ndarray, periods: int) -> pd.DataFrame:
    import pyarrow as pa

    # the pair's names in order (the ids are in order of discovery)
    rank = np.argsort(np.argsort(np.array(names, dtype=object))).astype(np.int32)
    tables.sort(key=lambda t: -t.cnt.shape[1])
    cnt, gsum = tables[0].cnt, tables[0].gsum
    for t in tables[1:]:
        m = t.cnt.shape[1]
        cnt[:, :m] += t.cnt
        gsum[:, :m] += t.gsum
    a, b, p, counts, gold = collect(cnt, gsum, rank, len(names), periods)
    tables.clear()  # the dense tables go before the frame is built
    del cnt, gsum
    dictionary = pa.array(names, pa.string())
    events, vc, mc, vk, mk = counts
    pos, neg = gold
    gsum = pos + neg
    out = pa.table({
        "a": pa.DictionaryArray.from_arrays(pa.array(a), dictionary).cast(pa.string()),
        "b": pa.DictionaryArray.from_arrays(pa.array(b), dictionary).cast(pa.string()),
        "period": pa.array(firsts[p].astype("datetime64[D]").astype("datetime64[us]")),
        "events": events, "vc": vc, "mc": mc, "vk": vk, "mk": mk, "net_coop": (vc + mc) - (vk + mk),
        "goldstein_sum": gsum, "goldstein_mean": gsum / events, "goldstein_pos": pos, "goldstein_neg": neg,
    })
    del counts, gold, events, vc, mc, vk, mk, pos, neg, gsum
    return out.to_pandas(split_blocks=True, self_destruct=True)

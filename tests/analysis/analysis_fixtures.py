"""Small hand-built event tables with known answers (helpers for tests/analysis)."""

from __future__ import annotations

import numpy as np
import pandas as pd

GOLD = {1: 3.0, 2: 7.0, 3: -2.0, 4: -9.0}


def make_events(rows):
    """rows: (date, source_code, target_code, quad_class[, extra dict])."""
    out = []
    for i, r in enumerate(rows):
        date, s, t, q = r[:4]
        rec = {"event_id": f"e{i}", "dataset": "test", "date": date, "source_code": s, "source_country": s[:3],
               "target_code": t, "target_country": t[:3], "quad_class": q, "goldstein": GOLD[q],
               "negated": False, "report_of": None, "origin": f"fixture.csv:{i}"}
        if len(r) > 4:
            rec.update(r[4])
        out.append(rec)
    return pd.DataFrame(out)


def synthetic_world(seed: int = 3, months: int = 72, lead: int = 2):
    """Monthly events among A, B, C, D where the C-D net cooperation leads A-B by ``lead`` months."""
    rng = np.random.default_rng(seed)
    periods = pd.date_range("2010-01-01", periods=months, freq="MS")
    driver = rng.normal(0, 1, months)
    rows = []
    for m, p in enumerate(periods):
        def add(s, t, coop_rate, conf_rate, p=p):
            for _ in range(rng.poisson(max(coop_rate, 0.1))):
                rows.append((str((p + pd.Timedelta(days=int(rng.integers(0, 27)))).date()), s, t, int(rng.choice([1, 2]))))
            for _ in range(rng.poisson(max(conf_rate, 0.1))):
                rows.append((str((p + pd.Timedelta(days=int(rng.integers(0, 27)))).date()), s, t, int(rng.choice([3, 4]))))
        x = driver[m]
        add("CCC", "DDD", 6 + 4 * x, 6 - 4 * x)
        y = driver[m - lead] if m >= lead else 0.0
        add("AAA", "BBB", 6 + 4 * y, 6 - 4 * y)
        add("AAA", "EEE", 4, 4)
        add("BBB", "EEE", 4, 4)
    return make_events(rows)

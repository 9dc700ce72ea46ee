from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def coded_store(tmp_path_factory):
    """A store with coded-text-like events (sentences, spans) and imported-like rows."""
    import pandas as pd

    from detente import Store

    path = tmp_path_factory.mktemp("brief") / "brief.duckdb"
    rows = []
    dates = pd.date_range("2014-01-01", "2016-12-31", freq="9D")
    for i, d in enumerate(dates):
        pair = [("PAK", "RUS"), ("RUS", "PAK"), ("IND", "USA"), ("PAK", "IND"), ("CHN", "PAK"), ("IND", "RUS")][i % 6]
        coop = (i % 5 != 0) if pair[0] != "PAK" or pair[1] != "IND" else (i % 4 == 0)
        if {"PAK", "RUS"} == set(pair) and d.year == 2014:
            coop = i % 2 == 0
        q = (1 if i % 3 else 2) if coop else (3 if i % 3 else 4)
        sentence = f"{pair[0]} officials <met> {pair[1]} counterparts on day {i} & talked."
        rows.append({"event_id": f"t{i}", "dataset": "text" if i % 2 else "gdelt2", "date": d.date().isoformat(),
                     "date_precision": "day", "source_code": pair[0] + "GOV", "source_country": pair[0],
                     "source_name": f"{pair[0]} government", "target_code": pair[1], "target_country": pair[1],
                     "cameo_code": {1: "042", 2: "0871", 3: "112", 4: "190"}[q], "quad_class": q,
                     "goldstein": {1: 1.9, 2: 8.3, 3: -2.0, 4: -10.0}[q],
                     "sentence": sentence if i % 2 else None, "doc_id": f"doc{i}" if i % 2 else None,
                     "spans": '{"source": [0, 3], "event": [[14, 20]], "target": [21, 24]}' if i % 2 else None,
                     "origin": None if i % 2 else f"20150101.export.CSV:{i}"})
    with Store(path) as s:
        s.insert_events(pd.DataFrame(rows))
    return path

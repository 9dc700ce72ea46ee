"""Integration: the real samples in ../shared/data/formats (skipped when absent)."""

from __future__ import annotations

import pytest

from detente.ingest import import_file

pytestmark = pytest.mark.shared_data

SAMPLES = [
    ("gdelt1_events_sample.tsv", "gdelt1"),
    ("gdelt2_events_sample.tsv", "gdelt2"),
    ("gdelt2_events_translingual_sample.tsv", "gdelt2"),
    ("gdelt2_mentions_sample.tsv", "gdelt2-mentions"),
    ("gdelt_norm_daily_by_country_sample.csv", "gdelt-volume"),
    ("icews_events_2018_sample.tab", "icews"),
]


@pytest.mark.parametrize("name,fmt", SAMPLES)
def test_real_sample_imports_and_reconciles(store, shared_data, name, fmt):
    path = shared_data / "formats" / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    s = import_file(store, path)  # detection must find the format by itself
    assert s.dataset == fmt
    assert s.reconciles and s.rows_read > 0
    assert s.stored / s.rows_read > 0.95, store.con.execute("SELECT reason FROM rejects LIMIT 5").fetchall()
    again = import_file(store, path)
    assert again.skipped


def test_real_gdelt_quad_classes_follow_the_roots(store, shared_data):
    path = shared_data / "formats" / "gdelt1_events_sample.tsv"
    if not path.exists():
        pytest.skip("sample not present")
    import_file(store, path)
    df = store.events()
    assert (df.quad_class == df.origin_quad_class).mean() > 0.95


def test_real_icews_countries_resolve(store, shared_data):
    path = shared_data / "formats" / "icews_events_2018_sample.tab"
    if not path.exists():
        pytest.skip("sample not present")
    import_file(store, path)
    df = store.events()
    assert df.source_country.notna().mean() > 0.9
    assert df.source_country.dropna().str.len().eq(3).all()

"""Fixtures for tests/analysis (helpers live in analysis_fixtures.py)."""

from __future__ import annotations

import pytest
from analysis_fixtures import make_events


@pytest.fixture
def small_events():
    return make_events([
        ("2014-01-05", "PAKGOV", "RUS", 1),
        ("2014-01-20", "RUS", "PAK", 2),
        ("2014-01-21", "RUS", "PAK", 3),
        ("2014-03-02", "PAK", "RUSMIL", 4),
        ("2014-03-03", "PAK", "IND", 4),                       # another dyad
        ("2014-03-04", "PAK", "RUS", 1, {"negated": True}),    # never counted
        ("2014-03-05", "PAK", "RUS", 1, {"report_of": "e0"}),  # a repeat report
    ])


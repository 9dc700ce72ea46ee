"""Coder fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def coder():
    from detente.coder import Coder

    c = Coder(link_reports=False)
    return c


@pytest.fixture(scope="session")
def coder_negated():
    """A second Coder sharing the first one's pipeline, keeping negated events."""
    from detente.coder import Coder

    return Coder(link_reports=False, include_negated=True)

"""`detente code` (placeholder until its owner registers the command)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Nothing registered yet."""

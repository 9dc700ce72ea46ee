"""The local web dashboard (``detente serve``): ``create_app(db_path)`` builds it.

Nothing heavy at import: the store opens in ``create_app``, the coder on first use.
"""

from __future__ import annotations

from typing import Any


def create_app(*args: Any, **kwargs: Any):
    """See ``detente.web.app.create_app``."""
    from detente.web.app import create_app as _create

    return _create(*args, **kwargs)


__all__ = ["create_app"]

"""detente: code political events from text and event datasets, measure and forecast relations.

>>> import detente
>>> store = detente.Store(":memory:")
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("detente")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+unknown"

from detente.api import Store, code  # noqa: E402

__all__ = ["Store", "code", "__version__"]

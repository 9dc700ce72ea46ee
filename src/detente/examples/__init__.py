"""Example texts shipped with detente (written by the project; see README.md).

>>> from detente.examples import load_items
>>> items = load_items()
>>> items[0]["date"]
'2014-05-27'
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

__all__ = ["EXAMPLE_FILES", "example_path", "load_items"]

EXAMPLE_FILES = ("pak_rus_2014_2016.jsonl",)


def example_path(name: str = EXAMPLE_FILES[0]) -> Path:
    """Filesystem path of a shipped example file."""
    return Path(str(resources.files(__name__).joinpath(name)))


def load_items(name: str = EXAMPLE_FILES[0]) -> list[dict[str, str]]:
    """The items of an example file: dicts with id, date, title, text."""
    text = example_path(name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]

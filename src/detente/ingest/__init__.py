"""Importers: GDELT 1.0/2.0 (events, mentions, daily volume), ICEWS, POLECAT, Phoenix -> the store.

>>> from detente.ingest import names
>>> names()[:3]
['gdelt1', 'gdelt2', 'gdelt2-mentions']
"""

from detente.ingest.base import Importer, ImportSummary, event_id
from detente.ingest.pipeline import import_file, write_rejects
from detente.ingest.registry import detect, get_importer, names

__all__ = ["ImportSummary", "Importer", "detect", "event_id", "get_importer", "import_file", "names", "write_rejects"]

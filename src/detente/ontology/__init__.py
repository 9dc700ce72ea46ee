"""Code tables: what CAMEO and PLOVER codes mean. No spaCy, no DuckDB here.

>>> from detente.ontology import cameo
>>> cameo.lookup("0871").plover_type
'RETREAT'
"""

from detente.ontology import cameo, plover
from detente.ontology.cameo import CameoCode

__all__ = ["cameo", "plover", "CameoCode"]

"""The text coder: articles in, CAMEO/PLOVER events out, each with its evidence.

>>> from detente.coder import Coder, code_text
>>> events = code_text("Modi and Ghani blamed Pakistan.", "2016-12-04")  # doctest: +SKIP

Nothing heavy happens at import: the spaCy pipeline is loaded by ``Coder()``.
"""

from detente.coder.lexicon import Lexicon
from detente.coder.pipeline import (
    CODER_VERSION,
    Coder,
    CoderWarning,
    code_text,
    load_model,
)
from detente.coder.storing import store_coded

__all__ = ["CODER_VERSION", "Coder", "CoderWarning", "Lexicon", "code_text", "load_model", "store_coded"]

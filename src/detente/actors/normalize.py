"""Phrase normalisation shared by every actor table and by lookups.

The same function is applied to the phrases in the data files and to the text a
caller asks about, so "Pakistan’s", "PAKISTAN'S" and "the Pakistan" all meet
on one key ("pakistan").
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "_": " ",
    }
)
_EDGE_PUNCT = ",;:!?()[]{}\"'"
# "U.S." -> "us", "U.N." -> "un": dots between single letters carry no meaning.
_ABBREV = re.compile(r"\b((?:[a-zA-Z]\.){2,})")
_ARTICLES = ("the",)


def _drop_possessive(token: str) -> str:
    low = token.lower()
    if low.endswith("'s") and len(token) > 2:
        return token[:-2]
    if low.endswith("s'") and len(token) > 2:
        return token[:-1]
    return token


def normalise(text: str) -> str:
    """Lower-case key for a phrase.

    Strips accents, straightens curly quotes, turns hyphens and underscores
    into spaces, drops dots in letter abbreviations, possessive ``'s`` on every
    token, surrounding punctuation and a leading "the".

    >>> normalise("the Pakistan’s  Army")
    'pakistan army'
    >>> normalise("U.S.")
    'us'
    >>> normalise("Jaish-e-Mohammed")
    'jaish e mohammed'
    """
    return " ".join(_tokens(text, lower=True))


def capitalised(text: str) -> list[bool]:
    """Whether each token of ``normalise(text)`` began with a capital letter as written
    ("Qassem Soleimani": [True, True]); the list lines up with the normalised tokens."""
    return [tok[:1].isupper() for tok in _tokens(text, lower=False)]


def _tokens(text: str, lower: bool) -> list[str]:
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = t.translate(_QUOTES)
    if lower:
        t = t.lower()
    t = _ABBREV.sub(lambda m: m.group(1).replace(".", ""), t)
    t = t.replace("-", " ")
    tokens = []
    for tok in t.split():
        tok = tok.strip(_EDGE_PUNCT)
        tok = _drop_possessive(tok)
        tok = tok.strip(_EDGE_PUNCT).rstrip(".")
        if tok:
            tokens.append(tok)
    while len(tokens) > 1 and tokens[0].lower() in _ARTICLES:
        tokens = tokens[1:]
    return tokens


def token_count(text: str) -> int:
    """Number of whitespace tokens of the normalised phrase."""
    return len(normalise(text).split())

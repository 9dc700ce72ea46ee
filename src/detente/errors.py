"""Typed exceptions. The CLI turns each into one line that says what to do next.

Every exception carries a short code (``[D0xx]``) so a message can be searched
for in the docs and issue tracker.
"""

from __future__ import annotations


class DetenteError(Exception):
    """Base class for every error detente raises on purpose."""

    code = "D000"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:  # one line, with the hint when there is one
        text = f"[{self.code}] {self.message}"
        if self.hint:
            text += f" - {self.hint}"
        return text


class UnknownFormat(DetenteError):
    """A file is not in the format that was asked for (or in none we know)."""

    code = "D001"


class BadRow(DetenteError):
    """One input row cannot be turned into an event; it is set aside, not fatal."""

    code = "D002"

    def __init__(self, reason: str, *, line: int | None = None, raw: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.raw = raw


class NoSuchActor(DetenteError):
    """An actor code or name that no dictionary knows."""

    code = "D003"


class UnknownCode(DetenteError):
    """A CAMEO or PLOVER code that the code tables do not have."""

    code = "D004"


class StoreError(DetenteError):
    """The event store cannot be opened or used as asked."""

    code = "D005"


class InputError(DetenteError):
    """User input that cannot be read: missing file, empty text, bad option values."""

    code = "D006"


class ModelNotFound(DetenteError):
    """The spaCy pipeline asked for is not installed."""

    code = "D007"


class FetchError(DetenteError):
    """A download failed after its retries, or a checksum did not match."""

    code = "D008"


class NotEnoughData(DetenteError):
    """Too few events to compute what was asked (a test, a series, a forecast)."""

    code = "D009"


class EngineError(DetenteError):
    """An analytics engine (DuckDB or Spark) is not available or failed."""

    code = "D010"

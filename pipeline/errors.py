"""Expected failures: the CLI prints these as one line and exits non-zero, without a traceback."""

from __future__ import annotations


class PatentNavError(Exception):
    """Base class for errors a user can act on."""


class IngestError(PatentNavError):
    """A whole file could not be read (unknown format, unreadable, truncated beyond recovery)."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class WarehouseBusyError(PatentNavError):
    """Another process holds the warehouse write lock."""


class CheckFailedError(PatentNavError):
    """A data check returned offending rows."""

"""Errors raised while reading agency files; each names the file and, where it can, the place."""

from __future__ import annotations

from domain.errors import ChronologyError


class UnreadableFileError(ChronologyError):
    """Raised when a whole file cannot be read as a chronology; nothing from it is stored."""

    def __init__(self, file_name: str, reason: str) -> None:
        super().__init__(f"{file_name}: {reason}")
        self.file_name = file_name
        self.reason = reason


class ColumnMappingError(ChronologyError):
    """Raised when a user's --map instruction names a column or field that does not exist."""

"""Text every store and every export can hold: the one check each command makes of what it is given.

PostgreSQL text cannot hold NUL; no store can hold a lone surrogate (it is not UTF-8); Word, Excel
and the web pages cannot hold the other C0 control characters. SQLite would take them all, so an
event accepted there would break a PostgreSQL copy of the same record. What a person types (notes,
rationales, names) is refused when it holds any of them, naming the field, so both stores behave
alike; an agency's cells are its verbatim record, so only what no store can hold is refused there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from domain.errors import ChronologyError

# What no store can keep: NUL (PostgreSQL text) and lone surrogates (not encodable as UTF-8).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# Typed text may also not hold the other control characters XML refuses, nor U+FFFE/U+FFFF;
# a line of text (a name) holds no tab or line break either.
_NOT_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_NOT_IN_A_LINE = re.compile("[\x00-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


class UnstorableTextError(ChronologyError):
    """Raised when text holds a character the record cannot keep; names the field, not the text."""

    def __init__(self, field: str, character: str, where: str = "") -> None:
        place = f" ({where})" if where else ""
        super().__init__(
            f"{field}{place} contains a control character (U+{ord(character):04X}) that cannot "
            "be stored; remove it and try again"
        )
        self.field = field


def checked_line(value: str, field: str) -> str:
    """`value` when it is one line of storable text (a name, an agency); raises otherwise."""
    return _checked(value, field, _NOT_IN_A_LINE)


def checked_lines(values: Iterable[str], field: str) -> list[str]:
    """Each of `values` checked as a line (aliases, a user's reviews)."""
    return [checked_line(value, field) for value in values]


def checked_text(value: str, field: str) -> str:
    """`value` when it is storable text that may run over lines (a note, a rationale)."""
    return _checked(value, field, _NOT_IN_TEXT)


def check_cells(cells: Iterable[str], field: str, where: str = "") -> None:
    """Refuse cells holding what no store can keep; any other character stays verbatim."""
    for cell in cells:
        found = _UNSTORABLE.search(cell)
        if found:
            raise UnstorableTextError(field, found.group(), where)


def holds_unstorable(texts: Iterable[str]) -> bool:
    """Whether any of `texts` holds what `_UNSTORABLE` finds, asked of them all at once (a whole
    file's cells): each such character is one code point, so joining the texts neither makes
    nor hides one. Asked this way, not by the pattern, because a search for NUL and a UTF-8
    encoding (which only a lone surrogate fails) run many times faster over megabytes of cells.
    """
    joined = "".join(texts)
    if "\x00" in joined:
        return True
    if joined.isascii():
        return False
    try:
        joined.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _checked(value: str, field: str, forbidden: re.Pattern[str]) -> str:
    found = forbidden.search(value)
    if found:
        raise UnstorableTextError(field, found.group())
    return value

"""Making text safe for a cell: no formulas that run when opened, no characters XML cannot hold."""

from __future__ import annotations

import re

# A cell beginning with one of these is read as a formula by Excel (and LibreOffice) when the
# text arrives through CSV, and by openpyxl when assigned as a value.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# XML 1.0 forbids these even when escaped; python-docx and openpyxl refuse them outright.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet would take `text` for a formula."""
    return text.startswith(FORMULA_PREFIXES)


def defused(text: str) -> str:
    """`text` a spreadsheet shows as text: a formula-looking start gets an apostrophe."""
    return "'" + text if looks_like_formula(text) else text


def xml_safe(text: str) -> str:
    """`text` without the control characters XML cannot hold (tabs and newlines are kept)."""
    return _XML_ILLEGAL.sub("", text)

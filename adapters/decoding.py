"""Turning an uploaded file's bytes into text, whatever system exported it.

Agencies send UTF-8 (with or without a BOM), UTF-16 with a BOM, or Windows-1252. We never guess
silently: the encoding used is returned and recorded with the submission.
"""

from __future__ import annotations

import codecs

from adapters.errors import UnreadableFileError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters that never appear in a text export; finding them means a binary file
# (a spreadsheet saved as .xlsx, a PDF, an image) was uploaded in place of a CSV.
_BINARY_MARKERS = frozenset(chr(c) for c in range(0, 32)) - {"\t", "\n", "\r", "\f", "\x1a"}


def decode(content: bytes, file_name: str) -> tuple[str, str]:
    """Return (text, encoding name) for `content`; raise UnreadableFileError if it is not text."""
    if not content.strip():
        raise UnreadableFileError(file_name, "the file is empty")
    text, encoding = _decode_by_bom(content) or _decode_without_bom(content)
    sample = text[:65536]
    if any(ch in _BINARY_MARKERS for ch in sample):
        raise UnreadableFileError(
            file_name,
            "this is not a text file (it contains binary data); export the chronology as CSV",
        )
    return text, encoding


def _decode_by_bom(content: bytes) -> tuple[str, str] | None:
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            try:
                return content.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    return None


def _decode_without_bom(content: bytes) -> tuple[str, str]:
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Windows-1252 leaves five bytes undefined; a file containing them is still most likely
    # Windows text, so those few bytes fall back to Latin-1 rather than failing the whole file.
    return content.decode("cp1252", errors="latin1_fallback"), "cp1252"


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("latin-1"), error.end


codecs.register_error("latin1_fallback", _latin1_fallback)

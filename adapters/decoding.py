"""Turning an uploaded file's bytes into text, whatever system exported it.

Owns encoding detection and the "is this text at all?" judgement. Agencies send UTF-8 (with or
without a BOM), UTF-16 (usually with a BOM), Windows-1252, and now and then a file that is mostly
UTF-8 with some Windows-1252 pasted in. We never guess silently: the encoding used is returned and
recorded with the submission.
"""

from __future__ import annotations

import codecs
import re

from adapters.errors import UnreadableFileError
from adapters.file_kinds import ACCEPTED

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Signatures of the files people upload by mistake in place of a chronology. Some (a PNG's)
# contain no control characters in their first bytes, so the marker test below would miss them.
# Zip and OLE files are told apart before decoding (`file_kinds.py`); they are listed here too
# so that decoding alone never reads one as text.
_BINARY_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"PK\x03\x04", "a zip archive (an .xlsx or .docx file is one)"),
    (b"PK\x05\x06", "a zip archive (an .xlsx or .docx file is one)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old-style Office file (.xls or .doc)"),
    (b"%PDF-", "a PDF"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)

# Control characters that never appear in a text export; finding them means a binary file
# (a spreadsheet saved as .xlsx, a PDF, an image) was uploaded in place of a CSV.
_BINARY_MARKERS = frozenset(chr(c) for c in range(0, 32)) - {"\t", "\n", "\r", "\f", "\x1a"}
_BINARY_SAMPLE = 65536

# A well-formed UTF-8 multi-byte sequence. Windows-1252 text almost never contains one, so a file
# that fails as UTF-8 but holds these is UTF-8 with some Windows-1252 bytes mixed in.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Old DOS and Windows tools end a text file with Ctrl-Z; it is an end marker, not content.
_DOS_END_OF_FILE = "\x1a"
# BOM-less UTF-16: at least this share of the high (or low) bytes of a sample must be zero.
_UTF16_ZERO_SHARE = 0.9
_UTF16_SAMPLE = 4096


def decode(content: bytes, file_name: str) -> tuple[str, str]:
    """Return (text, encoding name) for `content`; raise UnreadableFileError if it is not text."""
    _reject_known_binary(content, file_name)
    text, encoding = (
        _decode_by_bom(content) or _decode_bomless_utf16(content) or _decode_without_bom(content)
    )
    text = text.lstrip("\ufeff").rstrip(_DOS_END_OF_FILE)
    if not text.strip():
        raise UnreadableFileError(file_name, "the file is empty")
    if not _BINARY_MARKERS.isdisjoint(text[:_BINARY_SAMPLE]):
        raise UnreadableFileError(
            file_name,
            f"this is not a text file (it contains binary data); upload {ACCEPTED}",
        )
    return text, encoding


def _reject_known_binary(content: bytes, file_name: str) -> None:
    for signature, kind in _BINARY_SIGNATURES:
        if content.startswith(signature):
            raise UnreadableFileError(
                file_name, f"this is {kind}, not a text file; upload {ACCEPTED}"
            )


def _decode_by_bom(content: bytes) -> tuple[str, str] | None:
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            try:
                return content.decode(encoding), encoding
            except UnicodeDecodeError:
                # A UTF-8 BOM over bytes that are not all UTF-8: decided without the BOM.
                return _decode_without_bom(content[len(bom) :]) if bom == codecs.BOM_UTF8 else None
    return None


def _decode_bomless_utf16(content: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a BOM: ASCII text then has a zero in every other byte."""
    sample = content[:_UTF16_SAMPLE]
    if len(sample) < 2 or len(content) % 2 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, nonzeros, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= _UTF16_ZERO_SHARE * len(zeros) and nonzeros.count(0) == 0:
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
    if _UTF8_MULTIBYTE.search(content):
        return content.decode("utf-8", errors="cp1252_fallback"), "utf-8 (some bytes cp1252)"
    # Windows-1252 leaves five bytes undefined; a file containing them is still most likely
    # Windows text, so those few bytes fall back to Latin-1 rather than failing the whole file.
    return content.decode("cp1252", errors="latin1_fallback"), "cp1252"


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("latin-1"), error.end


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Read the bytes that are not UTF-8 as Windows-1252 (Latin-1 for its five gaps)."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("cp1252", errors="latin1_fallback"), error.end


codecs.register_error("latin1_fallback", _latin1_fallback)
codecs.register_error("cp1252_fallback", _cp1252_fallback)

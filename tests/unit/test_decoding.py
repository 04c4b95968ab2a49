"""Decoding uploaded bytes: which encodings are recognised, what is reported, what is refused."""

from __future__ import annotations

import codecs

import pytest

from adapters.decoding import decode
from adapters.errors import UnreadableFileError

WINDOWS_TEXT = "Date,Details\nDec 2012,Cost £12 – café visit, patient’s own words\n"


def test_decodes_plain_utf_8_and_says_so() -> None:
    content = "Date,Details\n16/06/2012,Café – £5\n".encode()

    text, encoding = decode(content, "a.csv")

    assert text == "Date,Details\n16/06/2012,Café – £5\n"
    assert encoding == "utf-8"


def test_decodes_utf_8_with_a_bom_and_drops_the_bom() -> None:
    content = codecs.BOM_UTF8 + "Date,Details\n16/06/2012,£5\n".encode()

    text, encoding = decode(content, "a.csv")

    assert text.startswith("Date,")
    assert encoding == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_decodes_utf_16_with_a_bom_in_either_byte_order(codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    content = bom + "Date,Details\r\n16/06/2012,£5 – ok\r\n".encode(codec)

    text, encoding = decode(content, "a.csv")

    assert text == "Date,Details\r\n16/06/2012,£5 – ok\r\n"
    assert encoding == "utf-16"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_decodes_utf_16_saved_without_a_bom(codec: str) -> None:
    content = "Date,Details\n16/06/2012,£5\n".encode(codec)

    text, encoding = decode(content, "a.csv")

    assert text == "Date,Details\n16/06/2012,£5\n"
    assert encoding == codec


def test_decodes_windows_1252_pound_signs_en_dashes_and_curly_apostrophes() -> None:
    content = WINDOWS_TEXT.encode("cp1252")

    text, encoding = decode(content, "a.csv")

    assert text == WINDOWS_TEXT
    assert encoding == "cp1252"


def test_reads_the_five_bytes_windows_1252_leaves_undefined_as_latin_1() -> None:
    content = b"Date,Details\n16/06/2012,odd \x81 byte \xa3\n"

    text, encoding = decode(content, "a.csv")

    assert text.endswith("odd \x81 byte £\n")
    assert encoding == "cp1252"


def test_decodes_utf_8_with_some_windows_1252_pasted_in_without_mangling_either() -> None:
    content = "Date,Details\n16/06/2012,Café – ".encode() + "£5 – patient’s\n".encode("cp1252")

    text, encoding = decode(content, "a.csv")

    assert text == "Date,Details\n16/06/2012,Café – £5 – patient’s\n"
    assert "cp1252" in encoding


def test_a_utf_8_bom_over_windows_1252_text_is_read_as_windows_1252() -> None:
    content = codecs.BOM_UTF8 + WINDOWS_TEXT.encode("cp1252")

    text, encoding = decode(content, "a.csv")

    assert text == WINDOWS_TEXT
    assert encoding == "cp1252"


def test_drops_a_dos_end_of_file_marker() -> None:
    content = b"Date,Details\r\n16/06/2012,x\r\n\x1a"

    text, _encoding = decode(content, "a.csv")

    assert text == "Date,Details\r\n16/06/2012,x\r\n"


@pytest.mark.parametrize(
    "content",
    [b"", b"   \r\n\t\n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n\n", "\n \n".encode("utf-16")],
    ids=["no bytes", "whitespace", "bom only", "bom and blank lines", "utf-16 blank lines"],
)
def test_refuses_an_empty_file(content: bytes) -> None:
    with pytest.raises(UnreadableFileError, match="empty") as raised:
        decode(content, "empty.csv")

    assert raised.value.file_name == "empty.csv"


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "PNG"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00[Content_Types].xml", "xlsx"),
        (b"PK\x05\x06" + b"\x00" * 18, "zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 20, ".xls"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    ],
)
def test_refuses_a_binary_file_by_its_signature(content: bytes, kind: str) -> None:
    with pytest.raises(UnreadableFileError, match="not a text file") as raised:
        decode(content, "chronology.csv")

    assert kind in str(raised.value)


def test_refuses_unknown_binary_data_by_its_control_characters() -> None:
    content = b"Date,Details\n\x00\x01\x02\x03\x04\x05binary\x06\x07\n"

    with pytest.raises(UnreadableFileError, match="binary data"):
        decode(content, "a.csv")


def test_keeps_tabs_form_feeds_and_line_breaks_as_text() -> None:
    content = b"Date\tDetails\r\n16/06/2012\tpage\x0cbreak\n"

    text, _encoding = decode(content, "a.csv")

    assert text == "Date\tDetails\r\n16/06/2012\tpage\x0cbreak\n"

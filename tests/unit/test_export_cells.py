"""Cell safety for exports: formulas defused, XML-illegal characters stripped, zips made stable."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime, timedelta, timezone

from adapters.exports.archive import FIXED_ZIP_TIME, UNDATED, document_timestamp, stable_zip
from adapters.exports.cells import defused, looks_like_formula, xml_safe


def test_text_a_spreadsheet_would_run_gets_an_apostrophe() -> None:
    hostile = ['=HYPERLINK("http://x")', "+44 1782", "-1+2", "@SUM(A1)"]

    cells = [defused(text) for text in hostile]

    assert cells == ["'" + text for text in hostile]


def test_ordinary_text_is_left_alone() -> None:
    assert defused("Seen in ED. Discharged.") == "Seen in ED. Discharged."
    assert not looks_like_formula("N attended = custody")


def test_xml_illegal_control_characters_are_stripped_but_newlines_and_tabs_kept() -> None:
    text = "line one\x00\x0b\x1f\nline\ttwo\ufffe"

    cleaned = xml_safe(text)

    assert cleaned == "line one\nline\ttwo"


def test_a_zip_rewritten_twice_is_byte_identical_and_timeless() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.xml", "<a/>")
        archive.writestr("b.xml", "<b/>")

    first, second = stable_zip(buffer.getvalue()), stable_zip(buffer.getvalue())

    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert [m.date_time for m in archive.infolist()] == [FIXED_ZIP_TIME] * 2
        assert archive.read("b.xml") == b"<b/>"


def test_document_timestamps_are_utc_without_microseconds_or_a_fixed_placeholder() -> None:
    london_summer = datetime(2024, 7, 1, 13, 0, 0, 123, tzinfo=timezone(timedelta(hours=1)))

    assert document_timestamp(london_summer) == datetime(2024, 7, 1, 12, 0, 0)
    assert document_timestamp(datetime(2024, 1, 1, tzinfo=UTC)) == datetime(2024, 1, 1)
    assert document_timestamp(None) == UNDATED

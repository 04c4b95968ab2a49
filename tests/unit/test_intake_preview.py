"""The preview an uploader checks before a file is stored: roles and reasons, the sheet or table
read, the first rows with their dates as read, and a role corrected per column."""

from __future__ import annotations

import pytest

from adapters.errors import ColumnMappingError, UnreadableFileError
from adapters.intake_preview import corrected_mapping, preview_chronology, roles
from tests.office_files import document_from_rows, police_log_workbook

CSV = (
    b"Attended,Logged by,What happened,Ref\r\n"
    b"16/06/2012,PC 123,Call from S: assaulted by her partner N,X-1\r\n"
    b"Dec 2012,PC 456,N arrested at the custody suite for the assault,X-2\r\n"
    b"31/02/2013,PC 789,Welfare visit to S at home after the assault,X-3\r\n"
)


def test_a_csv_preview_names_each_columns_role_and_the_reason_from_its_cells() -> None:
    preview = preview_chronology(CSV, "police.csv")

    columns = {c.name: c for c in preview.columns}
    assert columns["Attended"].role == "date"
    assert columns["Attended"].reason == "2 of 3 filled cells are dates"
    assert columns["What happened"].role == "summary"
    assert not any(c.set_by_uploader for c in preview.columns)
    assert preview.file_type == "csv" and preview.encoding and preview.delimiter == ","
    assert preview.records == 3


def test_a_csv_preview_shows_the_first_rows_with_their_dates_as_read() -> None:
    preview = preview_chronology(CSV, "police.csv", rows=2)

    first, second = preview.first_rows
    assert len(preview.first_rows) == 2
    assert first.cells[0] == "16/06/2012" and first.place == "line 2"
    assert first.date_read == "16 Jun 2012"
    assert second.date_read == "Dec 2012 (the month)"
    assert [r.row for r in preview.unreadable] == [3]
    assert "31/02/2013" in (preview.unreadable[0].problem or "")


def test_a_corrected_role_becomes_a_mapping_instruction_and_the_preview_follows_it() -> None:
    preview = preview_chronology(CSV, "police.csv")
    chosen = {c.name: c.role or "ignore" for c in preview.columns} | {"Logged by": "comment"}

    mapping = corrected_mapping(preview, chosen)
    again = preview_chronology(CSV, "police.csv", mapping)

    assert mapping == {"Logged by": "comment"}
    by_name = {c.name: c for c in again.columns}
    assert by_name["Logged by"].role == "comment" and by_name["Logged by"].set_by_uploader
    assert by_name["Logged by"].reason == "set by the uploader's mapping"
    assert again.mapping_lines == ["Logged by=comment"]
    assert "comment" in roles() and roles()[-1] == "ignore"


def test_a_column_set_aside_by_the_uploader_keeps_its_instruction() -> None:
    first = preview_chronology(CSV, "police.csv", {"ref": "ignore"})

    mapping = corrected_mapping(first, {c.name: c.role or "ignore" for c in first.columns})

    assert mapping == {"Ref": "ignore"}
    assert {c.name: c.role for c in first.columns}["Ref"] is None


def test_a_workbook_preview_says_which_sheet_was_read_past_its_title_rows() -> None:
    preview = preview_chronology(police_log_workbook(), "police log.xlsx")

    assert preview.file_type == "xlsx"
    assert preview.tables_read == ["Police log"]
    assert [c.name for c in preview.columns][:3] == ["Date", "Time", "Summary"]
    assert [s.reason for s in preview.skipped] == ["above the header", "above the header"]
    assert preview.first_rows[0].place == "sheet 'Police log' row 4"
    assert preview.first_rows[0].date_read == "16 Jun 2012 at 01:28"
    assert any("hidden columns" in note for note in preview.notes)


def test_a_word_document_preview_reads_its_chronology_table() -> None:
    content = document_from_rows(
        [
            ["Date", "Agency contact", "Outcome"],
            ["16/06/2012", "Home visit to S after the call about her partner N", "Referred"],
            ["Spring 2013", "Telephone contact with S about housing and support", "Closed"],
        ]
    )

    preview = preview_chronology(content, "imr.docx")

    assert preview.file_type == "docx"
    assert len(preview.tables_read) == 1
    assert {c.name: c.role for c in preview.columns}["Date"] == "date"
    assert preview.first_rows[0].place.startswith("table 1 row")
    assert preview.first_rows[1].date_read == "between 1 Mar 2013 and 31 May 2013"


def test_a_preview_refuses_what_the_import_would_refuse() -> None:
    with pytest.raises(UnreadableFileError):
        preview_chronology(b"Name,Comment\r\nA,B\r\n", "notes.csv")
    with pytest.raises(ColumnMappingError):
        preview_chronology(CSV, "police.csv", {"Nope": "date"})

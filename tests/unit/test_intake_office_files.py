"""Workbooks and Word documents read as agencies send them: the same content as CSV, XLSX or
DOCX gives the same rows; title rows, merged cells, hidden columns, cover sheets, front-matter
tables, continued tables and section headings are read the way a person reads them.

Every file is made here with openpyxl or python-docx (or, for the shapes those cannot write,
kept in tests/fixtures/intake/, made by the script beside them).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import date, time

import docx
import openpyxl
import pytest
from docx.enum.text import WD_BREAK
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl.chart import BarChart, Reference

from adapters.errors import UnreadableFileError
from adapters.file_kinds import LOCKED
from adapters.intake import read_chronology
from adapters.source_files import read_source
from domain.readings import FileReading
from tests.conftest import FIXTURES, fixture_dir
from tests.office_files import (
    add_table,
    csv_records,
    dated,
    dated_paragraph_imr,
    document_from_rows,
    merge_with_cell_above,
    merged_rows_workbook,
    month_headed_imr,
    police_workbook,
    saved,
    saved_document,
    sheet_of,
    witness_summary_document,
    workbook_from_rows,
)

_OFFICE = b"application/vnd.openxmlformats-officedocument."
WORKBOOK_TYPE = _OFFICE + b"spreadsheetml.sheet.main+xml"
MACRO_WORKBOOK_TYPE = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"
ADD_IN_TYPE = b"application/vnd.ms-excel.addin.macroEnabled.main+xml"
DHR7_FILES = sorted(path.name for path in fixture_dir().glob("*.csv"))
INTAKE_FIXTURES = FIXTURES / "intake"


def entries(reading: FileReading) -> list[tuple[object, ...]]:
    """What an entry is made of: its row, cells, date, time, fields and any problem."""
    return [
        (row.row, row.cells, row.when, row.time, row.fields, row.problem) for row in reading.rows
    ]


# --- the same content as CSV, XLSX and DOCX ----------------------------------------------------


@pytest.mark.parametrize("file_name", DHR7_FILES)
def test_each_dhr7_file_as_a_workbook_reads_to_the_same_entries_as_its_csv(
    file_name: str,
) -> None:
    content = (fixture_dir() / file_name).read_bytes()
    workbook = workbook_from_rows(csv_records(content, file_name))
    [sheet] = read_source(workbook, "chronology.xlsx").tables

    from_csv = read_chronology(content, file_name)
    from_workbook = read_chronology(workbook, file_name.replace(".csv", ".xlsx"))

    date_cells = [v for r in sheet.records for v in r.values if isinstance(v, date)]
    assert date_cells, "the workbook holds real Excel dates, not only text"
    assert from_csv.rows
    assert entries(from_workbook) == entries(from_csv)
    assert from_workbook.header == from_csv.header
    assert from_workbook.column_mapping == from_csv.column_mapping
    assert from_workbook.file_type == "xlsx"


@pytest.mark.parametrize("file_name", DHR7_FILES)
def test_each_dhr7_file_as_a_word_table_reads_to_the_same_entries_as_its_csv(
    file_name: str,
) -> None:
    content = (fixture_dir() / file_name).read_bytes()
    document = document_from_rows(csv_records(content, file_name))

    from_csv = read_chronology(content, file_name)
    from_document = read_chronology(document, file_name.replace(".csv", ".docx"))

    assert from_csv.rows
    assert entries(from_document) == entries(from_csv)
    assert from_document.header == from_csv.header
    assert from_document.tables_read == ["table 1"]
    assert all(row.place == f"table 1 row {row.line}" for row in from_document.rows)


def test_a_number_formatted_as_a_date_is_a_date_and_a_text_date_stays_text() -> None:
    workbook = openpyxl.Workbook()
    sheet = sheet_of(workbook)
    sheet.append(["Date", "Time", "Ref", "Summary"])
    sheet.append([41076, 0.0611111, 12345, "Call from S: assaulted by her partner"])
    sheet["A2"].number_format = "dd/mm/yyyy"
    sheet["B2"].number_format = "hh:mm"
    sheet.append(["17/06/2012", "", 12346.0, "N arrested for the assault"])

    [table] = read_source(saved(workbook), "police.xlsx").tables
    reading = read_chronology(saved(workbook), "police.xlsx")

    record, text_record = table.records[1], table.records[2]
    assert record.cells[:3] == ["16/06/2012", "01:28", "12345"]
    assert record.value(0) == date(2012, 6, 16) and record.value(1) == time(1, 28)
    assert text_record.cells[:3] == ["17/06/2012", "", "12346"]
    assert text_record.value(0) is None
    assert [row.when.earliest for row in reading.rows if row.when] == [
        date(2012, 6, 16),
        date(2012, 6, 17),
    ]
    assert reading.rows[0].time == "01:28"


# --- workbooks as agencies send them -----------------------------------------------------------


def test_title_rows_merged_headers_hidden_columns_and_frozen_panes_read_as_excel_saves_csv() -> (
    None
):
    reading = read_chronology(saved(police_workbook()), "police.xlsx")

    assert [row.cells for row in reading.rows] == [
        ["16/06/2012", "01:28", "Call from S: assaulted by her partner N", "", "X-1"],
        ["17/06/2012", "", "N arrested at the custody suite for the assault", "", "X-2"],
    ]
    assert [row.place for row in reading.rows] == [
        "sheet 'Police log' row 4",
        "sheet 'Police log' row 5",
    ]
    assert reading.rows[0].fields["summary"].startswith("Call from S")
    assert reading.rows[0].time == "01:28"
    assert [(s.place, s.reason) for s in reading.skipped] == [
        ("sheet 'Police log' row 1", "above the header"),
        ("sheet 'Police log' row 2", "above the header"),
    ]
    assert reading.skipped[0].text == "Staffordshire Police: chronology for DHR 7,,,,"
    assert reading.notes == ["Police log: hidden columns read as any other: E"]


def test_hidden_rows_are_read_and_noted() -> None:
    workbook = police_workbook()
    sheet_of(workbook).row_dimensions[5].hidden = True

    reading = read_chronology(saved(workbook), "police.xlsx")

    assert len(reading.rows) == 2
    assert "Police log: hidden rows read as any other: 5" in reading.notes


def test_a_cover_sheet_and_a_notes_sheet_are_set_aside_and_the_chronology_read() -> None:
    workbook = openpyxl.Workbook()
    cover = sheet_of(workbook)
    cover.title = "Cover"
    for row in (["Agency", "Staffordshire Police"], ["Review", "DHR 7"]):
        cover.append(row)
    dated(cover, ["Date prepared", date(2016, 2, 1)])
    log = workbook.create_sheet("Chronology")
    log.append(["Date", "Time", "Summary"])
    dated(log, [date(2012, 6, 16), "0128", "Call from S: assaulted by her partner N"])
    dated(log, [date(2012, 6, 17), None, "N arrested for the assault on S"])
    notes = workbook.create_sheet("Notes")
    notes.append(["Times are taken from the control room log."])

    reading = read_chronology(saved(workbook), "police.xlsx")

    assert reading.tables_read == ["Chronology"]
    assert sorted(reading.tables_skipped) == [
        "Cover: a form of details (labels beside their values) beside the chronology",
        "Notes: no column of dates",
    ]
    assert [row.place for row in reading.rows] == [
        "sheet 'Chronology' row 2",
        "sheet 'Chronology' row 3",
    ]


def test_a_cover_sheet_that_leaves_its_first_column_empty_is_still_a_form() -> None:
    workbook = openpyxl.Workbook()
    cover = sheet_of(workbook)
    cover.title = "Cover"
    for row in ([None, "County Hospital"], [None, "Prepared by:", "Named nurse"]):
        cover.append(row)
    dated(cover, [None, "Date prepared:", date(2023, 3, 20)])
    dated(cover, [None, "Period covered:", "01/10/2020 to 11/02/2023"])
    log = workbook.create_sheet("ED")
    log.append(["Arrived", "Presenting complaint"])
    dated(log, [date(2020, 12, 26), "Head injury, says she fell"])
    dated(log, [date(2021, 1, 3), "Facial bruising"])

    reading = read_chronology(saved(workbook), "ed.xlsx")

    assert reading.tables_read == ["ED"]
    assert len(reading.rows) == 2


def test_a_staff_list_with_start_dates_is_set_aside_beside_the_chronology() -> None:
    workbook = openpyxl.Workbook()
    staff = sheet_of(workbook)
    staff.title = "Staff list"
    staff.append(["Name", "Role", "Start date"])
    for name, role, day in (
        ("Dr P Nair", "Consultant", date(2016, 2, 1)),
        ("R Jenkins", "CPN", date(2018, 9, 3)),
        ("K Adeyemi", "Support worker", date(2020, 1, 6)),
    ):
        dated(staff, [name, role, day])
    contacts = workbook.create_sheet("Contacts")
    contacts.append(["Seen", "Clinician", "Notes"])
    dated(contacts, [date(2021, 8, 23), "Dr P Nair", "Seen in ED after an overdose; low mood"])
    dated(contacts, [date(2021, 8, 25), "R Jenkins", "Home visit; partner present throughout"])

    reading = read_chronology(saved(workbook), "contacts.xlsx")

    assert reading.tables_read == ["Contacts"]
    assert reading.tables_skipped == [
        "Staff list: a list beside the chronology (dates, but no column of narrative)"
    ]
    assert [row.when.earliest for row in reading.rows if row.when] == [
        date(2021, 8, 23),
        date(2021, 8, 25),
    ]


def test_a_sheet_named_for_its_month_gives_its_year_to_dates_written_without_one() -> None:
    workbook = openpyxl.Workbook()
    november = sheet_of(workbook)
    november.title = "Nov-23"
    november.append(["When", "Record"])
    november.append(["28-Nov", "Admitted from hospital"])
    november.append(["30-Nov", "Settled well"])
    december = workbook.create_sheet("Dec-23")
    december.append(["When", "Record"])
    december.append(["4-Dec", "Fall in room"])
    december.append(["9-Dec", "GP visit"])

    reading = read_chronology(saved(workbook), "care_home.xlsx")

    assert [row.when.earliest for row in reading.rows if row.when] == [
        date(2023, 11, 28),
        date(2023, 11, 30),
        date(2023, 12, 4),
        date(2023, 12, 9),
    ]


def test_two_tables_one_under_the_other_on_a_sheet_are_each_read_under_their_header() -> None:
    workbook = openpyxl.Workbook()
    sheet = sheet_of(workbook)
    sheet.title = "Export"
    sheet.append(["Contacts"])
    sheet.append(["Visit", "Time", "Contact type", "Notes"])
    sheet.append(["23/10/2019", "2.30pm", "Assessment", "First appointment"])
    sheet.append(["05/11/2019", "10:00", "Key work", "Reviewed goals"])
    sheet.append([])
    sheet.append(["Referrals"])
    sheet.append(["Date received", "Referred by", "Details"])
    sheet.append(["09/10/2019", "GP - Castle Medical Practice", "Alcohol use"])
    sheet.append(["03/02/2020", "Probation", "Condition of order"])

    reading = read_chronology(saved(workbook), "export.xlsx")

    assert [(r.when.earliest if r.when else None, r.problem) for r in reading.rows] == [
        (date(2019, 10, 23), None),
        (date(2019, 11, 5), None),
        (date(2019, 10, 9), None),
        (date(2020, 2, 3), None),
    ]
    assert reading.rows[2].time is None
    assert reading.rows[2].fields["summary"] == "Alcohol use"
    assert [r.place for r in reading.rows][2:] == ["sheet 'Export' row 8", "sheet 'Export' row 9"]


def test_minutes_of_meetings_one_table_each_under_its_date_read_one_record_a_meeting() -> None:
    document = docx.Document()
    document.add_paragraph("MARAC minutes: extract")
    for heading, updates in (
        ("MARAC meeting: Thursday 30 April 2020", [("Police", "Criminal damage 12/04")]),
        ("MARAC meeting: 20th January 2022", [("IDVA", "Re-referred"), ("ASC", "Allocated")]),
    ):
        table = document.add_table(rows=1, cols=2)
        title = table.rows[0].cells[0].merge(table.rows[0].cells[1])
        title.text = heading
        for agency, update in [("Agency", "Update / actions"), *updates]:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = agency, update

    reading = read_chronology(saved_document(document), "marac.docx")

    assert [(r.when.earliest if r.when else None, r.place) for r in reading.rows] == [
        (date(2020, 4, 30), "table 1 row 1"),
        (date(2022, 1, 20), "table 2 row 1"),
    ]
    assert reading.rows[1].fields["summary"] == (
        "Agency | Update / actions\nIDVA | Re-referred\nASC | Allocated"
    )
    assert "MARAC meeting: 20th January 2022" in reading.rows[1].raw_text
    assert any("read as one record" in note for note in reading.notes)


def test_a_document_whose_one_table_is_headed_by_a_date_is_still_no_chronology() -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].merge(table.rows[0].cells[1]).text = "Version history: 01/02/2016"
    cells = table.add_row().cells
    cells[0].text, cells[1].text = "Author", "IMR author"

    with pytest.raises(UnreadableFileError, match="no table has a column of dates"):
        read_chronology(saved_document(document), "imr.docx")


def test_a_chronology_split_over_two_sheets_is_numbered_on_in_sheet_order() -> None:
    workbook = openpyxl.Workbook()
    first = sheet_of(workbook)
    first.title = "2012"
    second = workbook.create_sheet("2013")
    for sheet, day in ((first, date(2012, 6, 16)), (second, date(2013, 10, 23))):
        sheet.append(["Date", "Summary"])
        dated(sheet, [day, f"Contact on {day:%d %B}: S seen at home with N present"])
        dated(sheet, [day.replace(day=day.day + 1), "Follow-up telephone call to S"])

    reading = read_chronology(saved(workbook), "police.xlsx")

    assert reading.tables_read == ["2012", "2013"]
    assert [(row.row, row.place) for row in reading.rows] == [
        (1, "sheet '2012' row 2"),
        (2, "sheet '2012' row 3"),
        (3, "sheet '2013' row 2"),
        (4, "sheet '2013' row 3"),
    ]
    assert [row.when.earliest for row in reading.rows if row.when][2] == date(2013, 10, 23)


def test_a_date_cell_merged_over_two_rows_continues_one_record() -> None:
    content = merged_rows_workbook()

    reading = read_chronology(content, "police.xlsx")

    assert [row.cells for row in reading.rows] == [
        [
            "16/06/2012",
            "Call from S: assaulted by her partner N\nOfficers attended; S taken to hospital",
        ],
        ["17/06/2012", "N arrested"],
    ]


def test_a_chart_sheet_is_set_aside_with_what_it_is() -> None:
    workbook = police_workbook()
    chart = BarChart()
    chart.add_data(Reference(sheet_of(workbook), min_col=2, min_row=3, max_row=5))
    workbook.create_chartsheet("Contacts by month").add_chart(chart)

    reading = read_chronology(saved(workbook), "police.xlsx")

    assert reading.tables_read == ["Police log"]
    assert reading.tables_skipped == ["Contacts by month: a chart sheet (a chart, no rows)"]


def test_a_workbook_of_only_a_chart_sheet_is_refused() -> None:
    workbook = police_workbook()
    chart = BarChart()
    chart.add_data(Reference(sheet_of(workbook), min_col=2, min_row=3, max_row=5))
    workbook.create_chartsheet("Chart").add_chart(chart)
    content = _without_parts(saved(workbook), "xl/worksheets/sheet1.xml")

    with pytest.raises(UnreadableFileError, match="no worksheet with rows .*a chart sheet"):
        read_chronology(content, "chart.xlsx")


def test_a_workbook_with_no_sheet_of_dates_is_refused_saying_so() -> None:
    workbook = openpyxl.Workbook()
    sheet = sheet_of(workbook)
    sheet.append(["Agency", "Contact"])
    sheet.append(["Police", "Sergeant on duty"])

    with pytest.raises(UnreadableFileError, match="no sheet has a column of dates"):
        read_chronology(saved(workbook), "contacts.xlsx")


def test_a_workbook_is_known_by_its_bytes_whatever_its_name() -> None:
    content = saved(police_workbook())

    reading = read_chronology(content, "police.csv")

    assert reading.file_type == "xlsx" and len(reading.rows) == 2


def test_a_csv_file_named_as_a_workbook_is_read_as_csv() -> None:
    reading = read_chronology(b"Date,Summary\n16/06/2012,Call from S\n", "police.xlsx")

    assert reading.file_type == "csv" and len(reading.rows) == 1


def test_a_macro_enabled_workbook_is_read_and_its_macros_never_run() -> None:
    workbook = police_workbook()
    content = _with_content_type(saved(workbook), WORKBOOK_TYPE, MACRO_WORKBOOK_TYPE)

    reading = read_chronology(content, "police.xlsm")

    assert reading.file_type == "xlsm" and len(reading.rows) == 2


# --- old Excel (.xls) and OpenDocument (.ods) spreadsheets, made by LibreOffice ----------------


@pytest.mark.parametrize("kind", ["xls", "ods"])
@pytest.mark.parametrize("name", ["staffordshire_police", "sha_housing", "wmas_ambulance"])
def test_a_dhr7_file_saved_as_xls_or_ods_reads_to_the_same_entries_as_its_csv(
    name: str, kind: str
) -> None:
    content = (fixture_dir() / f"{name}.csv").read_bytes()
    spreadsheet = (INTAKE_FIXTURES / f"{name}.{kind}").read_bytes()
    [sheet] = read_source(spreadsheet, f"{name}.{kind}").tables

    from_csv = read_chronology(content, f"{name}.csv")
    from_spreadsheet = read_chronology(spreadsheet, f"{name}.{kind}")

    assert any(isinstance(v, date) for r in sheet.records for v in r.values)
    assert from_csv.rows
    assert entries(from_spreadsheet) == entries(from_csv)
    assert from_spreadsheet.file_type == kind


@pytest.mark.parametrize("kind", ["xls", "ods"])
def test_an_xls_or_ods_workbook_reads_titles_merges_and_hidden_columns_as_xlsx_does(
    kind: str,
) -> None:
    converted = (INTAKE_FIXTURES / f"police_log.{kind}").read_bytes()
    original = saved(police_workbook())

    reading = read_chronology(converted, f"police.{kind}")
    expected = read_chronology(original, "police.xlsx")

    assert entries(reading) == entries(expected)
    assert [row.place for row in reading.rows] == [row.place for row in expected.rows]
    assert [(s.place, s.text) for s in reading.skipped] == [
        (s.place, s.text) for s in expected.skipped
    ]
    assert reading.notes == ["Police log: hidden columns read as any other: E"]


@pytest.mark.parametrize("kind", ["xls", "ods"])
def test_an_xls_or_ods_date_cell_merged_down_continues_one_record(kind: str) -> None:
    converted = (INTAKE_FIXTURES / f"merged_rows.{kind}").read_bytes()

    reading = read_chronology(converted, f"police.{kind}")

    assert entries(reading) == entries(read_chronology(merged_rows_workbook(), "police.xlsx"))
    assert len(reading.rows) == 2


# --- Word documents as agencies send them ------------------------------------------------------


def imr_document() -> docx.document.Document:
    """An IMR: a heading, a table of agency details, then the chronology with paragraphs
    around it."""
    document = docx.Document()
    document.add_heading("Individual Management Review", level=1)
    add_table(
        document,
        [["Agency", "Staffordshire Police"], ["Author", "IMR author"], ["Date", "01/02/2016"]],
    )
    document.add_paragraph("The chronology below covers 01/05/2011 to 31/01/2018.")
    add_table(
        document,
        [
            ["Date", "Time", "Source", "Summary"],
            ["16/06/2012", "0128", "Control room", "Call from S: assaulted by her partner N"],
            ["17/06/2012", "", "Custody", "N arrested for the assault on S"],
            ["28/06/2012", "", "Court", "N appeared at court; bailed with conditions"],
        ],
    )
    document.add_paragraph("Analysis of involvement follows in section 4.")
    return document


def test_a_word_imr_reads_its_chronology_table_and_sets_the_front_matter_aside() -> None:
    reading = read_chronology(saved_document(imr_document()), "imr.docx")

    assert reading.tables_read == ["table 2"]
    assert reading.tables_skipped == [
        "table 1: a form of details (labels beside their values) beside the chronology"
    ]
    assert [row.place for row in reading.rows] == [
        "table 2 row 2",
        "table 2 row 3",
        "table 2 row 4",
    ]
    assert [row.cells[0] for row in reading.rows] == ["16/06/2012", "17/06/2012", "28/06/2012"]
    assert all("Analysis" not in " ".join(row.cells) for row in reading.rows)


def test_a_table_continued_after_a_page_break_with_its_header_repeated_is_one_chronology() -> None:
    document = docx.Document()
    header = ["Date", "Summary"]
    add_table(document, [header, ["16/06/2012", "Call from S: assaulted by her partner N"]])
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    add_table(document, [header, ["17/06/2012", "N arrested"], ["28/06/2012", "Court"]])

    reading = read_chronology(saved_document(document), "imr.docx")

    assert [(row.row, row.place) for row in reading.rows] == [
        (1, "table 1 row 2"),
        (2, "table 2 row 2"),
        (3, "table 2 row 3"),
    ]
    assert [(s.place, s.reason) for s in reading.skipped] == [
        ("table 2 row 1", "the header repeated between records")
    ]


def test_section_heading_rows_give_their_year_to_dates_written_without_one() -> None:
    rows = [
        ["Date", "Summary"],
        ["2012", ""],
        ["16/06", "Call from S: assaulted by her partner N"],
        ["17 Jun", "N arrested"],
        ["2013", ""],
        ["23/10", "999 call from a phone used by Z"],
    ]

    reading = read_chronology(document_from_rows(rows), "imr.docx")

    assert [row.when.earliest for row in reading.rows if row.when] == [
        date(2012, 6, 16),
        date(2012, 6, 17),
        date(2013, 10, 23),
    ]
    assert [s.place for s in reading.skipped] == ["table 1 row 2", "table 1 row 5"]


def test_vertically_merged_date_cells_continue_the_record_above() -> None:
    document = docx.Document()
    table = add_table(
        document,
        [
            ["Date", "Summary", "Action"],
            ["16/06/2012", "Call from S: assaulted by her partner N", "Attended"],
            ["", "S taken to hospital by officers", "Crime recorded"],
            ["17/06/2012", "N arrested", "Charged"],
        ],
    )
    merge_with_cell_above(table, 2, 0)

    reading = read_chronology(saved_document(document), "imr.docx")

    assert [row.cells for row in reading.rows] == [
        [
            "16/06/2012",
            "Call from S: assaulted by her partner N\nS taken to hospital by officers",
            "Attended\nCrime recorded",
        ],
        ["17/06/2012", "N arrested", "Charged"],
    ]
    assert [row.place for row in reading.rows] == ["table 1 row 2", "table 1 row 4"]


def test_a_record_over_two_rows_with_a_time_each_is_read_at_its_first_time() -> None:
    document = docx.Document()
    table = add_table(
        document,
        [
            ["Date", "Time", "Entry"],
            ["04/05/2022", "08:40", "Ward round: for OT assessment"],
            ["", "15:10", "OT: kitchen assessment done"],
            ["05/05/2022", "10:00", "Discharged home"],
        ],
    )
    merge_with_cell_above(table, 2, 0)

    reading = read_chronology(saved_document(document), "imr.docx")

    assert [(row.is_readable, row.time) for row in reading.rows] == [
        (True, "08:40"),
        (True, "10:00"),
    ]
    assert reading.rows[0].cells[1] == "08:40\n15:10"  # kept verbatim


def test_horizontally_merged_cells_are_written_once_then_empty_like_csv() -> None:
    document = docx.Document()
    table = add_table(
        document,
        [
            ["Date", "Summary", "Notes"],
            ["16/06/2012", "Call from S: assaulted by her partner N", ""],
            ["17/06/2012", "N arrested", "Charged"],
        ],
    )
    table.cell(1, 1).merge(table.cell(1, 2))

    reading = read_chronology(saved_document(document), "imr.docx")

    assert reading.rows[0].cells == ["16/06/2012", "Call from S: assaulted by her partner N", ""]


def test_a_word_document_with_no_table_and_no_dated_paragraphs_is_refused_saying_what_to_do() -> (
    None
):
    document = docx.Document()
    document.add_paragraph("16/06/2012 Call from S: assaulted by her partner N")
    document.add_paragraph("The author spoke to the worker who took the call.")

    with pytest.raises(UnreadableFileError, match="no table and no paragraphs that begin with"):
        read_chronology(saved_document(document), "imr.docx")


def test_a_word_chronology_written_as_dated_paragraphs_reads_a_record_a_contact() -> None:
    reading = read_chronology(saved_document(dated_paragraph_imr()), "refuge_imr.docx")

    assert reading.header == ["Date", "Entry"]
    assert reading.column_mapping == {"Date": "date", "Entry": "summary"}
    assert [(row.row, row.cells[0]) for row in reading.rows] == [
        (1, "11 March 2022"),
        (2, "14/03/2022 14:30"),
        (3, "Week commencing 18 April 2022"),
        (4, "9 January"),
    ]
    first, second, week, moved = reading.rows
    assert first.cells[1] == "Referral received by phone from the IDVA for M and her son."
    assert second.cells[1] == (
        "M and her son arrived at the refuge.\n"
        "Licence agreement signed; M said she felt safe for the first time."
    )
    assert second.when is not None and second.when.earliest == date(2022, 3, 14)
    assert second.time == "14:30"
    assert week.when is not None and week.when.precision != "day"
    assert moved.when is not None and moved.when.earliest == date(2023, 1, 9)
    # Where each record stands, in the words a person finds it by in the document.
    assert [row.place for row in reading.rows] == [
        "paragraph 4",
        "paragraphs 5-6",
        "paragraph 7",
        "paragraph 9",
    ]
    assert [line.reason for line in reading.skipped] == ["a section heading, not a record"]


def test_a_table_of_times_people_recalled_is_read_with_those_rows_undated_not_unreadable() -> None:
    reading = read_chronology(witness_summary_document(), "coroners_officer_summary.docx")

    assert [row.cells[0] for row in reading.rows] == [
        "About February (2022)",
        "The winter before (the fire)",
        "A couple of days before the fire",
        "The night of the fire",
        "Saturday 19 November 2022",
    ]
    assert reading.unreadable_rows == []
    february, winter, couple, night, saturday = reading.rows
    assert february.when is not None
    assert (february.when.earliest, february.when.latest) == (date(2022, 2, 1), date(2022, 2, 28))
    assert february.when.approximate is True
    assert (winter.when, couple.when, night.when) == (None, None, None)
    assert saturday.when is not None and saturday.when.earliest == date(2022, 11, 19)
    # The heading merged across the table heads the statements below: it is said, not lost.
    [heading] = reading.skipped
    assert (heading.reason, heading.place) == ("a section heading, not a record", "table 1 row 2")
    assert heading.text.startswith("Statements of the family (2022)")


def test_days_written_alone_under_a_month_heading_are_read_in_that_month() -> None:
    reading = read_chronology(month_headed_imr(), "cldt_imr.docx")

    assert [(row.cells[0], row.when.earliest if row.when else None) for row in reading.rows] == [
        ("11th", date(2021, 5, 11)),
        ("14/12", date(2021, 12, 14)),
        ("31st", date(2021, 12, 31)),
        ("2nd", date(2022, 1, 2)),  # after the 31st, the next month's
    ]
    assert [(line.reason, line.place) for line in reading.skipped] == [
        ("a section heading, not a record", "table 1 row 2"),
        ("a section heading, not a record", "table 1 row 4"),
    ]


def test_a_day_written_alone_with_no_month_above_it_is_unreadable_with_its_reason() -> None:
    content = document_from_rows(
        [["Date", "Contact"], ["11th", "Home visit"], ["01/06/2021", "Telephone"]]
    )

    reading = read_chronology(content, "imr.docx")

    [unreadable] = reading.unreadable_rows
    assert unreadable.cells[0] == "11th"
    assert unreadable.problem is not None and "'11th'" in unreadable.problem


def test_dated_paragraphs_are_not_read_beside_a_chronology_table() -> None:
    document = dated_paragraph_imr()
    add_table(document, [["Date", "Contact"], ["01/05/2022", "Home visit by the worker"]])

    reading = read_chronology(saved_document(document), "imr.docx")

    assert [(row.cells[0], row.cells[1]) for row in reading.rows] == [
        ("01/05/2022", "Home visit by the worker")
    ]


# --- refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_a_file_locked_with_a_password_is_refused_saying_how_to_unlock_it(kind: str) -> None:
    plain = saved(police_workbook()) if kind == "xlsx" else saved_document(imr_document())
    locked = io.BytesIO()
    OOXMLFile(io.BytesIO(plain)).encrypt("panel", locked)

    with pytest.raises(UnreadableFileError) as raised:
        read_chronology(locked.getvalue(), f"chronology.{kind}")

    assert raised.value.reason == LOCKED


def test_an_old_word_document_is_refused_saying_how_to_save_it() -> None:
    content = (INTAKE_FIXTURES / "old_word.doc").read_bytes()

    with pytest.raises(
        UnreadableFileError,
        match=r"old Word document \(\.doc\).*save it as a Word Document \(\.docx\)",
    ):
        read_chronology(content, "old_word.doc")


def test_an_excel_add_in_is_refused_as_macros_not_a_chronology() -> None:
    content = _with_content_type(saved(police_workbook()), WORKBOOK_TYPE, ADD_IN_TYPE)

    with pytest.raises(UnreadableFileError, match="add-in .* holds macros, not a chronology"):
        read_chronology(content, "tools.xlam")


@pytest.mark.parametrize(
    "content",
    [
        saved(openpyxl.Workbook())[:1000],
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml",
        b"PK\x03\x04" + bytes(range(256)),
    ],
    ids=["truncated workbook", "zip header alone", "zip header then noise"],
)
def test_a_damaged_package_is_refused_saying_to_save_it_again(content: bytes) -> None:
    with pytest.raises(UnreadableFileError, match="the file is damaged .* save it again"):
        read_chronology(content, "police.xlsx")


def test_a_zip_of_other_files_is_refused_naming_what_is_accepted() -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as package:
        package.writestr("police.csv", "Date,Summary\n16/06/2012,Call\n")

    with pytest.raises(UnreadableFileError, match="zip archive.*spreadsheet"):
        read_chronology(archive.getvalue(), "files.zip")


def _with_content_type(content: bytes, old: str, new: str) -> bytes:
    """The package with its main part declared as another kind (as Excel writes an .xlsm)."""
    return _rewritten(content, "[Content_Types].xml", lambda data: data.replace(old, new))


def _without_parts(content: bytes, part: str) -> bytes:
    """The workbook without its first worksheet: its entry in the sheet list and its rows."""

    def first_sheet_dropped(data: bytes) -> bytes:
        start = data.index(b"<sheet ")
        return data[:start] + data[data.index(b"/>", start) + 2 :]

    return _rewritten(content, "xl/workbook.xml", first_sheet_dropped, drop=part)


def _rewritten(
    content: bytes, part: str, change: Callable[[bytes], bytes], drop: str = ""
) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename != drop:
                data = source.read(info)
                target.writestr(info, change(data) if info.filename == part else data)
    return out.getvalue()


# --- damaged files never crash -----------------------------------------------------------------

WORKBOOK = saved(police_workbook())
DOCUMENT = saved_document(imr_document())
OLE_FILE = (INTAKE_FIXTURES / "old_word.doc").read_bytes()
XLS_FILE = (INTAKE_FIXTURES / "police_log.xls").read_bytes()
ODS_FILE = (INTAKE_FIXTURES / "police_log.ods").read_bytes()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([WORKBOOK, DOCUMENT, OLE_FILE, XLS_FILE, ODS_FILE]),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=8),
    st.one_of(st.just(1.0), st.floats(0.05, 1)),
)
def test_a_damaged_workbook_or_document_is_read_or_refused_never_crashing(
    original: bytes, flips: list[tuple[float, int]], kept: float
) -> None:
    content = bytearray(original[: max(8, int(len(original) * kept))])
    for where, byte in flips:
        content[min(len(content) - 1, 8 + int(where * (len(content) - 8)))] = byte

    try:
        reading = read_chronology(bytes(content), "damaged.xlsx")
    except UnreadableFileError as refused:
        assert refused.reason
        return

    assert all(row.place for row in reading.rows)

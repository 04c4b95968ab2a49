"""Real workbooks and Word documents made in tests (openpyxl, python-docx), and the same content
rendered from a CSV file: each cell that is a date Excel can show exactly so becomes a real Excel
date cell with that number format, each whole number a number, everything else text."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

import docx
import openpyxl
from docx.oxml import parse_xml
from docx.table import Table
from openpyxl.worksheet.worksheet import Worksheet

from adapters.excel_formats import display
from adapters.source_files import read_source

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# (strptime pattern, Excel number format) for the date and time forms agencies write.
_EXCEL_FORMS = [
    ("%d/%m/%Y", "dd/mm/yyyy"),
    ("%d %b %Y", "d mmm yyyy"),
    ("%d %b %Y", "dd mmm yyyy"),
    ("%b %Y", "mmm yyyy"),
    ("%Y-%m-%d", "yyyy-mm-dd"),
    ("%d/%m/%Y %H:%M", "dd/mm/yyyy hh:mm"),
    ("%Y-%m-%d %H:%M", "yyyy-mm-dd hh:mm"),
    ("%H:%M", "hh:mm"),
    ("%H:%M:%S", "hh:mm:ss"),
]


def excel_cell(text: str) -> tuple[Any, str]:
    """The value and number format an Excel user would have for `text`: a date or time when a
    format shows it exactly as written, a whole number when it is one, else the text itself."""
    for pattern, number_format in _EXCEL_FORMS:
        try:
            parsed = datetime.strptime(text, pattern)
        except ValueError:
            continue
        value: date | datetime | time = parsed
        if "%H" not in pattern:
            value = parsed.date()
        elif "%d" not in pattern:
            value = parsed.time()
        if display(value, number_format) == text:
            return value, number_format
    if text.isdigit() and not text.startswith("0") and len(text) < 10:
        return int(text), "General"
    return text, "@"


def csv_records(content: bytes, file_name: str) -> list[list[str]]:
    """The cells of every record of a CSV file, as intake splits them."""
    [table] = read_source(content, file_name).tables
    return [record.cells for record in table.records]


def workbook_from_rows(rows: Sequence[Sequence[str]], title: str = "Chronology") -> bytes:
    """A one-sheet workbook holding `rows`, dates as real Excel dates."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = title
    for number, cells in enumerate(rows, start=1):
        for column, text in enumerate(cells, start=1):
            if not text:
                continue
            value, number_format = excel_cell(text)
            cell = sheet.cell(row=number, column=column)
            # openpyxl would take text beginning "=" for a formula; Excel's cell holds the text.
            cell.value = value
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"
            cell.number_format = number_format
    return saved(workbook)


def sheet_of(workbook: openpyxl.Workbook) -> Worksheet:
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    return sheet


def dated(sheet: Worksheet, row: list[object], number_format: str = "dd/mm/yyyy") -> None:
    """Append `row`, giving its date and time cells a number format."""
    sheet.append(row)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, datetime | date):
            cell.number_format = number_format
        elif isinstance(cell.value, time):
            cell.number_format = "hh:mm"


def police_workbook() -> openpyxl.Workbook:
    """Two title rows merged across the table, a header whose 'Summary' is merged over two
    columns (as every row's is), a hidden column and frozen panes under the header."""
    workbook = openpyxl.Workbook()
    sheet = sheet_of(workbook)
    sheet.title = "Police log"
    sheet.append(["Staffordshire Police: chronology for DHR 7"])
    sheet.append(["Prepared 01/02/2016 by the IMR author"])
    sheet.append(["Date", "Time", "Summary", None, "Internal ref"])
    dated(sheet, [date(2012, 6, 16), time(1, 28), "Call from S: assaulted by her partner N", None])
    dated(sheet, [date(2012, 6, 17), None, "N arrested at the custody suite for the assault"])
    sheet["E4"], sheet["E5"] = "X-1", "X-2"
    for row in range(1, 6):
        sheet.merge_cells(f"C{row}:D{row}" if row > 2 else f"A{row}:E{row}")
    sheet.column_dimensions["E"].hidden = True
    sheet.freeze_panes = "A4"
    return workbook


def police_log_workbook() -> bytes:
    """`police_workbook` saved."""
    return saved(police_workbook())


def merged_rows_workbook() -> bytes:
    """A record over two rows: its date cell merged down over both."""
    workbook = openpyxl.Workbook()
    sheet = sheet_of(workbook)
    sheet.append(["Date", "Summary"])
    dated(sheet, [date(2012, 6, 16), "Call from S: assaulted by her partner N"])
    sheet.append([None, "Officers attended; S taken to hospital"])
    dated(sheet, [date(2012, 6, 17), "N arrested"])
    sheet.merge_cells("A2:A3")

    return saved(workbook)


def saved(workbook: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def document_from_rows(
    rows: Sequence[Sequence[str]],
    before: Sequence[str] = ("Individual Management Review: chronology",),
    after: Sequence[str] = ("Author: IMR author, 01/02/2016",),
) -> bytes:
    """A Word document holding `rows` as one table, with paragraphs above and below it."""
    document = docx.Document()
    for text in before:
        document.add_paragraph(text)
    add_table(document, rows)
    for text in after:
        document.add_paragraph(text)
    return saved_document(document)


def add_table(document: Any, rows: Sequence[Sequence[str]]) -> Table:
    """A table of `rows` at the end of `document` (short rows padded with empty cells)."""
    width = max(len(cells) for cells in rows)
    table: Table = document.add_table(rows=len(rows), cols=width)
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=False):
            if text:
                cell.text = text
    return table


def merge_with_cell_above(table: Table, row: int, column: int) -> None:
    """Mark a cell (0-based) as continuing the cell above it (Word's vMerge), as a table with
    one record over two rows has it; the cell above starts the merge."""
    above = table.rows[row - 1].cells[column]._tc.get_or_add_tcPr()
    if not above.findall(f"{{{_W_NS}}}vMerge"):
        above.append(parse_xml(f'<w:vMerge {W} w:val="restart"/>'))
    table.rows[row].cells[column]._tc.get_or_add_tcPr().append(parse_xml(f"<w:vMerge {W}/>"))


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def saved_document(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def dated_paragraph_imr() -> Any:
    """A small charity's IMR: scope and terms, then a paragraph per contact beginning with its
    date (in bold, or not), one contact written over two paragraphs, a year heading above
    dates written without a year, and a conclusion under its own heading."""
    document = docx.Document()
    document.add_heading("Individual Management Review: Haven refuge service", level=1)
    document.add_paragraph("Scope: contacts from 1 March 2022 to the date of death.")
    document.add_heading("Chronology", level=2)
    lead = document.add_paragraph()
    lead.add_run("11 March 2022 - ").bold = True
    lead.add_run("Referral received by phone from the IDVA for M and her son.")
    document.add_paragraph("14/03/2022 14:30 – M and her son arrived at the refuge.")
    document.add_paragraph("Licence agreement signed; M said she felt safe for the first time.")
    document.add_paragraph("Week commencing 18 April 2022: key-work sessions twice that week.")
    document.add_heading("2023", level=3)
    document.add_paragraph("9 January\tM moved on to a council tenancy.")
    document.add_heading("Conclusion", level=2)
    document.add_paragraph("On 12 November 2022 the service learnt of M's death.")
    return document


def witness_summary_document() -> bytes:
    """A coroner's officer's summary of witnesses' statements: a "When (as described)" column of
    the times people recalled, most of them no date, and a heading row merged across the table."""
    document = docx.Document()
    document.add_paragraph("Summary of witness statements for the inquest")
    table = add_table(
        document,
        [
            ["When (as described)", "Witness", "Summary of account"],
            ["Statements of the family (2022)"],
            ["About February (2022)", "Mr K (nephew)", "There was a chip pan fire in the kitchen."],
            ["The winter before (the fire)", "Mrs L (neighbour)", "The house was very cold."],
            ["A couple of days before the fire", "Mrs L (neighbour)", "Saw Mr K's car outside."],
            ["The night of the fire", "Mr K (nephew)", "Telephoned by police before midnight."],
            ["Saturday 19 November 2022", "Mrs L (neighbour)", "Smelled smoke at about ten."],
        ],
    )
    heading = table.rows[1].cells
    heading[0].merge(heading[2])
    document.add_paragraph("Prepared for HM Coroner.")
    return saved_document(document)


def month_headed_imr() -> bytes:
    """An IMR whose chronology heads each month with a row merged across the table ("May
    2021") and writes the days under it alone ("11th") or without the year ("14/03")."""
    document = docx.Document()
    document.add_paragraph("Individual Management Review: Community Learning Disability Team")
    table = add_table(
        document,
        [
            ["Date", "Contact", "Details of contact"],
            ["May 2021"],
            ["11th", "Home visit", "Annual health action plan review with D"],
            ["December 2021"],
            ["14/12", "Telephone", "Rang D to arrange a joint visit"],
            ["31st", "Home visit", "D not at home; card left"],
            ["2nd", "Home visit", "Joint visit with the provider"],
        ],
    )
    for row in (1, 3):
        cells = table.rows[row].cells
        cells[0].merge(cells[2])
    return saved_document(document)


def family_account_document() -> bytes:
    """The review author's summary of a relative's account, its dates as the relative gave them:
    a decade, a span across two months, one day or another, so far before a day, a start."""
    return document_from_rows(
        [
            ["When", "What she recalled"],
            ["The 1990s", "A was first hit by a previous partner."],
            ["End of September / start of October 2022", "A stayed with her after a row."],
            ["September or October 2022", "A said she had told her GP."],
            ["Mon 3 or Tue 4 May 2021", "A rang her crying late at night."],
            ["A week or so before Christmas 2023", "A said she was frightened of him."],
            ["From about August 2022", "A stopped going out with friends."],
        ],
        before=("Summary of the account given by Adult A's sister",),
        after=(),
    )

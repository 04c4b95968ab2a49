"""Writing cells and tables on an openpyxl worksheet: text that stays text, real dates, headers.

Every string is written with the string data type, so `=HYPERLINK(...)` typed by an agency is
shown, never run; Excel's quote-prefix flag keeps it text even if someone edits the cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from adapters.exports.cells import looks_like_formula, xml_safe

# Excel refuses to open a cell longer than this; the full text is in the CSV and JSON exports.
EXCEL_CELL_LIMIT = 32_767
_TRUNCATED = " … [truncated; the full text is in the CSV and JSON exports]"

HEADER_FILL = PatternFill(fill_type="solid", start_color="D9D9D9", end_color="D9D9D9")
CONFLICT_FILL = PatternFill(fill_type="solid", start_color="FCE4D6", end_color="FCE4D6")
WRAPPED = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")

# Number formats that show a date no more precisely than the agency wrote it.
DATE_FORMATS = {"month": "mmm yyyy", "season": "mmm yyyy", "year": "yyyy"}
DAY_FORMAT = "dd/mm/yyyy"

CellValue = str | int | date | None


def put(sheet: Worksheet, row: int, column: int, value: CellValue, wrap: bool = False) -> None:
    """Write one value: strings as text (never formulas), ints as numbers, dates as dates."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        text = xml_safe(value)
        if len(text) > EXCEL_CELL_LIMIT:
            text = text[: EXCEL_CELL_LIMIT - len(_TRUNCATED)] + _TRUNCATED
        cell.value = text
        cell.data_type = "s"  # assigned after the value: openpyxl would otherwise store a formula
        if looks_like_formula(text):
            cell.quotePrefix = True
    else:
        cell.value = value
    cell.alignment = WRAPPED if wrap else TOP


def put_date(sheet: Worksheet, row: int, column: int, value: date | None, precision: str) -> None:
    """Write a real Excel date, formatted no more precisely than it was recorded."""
    put(sheet, row, column, value)
    sheet.cell(row=row, column=column).number_format = DATE_FORMATS.get(precision, DAY_FORMAT)


def write_header(sheet: Worksheet, headings: Sequence[tuple[str, int]], row: int = 1) -> None:
    """A bold, shaded heading row; each heading comes with its column width in characters."""
    for column, (heading, width) in enumerate(headings, start=1):
        put(sheet, row, column, heading)
        cell = sheet.cell(row=row, column=column)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        sheet.column_dimensions[get_column_letter(column)].width = width


def make_table(sheet: Worksheet, headings: Sequence[tuple[str, int]], last_row: int) -> None:
    """Freeze the heading row and put a filter on every column of the table."""
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headings))}{max(last_row, 1)}"


def fill_row(sheet: Worksheet, row: int, columns: int, fill: PatternFill) -> None:
    """Shade a whole row of the table."""
    for column in range(1, columns + 1):
        sheet.cell(row=row, column=column).fill = fill

"""Reading an old binary Excel workbook (.xls, Excel 97-2003) into tables, one per worksheet.

The same rules as `workbook.py`: each cell as its number format displays it, a merged range's
value in its top-left cell only, hidden rows and columns read and noted. xlrd reads the file
whole, which is bounded: an .xls holds at most 65,536 rows a sheet.
"""

from __future__ import annotations

import struct
from datetime import datetime

import xlrd
from xlrd.biffh import XLRDError
from xlrd.compdoc import CompDocError

from adapters.errors import UnreadableFileError
from adapters.excel_formats import display, typed_value
from adapters.file_kinds import LOCKED
from adapters.office_package import damaged
from adapters.source_table import CellValue, SourceFile, SourceTable, TableKind, cells_record
from adapters.workbook import sheet_notes

# What xlrd raises reading a damaged file: its own errors, and those of its byte-level parsing.
_BROKEN = (
    XLRDError,
    CompDocError,
    struct.error,
    ValueError,
    IndexError,
    KeyError,
    AssertionError,
    OSError,
    EOFError,
    TypeError,
    OverflowError,
    ZeroDivisionError,
)


def read_xls_workbook(content: bytes, file_name: str) -> SourceFile:
    """Every worksheet of the workbook as a table, in workbook order."""
    try:
        book = xlrd.open_workbook(
            file_contents=content, formatting_info=True, on_demand=True, logfile=_Silent()
        )
    except XLRDError as problem:
        if "encrypted" in str(problem).lower():
            raise UnreadableFileError(file_name, LOCKED) from None
        raise UnreadableFileError(
            file_name, damaged("Excel's old format inside is broken")
        ) from None
    except _BROKEN:
        raise UnreadableFileError(
            file_name, damaged("Excel's old format inside is broken")
        ) from None
    try:
        tables = [_table(book, index) for index in range(book.nsheets)]
    except _BROKEN:
        raise UnreadableFileError(file_name, damaged("a sheet inside cannot be read")) from None
    finally:
        book.release_resources()
    if not tables:
        raise UnreadableFileError(file_name, "the workbook has no worksheet, so no chronology")
    return SourceFile(file_type="xls", tables=tables)


def _table(book: xlrd.book.Book, index: int) -> SourceTable:
    sheet = book.sheet_by_index(index)
    rows: list[tuple[list[str], list[CellValue]]] = [
        _row(book, sheet, number) for number in range(sheet.nrows)
    ]
    merged_above: dict[int, set[int]] = {}
    for top, bottom, left, right in sheet.merged_cells:  # half-open, 0-based
        for number in range(top, min(bottom, len(rows))):
            cells, values = rows[number]
            for position in range(left, min(right, len(cells))):
                if (number, position) != (top, left):
                    cells[position], values[position] = "", None
            if number > top:
                merged_above.setdefault(number + 1, set()).update(range(left, right))
    width = max([len(cells) for cells, _ in rows if any(cells)], default=0)
    records = [
        cells_record(
            TableKind.SHEET,
            sheet.name,
            number,
            cells + [""] * (width - len(cells)),
            tuple(values) if any(v is not None for v in values) else (),
            frozenset(merged_above.get(number, ())),
        )
        for number, (cells, values) in enumerate(rows, start=1)
    ]
    return SourceTable(TableKind.SHEET, sheet.name, records, _notes(sheet, width))


def _row(
    book: xlrd.book.Book, sheet: xlrd.sheet.Sheet, number: int
) -> tuple[list[str], list[CellValue]]:
    texts: list[str] = []
    values: list[CellValue] = []
    for cell in sheet.row(number):
        number_format = _format(book, cell.xf_index)
        typed: CellValue = None
        if cell.ctype == xlrd.XL_CELL_DATE:
            moment: datetime = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
            typed = typed_value(moment, number_format)
            text = display(moment, number_format)
        elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
            text = display(bool(cell.value), number_format)
        elif cell.ctype == xlrd.XL_CELL_ERROR:
            text = xlrd.error_text_from_code.get(cell.value, "#N/A")
        elif cell.ctype == xlrd.XL_CELL_NUMBER:
            text = display(cell.value, number_format)
        else:
            text = str(cell.value) if cell.value is not None else ""
        texts.append(text)
        values.append(typed)
    return texts, values


def _format(book: xlrd.book.Book, xf_index: int | None) -> str:
    if xf_index is None or xf_index >= len(book.xf_list):
        return "General"
    found = book.format_map.get(book.xf_list[xf_index].format_key)
    return found.format_str if found is not None else "General"


def _notes(sheet: xlrd.sheet.Sheet, width: int) -> list[str]:
    hidden = sorted(c for c, info in sheet.colinfo_map.items() if info.hidden and c < width)
    return sheet_notes(
        bool(sheet.visibility),
        [xlrd.formula.colname(c) for c in hidden],
        sorted(r + 1 for r, info in sheet.rowinfo_map.items() if info.hidden and r < sheet.nrows),
    )


class _Silent:
    """Where xlrd writes its warnings: nowhere (they would put agency data in the logs)."""

    def write(self, text: str) -> int:
        return len(text)

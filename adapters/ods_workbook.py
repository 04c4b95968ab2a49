"""Reading an OpenDocument spreadsheet (.ods, LibreOffice Calc) into tables, one per sheet.

An .ods file keeps each cell's text as displayed beside its typed value, so a cell reads as
the spreadsheet shows it with no number format to interpret. The same rules as the Excel
readers otherwise: a merged range's value in its top-left cell only, hidden rows and columns
read and noted. The sheet XML is streamed row by row; the long runs of empty rows and cells
a spreadsheet writes after its content are counted, never expanded.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, time
from xml.etree import ElementTree

from openpyxl.utils.cell import get_column_letter

from adapters.errors import UnreadableFileError
from adapters.intake_limits import IntakeLimits
from adapters.office_package import BROKEN_PACKAGE, damaged
from adapters.source_table import (
    CellValue,
    SourceFile,
    SourceTable,
    TableKind,
    cells_record,
    place_of,
)
from adapters.workbook import sheet_notes

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CELLS = {f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"}
# Past Excel's own limits a repeated row or cell is padding, or a file built to exhaust memory.
_MAX_ROWS = 1_048_576
_MAX_COLUMNS = 16_384
_DURATION = re.compile(r"PT(?P<h>\d+)H(?P<m>\d+)M(?P<s>\d+)(?:\.\d+)?S")


@dataclass
class _Sheet:
    """One sheet as it is streamed: its records so far and what is hidden or merged."""

    name: str
    records: list[tuple[int, list[str], list[CellValue], frozenset[int]]] = field(
        default_factory=list
    )
    hidden_columns: list[int] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)
    next_row: int = 1
    columns: int = 0
    # Columns under a cell merged down over several rows, and how many rows more each spans.
    spanned_down: dict[int, int] = field(default_factory=dict)


def read_ods_workbook(
    package: zipfile.ZipFile, file_name: str, limits: IntakeLimits | None = None
) -> SourceFile:
    """Every sheet of the spreadsheet as a table, in order; a row over `limits` (too wide, or
    one too many, repeated or not) is refused as it is read, before it is repeated out."""
    check = _Check(limits or IntakeLimits(), file_name)
    try:
        tables = [_table(sheet) for sheet in _sheets(package, check)]
    except BROKEN_PACKAGE:
        raise UnreadableFileError(file_name, damaged("its sheets cannot be read")) from None
    if not tables:
        raise UnreadableFileError(file_name, "the spreadsheet has no sheet, so no chronology")
    return SourceFile(file_type="ods", tables=tables)


def _table(sheet: _Sheet) -> SourceTable:
    width = max((len(cells) for _, cells, _, _ in sheet.records), default=0)
    records = [
        cells_record(
            TableKind.SHEET,
            sheet.name,
            line,
            cells + [""] * (width - len(cells)),
            tuple(values + [None] * (width - len(values)))
            if any(v is not None for v in values)
            else (),
            merged,
        )
        for line, cells, values, merged in sheet.records
    ]
    columns = [get_column_letter(c) for c in sheet.hidden_columns if c <= width]
    return SourceTable(
        TableKind.SHEET, sheet.name, records, sheet_notes(False, columns, sheet.hidden_rows)
    )


@dataclass(frozen=True)
class _Check:
    """The limits a row is checked against, and the file it is named by."""

    limits: IntakeLimits
    file_name: str

    def row(self, sheet: _Sheet, number: int, columns: int) -> None:
        place = place_of(TableKind.SHEET, sheet.name, number)
        self.limits.check_shape(len(sheet.records) + 1, columns, self.file_name, place)


def _sheets(package: zipfile.ZipFile, check: _Check) -> Iterator[_Sheet]:
    sheet: _Sheet | None = None
    with package.open("content.xml") as stream:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            tag = element.tag
            if tag == f"{_TABLE}table":
                if event == "start":
                    sheet = _Sheet(element.get(f"{_TABLE}name", ""))
                    continue
                if sheet is not None:
                    yield sheet
                sheet = None
                element.clear()
            elif event == "end" and sheet is not None:
                if tag == f"{_TABLE}table-column":
                    _column(sheet, element)
                elif tag == f"{_TABLE}table-row":
                    _row(sheet, element, check)
                    element.clear()


def _column(sheet: _Sheet, column: ElementTree.Element) -> None:
    repeat = min(_count(column, "number-columns-repeated"), _MAX_COLUMNS)
    if column.get(f"{_TABLE}visibility", "visible") != "visible":
        first = sheet.columns + 1
        sheet.hidden_columns.extend(range(first, min(first + repeat, _MAX_COLUMNS + 1)))
    sheet.columns += repeat


def _row(sheet: _Sheet, row: ElementTree.Element, check: _Check) -> None:
    repeat = _count(row, "number-rows-repeated")
    below = {p for p, left in sheet.spanned_down.items() if left > 0}
    cells: list[str] = []
    values: list[CellValue] = []
    empties = 0  # empty cells not yet written: only written when something follows them
    for cell in row:
        if cell.tag not in _CELLS:
            continue
        position = len(cells) + empties
        span = min(_count(cell, "number-columns-repeated"), _MAX_COLUMNS - position)
        if _count(cell, "number-rows-spanned") > 1:
            across = range(position, position + _count(cell, "number-columns-spanned"))
            sheet.spanned_down.update(dict.fromkeys(across, _count(cell, "number-rows-spanned")))
        text = _text(cell) if cell.tag == f"{_TABLE}table-cell" else ""
        if not text:
            empties += span
            continue
        cells += [""] * empties + [text] * span
        values += [None] * empties + [_value(cell)] * span
        empties = 0
    hidden = row.get(f"{_TABLE}visibility", "visible") != "visible"
    # An empty row repeated a million times is the sheet's padding: counted, not expanded.
    for copy in range(repeat if cells else 0):
        number = sheet.next_row + copy
        if len(sheet.records) >= _MAX_ROWS:
            break
        check.row(sheet, number, len(cells))
        merged = frozenset(p for p in below if sheet.spanned_down.get(p, 0) > copy)
        sheet.records.append((number, list(cells), list(values), merged))
        if hidden:
            sheet.hidden_rows.append(number)
        below |= {p for p, left in sheet.spanned_down.items() if left > copy + 1}
    sheet.next_row += repeat
    sheet.spanned_down = {
        p: left - repeat for p, left in sheet.spanned_down.items() if left > repeat
    }


def _count(element: ElementTree.Element, attribute: str) -> int:
    value = element.get(f"{_TABLE}{attribute}", "1")
    return max(1, int(value)) if value.isdigit() else 1


def _value(cell: ElementTree.Element) -> CellValue:
    kind = cell.get(f"{_OFFICE}value-type")
    if kind == "date":
        written = cell.get(f"{_OFFICE}date-value", "")
        try:
            moment = datetime.fromisoformat(written)
        except ValueError:
            return None
        return moment if "T" in written and moment.time() != time(0) else moment.date()
    if kind == "time":
        found = _DURATION.fullmatch(cell.get(f"{_OFFICE}time-value", ""))
        if found and int(found["h"]) < 24:
            return time(int(found["h"]), int(found["m"]), min(int(found["s"]), 59))
    return None


def _text(cell: ElementTree.Element) -> str:
    """The cell's paragraphs, one line each, as the spreadsheet shows them."""
    return "\n".join(_inline(p) for p in cell if p.tag in {f"{_TEXT}p", f"{_TEXT}h"})


def _inline(element: ElementTree.Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{_TEXT}s":
            spaces = child.get(f"{_TEXT}c", "1")
            parts.append(" " * (min(int(spaces), _MAX_COLUMNS) if spaces.isdigit() else 1))
        elif child.tag == f"{_TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{_TEXT}line-break":
            parts.append("\n")
        elif child.tag != f"{_OFFICE}annotation":  # a comment on the cell is not its text
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)

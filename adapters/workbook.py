"""Reading an Excel workbook (.xlsx, .xlsm) into tables: one per worksheet, in workbook order.

Each record's cells are what Excel's own "Save As CSV" writes for that row: every cell as its
number format displays it, a merged range's value in its top-left cell and empty cells for the
rest, hidden rows and columns included (and noted). Typed dates stay dates in `values`. Sheets
are streamed (openpyxl's read-only mode), so a 100,000-row workbook never sits in memory whole;
the merges and hidden rows that mode does not report are read from the sheet's XML in the same
streaming way.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

import openpyxl
from openpyxl.utils.cell import get_column_letter, range_boundaries

from adapters.errors import UnreadableFileError
from adapters.excel_formats import display, typed_value
from adapters.intake_limits import IntakeLimits
from adapters.office_package import (
    BROKEN_PACKAGE,
    damaged,
    main_part,
    parse_part,
    relationships,
)
from adapters.source_table import (
    CellValue,
    SourceFile,
    SourceTable,
    TableKind,
    cells_record,
    place_of,
)

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_WORKSHEET = "/worksheet"
_NOT_WORKSHEETS = {
    "/chartsheet": "a chart sheet (a chart, no rows)",
    "/dialogsheet": "a dialog sheet (a form, no rows)",
    "/xlMacrosheet": "a macro sheet (macros, no rows)",
    "/xlIntlMacrosheet": "a macro sheet (macros, no rows)",
}
# The sheet XML is scanned in pieces this large for what read-only mode leaves out.
_SCAN_CHUNK = 1024**2
_SHEET_TAG = re.compile(rb"<(?:\w+:)?(row|col|mergeCell)\b([^>]*)>")
_ATTRIBUTE = re.compile(rb'\b(r|min|max|hidden|ref)="([^"]*)"')
# A note lists at most this many hidden rows before saying how many more.
_LISTED_ROWS = 10
# openpyxl reads a workbook through library code that raises these for a broken part.
_BROKEN = (*BROKEN_PACKAGE, TypeError, AttributeError, IndexError)


@dataclass(frozen=True)
class _Sheet:
    name: str
    part: str
    hidden: bool


@dataclass
class _SheetExtras:
    """What the sheet's XML says that read-only cells do not: merges and hidden rows, columns."""

    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: list[int] = field(default_factory=list)


def read_workbook(
    content: bytes,
    file_name: str,
    package: zipfile.ZipFile,
    kind: str,
    limits: IntakeLimits | None = None,
) -> SourceFile:
    """Every worksheet of the workbook as a table; other sheets are named in `skipped`.

    A sheet over `limits` (a stray cell in column XFD or row 1,048,576, say) is refused as it
    streams, before its rows are padded to the widest."""
    limits = limits or IntakeLimits()
    sheets, skipped = _sheets(package, file_name)
    if not sheets:
        only = "; ".join(skipped) or "no sheets at all"
        raise UnreadableFileError(
            file_name, f"the workbook has no worksheet with rows ({only}), so no chronology"
        )
    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=True, keep_links=False
        )
    except _BROKEN:
        raise UnreadableFileError(file_name, damaged("its workbook parts cannot be read")) from None
    try:
        tables = [_table(workbook, package, sheet, file_name, limits) for sheet in sheets]
    finally:
        workbook.close()
    return SourceFile(file_type=kind, tables=tables, skipped=skipped)


def _sheets(package: zipfile.ZipFile, file_name: str) -> tuple[list[_Sheet], list[str]]:
    """The worksheets in workbook order, and the other sheets with what they are."""
    workbook_part = main_part(package, file_name) or "xl/workbook.xml"
    root = parse_part(package, workbook_part, file_name)
    if root is None:
        raise UnreadableFileError(file_name, damaged("it has no list of sheets"))
    targets = relationships(package, workbook_part, file_name)
    sheets, skipped = [], []
    for element in root.iter(f"{_MAIN}sheet"):
        name = element.get("name", "")
        kind, part = targets.get(element.get(_RELATIONSHIP_ID, ""), ("", ""))
        what = next((words for end, words in _NOT_WORKSHEETS.items() if kind.endswith(end)), None)
        if what is not None:
            skipped.append(f"{name}: {what}")
        elif kind.endswith(_WORKSHEET) and part in package.namelist():
            sheets.append(_Sheet(name, part, element.get("state", "visible") != "visible"))
        else:
            skipped.append(f"{name}: its rows are missing from the file")
    return sheets, skipped


def _table(
    workbook: Any, package: zipfile.ZipFile, sheet: _Sheet, file_name: str, limits: IntakeLimits
) -> SourceTable:
    extras = _scan_sheet(package, sheet.part, file_name)
    try:
        worksheet = workbook[sheet.name]
        # Some exporters write a wrong size for the sheet; read every row there is instead.
        worksheet.reset_dimensions()
        rows: list[tuple[list[str], list[CellValue]]] = []
        for cells in worksheet.iter_rows():
            rows.append(_row(cells))
            place = place_of(TableKind.SHEET, sheet.name, len(rows))
            limits.check_shape(len(rows), _filled_width(rows[-1][0]), file_name, place)
    except _BROKEN:
        raise UnreadableFileError(
            file_name, damaged(f"sheet {sheet.name!r} cannot be read")
        ) from None
    width = max(
        [len(cells) for cells, _ in rows if any(cells)] + [merge[2] for merge in extras.merges],
        default=0,
    )
    merged_above = _apply_merges(rows, extras.merges)
    records = [
        cells_record(
            TableKind.SHEET,
            sheet.name,
            number,
            _padded(cells, width),
            _padded_values(values, width),
            merged_above.get(number, frozenset()),
        )
        for number, (cells, values) in enumerate(rows, start=1)
    ]
    return SourceTable(TableKind.SHEET, sheet.name, records, _notes(sheet, extras, width))


def _row(cells: tuple[Any, ...]) -> tuple[list[str], list[CellValue]]:
    texts: list[str] = []
    values: list[CellValue] = []
    for cell in cells:
        value = getattr(cell, "value", None)
        if value is None or isinstance(value, str):  # most cells: no format to apply
            texts.append(value or "")
            values.append(None)
            continue
        number_format = getattr(cell, "number_format", None) or "General"
        texts.append(display(value, number_format))
        values.append(
            typed_value(value, number_format) if isinstance(value, date | datetime | time) else None
        )
    return texts, values


def _apply_merges(
    rows: list[tuple[list[str], list[CellValue]]], merges: list[tuple[int, int, int, int]]
) -> dict[int, frozenset[int]]:
    """Empty every cell of a merged range but its top-left one, as Excel's CSV does; return the
    positions merged with the row above, by row number."""
    below: dict[int, set[int]] = {}
    for left, top, right, bottom in merges:
        for number in range(top, min(bottom, len(rows)) + 1):
            cells, values = rows[number - 1]
            for position in range(left - 1, min(right, len(cells))):
                if (number, position) != (top, left - 1):
                    cells[position], values[position] = "", None
            if number > top:
                below.setdefault(number, set()).update(range(left - 1, right))
    return {number: frozenset(positions) for number, positions in below.items()}


def _filled_width(cells: list[str]) -> int:
    """How many columns a row reaches: up to its last cell with something in it."""
    for position in range(len(cells) - 1, -1, -1):
        if cells[position]:
            return position + 1
    return 0


def _padded(cells: list[str], width: int) -> list[str]:
    return cells + [""] * (width - len(cells)) if len(cells) < width else cells


def _padded_values(values: list[CellValue], width: int) -> tuple[CellValue, ...]:
    if not any(value is not None for value in values):
        return ()
    return tuple(values + [None] * (width - len(values)))


def _scan_sheet(package: zipfile.ZipFile, part: str, file_name: str) -> _SheetExtras:
    """Merges, hidden rows and hidden columns, read from the sheet's XML piece by piece."""
    extras = _SheetExtras()
    row_number = 0
    try:
        for tag, attributes in _sheet_tags(package, part):
            found = {key.decode(): value.decode("ascii", "replace") for key, value in attributes}
            hidden = found.get("hidden") in {"1", "true"}
            if tag == b"row":
                row_number = int(found["r"]) if found.get("r", "").isdigit() else row_number + 1
                if hidden:
                    extras.hidden_rows.append(row_number)
            elif tag == b"col" and hidden and found.get("min", "").isdigit():
                low, high = int(found["min"]), int(found.get("max") or found["min"])
                extras.hidden_columns.extend(range(low, min(high, low + 16384) + 1))
            elif tag == b"mergeCell" and "ref" in found and ":" in found["ref"]:
                left, top, right, bottom = range_boundaries(found["ref"])
                if None not in (left, top, right, bottom):
                    extras.merges.append((left, top, right, bottom))  # type: ignore[arg-type]
    except BROKEN_PACKAGE:
        raise UnreadableFileError(file_name, damaged(f"its part {part} cannot be read")) from None
    return extras


def _sheet_tags(package: zipfile.ZipFile, part: str) -> Iterator[tuple[bytes, list[Any]]]:
    with package.open(part) as stream:
        carried = b""
        while True:
            chunk = stream.read(_SCAN_CHUNK)
            text = carried + chunk
            # Only the text before the last "<" is certain to hold whole tags.
            cut = text.rfind(b"<") if chunk else -1
            cut = len(text) if cut < 0 else cut
            for found in _SHEET_TAG.finditer(text, 0, cut):
                yield found[1], _ATTRIBUTE.findall(found[2])
            carried = text[cut:]
            if not chunk:
                return


def _notes(sheet: _Sheet, extras: _SheetExtras, width: int) -> list[str]:
    columns = [get_column_letter(c) for c in extras.hidden_columns if c <= width]
    return sheet_notes(sheet.hidden, columns, extras.hidden_rows)


def sheet_notes(hidden_sheet: bool, hidden_columns: list[str], hidden_rows: list[int]) -> list[str]:
    """What a table's notes say of a sheet's hidden parts, all of which were read."""
    notes = []
    if hidden_sheet:
        notes.append("the sheet is hidden in the workbook; its rows were read")
    if hidden_columns:
        notes.append(f"hidden columns read as any other: {', '.join(hidden_columns)}")
    if hidden_rows:
        listed = ", ".join(str(r) for r in hidden_rows[:_LISTED_ROWS])
        more = len(hidden_rows) - _LISTED_ROWS
        notes.append(
            f"hidden rows read as any other: {listed}" + (f" and {more} more" if more > 0 else "")
        )
    return notes

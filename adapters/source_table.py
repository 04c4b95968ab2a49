"""The shape every kind of upload is read into before intake judges it: tables of records.

A CSV file is one table; a workbook is a table per sheet; a Word document is a table per table.
Each record keeps its cells as the agency's system displayed them, the typed value behind a cell
where the format has one (a real Excel date), and exactly where it stood, so that "row 12" can
be found again in the agency's own file whatever kind of file it was.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum

# What a typed cell can hold besides its text: a date, a date and time, or a time of day.
CellValue = date | datetime | time | None


class TableKind(StrEnum):
    """Where a table came from, which decides how a record's place is written."""

    CSV = "csv"
    SHEET = "sheet"
    WORD_TABLE = "table"
    WORD_PARAGRAPHS = "paragraphs"  # a Word chronology written as dated paragraphs


@dataclass(frozen=True)
class SourceRecord:
    """One record of a table: its cells, where it starts, and its verbatim text.

    `line` is the physical line a CSV record starts on, or the 1-based row number of a sheet
    or Word table. `values` holds the typed value behind each cell where the file had one (a
    workbook's date cells), else None; it is empty when the format has no types.
    `merged_above` holds the positions of cells merged with the cell above (a Word table's
    vertically merged cells): a row whose date cell is merged so continues the record above.
    `place` says where it stands in words when its reader knows ("table 2 row 4"), so that a
    record keeps its own place when intake joins its table to the one it continues.
    """

    line: int
    cells: list[str]
    raw_text: str
    values: tuple[CellValue, ...] = ()
    merged_above: frozenset[int] = frozenset()
    place: str = ""

    @property
    def is_blank(self) -> bool:
        """True for a record with no content at all (blank lines, or only empty cells)."""
        return not any(cell.strip() for cell in self.cells)

    @property
    def filled_cells(self) -> list[str]:
        """The cells that hold something."""
        return [cell for cell in self.cells if cell.strip()]

    @property
    def lone_cell(self) -> str | None:
        """The one cell that holds something, when exactly one does (a page marker, a section
        heading); None otherwise. Most records are let go at their second filled cell."""
        lone = None
        for cell in self.cells:
            if cell.strip():
                if lone is not None:
                    return None
                lone = cell
        return lone

    def value(self, position: int) -> CellValue:
        """The typed value behind the cell at `position`, or None."""
        return self.values[position] if position < len(self.values) else None


def cells_record(
    kind: TableKind,
    name: str,
    line: int,
    cells: list[str],
    values: tuple[CellValue, ...] = (),
    merged_above: frozenset[int] = frozenset(),
) -> SourceRecord:
    """A record of a sheet or Word table, its verbatim text written as a CSV line of its cells
    (what the agency would have sent had it saved the table as CSV)."""
    text = io.StringIO()
    csv.writer(text, lineterminator="").writerow(cells)
    return SourceRecord(
        line, cells, text.getvalue(), values, merged_above, place_of(kind, name, line)
    )


def place_of(kind: TableKind, name: str, line: int) -> str:
    """Where a record of table `name` stands, in the words a person looks it up by."""
    if kind is TableKind.SHEET:
        return f"sheet {name!r} row {line}"
    if kind is TableKind.WORD_TABLE:
        return f"{name} row {line}"
    if kind is TableKind.WORD_PARAGRAPHS:
        return f"paragraph {line}"
    return f"line {line}"


@dataclass(frozen=True)
class SourceTable:
    """One table of a file: a CSV file's records, one sheet, or one Word table."""

    kind: TableKind
    name: str
    records: list[SourceRecord]
    # Why parts of the table were set aside by its reader (hidden rows kept, say), for the report.
    notes: list[str] = field(default_factory=list)

    def place(self, line: int) -> str:
        """Where a record stands, in the words a person looks it up by."""
        return place_of(self.kind, self.name, line)


@dataclass(frozen=True)
class SourceFile:
    """A whole upload as tables, with how its bytes were read.

    `encoding` and `delimiter` are those of a text file ("" for a workbook or document);
    `skipped` names the tables the reader set aside before intake saw them (a chart sheet)."""

    file_type: str
    tables: list[SourceTable]
    encoding: str = ""
    delimiter: str = ""
    skipped: list[str] = field(default_factory=list)
    # A Word document's paragraphs that begin with dates, as a table (dated_paragraphs.py):
    # read only when none of its tables is a chronology.
    dated_paragraphs: SourceTable | None = None

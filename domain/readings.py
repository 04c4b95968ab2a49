"""What intake hands to the domain: a file as read, row by row, before anything is stored.

Adapters produce these from CSV, workbook or Word bytes; the application turns them into events.
They carry no knowledge of file formats beyond the facts the record must keep (which encoding,
which sheet or table, which header, how each column was understood and why).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from domain.recorded_date import RecordedDate
from domain.text import check_cells, checked_line, holds_unstorable


@dataclass(frozen=True)
class RowReading:
    """One record of a file: verbatim cells and raw text, and either a reading or a problem."""

    row: int
    line: int
    cells: list[str]
    raw_text: str
    when: RecordedDate | None = None
    time: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    problem: str | None = None
    problem_column: str | None = None
    # Where the record stands in words ("line 5", "sheet 'Log' row 7", "table 2 row 4").
    place: str = ""
    # The zone the source wrote its clock time in ("UTC", "+01:00"), when it wrote one: `when`
    # and `time` are then UK local time, and this says the source's own clock was another.
    written_zone: str | None = None

    @property
    def is_readable(self) -> bool:
        """True when the row became an entry rather than an unreadable row."""
        return self.problem is None


@dataclass(frozen=True)
class SkippedLine:
    """A line that is not a record (a title above the header, "Total entries: 57" below the
    rows), kept with the reason so nothing vanishes unexplained."""

    line: int
    text: str
    reason: str
    place: str = ""


@dataclass(frozen=True)
class ColumnDecision:
    """How intake understood one column, and why: "'Attended' read as the date: 19 of 19 cells
    are dates". `field` is None for a column kept verbatim but not mapped to a field."""

    column: str
    field: str | None
    reason: str


@dataclass(frozen=True)
class FileReading:
    """A whole file as read: how it was decoded and mapped, and every record in it."""

    file_name: str
    content_sha256: str
    byte_count: int
    encoding: str
    delimiter: str
    header: list[str]
    column_mapping: dict[str, str]
    rows: list[RowReading]
    skipped: list[SkippedLine] = field(default_factory=list)
    # Numeric dates read day first (03/04 = 3 April), or month first for a file whose dates
    # can only be month/day/year ("10/23/2014").
    day_first: bool = True
    # "csv", "xlsx", "docx"...; the sheets or tables read, and those set aside with the reason.
    file_type: str = "csv"
    tables_read: list[str] = field(default_factory=list)
    tables_skipped: list[str] = field(default_factory=list)
    decisions: list[ColumnDecision] = field(default_factory=list)
    # False when the file had no header row and its columns are named by position.
    header_found: bool = True
    # What the reader noticed about the tables read, for the report ("Log: hidden columns read
    # as any other: D"); the cells themselves are all in the rows.
    notes: list[str] = field(default_factory=list)

    @property
    def unreadable_rows(self) -> list[RowReading]:
        """The rows that could not be read, in file order."""
        return [row for row in self.rows if not row.is_readable]


def fields_from_cells(
    cells: Sequence[str], header: Sequence[str], mapping: Mapping[str, str]
) -> dict[str, str]:
    """The canonical fields a record's cells fill, given the file's header and column mapping.

    Entry events keep only the verbatim cells; the submission keeps the header and mapping, so
    the fields are always derivable and never stored twice. Cells beyond the header (a stray
    extra cell) are kept under "overflow" rather than lost.
    """
    return fields_at(cells, mapped_positions(header, mapping), len(header))


def mapped_positions(header: Sequence[str], mapping: Mapping[str, str]) -> list[tuple[int, str]]:
    """(position, field) of each header column the mapping gives a field, in header order: what
    `fields_at` needs, worked out once for a file's many rows."""
    return [(p, f) for p, name in enumerate(header) if (f := mapping.get(name)) is not None]


def fields_at(
    cells: Sequence[str], positions: Sequence[tuple[int, str]], header_length: int
) -> dict[str, str]:
    """`fields_from_cells`, given the header's `mapped_positions` and its length."""
    fields = {}
    count = len(cells)
    for position, field_name in positions:  # a short record fills what it has
        if position < count and cells[position].strip():
            fields[field_name] = cells[position]
    if count > header_length:
        overflow = [cell for cell in cells[header_length:] if cell.strip()]
        if overflow:
            fields["overflow"] = " | ".join(overflow)
    return fields


def check_storable(reading: FileReading) -> None:
    """Refuse a file with a cell no store can hold (NUL), saying where it stands; else keep all.

    A CSV with NUL is refused as binary before this; a workbook or Word cell, or a NUL far into
    a long text file, is found here, before anything is stored.
    """
    checked_line(reading.file_name, "the file name")
    check_cells(reading.header, "the header")
    for start in range(0, len(reading.rows), _ROWS_SEARCHED_AT_ONCE):
        block = reading.rows[start : start + _ROWS_SEARCHED_AT_ONCE]
        if holds_unstorable(_texts_of(block)):
            _check_rows(block, reading.header)  # raises, naming the first cell at fault
    check_cells([s.text for s in reading.skipped], "a line above or below the rows")
    check_cells([*reading.tables_read, *reading.tables_skipped, *reading.notes], "a sheet name")


# Rows whose text is searched in one go: almost every file holds nothing unstorable, so one
# search of many rows replaces a search of each cell, without joining a whole large file at once.
_ROWS_SEARCHED_AT_ONCE = 1000


def _texts_of(rows: Sequence[RowReading]) -> Iterator[str]:
    for row in rows:
        yield from row.cells
        yield row.raw_text


def _check_rows(rows: Sequence[RowReading], header: Sequence[str]) -> None:
    """Each cell of `rows` checked on its own, so the refusal says where it stands."""
    for row in rows:
        for position, cell in enumerate(row.cells):
            column = header[position] if position < len(header) else ""
            check_cells(
                [cell], f"column {column or position + 1!r}", row.place or f"line {row.line}"
            )
        check_cells([row.raw_text], "a row", row.place or f"line {row.line}")

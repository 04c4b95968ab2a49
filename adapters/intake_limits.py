"""How much one upload may hold: columns, characters in a cell, rows. Checked as tables are read.

The byte limit (CHRONOLOGY_MAX_UPLOAD_BYTES) bounds the upload, not the work: a 439 KB CSV of
50,000 columns kept the server busy for most of a minute. These bound the work, and are checked
before intake judges a table (which columns are dates, which line is the header), so a refusal
costs little. The defaults sit far above any chronology seen: a few dozen columns, narratives of
a few thousand characters, tens of thousands of rows (the benchmark reads 100,000). Judging a
column reads its cells as dates, so the work grows with columns times rows: the column limit is
the one to lower first on a busy server.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from adapters.errors import UnreadableFileError
from adapters.source_table import SourceRecord, SourceTable, TableKind, place_of

DEFAULT_MAX_COLUMNS = 250
# Below the csv module's own field limit (131,072), so ours is the one that speaks.
DEFAULT_MAX_CELL_CHARACTERS = 100_000
DEFAULT_MAX_ROWS = 250_000

# The variables that set them; named in the message an API client or the CLI gets (the web
# pages leave them out: see api.web.page_route.in_web_words).
MAX_COLUMNS_VARIABLE = "CHRONOLOGY_MAX_COLUMNS"
MAX_CELL_CHARACTERS_VARIABLE = "CHRONOLOGY_MAX_CELL_CHARACTERS"
MAX_ROWS_VARIABLE = "CHRONOLOGY_MAX_ROWS"


class UploadTooLargeToReadError(UnreadableFileError):
    """Raised when a file has more columns, longer cells or more rows than this server reads."""


@dataclass(frozen=True)
class IntakeLimits:
    """The most columns, characters per cell and rows (all tables together) one file may hold."""

    max_columns: int = DEFAULT_MAX_COLUMNS
    max_cell_characters: int = DEFAULT_MAX_CELL_CHARACTERS
    max_rows: int = DEFAULT_MAX_ROWS

    def check_records(
        self,
        records: Iterable[SourceRecord],
        file_name: str,
        kind: TableKind = TableKind.CSV,
        table_name: str = "",
        rows_before: int = 0,
    ) -> int:
        """Refuse the file at the first record over a limit; returns the records counted."""
        count = rows_before
        for record in records:
            count += 1
            if count > self.max_rows or len(record.cells) > self.max_columns:
                # The place is written only for the refusal: most files are within the limits.
                self.check_shape(
                    count, len(record.cells), file_name, _place(record, kind, table_name)
                )
            if max(map(len, record.cells), default=0) <= self.max_cell_characters:
                continue
            for position, cell in enumerate(record.cells):
                if len(cell) > self.max_cell_characters:
                    raise UploadTooLargeToReadError(
                        file_name,
                        f"{_place(record, kind, table_name)}, column {position + 1}, holds "
                        f"{len(cell):,} characters; this server reads at most "
                        f"{self.max_cell_characters:,} in one cell (set "
                        f"{MAX_CELL_CHARACTERS_VARIABLE} to change it)",
                    )
        return count

    def check_shape(self, rows: int, columns: int, file_name: str, place: str) -> None:
        """Refuse the file when its `rows`-th record, at `place`, is one row or column too many.

        Readers of workbooks call this as they stream, before a sheet's rows are padded out."""
        if rows > self.max_rows:
            raise UploadTooLargeToReadError(
                file_name,
                f"it has more than {self.max_rows:,} rows (the next is at {place}); this server "
                f"reads at most {self.max_rows:,} from one file: split it by date and send each "
                f"part (set {MAX_ROWS_VARIABLE} to change it)",
            )
        if columns > self.max_columns:
            raise UploadTooLargeToReadError(
                file_name,
                f"{place} has {columns:,} columns; this server reads at most "
                f"{self.max_columns:,}: remove the empty or unneeded columns and send it again "
                f"(set {MAX_COLUMNS_VARIABLE} to change it)",
            )

    def check_tables(self, tables: Iterable[SourceTable], file_name: str) -> None:
        """Refuse a workbook or document whose tables, together, exceed a limit."""
        rows = 0
        for table in tables:
            rows = self.check_records(table.records, file_name, table.kind, table.name, rows)


def _place(record: SourceRecord, kind: TableKind, table_name: str) -> str:
    return record.place or place_of(kind, table_name, record.line)

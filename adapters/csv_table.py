"""Splitting decoded text into a header and records, remembering where each record stood.

Each record keeps its physical start line and its verbatim text, because a chair checking a
conflict goes back to the agency's own file: "row 12, line 15" must be exactly right even when
cells hold line breaks, blank lines sit between records, or a title sits above the header.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

_CANDIDATE_DELIMITERS = (",", ";", "\t", "|")
_SNIFF_RECORDS = 25

# Lines after the last record that summarise rather than record: "Total entries: 57",
# "End of report", "Page 3 of 3", "Printed 01/02/2016", "-----".
_FOOTER = re.compile(
    r"^\s*(?:(?:total|entries|records|rows|count|end\b|page\b|printed|generated|exported|report)"
    r"|[-=_*#\s]+$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class RawRecord:
    """One CSV record: its cells, the physical line it starts on, and its verbatim text."""

    line: int
    cells: list[str]
    raw_text: str

    @property
    def is_blank(self) -> bool:
        """True for a record with no content at all (blank lines, or only empty cells)."""
        return not any(cell.strip() for cell in self.cells)

    @property
    def filled_cells(self) -> list[str]:
        """The cells that hold something."""
        return [cell for cell in self.cells if cell.strip()]


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the opening records into the most consistent columns."""
    best, best_score = ",", -1.0
    for delimiter in _CANDIDATE_DELIMITERS:
        widths = [len(r.cells) for r in _first_records(text, delimiter) if not r.is_blank]
        if not widths or widths[0] < 2:
            continue
        consistency = sum(1 for w in widths if w == widths[0]) / len(widths)
        score = consistency * widths[0]
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_records(text: str, delimiter: str) -> Iterator[RawRecord]:
    """Every record in `text`, blank ones included, with start line and verbatim text."""
    consumed: list[str] = []

    def physical_lines() -> Iterator[str]:
        for physical in io.StringIO(text, newline=""):
            consumed.append(physical)
            yield physical

    reader = csv.reader(physical_lines(), delimiter=delimiter, strict=False)
    next_line = 1
    for cells in reader:
        raw_text = "".join(consumed).rstrip("\r\n")
        consumed.clear()
        yield RawRecord(line=next_line, cells=cells, raw_text=raw_text)
        next_line = reader.line_num + 1


def is_footer(record: RawRecord) -> bool:
    """True for a trailing summary line that is not a record."""
    filled = record.filled_cells
    return len(filled) == 1 and bool(_FOOTER.match(filled[0]))


def _first_records(text: str, delimiter: str) -> list[RawRecord]:
    records = []
    for record in read_records(text, delimiter):
        records.append(record)
        if len(records) >= _SNIFF_RECORDS:
            break
    return records

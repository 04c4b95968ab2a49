"""Splitting decoded text into records, remembering where each record stood.

Owns the delimiter sniffing (including Excel's `sep=;` line), the record splitting (RFC 4180
quoting, tolerant of what real exports get wrong, such as a quote that never closes) and the
recognition of lines that are not records: summaries below the last record, page markers.

Each record keeps its physical start line and its verbatim text, because a chair checking a
conflict goes back to the agency's own file: "row 12, line 15" must be exactly right even when
cells hold line breaks, blank lines sit between records, or a title sits above the header.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator, Sequence

from adapters.source_table import SourceRecord

_CANDIDATE_DELIMITERS = (",", ";", "\t", "|")
_SNIFF_RECORDS = 25

# Lines after the last record that summarise rather than record: "Total entries: 57",
# "End of report", "Page 3 of 3", "Printed 01/02/2016", "-----".
_FOOTER = re.compile(
    r"^\s*(?:(?:total|entries|records|rows|count|end\b|page\b|printed|generated|exported|report)"
    r"|[-=_*#\s]+$)",
    re.IGNORECASE,
)
# The value a spreadsheet puts in the cell beside a footer label: `Total entries,57`.
_FOOTER_VALUE = re.compile(r"^[\d\s.,:/-]+$")
# Printed-then-exported reports break pages mid-file: "Page 2 of 5".
_PAGE_MARKER = re.compile(r"^\s*page\s+\d+(?:\s*(?:of|/)\s*\d+)?\s*$", re.IGNORECASE)
# Excel writes `sep=;` as the first line of some exports to say which delimiter it used.
_EXCEL_SEPARATOR = re.compile(r"sep=(?P<delimiter>[^\r\n])[\r\n]*", re.IGNORECASE)

# Fed to the CSV reader after the last line. A record that swallows it opened a quote that never
# closed, which would otherwise silently merge every following record into one cell.
_SENTINEL = "\x00end-of-text\x00\n"


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the opening records into the most consistent columns."""
    return rank_delimiters(text)[0]


def rank_delimiters(text: str) -> list[str]:
    """Every candidate delimiter, the most likely first.

    Judged by the commonest width rather than the first record's, because a title line above
    the header ("Chronology for DHR 7, Stoke") is split by whatever punctuation it holds. Ties
    keep the order of `_CANDIDATE_DELIMITERS`, commas first.
    """
    declared = _EXCEL_SEPARATOR.fullmatch(next(io.StringIO(text, newline=""), ""))
    if declared is not None and declared["delimiter"] in _CANDIDATE_DELIMITERS:
        first = declared["delimiter"]
        return [first] + [d for d in _CANDIDATE_DELIMITERS if d != first]
    scores = {
        delimiter: _consistency(
            [len(r.cells) for r in _first_records(text, delimiter) if not r.is_blank]
        )
        for delimiter in _CANDIDATE_DELIMITERS
    }
    return sorted(_CANDIDATE_DELIMITERS, key=lambda delimiter: scores[delimiter], reverse=True)


def read_records(text: str, delimiter: str) -> Iterator[SourceRecord]:
    """Every record in `text`, blank ones included, with start line and verbatim text."""
    # Only \n, \r\n and a lone \r end a line: the same breaks the CSV reader itself honours.
    lines = list(io.StringIO(text, newline=""))
    start = 0
    while start < len(lines):
        # One reader streams through the rest of the file; it is only restarted after a line
        # whose quote never closed, which is read alone so it cannot swallow the records after it.
        reader = csv.reader(_lines_from(lines, start), delimiter=delimiter, strict=False)
        record_start = start
        try:
            for cells in reader:
                end = start + reader.line_num
                if end > len(lines):
                    break  # this record swallowed the sentinel
                # Most records are one line: that line is their text, with no slice to join.
                verbatim = (
                    lines[record_start]
                    if end == record_start + 1
                    else "".join(lines[record_start:end])
                )
                raw_text = verbatim.rstrip("\r\n")
                yield SourceRecord(record_start + 1, cells, raw_text)
                record_start = end
        except csv.Error:
            pass  # a quoted cell ran past the reader's size limit: the same unclosed quote
        if record_start >= len(lines):
            return
        cells = _read_line_alone(lines[record_start], delimiter)
        yield SourceRecord(record_start + 1, cells, lines[record_start].rstrip("\r\n"))
        start = record_start + 1


def is_footer(record: SourceRecord) -> bool:
    """True for a trailing summary line that is not a record."""
    filled = record.filled_cells
    if not filled or not _FOOTER.match(filled[0]):
        return False
    return len(filled) == 1 or (len(filled) == 2 and bool(_FOOTER_VALUE.match(filled[1])))


def is_page_marker(record: SourceRecord) -> bool:
    """True for a "Page 2 of 5" line left between records by a printed report."""
    lone = record.lone_cell
    return lone is not None and bool(_PAGE_MARKER.match(lone))


def _consistency(widths: Sequence[int]) -> tuple[float, int]:
    """(share of records with the commonest width, that width); (0, 0) for one column."""
    counts = Counter(w for w in widths if w >= 2)
    if not counts:
        return 0.0, 0
    width, count = max(counts.items(), key=lambda item: (item[1], item[0]))
    return count / len(widths), width


def _lines_from(lines: Sequence[str], start: int) -> Iterator[str]:
    for index in range(start, len(lines)):
        yield lines[index]
    yield _SENTINEL


def _read_line_alone(line: str, delimiter: str) -> list[str]:
    """One physical line as a record of its own, for a line whose quote never closes.

    The unclosed cell keeps the rest of its line; the lines after it are read as records again.
    """
    try:
        cells = next(csv.reader([line], delimiter=delimiter, strict=False), [])
    except csv.Error:
        cells = line.split(delimiter)
    if cells:
        cells[-1] = cells[-1].rstrip("\r\n")
    return cells


def _first_records(text: str, delimiter: str) -> list[SourceRecord]:
    records = []
    for record in read_records(text, delimiter):
        records.append(record)
        if len(records) >= _SNIFF_RECORDS:
            break
    return records

"""Reading one agency's chronology file into a FileReading: every record, readable or not.

Owns intake's judgement: which line is the header, which columns mean what, which trailing
lines are summaries rather than records, and for each record either a reading (date, time,
canonical fields) or the reason it cannot be read. Nothing in the file is dropped silently: every
non-blank record is a row or a skipped line with its reason.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from adapters.columns import headers_named_by, map_columns, normalise_header, unique_headers
from adapters.csv_table import (
    RawRecord,
    is_footer,
    is_page_marker,
    rank_delimiters,
    read_records,
)
from adapters.dates import (
    DateReadError,
    TimeReadError,
    qualify_date,
    read_date,
    read_time,
    read_when,
)
from adapters.decoding import decode
from adapters.errors import ColumnMappingError, UnreadableFileError
from domain.readings import FileReading, RowReading, SkippedLine, fields_from_cells
from domain.recorded_date import RecordedDate

# A title or a few notes above the header are common in exports; beyond this many records we
# stop looking for a header and call the file unrecognisable.
_HEADER_SEARCH_DEPTH = 10
_ABOVE_HEADER = "above the header"
_BELOW_RECORDS = "summary line after the last record"
_PAGE_BREAK = "page break between records"
_HEADER_AGAIN = "the header repeated between records"
_QUOTED_TEXT_LIMIT = 80
# Excel exports write `="0128"` to keep a leading zero; the value is what sits in the quotes.
_EXCEL_TEXT_FORMULA = re.compile(r'="(?P<value>(?:[^"]|"")*)"')


@dataclass(frozen=True)
class _Header:
    index: int
    names: list[str]
    mapping: dict[str, str]


class _RowProblem(Exception):
    """A cell that makes its row unreadable, and the column it is in."""

    def __init__(self, column: str | None, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason


def read_chronology(
    content: bytes, file_name: str, overrides: Mapping[str, str] | None = None
) -> FileReading:
    """Read `content` (the uploaded bytes of `file_name`); raise UnreadableFileError if it is
    not a chronology at all. Rows that cannot be read are returned with their reasons."""
    text, encoding = decode(content, file_name)
    delimiter, records, header = _split_with_header(text, file_name, overrides or {})
    body = [r for r in records[header.index + 1 :] if not r.is_blank]
    footer_start = _footer_start(body)
    header = _with_narrative(header, body[:footer_start], overrides or {})
    day_first = _day_first(body[:footer_start], header)
    rows, interruptions = _read_body(body[:footer_start], records[header.index], header, day_first)
    return FileReading(
        file_name=file_name,
        content_sha256=hashlib.sha256(content).hexdigest(),
        byte_count=len(content),
        encoding=encoding,
        delimiter=delimiter,
        header=header.names,
        column_mapping=header.mapping,
        day_first=day_first,
        rows=rows,
        skipped=_skipped(records[: header.index], _ABOVE_HEADER)
        + interruptions
        + _skipped(body[footer_start:], _BELOW_RECORDS),
    )


# A column holds the narrative when its cells average at least this many characters.
_NARRATIVE_CHARACTERS = 20


def _with_narrative(
    header: _Header, body: Sequence[RawRecord], overrides: Mapping[str, str]
) -> _Header:
    """`header` with a summary column. When no header name says which column tells what
    happened ("Concern logged", "What was reported"), the column of longest text among those
    nobody claimed is the narrative: that is what agencies' free-text columns look like."""
    if "summary" in header.mapping.values():
        return header
    named = {normalise_header(name) for name in overrides}
    lengths: dict[str, float] = {}
    for position, name in enumerate(header.names):
        if name in header.mapping or normalise_header(name) in named:
            continue
        cells = [r.cells[position] for r in body if position < len(r.cells)]
        if cells:
            lengths[name] = sum(len(cell.strip()) for cell in cells) / len(cells)
    if not lengths:
        return header
    longest = max(lengths, key=lambda name: (lengths[name], -header.names.index(name)))
    if lengths[longest] < _NARRATIVE_CHARACTERS:
        return header
    mapping = {**header.mapping, longest: "summary"}
    return _Header(
        header.index, header.names, {n: mapping[n] for n in header.names if n in mapping}
    )


_NUMERIC_DATE = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\b")


def _day_first(body: Sequence[RawRecord], header: _Header) -> bool:
    """Whether the file writes numeric dates day first (the UK way) or month first (as some
    systems export): month first only when some date can only be month/day/year ("10/23/2014")
    and none can only be day/month/year ("23/10/2014")."""
    columns = [i for i, name in enumerate(header.names) if header.mapping.get(name) in _DATES]
    day_only = month_only = 0
    for record in body:
        for i in columns:
            found = _NUMERIC_DATE.match(record.cells[i]) if i < len(record.cells) else None
            if found:
                first, second = int(found[1]), int(found[2])
                day_only += first > 12 >= second
                month_only += second > 12 >= first
    return not (month_only and not day_only)


_DATES = frozenset({"date", "end_date"})


def _read_body(
    body: Sequence[RawRecord], header_record: RawRecord, header: _Header, day_first: bool = True
) -> tuple[list[RowReading], list[SkippedLine]]:
    """The records between header and footer as rows, less the lines that interrupt them."""
    rows: list[RowReading] = []
    interruptions: list[SkippedLine] = []
    for record in body:
        reason = _interruption(record, header_record)
        if reason is not None:
            interruptions.append(SkippedLine(record.line, record.raw_text, reason))
        else:
            rows.append(read_row(len(rows) + 1, record, header.names, header.mapping, day_first))
    return rows, interruptions


def _interruption(record: RawRecord, header_record: RawRecord) -> str | None:
    """Why a line among the records is not one: a page break or the header printed again."""
    if is_page_marker(record):
        return _PAGE_BREAK
    if _trimmed(record.cells) == _trimmed(header_record.cells):
        return _HEADER_AGAIN
    return None


def _trimmed(cells: Sequence[str]) -> list[str]:
    stripped = [cell.strip() for cell in cells]
    while stripped and not stripped[-1]:
        stripped.pop()
    return stripped


def read_row(
    row: int,
    record: RawRecord,
    header: Sequence[str],
    mapping: Mapping[str, str],
    day_first: bool = True,
) -> RowReading:
    """Read one record against the header; a bad date or time makes it unreadable, not lost."""
    by_field = _cells_by_field(record.cells, header, mapping)
    # The same derivation the read models use on stored cells, so both always agree.
    fields = fields_from_cells(record.cells, header, mapping)
    try:
        when, time = _read_when_and_time(by_field, mapping, day_first)
        end_date = _read_end_date(by_field, mapping, when, day_first)
    except _RowProblem as problem:
        return RowReading(
            row=row,
            line=record.line,
            cells=record.cells,
            raw_text=record.raw_text,
            problem=f"row {row}, line {record.line}, column {problem.column!r}: {problem.reason}",
            problem_column=problem.column,
        )
    if end_date is not None:
        fields["end_date"] = end_date
    return RowReading(
        row=row,
        line=record.line,
        cells=record.cells,
        raw_text=record.raw_text,
        when=when,
        time=time,
        fields=fields,
    )


def _read_when_and_time(
    by_field: Mapping[str, str], mapping: Mapping[str, str], day_first: bool = True
) -> tuple[RecordedDate | None, str | None]:
    date_text = _value(by_field, "date")
    time_text = _value(by_field, "time")
    try:
        # A bad time written inside the date cell ("16/06/2012 25:99") is that cell's fault.
        when, time_in_date = (
            read_when(date_text, day_first=day_first) if date_text else (None, None)
        )
    except (DateReadError, TimeReadError) as problem:
        raise _RowProblem(_column_for(mapping, "date"), str(problem)) from None
    try:
        time = read_time(time_text) if time_text else time_in_date
    except TimeReadError as problem:
        raise _RowProblem(_column_for(mapping, "time"), str(problem)) from None
    return _qualified(when, _value(by_field, "date_qualifier")), time


def _value(by_field: Mapping[str, str], field: str) -> str:
    """A cell's value for reading: trimmed, and unwrapped from Excel's `="..."` text formula."""
    text = by_field.get(field, "").strip()
    formula = _EXCEL_TEXT_FORMULA.fullmatch(text)
    return formula["value"].replace('""', '"').strip() if formula else text


def _qualified(when: RecordedDate | None, qualifier: str) -> RecordedDate | None:
    if when is None or not qualifier:
        return when
    try:
        return qualify_date(when, qualifier)
    except DateReadError:
        # An unknown qualifier word ("period") is kept verbatim in the fields, never guessed at.
        return when


def _read_end_date(
    by_field: Mapping[str, str],
    mapping: Mapping[str, str],
    when: RecordedDate | None,
    day_first: bool = True,
) -> str | None:
    """The end of a span given in its own column, as an ISO date; None when there is none."""
    end_text = _value(by_field, "end_date")
    if not end_text or when is None:
        return None
    column = _column_for(mapping, "end_date")
    try:
        end = read_date(end_text, day_first=day_first)
    except DateReadError as problem:
        raise _RowProblem(column, str(problem)) from None
    if end.latest < when.earliest:
        raise _RowProblem(column, f"the end date {end_text!r} is before the date {when.text!r}")
    return end.latest.isoformat()


def _split_with_header(
    text: str, file_name: str, overrides: Mapping[str, str]
) -> tuple[str, list[RawRecord], _Header]:
    """Records split by the likeliest delimiter that yields a header.

    The sniffed delimiter is usually right; when its records hold no header (a title line and a
    header with nothing under them look alike split any way), the others are tried before the
    first delimiter's error is reported.
    """
    first_error: UnreadableFileError | ColumnMappingError | None = None
    for delimiter in rank_delimiters(text):
        records = list(read_records(text, delimiter))
        try:
            return delimiter, records, _find_header(records, file_name, overrides)
        except (UnreadableFileError, ColumnMappingError) as error:
            first_error = first_error or error
    assert first_error is not None
    raise first_error


def _find_header(
    records: Sequence[RawRecord], file_name: str, overrides: Mapping[str, str]
) -> _Header:
    candidates = [i for i, r in enumerate(records) if not r.is_blank][:_HEADER_SEARCH_DEPTH]
    if not candidates:
        raise UnreadableFileError(file_name, "the file has no records")
    best: tuple[int, int] | None = None  # (fields mapped, index)
    for index in candidates:
        fields = _header_fields(records[index], overrides)
        if fields and (best is None or fields > best[0]):
            best = (fields, index)
    if best is None:
        _check_overrides_found([records[i] for i in candidates], overrides)
        raise UnreadableFileError(file_name, _no_header_reason(records[candidates[0]]))
    names = unique_headers(records[best[1]].cells)
    # Mapped again with the user's overrides, so a bad override is reported against this header.
    return _Header(best[1], names, map_columns(names, overrides))


def _header_fields(record: RawRecord, overrides: Mapping[str, str]) -> int:
    """How many fields `record` maps as a header with a date column; 0 if it cannot be one."""
    if len(record.filled_cells) < 2 or _looks_like_data(record.cells):
        return 0
    names = unique_headers(record.cells)
    mapping = map_columns(names, overrides if headers_named_by(names, overrides) else None)
    return len(mapping) if "date" in mapping.values() else 0


def _check_overrides_found(records: Sequence[RawRecord], overrides: Mapping[str, str]) -> None:
    """A header that --map names but no line holds is the user's mistake to hear about first."""
    if not overrides or any(headers_named_by(r.cells, overrides) for r in records):
        return
    likely = next((r for r in records if len(r.filled_cells) >= 2), records[0])
    raise ColumnMappingError(
        f"--map names {', '.join(repr(name) for name in overrides)}, but no line at the top of "
        f"the file has all of those columns; line {likely.line} has: "
        f"{', '.join(unique_headers(likely.cells))}"
    )


def _no_header_reason(first: RawRecord) -> str:
    quoted = repr(first.raw_text[:_QUOTED_TEXT_LIMIT])
    if _looks_like_data(first.cells):
        problem = f"line {first.line} ({quoted}) is data, not a header, and no header follows it"
    else:
        problem = f"no recognisable header: line {first.line} ({quoted}) names no date column"
    return (
        f"{problem}. Add a header row naming the columns, or say which column holds the date "
        'with --map "Header=date"'
    )


def _looks_like_data(cells: Sequence[str]) -> bool:
    """A first line full of dates is a data row, not a header (the header was left off)."""
    for cell in cells:
        try:
            read_date(cell)
        except DateReadError:
            continue
        return True
    return False


def _footer_start(body: Sequence[RawRecord]) -> int:
    end = len(body)
    while end > 0 and is_footer(body[end - 1]):
        end -= 1
    return end


def _skipped(records: Sequence[RawRecord], reason: str) -> list[SkippedLine]:
    return [SkippedLine(r.line, r.raw_text, reason) for r in records if not r.is_blank]


def _cells_by_field(
    cells: Sequence[str], header: Sequence[str], mapping: Mapping[str, str]
) -> dict[str, str]:
    by_field = {}
    for position, name in enumerate(header):
        field = mapping.get(name)
        if field is not None:
            by_field[field] = cells[position] if position < len(cells) else ""
    return by_field


def _column_for(mapping: Mapping[str, str], field: str) -> str | None:
    return next((name for name, mapped in mapping.items() if mapped == field), None)

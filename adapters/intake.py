"""Reading one agency's chronology file into a FileReading: every record, readable or not.

This is the whole of intake's judgement: which line is the header, which columns mean what, and
for each record either a reading (date, time, canonical fields) or the reason it cannot be read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence

from adapters.columns import map_columns, unique_headers
from adapters.csv_table import RawRecord, is_footer, read_records, sniff_delimiter
from adapters.dates import DateReadError, TimeReadError, qualify_date, read_date, read_time, read_when
from adapters.decoding import decode
from adapters.errors import ColumnMappingError, UnreadableFileError
from domain.recorded_date import RecordedDate
from domain.readings import FileReading, RowReading, SkippedLine

# A title or a few notes above the header are common in exports; beyond this many records we
# stop looking for a header and call the file unrecognisable.
_HEADER_SEARCH_DEPTH = 10


def read_chronology(
    content: bytes, file_name: str, overrides: Mapping[str, str] | None = None
) -> FileReading:
    """Read `content` (the uploaded bytes of `file_name`); raise UnreadableFileError if it is
    not a chronology at all. Rows that cannot be read are returned with their reasons."""
    text, encoding = decode(content, file_name)
    delimiter = sniff_delimiter(text)
    records = [r for r in read_records(text, delimiter)]
    header_index, mapping = _find_header(records, file_name, overrides)
    header = unique_headers(records[header_index].cells)
    skipped = [
        SkippedLine(r.line, r.raw_text, "above the header") for r in records[:header_index] if not r.is_blank
    ]
    body = [r for r in records[header_index + 1 :] if not r.is_blank]
    footer_start = _footer_start(body)
    skipped += [SkippedLine(r.line, r.raw_text, "summary line after the last record") for r in body[footer_start:]]
    rows = [read_row(number, record, header, mapping) for number, record in _numbered(body[:footer_start])]
    return FileReading(
        file_name=file_name,
        content_sha256=hashlib.sha256(content).hexdigest(),
        byte_count=len(content),
        encoding=encoding,
        delimiter=delimiter,
        header=header,
        column_mapping=mapping,
        rows=rows,
        skipped=skipped,
    )


def read_row(row: int, record: RawRecord, header: Sequence[str], mapping: Mapping[str, str]) -> RowReading:
    """Read one record against the header; a bad date or time makes it unreadable, not lost."""
    by_field = _cells_by_field(record.cells, header, mapping)
    overflow = [cell for cell in record.cells[len(header) :] if cell.strip()]
    fields = {field: value for field, value in by_field.items() if value.strip()}
    if overflow:
        fields["overflow"] = " | ".join(overflow)
    try:
        when, time = _read_when_and_time(by_field)
    except (DateReadError, TimeReadError) as problem:
        column = _column_for(mapping, "time" if isinstance(problem, TimeReadError) else "date")
        return _unreadable_row(row, record, f"column {column!r}: {problem}", column)
    if "end_date" in by_field and by_field["end_date"].strip() and when is not None:
        try:
            end = read_date(by_field["end_date"])
        except DateReadError as problem:
            column = _column_for(mapping, "end_date")
            return _unreadable_row(row, record, f"column {column!r}: {problem}", column)
        fields["end_date"] = end.latest.isoformat()
    return RowReading(
        row=row, line=record.line, cells=record.cells, raw_text=record.raw_text,
        when=when, time=time, fields=fields,
    )


def _read_when_and_time(by_field: Mapping[str, str]) -> tuple[RecordedDate | None, str | None]:
    date_text = by_field.get("date", "").strip()
    time_text = by_field.get("time", "").strip()
    when, time_in_date = read_when(date_text) if date_text else (None, None)
    qualifier = by_field.get("date_qualifier", "").strip()
    if when is not None and qualifier:
        try:
            when = qualify_date(when, qualifier)
        except DateReadError:
            pass  # an unknown qualifier word is kept verbatim in the fields, never guessed at
    time = read_time(time_text) if time_text else time_in_date
    return when, time


def _unreadable_row(row: int, record: RawRecord, reason: str, column: str | None) -> RowReading:
    return RowReading(
        row=row,
        line=record.line,
        cells=record.cells,
        raw_text=record.raw_text,
        problem=f"row {row}, line {record.line}, {reason}",
        problem_column=column,
    )


def _find_header(
    records: Sequence[RawRecord], file_name: str, overrides: Mapping[str, str] | None
) -> tuple[int, dict[str, str]]:
    candidates = [i for i, r in enumerate(records) if not r.is_blank][:_HEADER_SEARCH_DEPTH]
    if not candidates:
        raise UnreadableFileError(file_name, "the file has no records")
    mapping_error: ColumnMappingError | None = None
    for index in candidates:
        record = records[index]
        if len(record.filled_cells) < 2 or _looks_like_data(record.cells):
            continue
        try:
            mapping = map_columns(unique_headers(record.cells), overrides)
        except ColumnMappingError as error:
            mapping_error = mapping_error or error
            continue
        if "date" in mapping.values():
            return index, mapping
    if mapping_error is not None:
        raise mapping_error
    first = records[candidates[0]]
    raise UnreadableFileError(
        file_name,
        f"no recognisable header: line {first.line} ({first.raw_text[:80]!r}) names no date column. "
        'Add a header row, or say which column holds the date with --map "Header=date"',
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


def _numbered(records: Sequence[RawRecord]) -> Iterator[tuple[int, RawRecord]]:
    return enumerate(records, start=1)


def _cells_by_field(cells: Sequence[str], header: Sequence[str], mapping: Mapping[str, str]) -> dict[str, str]:
    by_field = {}
    for position, name in enumerate(header):
        field = mapping.get(name)
        if field is not None:
            by_field[field] = cells[position] if position < len(cells) else ""
    return by_field


def _column_for(mapping: Mapping[str, str], field: str) -> str | None:
    return next((name for name, mapped in mapping.items() if mapped == field), None)

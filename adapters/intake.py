"""Reading one agency's chronology file into a FileReading: every record, readable or not.

Owns intake's judgement once a file is tables of records (`source_files.py` reads CSV,
workbooks and Word documents into them): which tables are the chronology, which line is the
header (`layout.py`), which columns mean what (`column_roles.py`), which lines are titles,
section headings or page breaks (`page_furniture.py`) or summaries rather than records, where
one sheet stacks several tables (`table_blocks.py`), and for each record either a
reading (date, time, canonical fields) or the reason it cannot be read. Nothing in the file is
dropped silently: every non-blank record is a row or a skipped line with its reason.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from adapters.column_roles import CONTENT_SHARE, assign_roles, is_date_cell, profile_columns
from adapters.csv_table import is_footer
from adapters.dates import (
    DateReadError,
    Moment,
    TimeReadError,
    day_in_month_of,
    holds_no_date,
    moment_or_none,
    qualify_date,
    read_moment,
    read_time,
    recalls_when,
    states_no_date,
)
from adapters.dates.told_from_above import days_after_above
from adapters.errors import UnreadableFileError
from adapters.intake_limits import IntakeLimits
from adapters.layout import Layout, find_layout
from adapters.page_furniture import (
    HEADER_AGAIN,
    SECTION_HEADING,
    PageFurniture,
    interruption,
    page_furniture,
    period_named,
    section_heading,
    trimmed,
)
from adapters.source_files import read_source
from adapters.source_table import SourceFile, SourceRecord, SourceTable, TableKind
from adapters.table_blocks import blocks
from adapters.titled_tables import titled_tables
from domain.bulk_work import collection_paused
from domain.readings import (
    ColumnDecision,
    FileReading,
    RowReading,
    SkippedLine,
    fields_at,
    mapped_positions,
)
from domain.recorded_date import Precision, RecordedDate

_ABOVE_HEADER = "above the header"
_BELOW_RECORDS = "summary line after the last record"
# Excel exports write `="0128"` to keep a leading zero; the value is what sits in the quotes.
_EXCEL_TEXT_FORMULA = re.compile(r'="(?P<value>(?:[^"]|"")*)"')
# A date written without its year is read in the year that puts it on or after the record
# above (chronologies run forward), allowing this many days of records out of order.
_BACKWARD_DAYS = 31
# A record dated within a span this short (a day, "Easter 2023") says where the chronology is.
_NEAR_DAYS = 62


@dataclass(frozen=True)
class _Chronology:
    """One table that reads as a chronology: its layout, mapping and logical records."""

    table: SourceTable
    layout: Layout
    mapping: dict[str, str]
    decisions: list[ColumnDecision]
    records: list[SourceRecord]
    skipped: list[SkippedLine]
    # What a printed report repeats among the records (its header, its title lines).
    furniture: PageFurniture


class _RowProblem(Exception):
    """A cell that makes its row unreadable, and the column it is in."""

    def __init__(self, column: str | None, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason


def read_chronology(
    content: bytes,
    file_name: str,
    overrides: Mapping[str, str] | None = None,
    limits: IntakeLimits | None = None,
) -> FileReading:
    """Read `content` (the uploaded bytes of `file_name`); raise UnreadableFileError if it is
    not a chronology at all, or holds more than `limits` allow. Rows that cannot be read are
    returned with their reasons."""
    with collection_paused():
        return _read_chronology(content, file_name, overrides or {}, limits)


def _read_chronology(
    content: bytes, file_name: str, overrides: Mapping[str, str], limits: IntakeLimits | None
) -> FileReading:
    source = read_source(content, file_name, limits)
    chronologies, set_aside = _chronologies(source, file_name, overrides)
    names, mapping = _joined_header(chronologies)
    day_first = _day_first(chronologies)
    rows: list[RowReading] = []
    skipped: list[SkippedLine] = []
    for chronology in chronologies:
        rows.extend(_read_records(chronology, names, len(rows), day_first))
        skipped.extend(sorted(chronology.skipped, key=lambda s: s.line))
    several = len(chronologies) > 1
    return FileReading(
        file_name=file_name,
        content_sha256=hashlib.sha256(content).hexdigest(),
        byte_count=len(content),
        encoding=source.encoding,
        delimiter=source.delimiter,
        header=names,
        column_mapping=mapping,
        day_first=day_first,
        rows=rows,
        skipped=skipped,
        file_type=source.file_type,
        tables_read=[c.table.name for c in chronologies if c.table.name],
        tables_skipped=source.skipped + set_aside,
        decisions=[
            replace(d, reason=f"{c.table.name}: {d.reason}") if several else d
            for c in chronologies
            for d in c.decisions
        ],
        header_found=all(c.layout.header_index is not None for c in chronologies),
        notes=[f"{c.table.name}: {note}" for c in chronologies for note in c.table.notes],
    )


def _chronologies(
    source: SourceFile, file_name: str, overrides: Mapping[str, str]
) -> tuple[list[_Chronology], list[str]]:
    """The tables that read as chronologies, continued tables joined to the one they continue,
    and the tables set aside with the reason. Refuses a file with none."""
    found: list[_Chronology] = []
    set_aside: list[str] = []
    for table in (block for whole in source.tables for block in blocks(whole)):
        previous = found[-1] if found else None
        continued = _continuation(table, previous)
        if continued is not None:
            found[-1] = continued
            continue
        chronology = _chronology(table, overrides)
        if chronology is None or not (chronology.records or table.kind is TableKind.CSV):
            if table.name:
                reason = "no column of dates" if chronology is None else "no records"
                set_aside.append(f"{table.name}: {reason}")
            continue
        found.append(chronology)
    forms = [c for c in found if _is_form(c)]
    if forms and len(forms) < len(found):
        set_aside += [f"{c.table.name}: {_FORM}" for c in forms]
        found = [c for c in found if c not in forms]
    lists = [c for c in found if "summary" not in c.mapping.values()]
    if lists and len(lists) < len(found):
        # A register beside the chronology (a staff list with start dates) has dates on every
        # row but no account of anything: the chronology's tables say what happened.
        set_aside += [f"{c.table.name}: {_LIST}" for c in lists]
        found = [c for c in found if c not in lists]
    if _is_word_document(source) and len(found) > 1:
        # A Word document's chronology is its largest table (others are the IMR's front matter:
        # agency details, document control); tables continued across pages are joined above.
        largest = max(found, key=lambda c: len(c.records))
        set_aside += [f"{c.table.name}: a smaller table beside the chronology" for c in found]
        set_aside.remove(f"{largest.table.name}: a smaller table beside the chronology")
        found = [largest]
    if not found:
        found = _read_another_way(source, overrides)
    if not found:
        raise UnreadableFileError(file_name, _no_chronology_reason(source))
    return found, set_aside


def _read_another_way(source: SourceFile, overrides: Mapping[str, str]) -> list[_Chronology]:
    """Minutes a table each, else paragraphs that begin with dates: read only when no table is
    a chronology, as the text around a chronology table is not one."""
    for table in (titled_tables(source), source.dated_paragraphs):
        if table is not None and (chronology := _chronology(table, overrides)) is not None:
            return [chronology]
    return []


_FORM = "a form of details (labels beside their values) beside the chronology"
_LIST = "a list beside the chronology (dates, but no column of narrative)"


def _is_form(chronology: _Chronology) -> bool:
    """True for a table of labels beside values ("Date prepared | 01/02/2016") that reads as a
    chronology of a row or two: a cover sheet's or an IMR's agency details. Its dates stand in
    the second of the two columns it uses, beside fewer than half of its rows."""
    rows = [r for r in chronology.table.records if not r.is_blank]
    if any(len(r.filled_cells) > 2 for r in rows):
        return False
    # The two columns in use, wherever they stand (a sheet may leave its first column empty).
    used = sorted({i for r in rows for i, cell in enumerate(r.cells) if cell.strip()})
    if len(used) != 2 or chronology.layout.date_position != used[1]:
        return False
    values = used[1]
    dated = sum(
        1 for r in rows if len(r.cells) > values and is_date_cell(r.cells[values], r.value(values))
    )
    return dated < len(rows) / 2


def _no_chronology_reason(source: SourceFile) -> str:
    if not source.tables or not any(not r.is_blank for t in source.tables for r in t.records):
        return "the file has no records"
    kinds = {table.kind for table in source.tables}
    where = {TableKind.SHEET: "no sheet", TableKind.WORD_TABLE: "no table"}.get(
        kinds.pop() if len(kinds) == 1 else TableKind.CSV, "no column"
    )
    if where == "no column":
        return "no column holds dates, so this is not a chronology (each row needs its date)"
    return f"{where} has a column of dates, so this is not a chronology (each row needs its date)"


def _is_word_document(source: SourceFile) -> bool:
    return bool(source.tables) and all(t.kind is TableKind.WORD_TABLE for t in source.tables)


def _chronology(table: SourceTable, overrides: Mapping[str, str]) -> _Chronology | None:
    layout = find_layout(table.records, overrides)
    if layout is None:
        return None
    body = [r for r in table.records[layout.body_start :] if not r.is_blank]
    end = len(body)
    while end > 0 and (is_footer(body[end - 1]) or _lone_trailer(body[end - 1], body)):
        end -= 1
    furniture = page_furniture(table, layout)
    # Columns are judged by their records, not by the page furniture printed among them.
    judged = [r for r in body[:end] if interruption(r, furniture) is None]
    profiles = profile_columns(layout.names, judged)
    mapping, decisions = assign_roles(layout.names, profiles, overrides)
    dated = next((p for p in profiles if mapping.get(p.name) == "date"), None)
    if dated is None:
        return None
    if table.kind is not TableKind.CSV and dated.share(dated.dates + dated.recollections) < (
        CONTENT_SHARE
    ):
        # A sheet or table beside the chronology (a key, notes, a document's front matter)
        # may hold a date or two; the chronology's own date column holds mostly dates, or the
        # times people recall ("The night of the fire") where it is their accounts.
        return None
    if layout.header_index is None:
        decisions.insert(
            0,
            ColumnDecision("", None, "the file has no header row: columns are named by position"),
        )
    above = [r for r in table.records[: layout.header_index or 0] if not r.is_blank]
    skipped = _skipped(table, above, _ABOVE_HEADER) + _skipped(table, body[end:], _BELOW_RECORDS)
    return _Chronology(table, layout, mapping, decisions, body[:end], skipped, furniture)


def _lone_trailer(record: SourceRecord, body: Sequence[SourceRecord]) -> bool:
    """A last line of a cell or two of words and no date ("10 record(s) listed", "END OF
    EXTRACT (43 entries, 13 logs)") under records that fill several cells each is a summary of
    the table, not a record of it."""
    filled = record.filled_cells
    if not 1 <= len(filled) <= 2 or len(body) < 3 or any(is_date_cell(c) for c in filled):
        return False
    widths = sorted(len(r.filled_cells) for r in body)
    return widths[len(widths) // 2] >= 3


def _continuation(table: SourceTable, previous: _Chronology | None) -> _Chronology | None:
    """`previous` with `table`'s records when `table` continues it across a page break: a Word
    table of the same width that repeats its header or has none."""
    if previous is None or table.kind is not TableKind.WORD_TABLE:
        return None
    rows = [r for r in table.records if not r.is_blank]
    if not rows or len(rows[0].cells) != len(previous.layout.names):
        return None
    index = previous.layout.header_index
    header = previous.table.records[index] if index is not None else None
    if header is not None and trimmed(rows[0].cells) == trimmed(header.cells):
        return replace(
            previous,
            records=previous.records + rows[1:],
            skipped=previous.skipped + _skipped(table, rows[:1], HEADER_AGAIN),
        )
    layout = find_layout(table.records, {})
    if layout is None or layout.header_index is not None:
        return None  # no chronology, or a table with a header of its own
    return replace(previous, records=previous.records + rows)


def _joined_header(chronologies: Sequence[_Chronology]) -> tuple[list[str], dict[str, str]]:
    """One header for the whole file: the chronology tables' column names in order of first
    appearance (the same name is one column), and their mappings joined."""
    names: list[str] = []
    mapping: dict[str, str] = {}
    for chronology in chronologies:
        for name in chronology.layout.names:
            if name not in names:
                names.append(name)
        for name, field in chronology.mapping.items():
            mapping.setdefault(name, field)
    return names, {name: mapping[name] for name in names if name in mapping}


_NUMERIC_DATE = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\b")


def _day_first(chronologies: Sequence[_Chronology]) -> bool:
    """Whether the file writes numeric dates day first (the UK way) or month first (as some
    systems export): month first only when some date can only be month/day/year ("10/23/2014")
    and none can only be day/month/year ("23/10/2014")."""
    day_only = month_only = 0
    for chronology in chronologies:
        names = chronology.layout.names
        columns = [i for i, n in enumerate(names) if chronology.mapping.get(n) in _DATES]
        for record in chronology.records:
            for i in columns:
                found = _NUMERIC_DATE.match(record.cells[i]) if i < len(record.cells) else None
                if found:
                    first, second = int(found[1]), int(found[2])
                    day_only += first > 12 >= second
                    month_only += second > 12 >= first
    return not (month_only and not day_only)


_DATES = frozenset({"date", "end_date", "recorded_date"})


def _read_records(
    chronology: _Chronology, names: Sequence[str], numbered: int, day_first: bool
) -> list[RowReading]:
    """The chronology's records as rows, numbered on from `numbered`, less the lines that
    interrupt them (recorded in its skipped lines)."""
    table, layout = chronology.table, chronology.layout
    date_column = next((n for n, f in chronology.mapping.items() if f == "date"), None)
    date_position = layout.names.index(date_column) if date_column else -1
    furniture = chronology.furniture
    relaid = list(layout.names) != list(names)  # a table of a file joined from several
    columns = Columns(names, chronology.mapping)
    rows: list[RowReading] = []
    # A sheet named for its month or year ("Nov-23", "2021") gives its year to dates written
    # without one ("28-Nov"), as a section heading does.
    after = period_named(table)
    day_above: RecordedDate | None = None
    records = _logical_records(chronology.records, date_position)
    wide = _median_width(records) >= _WIDE_RECORD
    for record in records:
        reason = interruption(record, furniture)
        if reason is None and (heading := section_heading(record)) is not None:
            reason, after = SECTION_HEADING, heading or after
        elif reason is None and wide and _names_a_section(record):
            reason = SECTION_HEADING
        place = _place(table, record)
        if reason is not None:
            chronology.skipped.append(SkippedLine(record.line, record.raw_text, reason, place))
            continue
        cells = _laid_out(record.cells, layout.names, names) if relaid else record.cells
        row = read_row(
            numbered + len(rows) + 1,
            record if cells is record.cells else replace(record, cells=cells),
            columns,
            day_first,
            after,
            place,
            day_above,
        )
        if row.when is not None and (row.when.latest - row.when.earliest).days <= _NEAR_DAYS:
            after = row.when.earliest
        day_above = (
            row.when if row.when is not None and row.when.earliest == row.when.latest else None
        )
        rows.append(row)
    return rows


# Records that fill this many cells, most of them, are a table's: a lone cell among them is
# something else.
_WIDE_RECORD = 3


def _median_width(records: Sequence[SourceRecord]) -> int:
    widths = sorted(len(r.filled_cells) for r in records)
    return widths[len(widths) // 2] if widths else 0


def _names_a_section(record: SourceRecord) -> bool:
    """True for a line of words alone in the first column, among records that fill several
    cells ("Care Act advocacy – s42 enquiry (2022)", a service's name merged across the table):
    it heads the records below, as a year or month alone does, and is no record. A lone day,
    or words saying when or that the date is not known, stay a record's."""
    lone = record.lone_cell
    if lone is None or not record.cells[0].strip() or record.value(0) is not None:
        return False
    text = lone.strip()
    moment = moment_or_none(text)
    if moment is not None and moment.when.precision is Precision.DAY:
        return False
    return not (recalls_when(text) or states_no_date(text))


def _logical_records(records: Sequence[SourceRecord], date_position: int) -> list[SourceRecord]:
    """Records with each continuation row (its date cell merged with the row above, as Word
    tables write one record over two rows) joined to the record it continues."""
    joined: list[SourceRecord] = []
    for record in records:
        if joined and date_position in record.merged_above:
            above = joined[-1]
            cells = [
                _joined_cell(above.cells, record.cells, i, record.merged_above)
                for i in range(max(len(above.cells), len(record.cells)))
            ]
            joined[-1] = replace(
                above, cells=cells, raw_text=f"{above.raw_text}\n{record.raw_text}"
            )
        else:
            joined.append(record)
    return joined


def _joined_cell(above: Sequence[str], below: Sequence[str], i: int, merged: frozenset[int]) -> str:
    top = above[i] if i < len(above) else ""
    bottom = below[i] if i < len(below) and i not in merged else ""
    return f"{top}\n{bottom}" if top.strip() and bottom.strip() else (top or bottom)


def _laid_out(cells: list[str], own: Sequence[str], joined: Sequence[str]) -> list[str]:
    """A record's cells under the file's joined header (unchanged for a one-table file)."""
    if list(own) == list(joined):
        return cells
    by_name = dict(zip(own, cells, strict=False))
    laid = [by_name.get(name, "") for name in joined]
    return laid + cells[len(own) :]


class Columns:
    """A file's header and column mapping, with the positions each field is read from worked
    out once for all its rows."""

    def __init__(self, header: Sequence[str], mapping: Mapping[str, str]) -> None:
        self.header = header
        self.mapping = mapping
        self.positions = mapped_positions(header, mapping)


def read_row(
    row: int,
    record: SourceRecord,
    columns: Columns,
    day_first: bool = True,
    after: date | None = None,
    place: str = "",
    day_above: RecordedDate | None = None,
) -> RowReading:
    """Read one record against the header; a bad date or time makes it unreadable, not lost.
    `day_above` is the day of the record above, for a record that gives a time and no date."""
    mapping = columns.mapping
    by_field = _cells_by_field(record.cells, columns.positions)
    # The same derivation the read models use on stored cells, so both always agree.
    fields = fields_at(record.cells, columns.positions, len(columns.header))
    place = place or f"line {record.line}"
    try:
        moment = _read_moment(by_field, mapping, day_first, after, day_above)
        end_date = _read_end_date(by_field, mapping, moment, day_first)
    except _RowProblem as problem:
        return RowReading(
            row=row,
            line=record.line,
            cells=record.cells,
            raw_text=record.raw_text,
            problem=f"row {row}, {place}, column {problem.column!r}: {problem.reason}",
            problem_column=problem.column,
            place=place,
        )
    if end_date is not None:
        fields["end_date"] = end_date
    return RowReading(
        row=row,
        line=record.line,
        cells=record.cells,
        raw_text=record.raw_text,
        when=moment.when if moment else None,
        time=moment.time if moment else None,
        fields=fields,
        place=place,
        written_zone=moment.written_zone if moment else None,
    )


def _read_moment(
    by_field: Mapping[str, str],
    mapping: Mapping[str, str],
    day_first: bool,
    after: date | None,
    day_above: RecordedDate | None = None,
) -> Moment | None:
    date_text = _value(by_field, "date")
    # A record written over two table rows keeps each row's time, one a line ("08:40\n15:10",
    # see _logical_records): the record's own time is when it began, the first.
    time_text = _value(by_field, "time").split("\n", 1)[0].strip()
    if states_no_date(time_text):  # "—", "n/k": no time was written, as a person reads it
        time_text = ""
    # A log's row with a time and an empty date cell ("| 14:45 | Officers deployed") under a
    # dated one continues that day, as a person reads it.
    continues_day = not date_text and not _value(by_field, "recorded_date") and bool(time_text)
    date_field = "date"
    if not date_text and _value(by_field, "recorded_date"):
        date_text, date_field = _value(by_field, "recorded_date"), "recorded_date"
    year_text = _value(by_field, "year")
    if year_text.isdigit():
        # A file that gives the year in a column of its own ("Year": 2023) beside dates
        # written without one: that is the year to read them in.
        after = date(int(year_text), 1, 1)
    told: Moment | None = None
    shift = days_after_above(date_text) if date_text else None
    if shift is not None:
        # "That afternoon", "The next morning": the day of the record above, or the day after;
        # undated where the record above gives no single day.
        if day_above is not None:
            day = day_above.earliest + timedelta(days=shift)
            told = Moment(RecordedDate(date_text, day, day, Precision.DAY, approximate=True), None)
        date_text = ""
    if date_text and (holds_no_date(date_text) or states_no_date(date_text)):
        # "The week of her birthday", "Not recorded": a person can read it but not date it; the
        # row is undated.
        date_text = ""
    try:
        # A bad time written inside the date cell ("16/06/2012 25:99") is that cell's fault.
        moment = _read_forward(date_text, day_first, after) if date_text else told
    except (DateReadError, TimeReadError) as problem:
        if not recalls_when(date_text):
            raise _RowProblem(_column_for(mapping, date_field), str(problem)) from None
        # "The winter before (the fire)": a person's when, read as nobody can date it.
        moment = None
    try:
        time = read_time(time_text) if time_text else None
    except TimeReadError as problem:
        raise _RowProblem(_column_for(mapping, "time"), str(problem)) from None
    if moment is None and continues_day and day_above is not None:
        moment = Moment(day_above, None)
    if moment is None:
        return None
    if time_text:
        moment = moment._replace(time=time)
    when = _qualified(moment.when, _value(by_field, "date_qualifier"))
    return moment if when is moment.when else moment._replace(when=when)


def _read_forward(text: str, day_first: bool, after: date | None) -> Moment:
    """A date cell read in the year that puts a date written without one on or after the
    record above ("03/01" after "Christmas Day 2021" is 3 January 2022)."""
    if after is None or after == date.min:
        return read_moment(text, day_first=day_first)
    day = day_in_month_of(text, after)  # "11th" under "May 2021"
    if day is not None:
        return day
    moment = read_moment(text, day_first=day_first, year=after.year)
    if moment.when.latest < after - timedelta(days=_BACKWARD_DAYS):
        try:
            later = read_moment(text, day_first=day_first, year=after.year + 1)
        except (DateReadError, TimeReadError):
            return moment
        if later.when != moment.when:
            return later
    return moment


def _value(by_field: Mapping[str, str], field: str) -> str:
    """A cell's value for reading: trimmed, and unwrapped from Excel's `="..."` text formula."""
    text = by_field.get(field)
    if not text:
        return ""
    text = text.strip()
    if not text.startswith('="'):
        return text  # the formula's shape begins so: most cells need no match tried
    formula = _EXCEL_TEXT_FORMULA.fullmatch(text)
    return formula["value"].replace('""', '"').strip() if formula else text


def _qualified(when: RecordedDate, qualifier: str) -> RecordedDate:
    if not qualifier:
        return when
    try:
        return qualify_date(when, qualifier)
    except DateReadError:
        # An unknown qualifier word ("period") is kept verbatim in the fields, never guessed at.
        return when


def _read_end_date(
    by_field: Mapping[str, str],
    mapping: Mapping[str, str],
    moment: Moment | None,
    day_first: bool = True,
) -> str | None:
    """The end of a span given in its own column, as an ISO date; None when there is none."""
    end_text = _value(by_field, "end_date")
    if not end_text or moment is None:
        return None
    column = _column_for(mapping, "end_date")
    try:
        # An end may carry a time ("03/03/2022 15:00"), a zone, or leave out its start's year.
        end = read_moment(end_text, day_first=day_first, year=moment.when.earliest.year).when
    except (DateReadError, TimeReadError) as problem:
        raise _RowProblem(column, str(problem)) from None
    if end.latest < moment.when.earliest:
        raise _RowProblem(
            column, f"the end date {end_text!r} is before the date {moment.when.text!r}"
        )
    return end.latest.isoformat()


def _place(table: SourceTable, record: SourceRecord) -> str:
    """Where a record stands: its own place (a continued table's row), else by its table."""
    return record.place or table.place(record.line)


def _skipped(table: SourceTable, records: Sequence[SourceRecord], reason: str) -> list[SkippedLine]:
    return [
        SkippedLine(r.line, r.raw_text, reason, _place(table, r)) for r in records if not r.is_blank
    ]


def _cells_by_field(cells: Sequence[str], positions: Sequence[tuple[int, str]]) -> dict[str, str]:
    """Each mapped field's cell: the first of its columns that holds something."""
    by_field: dict[str, str] = {}
    count = len(cells)
    for position, field in positions:
        if not by_field.get(field, "").strip():
            by_field[field] = cells[position] if position < count else ""
    return by_field


def _column_for(mapping: Mapping[str, str], field: str) -> str | None:
    return next((name for name, mapped in mapping.items() if mapped == field), None)

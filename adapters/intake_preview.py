"""What intake understood of a file before anything is stored: the preview an uploader checks.

`preview_chronology` is pure (bytes, a file name and the uploader's mapping in; a preview out),
so the web upload, the HTTP API and `chronology import --dry-run` show the same thing: the sheet
or table read, each column's role and the reason for it, and the first rows with their dates as
read. `corrected_mapping` turns a role chosen per column back into the `--map` instructions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from adapters.columns import IGNORE, apply_overrides, canonical_fields
from adapters.intake import read_chronology
from domain.readings import FileReading, RowReading, SkippedLine
from domain.recorded_date import Precision, RecordedDate

# Enough rows to see that the dates and the narrative landed in the right columns.
PREVIEW_ROWS = 10


@dataclass(frozen=True)
class ColumnPreview:
    """One column as intake understood it: its role (None: kept verbatim only) and why."""

    name: str
    role: str | None
    reason: str
    set_by_uploader: bool


@dataclass(frozen=True)
class RowPreview:
    """One record as it would be stored: its cells under the header and its date as read."""

    row: int
    line: int
    place: str
    cells: list[str]
    date_text: str | None
    date_read: str | None
    problem: str | None
    problem_column: str | None


@dataclass(frozen=True)
class IntakePreview:
    """A whole file as intake would store it, shown before it is stored."""

    file_name: str
    content_sha256: str
    byte_count: int
    file_type: str
    encoding: str
    delimiter: str
    day_first: bool
    header_found: bool
    tables_read: list[str]
    tables_skipped: list[str]
    notes: list[str]
    columns: list[ColumnPreview]
    first_rows: list[RowPreview]
    records: int
    unreadable: list[RowPreview]
    skipped: list[SkippedLine]
    # The uploader's own instructions, under this file's header names ("Occurred On": "date").
    mapping: dict[str, str]

    @property
    def mapping_lines(self) -> list[str]:
        """The uploader's mapping as `--map` instructions, one per column."""
        return [f"{name}={field}" for name, field in self.mapping.items()]


def roles() -> tuple[str, ...]:
    """Every role a column can be given, `ignore` (kept verbatim, not read) last."""
    return (*canonical_fields(), IGNORE)


def preview_chronology(
    content: bytes,
    file_name: str,
    overrides: Mapping[str, str] | None = None,
    rows: int = PREVIEW_ROWS,
) -> IntakePreview:
    """How `content` would be read under `overrides`; raises as `read_chronology` does."""
    reading = read_chronology(content, file_name, overrides)
    mapping = apply_overrides(reading.header, overrides or {})
    return IntakePreview(
        file_name=reading.file_name,
        content_sha256=reading.content_sha256,
        byte_count=reading.byte_count,
        file_type=reading.file_type,
        encoding=reading.encoding,
        delimiter=reading.delimiter,
        day_first=reading.day_first,
        header_found=reading.header_found,
        tables_read=list(reading.tables_read),
        tables_skipped=list(reading.tables_skipped),
        notes=[d.reason for d in reading.decisions if not d.column] + list(reading.notes),
        columns=_columns(reading, mapping),
        first_rows=[_row(r, reading) for r in reading.rows[:rows]],
        records=len(reading.rows),
        unreadable=[_row(r, reading) for r in reading.unreadable_rows],
        skipped=list(reading.skipped),
        mapping=mapping,
    )


def corrected_mapping(preview: IntakePreview, chosen: Mapping[str, str]) -> dict[str, str]:
    """The uploader's mapping after choosing a role per column of `preview` (column -> role)."""
    shown = {column.name: column.role or IGNORE for column in preview.columns}
    return mapping_from_choices(preview.mapping, shown, chosen)


def mapping_from_choices(
    given: Mapping[str, str], shown: Mapping[str, str], chosen: Mapping[str, str]
) -> dict[str, str]:
    """The mapping `given` before, with each column whose `chosen` role differs from the role
    `shown` for it. Only changed columns become instructions, so intake keeps inferring the
    rest from their cells (a column given the date takes it from the one read as the date)."""
    corrected = dict(given)
    for name, role in shown.items():
        wanted = chosen.get(name)
        if wanted is not None and wanted != role:
            corrected[name] = wanted
    return corrected


def _columns(reading: FileReading, mapping: Mapping[str, str]) -> list[ColumnPreview]:
    reasons: dict[str, list[str]] = {}
    for decision in reading.decisions:
        if decision.column:
            reasons.setdefault(decision.column, []).append(decision.reason)
    return [
        ColumnPreview(
            name=name,
            role=reading.column_mapping.get(name),
            reason="; ".join(reasons.get(name, [])) or "kept verbatim: no role fits its cells",
            set_by_uploader=name in mapping,
        )
        for name in reading.header
    ]


def _row(row: RowReading, reading: FileReading) -> RowPreview:
    width = len(reading.header)
    cells = (row.cells + [""] * width)[:width]
    date_text = row.when.text if row.when else None
    return RowPreview(
        row=row.row,
        line=row.line,
        place=row.place or f"line {row.line}",
        cells=cells,
        date_text=date_text,
        date_read=_date_in_words(row) if row.when else None,
        problem=row.problem,
        problem_column=row.problem_column,
    )


def _date_in_words(row: RowReading) -> str:
    """A row's date as intake read it: '16 Jun 2012 at 14:30', 'Dec 2012 (the month)'."""
    when = row.when
    assert when is not None
    words = _span_in_words(when)
    if when.approximate:
        words = f"about {words}"
    if row.time:
        words += f" at {row.time}"
    if row.written_zone:
        words += f" (UK time; written in {row.written_zone})"
    return words


def _span_in_words(when: RecordedDate) -> str:
    if when.precision is Precision.DAY and when.earliest == when.latest:
        return _day(when.earliest)
    if when.precision is Precision.MONTH:
        return f"{when.earliest:%b %Y} (the month)"
    if when.precision is Precision.YEAR:
        return f"{when.earliest:%Y} (the year)"
    return f"between {_day(when.earliest)} and {_day(when.latest)}"


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"

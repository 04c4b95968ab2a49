"""Where a table's header and records are: found from where the dates are, not from header words.

Exports put titles above the header (some holding a date: "Visit log export - printed
12/01/2023"), leave the header off, or start the table lower down. The records are the run of
rows with a date in one column; the header is the row just above them that reads as names; what
is above the header is skipped and reported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import islice

from adapters.column_roles import is_date_cell
from adapters.columns import headers_named_by, map_columns, unique_headers
from adapters.errors import ColumnMappingError
from adapters.source_table import SourceRecord

# The records looked at to find the date column and the header: a header sits near the top.
SEARCH_RECORDS = 300
# Without a single date, a header naming the date column is looked for among this many records.
HEADER_SEARCH_WITHOUT_DATES = 10
# How far above the first record the header may sit (section headings and notes between).
HEADER_REACH = 5
# The names of a second header row are short ("Channel", "Handler").
_SUBHEADER_CHARACTERS = 30
# A header cell longer than this is a sentence, not a column name.
_HEADER_CELL_CHARACTERS = 80


@dataclass(frozen=True)
class Layout:
    """Where a table's header is (None when it has none) and its column names."""

    header_index: int | None
    names: list[str]
    date_position: int | None

    @property
    def body_start(self) -> int:
        """Index of the first record after the header (0 without one)."""
        return 0 if self.header_index is None else self.header_index + 1


def find_layout(records: Sequence[SourceRecord], overrides: Mapping[str, str]) -> Layout | None:
    """The table's layout, or None when no column of it holds dates (it is no chronology).

    A header the user's `--map` names is taken as the header wherever it stands."""
    top = list(islice((i for i, r in enumerate(records) if not r.is_blank), SEARCH_RECORDS))
    if not top:
        return None
    if overrides:
        named = next((i for i in top if headers_named_by(records[i].cells, overrides)), None)
        if named is None:
            _refuse_missing_override([records[i] for i in top], overrides)
        assert named is not None
        return Layout(named, unique_headers(records[named].cells), None)
    dated = _date_position(records, top)
    if dated is None:
        return _named_header(records, top)
    first = _first_record(records, top, dated)
    header = _header_above(records, top, first, dated)
    if header is None:
        width = max(len(records[i].cells) for i in top)
        return Layout(None, [f"Column {n}" for n in range(1, width + 1)], dated)
    below = next((i for i in top if header < i < first), None)
    if below is not None and _second_header_row(records[header], records[below]):
        names = _two_row_names(records[header].cells, records[below].cells)
        return Layout(below, unique_headers(names), dated)
    header_row = records[header]
    own = unique_headers(header_row.cells)
    # The header chosen may itself be the second row of two: naming no date where the two
    # rows together do ("Date of" over "contact"), or naming only the columns under a merged
    # cell ("Date", "Time" under "Contact") where the row above names the rest. The row
    # straight above is then its first.
    above = header - 1
    if (
        above in top
        and ("date" not in map_columns(own).values() or _names_blanks(records[above], header_row))
        and _reads_as_names(records[above], dated)
        and _second_header_row(records[above], header_row)
    ):
        joined = unique_headers(_two_row_names(records[above].cells, header_row.cells))
        if "date" in map_columns(joined).values():
            return Layout(header, joined, dated)
    return Layout(header, own, dated)


def _names_blanks(upper: SourceRecord, lower: SourceRecord) -> bool:
    """True when `upper` names columns that `lower` leaves blank."""
    return any(
        cell.strip() and (i >= len(lower.cells) or not lower.cells[i].strip())
        for i, cell in enumerate(upper.cells)
    )


def _named_header(records: Sequence[SourceRecord], top: Sequence[int]) -> Layout | None:
    """With no date anywhere, a header whose words name a date column (a header alone, or
    rows whose every date is impossible: those rows are unreadable, not lost)."""
    for i in top[:HEADER_SEARCH_WITHOUT_DATES]:
        names = unique_headers(records[i].cells)
        if len(records[i].filled_cells) >= 2 and "date" in map_columns(names).values():
            return Layout(i, names, None)
    return None


def _date_position(records: Sequence[SourceRecord], top: Sequence[int]) -> int | None:
    """The column holding a date on most records (the leftmost of equals), or None.

    Columns are counted left to right, and a column stops being read as soon as its filled
    cells left could no longer beat the best so far: reading a cell as a date is the costly
    part of intake, and once the date column is counted a narrative column is not read at all.
    """
    width = max((len(records[i].cells) for i in top), default=0)
    best, best_count = None, 0
    for position in range(width):
        filled = [
            records[i]
            for i in top
            if position < len(records[i].cells) and records[i].cells[position].strip()
        ]
        count, left = 0, len(filled)
        for record in filled:
            if count + left <= best_count:
                break
            left -= 1
            if is_date_cell(record.cells[position], record.value(position)):
                count += 1
        if count > best_count:
            best, best_count = position, count
    return best


def _first_record(records: Sequence[SourceRecord], top: Sequence[int], dated: int) -> int:
    """The first row of the run of dated records: a dated row followed by another one soon
    after (a title line holding a date stands alone above the header)."""
    dated_rows = [i for i in top if _dated_record(records[i], dated)]
    if not dated_rows:
        return top[0]
    for number, i in enumerate(dated_rows):
        following = dated_rows[number + 1] if number + 1 < len(dated_rows) else None
        if following is None or top.index(following) - top.index(i) <= HEADER_REACH:
            return i
    return dated_rows[0]


def _dated_record(record: SourceRecord, dated: int) -> bool:
    if dated >= len(record.cells) or not record.cells[dated].strip():
        return False
    return is_date_cell(record.cells[dated], record.value(dated)) and (
        len(record.filled_cells) >= 2 or len(record.cells) <= 2
    )


def _header_above(
    records: Sequence[SourceRecord], top: Sequence[int], first: int, dated: int
) -> int | None:
    """The row above the first record that reads as column names, preferring one whose names
    the synonym table knows; None when the file has no header row."""
    above = [i for i in top if i < first][-HEADER_REACH:]
    candidates = [i for i in above if _reads_as_names(records[i], dated)]
    if not candidates:
        return None
    return max(
        candidates, key=lambda i: (len(map_columns(unique_headers(records[i].cells))) >= 2, i)
    )


def _second_header_row(upper: SourceRecord, lower: SourceRecord) -> bool:
    """A row of short names under the header that fills cells the header leaves blank: the
    second row of a two-row header ("Contact" over "Channel" and "Handler")."""
    filled = lower.filled_cells
    fills_gap = any(
        cell.strip() and (i >= len(upper.cells) or not upper.cells[i].strip())
        for i, cell in enumerate(lower.cells)
    )
    return (
        fills_gap
        and len(filled) >= 2
        and all(len(cell.strip()) <= _SUBHEADER_CHARACTERS for cell in filled)
        and not any(is_date_cell(cell) for cell in filled)
    )


def _two_row_names(upper: Sequence[str], lower: Sequence[str]) -> list[str]:
    """One name per column from a two-row header: a group name written once over several
    columns (a merged cell) is carried right across the blanks under which names stand."""
    names: list[str] = []
    group = ""
    for i in range(max(len(upper), len(lower))):
        top = upper[i].strip() if i < len(upper) else ""
        bottom = lower[i].strip() if i < len(lower) else ""
        if top:
            group = top
        elif not bottom:
            group = ""
        carried = top or (group if bottom else "")
        names.append(" ".join(part for part in (carried, bottom) if part))
    return names


def _reads_as_names(record: SourceRecord, dated: int) -> bool:
    filled = record.filled_cells
    if len(filled) < 2 and len(record.cells) > 2:
        return False
    if any(len(cell.strip()) > _HEADER_CELL_CHARACTERS for cell in filled):
        return False
    if dated < len(record.cells) and is_date_cell(record.cells[dated], record.value(dated)):
        return False
    return sum(1 for cell in filled if is_date_cell(cell)) <= 1


def _refuse_missing_override(records: Sequence[SourceRecord], overrides: Mapping[str, str]) -> None:
    """A header that --map names but no line holds is the user's mistake to hear about first."""
    likely = max(
        records, key=lambda r: (len(map_columns(unique_headers(r.cells))), len(r.filled_cells))
    )
    raise ColumnMappingError(
        f"the mapping names {', '.join(repr(name) for name in overrides)}, but no row at the top "
        f"of the file has all of those columns; the likeliest header has: "
        f"{', '.join(unique_headers(likely.cells))}"
    )

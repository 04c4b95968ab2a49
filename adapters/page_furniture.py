"""What a printed table puts among its records that is not a record.

Reports printed from case systems repeat their header and title lines on every page, mark page
breaks, and head runs of records with a year or month ("2021", "March 2021", "2021-22") whose
dates then leave the year out. This module tells those lines from records, and says what each
is, so intake can report every line it did not read as a row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from adapters.csv_table import is_page_marker
from adapters.dates import moment_or_none
from adapters.dates.words import MONTH, MONTHS
from adapters.layout import Layout
from adapters.source_table import SourceRecord, SourceTable, TableKind

PAGE_BREAK = "page break between records"
HEADER_AGAIN = "the header repeated between records"
TITLE_AGAIN = "a title line repeated between records"
SECTION_HEADING = "a section heading, not a record"
# A year or a month standing alone in the first column heads the records below it ("2021",
# "March 2021"); their dates may leave the year out ("14/03").
# A heading may name its month in two languages ("Tachwedd / November 2019").
_SECTION = re.compile(
    rf"(?:(?P<month>{MONTH})[a-z]*\.?(?:\s*/\s*(?:{MONTH})[a-z]*\.?)?)?\s*(?P<year>\d{{4}})?",
    re.IGNORECASE,
)
_CARRIED_OVER = re.compile(r"\s*(?:\([^)]*\)|\bcont(?:inued|'d|d|\.)?)$", re.IGNORECASE)
# A school or financial year heading ("2021-22", "2021/2022"): its records run from September.
_SCHOOL_YEAR = re.compile(r"(?P<year>\d{4})\s*[-/]\s*(?:\d{2}|\d{4})")


@dataclass(frozen=True)
class PageFurniture:
    """What a printed report repeats on every page: its header's cells (trimmed) and its title
    lines (each a lone cell above the header)."""

    header: list[str] | None
    titles: frozenset[tuple[str, ...]]


def page_furniture(table: SourceTable, layout: Layout) -> PageFurniture:
    """The header and title lines `table` prints above its records, as `layout` found them."""
    header = table.records[layout.header_index] if layout.header_index is not None else None
    titles = frozenset(
        tuple(trimmed(r.cells))
        for r in table.records[: layout.header_index or 0]
        if r.lone_cell is not None
    )
    return PageFurniture(trimmed(header.cells) if header is not None else None, titles)


def interruption(record: SourceRecord, furniture: PageFurniture) -> str | None:
    """Why a line among the records is not one: a page break, or the header or a title line
    printed again."""
    if is_page_marker(record):
        return PAGE_BREAK
    lone_title = bool(furniture.titles) and record.lone_cell is not None
    if lone_title and tuple(trimmed(record.cells)) in furniture.titles:
        return TITLE_AGAIN
    header_cells = furniture.header
    if header_cells is None:
        return None
    # Only a record whose first cell is the header's can repeat it: most are let go at once.
    if header_cells and (not record.cells or record.cells[0].strip() != header_cells[0]):
        return None
    if trimmed(record.cells) == header_cells:
        return HEADER_AGAIN
    return None


def section_heading(record: SourceRecord) -> date | None:
    """Where a section-heading row starts the rows below it ("2021", "March 2021", a school
    year "2021-22"); `date.min` for a heading without a year ("March"), None when the record
    is not a heading."""
    lone = record.lone_cell
    if lone is None or not record.cells[0].strip():  # a heading stands in the first column
        return None
    # "2022 (continued)", "March 2021 cont.": a heading carried over a page break.
    text = _CARRIED_OVER.sub("", lone.strip())
    school = _SCHOOL_YEAR.fullmatch(text)
    if school is not None:
        return date(int(school["year"]), 9, 1)
    found = _SECTION.fullmatch(text)
    if found is None or not (found["month"] or found["year"]):
        return None
    if found["month"] is None and len(text) != 4:
        return None
    if not found["year"]:
        return date.min
    return date(int(found["year"]), MONTHS[found["month"].lower()] if found["month"] else 1, 1)


def period_named(table: SourceTable) -> date | None:
    """The first day of the month or year a sheet's name reads as, else None."""
    if table.kind is not TableKind.SHEET or not table.name:
        return None
    named = moment_or_none(table.name)
    if named is None or named.when.precision.value not in ("month", "year"):
        return None
    return named.when.earliest


def trimmed(cells: Sequence[str]) -> list[str]:
    stripped = [cell.strip() for cell in cells]
    while stripped and not stripped[-1]:
        stripped.pop()
    return stripped

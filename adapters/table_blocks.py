"""Tables stacked on one sheet: each read under its own header.

A sheet may hold a table of contacts and, after a blank row, a table of referrals with a
header of its own. Read as one table, the second header would be a record and the second
table's columns would be read under the first one's names.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from adapters.column_roles import is_date_cell
from adapters.columns import map_columns, unique_headers
from adapters.layout import find_layout
from adapters.page_furniture import trimmed
from adapters.source_table import SourceTable, TableKind


def blocks(table: SourceTable) -> list[SourceTable]:
    """The table, or the tables one sheet holds one under another ("Contacts", then after a
    blank row "Referrals" with a header of its own): each block is read as a table. A block
    starts at a row of column names, not the header again and holding no date, after a blank
    row (and the block's title, a lone cell, when it has one)."""
    if table.kind is not TableKind.SHEET:
        return [table]
    layout = find_layout(table.records, {})
    if layout is None or layout.header_index is None:
        return [table]
    header = trimmed(table.records[layout.header_index].cells)
    records = table.records
    starts = []
    for i in range(layout.header_index + 2, len(records)):
        record = records[i]
        title = records[i - 1].lone_cell is not None
        first = i - 1 if title else i  # the block's first row: its title, else its header
        # A blank row before it, kept as a record or left out of the sheet (a gap in its rows).
        gap = records[first].line > records[first - 1].line + 1
        if first - 1 <= layout.header_index or not (gap or records[first - 1].is_blank):
            continue
        filled = record.filled_cells
        if (
            len(filled) >= 2
            and trimmed(record.cells) != header
            and len(map_columns(unique_headers(record.cells))) >= 2
            and not any(is_date_cell(cell, record.value(n)) for n, cell in enumerate(record.cells))
        ):
            starts.append(first)
    if not starts:
        return [table]
    bounds = [0, *starts, len(records)]
    return [replace(table, records=records[start:end]) for start, end in pairwise(bounds)]

"""Word tables each headed by its own date: minutes of meetings ("MARAC meeting: 30 April 2020"
across the first row, the agencies' updates below), one table a meeting.

No column of such a document holds dates, so it reads as no chronology; yet each table is one
dated contact, as a chair counts it. Each becomes one record: its date, its heading, and its
rows' text in order (the raw text keeps every row as written). Used only when no table of the
document reads as a chronology.
"""

from __future__ import annotations

import csv
import io

from adapters.dates import moment_or_none
from adapters.source_table import SourceFile, SourceRecord, SourceTable, TableKind

HEADER = ["Date", "Heading", "Minutes"]
# Minutes are of meetings, more than one: a lone table headed by a date is more likely a form
# (a document's version history), and such a document stays refused as no chronology.
_MEETINGS = 2
NOTE = "each table headed by its own date (minutes of a meeting) read as one record"


def titled_tables(source: SourceFile) -> SourceTable | None:
    """The document's date-headed tables as one table of records, or None when it has none."""
    if not source.tables or any(t.kind is not TableKind.WORD_TABLE for t in source.tables):
        return None
    records = [record for table in source.tables if (record := _record(table)) is not None]
    if len(records) < _MEETINGS:
        return None
    header = SourceRecord(0, list(HEADER), ",".join(HEADER), place="the tables' headings")
    names = f"{source.tables[0].name} to {source.tables[-1].name}"
    return SourceTable(TableKind.WORD_TABLE, names, [header, *records], notes=[NOTE])


def _record(table: SourceTable) -> SourceRecord | None:
    rows = [r for r in table.records if not r.is_blank]
    if len(rows) < 2 or rows[0].lone_cell is None:
        return None
    heading = rows[0].lone_cell.strip()
    label, _, written = heading.rpartition(":")
    when = written.strip() if label else heading
    if moment_or_none(when) is None:
        return None
    minutes = "\n".join(" | ".join(cell.strip() for cell in r.filled_cells) for r in rows[1:])
    verbatim = io.StringIO()
    csv.writer(verbatim, lineterminator="\n").writerows(r.cells for r in rows)
    return SourceRecord(
        rows[0].line,
        [when, label.strip() or heading, minutes],
        verbatim.getvalue().rstrip("\n"),
        place=f"{table.name} row {rows[0].line}",
    )

"""The Excel workbook: Chronology, Conflicts, Submissions and People sheets, for a panel to sort
and filter. Dates are real Excel dates beside a precision column; conflict rows are shaded."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from adapters.exports.archive import document_timestamp, stable_zip
from adapters.exports.model import ExportDocument
from adapters.exports.xlsx_cells import (
    CONFLICT_FILL,
    CellValue,
    fill_row,
    make_table,
    put,
    put_date,
    write_header,
)

CHRONOLOGY = (
    ("Incident", 18),
    ("Date", 12),
    ("Precision", 10),
    ("Date as recorded", 18),
    ("Until", 12),
    ("Time", 7),
    ("Agency", 22),
    ("Source file", 24),
    ("Row", 6),
    ("Subjects", 20),
    ("Account", 60),
    ("Action", 40),
    ("Comment", 40),
    ("Conflicts", 30),
)
CONFLICTS = (
    ("No.", 6),
    ("Kind", 12),
    ("Status", 14),
    ("Incident", 18),
    ("Sides", 70),
    ("Decision", 14),
    ("Decided by", 16),
    ("Decided at", 20),
    ("Rationale", 50),
    ("Needs review because", 40),
    ("Explanation", 70),
    ("Key", 22),
)
SPANNING = {"range", "season"}
SENT_WIDTH = 24
SUBMISSIONS = (
    ("Agency", 24),
    ("File", 28),
    ("Uploaded by", 20),
    ("Uploaded at", 22),
    ("Rows", 8),
    ("Unreadable", 11),
    ("Superseded", 11),
)
UNREADABLE = (
    ("Agency", 24),
    ("File", 28),
    ("Row", 8),
    ("Line", 8),
    ("Reason", 50),
    ("Row as written", 70),
)


def render_xlsx(document: ExportDocument) -> bytes:
    """The workbook as .xlsx bytes; the same document always gives the same bytes."""
    workbook = Workbook()
    chronology = workbook.active
    assert chronology is not None  # a new Workbook always has one sheet
    chronology.title = "Chronology"
    _chronology(chronology, document)
    _conflicts(workbook.create_sheet("Conflicts"), document)
    _submissions(workbook.create_sheet("Submissions"), document)
    _people(workbook.create_sheet("People"), document)
    stamp = document_timestamp(document.generated_at)
    workbook.properties.created = workbook.properties.modified = stamp
    workbook.properties.creator = workbook.properties.lastModifiedBy = "chronology"
    workbook.properties.title = f"Combined chronology: {document.review}"
    buffer = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps the modified time with "now".
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return stable_zip(buffer.getvalue())


def _chronology(sheet: Worksheet, document: ExportDocument) -> None:
    # After our columns, every column the agencies sent, under their own headers.
    sent = document.sent_headers
    headings = (*CHRONOLOGY, *((header, SENT_WIDTH) for header in _unique_headings(sent)))
    write_header(sheet, headings)
    conflict_summaries = {conflict.number: conflict.summary for conflict in document.conflicts}
    row = 1
    for incident in document.incidents:
        for entry in incident.entries:
            row += 1
            put(sheet, row, 1, incident.incident_id)
            put_date(sheet, row, 2, entry.earliest, entry.precision)
            put(sheet, row, 3, entry.precision)
            put(sheet, row, 4, entry.date_text)
            # "Until" only where the span is the point (a range or season), not a month's end.
            until = entry.latest if entry.precision in SPANNING else None
            put_date(sheet, row, 5, until, entry.precision)
            for column, text in enumerate((entry.time, entry.agency, entry.file), start=6):
                put(sheet, row, column, text)
            put(sheet, row, 9, entry.row)
            for column, text in enumerate(
                (entry.subjects, entry.account, entry.action, entry.comment), start=10
            ):
                put(sheet, row, column, text, wrap=True)
            put(
                sheet,
                row,
                14,
                "\n".join(conflict_summaries[n] for n in entry.conflict_numbers),
                wrap=True,
            )
            cells = dict(entry.cells)
            for column, header in enumerate(sent, start=len(CHRONOLOGY) + 1):
                put(sheet, row, column, cells.get(header, ""), wrap=True)
            if entry.conflict_numbers:
                fill_row(sheet, row, len(headings), CONFLICT_FILL)
    make_table(sheet, headings, row)


def _unique_headings(sent: tuple[str, ...]) -> list[str]:
    """The agencies' headers as table headings: an Excel table needs each heading once, so a
    header that is also one of ours ("Time", "Agency") is marked as the agency's."""
    ours = {name.casefold() for name, _ in CHRONOLOGY}
    headings: list[str] = []
    for header in sent:
        heading = header.strip() or "(no header)"
        if heading.casefold() in ours or heading.casefold() in {h.casefold() for h in headings}:
            heading = f"{heading} (as sent)"
        while heading.casefold() in {h.casefold() for h in headings}:
            heading += "*"
        headings.append(heading)
    return headings


def _conflicts(sheet: Worksheet, document: ExportDocument) -> None:
    write_header(sheet, CONFLICTS)
    for row, conflict in enumerate(document.conflicts, start=2):
        sides = "\n".join(side.statement for side in conflict.sides)
        values = (
            conflict.number,
            conflict.kind,
            conflict.status,
            conflict.incident_id,
            sides,
            conflict.decision,
            conflict.decided_by,
            conflict.decided_at,
            conflict.rationale,
            conflict.needs_review_because,
            conflict.explanation,
            conflict.key,
        )
        for column, text in enumerate(values, start=1):
            put(sheet, row, column, text, wrap=column in {5, 9, 10, 11})
    make_table(sheet, CONFLICTS, len(document.conflicts) + 1)


def _submissions(sheet: Worksheet, document: ExportDocument) -> None:
    write_header(sheet, SUBMISSIONS)
    for row, s in enumerate(document.submissions, start=2):
        values: tuple[CellValue, ...] = (
            s.agency,
            s.file,
            s.uploaded_by,
            s.uploaded_at,
            s.rows,
            s.unreadable,
            "yes" if s.superseded else "no",
        )
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value)
    make_table(sheet, SUBMISSIONS, len(document.submissions) + 1)
    # The unreadable rows follow below the table, under their own heading row.
    start = len(document.submissions) + 3
    put(sheet, start, 1, "Unreadable rows (stored verbatim with the reason)")
    write_header(sheet, UNREADABLE, row=start + 1)
    for row, u in enumerate(document.unreadable_rows, start=start + 2):
        cells: tuple[CellValue, ...] = (u.agency, u.file, u.row, u.line, u.reason, u.text)
        for column, value in enumerate(cells, start=1):
            put(sheet, row, column, value, wrap=column >= 5)


def _people(sheet: Worksheet, document: ExportDocument) -> None:
    headings = [("Pseudonym", 16), ("Role", 24), ("Aliases", 40)]
    if document.shows_real_names:
        headings.append(("Real name", 28))
    write_header(sheet, headings)
    for row, person in enumerate(document.people, start=2):
        put(sheet, row, 1, person.pseudonym)
        put(sheet, row, 2, person.role)
        put(sheet, row, 3, ", ".join(person.aliases))
        if document.shows_real_names:
            put(sheet, row, 4, person.real_name or "")
    make_table(sheet, headings, len(document.people) + 1)

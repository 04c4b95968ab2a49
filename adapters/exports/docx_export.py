"""The Word report: a landscape combined chronology the panel can put in its report.

A cover block (review, agencies and their submission dates, when and from which event position),
the chronology table in date order with each incident under a shaded heading row and each
conflict marker in its own column, then the conflict register and any unreadable rows.
"""

from __future__ import annotations

import io

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt

from adapters.exports.archive import document_timestamp, stable_zip
from adapters.exports.cells import xml_safe
from adapters.exports.docx_register import add_conflict_register, add_unreadable_rows
from adapters.exports.docx_tables import (
    CONFLICT_SHADE,
    INCIDENT_SHADE,
    add_row,
    add_spanning_row,
    new_table,
    shade,
)
from adapters.exports.model import ExportDocument, ExportEntry, ExportIncident

CHRONOLOGY = (
    ("Date (precision)", 2.4),
    ("Time", 1.3),
    ("Agency", 2.9),
    ("Source (file, row)", 3.3),
    ("Account", 7.0),
    ("Action", 4.0),
    ("Comment", 3.4),
    ("Conflict markers", 2.4),
)
SUBMISSIONS = (
    ("Agency", 5.0),
    ("File", 5.5),
    ("Uploaded by", 4.0),
    ("Uploaded at (UTC)", 4.0),
    ("Rows", 1.8),
    ("Unreadable", 2.4),
    ("Superseded", 2.4),
)


def render_docx(document: ExportDocument) -> bytes:
    """The report as .docx bytes; the same document always gives the same bytes."""
    report = new_document()
    _landscape(report)
    _cover(report, document)
    report.add_heading("Combined chronology", level=1)
    _chronology(report, document)
    add_conflict_register(report, document)
    add_unreadable_rows(report, document)
    _fix_properties(report, document)
    buffer = io.BytesIO()
    report.save(buffer)
    return stable_zip(buffer.getvalue())


def _landscape(report: Document) -> None:
    section = report.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)  # A4 turned on its side
    section.left_margin = section.right_margin = Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(1.5)
    normal = report.styles["Normal"].font
    normal.name, normal.size = "Calibri", Pt(9)


def _cover(report: Document, document: ExportDocument) -> None:
    report.add_heading(xml_safe(f"Combined chronology: {document.review}"), level=0)
    report.add_paragraph(document.provenance + ".")
    counts = _status_counts(document)
    report.add_paragraph(
        f"{len(document.incidents)} incidents from {document.entry_count} agency accounts; "
        f"{len(document.conflicts)} conflict markers ({counts})."
    )
    if document.conflicts_only:
        report.add_paragraph("Only incidents with a conflict marker are included.")
    report.add_paragraph(
        "Real names are shown."
        if document.shows_real_names
        else "People are named by their pseudonyms; real names have been replaced."
    )
    report.add_heading("Agencies and their submissions", level=2)
    table = new_table(report, SUBMISSIONS)
    for s in document.submissions:
        add_row(
            table,
            SUBMISSIONS,
            (
                s.agency,
                s.file,
                s.uploaded_by,
                s.uploaded_at[:19].replace("T", " "),
                str(s.rows),
                str(s.unreadable),
                "yes" if s.superseded else "no",
            ),
        )


def _chronology(report: Document, document: ExportDocument) -> None:
    conflicts = {conflict.number: conflict for conflict in document.conflicts}
    table = new_table(report, CHRONOLOGY)
    for incident in document.incidents:
        add_spanning_row(table, _incident_heading(incident), INCIDENT_SHADE)
        for entry in incident.entries:
            markers = "\n".join(
                _marker(conflicts[n].summary, conflicts[n].rationale)
                for n in entry.conflict_numbers
            )
            row = add_row(table, CHRONOLOGY, _entry_texts(entry) + (markers,))
            if markers:
                shade(row.cells[-1], CONFLICT_SHADE)


def _incident_heading(incident: ExportIncident) -> str:
    agencies = len({entry.agency for entry in incident.entries})
    heading = (
        f"{_span(incident)} ({incident.precision}): {_count(len(incident.entries), 'account')} "
        f"from {_count(agencies, 'agency', 'agencies')} [{incident.incident_id}]"
    )
    if incident.conflict_numbers:
        heading += f"; conflict markers {', '.join(incident.conflict_numbers)}"
    return "\n".join([heading, *(f"Panel note: {note}" for note in incident.notes)])


def _span(incident: ExportIncident) -> str:
    """The incident's date no more precisely than recorded: `May 2011`, not 01/05 to 31/05."""
    first, last = incident.earliest, incident.latest
    if first is None:
        return "Undated"
    if incident.precision == "year":
        return f"{first:%Y}"
    if (
        incident.precision == "month"
        and last
        and (first.year, first.month) == (last.year, last.month)
    ):
        return f"{first:%B %Y}"
    if last and last != first:
        return f"{first:%d/%m/%Y} to {last:%d/%m/%Y}"
    return f"{first:%d/%m/%Y}"


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def _entry_texts(entry: ExportEntry) -> tuple[str, ...]:
    account = f"{entry.subjects}: {entry.account}" if entry.subjects else entry.account
    # Every other column the agency sent, under its own header: nothing it sent is dropped.
    shown = {entry.date_text, entry.time, entry.account, entry.action, entry.comment}
    shown |= {entry.subjects, entry.agency}
    rest = [f"{header}: {cell}" for header, cell in entry.cells if cell and cell not in shown]
    if rest:
        account += "\n" + "\n".join(rest)
    return (
        f"{entry.date_text} ({entry.precision})",
        entry.time,
        entry.agency,
        f"{entry.file}\nrow {entry.row}",
        account,
        entry.action,
        entry.comment,
    )


def _marker(summary: str, rationale: str) -> str:
    return f"{summary} (see register)" if not rationale else f"{summary}: {rationale}"


def _status_counts(document: ExportDocument) -> str:
    statuses = [conflict.status for conflict in document.conflicts]
    found = sorted(set(statuses))
    return ", ".join(f"{statuses.count(s)} {s}" for s in found) or "none"


def _fix_properties(report: Document, document: ExportDocument) -> None:
    properties = report.core_properties
    properties.created = properties.modified = document_timestamp(document.generated_at)
    properties.last_printed = document_timestamp(None)
    properties.revision = 1
    properties.author = properties.last_modified_by = "chronology"
    properties.title = xml_safe(f"Combined chronology: {document.review}")

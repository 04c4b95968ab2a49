"""The Word report's closing sections: the conflict register, then the rows no one could read."""

from __future__ import annotations

from docx.document import Document

from adapters.exports.docx_tables import add_row, new_table
from adapters.exports.model import ExportConflict, ExportDocument

REGISTER = (
    ("No.", 1.2),
    ("Kind and status", 3.2),
    ("Each side", 9.0),
    ("Chair's decision and rationale", 6.5),
    ("Why the marker was raised", 6.8),
)
UNREADABLE = (
    ("Agency", 4.0),
    ("Source (file, row, line)", 5.2),
    ("Reason", 7.5),
    ("Row as written", 10.0),
)


def add_conflict_register(report: Document, document: ExportDocument) -> None:
    """Every conflict marker: what each side says, and what the chair decided and why."""
    report.add_heading("Conflict register", level=1)
    if not document.conflicts:
        report.add_paragraph("No conflict markers.")
        return
    table = new_table(report, REGISTER)
    for conflict in document.conflicts:
        status = f"{conflict.kind}\n{conflict.status}"
        if conflict.needs_review_because:
            status += f"\nNeeds review: {conflict.needs_review_because}"
        sides = "\n\n".join(side.statement for side in conflict.sides)
        add_row(
            table,
            REGISTER,
            (conflict.number, status, sides, _decision(conflict), conflict.explanation),
        )


def add_unreadable_rows(report: Document, document: ExportDocument) -> None:
    """Rows intake could not read, with the reason: the panel should know what is missing."""
    if not document.unreadable_rows:
        return
    report.add_heading("Rows that could not be read", level=1)
    table = new_table(report, UNREADABLE)
    for u in document.unreadable_rows:
        add_row(
            table, UNREADABLE, (u.agency, f"{u.file}, row {u.row}, line {u.line}", u.reason, u.text)
        )


def _decision(conflict: ExportConflict) -> str:
    if not conflict.decision:
        return "Not yet decided."
    text = f"{conflict.decision} by {conflict.decided_by} on {conflict.decided_at[:10]}"
    return f"{text}\nRationale: {conflict.rationale}" if conflict.rationale else text

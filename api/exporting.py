"""Exporting a review: workspace + options -> the bytes of a Word, Excel, CSV or JSON file.

The CLI, the HTTP API and the web page all call `export_review`. Here the read models (merged view,
people, submissions) become the neutral `adapters.exports` document, with real names replaced by
pseudonyms unless the caller (who decides who may) asks for them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any

import sqlalchemy as sa

from adapters.exports import FORMATS, UnknownExportFormatError, render
from adapters.exports.model import (
    ConflictSide,
    ExportConflict,
    ExportDocument,
    ExportEntry,
    ExportIncident,
    ExportPerson,
    ExportSubmission,
    ExportUnreadableRow,
)
from api.merged_rendering import MergedFilter, filtered
from api.workspace import Workspace
from domain.errors import ChronologyError
from projections.entries import entries, submissions
from projections.merged.view import ViewConflict, ViewEntry, ViewIncident
from projections.people import Person, pseudonymise

Naming = Callable[[str], str]


class ExportRefusedError(ChronologyError):
    """Raised when an export is asked for in a format we do not write."""


@dataclass(frozen=True)
class ExportOptions:
    """What to export: which review, in which format, as at when, and showing what."""

    review: str
    export_format: str
    position: int | None = None  # as it stood after this event; None means now
    as_at: datetime | None = None  # or as it stood at this moment
    conflicts_only: bool = False
    show_real_names: bool = False
    generated_at: datetime | None = None  # printed on the cover; None keeps the bytes timeless


def export_review(workspace: Workspace, options: ExportOptions) -> bytes:
    """The review exported as the bytes of one file."""
    if options.export_format not in FORMATS:  # refuse before the (slower) reading
        raise ExportRefusedError(
            f"unknown export format {options.export_format!r}; choose one of {', '.join(FORMATS)}"
        )
    return render_export(build_document(workspace, options), options.export_format)


def render_export(document: ExportDocument, export_format: str) -> bytes:
    """An already built document as the bytes of one file format."""
    try:
        return render(document, export_format)
    except UnknownExportFormatError as error:
        raise ExportRefusedError(str(error)) from None


def build_document(workspace: Workspace, options: ExportOptions) -> ExportDocument:
    """The neutral export document for a review, as at the chosen position."""
    position = workspace.position_at(options.as_at) if options.as_at else options.position
    view = workspace.merged(options.review, position)
    if options.conflicts_only:
        view = filtered(view, MergedFilter(conflicts_only=True))
    people = workspace.people(options.review)
    naming: Naming = str if options.show_real_names else partial(_pseudonymised, people=people)
    spans = {
        e.entry_id: (e.earliest, e.latest)
        for e in workspace.entries(options.review, include_superseded=True)
    }
    held, unreadable = _submissions_as_at(
        workspace.engine, str(workspace.review(options.review).id), view.position
    )
    numbered = {conflict.key: f"C{n}" for n, conflict in enumerate(view.conflicts, start=1)}
    numbers_of: dict[str, list[str]] = {}
    for conflict in view.conflicts:
        for side in conflict.entries:
            numbers_of.setdefault(str(side["record_id"]), []).append(numbered[conflict.key])
    by_record = {e.record_id: e for incident in view.incidents for e in incident.entries}
    return ExportDocument(
        review=view.review,
        position=view.position,
        generated_at=options.generated_at,
        conflicts_only=options.conflicts_only,
        shows_real_names=options.show_real_names,
        incidents=tuple(
            _incident(i, view.conflicts, numbered, numbers_of, spans, naming)
            for i in view.incidents
        ),
        conflicts=tuple(_conflict(numbered[c.key], c, by_record, naming) for c in view.conflicts),
        submissions=tuple(_submission(row, held) for row in held.values()),
        unreadable_rows=tuple(_unreadable(row, naming) for row in unreadable),
        people=tuple(
            ExportPerson(
                p.pseudonym, p.role, p.aliases, p.real_name if options.show_real_names else None
            )
            for p in people
        ),
    )


def _pseudonymised(text: str, people: Sequence[Person]) -> str:
    return pseudonymise(text, people)


def _incident(
    incident: ViewIncident,
    conflicts: Sequence[ViewConflict],
    numbered: dict[str, str],
    numbers_of: dict[str, list[str]],
    spans: dict[str, tuple[str | None, str | None]],
    naming: Naming,
) -> ExportIncident:
    return ExportIncident(
        incident_id=incident.id,
        earliest=_day(incident.date),
        latest=_day(incident.end_date or incident.date),
        precision=incident.date_precision,
        entries=tuple(
            _entry(e, spans.get(e.entry_id, (None, None)), numbers_of.get(e.record_id, []), naming)
            for e in incident.entries
        ),
        notes=tuple(
            naming(f"{note['text']} ({note['by']}, {note['at'][:10]})") for note in incident.notes
        ),
        conflict_numbers=tuple(numbered[c.key] for c in conflicts if c.incident == incident.id),
    )


def _entry(
    entry: ViewEntry, span: tuple[str | None, str | None], numbers: list[str], naming: Naming
) -> ExportEntry:
    fields = entry.fields
    account = entry.summary
    if (
        fields.get("event_type")
        and fields.get("summary")
        and fields["event_type"] != fields["summary"]
    ):
        account = f"{fields['event_type']}: {fields['summary']}"
    return ExportEntry(
        entry_id=entry.entry_id,
        date_text=entry.date,
        precision=entry.date_precision,
        earliest=_day(span[0]),
        latest=_day(span[1]),
        time=entry.time or "",
        agency=entry.agency,
        file=entry.file,
        row=entry.row,
        subjects=naming(fields.get("subjects", "")),
        account=naming(account),
        action=naming(fields.get("action", "")),
        comment=naming(fields.get("comment", "")),
        conflict_numbers=tuple(numbers),
        cells=tuple((header, naming(cell)) for header, cell in entry.cells.items()),
    )


def _conflict(
    number: str, conflict: ViewConflict, by_record: dict[str, ViewEntry], naming: Naming
) -> ExportConflict:
    sides = []
    for side in conflict.entries:
        entry = by_record.get(str(side["record_id"]))
        sides.append(
            ConflictSide(
                agency=str(side["agency"] or "(no longer held)"),
                file=str(side["file"] or ""),
                row=side["row"],
                date_text=entry.date if entry else "",
                account=naming(entry.summary) if entry else "",
            )
        )
    decision: dict[str, Any] = conflict.decision or {}
    verdict = str(decision.get("decision") or "")
    accepted = by_record.get(str(decision.get("accepted_entry_id")))
    if verdict and accepted:
        verdict += f" ({accepted.agency}, {accepted.file} row {accepted.row} stands)"
    return ExportConflict(
        number=number,
        key=conflict.key,
        kind=conflict.kind,
        status=conflict.status,
        incident_id=conflict.incident,
        explanation=naming(conflict.explanation),
        sides=tuple(sides),
        decision=verdict,
        decided_by=str(decision.get("by") or ""),
        decided_at=str(decision.get("at") or ""),
        rationale=naming(str(decision.get("rationale") or "")),
        needs_review_because=naming(conflict.needs_review_because or ""),
    )


def _submissions_as_at(
    engine: sa.Engine, review_id: str, position: int
) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """The submissions held at `position` (by id) and the unreadable rows of the current ones."""
    with engine.connect() as connection:
        held = {
            row.submission_id: dict(row._mapping)
            for row in connection.execute(
                sa.select(submissions)
                .where(submissions.c.review_id == review_id, submissions.c.position <= position)
                .order_by(submissions.c.agency, submissions.c.position)
            )
        }
        current = [key for key, row in held.items() if row["superseded_by"] not in held]
        unreadable = [
            dict(row._mapping)
            for row in connection.execute(
                sa.select(entries).where(
                    entries.c.submission_id.in_(current), entries.c.readable.is_(False)
                )
            )
        ]
    # Sorted here: file names may be encrypted cells, which SQL cannot put in order.
    unreadable.sort(key=lambda r: (r["agency"], r["file_name"], r["row"]))
    return held, unreadable


def _submission(row: dict[str, Any], held: dict[str, dict[str, Any]]) -> ExportSubmission:
    return ExportSubmission(
        agency=row["agency"],
        file=row["file_name"],
        uploaded_by=row["uploaded_by"],
        uploaded_at=row["uploaded_at"],
        rows=row["row_count"],
        unreadable=row["unreadable_count"],
        superseded=row["superseded_by"] in held,
    )


def _unreadable(row: dict[str, Any], naming: Naming) -> ExportUnreadableRow:
    text = row["raw_text"] or " | ".join(row["cells"])
    return ExportUnreadableRow(
        agency=row["agency"],
        file=row["file_name"],
        row=row["row"],
        line=row["line"],
        reason=naming(row["reason"] or ""),
        text=naming(text),
    )


def _day(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None

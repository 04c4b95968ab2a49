"""Shaping results of the Workspace into response bodies (storage dataclasses -> schemas)."""

from __future__ import annotations

from dataclasses import asdict

from adapters.intake_preview import IntakePreview, roles
from api.http.schemas.intake import EntryOut, IntakeReport, SkippedLineReport, UnreadableRowReport
from api.http.schemas.merged import ConflictOut, IncidentOut, MergedOut
from api.http.schemas.preview import ColumnOut, IntakePreviewOut, PreviewRowOut
from api.workspace import ImportReport
from projections.entry_listing import ListedEntry
from projections.merged.view import MergedView


def intake_report(report: ImportReport, review: str, agency: str, uploaded_by: str) -> IntakeReport:
    """The intake report of one upload."""
    outcome, reading = report.outcome, report.reading
    return IntakeReport(
        status="already_held" if outcome.status == "already_held" else "stored",
        review=review,
        agency=agency,
        uploaded_by=uploaded_by,
        submission_id=str(outcome.submission_id),
        supersedes=str(outcome.supersedes) if outcome.supersedes else None,
        file_name=reading.file_name,
        file_type=reading.file_type,
        byte_count=reading.byte_count,
        encoding=reading.encoding,
        delimiter=reading.delimiter,
        tables_read=list(reading.tables_read),
        tables_skipped=list(reading.tables_skipped),
        notes=list(reading.notes),
        date_order="day/month/year" if reading.day_first else "month/day/year",
        records=len(reading.rows),
        rows_stored=outcome.rows_stored,
        unreadable_rows=[
            UnreadableRowReport(
                row=r.row,
                line=r.line,
                place=r.place or f"line {r.line}",
                column=r.problem_column,
                reason=r.problem or "",
            )
            for r in reading.unreadable_rows
        ],
        column_mapping={name: reading.column_mapping.get(name) for name in reading.header},
        skipped_lines=[
            SkippedLineReport(
                line=s.line, place=s.place or f"line {s.line}", reason=s.reason, text=s.text
            )
            for s in reading.skipped
        ],
        merged_chronology="up_to_date" if report.events_to_apply == 0 else "updating",
        events_to_apply=report.events_to_apply,
    )


def entry_out(entry: ListedEntry) -> EntryOut:
    """One listed entry as the API shows it."""
    return EntryOut(
        entry_id=entry.entry_id,
        agency=entry.agency,
        file_name=entry.file_name,
        row=entry.row,
        line=entry.line,
        submission_id=entry.submission_id,
        uploaded_by=entry.uploaded_by,
        uploaded_at=entry.uploaded_at,
        status="recorded" if entry.status == "recorded" else "unreadable",
        current=entry.current,
        date_text=entry.date_text,
        earliest=entry.earliest,
        latest=entry.latest,
        precision=entry.precision,
        time=entry.time,
        fields=entry.fields,
        verbatim=entry.verbatim(),
        reason=entry.reason,
    )


def merged_out(view: MergedView) -> MergedOut:
    """The merged chronology as the API shows it."""
    return MergedOut(
        review=view.review,
        as_at_position=view.position,
        incidents=[IncidentOut.model_validate(asdict(i)) for i in view.incidents],
        conflicts=[ConflictOut.model_validate(asdict(c)) for c in view.conflicts],
    )


def preview_out(
    preview: IntakePreview, review: str, agency: str, already_held: bool
) -> IntakePreviewOut:
    """The intake preview of one file, as the API shows it."""
    names = [column.name for column in preview.columns]
    return IntakePreviewOut(
        already_held=already_held,
        review=review,
        agency=agency,
        file_name=preview.file_name,
        content_sha256=preview.content_sha256,
        file_type=preview.file_type,
        byte_count=preview.byte_count,
        encoding=preview.encoding,
        delimiter=preview.delimiter,
        date_order="day/month/year" if preview.day_first else "month/day/year",
        tables_read=preview.tables_read,
        tables_skipped=preview.tables_skipped,
        notes=preview.notes,
        records=preview.records,
        columns=[ColumnOut(**asdict(column)) for column in preview.columns],
        first_rows=[
            PreviewRowOut(
                row=r.row,
                place=r.place,
                cells=dict(zip(names, r.cells, strict=True)),
                date_text=r.date_text,
                date_read=r.date_read,
                problem=r.problem,
            )
            for r in preview.first_rows
        ],
        unreadable_rows=[
            UnreadableRowReport(
                row=r.row,
                line=r.line,
                place=r.place,
                column=r.problem_column,
                reason=r.problem or "",
            )
            for r in preview.unreadable
        ],
        skipped_lines=[
            SkippedLineReport(
                line=s.line, place=s.place or f"line {s.line}", reason=s.reason, text=s.text
            )
            for s in preview.skipped
        ],
        mapping=preview.mapping_lines,
        roles=list(roles()),
    )

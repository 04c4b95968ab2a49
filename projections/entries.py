"""The entries read model: every stored row with its provenance, listed in date order.

Tables: reviews, submissions, entries. An entry of a superseded submission stays here (the record
is never rewritten) but is marked not current, so listings show what each agency now says.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from eventsourcing.persistence import Notification

from domain.entry import Entry, UnreadableRow
from domain.readings import fields_from_cells
from domain.review import Review
from domain.submission import Submission
from encryption.columns import SealedJSON, SealedText

metadata = sa.MetaData()

reviews = sa.Table(
    "rm_reviews",
    metadata,
    sa.Column("review_id", sa.String(36), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("opened_by", SealedText, nullable=False),
    sa.Column("opened_at", sa.Text, nullable=False),
)

submissions = sa.Table(
    "rm_submissions",
    metadata,
    sa.Column("submission_id", sa.String(36), primary_key=True),
    sa.Column("review_id", sa.String(36), nullable=False, index=True),
    sa.Column("agency", sa.Text, nullable=False),
    sa.Column("file_name", SealedText, nullable=False),
    sa.Column("content_sha256", sa.String(64), nullable=False),
    sa.Column("byte_count", sa.Integer, nullable=False),
    sa.Column("uploaded_by", SealedText, nullable=False),
    sa.Column("uploaded_at", sa.Text, nullable=False),
    sa.Column("encoding", sa.Text, nullable=False),
    sa.Column("delimiter", sa.Text, nullable=False),
    sa.Column("header", sa.JSON, nullable=False),
    sa.Column("column_mapping", sa.JSON, nullable=False),
    sa.Column("row_count", sa.Integer, nullable=False),
    sa.Column("unreadable_count", sa.Integer, nullable=False),
    sa.Column("skipped_lines", SealedJSON, nullable=False),
    sa.Column("supersedes", sa.String(36)),
    sa.Column("superseded_by", sa.String(36)),
    sa.Column("position", sa.BigInteger, nullable=False),
)

entries = sa.Table(
    "rm_entries",
    metadata,
    sa.Column("entry_id", sa.String(36), primary_key=True),
    sa.Column("review_id", sa.String(36), nullable=False),
    sa.Column("submission_id", sa.String(36), nullable=False, index=True),
    sa.Column("agency", sa.Text, nullable=False),
    sa.Column("file_name", SealedText, nullable=False),
    sa.Column("row", sa.Integer, nullable=False),
    sa.Column("line", sa.Integer, nullable=False),
    sa.Column("readable", sa.Boolean, nullable=False),
    sa.Column("current", sa.Boolean, nullable=False),
    sa.Column("date_text", SealedText),
    sa.Column("earliest", sa.String(10)),
    sa.Column("latest", sa.String(10)),
    sa.Column("precision", sa.String(12)),
    sa.Column("approximate", sa.Boolean),
    sa.Column("time", sa.String(8)),
    sa.Column("fields", SealedJSON, nullable=False),
    sa.Column("cells", SealedJSON, nullable=False),
    sa.Column("raw_text", SealedText),
    sa.Column("reason", SealedText),
    sa.Column("problem_column", sa.Text),
    sa.Column("uploaded_by", SealedText, nullable=False),
    sa.Column("uploaded_at", sa.Text, nullable=False),
    sa.Column("position", sa.BigInteger, nullable=False),
    sa.Index("ix_rm_entries_listing", "review_id", "current", "earliest"),
)


class EntriesProjection:
    """Applies review, submission and row events to the entries read model."""

    name = "entries"
    metadata = metadata
    needs_events = True

    def apply(self, events: Sequence[tuple[Notification, Any]], connection: sa.Connection) -> None:
        """Apply a page of events; rows are inserted in bulk, everything else as it comes."""
        pending: list[dict[str, Any]] = []
        provenance: dict[UUID, dict[str, Any]] = {}
        for notification, event in events:
            position = notification.id
            if isinstance(event, (Entry.Recorded, UnreadableRow.Recorded)):
                source = provenance.get(event.submission_id) or _provenance(
                    connection, event.submission_id
                )
                provenance[event.submission_id] = source
                pending.append(_entry_row(position, event, source))
                continue
            if pending:
                connection.execute(entries.insert(), pending)
                pending = []
            self._apply_other(position, event, connection)
        if pending:
            connection.execute(entries.insert(), pending)

    def _apply_other(self, position: int, event: Any, connection: sa.Connection) -> None:
        if isinstance(event, Review.Opened):
            connection.execute(
                reviews.insert().values(
                    review_id=str(event.originator_id),
                    name=event.name,
                    opened_by=event.opened_by,
                    opened_at=event.timestamp.isoformat(),
                )
            )
        elif isinstance(event, Submission.Received):
            connection.execute(submissions.insert().values(**_submission_row(position, event)))
        elif isinstance(event, Review.SubmissionAccepted) and event.supersedes is not None:
            old = str(event.supersedes)
            connection.execute(
                submissions.update()
                .where(submissions.c.submission_id == old)
                .values(superseded_by=str(event.submission_id))
            )
            connection.execute(
                entries.update().where(entries.c.submission_id == old).values(current=False)
            )


def _fields(event: Entry.Recorded, source: dict[str, Any]) -> dict[str, str]:
    fields = fields_from_cells(event.cells, source["header"], source["column_mapping"])
    if event.end_date:
        fields["end_date"] = event.end_date
    return fields


def _provenance(connection: sa.Connection, submission_id: UUID) -> dict[str, Any]:
    found = connection.execute(
        sa.select(
            submissions.c.file_name,
            submissions.c.uploaded_by,
            submissions.c.uploaded_at,
            submissions.c.header,
            submissions.c.column_mapping,
        ).where(submissions.c.submission_id == str(submission_id))
    ).one()
    return dict(found._mapping)


def _submission_row(position: int, event: Submission.Received) -> dict[str, Any]:
    return {
        "submission_id": str(event.originator_id),
        "review_id": str(event.review_id),
        "agency": event.agency,
        "file_name": event.file_name,
        "content_sha256": event.content_sha256,
        "byte_count": event.byte_count,
        "uploaded_by": event.uploaded_by,
        "uploaded_at": event.uploaded_at,
        "encoding": event.encoding,
        "delimiter": event.delimiter,
        "header": event.header,
        "column_mapping": event.column_mapping,
        "row_count": event.row_count,
        "unreadable_count": event.unreadable_count,
        "skipped_lines": event.skipped_lines,
        "supersedes": str(event.supersedes) if event.supersedes else None,
        "superseded_by": None,
        "position": position,
    }


def _entry_row(position: int, event: Any, source: dict[str, Any]) -> dict[str, Any]:
    readable = isinstance(event, Entry.Recorded)
    when = event.when if readable else {}
    return {
        "entry_id": str(event.originator_id),
        "review_id": str(event.review_id),
        "submission_id": str(event.submission_id),
        "agency": event.agency,
        "file_name": source["file_name"],
        "row": event.row,
        "line": event.line,
        "readable": readable,
        "current": True,
        "date_text": when.get("text"),
        "earliest": when.get("earliest"),
        "latest": when.get("latest"),
        "precision": when.get("precision"),
        "approximate": when.get("approximate"),
        "time": event.time if readable else None,
        "fields": _fields(event, source) if readable else {},
        "cells": event.cells,
        "raw_text": None if readable else event.raw_text,
        "reason": None if readable else event.reason,
        "problem_column": None if readable else event.column,
        "uploaded_by": source["uploaded_by"],
        "uploaded_at": source["uploaded_at"],
        "position": position,
    }

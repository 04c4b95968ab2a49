"""The audit trail read model: every event of a review in order, as who did what, when, from where.

One row per event. Row events name their file and row; decisions name the conflict or entries.
Texts an agency wrote are not copied here: the trail points at the verbatim record instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from eventsourcing.persistence import Notification

from domain.decisions import ConflictCase, Reconciliation
from domain.entry import Entry, UnreadableRow
from domain.people import PeopleGlossary
from domain.questions import ANSWER_WORDS, Answer, QuestionCase
from domain.review import Review
from domain.submission import Submission
from encryption.columns import SealedText

metadata = sa.MetaData()

trail = sa.Table(
    "rm_audit_trail",
    metadata,
    sa.Column("position", sa.BigInteger, primary_key=True),
    sa.Column("review_id", sa.String(36), nullable=False, index=True),
    sa.Column("recorded_at", sa.Text, nullable=False),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("actor", SealedText, nullable=False),
    sa.Column("file_name", SealedText),
    sa.Column("row", sa.Integer),
    sa.Column("subject", SealedText),
    sa.Column("detail", SealedText),
)

# Which review (and uploader, file) each aggregate belongs to, for events that do not say.
owners = sa.Table(
    "rm_audit_owners",
    metadata,
    sa.Column("originator_id", sa.String(36), primary_key=True),
    sa.Column("review_id", sa.String(36), nullable=False),
    sa.Column("actor", SealedText),
    sa.Column("file_name", SealedText),
    sa.Column("label", SealedText),
)


@dataclass(frozen=True)
class AuditLine:
    """One line of the audit trail."""

    position: int
    recorded_at: str
    action: str
    actor: str
    file_name: str | None
    row: int | None
    subject: str | None
    detail: str | None


class AuditTrail:
    """Applies every event to the audit trail."""

    name = "audit"
    metadata = metadata
    needs_events = True

    def apply(self, events: Sequence[tuple[Notification, Any]], connection: sa.Connection) -> None:
        """Describe each event of the page as one trail line."""
        cache: dict[str, dict[str, Any]] = {}
        lines = []
        for notification, event in events:
            described = self._describe(event, connection, cache)
            if described is not None:
                described.update(position=notification.id, recorded_at=event.timestamp.isoformat())
                lines.append(described)
        if lines:
            connection.execute(trail.insert(), lines)

    def _describe(
        self, event: Any, connection: sa.Connection, cache: dict[str, dict[str, Any]]
    ) -> dict[str, Any] | None:
        if isinstance(event, Entry.Recorded | UnreadableRow.Recorded):
            owner = _owner(connection, cache, str(event.submission_id))
            if isinstance(event, UnreadableRow.Recorded):
                action, detail = "row unreadable", event.reason
            else:
                action, detail = "entry recorded", f"{event.agency}, line {event.line}"
            return _line(
                owner["review_id"],
                action,
                owner["actor"],
                owner["file_name"],
                event.row,
                str(event.originator_id),
                detail,
            )
        if isinstance(event, Review.Opened):
            _own(
                connection,
                cache,
                event.originator_id,
                event.originator_id,
                event.opened_by,
                None,
                event.name,
            )
            return _line(
                event.originator_id, "review opened", event.opened_by, None, None, event.name, None
            )
        if isinstance(event, Submission.Received):
            _own(
                connection,
                cache,
                event.originator_id,
                event.review_id,
                event.uploaded_by,
                event.file_name,
                event.agency,
            )
            detail = (
                f"{event.agency}: {event.row_count} rows, {event.unreadable_count} unreadable, "
                f"sha256 {event.content_sha256[:12]}"
            )
            return _line(
                event.review_id,
                "submission received",
                event.uploaded_by,
                event.file_name,
                None,
                str(event.originator_id),
                detail,
            )
        if isinstance(event, Review.SubmissionAccepted):
            action = "submission superseded" if event.supersedes else "submission accepted"
            detail = f"{event.agency}: now {event.file_name}" + (
                f", replacing submission {event.supersedes}" if event.supersedes else ""
            )
            return _line(
                event.originator_id,
                action,
                event.accepted_by,
                event.file_name,
                None,
                str(event.submission_id),
                detail,
            )
        return self._describe_decision(event, connection, cache)

    def _describe_decision(
        self, event: Any, connection: sa.Connection, cache: dict[str, dict[str, Any]]
    ) -> dict[str, Any] | None:
        if isinstance(event, ConflictCase.Opened):
            _own(
                connection,
                cache,
                event.originator_id,
                event.review_id,
                None,
                None,
                event.conflict_key,
            )
            return None
        if isinstance(event, QuestionCase.Opened):
            _own(
                connection,
                cache,
                event.originator_id,
                event.review_id,
                None,
                None,
                event.question_id,
            )
            return None
        if isinstance(event, Reconciliation.Started | PeopleGlossary.Started):
            _own(connection, cache, event.originator_id, event.review_id, None, None, None)
            return None
        owner = _owner(connection, cache, str(event.originator_id))
        review = owner["review_id"]
        if isinstance(event, ConflictCase.Resolved):
            accepted = f", accepting {event.accepted_entry_id}" if event.accepted_entry_id else ""
            return _line(
                review,
                "conflict resolved",
                event.decided_by,
                None,
                None,
                owner["label"],
                f"{event.decision}{accepted}: {event.rationale}",
            )
        if isinstance(event, QuestionCase.Answered):
            words = ANSWER_WORDS.get(Answer(event.answer), event.answer)
            said = f"{event.kind} question on {', '.join(event.entry_ids)}: {words}"
            if isinstance(event, QuestionCase.RowsChecked):
                sorted_out = (
                    event.other_incidents if isinstance(event, QuestionCase.RowsSorted) else []
                )
                placed = {e for rows in [event.together, *sorted_out] for e in rows}
                apart = [e for e in event.entry_ids if e not in placed]
                further = "".join(f"; another incident {', '.join(rows)}" for rows in sorted_out)
                said = (
                    f"incident check of {len(event.entry_ids)} rows: together "
                    f"{', '.join(event.together)}{further}; apart {', '.join(apart) or 'none'}"
                )
            return _line(
                review,
                "question answered",
                event.answered_by,
                None,
                None,
                owner["label"],
                said + (f"; {event.note}" if event.note else ""),
            )
        if isinstance(event, ConflictCase.Reopened):
            return _line(
                review,
                "conflict reopened",
                event.reopened_by,
                None,
                None,
                owner["label"],
                event.reason,
            )
        if isinstance(event, Reconciliation.EntriesLinked):
            return _line(
                review,
                "entries linked",
                event.decided_by,
                None,
                None,
                ", ".join(event.entry_ids),
                event.rationale,
            )
        if isinstance(event, Reconciliation.ConflictRaised):
            words = f": {event.description}" if event.description else ""
            return _line(
                review,
                "conflict raised",
                event.raised_by,
                None,
                None,
                ", ".join(event.entry_ids),
                f"{event.kind}{words}",
            )
        if isinstance(event, Reconciliation.EntrySplit):
            return _line(
                review,
                "entry split out",
                event.decided_by,
                None,
                None,
                event.entry_id,
                f"from {', '.join(event.separated_from)}: {event.rationale}",
            )
        if isinstance(event, PeopleGlossary.PersonRecorded):
            # The real name stays out of the trail: the glossary itself is access-controlled.
            role = f" ({event.role})" if event.role else ""
            return _line(
                review,
                "person recorded",
                event.recorded_by,
                None,
                None,
                event.pseudonym,
                f"{event.pseudonym}{role}",
            )
        if isinstance(event, Reconciliation.NoteAdded):
            return _line(
                review, "note added", event.written_by, None, None, event.target, event.text
            )
        return None


def audit_lines(engine: sa.Engine, review_id: str, up_to: int | None = None) -> list[AuditLine]:
    """The trail of one review in event order (optionally only up to a position)."""
    query = sa.select(trail).where(trail.c.review_id == review_id).order_by(trail.c.position)
    if up_to is not None:
        query = query.where(trail.c.position <= up_to)
    with engine.connect() as connection:
        return [
            AuditLine(**{k: v for k, v in row._mapping.items() if k != "review_id"})
            for row in connection.execute(query)
        ]


def position_at(engine: sa.Engine, moment: str) -> int:
    """The last event position recorded at or before `moment` (ISO 8601), or 0."""
    with engine.connect() as connection:
        found = connection.execute(
            sa.select(sa.func.max(trail.c.position)).where(trail.c.recorded_at <= moment)
        )
        return int(found.scalar() or 0)


def _line(
    review: Any,
    action: str,
    actor: str | None,
    file_name: str | None,
    row: int | None,
    subject: str | None,
    detail: str | None,
) -> dict[str, Any]:
    return {
        "review_id": str(review),
        "action": action,
        "actor": actor or "",
        "file_name": file_name,
        "row": row,
        "subject": subject,
        "detail": detail,
    }


def _own(
    connection: sa.Connection,
    cache: dict[str, dict[str, Any]],
    originator: Any,
    review: Any,
    actor: str | None,
    file_name: str | None,
    label: str | None,
) -> None:
    key = str(originator)
    row = {
        "originator_id": key,
        "review_id": str(review),
        "actor": actor,
        "file_name": file_name,
        "label": label,
    }
    connection.execute(owners.insert().values(**row))
    cache[key] = row


def _owner(
    connection: sa.Connection, cache: dict[str, dict[str, Any]], originator: str
) -> dict[str, Any]:
    if originator not in cache:
        found = connection.execute(
            sa.select(owners).where(owners.c.originator_id == originator)
        ).one()
        cache[originator] = dict(found._mapping)
    return cache[originator]

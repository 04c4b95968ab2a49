"""Applying events to the merged chronology: rows arrive, files complete, the chair decides.

A submission's rows become part of the chronology together, at the position of its last row, so
no view (today's or an earlier one) ever shows half a file. Decisions apply at their own position.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from eventsourcing.persistence import Notification

from domain.decisions import ConflictCase, Reconciliation
from domain.entry import Entry, UnreadableRow
from domain.identity import normalise_name, record_id, revised_record_id
from domain.people import PeopleGlossary
from domain.questions import QuestionCase
from domain.readings import fields_from_cells
from domain.review import Review
from domain.submission import Submission
from projections.matching import MatchSettings, load_settings
from projections.merged import queue, regrouping
from projections.merged.lineage import RowContent, continued_rows
from projections.merged.tables import (
    arrivals,
    case_reviews,
    decisions,
    facts,
    glossaries,
    headers,
    incidents,
    keys,
    members,
    metadata,
    overrides,
    people,
)
from projections.set_queries import among, refresh_statistics

# Rows of a file still arriving carry this valid_from until the file is complete.
_NOT_YET = 2**62


class MergedChronology:
    """Keeps every review's merged chronology, with its history, up to date."""

    name = "merged"
    metadata = metadata
    needs_events = True

    def __init__(self, settings: MatchSettings | None = None) -> None:
        # The matcher's priors, passed to every re-merge (one place: settings.json).
        self.settings = settings or load_settings()

    def apply(self, events: Sequence[tuple[Notification, Any]], connection: sa.Connection) -> None:
        """Apply a page of events in order."""
        pending = _PendingRows(connection)
        for notification, event in events:
            position = notification.id
            if isinstance(event, Entry.Recorded | UnreadableRow.Recorded):
                if pending.add(event):
                    pending.flush()
                    _complete(connection, str(event.submission_id), position, self.settings)
            elif isinstance(event, Review.SubmissionAccepted):
                _expect(connection, event)
            elif isinstance(event, Submission.Received):
                _received(connection, event, position, self.settings)
            elif isinstance(event, PeopleGlossary.Started | PeopleGlossary.PersonRecorded):
                pending.flush()
                _record_person(connection, event, position, self.settings)
            else:
                _apply_decision(connection, event, position, self.settings)
        pending.flush()


class _PendingRows:
    """Rows of files still arriving, inserted in bulk; says when a file's last row is in."""

    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection
        self.rows: list[dict[str, Any]] = []
        self.files: dict[str, dict[str, Any]] = {}

    def add(self, event: Any) -> bool:
        submission = str(event.submission_id)
        if submission not in self.files:
            found = self.connection.execute(
                sa.select(arrivals).where(arrivals.c.submission_id == submission)
            ).one()
            self.files[submission] = dict(found._mapping)
        file = self.files[submission]
        file["arrived_rows"] += 1
        if isinstance(event, Entry.Recorded):
            self.rows.append(_fact_row(event, file))
        return bool(file["arrived_rows"] == file["expected_rows"])

    def flush(self) -> None:
        if self.rows:
            self.connection.execute(facts.insert(), self.rows)
            self.rows = []
        for submission, file in self.files.items():
            self.connection.execute(
                arrivals.update()
                .where(arrivals.c.submission_id == submission)
                .values(arrived_rows=file["arrived_rows"])
            )
        self.files = {}


def _expect(connection: sa.Connection, event: Review.SubmissionAccepted) -> None:
    review = str(event.originator_id)
    connection.execute(
        arrivals.insert().values(
            submission_id=str(event.submission_id),
            review_id=review,
            agency=event.agency,
            file_name=event.file_name,
            header=[],
            column_mapping={},
            expected_rows=-1,
            arrived_rows=0,
            supersedes=str(event.supersedes) if event.supersedes else None,
            own_records=event.supersedes is None and _agency_has_files(connection, review, event),
        )
    )


def _agency_has_files(connection: sa.Connection, review: str, event: Any) -> bool:
    """Whether the agency already has a file in the review (standing, or still arriving)."""
    agency = normalise_name(event.agency)
    standing = connection.execute(
        sa.select(facts.c.agency)
        .where(facts.c.review_id == review, facts.c.valid_to.is_(None))
        .distinct()
    ).scalars()
    arriving = connection.execute(
        sa.select(arrivals.c.agency).where(arrivals.c.review_id == review)
    ).scalars()
    return any(normalise_name(name) == agency for name in [*standing, *arriving])


def _received(
    connection: sa.Connection, event: Submission.Received, position: int, settings: MatchSettings
) -> None:
    connection.execute(
        arrivals.update()
        .where(arrivals.c.submission_id == str(event.originator_id))
        .values(
            header=event.header,
            column_mapping=event.column_mapping,
            expected_rows=event.row_count,
        )
    )
    connection.execute(
        headers.insert().values(submission_id=str(event.originator_id), header=event.header)
    )
    if event.row_count == 0:
        _complete(connection, str(event.originator_id), position, settings)


def _complete(
    connection: sa.Connection, submission: str, position: int, settings: MatchSettings
) -> None:
    """A whole file is in: it joins the chronology and replaces the agency's previous file."""
    file = connection.execute(
        sa.select(arrivals).where(arrivals.c.submission_id == submission)
    ).one()
    review = file.review_id
    connection.execute(
        facts.update().where(facts.c.submission_id == submission).values(valid_from=position)
    )
    new_rows = [
        dict(r._mapping)
        for r in connection.execute(sa.select(facts).where(facts.c.submission_id == submission))
    ]
    if file.supersedes:
        _continue_records(connection, file, new_rows)
    touched = {row["record_id"] for row in new_rows}
    withdrawn: list[Any] = []
    if file.supersedes:
        withdrawn = [
            tuple(r)
            for r in connection.execute(
                sa.select(facts.c.record_id, facts.c.entry_id).where(
                    facts.c.submission_id == file.supersedes, facts.c.valid_to.is_(None)
                )
            )
        ]
        # Re-merge around the withdrawn rows (their keys still find their old neighbours), then
        # forget their keys.
        touched |= {record for record, _ in withdrawn}
        connection.execute(
            facts.update()
            .where(facts.c.submission_id == file.supersedes, facts.c.valid_to.is_(None))
            .values(valid_to=position)
        )
    regrouping.index_entries(connection, review, new_rows, settings)
    # A large file's rows and keys were written in this transaction: plan for them.
    refresh_statistics(connection, len(new_rows), facts, keys, members, incidents)
    regrouping.regroup(connection, review, touched, position, settings)
    if withdrawn:
        connection.execute(
            keys.delete().where(among(keys.c.entry_id, [entry for _, entry in withdrawn]))
        )
    connection.execute(arrivals.delete().where(arrivals.c.submission_id == submission))


def _continue_records(connection: sa.Connection, file: Any, new_rows: list[dict[str, Any]]) -> None:
    """Give each row of a corrected file the record of the previous file's row it continues
    (see lineage.py), or a record of its own; updates `new_rows` and their stored facts."""
    previous = connection.execute(
        sa.select(
            facts.c.row, facts.c.record_id, facts.c.cells, facts.c.earliest, facts.c.time
        ).where(facts.c.submission_id == file.supersedes, facts.c.valid_to.is_(None))
    ).all()
    record_at = {row: record for row, record, *_ in previous}
    continued = continued_rows(
        [
            RowContent(row, tuple(cells), earliest, time)
            for row, _, cells, earliest, time in previous
        ],
        [RowContent(r["row"], tuple(r["cells"]), r["earliest"], r["time"]) for r in new_rows],
    )
    changes = []
    for row in new_rows:
        old_row = continued.get(row["row"])
        record = (
            record_at[old_row]
            if old_row is not None
            else str(revised_record_id(file.review_id, file.agency, file.submission_id, row["row"]))
        )
        if record != row["record_id"]:
            changes.append({"entry": row["entry_id"], "record": record})
            row["record_id"] = record
    if changes:
        connection.execute(
            facts.update()
            .where(facts.c.entry_id == sa.bindparam("entry"))
            .values(record_id=sa.bindparam("record")),
            changes,
        )


def _record_person(
    connection: sa.Connection, event: Any, position: int, settings: MatchSettings
) -> None:
    """Keep the review's people as the matcher reads them; when what the records may call
    someone changes, the whole review is re-merged with the new names, at this position."""
    if isinstance(event, PeopleGlossary.Started):
        connection.execute(
            glossaries.insert().values(
                glossary_id=str(event.originator_id), review_id=str(event.review_id)
            )
        )
        return
    review = connection.execute(
        sa.select(glossaries.c.review_id).where(
            glossaries.c.glossary_id == str(event.originator_id)
        )
    ).scalar_one()
    row = {
        "review_id": review,
        "pseudonym": event.pseudonym,
        "role": event.role,
        "names": names_of(event.real_name, event.aliases),
    }
    held = connection.execute(
        sa.select(people).where(people.c.review_id == review, people.c.pseudonym == event.pseudonym)
    ).first()
    if held is not None and dict(held._mapping) == row:
        return  # only the real name's spelling for exports, or who recorded it, changed
    connection.execute(
        people.delete().where(people.c.review_id == review, people.c.pseudonym == event.pseudonym)
    )
    connection.execute(people.insert().values(**row))
    regrouping.regroup_review(connection, review, position, settings)


def names_of(real_name: str, aliases: Sequence[str]) -> list[str]:
    """What records may call a person: the aliases the panel gave and the real name, also
    surname first ("Jane Smith" and "Smith, Jane" both appear in agencies' records)."""
    names = [a for a in aliases if a.strip()]
    parts = real_name.split()
    if parts:
        names.append(" ".join(parts))
        if len(parts) > 1:
            names.append(" ".join([parts[-1], *parts[:-1]]))
    return sorted(set(names))


def _apply_decision(
    connection: sa.Connection, event: Any, position: int, settings: MatchSettings
) -> None:
    if isinstance(event, QuestionCase.Opened | QuestionCase.Answered):
        queue.apply_answer_event(connection, event, position)
    elif isinstance(event, ConflictCase.Opened):
        connection.execute(
            case_reviews.insert().values(
                case_id=str(event.originator_id),
                review_id=str(event.review_id),
                conflict_key=event.conflict_key,
            )
        )
    elif isinstance(event, Reconciliation.Started):
        connection.execute(
            case_reviews.insert().values(
                case_id=str(event.originator_id), review_id=str(event.review_id), conflict_key=""
            )
        )
    elif isinstance(event, ConflictCase.Resolved | ConflictCase.Reopened):
        _record_decision(connection, event, position)
    elif isinstance(
        event, Reconciliation.EntriesLinked | Reconciliation.EntrySplit | Reconciliation.NoteAdded
    ):
        _record_override(connection, event, position, settings)


def _record_decision(connection: sa.Connection, event: Any, position: int) -> None:
    case = connection.execute(
        sa.select(case_reviews).where(case_reviews.c.case_id == str(event.originator_id))
    ).one()
    connection.execute(
        decisions.update()
        .where(
            decisions.c.review_id == case.review_id,
            decisions.c.conflict_key == case.conflict_key,
            decisions.c.valid_to.is_(None),
        )
        .values(valid_to=position)
    )
    resolved = isinstance(event, ConflictCase.Resolved)
    connection.execute(
        decisions.insert().values(
            review_id=case.review_id,
            conflict_key=case.conflict_key,
            version=event.originator_version,
            status="resolved" if resolved else "reopened",
            decision=event.decision if resolved else None,
            accepted_entry_id=event.accepted_entry_id if resolved else None,
            rationale=event.rationale if resolved else event.reason,
            decided_by=event.decided_by if resolved else event.reopened_by,
            decided_at=event.decided_at if resolved else event.reopened_at,
            basis=event.basis if resolved else {},
            valid_from=position,
        )
    )


def _record_override(
    connection: sa.Connection, event: Any, position: int, settings: MatchSettings
) -> None:
    review = connection.execute(
        sa.select(case_reviews.c.review_id).where(
            case_reviews.c.case_id == str(event.originator_id)
        )
    ).scalar_one()
    if isinstance(event, Reconciliation.NoteAdded):
        row = {
            "kind": "note",
            "entry_ids": [event.target],
            "rationale": event.text,
            "decided_by": event.written_by,
            "decided_at": event.written_at,
        }
    elif isinstance(event, Reconciliation.EntriesLinked):
        row = {
            "kind": "link",
            "entry_ids": event.entry_ids,
            "rationale": event.rationale,
            "decided_by": event.decided_by,
            "decided_at": event.decided_at,
        }
    else:
        row = {
            "kind": "split",
            "entry_ids": [event.entry_id, *event.separated_from],
            "rationale": event.rationale,
            "decided_by": event.decided_by,
            "decided_at": event.decided_at,
        }
    connection.execute(overrides.insert().values(position=position, review_id=review, **row))
    if row["kind"] != "note":
        # Only the decision's neighbourhood is re-merged, whatever the review's size: a chair
        # answering the queue waits for each answer (benchmarks/questions.py).
        regrouping.regroup(
            connection, review, set(row["entry_ids"]), position, settings, focused=True
        )


def _fact_row(event: Entry.Recorded, file: dict[str, Any]) -> dict[str, Any]:
    when = event.when or {}
    fields = fields_from_cells(event.cells, file["header"], file["column_mapping"])
    if event.end_date:
        fields["end_date"] = event.end_date
    return {
        "entry_id": str(event.originator_id),
        "record_id": str(
            revised_record_id(event.review_id, event.agency, file["submission_id"], event.row)
            if file.get("own_records")
            else record_id(event.review_id, event.agency, event.row)
        ),
        "review_id": file["review_id"],
        "submission_id": file["submission_id"],
        "agency": event.agency,
        "file_name": file["file_name"],
        "row": event.row,
        "line": event.line,
        "earliest": when.get("earliest"),
        "latest": when.get("latest"),
        "precision": when.get("precision") or "unknown",
        "approximate": bool(when.get("approximate")),
        "date_text": when.get("text") or "",
        "time": event.time,
        "fields": fields,
        "cells": event.cells,
        "valid_from": _NOT_YET,
        "valid_to": None,
    }

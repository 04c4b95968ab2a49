"""The merged chronology's side of a file's arrival: each row is held until the whole file is
in, then the file's rows join the chronology together, at the position of its last row, so no
view (today's or an earlier one) ever shows half a file; a corrected file's rows continue the
records of the rows they revise.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from domain.entry import Entry
from domain.identity import normalise_name, record_id, revised_record_id
from domain.readings import fields_from_cells
from domain.review import Review
from domain.submission import Submission
from projections.matching import MatchSettings
from projections.merged import regrouping
from projections.merged.lineage import RowContent, continued_rows
from projections.merged.tables import (
    arrivals,
    facts,
    headers,
    incidents,
    keys,
    members,
)
from projections.set_queries import among, refresh_statistics

# Rows of a file still arriving carry this valid_from until the file is complete.
_NOT_YET = 2**62


class PendingRows:
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


def expect(connection: sa.Connection, event: Review.SubmissionAccepted) -> None:
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


def received(
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
        complete(connection, str(event.originator_id), position, settings)


def complete(
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

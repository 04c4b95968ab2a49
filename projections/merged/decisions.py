"""The merged chronology's side of the chair's decisions: conflict resolutions, links, splits,
raised conflicts, notes and answers to the queue. A link, split or raised conflict re-merges the
neighbourhood it touches, once for a run of them (an incident check's answer is a link and a
split per row nearby, saved in one batch: re-merged after each, one answer on a 2,000-row
review took 1.4 s, not < 1 s).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from domain.decisions import ConflictCase, Reconciliation
from domain.questions import QuestionCase
from projections.matching import MatchSettings, raised_key
from projections.merged import queue, regrouping
from projections.merged.tables import (
    case_reviews,
    decisions,
    overrides,
    raised_conflicts,
)


class DecidedRows:
    """The rows a run of links and splits of one decision touched (one answer's, saved in one
    batch: the same review, chair and moment), re-merged together when the run ends. Decisions
    made apart are re-merged apart, so "as at" shows the chronology between them."""

    def __init__(self, connection: sa.Connection, settings: MatchSettings) -> None:
        self._connection = connection
        self._settings = settings
        self._decision: tuple[str, str, str] = ("", "", "")
        self._touched: set[str] = set()
        self._position = 0

    def add(self, decision: tuple[str, str, str], entry_ids: Iterable[str], position: int) -> None:
        """Rows a link or split of `decision` (review, decided by, decided at) touched."""
        if self._decision != decision:
            self.flush()
        self._decision = decision
        self._touched.update(entry_ids)
        self._position = position

    def flush(self) -> None:
        """Re-merge what the run touched, versioned at its last decision's position. Only the
        neighbourhood, whatever the review's size: a chair answering the queue waits for it."""
        if self._touched:
            regrouping.regroup(
                self._connection,
                self._decision[0],
                self._touched,
                self._position,
                self._settings,
                focused=True,
            )
        self._touched = set()


def defers_regrouping(event: Any) -> bool:
    """Whether the event may wait, in a run of decisions, for the re-merge that ends the run."""
    return isinstance(
        event,
        Reconciliation.EntriesLinked
        | Reconciliation.EntrySplit
        | Reconciliation.ConflictRaised
        | Reconciliation.NoteAdded
        | QuestionCase.Opened
        | QuestionCase.Answered,
    )


def apply_decision(
    connection: sa.Connection, event: Any, position: int, decided: DecidedRows
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
        _record_override(connection, event, position, decided)
    elif isinstance(event, Reconciliation.ConflictRaised):
        _record_raised(connection, event, position, decided)


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


def _review_of(connection: sa.Connection, event: Any) -> str:
    return str(
        connection.execute(
            sa.select(case_reviews.c.review_id).where(
                case_reviews.c.case_id == str(event.originator_id)
            )
        ).scalar_one()
    )


def _record_raised(
    connection: sa.Connection, event: Any, position: int, decided: DecidedRows
) -> None:
    """Keep the raised conflict, and re-merge its rows' neighbourhood so its marker stands."""
    review = _review_of(connection, event)
    connection.execute(
        raised_conflicts.insert().values(
            position=position,
            review_id=review,
            conflict_key=raised_key(event.kind, event.entry_ids),
            kind=event.kind,
            entry_ids=list(event.entry_ids),
            description=event.description,
            raised_by=event.raised_by,
            raised_at=event.raised_at,
        )
    )
    decided.add((review, str(event.raised_by), str(event.raised_at)), event.entry_ids, position)


def _record_override(
    connection: sa.Connection, event: Any, position: int, decided: DecidedRows
) -> None:
    review = _review_of(connection, event)
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
        decision = (review, str(row["decided_by"]), str(row["decided_at"]))
        decided.add(decision, row["entry_ids"], position)

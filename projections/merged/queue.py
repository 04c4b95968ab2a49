"""The chair's queue as a read model: each merge's questions, and the answers already given.

The questions are the latest merge's (not versioned: the queue is asked about now, and the
answers themselves are events, replayed "as at" through the decisions they made).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import sqlalchemy as sa

from domain.questions import QuestionCase
from encryption.columns import SealedJSON, SealedText
from projections.matching.facts import Question
from projections.matching.questions import queue_order
from projections.merged.tables import decisions, metadata

questions = sa.Table(
    "rm_questions",
    metadata,
    sa.Column("question_id", sa.String(16), primary_key=True),
    sa.Column("review_id", sa.String(36), nullable=False, index=True),
    sa.Column("kind", sa.String(12), nullable=False),
    sa.Column("priority", sa.Float, nullable=False),
    sa.Column("fingerprint", sa.String(16), nullable=False),
    sa.Column("entry_ids", sa.JSON, nullable=False),
    sa.Column("payload", SealedJSON, nullable=False),
)

answers = sa.Table(
    "rm_question_answers",
    metadata,
    sa.Column("position", sa.BigInteger, primary_key=True),
    sa.Column("case_id", sa.String(36), nullable=False, index=True),
    sa.Column("review_id", sa.String(36), nullable=False, index=True),
    sa.Column("question_id", sa.String(16), nullable=False, index=True),
    sa.Column("fingerprint", sa.String(16), nullable=False),
    sa.Column("answer", sa.String(16), nullable=False),
    sa.Column("answered_by", SealedText, nullable=False),
    sa.Column("answered_at", sa.Text, nullable=False),
)

# Which review and question each QuestionCase is (its Answered events do not say).
question_cases = sa.Table(
    "rm_question_cases",
    metadata,
    sa.Column("case_id", sa.String(36), primary_key=True),
    sa.Column("review_id", sa.String(36), nullable=False),
    sa.Column("question_id", sa.String(16), nullable=False),
)


@dataclass(frozen=True)
class Queue:
    """The questions still open, best first, and how many there are in all."""

    questions: list[Question]
    remaining: int
    answered: int


def store_questions(
    connection: sa.Connection,
    review_id: str,
    found: Sequence[Question],
    merged: Collection[str] | None,
    kept: Collection[str] = (),
) -> None:
    """Replace the questions a merge asked anew: all of the review's after a whole merge,
    else those about a row the focused merge of `merged` regrouped. A question wholly about
    incidents the merge `kept` as they were still stands (their pairs were not scored again)."""
    if merged is None:
        connection.execute(questions.delete().where(questions.c.review_id == review_id))
    else:
        changed = set(merged) - set(kept)
        held = sa.select(questions.c.question_id, questions.c.payload).where(
            questions.c.review_id == review_id
        )
        stale = {
            qid
            for qid, payload in connection.execute(held)
            if changed & {*payload["entry_ids"], *payload["others"]}
        }
        stale |= {q.id for q in found}
        if stale:
            connection.execute(questions.delete().where(questions.c.question_id.in_(stale)))
    if found:
        connection.execute(
            questions.insert(),
            [
                {
                    "question_id": q.id,
                    "review_id": review_id,
                    "kind": q.kind,
                    "priority": q.priority,
                    "fingerprint": q.fingerprint,
                    "entry_ids": list(q.entry_ids),
                    "payload": asdict(q),
                }
                for q in {q.id: q for q in found}.values()
            ],
        )


def apply_answer_event(connection: sa.Connection, event: Any, position: int) -> None:
    """Remember which questions were answered, as shown (their fingerprint), by whom."""
    if isinstance(event, QuestionCase.Opened):
        connection.execute(
            question_cases.insert().values(
                case_id=str(event.originator_id),
                review_id=str(event.review_id),
                question_id=event.question_id,
            )
        )
        return
    case = connection.execute(
        sa.select(question_cases).where(question_cases.c.case_id == str(event.originator_id))
    ).one()
    connection.execute(
        answers.insert().values(
            position=position,
            case_id=case.case_id,
            review_id=case.review_id,
            question_id=case.question_id,
            fingerprint=event.fingerprint,
            answer=event.answer,
            answered_by=event.answered_by,
            answered_at=event.answered_at,
        )
    )


def open_queue(engine: sa.Engine, review_id: str, limit: int | None = None) -> Queue:
    """The questions not yet answered as they now stand (an incident check, not answered at
    all), and not about a conflict the chair has already decided, best first."""
    with engine.connect() as connection:
        answered = {
            (qid, fingerprint)
            for qid, fingerprint in connection.execute(
                sa.select(answers.c.question_id, answers.c.fingerprint).where(
                    answers.c.review_id == review_id
                )
            )
        }
        decided = set(
            connection.execute(
                sa.select(decisions.c.conflict_key).where(
                    decisions.c.review_id == review_id,
                    decisions.c.valid_to.is_(None),
                    decisions.c.status == "resolved",
                )
            ).scalars()
        )
        rows = connection.execute(
            sa.select(questions.c.payload).where(questions.c.review_id == review_id)
        ).scalars()
        checked = {qid for qid, _ in answered}
        open_ones = sorted(
            (
                q
                for q in (_question(payload) for payload in rows)
                if (q.id, q.fingerprint) not in answered
                and q.conflict_key not in decided
                and not (q.kind == "incident" and q.id in checked)
            ),
            key=queue_order,
        )
    shown = open_ones if limit is None else open_ones[:limit]
    return Queue(shown, len(open_ones), len(answered))


def _question(payload: dict[str, Any]) -> Question:
    return Question(
        id=str(payload["id"]),
        kind=str(payload["kind"]),
        entry_ids=tuple(payload["entry_ids"]),
        others=tuple(payload["others"]),
        probability=float(payload["probability"]),
        priority=float(payload["priority"]),
        settles=int(payload["settles"]),
        evidence_for=tuple(payload["evidence_for"]),
        evidence_against=tuple(payload["evidence_against"]),
        fingerprint=str(payload["fingerprint"]),
        conflict_key=str(payload.get("conflict_key", "")),
    )

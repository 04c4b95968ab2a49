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
from projections.matching.question_ids import question_id
from projections.merged.tables import decisions, incidents, metadata

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
    """The questions still open, best first, and how many there are in all; and how sure the
    chronology now is: of its `incidents`, how many the model is unsure of (an incident check
    is open for each)."""

    questions: list[Question]
    remaining: int
    answered: int
    incidents: int = 0
    incidents_in_doubt: int = 0


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
    all), and not about a conflict the chair has already decided, best first. Filtered,
    ordered and cut in the database: a 20,000-row review asks some 47,000 questions, and only
    the few shown are unsealed."""
    with engine.connect() as connection:
        still_open, answered = _open_condition(connection, review_id)
        remaining = connection.execute(
            sa.select(sa.func.count()).select_from(questions).where(still_open)
        ).scalar_one()
        chosen = (
            sa.select(questions.c.payload).where(still_open).order_by(*QUEUE_ORDER).limit(limit)
        )
        shown = [_question(payload) for payload in connection.execute(chosen).scalars()]
        in_doubt = connection.execute(
            sa.select(sa.func.count())
            .select_from(questions)
            .where(still_open, questions.c.kind == "incident")
        ).scalar_one()
        held = connection.execute(
            sa.select(sa.func.count())
            .select_from(incidents)
            .where(incidents.c.review_id == review_id, incidents.c.valid_to.is_(None))
        ).scalar_one()
    return Queue(shown, remaining, answered, held, in_doubt)


def open_question(engine: sa.Engine, review_id: str, question_id: str) -> Question | None:
    """One question of the queue, if it is still open (as open_queue would list it)."""
    with engine.connect() as connection:
        still_open, _ = _open_condition(connection, review_id)
        payload = connection.execute(
            sa.select(questions.c.payload).where(still_open, questions.c.question_id == question_id)
        ).scalar_one_or_none()
    return None if payload is None else _question(payload)


# The queue's order (questions.queue_order, the order a merge ranks them in) as SQL: incident
# checks first, then the highest priority.
QUEUE_ORDER = (
    sa.case((questions.c.kind == "incident", 0), else_=1),
    questions.c.priority.desc(),
    questions.c.question_id,
)


def _open_condition(
    connection: sa.Connection, review_id: str
) -> tuple[sa.ColumnElement[bool], int]:
    """Which of the review's stored questions are still open, and how many answers were given."""
    answered = connection.execute(
        sa.select(answers.c.question_id, answers.c.fingerprint).where(
            answers.c.review_id == review_id
        )
    ).all()
    decided = connection.execute(
        sa.select(decisions.c.conflict_key).where(
            decisions.c.review_id == review_id,
            decisions.c.valid_to.is_(None),
            decisions.c.status == "resolved",
        )
    ).scalars()
    closed = [question_id("conflict", (key,)) for key in decided]
    condition = questions.c.review_id == review_id
    if answered:
        as_shown = [(qid, fingerprint) for qid, fingerprint in answered]
        checked = sorted({qid for qid, _ in answered})
        condition = sa.and_(
            condition,
            sa.not_(sa.tuple_(questions.c.question_id, questions.c.fingerprint).in_(as_shown)),
            sa.not_(sa.and_(questions.c.kind == "incident", questions.c.question_id.in_(checked))),
        )
    if closed:
        condition = sa.and_(condition, questions.c.question_id.not_in(closed))
    return condition, len(answered)


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

"""The chair's queue: read it (chair, administrator, panel), answer it (chair, administrator).

Who answered is always the authenticated user. An answer to a question already answered, or
changed since it was shown (its fingerprint), is 409 with the reason.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from api.http.dependencies import ChairDep, MergedReaderDep, WorkspaceDep
from api.http.schemas.questions import (
    AccountOut,
    AnswerIn,
    AnswerRecorded,
    MarkerOut,
    QuestionOut,
    QueueOut,
)
from api.workspace import ShownQuestion
from domain.questions import ANSWERS_FOR, Disagreement

router = APIRouter(prefix="/reviews/{review}/questions", tags=["chair's queue"])

QuestionId = Annotated[str, Path(min_length=3, max_length=40, description="a question id (q-...)")]
STALE: dict[int | str, dict[str, Any]] = {
    409: {"description": "The question was answered, or changed, since it was shown"}
}


@router.get("", response_model=QueueOut)
def list_questions(
    access: MergedReaderDep,
    workspace: WorkspaceDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 10,
) -> QueueOut:
    """The questions whose answers would most improve the chronology, best first."""
    queue, shown = workspace.questions(access.review, limit)
    return QueueOut(
        remaining=queue.remaining,
        answered=queue.answered,
        incidents=queue.incidents,
        incidents_in_doubt=queue.incidents_in_doubt,
        questions=[question_out(item) for item in shown],
    )


@router.post("/{question}/answer", response_model=AnswerRecorded, responses=STALE)
def answer_question(
    question: QuestionId, body: AnswerIn, access: ChairDep, workspace: WorkspaceDep
) -> AnswerRecorded:
    """Answer a question; the chronology re-merges and the queue re-ranks."""
    answered = workspace.answer(
        access.review,
        question,
        body.answer,
        body.note,
        access.actor,
        body.fingerprint,
        body.together,
        [Disagreement(tuple(d.rows), d.kind, d.description) for d in body.disagreements],
        body.not_conflicts,
        body.other_incidents,
    )
    queue, shown = workspace.questions(access.review, 1)
    return AnswerRecorded(
        question=answered.id,
        answer=body.answer.value,
        answered_by=access.actor,
        remaining=queue.remaining,
        next_question=shown[0].question.id if shown else None,
    )


def question_out(item: ShownQuestion) -> QuestionOut:
    """A shown question as the API returns it."""
    q = item.question
    return QuestionOut(
        id=q.id,
        kind=q.kind,
        answers=[a.value for a in ANSWERS_FOR[q.kind]],
        probability=q.probability,
        settles=q.settles,
        fingerprint=q.fingerprint,
        conflict_key=q.conflict_key,
        evidence_for=list(q.evidence_for),
        evidence_against=list(q.evidence_against),
        held_together=list(q.held_together),
        accounts=[
            AccountOut(
                record_id=e.record_id,
                agency=e.agency,
                file=e.file,
                row=e.row,
                date=e.date,
                time=e.time,
                cells=e.cells,
            )
            for e in item.accounts
        ],
        markers=[
            MarkerOut(key=m.key, kind=m.kind, rows=list(m.entry_ids), explanation=m.explanation)
            for m in item.markers
        ],
    )

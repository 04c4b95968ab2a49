"""Bodies of the chair's queue: the questions with both accounts, and an answer."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from domain.conflict_kinds import CONFLICT_KINDS
from domain.questions import Answer

Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=10_000)]
RowRef = Annotated[str, StringConstraints(max_length=64)]
ConflictKind = Annotated[str, StringConstraints(pattern=f"^({'|'.join(CONFLICT_KINDS)})$")]


class AccountOut(BaseModel):
    """One agency's row, verbatim, with where it came from."""

    record_id: str
    agency: str
    file: str
    row: int
    date: str
    time: str | None
    cells: dict[str, str]


class MarkerOut(BaseModel):
    """A conflict marker standing on rows of an incident check, with no decision yet."""

    key: str
    kind: str
    rows: list[str] = Field(description="the record ids of the rows it stands on")
    explanation: str


class QuestionOut(BaseModel):
    """A question of the queue: what it asks, both accounts and the evidence."""

    id: str
    kind: str = Field(description="incident (an incident check), link, split or conflict")
    answers: list[str]
    probability: float = Field(description="the model's chance the rows are one incident")
    settles: int
    fingerprint: str = Field(description="send it back with the answer: a changed question is 409")
    conflict_key: str
    evidence_for: list[str]
    evidence_against: list[str]
    held_together: list[str] = Field(
        description="an incident check's rows held as one incident (the other accounts are "
        "rows nearby, held apart)"
    )
    accounts: list[AccountOut]
    markers: list[MarkerOut] = Field(
        default_factory=list,
        description="an incident check's undecided markers standing on its rows: answer "
        "'together' with `not_conflicts` naming those that are not conflicts",
    )


class QueueOut(BaseModel):
    """The open questions, best first."""

    remaining: int
    answered: int
    incidents: int = Field(description="the incidents the chronology now holds")
    incidents_in_doubt: int = Field(
        description="of those, the incidents the model is unsure of (an incident check is open)"
    )
    questions: list[QuestionOut]


class DisagreementIn(BaseModel):
    """Rows of an incident check, kept together, whose accounts disagree."""

    rows: list[RowRef] = Field(
        min_length=2, max_length=500, description="record ids, or numbers in the order shown"
    )
    kind: ConflictKind = Field(description="what they disagree on: " + ", ".join(CONFLICT_KINDS))
    description: Note = ""


class AnswerIn(BaseModel):
    """The chair's answer to the question as shown."""

    answer: Answer
    fingerprint: str | None = Field(default=None, max_length=64)
    note: Note = ""
    together: list[RowRef] = Field(
        default_factory=list,
        max_length=500,
        description="answer 'together': the record ids (or numbers in the order shown) of the "
        "rows that are one incident; none: the rows as held",
    )
    other_incidents: list[Annotated[list[RowRef], Field(min_length=1, max_length=500)]] = Field(
        default_factory=list,
        max_length=50,
        description="answer 'together': further incidents among the rows not kept, each the "
        "rows (record ids or numbers) that are one incident of their own",
    )
    disagreements: list[DisagreementIn] = Field(
        default_factory=list,
        max_length=50,
        description="answer 'together': rows of one incident (those kept, or one of "
        "`other_incidents`) whose accounts disagree; each becomes a conflict marker the chair "
        "raised",
    )
    not_conflicts: list[Annotated[str, StringConstraints(max_length=64)]] = Field(
        default_factory=list,
        max_length=200,
        description="answer 'together': keys of the check's markers that are not conflicts "
        "(each is resolved so, with the answer's note as its rationale)",
    )


class AnswerRecorded(BaseModel):
    """An answer was recorded; the queue's next question, if any."""

    question: str
    answer: str
    answered_by: str
    remaining: int
    next_question: str | None

"""The Questions page: the chair's queue one question at a time, answered from the keyboard.

Each answer form carries the question's fingerprint, so an answer to a question someone else
answered (or that changed) since the page was loaded is refused with who answered and when.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Query, Request, Response
from fastapi.responses import RedirectResponse

from api.http.access import Permission
from api.http.dependencies import WorkspaceDep
from api.web.markers import KIND_LABELS as MARKER_LABELS
from api.web.page_route import PageRoute
from api.web.permissions import ChairDep, MergedReaderDep, may
from api.web.rendering import quote_path, render
from api.web.session import check_csrf
from domain.decisions import DecisionRefusedError
from domain.questions import ANSWERS_FOR, Answer, Disagreement

router = APIRouter(prefix="/web/reviews/{review}", route_class=PageRoute, include_in_schema=False)

QuestionId = Annotated[str, Path(min_length=3, max_length=40)]

# What each question asks, and each answer's words and key.
ASKS = {
    "incident": "Which of these accounts are one incident?",
    "link": "Are these two accounts the same incident?",
    "split": "Does this account belong to the incident it is grouped in?",
    "conflict": "Do these accounts really disagree?",
}
KIND_LABELS = {
    "incident": "Incident check",
    "link": "Possible link",
    "split": "Possible split",
    "conflict": "Doubtful conflict",
}
BUTTONS = {
    Answer.SAME: ("Same incident", "s"),
    Answer.DIFFERENT: ("Different incidents", "d"),
    Answer.TOGETHER: ("The ticked accounts are one incident", "t"),
    Answer.REAL: ("Real disagreement", "r"),
    Answer.NOT_A_CONFLICT: ("Not a conflict", "x"),
}


@router.get("/questions")
def questions(
    request: Request,
    access: MergedReaderDep,
    workspace: WorkspaceDep,
    skip: Annotated[int, Query(ge=0, le=10_000)] = 0,
    answered: Annotated[str, Query(max_length=40)] = "",
) -> Response:
    """The question at place `skip` of the queue (0: the most useful), both accounts side by
    side with the evidence, and the answers."""
    queue, shown = workspace.questions(access.review, skip + 1)
    current = shown[skip] if len(shown) > skip else None
    context = {
        "review": access.review,
        "item": current,
        "remaining": queue.remaining,
        "answered_count": queue.answered,
        "incidents": queue.incidents,
        "incidents_in_doubt": queue.incidents_in_doubt,
        "skip": skip,
        "has_next": queue.remaining > skip + 1,
        "asks": ASKS,
        "kinds": KIND_LABELS,
        "conflict_kinds": list(MARKER_LABELS.items()),
        "buttons": (
            [(a.value, *BUTTONS[a]) for a in ANSWERS_FOR[current.question.kind]] if current else []
        ),
        "answered": answered,
        "may_answer": may(access.user, Permission.DECIDE, access.review),
    }
    return render(request, "questions.html", context, user=access.user)


def incidents_lettered(given: list[str]) -> list[list[str]]:
    """The form's "Or another incident" choices ("B|record id", "" for none) as the rows of
    each incident, one per letter."""
    rows_of: dict[str, list[str]] = {}
    for choice in given:
        letter, _, row = choice.partition("|")
        if letter and row:
            rows_of.setdefault(letter, []).append(row)
    return list(rows_of.values())


@router.post("/questions/{question}/answer")
def answer(
    request: Request,
    question: QuestionId,
    access: ChairDep,
    workspace: WorkspaceDep,
    csrf: Annotated[str, Form(max_length=200)],
    fingerprint: Annotated[str, Form(max_length=64)],
    chosen: Annotated[str, Form(alias="answer", max_length=20)],
    note: Annotated[str, Form(max_length=5000)] = "",
    together: Annotated[list[str] | None, Form(max_length=500)] = None,
    another: Annotated[list[str] | None, Form(max_length=500)] = None,
    disagree: Annotated[list[str] | None, Form(max_length=500)] = None,
    disagreement_kind: Annotated[str, Form(max_length=20)] = "other",
    disagreement: Annotated[str, Form(max_length=2000)] = "",
    not_conflict: Annotated[list[str] | None, Form(max_length=200)] = None,
) -> Response:
    """Record the answer to the question as shown, then show the next question."""
    check_csrf(request, csrf)
    try:
        given = Answer(chosen)
    except ValueError:
        raise DecisionRefusedError("choose one of the answers") from None
    if given is Answer.TOGETHER and not together:
        raise DecisionRefusedError("tick at least one account: those that are one incident")
    marked = []
    if disagree:
        if len(set(disagree)) < 2:
            raise DecisionRefusedError(
                "tick two or more accounts under 'Disagrees': a disagreement is between accounts"
            )
        marked = [Disagreement(tuple(disagree), disagreement_kind, disagreement)]
    workspace.answer(
        access.review,
        question,
        given,
        note,
        access.actor,
        fingerprint,
        together or [],
        marked,
        not_conflict or [],
        incidents_lettered(another or []),
    )
    target = f"/web/reviews/{quote_path(access.review)}/questions?answered={quote_path(question)}"
    return RedirectResponse(target, status_code=303)

"""Reviews: open one (administrator, or the chair given it), list those you may see, show one."""

from __future__ import annotations

from collections import Counter

from fastapi import APIRouter, Response, status

from api.http.access import AccessDeniedError
from api.http.dependencies import CurrentUserDep, OpenerDep, ReviewSummaryDep, WorkspaceDep
from api.http.listings import review_rows, submission_rows
from api.http.schemas.reviews import AgencySubmissions, ReviewCreate, ReviewDetail, ReviewSummary
from domain.errors import ReviewNotFoundError

router = APIRouter(prefix="/reviews", tags=["reviews"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ReviewSummary,
    responses={200: {"description": "The review was already open", "model": ReviewSummary}},
)
def open_review(
    body: ReviewCreate, user: OpenerDep, workspace: WorkspaceDep, response: Response
) -> ReviewSummary:
    """Open a review (idempotent: opening an open review returns it with 200)."""
    if not user.may_see_review(body.name):
        raise AccessDeniedError(f"user {user.name!r} has not been given review {body.name!r}")
    try:
        workspace.review(body.name)
        response.status_code = status.HTTP_200_OK
    except ReviewNotFoundError:
        _open(workspace, body.name, user.name)
    return _summary(workspace, body.name)


@router.get("", response_model=list[ReviewSummary])
def list_reviews(user: CurrentUserDep, workspace: WorkspaceDep) -> list[ReviewSummary]:
    """The reviews you have been given (every review, for an administrator)."""
    workspace.catch_up_to_read()
    return [
        ReviewSummary(**row)
        for row in review_rows(workspace.engine)
        if user.may_see_review(row["name"])
    ]


@router.get("/{review}", response_model=ReviewDetail)
def show_review(access: ReviewSummaryDep, workspace: WorkspaceDep) -> ReviewDetail:
    """A review and the agencies that have sent chronologies to it."""
    summary = _summary(workspace, access.review)
    held = workspace.review(access.review)
    counts = Counter(row["agency"] for row in submission_rows(workspace.engine, access.review))
    agencies = [
        AgencySubmissions(
            agency=agency,
            submissions=count,
            current_submission_id=_text(held.current_submission(agency)),
            current_submission_ids=[str(held_id) for held_id, _ in held.files_of(agency)],
        )
        for agency, count in sorted(counts.items())
    ]
    return ReviewDetail(**summary.model_dump(), agencies=agencies)


def _summary(workspace: WorkspaceDep, review_name: str) -> ReviewSummary:
    held = workspace.review(review_name)
    workspace.catch_up_to_read()
    found = next((r for r in review_rows(workspace.engine) if r["name"] == held.name), None)
    if found is None:
        raise ReviewNotFoundError(review_name)
    return ReviewSummary(**found)


def _open(workspace: WorkspaceDep, review_name: str, opened_by: str) -> None:
    with workspace.writing():
        workspace.application.open_review(review_name, opened_by)
        workspace.catch_up()


def _text(value: object | None) -> str | None:
    return None if value is None else str(value)

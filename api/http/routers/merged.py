"""The merged chronology, its conflicts, and scoring it against a ground truth (not for agencies).

`as_at` (an ISO date-time; UK local time when it has no zone) or `as_at_position` (an event
position) shows the chronology as it stood then; without either it is as it stands now.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, HTTPException, Query, status

from api.http.dependencies import MergedReaderDep, WorkspaceDep
from api.http.schemas.merged import ConflictOut, ConflictsOut, EvaluationOut, GroundTruth, MergedOut
from api.http.shaping import merged_out
from api.merged_rendering import MergedFilter, filtered
from api.workspace import Workspace
from projections.merged.scoring import evaluate_view
from projections.merged.view import MergedView

router = APIRouter(prefix="/reviews/{review}", tags=["merged chronology"])

# Reviews in England and Wales: a time written without a zone means local time there.
LOCAL_ZONE = ZoneInfo("Europe/London")
LARGEST_POSITION = 10**15

AsAt = Annotated[
    datetime | None,
    Query(
        description="as it stood at this moment (ISO 8601; UK local time without a zone)",
        examples=["2018-01-15T12:00:00"],
    ),
]
AsAtPosition = Annotated[
    int | None,
    Query(ge=0, le=LARGEST_POSITION, description="as it stood once event N had been applied"),
]


@router.get("/merged", response_model=MergedOut)
def merged_chronology(
    access: MergedReaderDep,
    workspace: WorkspaceDep,
    as_at: AsAt = None,
    as_at_position: AsAtPosition = None,
    conflicts_only: Annotated[
        bool, Query(description="only incidents with a conflict marker")
    ] = False,
    agency: Annotated[
        str | None, Query(max_length=200, description="only incidents with this agency's entry")
    ] = None,
    person: Annotated[
        str | None, Query(max_length=200, description="only incidents naming this pseudonym")
    ] = None,
    date_from: Annotated[
        date | None, Query(alias="from", description="incidents on or after this date")
    ] = None,
    date_to: Annotated[
        date | None, Query(alias="to", description="incidents on or before this date")
    ] = None,
) -> MergedOut:
    """Incidents in date order with each agency's account, conflict markers and decisions."""
    view = _view(workspace, access.review, as_at, as_at_position)
    chosen = MergedFilter(
        conflicts_only=conflicts_only,
        agency=agency,
        person=person,
        date_from=date_from.isoformat() if date_from else None,
        date_to=date_to.isoformat() if date_to else None,
    )
    return merged_out(filtered(view, chosen))


@router.get("/conflicts", response_model=ConflictsOut)
def conflicts(
    access: MergedReaderDep,
    workspace: WorkspaceDep,
    as_at: AsAt = None,
    as_at_position: AsAtPosition = None,
    conflict_status: Annotated[
        str | None,
        Query(alias="status", max_length=40, description="open, resolved or needs review"),
    ] = None,
) -> ConflictsOut:
    """The review's conflict markers, each with its status and version (for expected_version)."""
    view = _view(workspace, access.review, as_at, as_at_position)
    chosen = [c for c in view.conflicts if conflict_status is None or c.status == conflict_status]
    return ConflictsOut(
        review=view.review,
        as_at_position=view.position,
        conflicts=[ConflictOut.model_validate(c, from_attributes=True) for c in chosen],
    )


@router.post("/evaluate", response_model=EvaluationOut)
def evaluate(truth: GroundTruth, access: MergedReaderDep, workspace: WorkspaceDep) -> EvaluationOut:
    """Score the merged chronology against a ground truth (pair F1, conflict recall/precision)."""
    scores = evaluate_view(workspace.merged(access.review), truth.model_dump())
    return EvaluationOut(
        pair_precision=scores.pair_precision,
        pair_recall=scores.pair_recall,
        pair_f1=scores.pair_f1,
        conflict_recall=scores.conflict_recall,
        conflict_precision=scores.conflict_precision,
        true_pairs=scores.true_pairs,
        predicted_pairs=scores.predicted_pairs,
        missed_conflicts=[m.id for m in scores.missed_conflicts],
    )


def _view(
    workspace: Workspace, review: str, as_at: datetime | None, as_at_position: int | None
) -> MergedView:
    if as_at is not None and as_at_position is not None:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, "give as_at or as_at_position, not both"
        )
    position = as_at_position
    if as_at is not None:
        position = workspace.position_at(_in_utc(as_at))
    return workspace.merged(review, position)


def _in_utc(moment: datetime) -> datetime:
    try:
        return (moment if moment.tzinfo else moment.replace(tzinfo=LOCAL_ZONE)).astimezone(UTC)
    except OverflowError:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            "query parameter 'as_at' is outside the range of dates this server handles",
        ) from None

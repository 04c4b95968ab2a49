"""The record itself: a review's audit trail, one entry's history, and verifying the event log."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.http.dependencies import AuditReaderDep, HistoryReaderDep, VerifierDep, WorkspaceDep
from api.http.schemas.records import AuditLineOut, HistoryOut, VerificationOut

router = APIRouter(tags=["record"])


@router.get("/reviews/{review}/audit", response_model=list[AuditLineOut])
def audit_trail(
    access: AuditReaderDep,
    workspace: WorkspaceDep,
    up_to: Annotated[
        int | None, Query(ge=0, le=10**15, description="only events up to this position")
    ] = None,
) -> list[AuditLineOut]:
    """Every event of the review in order: who did what, when, from which file and row."""
    return [AuditLineOut(**asdict(line)) for line in workspace.audit(access.review, up_to)]


@router.get("/reviews/{review}/entries/{entry}/history", response_model=HistoryOut)
def entry_history(
    access: HistoryReaderDep,
    workspace: WorkspaceDep,
    entry: Annotated[
        str, Path(min_length=4, max_length=80, description="an entry or record id (or prefix)")
    ],
) -> HistoryOut:
    """Every version of one agency row across resubmissions, and the decisions on it."""
    return HistoryOut(**asdict(workspace.history(access.review, entry)))


@router.get("/verify", response_model=VerificationOut)
def verify_record(user: VerifierDep, workspace: WorkspaceDep) -> VerificationOut:
    """Recompute the hash chain over every stored event and say whether it is intact."""
    return VerificationOut(**asdict(workspace.verify()))

"""The chair's decisions: resolve, reopen and raise conflicts, link and unlink entries, write
notes.

Who decided is always the authenticated user. `expected_version` (from the conflicts listing)
makes a decision conditional: if someone else decided meanwhile, the answer is 409.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from api.http.dependencies import ChairDep, WorkspaceDep
from api.http.schemas.chair import (
    ConflictRaisedOut,
    DecisionRecorded,
    LinkIn,
    NoteIn,
    RaiseConflictIn,
    Recorded,
    ReopenIn,
    ResolveIn,
    UnlinkIn,
)

router = APIRouter(prefix="/reviews/{review}", tags=["chair's decisions"])

ConflictKey = Annotated[
    str, Path(min_length=1, max_length=200, description="a conflict key from /conflicts")
]
STALE: dict[int | str, dict[str, Any]] = {
    409: {
        "description": "Someone else decided this conflict since your expected_version; look again"
    }
}


@router.post("/conflicts/{key}/resolve", response_model=DecisionRecorded, responses=STALE)
def resolve_conflict(
    key: ConflictKey, body: ResolveIn, access: ChairDep, workspace: WorkspaceDep
) -> DecisionRecorded:
    """Resolve a conflict: accept one account, record it as disputed, or not a conflict."""
    version = workspace.resolve(
        access.review,
        key,
        body.decision,
        body.accept,
        body.rationale,
        decided_by=access.actor,
        expected_version=body.expected_version,
    )
    return DecisionRecorded(conflict=key, version=version, decided_by=access.actor)


@router.post("/conflicts/{key}/reopen", response_model=DecisionRecorded, responses=STALE)
def reopen_conflict(
    key: ConflictKey, body: ReopenIn, access: ChairDep, workspace: WorkspaceDep
) -> DecisionRecorded:
    """Reopen a resolved conflict, with the reason."""
    version = workspace.reopen(
        access.review, key, body.rationale, access.actor, body.expected_version
    )
    return DecisionRecorded(conflict=key, version=version, decided_by=access.actor)


@router.post("/links", response_model=Recorded)
def link_entries(body: LinkIn, access: ChairDep, workspace: WorkspaceDep) -> Recorded:
    """Record that entries are the same incident."""
    workspace.link(access.review, list(body.entries), body.rationale, access.actor)
    return Recorded(recorded_by=access.actor)


@router.post("/unlinks", response_model=Recorded)
def unlink_entry(body: UnlinkIn, access: ChairDep, workspace: WorkspaceDep) -> Recorded:
    """Split an entry out of the incident it is grouped in."""
    workspace.unlink(access.review, body.entry, body.rationale, access.actor)
    return Recorded(recorded_by=access.actor)


@router.post("/conflicts", response_model=ConflictRaisedOut, status_code=201)
def raise_conflict(
    body: RaiseConflictIn, access: ChairDep, workspace: WorkspaceDep
) -> ConflictRaisedOut:
    """Mark a disagreement between entries of one incident that no detector marked."""
    key = workspace.raise_conflict(
        access.review, list(body.entries), body.kind, body.description, access.actor
    )
    return ConflictRaisedOut(conflict=key, recorded_by=access.actor)


@router.post("/notes", response_model=Recorded)
def add_note(body: NoteIn, access: ChairDep, workspace: WorkspaceDep) -> Recorded:
    """Add a panel note to an entry, an incident (inc-...) or a conflict."""
    workspace.note(access.review, body.target, body.text, access.actor)
    return Recorded(recorded_by=access.actor)

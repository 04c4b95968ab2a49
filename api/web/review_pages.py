"""A review's overview (agencies, submissions, counts, the upload form and, after an upload is
confirmed, its intake report); the upload itself is previewed first (`upload_pages.py`)."""

from __future__ import annotations

import logging
from pathlib import PurePosixPath, PureWindowsPath
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Request, Response
from fastapi.responses import RedirectResponse

from api.http.access import AccessDeniedError, Permission, ReviewAccess
from api.http.dependencies import WorkspaceDep
from api.http.listings import submission_rows
from api.web.page_route import PageRoute
from api.web.permissions import ChairDep, OverviewDep, may
from api.web.rendering import quote_path, render
from api.web.session import check_csrf
from api.workspace import Workspace
from domain.decisions import DecisionRefusedError
from domain.errors import ChronologyError
from domain.identity import normalise_name

router = APIRouter(prefix="/web/reviews/{review}", route_class=PageRoute, include_in_schema=False)
log = logging.getLogger("chronology.web")


@router.get("")
def overview(request: Request, access: OverviewDep, workspace: WorkspaceDep) -> Response:
    """Agencies and their submissions, the merged counts, and (for agencies) the upload form."""
    workspace.review(access.review)
    context = {**overview_context(workspace, access), "asked": request.query_params.get("asked")}
    return render(request, "overview.html", context, user=access.user)


def overview_context(workspace: Workspace, access: ReviewAccess) -> dict[str, Any]:
    """What the overview shows this user: only what its role may read."""
    user, review = access.user, access.review
    workspace.catch_up_to_read()
    by_agency: dict[str, list[dict[str, Any]]] = {}
    if may(user, Permission.READ_SUBMISSIONS, review):
        for row in submission_rows(workspace.engine, review, access.agency_scope):
            by_agency.setdefault(row["agency"], []).append(row)
    counts = None
    if may(user, Permission.READ_MERGED, review):
        view = workspace.merged(review)
        counts = {
            "incidents": len(view.incidents),
            "entries": sum(len(i.entries) for i in view.incidents),
            "open_conflicts": sum(1 for c in view.conflicts if c.status != "resolved"),
            "conflicts": len(view.conflicts),
        }
    unreadable = []
    notes: dict[str, list[Any]] = {}
    if may(user, Permission.READ_SUBMISSIONS, review):
        unreadable = workspace.unreadable_rows(review, access.agency_scope)
        notes = workspace.submission_notes(review) if unreadable or by_agency else {}
    return {
        "review": review,
        "stopped": stopped_in_words(workspace),
        # Events stored that the read models have yet to apply (a follower is on its way).
        "updating": workspace.events_to_apply(),
        "unreadable": unreadable,
        "notes": notes,
        "may_ask": may(user, Permission.DECIDE, review),
        "known_agencies": sorted(by_agency, key=str.casefold),
        "agencies": sorted(by_agency.items(), key=lambda item: item[0].casefold()),
        "counts": counts,
        "may_upload": may(user, Permission.UPLOAD, review),
        "own_agency": access.agency_scope,
        "may_audit": may(user, Permission.READ_AUDIT, review),
        "report": None,
    }


@router.post("/submissions/{submission}/request")
def ask_for_a_corrected_file(
    request: Request,
    submission: Annotated[str, Path(min_length=8, max_length=40)],
    access: ChairDep,
    workspace: WorkspaceDep,
    csrf: Annotated[str, Form(max_length=200)],
    text: Annotated[str, Form(max_length=5000)],
) -> Response:
    """Note on a submission what the agency should correct; the note is on the record."""
    check_csrf(request, csrf)
    if not text.strip():
        raise DecisionRefusedError("write what the agency should correct before sending")
    workspace.ask_for_a_corrected_file(access.review, submission, text.strip(), access.actor)
    target = f"/web/reviews/{quote_path(access.review)}?asked={quote_path(submission)}#unreadable"
    return RedirectResponse(target, status_code=303)


def sending_agency(access: ReviewAccess, agency: str) -> str:
    """The agency a web upload is from: an agency user's own, else the one the chair named."""
    own = access.agency_scope
    if own is None and not agency.strip():
        raise ChronologyError("Name the agency the file is from, then upload it again.")
    if own is not None and agency.strip() and normalise_name(agency) != normalise_name(own):
        raise AccessDeniedError(
            f"user {access.user.name!r} uploads for {own!r} only, not {agency!r}"
        )
    return (own or agency).strip()


def file_name_of(uploaded: str | None) -> str:
    """The file's own name, without any folders the browser sent with it."""
    name = PureWindowsPath(PurePosixPath(uploaded or "").name).name.strip()
    return name[:200] or "upload.csv"


# What each read model is to a person using the workspace.
_READ_MODEL_WORDS = {
    "entries": "the agencies' entries",
    "merged": "the merged chronology and its conflicts",
    "audit": "the audit trail",
    "people": "the people the review names",
    "integrity": "the integrity seal",
}


def stopped_in_words(workspace: Workspace) -> list[str]:
    """The parts of the workspace that have stopped updating, in plain words (the operator's
    detail, which event and why, is in the log and `chronology status`)."""
    return [_READ_MODEL_WORDS.get(f.name, f.name) for f in workspace.stopped_read_models()]

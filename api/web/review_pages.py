"""A review's overview (agencies, submissions, counts) and the agency's upload form and report."""

from __future__ import annotations

import logging
from pathlib import PurePosixPath, PureWindowsPath
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Path, Request, Response, UploadFile
from fastapi.responses import RedirectResponse

from adapters.columns import parse_overrides
from api.http.access import AccessDeniedError, Permission, ReviewAccess
from api.http.dependencies import SettingsDep, WorkspaceDep
from api.http.listings import submission_rows
from api.http.shaping import intake_report
from api.http.upload_limit import too_large_in_words, too_large_message
from api.web.page_route import PageRoute, UploadTooLargeError
from api.web.permissions import ChairDep, OverviewDep, UploaderDep, may
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


@router.post("/upload")
def upload(
    request: Request,
    access: UploaderDep,
    workspace: WorkspaceDep,
    settings: SettingsDep,
    file: Annotated[UploadFile, File()],
    csrf: Annotated[str, Form(max_length=200)],
    agency: Annotated[str, Form(max_length=200)] = "",
    column_map: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    """Store one agency file and show the intake report."""
    check_csrf(request, csrf)
    sender = _sending_agency(access, agency)
    overrides = parse_overrides([line for line in column_map.splitlines() if line.strip()])
    content = file.file.read(settings.max_upload_bytes + 1)
    if len(content) > settings.max_upload_bytes:
        log.warning("upload refused: %s", too_large_message(settings.max_upload_bytes))
        raise UploadTooLargeError(too_large_in_words(settings.max_upload_bytes))
    workspace.review(access.review)
    report = workspace.import_file(
        content,
        _file_name(file.filename),
        access.review,
        sender,
        uploaded_by=access.actor,
        overrides=overrides,
    )
    shaped = intake_report(report, access.review, sender, access.actor)
    context = {**overview_context(workspace, access), "report": shaped, "asked": None}
    return render(request, "overview.html", context, user=access.user)


def overview_context(workspace: Workspace, access: ReviewAccess) -> dict[str, Any]:
    """What the overview shows this user: only what its role may read."""
    user, review = access.user, access.review
    workspace.catch_up()
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


def _sending_agency(access: ReviewAccess, agency: str) -> str:
    own = access.agency_scope
    if own is None and not agency.strip():
        raise ChronologyError("Name the agency the file is from, then upload it again.")
    if own is not None and agency.strip() and normalise_name(agency) != normalise_name(own):
        raise AccessDeniedError(
            f"user {access.user.name!r} uploads for {own!r} only, not {agency!r}"
        )
    return (own or agency).strip()


def _file_name(uploaded: str | None) -> str:
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

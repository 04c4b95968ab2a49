"""The web upload: a file is previewed (roles, reasons, first rows) and stored only when confirmed.

`POST upload` reads the file, holds its bytes (adapters.held_uploads) and shows the preview with
a role to choose per column; `POST upload/confirm` previews again with the chosen roles, stores
the held file under them (the overview then shows the intake report), or discards it.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Request, Response, UploadFile
from fastapi.responses import RedirectResponse

from adapters.columns import parse_overrides
from adapters.errors import ColumnMappingError, UnreadableFileError
from adapters.held_uploads import HeldUpload, HeldUploads
from adapters.intake_preview import IntakePreview, mapping_from_choices, preview_chronology, roles
from api.http.access import ReviewAccess
from api.http.dependencies import SettingsDep, WorkspaceDep
from api.http.shaping import intake_report
from api.http.upload_limit import too_large_in_words, too_large_message
from api.web.page_route import PageNotFoundError, PageRoute, UploadTooLargeError, in_web_words
from api.web.permissions import UploaderDep
from api.web.rendering import quote_path, render
from api.web.review_pages import file_name_of, overview_context, sending_agency
from api.web.session import check_csrf
from api.workspace import Workspace

router = APIRouter(prefix="/web/reviews/{review}", route_class=PageRoute, include_in_schema=False)
log = logging.getLogger("chronology.web")

# What each role means to the person choosing it; the value sent is the role's own name.
ROLE_LABELS = {
    "date": "Date of the event",
    "end_date": "End date (of a span)",
    "recorded_date": "Date recorded",
    "year": "Year",
    "time": "Time",
    "date_qualifier": "Date qualifier (c., approx.)",
    "reference": "Reference number",
    "subjects": "People involved",
    "event_type": "Kind of contact or event",
    "summary": "Narrative (what happened)",
    "action": "Action taken",
    "comment": "Agency comment",
    "source": "Source",
    "staff": "Staff member",
    "location": "Location",
    "ignore": "Not read (kept verbatim)",
}
Sha256 = Annotated[str, Form(pattern="^[0-9a-f]{64}$")]


class HeldUploadGoneError(PageNotFoundError):
    """Raised when the file a preview showed is no longer held (stored, discarded or expired)."""


@router.post("/upload")
def preview_upload(
    request: Request,
    access: UploaderDep,
    workspace: WorkspaceDep,
    settings: SettingsDep,
    file: Annotated[UploadFile, File()],
    csrf: Annotated[str, Form(max_length=200)],
    agency: Annotated[str, Form(max_length=200)] = "",
    column_map: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    """Read one agency file, hold it, and show how it was read; nothing is stored yet."""
    check_csrf(request, csrf)
    sender = sending_agency(access, agency)
    overrides = parse_overrides([line for line in column_map.splitlines() if line.strip()])
    content = file.file.read(settings.max_upload_bytes + 1)
    if len(content) > settings.max_upload_bytes:
        log.warning("upload refused: %s", too_large_message(settings.max_upload_bytes))
        raise UploadTooLargeError(too_large_in_words(settings.max_upload_bytes))
    workspace.review(access.review)
    preview = preview_chronology(content, file_name_of(file.filename), overrides)
    held = _holding(request).hold(
        content, preview.file_name, access.user.name, access.review, datetime.now(UTC)
    )
    # Only the digest's start and the size: the file's name and cells may name people.
    log.info("upload held for preview: %s (%d bytes)", held.content_sha256[:12], len(content))
    return _preview_page(request, access, workspace, preview, held, sender)


@router.post("/upload/confirm")
def confirm_upload(
    request: Request,
    access: UploaderDep,
    workspace: WorkspaceDep,
    csrf: Annotated[str, Form(max_length=200)],
    content_sha256: Sha256,
    action: Annotated[Literal["store", "preview", "discard"], Form()],
    agency: Annotated[str, Form(max_length=200)] = "",
    mapping: Annotated[list[str] | None, Form(max_length=400)] = None,
    column: Annotated[list[str] | None, Form(max_length=400)] = None,
    shown: Annotated[list[str] | None, Form(max_length=40)] = None,
    role: Annotated[list[str] | None, Form(max_length=40)] = None,
) -> Response:
    """Store the held file under the roles chosen, preview it again with them, or discard it."""
    check_csrf(request, csrf)
    sender = sending_agency(access, agency)
    holding = _holding(request)
    held = holding.take(content_sha256, access.user.name, access.review, datetime.now(UTC))
    if held is None:
        raise HeldUploadGoneError(
            "The file you previewed is no longer held: it was stored or discarded, or the "
            "preview was left too long. Nothing was stored from this page; upload the file again."
        )
    if action == "discard":
        holding.release(held.content_sha256, access.user.name)
        return RedirectResponse(f"/web/reviews/{quote_path(access.review)}", status_code=303)
    given = parse_overrides(mapping or [])
    # The roles the page showed come back with the form, so the file is not read again for them.
    chosen = mapping_from_choices(
        given,
        dict(zip(column or [], shown or [], strict=False)),
        dict(zip(column or [], role or [], strict=False)),
    )
    if action == "preview":
        try:
            again = preview_chronology(held.content, held.file_name, chosen)
        except (UnreadableFileError, ColumnMappingError) as problem:
            before = preview_chronology(held.content, held.file_name, given)
            return _preview_page(request, access, workspace, before, held, sender, str(problem))
        return _preview_page(request, access, workspace, again, held, sender)
    report = workspace.import_file(
        held.content,
        held.file_name,
        access.review,
        sender,
        uploaded_by=access.actor,
        overrides=chosen,
    )
    holding.release(held.content_sha256, access.user.name)
    shaped = intake_report(report, access.review, sender, access.actor)
    context = {**overview_context(workspace, access), "report": shaped, "asked": None}
    return render(request, "overview.html", context, user=access.user)


def _preview_page(
    request: Request,
    access: ReviewAccess,
    workspace: Workspace,
    preview: IntakePreview,
    held: HeldUpload,
    sender: str,
    problem: str | None = None,
) -> Response:
    context = {
        "review": access.review,
        "preview": preview,
        "agency": sender,
        "own_agency": access.agency_scope,
        "held_until": held.held_until.isoformat(),
        "already_held": workspace.already_holds(access.review, sender, preview.content_sha256),
        "roles": roles(),
        "role_labels": ROLE_LABELS,
        "problem": in_web_words(problem) if problem else None,
    }
    return render(request, "upload_preview.html", context, user=access.user)


def _holding(request: Request) -> HeldUploads:
    holding: HeldUploads = request.app.state.held_uploads
    return holding

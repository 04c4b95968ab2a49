"""Submissions: an agency uploads its chronology (multipart) and reads back its own files and rows.

An agency user uploads for its own agency only, and sees only its own agency's submissions and
entries; chairs, panel members and administrators see every agency's.
"""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Query, Response, UploadFile, status

from adapters.columns import parse_overrides
from adapters.intake_preview import preview_chronology
from api.http.access import AccessDeniedError, ReviewAccess
from api.http.dependencies import SettingsDep, SubmissionReaderDep, UploaderDep, WorkspaceDep
from api.http.listings import submission_rows
from api.http.schemas.intake import EntryOut, IntakeReport, SubmissionDetail, SubmissionOut
from api.http.schemas.preview import IntakePreviewOut
from api.http.shaping import entry_out, intake_report, preview_out
from api.http.upload_limit import too_large_message
from domain.identity import normalise_name

router = APIRouter(prefix="/reviews/{review}", tags=["submissions"])

UPLOAD_DESCRIPTION = """Upload one agency chronology as multipart/form-data: a CSV export, a
spreadsheet (.xlsx, .xlsm, .xls, .ods; every worksheet is read, chart and cover sheets set aside)
or a Word document (.docx; its chronology table). The kind is read from the bytes, not the name.

Every row is stored verbatim; unreadable rows are stored with the reason and reported. Sending
exactly the same bytes again stores nothing and answers 200 with status `already_held`; a different
file from the same agency supersedes its earlier one (both stay in the record). A file that is not a
chronology at all (binary, empty, no date column, a Word document with no table or dated
paragraphs, a file locked with a password, an old .doc) is refused with 422, saying what to do,
and nothing is stored.
Files over CHRONOLOGY_MAX_UPLOAD_BYTES (default 20 MiB) are refused with 413.

To see how a file would be read before storing it, send the same body to
`/submissions/preview`; correct a column's role here with `map` lines ("Logged=date")."""


# The multipart fields an upload and its preview share.
AgencyFile = Annotated[
    UploadFile, File(description="the chronology: CSV, .xlsx, .xls, .ods or .docx")
]
SendingAgency = Annotated[
    str | None,
    Form(description="the sending agency (an agency user's own, by default)", max_length=200),
]
ColumnMap = Annotated[
    list[str] | None, Form(alias="map", description='"Header=field" (or =ignore); repeatable')
]


@router.post(
    "/submissions",
    response_model=IntakeReport,
    status_code=status.HTTP_201_CREATED,
    description=UPLOAD_DESCRIPTION,
    responses={
        200: {"description": "Already held: these bytes were stored before", "model": IntakeReport},
        413: {"description": "The file is larger than the upload limit"},
        422: {"description": "Not a chronology, or a bad column mapping; nothing stored"},
    },
)
def upload_submission(
    access: UploaderDep,
    workspace: WorkspaceDep,
    settings: SettingsDep,
    response: Response,
    file: AgencyFile,
    agency: SendingAgency = None,
    column_map: ColumnMap = None,
) -> IntakeReport:
    """Store one agency file and report how it was read."""
    sender = _sending_agency(access, agency)
    overrides = parse_overrides(column_map or [])
    content = _uploaded_bytes(file, settings.max_upload_bytes)
    workspace.review(access.review)  # uploads go to reviews an administrator or chair has opened
    report = workspace.import_file(
        content,
        _file_name(file.filename),
        access.review,
        sender,
        uploaded_by=access.actor,
        overrides=overrides,
    )
    if report.outcome.status == "already_held":
        response.status_code = status.HTTP_200_OK
    return intake_report(report, access.review, sender, access.actor)


PREVIEW_DESCRIPTION = """Show how one agency file would be read, storing nothing: the sheet or
table read and those set aside, each column's role with the reason intake gives, the first rows
with their dates as read, and every unreadable row. Send the same multipart body as the upload
(`file`, `agency`, `map`); to correct a column's role, send the upload with `map` lines such as
`Logged=date` (the `mapping` of a preview is the mapping it applied). Refused as the upload would
be (413, 422), and equally storing nothing."""


@router.post(
    "/submissions/preview",
    response_model=IntakePreviewOut,
    description=PREVIEW_DESCRIPTION,
    responses={
        413: {"description": "The file is larger than the upload limit"},
        422: {"description": "Not a chronology, or a bad column mapping"},
    },
)
def preview_submission(
    access: UploaderDep,
    workspace: WorkspaceDep,
    settings: SettingsDep,
    file: AgencyFile,
    agency: SendingAgency = None,
    column_map: ColumnMap = None,
) -> IntakePreviewOut:
    """How one agency file would be read; nothing is stored."""
    sender = _sending_agency(access, agency)
    overrides = parse_overrides(column_map or [])
    content = _uploaded_bytes(file, settings.max_upload_bytes)
    workspace.review(access.review)
    preview = preview_chronology(
        content, _file_name(file.filename), overrides, limits=workspace.limits
    )
    held = workspace.already_holds(access.review, sender, preview.content_sha256)
    return preview_out(preview, access.review, sender, held)


@router.get("/submissions", response_model=list[SubmissionOut])
def list_submissions(access: SubmissionReaderDep, workspace: WorkspaceDep) -> list[SubmissionOut]:
    """The review's submissions in the order stored (an agency user: its own agency's only)."""
    workspace.review(access.review)
    workspace.catch_up_to_read()
    return [
        SubmissionOut(**row)
        for row in submission_rows(workspace.engine, access.review, access.agency_scope)
    ]


@router.get("/submissions/{submission_id}", response_model=SubmissionDetail)
def show_submission(
    submission_id: str, access: SubmissionReaderDep, workspace: WorkspaceDep
) -> SubmissionDetail:
    """One submission and every row it holds."""
    workspace.review(access.review)
    workspace.catch_up_to_read()
    found = next(
        (
            r
            for r in submission_rows(workspace.engine, access.review)
            if r["submission_id"] == submission_id
        ),
        None,
    )
    if found is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND,
            f"no submission {submission_id!r} in review {access.review!r}",
        )
    _check_agency(access, found["agency"])
    rows = workspace.entries(access.review, found["agency"], include_superseded=True)
    return SubmissionDetail(
        **found, entries=[entry_out(e) for e in rows if e.submission_id == submission_id]
    )


@router.get("/entries", response_model=list[EntryOut])
def list_entries(
    access: SubmissionReaderDep,
    workspace: WorkspaceDep,
    agency: Annotated[
        str | None, Query(max_length=200, description="only this agency's entries")
    ] = None,
    include_superseded: bool = False,
) -> list[EntryOut]:
    """Stored entries in date order, with provenance (an agency user: its own agency's only)."""
    if agency is not None:
        _check_agency(access, agency)
    chosen = access.agency_scope or agency
    return [entry_out(e) for e in workspace.entries(access.review, chosen, include_superseded)]


def _sending_agency(access: ReviewAccess, agency: str | None) -> str:
    own = access.agency_scope
    if own is None and not (agency and agency.strip()):
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, "name the sending agency in the `agency` field"
        )
    if own is not None and agency and normalise_name(agency) != normalise_name(own):
        raise AccessDeniedError(
            f"user {access.user.name!r} uploads for {own!r} only, not {agency!r}"
        )
    return (own or agency or "").strip()


def _check_agency(access: ReviewAccess, agency: str) -> None:
    own = access.agency_scope
    if own is not None and normalise_name(agency) != normalise_name(own):
        raise AccessDeniedError(f"user {access.user.name!r} may read {own!r}'s rows only")


def _uploaded_bytes(file: UploadFile, limit: int) -> bytes:
    """The file's bytes; 413 when there are more than `limit`."""
    content = file.file.read(limit + 1)
    if len(content) > limit:
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, too_large_message(limit))
    return content


def _file_name(uploaded: str | None) -> str:
    """The file's own name, without any folders a browser or client sent with it."""
    name = PureWindowsPath(PurePosixPath(uploaded or "").name).name.strip()
    return name[:200] or "upload.csv"

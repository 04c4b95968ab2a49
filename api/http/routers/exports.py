"""The merged chronology as a file for the panel's report: Word, Excel, CSV or JSON.

Names are pseudonyms unless `real_names=true`, which only those who keep the review's people
glossary (chair, administrator) may ask for.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.exporting import ExportOptions, export_review
from api.http.access import Permission, check
from api.http.dependencies import MergedReaderDep, WorkspaceDep
from api.http.routers.merged import LOCAL_ZONE, AsAt, AsAtPosition

router = APIRouter(prefix="/reviews/{review}", tags=["exports"])

MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
ExportFormat = Literal["docx", "xlsx", "csv", "json"]


@router.get(
    "/export/{file_format}",
    response_class=Response,
    responses={200: {"content": {media: {} for media in MEDIA_TYPES.values()}}},
)
def export(
    file_format: ExportFormat,
    access: MergedReaderDep,
    workspace: WorkspaceDep,
    as_at: AsAt = None,
    as_at_position: AsAtPosition = None,
    conflicts_only: Annotated[
        bool, Query(description="only incidents with a conflict marker")
    ] = False,
    real_names: Annotated[
        bool, Query(description="show real names from the glossary (chair or administrator only)")
    ] = False,
) -> Response:
    """The review as a file, now or as it stood at a moment or event position."""
    if real_names:
        check(access.user, Permission.MANAGE_PEOPLE, access.review)
    moment = as_at if as_at is None or as_at.tzinfo else as_at.replace(tzinfo=LOCAL_ZONE)
    options = ExportOptions(
        review=access.review,
        export_format=file_format,
        position=as_at_position,
        as_at=moment,
        conflicts_only=conflicts_only,
        show_real_names=real_names,
        generated_at=datetime.now(LOCAL_ZONE),
    )
    content = export_review(workspace, options)
    name = "".join(c if c.isalnum() else "_" for c in access.review) + f"_chronology.{file_format}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}
    return Response(content, media_type=MEDIA_TYPES[file_format], headers=headers)

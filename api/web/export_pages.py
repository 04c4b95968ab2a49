"""Export links: the review as Word, Excel, CSV or JSON, for those who may read the merged view."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from adapters.exports import FORMATS
from api.exporting import ExportOptions, ExportRefusedError, export_review
from api.http.dependencies import WorkspaceDep
from api.web.chronology_query import ChronologyQuery
from api.web.page_route import PageRoute
from api.web.permissions import MergedReaderDep
from api.web.rendering import render

router = APIRouter(prefix="/web/reviews/{review}", route_class=PageRoute, include_in_schema=False)

MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
FORMAT_LABELS = {"docx": "Word", "xlsx": "Excel", "csv": "CSV", "json": "JSON"}


@router.get("/export")
def export_page(request: Request, access: MergedReaderDep) -> Response:
    """The export links, each as now or as at a chosen moment."""
    query = ChronologyQuery.from_request(request)
    formats = [(f, FORMAT_LABELS.get(f, f.upper())) for f in FORMATS]
    context = {"review": access.review, "formats": formats, "query": query}
    return render(request, "export.html", context, user=access.user)


@router.get("/export/{file_format}")
def export_file(
    request: Request,
    file_format: Annotated[str, Path(max_length=10)],
    access: MergedReaderDep,
    workspace: WorkspaceDep,
) -> Response:
    """The review exported (pseudonymised), as a download."""
    if file_format not in MEDIA_TYPES:
        raise ExportRefusedError(f"unknown export format {file_format!r}")
    query = ChronologyQuery.from_request(request)
    options = ExportOptions(
        review=access.review,
        export_format=file_format,
        as_at=query.moment(),
        conflicts_only=query.conflicts_only,
    )
    content = export_review(workspace, options)
    name = "".join(c if c.isalnum() else "_" for c in access.review) + f"_chronology.{file_format}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}
    return Response(content, media_type=MEDIA_TYPES[file_format], headers=headers)

"""The merged chronology page (filters, search, "as at") and the timeline picture.

Both read the same GET query (see chronology_query), so a filtered view or a zoomed timeline is a
link a chair can share with the panel.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from api.http.access import Permission
from api.http.dependencies import WorkspaceDep
from api.web.chronology_query import ChronologyQuery
from api.web.markers import KIND_LABELS, conflicted_records, markers_by_incident
from api.web.page_route import PageRoute
from api.web.permissions import MergedReaderDep, may
from api.web.rendering import render
from api.web.timeline import build_timeline
from api.workspace import Workspace
from projections.merged.view import MergedView

router = APIRouter(prefix="/web/reviews/{review}", route_class=PageRoute, include_in_schema=False)

# Incidents a chronology page shows at once: a 2,000-row review stays quick to read and scroll.
PAGE_SIZE = 50


@router.get("/chronology")
def chronology(request: Request, access: MergedReaderDep, workspace: WorkspaceDep) -> Response:
    """Incidents in date order, each agency's account side by side, conflict markers."""
    query = ChronologyQuery.from_request(request)
    whole = view_as_at(workspace, access.review, query)
    shown = query.apply(whole)
    pages = max(1, -(-len(shown.incidents) // PAGE_SIZE))
    wanted = request.query_params.get("at", "")  # an incident to show: open the page it is on
    place = next((n for n, i in enumerate(shown.incidents) if i.id == wanted), None)
    page = place // PAGE_SIZE + 1 if place is not None else min(query.page, pages)
    on_page = shown.incidents[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    context = {
        **_common(whole, query),
        "shown": shown,
        "on_page": on_page,
        "page": page,
        "pages": pages,
        "page_size": PAGE_SIZE,
        "markers": markers_by_incident(shown),
        "in_conflict": conflicted_records(shown),
        "may_decide": may(access.user, Permission.DECIDE, access.review),
    }
    return render(request, "chronology.html", context, user=access.user)


@router.get("/timeline")
def timeline(request: Request, access: MergedReaderDep, workspace: WorkspaceDep) -> Response:
    """One lane per agency across the review (or a year, or a month); marks link to incidents."""
    query = ChronologyQuery.from_request(request)
    whole = view_as_at(workspace, access.review, query)
    picture = build_timeline(query.apply(whole), query.window, query.kind)
    context = {**_common(whole, query), "timeline": picture}
    return render(request, "timeline.html", context, user=access.user)


def view_as_at(workspace: Workspace, review: str, query: ChronologyQuery) -> MergedView:
    """The merged chronology now, or as it stood at the query's "as at" moment."""
    moment = query.moment()
    position = workspace.position_at(moment) if moment else None
    return workspace.merged(review, position)


def _common(whole: MergedView, query: ChronologyQuery) -> dict[str, Any]:
    agencies = sorted({e.agency for i in whole.incidents for e in i.entries}, key=str.casefold)
    return {
        "review": whole.review,
        "whole": whole,
        "query": query,
        "agencies": agencies,
        "kind_labels": KIND_LABELS,
        "kinds_present": {
            k: v for k, v in KIND_LABELS.items() if any(c.kind == k for c in whole.conflicts)
        },
    }

"""The record: the audit trail (optionally as at a moment), one entry's history, and verify.

The "as at" picker takes UK local time. Auditors see the trail up to that moment; those who may
read the merged chronology also get a link to the chronology as it stood then.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request, Response

from api.http.access import Permission
from api.http.dependencies import WorkspaceDep
from api.web.chronology_query import ChronologyQuery
from api.web.page_route import PageRoute
from api.web.permissions import AuditReaderDep, HistoryReaderDep, SignedInDep, may
from api.web.rendering import render

router = APIRouter(route_class=PageRoute, include_in_schema=False)

EntryId = Annotated[str, Path(min_length=4, max_length=80)]
INTAKE_ACTIONS = {
    "review opened",
    "submission accepted",
    "submission superseded",
    "submission received",
    "entry recorded",
    "row unreadable",
}
AUDIT_PAGE = 50  # events a page of the trail shows
Choice = Annotated[str, Query(max_length=200)]
SHOWING = {"": "Every event", "decisions": "The chair's decisions and notes", "intake": "Uploads"}


@router.get("/web/reviews/{review}/audit")
def audit(
    request: Request,
    access: AuditReaderDep,
    workspace: WorkspaceDep,
    show: Choice = "",
    who: Choice = "",
    what: Choice = "",
    page: Annotated[int, Query(ge=1, le=10**6)] = 1,
) -> Response:
    """Every event of the review in order, in people's terms (agency, file and row, the decision
    and its rationale), a page at a time, filtered by who and what, as at a chosen moment."""
    query = ChronologyQuery.from_request(request)
    moment = query.moment()
    position = workspace.position_at(moment) if moment else None
    show = show if show in SHOWING else ""
    every = workspace.audit_in_peoples_terms(access.review, position)
    lines = [
        line
        for line in every
        if (not show or (line.action in INTAKE_ACTIONS) == (show == "intake"))
        and (not who or line.actor == who)
        and (not what or line.action == what)
    ]
    pages = max(1, -(-len(lines) // AUDIT_PAGE))
    page = min(page, pages)
    filters = {"as_at": query.as_at, "show": show, "who": who, "what": what}
    context = {
        "review": access.review,
        "lines": lines[(page - 1) * AUDIT_PAGE : page * AUDIT_PAGE],
        "matching": len(lines),
        "query": query,
        "position": position,
        "show": show,
        "who": who,
        "what": what,
        "page": page,
        "pages": pages,
        "page_link": lambda n: urlencode({**{k: v for k, v in filters.items() if v}, "page": n}),
        "people": sorted({line.actor for line in every}, key=str.casefold),
        "actions": sorted({line.action for line in every}),
        "showing": SHOWING,
        "may_read_merged": may(access.user, Permission.READ_MERGED, access.review),
        "may_verify": may(access.user, Permission.VERIFY),
        "may_history": may(access.user, Permission.READ_HISTORY, access.review),
    }
    return render(request, "audit.html", context, user=access.user)


@router.get("/web/reviews/{review}/entries/{entry}/history")
def history(
    request: Request, entry: EntryId, access: HistoryReaderDep, workspace: WorkspaceDep
) -> Response:
    """Every version of one agency row across resubmissions, and the decisions on it."""
    found = workspace.history(access.review, entry)
    context = {"review": access.review, "history": found, "entry": entry}
    return render(request, "history.html", context, user=access.user)


@router.get("/web/verify")
def verify(request: Request, user: SignedInDep, workspace: WorkspaceDep) -> Response:
    """Recompute the hash chain over every stored event and say whether it is intact."""
    from api.http.access import check

    check(user, Permission.VERIFY)
    result = workspace.verify()
    return render(request, "verify.html", {"result": result}, user=user)

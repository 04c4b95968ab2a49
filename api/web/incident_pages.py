"""One incident: its accounts verbatim, and the chair's grouping overrides and notes on it.

Split an account out (unlink), link another nearby account in, mark accounts that disagree
where no marker says so (a conflict the chair raises), or add a panel note to the incident, an
account or a conflict.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Path, Request, Response
from fastapi.responses import RedirectResponse

from api.http.access import Permission
from api.http.dependencies import WorkspaceDep
from api.web.markers import KIND_LABELS, markers_by_incident
from api.web.page_route import PageNotFoundError, PageRoute
from api.web.permissions import ChairDep, MergedReaderDep, may
from api.web.rendering import quote_path, render
from api.web.session import check_csrf
from domain.decisions import DecisionRefusedError
from projections.merged.view import MergedView, ViewEntry, ViewIncident

router = APIRouter(prefix="/web/reviews/{review}", route_class=PageRoute, include_in_schema=False)

IncidentId = Annotated[str, Path(min_length=1, max_length=200)]
CsrfField = Annotated[str, Form(max_length=200)]
Text = Annotated[str, Form(max_length=5000)]
RecordField = Annotated[str, Form(max_length=200)]
NEARBY_DAYS = 45  # accounts this close in date are offered for linking


@router.get("/incidents/{incident}")
def incident_page(
    request: Request,
    incident: IncidentId,
    access: MergedReaderDep,
    workspace: WorkspaceDep,
    done: str = "",
) -> Response:
    """The incident's accounts, conflicts and notes; for the chair, the grouping actions."""
    view = workspace.merged(access.review)
    if done in {"linked", "split"} and not any(i.id == incident for i in view.incidents):
        # Regrouping gave the incident a new id: show the chronology it now lives in.
        return RedirectResponse(f"/web/reviews/{quote_path(access.review)}/chronology", 303)
    found = _find(view, incident)
    context = {
        "review": access.review,
        "incident": found,
        "markers": markers_by_incident(view).get(found.id, []),
        "nearby": _nearby(view, found),
        "may_decide": may(access.user, Permission.DECIDE, access.review),
        "conflict_kinds": list(KIND_LABELS.items()),
        "done": done if done in {"linked", "split", "noted", "raised"} else "",
    }
    return render(request, "incident.html", context, user=access.user)


@router.post("/incidents/{incident}/unlink")
def unlink(
    request: Request,
    incident: IncidentId,
    access: ChairDep,
    workspace: WorkspaceDep,
    csrf: CsrfField,
    entry: RecordField,
    rationale: Text,
) -> Response:
    """Split one account out of this incident."""
    check_csrf(request, csrf)
    workspace.unlink(access.review, entry, rationale.strip(), access.actor)
    return _back(access.review, incident, "split")


@router.post("/incidents/{incident}/link")
def link(
    request: Request,
    incident: IncidentId,
    access: ChairDep,
    workspace: WorkspaceDep,
    csrf: CsrfField,
    entry: RecordField,
    rationale: Text,
) -> Response:
    """Record that another account belongs to this incident."""
    check_csrf(request, csrf)
    found = _find(workspace.merged(access.review), incident)
    members = [e.record_id for e in found.entries]
    workspace.link(access.review, [*members, entry], rationale.strip(), access.actor)
    return _back(access.review, incident, "linked")


@router.post("/incidents/{incident}/conflicts")
def raise_conflict(
    request: Request,
    incident: IncidentId,
    access: ChairDep,
    workspace: WorkspaceDep,
    csrf: CsrfField,
    kind: Annotated[str, Form(max_length=20)],
    description: Text = "",
    disagree: Annotated[list[str] | None, Form(max_length=500)] = None,
) -> Response:
    """Mark accounts of this incident that disagree where no marker says so."""
    check_csrf(request, csrf)
    if len(set(disagree or [])) < 2:
        raise DecisionRefusedError("tick two or more accounts: a disagreement is between accounts")
    workspace.raise_conflict(
        access.review, list(disagree or []), kind, description.strip(), access.actor
    )
    return _back(access.review, incident, "raised")


@router.post("/notes")
def note(
    request: Request,
    access: ChairDep,
    workspace: WorkspaceDep,
    csrf: CsrfField,
    target: RecordField,
    text: Text,
    incident: Annotated[str, Form(max_length=200)] = "",
    conflict: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Add a panel note to an incident, an account or a conflict, then go back to it."""
    check_csrf(request, csrf)
    if not text.strip():
        raise DecisionRefusedError("write the note before adding it")
    workspace.note(access.review, target, text.strip(), access.actor)
    if conflict:
        path = f"conflicts/{quote_path(conflict)}"
    else:
        path = f"incidents/{quote_path(incident or target)}"
    return RedirectResponse(
        f"/web/reviews/{quote_path(access.review)}/{path}?done=noted", status_code=303
    )


def _find(view: MergedView, incident: str) -> ViewIncident:
    for found in view.incidents:
        if found.id == incident:
            return found
    raise PageNotFoundError(f"there is no incident {incident!r} in this review (any more)")


def _nearby(view: MergedView, incident: ViewIncident) -> list[tuple[ViewIncident, ViewEntry]]:
    if not incident.date:
        return []
    centre = date.fromisoformat(incident.date[:10])
    return [
        (other, entry)
        for other in view.incidents
        if other.id != incident.id
        and other.date
        and abs((date.fromisoformat(other.date[:10]) - centre).days) <= NEARBY_DAYS
        for entry in other.entries
    ]


def _back(review: str, incident: str, done: str) -> Response:
    target = f"/web/reviews/{quote_path(review)}/incidents/{quote_path(incident)}?done={done}"
    return RedirectResponse(target, status_code=303)

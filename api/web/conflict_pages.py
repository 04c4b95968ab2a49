"""Conflicts: the register, one conflict's accounts side by side, and the chair's resolve/reopen.

Each decision form carries the decision record's version as `expected_version`, so a form left
open while someone else decided is refused with a clear "reload" message instead of overwriting.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Query, Request, Response
from fastapi.responses import RedirectResponse

from api.http.access import Permission
from api.http.dependencies import WorkspaceDep
from api.web.markers import (
    KIND_LABELS,
    STATUS_LABELS,
    marker,
    markers_of,
    next_open,
    previous_open,
)
from api.web.page_route import PageNotFoundError, PageRoute
from api.web.permissions import ChairDep, MergedReaderDep, may
from api.web.rendering import quote_path, render
from api.web.session import check_csrf
from domain.decisions import Decision, DecisionRefusedError
from projections.merged.view import ViewConflict, ViewEntry

router = APIRouter(prefix="/web/reviews/{review}", route_class=PageRoute, include_in_schema=False)

ConflictKey = Annotated[str, Path(min_length=1, max_length=200)]
CsrfField = Annotated[str, Form(max_length=200)]
Rationale = Annotated[str, Form(max_length=5000)]
Version = Annotated[int, Form(ge=0, le=10**9)]
FilterText = Annotated[str, Query(max_length=200)]


@router.get("/conflicts")
def conflicts(
    request: Request,
    access: MergedReaderDep,
    workspace: WorkspaceDep,
    status: FilterText = "",
    kind: FilterText = "",
    agency: FilterText = "",
    sort: FilterText = "date",
) -> Response:
    """The conflict register: date, kind, agencies, status and headline of each conflict,
    filtered by kind, status and agency, sorted by date or by confidence."""
    view = workspace.merged(access.review)
    every = markers_of(view)
    chosen = [
        m
        for m in every
        if (not status or m.conflict.status == status)
        and (not kind or m.conflict.kind == kind)
        and (not agency or agency in m.agencies)
    ]
    if sort == "confidence":
        chosen.sort(key=lambda m: -m.conflict.confidence)
    first_open = next_open(every, "")
    context = {
        "review": access.review,
        "markers": chosen,
        "status": status,
        "kind": kind,
        "agency": agency,
        "sort": "confidence" if sort == "confidence" else "date",
        "statuses": STATUS_LABELS,
        "kinds": {k: v for k, v in KIND_LABELS.items() if any(m.css == f"kind-{k}" for m in every)},
        "agencies": sorted({a for m in every for a in m.agencies}, key=str.casefold),
        "total": len(every),
        "open_count": sum(1 for m in every if m.is_open),
        "first_open": first_open,
    }
    return render(request, "conflicts.html", context, user=access.user)


@router.get("/conflicts/{key}")
def conflict(
    request: Request,
    key: ConflictKey,
    access: MergedReaderDep,
    workspace: WorkspaceDep,
    done: str = "",
    decided: FilterText = "",
) -> Response:
    """The disagreeing accounts with provenance, the explanation, decisions and chair actions."""
    view = workspace.merged(access.review)
    found = _find(view.conflicts, key)
    accounts = {e.record_id: e for i in view.incidents for e in i.entries}
    sides: list[tuple[dict[str, object], ViewEntry | None]] = [
        (e, accounts.get(e["record_id"])) for e in found.entries
    ]
    incident = next((i for i in view.incidents if i.id == found.incident), None)
    every = markers_of(view)
    context = {
        "review": access.review,
        "marker": marker(found, incident),
        "sides": sides,
        "incident_date": incident.date if incident else None,
        "may_decide": may(access.user, Permission.DECIDE, access.review),
        "done": done if done in {"resolved", "reopened", "noted"} else "",
        "decided": next((m for m in every if m.conflict.key == decided), None),
        "next_open": next_open(every, key),
        "previous_open": previous_open(every, key),
        "open_count": sum(1 for m in every if m.is_open),
    }
    return render(request, "conflict.html", context, user=access.user)


@router.post("/conflicts/{key}/resolve")
def resolve(
    request: Request,
    key: ConflictKey,
    access: ChairDep,
    workspace: WorkspaceDep,
    csrf: CsrfField,
    choice: Annotated[str, Form(max_length=240)],
    rationale: Rationale,
    expected_version: Version,
) -> Response:
    """Record the chair's decision, unless someone else decided since the form was loaded."""
    check_csrf(request, csrf)
    decision, accepted = _decision(choice)
    workspace.resolve(
        access.review,
        key,
        decision,
        accepted,
        rationale.strip(),
        decided_by=access.actor,
        expected_version=expected_version,
    )
    # On to the next open conflict, saying what was just recorded; or back, if none is left.
    following = next_open(markers_of(workspace.merged(access.review)), key)
    if following is None:
        return _back_to(access.review, key, "resolved")
    target = (
        f"/web/reviews/{quote_path(access.review)}/conflicts/"
        f"{quote_path(following.conflict.key)}?decided={quote_path(key)}"
    )
    return RedirectResponse(target, status_code=303)


@router.post("/conflicts/{key}/reopen")
def reopen(
    request: Request,
    key: ConflictKey,
    access: ChairDep,
    workspace: WorkspaceDep,
    csrf: CsrfField,
    rationale: Rationale,
    expected_version: Version,
) -> Response:
    """Reopen a resolved conflict, with the reason."""
    check_csrf(request, csrf)
    workspace.reopen(access.review, key, rationale.strip(), access.actor, expected_version)
    return _back_to(access.review, key, "reopened")


def _find(conflicts: list[ViewConflict], key: str) -> ViewConflict:
    for found in conflicts:
        if found.key == key:
            return found
    raise PageNotFoundError(f"there is no conflict {key!r} in this review (any more)")


def _decision(choice: str) -> tuple[Decision, str | None]:
    """The form's one radio group: "accept:<record id>", "disputed" or "not-a-conflict"."""
    kind, _, accepted = choice.partition(":")
    try:
        decision = Decision(kind)
    except ValueError:
        raise DecisionRefusedError(
            "choose an account to accept, disputed, or not a conflict"
        ) from None
    if decision is Decision.ACCEPT and not accepted:
        raise DecisionRefusedError("choose which account you accept")
    return decision, accepted if decision is Decision.ACCEPT else None


def _back_to(review: str, key: str, done: str) -> Response:
    target = f"/web/reviews/{quote_path(review)}/conflicts/{quote_path(key)}?done={done}"
    return RedirectResponse(target, status_code=303)

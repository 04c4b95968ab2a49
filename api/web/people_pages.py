"""The review's people: who the pseudonyms are, their roles and the other names records use.

Chair and administrator only, as over the API: the page shows real names. What is recorded here
also reaches the matcher (aliases and real names link records that name the same person).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from api.http.dependencies import WorkspaceDep
from api.web.page_route import PageRoute
from api.web.permissions import PeopleManagerDep
from api.web.rendering import quote_path, render
from api.web.session import check_csrf
from domain.decisions import DecisionRefusedError

router = APIRouter(prefix="/web/reviews/{review}", route_class=PageRoute, include_in_schema=False)

Name = Annotated[str, Form(max_length=200)]


@router.get("/people")
def people_page(
    request: Request, access: PeopleManagerDep, workspace: WorkspaceDep, done: str = ""
) -> Response:
    """The glossary, and the form to add or update a person."""
    context = {
        "review": access.review,
        "people": workspace.people(access.review),
        "done": done == "recorded",
    }
    return render(request, "people.html", context, user=access.user)


@router.post("/people")
def record_person(
    request: Request,
    access: PeopleManagerDep,
    workspace: WorkspaceDep,
    csrf: Name,
    pseudonym: Name,
    real_name: Name = "",
    role: Name = "",
    aliases: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Add a person, or update the one with this pseudonym; aliases one per line or comma."""
    check_csrf(request, csrf)
    if not pseudonym.strip():
        raise DecisionRefusedError("a person needs a pseudonym (the name the review publishes)")
    names = [a.strip() for line in aliases.splitlines() for a in line.split(",") if a.strip()]
    workspace.record_person(
        access.review, pseudonym.strip(), real_name.strip(), role.strip(), names, access.actor
    )
    return RedirectResponse(
        f"/web/reviews/{quote_path(access.review)}/people?done=recorded", status_code=303
    )

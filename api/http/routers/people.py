"""The people glossary of a review (chair and administrator only: it holds real names)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from api.http.dependencies import PeopleManagerDep, WorkspaceDep
from api.http.schemas.chair import PersonIn, PersonOut

router = APIRouter(prefix="/reviews/{review}/people", tags=["people"])

Pseudonym = Annotated[
    str, Path(min_length=1, max_length=200, description="the name the review publishes")
]


@router.get("", response_model=list[PersonOut])
def list_people(access: PeopleManagerDep, workspace: WorkspaceDep) -> list[PersonOut]:
    """The people the review names, by pseudonym."""
    return [
        PersonOut(
            pseudonym=p.pseudonym, real_name=p.real_name, role=p.role, aliases=list(p.aliases)
        )
        for p in workspace.people(access.review)
    ]


@router.put("/{pseudonym}", response_model=PersonOut)
def record_person(
    pseudonym: Pseudonym, body: PersonIn, access: PeopleManagerDep, workspace: WorkspaceDep
) -> PersonOut:
    """Add a person to the glossary, or update them."""
    aliases = [a.strip() for a in body.aliases if a.strip()]
    workspace.record_person(
        access.review, pseudonym.strip(), body.real_name, body.role, aliases, access.actor
    )
    return PersonOut(
        pseudonym=pseudonym.strip(), real_name=body.real_name, role=body.role, aliases=aliases
    )

"""The merged chronology's side of the people glossary: what the records may call each person
reaches the matcher, and a change re-merges the review at its position.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from domain.people import PeopleGlossary
from projections.matching import MatchSettings
from projections.merged import regrouping
from projections.merged.tables import (
    glossaries,
    people,
)


def record_person(
    connection: sa.Connection, event: Any, position: int, settings: MatchSettings
) -> None:
    """Keep the review's people as the matcher reads them; when what the records may call
    someone changes, the whole review is re-merged with the new names, at this position."""
    if isinstance(event, PeopleGlossary.Started):
        connection.execute(
            glossaries.insert().values(
                glossary_id=str(event.originator_id), review_id=str(event.review_id)
            )
        )
        return
    review = connection.execute(
        sa.select(glossaries.c.review_id).where(
            glossaries.c.glossary_id == str(event.originator_id)
        )
    ).scalar_one()
    row = {
        "review_id": review,
        "pseudonym": event.pseudonym,
        "role": event.role,
        "names": names_of(event.real_name, event.aliases),
    }
    held = connection.execute(
        sa.select(people).where(people.c.review_id == review, people.c.pseudonym == event.pseudonym)
    ).first()
    if held is not None and dict(held._mapping) == row:
        return  # only the real name's spelling for exports, or who recorded it, changed
    connection.execute(
        people.delete().where(people.c.review_id == review, people.c.pseudonym == event.pseudonym)
    )
    connection.execute(people.insert().values(**row))
    regrouping.regroup_review(connection, review, position, settings)


def names_of(real_name: str, aliases: Sequence[str]) -> list[str]:
    """What records may call a person: the aliases the panel gave and the real name, also
    surname first ("Jane Smith" and "Smith, Jane" both appear in agencies' records)."""
    names = [a for a in aliases if a.strip()]
    parts = real_name.split()
    if parts:
        names.append(" ".join(parts))
        if len(parts) > 1:
            names.append(" ".join([parts[-1], *parts[:-1]]))
    return sorted(set(names))

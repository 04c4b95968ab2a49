"""The people read model: each review's glossary, and turning real names into pseudonyms."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from eventsourcing.persistence import Notification

from domain.people import PeopleGlossary
from encryption.columns import SealedJSON, SealedText

metadata = sa.MetaData()

people = sa.Table(
    "rm_people",
    metadata,
    sa.Column("review_id", sa.String(36), primary_key=True),
    sa.Column("pseudonym", sa.Text, primary_key=True),
    sa.Column("real_name", SealedText, nullable=False),
    sa.Column("role", sa.Text, nullable=False),
    sa.Column("aliases", SealedJSON, nullable=False),
    sa.Column("recorded_by", SealedText, nullable=False),
    sa.Column("recorded_at", sa.Text, nullable=False),
)

glossaries = sa.Table(
    "rm_people_glossaries",
    metadata,
    sa.Column("glossary_id", sa.String(36), primary_key=True),
    sa.Column("review_id", sa.String(36), nullable=False),
)


@dataclass(frozen=True)
class Person:
    """One person the review names."""

    pseudonym: str
    real_name: str
    role: str
    aliases: tuple[str, ...]


class PeopleProjection:
    """Keeps each review's glossary."""

    name = "people"
    metadata = metadata
    needs_events = True

    def apply(self, events: Sequence[tuple[Notification, Any]], connection: sa.Connection) -> None:
        """Apply glossary events."""
        for _, event in events:
            if isinstance(event, PeopleGlossary.Started):
                connection.execute(
                    glossaries.insert().values(
                        glossary_id=str(event.originator_id), review_id=str(event.review_id)
                    )
                )
            elif isinstance(event, PeopleGlossary.PersonRecorded):
                review = connection.execute(
                    sa.select(glossaries.c.review_id).where(
                        glossaries.c.glossary_id == str(event.originator_id)
                    )
                ).scalar_one()
                connection.execute(
                    people.delete().where(
                        people.c.review_id == review, people.c.pseudonym == event.pseudonym
                    )
                )
                connection.execute(
                    people.insert().values(
                        review_id=review,
                        pseudonym=event.pseudonym,
                        real_name=event.real_name,
                        role=event.role,
                        aliases=event.aliases,
                        recorded_by=event.recorded_by,
                        recorded_at=event.recorded_at,
                    )
                )


def people_of(engine: sa.Engine, review_id: str) -> list[Person]:
    """The review's people, by pseudonym."""
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(people).where(people.c.review_id == review_id).order_by(people.c.pseudonym)
        )
        return [Person(r.pseudonym, r.real_name, r.role, tuple(r.aliases)) for r in rows]


def pseudonymise(text: str, named: Sequence[Person]) -> str:
    """`text` with each real name (whole words, any case) replaced by the person's pseudonym."""
    for person in sorted(named, key=lambda p: -len(p.real_name)):
        if person.real_name.strip():
            pattern = re.compile(rf"\b{re.escape(person.real_name.strip())}\b", re.IGNORECASE)
            text = pattern.sub(person.pseudonym, text)
    return text

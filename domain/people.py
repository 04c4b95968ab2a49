"""The people a review names: pseudonym, real name, role and aliases, as the panel records them.

Reviews publish with pseudonyms ("N", "Adult A"); the real name is held so the panel can match
records, and shown only to roles allowed to see it. The matcher may use roles and aliases.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError

from domain.decisions import DecisionRefusedError
from domain.identity import CHRONOLOGY_NAMESPACE, normalise_name
from domain.text import checked_line, checked_lines

_RETRIES = 5


def glossary_id(review_id: UUID) -> UUID:
    """The id of one review's glossary of people."""
    return uuid5(CHRONOLOGY_NAMESPACE, f"glossary:{review_id}")


class PeopleGlossary(Aggregate):
    """Who is who in one review; recording a pseudonym again replaces its details."""

    TOPIC = "chronology:PeopleGlossary"

    class Event(Aggregate.Event):
        TOPIC = "chronology:PeopleGlossary.Event"

    class Started(Aggregate.Created):
        """The review's glossary was started."""

        TOPIC = "chronology:PeopleGlossary.Started"
        review_id: UUID

    class PersonRecorded(Aggregate.Event):
        """A person's pseudonym, real name, role and aliases were recorded (or updated)."""

        TOPIC = "chronology:PeopleGlossary.PersonRecorded"
        pseudonym: str
        real_name: str
        role: str
        aliases: list[str]
        recorded_by: str
        recorded_at: str

        def apply(self, aggregate: Any) -> None:
            aggregate.people[normalise_name(self.pseudonym)] = self.pseudonym

    def __init__(self, review_id: UUID) -> None:
        self.review_id = review_id
        self.people: dict[str, str] = {}

    @classmethod
    def start(cls, review_id: UUID) -> PeopleGlossary:
        """Start a review's glossary."""
        return cls._create(cls.Started, id=glossary_id(review_id), review_id=review_id)

    def record(
        self, pseudonym: str, real_name: str, role: str, aliases: list[str], by: str, at: str
    ) -> None:
        """Record one person; the pseudonym is required, everything else may be blank."""
        checked_line(pseudonym, "the pseudonym")
        checked_line(real_name, "the real name")
        checked_line(role, "the role")
        checked_lines(aliases, "an alias")
        checked_line(by, "the user name")
        if not pseudonym.strip():
            raise DecisionRefusedError("a person needs a pseudonym (the name the review publishes)")
        self.trigger_event(
            self.PersonRecorded,
            pseudonym=pseudonym.strip(),
            real_name=real_name.strip(),
            role=role.strip(),
            aliases=sorted({a.strip() for a in aliases if a.strip()}),
            recorded_by=by,
            recorded_at=at,
        )


class PeopleUseCases(Application[UUID]):
    """Recording the people a review names."""

    def record_person(
        self,
        review: UUID,
        pseudonym: str,
        real_name: str,
        role: str,
        aliases: list[str],
        by: str,
        at: datetime,
    ) -> None:
        """Add or update a person in the review's glossary."""
        for _ in range(_RETRIES):
            try:
                glossary: PeopleGlossary = self.repository.get(glossary_id(review))
            except AggregateNotFoundError:
                glossary = PeopleGlossary.start(review)
            glossary.record(pseudonym, real_name, role, aliases, by, at.isoformat())
            try:
                self.save(glossary)
                return
            except IntegrityError:
                continue
        raise DecisionRefusedError("the glossary was too busy; try again")

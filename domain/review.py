"""The review aggregate: a named statutory review and which submission is current per agency.

The review is the consistency boundary for "which file from this agency counts now": accepting a
submission bumps the review's version, so two simultaneous uploads cannot both think they are
current.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.identity import normalise_name, review_id


class Review(Aggregate):
    """A review (DHR/DARDR, SAR, CSPR) that agencies send chronologies to."""

    TOPIC = "chronology:Review"

    class Event(Aggregate.Event):
        TOPIC = "chronology:Review.Event"

    class Opened(Aggregate.Created):
        """The review was opened (on the first upload, or by an administrator)."""

        TOPIC = "chronology:Review.Opened"
        name: str
        opened_by: str

    class SubmissionAccepted(Aggregate.Event):
        """An agency's file became that agency's current chronology for the review."""

        TOPIC = "chronology:Review.SubmissionAccepted"
        submission_id: UUID
        agency: str
        file_name: str
        supersedes: UUID | None
        accepted_by: str

        def apply(self, aggregate: Any) -> None:
            aggregate.current_submissions[normalise_name(self.agency)] = self.submission_id

    def __init__(self, name: str, opened_by: str) -> None:
        self.name = name
        self.opened_by = opened_by
        self.current_submissions: dict[str, UUID] = {}

    @classmethod
    def open(cls, name: str, opened_by: str) -> Review:
        """Open a review; its id derives from the name, so opening twice finds the same one."""
        if not name.strip():
            raise ValueError("a review needs a name")
        return cls._create(cls.Opened, id=review_id(name), name=name.strip(), opened_by=opened_by)

    def current_submission(self, agency: str) -> UUID | None:
        """The submission that currently stands for `agency`, if any."""
        return self.current_submissions.get(normalise_name(agency))

    def accept_submission(
        self, submission_id: UUID, agency: str, file_name: str, accepted_by: str
    ) -> UUID | None:
        """Make `submission_id` the agency's current file; return the one it supersedes."""
        supersedes = self.current_submission(agency)
        if supersedes == submission_id:
            raise ValueError("this submission is already the agency's current one")
        self.trigger_event(
            self.SubmissionAccepted,
            submission_id=submission_id,
            agency=agency,
            file_name=file_name,
            supersedes=supersedes,
            accepted_by=accepted_by,
        )
        return supersedes

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
from domain.text import checked_line


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
            agency = normalise_name(self.agency)
            aggregate.current_submissions[agency] = self.submission_id
            files = [
                held
                for held in aggregate.current_files.get(agency, [])
                if held[0] != self.supersedes
            ]
            aggregate.current_files[agency] = [*files, (self.submission_id, self.file_name)]

    def __init__(self, name: str, opened_by: str) -> None:
        self.name = name
        self.opened_by = opened_by
        # Each agency's latest file, and all its files that stand (a corrected file replaces
        # the one it corrects; another chronology from the agency stands beside it).
        self.current_submissions: dict[str, UUID] = {}
        self.current_files: dict[str, list[tuple[UUID, str]]] = {}

    @classmethod
    def open(cls, name: str, opened_by: str) -> Review:
        """Open a review; its id derives from the name, so opening twice finds the same one."""
        checked_line(name, "the review name")
        checked_line(opened_by, "the user name")
        if not name.strip():
            raise ValueError("a review needs a name")
        return cls._create(cls.Opened, id=review_id(name), name=name.strip(), opened_by=opened_by)

    def current_submission(self, agency: str) -> UUID | None:
        """The submission that currently stands for `agency`, if any."""
        return self.current_submissions.get(normalise_name(agency))

    def files_of(self, agency: str) -> list[tuple[UUID, str]]:
        """The agency's files that stand now, oldest first: (submission id, file name)."""
        return list(self.current_files.get(normalise_name(agency), []))

    def accept_submission(
        self,
        submission_id: UUID,
        agency: str,
        file_name: str,
        accepted_by: str,
        supersedes: UUID | None = None,
    ) -> UUID | None:
        """Make `submission_id` one of the agency's current files, replacing `supersedes` (one
        of them, which it corrects) or standing beside them; return what it supersedes."""
        checked_line(agency, "the agency name")
        checked_line(file_name, "the file name")
        checked_line(accepted_by, "the user name")
        if any(held == submission_id for held, _ in self.files_of(agency)):
            raise ValueError("this submission is already one of the agency's current files")
        if supersedes is not None and supersedes not in {held for held, _ in self.files_of(agency)}:
            raise ValueError("a file can only replace one of the agency's current files")
        self.trigger_event(
            self.SubmissionAccepted,
            submission_id=submission_id,
            agency=agency,
            file_name=file_name,
            supersedes=supersedes,
            accepted_by=accepted_by,
        )
        return supersedes

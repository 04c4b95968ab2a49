"""The chronology application: the use cases that turn readings and decisions into events.

Persistence is chosen by the environment the application is constructed with (in memory for unit
tests, a SQLite file by default, PostgreSQL by configuration); this module never knows which.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError

from domain.bulk_work import collection_paused
from domain.chair import ChairUseCases
from domain.errors import ReviewNotFoundError, SubmissionNotSavedError, SubmissionRaceError
from domain.identity import entry_id, review_id, submission_id
from domain.people import PeopleUseCases
from domain.questions import QuestionUseCases
from domain.readings import FileReading, RowReading, check_storable
from domain.review import Review
from domain.revisions import corrects
from domain.row_events import row_events
from domain.submission import Submission
from domain.text import checked_line

# How many rows of an agency's earlier file are compared with its new file, to tell a corrected
# file from another chronology.
SAMPLE_ROWS = 40

# How often an import retries when another upload to the same review saved first.
_SAVE_ATTEMPTS = 5


class ImportStatus(StrEnum):
    """What happened to an uploaded file."""

    STORED = "stored"
    ALREADY_HELD = "already_held"


@dataclass(frozen=True)
class ImportOutcome:
    """The result of importing one file: whether it was stored, and under which ids."""

    status: ImportStatus
    review_id: UUID
    submission_id: UUID
    supersedes: UUID | None
    rows_stored: int
    unreadable: list[RowReading]


class ChronologyApplication(ChairUseCases, PeopleUseCases, QuestionUseCases):
    """Reviews, agency submissions and their entries, as an event-sourced application."""

    name = "Chronology"

    def import_submission(
        self,
        review_name: str,
        agency: str,
        reading: FileReading,
        uploaded_by: str,
        uploaded_at: datetime,
    ) -> ImportOutcome:
        """Store one agency's file atomically: all its rows, or (after a failure) none of them.

        The same bytes from the same agency for the same review are stored once; a file that
        corrects one the agency sent before supersedes it (both stay in the record), and another
        chronology from the agency stands beside its others (see domain.revisions).
        """
        checked_line(review_name, "the review name")
        checked_line(agency, "the agency name")
        checked_line(uploaded_by, "the user name")
        if not agency.strip():
            raise ValueError("an agency name is needed to import a chronology")
        check_storable(reading)
        the_review_id = review_id(review_name)
        the_submission_id = submission_id(the_review_id, agency, reading.content_sha256)
        for _ in range(_SAVE_ATTEMPTS):
            if the_submission_id in self.repository:
                return self._already_held(the_review_id, the_submission_id, reading)
            review = self._review_or_new(the_review_id, review_name, uploaded_by)
            # 0 for a review this import is opening: any stored version means someone beat us.
            loaded_version = review.version if the_review_id in self.repository else 0
            supersedes = review.accept_submission(
                the_submission_id,
                agency,
                reading.file_name,
                uploaded_by,
                supersedes=self._file_it_corrects(review, agency, reading),
            )
            submission = self._submission(
                the_review_id,
                the_submission_id,
                agency,
                reading,
                uploaded_by,
                uploaded_at,
                supersedes,
            )
            with collection_paused():
                rows = row_events(the_review_id, the_submission_id, agency, reading.rows)
            try:
                self.save(review, submission, *rows)
            except IntegrityError as error:
                if self._saved_meanwhile(the_review_id, loaded_version, the_submission_id):
                    continue  # another upload to this review (or this very file) won: look again
                raise SubmissionNotSavedError(
                    f"{reading.file_name!r} was not stored (nothing of it was kept): {error}"
                ) from None
            return ImportOutcome(
                status=ImportStatus.STORED,
                review_id=the_review_id,
                submission_id=the_submission_id,
                supersedes=supersedes,
                rows_stored=len(reading.rows) - len(reading.unreadable_rows),
                unreadable=reading.unreadable_rows,
            )
        raise SubmissionRaceError(
            f"could not save {reading.file_name!r}: other uploads to this review kept saving "
            "first; "
            "try again"
        )

    def open_review(self, review_name: str, opened_by: str) -> UUID:
        """Open a review by name (idempotent) and return its id."""
        checked_line(review_name, "the review name")
        the_review_id = review_id(review_name)
        if the_review_id not in self.repository:
            # Opened concurrently by someone else: same id, same review.
            with suppress(IntegrityError):
                self.save(Review.open(review_name, opened_by))
        return the_review_id

    def get_review(self, review_name: str) -> Review:
        """The review called `review_name`; raises ReviewNotFoundError if never opened."""
        try:
            review: Review = self.repository.get(review_id(review_name))
        except AggregateNotFoundError:
            raise ReviewNotFoundError(review_name) from None
        return review

    def _saved_meanwhile(self, rid: UUID, loaded_version: int, sid: UUID) -> bool:
        if sid in self.repository:
            return True
        try:
            return bool(self.repository.get(rid).version != loaded_version)
        except AggregateNotFoundError:
            return False

    def _already_held(self, rid: UUID, sid: UUID, reading: FileReading) -> ImportOutcome:
        return ImportOutcome(
            status=ImportStatus.ALREADY_HELD,
            review_id=rid,
            submission_id=sid,
            supersedes=None,
            rows_stored=0,
            unreadable=[],
        )

    def _file_it_corrects(self, review: Review, agency: str, reading: FileReading) -> UUID | None:
        """The agency's current file that `reading` corrects (the latest such), if any."""
        new_rows = [row.cells for row in reading.rows]
        for held, file_name in reversed(review.files_of(agency)):
            if corrects(reading.file_name, new_rows, file_name, self._row_sample(held)):
                return held
        return None

    def _row_sample(self, held: UUID) -> list[list[str]]:
        """The cells of up to SAMPLE_ROWS rows spread through a stored file."""
        try:
            submission: Submission = self.repository.get(held)
        except AggregateNotFoundError:
            return []
        count = submission.row_count
        step = max(1, count // SAMPLE_ROWS)
        sample: list[list[str]] = []
        for row in range(1, count + 1, step):
            with suppress(AggregateNotFoundError):
                sample.append(list(self.repository.get(entry_id(held, row)).cells))
        return sample

    def _review_or_new(self, rid: UUID, review_name: str, opened_by: str) -> Review:
        try:
            review: Review = self.repository.get(rid)
        except AggregateNotFoundError:
            review = Review.open(review_name, opened_by)
        return review

    @staticmethod
    def _submission(
        rid: UUID,
        sid: UUID,
        agency: str,
        reading: FileReading,
        uploaded_by: str,
        uploaded_at: datetime,
        supersedes: UUID | None,
    ) -> Submission:
        return Submission._create(
            Submission.Received,
            id=sid,
            review_id=rid,
            agency=agency.strip(),
            file_name=reading.file_name,
            content_sha256=reading.content_sha256,
            byte_count=reading.byte_count,
            uploaded_by=uploaded_by,
            uploaded_at=uploaded_at.isoformat(),
            encoding=reading.encoding,
            delimiter=reading.delimiter,
            header=list(reading.header),
            column_mapping=dict(reading.column_mapping),
            row_count=len(reading.rows),
            unreadable_count=len(reading.unreadable_rows),
            skipped_lines=[
                {"line": s.line, "text": s.text, "reason": s.reason, "place": s.place}
                for s in reading.skipped
            ],
            supersedes=supersedes,
            file_type=reading.file_type,
            tables_read=list(reading.tables_read),
            tables_skipped=list(reading.tables_skipped),
            column_decisions=[
                {"column": d.column, "field": d.field, "reason": d.reason}
                for d in reading.decisions
            ],
            header_found=reading.header_found,
        )

"""A workspace: the application and its read models on one configured store.

The CLI and the HTTP API both talk to a Workspace, so a use case is wired once: read the file,
record the events, bring the read models up to date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from adapters.intake import read_chronology
from adapters.store import StoreSettings, open_application, open_engine
from domain.application import ChronologyApplication, ImportOutcome
from domain.identity import review_id
from domain.readings import FileReading
from projections import follower
from projections.entries import EntriesProjection
from projections.entry_listing import ListedEntry, list_entries


@dataclass(frozen=True)
class ImportReport:
    """What an import did, for the user: the outcome and how the file was read."""

    outcome: ImportOutcome
    reading: FileReading


class Workspace:
    """The chronology application and its read models, opened on one store."""

    def __init__(self, settings: StoreSettings) -> None:
        self.settings = settings
        self.application: ChronologyApplication = open_application(settings)
        self.engine: sa.Engine = open_engine(settings)
        self.projections = [EntriesProjection()]
        follower.create_tables(self.engine, self.projections)

    def import_file(
        self,
        content: bytes,
        file_name: str,
        review_name: str,
        agency: str,
        uploaded_by: str,
        overrides: Mapping[str, str] | None = None,
        progress: follower.ProgressCallback | None = None,
    ) -> ImportReport:
        """Read and store one agency file, then bring the read models up to date."""
        reading = read_chronology(content, file_name, overrides)
        outcome = self.application.import_submission(
            review_name, agency, reading, uploaded_by=uploaded_by, uploaded_at=datetime.now(UTC)
        )
        self.catch_up(progress)
        return ImportReport(outcome=outcome, reading=reading)

    def catch_up(self, progress: follower.ProgressCallback | None = None) -> int:
        """Apply any events the read models have not seen yet; return the last position."""
        position = 0
        for projection in self.projections:
            position = follower.catch_up(self.application, self.engine, projection, progress)
        return position

    def rebuild(self, progress: follower.ProgressCallback | None = None) -> int:
        """Drop every read model and rebuild it from the events alone."""
        for projection in self.projections:
            follower.reset(self.engine, projection)
        return self.catch_up(progress)

    def entries(
        self, review_name: str, agency: str | None = None, include_superseded: bool = False
    ) -> list[ListedEntry]:
        """The stored entries of a review, in date order (raises if the review is unknown)."""
        self.application.get_review(review_name)
        self.catch_up()
        return list_entries(self.engine, str(review_id(review_name)), agency, include_superseded)

    def close(self) -> None:
        """Release database connections."""
        self.engine.dispose()
        self.application.close()

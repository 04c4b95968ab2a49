"""Applying events to the merged chronology: rows arrive, files complete, the chair decides.

Each kind of event is handled in the module that owns its part of the read model: a file's rows
in submissions.py, the people glossary in glossary.py, the chair's decisions in decisions.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from eventsourcing.persistence import Notification

from domain.entry import Entry, UnreadableRow
from domain.people import PeopleGlossary
from domain.review import Review
from domain.submission import Submission
from projections.matching import MatchSettings, load_settings
from projections.merged import decisions, glossary, submissions
from projections.merged.tables import metadata


class MergedChronology:
    """Keeps every review's merged chronology, with its history, up to date."""

    name = "merged"
    metadata = metadata
    needs_events = True

    def __init__(self, settings: MatchSettings | None = None) -> None:
        # The matcher's priors, passed to every re-merge (one place: settings.json).
        self.settings = settings or load_settings()

    def apply(self, events: Sequence[tuple[Notification, Any]], connection: sa.Connection) -> None:
        """Apply a page of events in order."""
        pending = submissions.PendingRows(connection)
        decided = decisions.DecidedRows(connection, self.settings)
        for notification, event in events:
            position = notification.id
            if not decisions.defers_regrouping(event):
                decided.flush()
            if isinstance(event, Entry.Recorded | UnreadableRow.Recorded):
                if pending.add(event):
                    pending.flush()
                    submissions.complete(
                        connection, str(event.submission_id), position, self.settings
                    )
            elif isinstance(event, Review.SubmissionAccepted):
                submissions.expect(connection, event)
            elif isinstance(event, Submission.Received):
                submissions.received(connection, event, position, self.settings)
            elif isinstance(event, PeopleGlossary.Started | PeopleGlossary.PersonRecorded):
                pending.flush()
                glossary.record_person(connection, event, position, self.settings)
            else:
                decisions.apply_decision(connection, event, position, decided)
        decided.flush()
        pending.flush()

"""What a review must hold after files were imported side by side (or one was cut short):
every row of every stored file once, in the events, the entries and the merged chronology."""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa
from eventsourcing.persistence import Notification

from api.workspace import Workspace
from domain.entry import Entry, UnreadableRow
from domain.errors import ReviewNotFoundError
from domain.submission import Submission
from projections.entries import entries, submissions

_ROW_TOPICS = {Entry.Recorded.TOPIC, UnreadableRow.Recorded.TOPIC}


def stored_files(workspace: Workspace, review_name: str) -> dict[str, int]:
    """Each stored file of the review (agency -> rows), having checked that the events hold
    exactly its rows, the entries list each once, and the merged chronology shows each once."""
    topics = Counter(n.topic for n in _all_notifications(workspace))
    try:
        workspace.review(review_name)
    except ReviewNotFoundError:
        assert not topics, topics  # nothing of any file was kept
        return {}
    merged = workspace.merged(review_name)  # also brings every read model up to date
    with workspace.engine.connect() as connection:
        files = connection.execute(
            sa.select(
                submissions.c.agency,
                submissions.c.row_count,
                sa.select(sa.func.count())
                .where(entries.c.submission_id == submissions.c.submission_id)
                .scalar_subquery(),
            )
        ).all()
        readable = set(
            connection.execute(sa.select(entries.c.entry_id).where(entries.c.readable)).scalars()
        )
    assert topics[Submission.Received.TOPIC] == len(files)
    assert sum(topics[t] for t in _ROW_TOPICS) == sum(rows for _, rows, _ in files)
    assert all(listed == rows for _, rows, listed in files), files
    appearances = Counter(e.entry_id for i in merged.incidents for e in i.entries)
    assert set(appearances) == readable
    assert set(appearances.values()) <= {1}
    return {agency: rows for agency, rows, _ in files}


def _all_notifications(workspace: Workspace) -> list[Notification]:
    recorder = workspace.application.recorder
    last = recorder.max_notification_id() or 0
    found: list[Notification] = []
    start = 1
    while start <= last:
        page = recorder.select_notifications(start=start, limit=5000, stop=last)
        found.extend(page)
        start = page[-1].id + 1
    return found

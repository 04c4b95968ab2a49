"""Entries and unreadable rows: every record of a submitted file, kept verbatim for ever.

An `Entry` is a row we could read; an `UnreadableRow` is one we could not, stored with the reason
so that nothing an agency sent is ever silently dropped.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate


class Entry(Aggregate):
    """One dated contact in an agency's chronology, as the agency wrote it."""

    TOPIC = "chronology:Entry"

    class Event(Aggregate.Event):
        TOPIC = "chronology:Entry.Event"

    class Recorded(Aggregate.Created):
        """A row was read and recorded: verbatim cells plus our reading of them."""

        TOPIC = "chronology:Entry.Recorded"
        review_id: UUID
        submission_id: UUID
        agency: str
        row: int
        line: int
        cells: list[str]
        when: dict[str, Any]
        time: str | None
        fields: dict[str, str]

    def __init__(
        self,
        review_id: UUID,
        submission_id: UUID,
        agency: str,
        row: int,
        line: int,
        cells: list[str],
        when: dict[str, Any],
        time: str | None,
        fields: dict[str, str],
    ) -> None:
        self.review_id = review_id
        self.submission_id = submission_id
        self.agency = agency
        self.row = row
        self.line = line
        self.cells = cells
        self.when = when
        self.time = time
        self.fields = fields


class UnreadableRow(Aggregate):
    """A record we could not read, stored verbatim with the reason and the column at fault."""

    TOPIC = "chronology:UnreadableRow"

    class Event(Aggregate.Event):
        TOPIC = "chronology:UnreadableRow.Event"

    class Recorded(Aggregate.Created):
        """A row could not be read; its raw text and cells are kept with the reason."""

        TOPIC = "chronology:UnreadableRow.Recorded"
        review_id: UUID
        submission_id: UUID
        agency: str
        row: int
        line: int
        cells: list[str]
        raw_text: str
        reason: str
        column: str | None

    def __init__(
        self,
        review_id: UUID,
        submission_id: UUID,
        agency: str,
        row: int,
        line: int,
        cells: list[str],
        raw_text: str,
        reason: str,
        column: str | None,
    ) -> None:
        self.review_id = review_id
        self.submission_id = submission_id
        self.agency = agency
        self.row = row
        self.line = line
        self.cells = cells
        self.raw_text = raw_text
        self.reason = reason
        self.column = column

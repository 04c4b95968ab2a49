"""Entries and unreadable rows: every record of a submitted file, kept verbatim for ever.

An `Entry` is a row we could read; an `UnreadableRow` is one we could not, stored with the reason
so that nothing an agency sent is ever silently dropped.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.utils import get_topic


class Entry(Aggregate):
    """One dated contact in an agency's chronology, as the agency wrote it."""

    TOPIC = "chronology:Entry"

    class Event(Aggregate.Event):
        TOPIC = "chronology:Entry.Event"

    class Recorded(Aggregate.Created):
        """A row was read and recorded: verbatim cells plus our reading of its date and time.

        The canonical fields are not repeated here: they follow from the cells and the
        submission's recorded header and column mapping (`domain.readings.fields_from_cells`).
        """

        TOPIC = "chronology:Entry.Recorded"
        review_id: UUID
        submission_id: UUID
        agency: str
        row: int
        line: int
        cells: list[str]
        when: dict[str, Any]
        time: str | None
        end_date: str | None
        # Version 2: where the record stands in words (a sheet row, a Word table row), and the
        # zone the source wrote its clock in when it wrote one (`when` and `time` are UK local).
        place: str
        written_zone: str | None

        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Rows recorded before version 2 came from CSV files, placed by their line."""
            state["place"] = f"line {state['line']}"
            state["written_zone"] = None

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
        end_date: str | None,
        place: str = "",
        written_zone: str | None = None,
    ) -> None:
        self.review_id = review_id
        self.submission_id = submission_id
        self.agency = agency
        self.row = row
        self.line = line
        self.cells = cells
        self.when = when
        self.time = time
        self.end_date = end_date
        self.place = place
        self.written_zone = written_zone


def creation_event(
    aggregate_class: type[Aggregate], event_class: Any, entry_id: UUID, **facts: Any
) -> Any:
    """The event that creates a row aggregate, built without building the aggregate itself:
    the plain way, one event at a time. Intake builds the same events in bulk
    (domain.row_events, which tests hold to this); replaying either builds exactly the same
    aggregate."""
    return event_class(
        originator_topic=get_topic(aggregate_class),
        originator_id=entry_id,
        originator_version=aggregate_class.INITIAL_VERSION,
        timestamp=event_class.create_timestamp(),
        **facts,
    )


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
        # Version 2: where the record stands in words (a sheet row, a Word table row).
        place: str

        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Rows recorded before version 2 came from CSV files, placed by their line."""
            state["place"] = f"line {state['line']}"

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
        place: str = "",
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
        self.place = place

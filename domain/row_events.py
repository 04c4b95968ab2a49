"""The events that record a file's rows: one creation event per row, built in bulk.

A file of 100,000 rows is saved as one atomic batch of Entry and UnreadableRow events. What the
rows share (ids, agency, topics) is worked out once per file, and each event is built the way
eventsourcing's own mapper rebuilds a stored one: its state set whole, in its fields' order (the
order it is stored in), rather than field by field through the frozen dataclass's constructor.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic

from domain.entry import Entry, UnreadableRow
from domain.identity import entry_ids
from domain.readings import RowReading

_TOPICS = {Entry: get_topic(Entry), UnreadableRow: get_topic(UnreadableRow)}


def row_events(
    review: UUID, submission: UUID, agency: str, rows: Sequence[RowReading]
) -> list[Any]:
    """The creation event of each row of a submission: an Entry, or an UnreadableRow."""
    entry_id = entry_ids(submission)
    agency = agency.strip()
    events: list[Any] = []
    for row in rows:
        place = row.place or f"line {row.line}"
        if row.problem is not None:
            state = _shared(UnreadableRow, entry_id(row.row), review, submission, agency, row)
            state |= {
                "raw_text": row.raw_text,
                "reason": row.problem,
                "column": row.problem_column,
                "place": place,
            }
            events.append(_event(UnreadableRow.Recorded, state))
            continue
        state = _shared(Entry, entry_id(row.row), review, submission, agency, row)
        state |= {
            "when": row.when.to_dict() if row.when else {},
            "time": row.time,
            "end_date": row.fields.get("end_date"),
            "place": place,
            "written_zone": row.written_zone,
        }
        events.append(_event(Entry.Recorded, state))
    return events


def _shared(
    aggregate: type[Entry] | type[UnreadableRow],
    the_id: UUID,
    review: UUID,
    submission: UUID,
    agency: str,
    row: RowReading,
) -> dict[str, Any]:
    """The fields both kinds of row event open with, in their order: which row of which file,
    and its cells as sent."""
    return {
        "originator_id": the_id,
        "originator_version": aggregate.INITIAL_VERSION,
        "timestamp": aggregate.Recorded.create_timestamp(),
        "originator_topic": _TOPICS[aggregate],
        "review_id": review,
        "submission_id": submission,
        "agency": agency,
        "row": row.row,
        "line": row.line,
        "cells": list(row.cells),
    }


def _event(event_class: type[Any], state: dict[str, Any]) -> Any:
    """An event of `event_class` holding `state` (every field, in the class's field order), as
    eventsourcing's mapper makes one from a stored event. The tests hold the states above to
    the classes' fields, so a field added to an event class must be added here too."""
    event = object.__new__(event_class)
    object.__setattr__(event, "__dict__", state)
    return event

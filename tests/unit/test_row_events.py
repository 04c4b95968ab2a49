"""Row events built in bulk are the events eventsourcing's constructors would build."""

from __future__ import annotations

import dataclasses
from datetime import date
from uuid import UUID

import pytest

from domain.entry import Entry, UnreadableRow, creation_event
from domain.identity import entry_id, entry_ids
from domain.readings import FileReading, RowReading, check_storable
from domain.recorded_date import Precision, RecordedDate
from domain.row_events import row_events
from domain.text import UnstorableTextError

REVIEW = UUID("11111111-1111-1111-1111-111111111111")
SUBMISSION = UUID("22222222-2222-2222-2222-222222222222")


def readable_row(row: int) -> RowReading:
    day = date(2012, 6, 16)
    return RowReading(
        row=row,
        line=row + 1,
        cells=["16/06/2012", "0128", "contact"],
        raw_text="16/06/2012,0128,contact",
        when=RecordedDate("16/06/2012", day, day, Precision.DAY),
        time="01:28",
        fields={"date": "16/06/2012", "end_date": "2012-06-17"},
        written_zone="UTC",
    )


def unreadable_row(row: int) -> RowReading:
    return RowReading(
        row=row,
        line=row + 1,
        cells=["31/02/2012", "x"],
        raw_text="31/02/2012,x",
        problem="bad date",
        problem_column="Date",
        place="sheet 'Log' row 3",
    )


def test_entry_ids_are_the_ids_entry_id_derives() -> None:
    of_row = entry_ids(SUBMISSION)

    assert [of_row(row) for row in (1, 2, 10, 99_999)] == [
        entry_id(SUBMISSION, row) for row in (1, 2, 10, 99_999)
    ]


def test_row_events_equal_the_events_their_constructors_build_field_for_field() -> None:
    rows = [readable_row(1), unreadable_row(2)]

    built = row_events(REVIEW, SUBMISSION, " Police ", rows)

    common = {"review_id": REVIEW, "submission_id": SUBMISSION, "agency": "Police"}
    expected = [
        creation_event(
            Entry,
            Entry.Recorded,
            entry_id(SUBMISSION, 1),
            row=1,
            line=2,
            cells=["16/06/2012", "0128", "contact"],
            when=rows[0].when.to_dict() if rows[0].when else {},
            time="01:28",
            end_date="2012-06-17",
            place="line 2",
            written_zone="UTC",
            **common,
        ),
        creation_event(
            UnreadableRow,
            UnreadableRow.Recorded,
            entry_id(SUBMISSION, 2),
            row=2,
            line=3,
            cells=["31/02/2012", "x"],
            raw_text="31/02/2012,x",
            reason="bad date",
            column="Date",
            place="sheet 'Log' row 3",
            **common,
        ),
    ]
    for event, constructed in zip(built, expected, strict=True):
        assert type(event) is type(constructed)
        fields = [f.name for f in dataclasses.fields(type(event)) if f.name != "timestamp"]
        assert {name: getattr(event, name) for name in fields} == {
            name: getattr(constructed, name) for name in fields
        }
        # Stored state follows the order of the event's own fields, as the constructor's does.
        assert list(vars(event)) == list(vars(constructed))


def test_a_file_is_refused_at_the_first_unstorable_cell_however_many_rows_come_before() -> None:
    rows = [readable_row(row) for row in range(1, 2_501)]
    rows[1_700] = dataclasses.replace(rows[1_700], cells=["16/06/2012", "0128", "a\x00b"])
    rows[2_300] = dataclasses.replace(rows[2_300], raw_text="\ud800")
    reading = FileReading("log.csv", "a" * 64, 1, "utf-8", ",", ["Date", "Time"], {}, rows)

    with pytest.raises(UnstorableTextError) as refused:
        check_storable(reading)

    assert str(refused.value).startswith("column 3 (line 1702) contains a control character")

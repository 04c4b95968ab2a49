"""The domain on its own, in memory: reviews, submissions and their rows as events."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.application import ChronologyApplication, ImportStatus
from domain.entry import Entry, UnreadableRow
from domain.errors import ReviewNotFoundError
from domain.identity import review_id
from domain.readings import FileReading, RowReading
from domain.recorded_date import Precision, RecordedDate
from domain.review import Review

UPLOADED_AT = datetime(2018, 1, 15, 12, 0, tzinfo=UTC)


def in_memory_app() -> ChronologyApplication:
    return ChronologyApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})


def a_reading(
    sha: str = "a" * 64, rows: int = 2, bad_rows: int = 0, file_name: str = "police.csv"
) -> FileReading:
    good = [
        RowReading(
            row=i,
            line=i + 1,
            cells=[f"0{i}/06/2012", f"contact {i}"],
            raw_text=f"0{i}/06/2012,contact {i}",
            when=RecordedDate(f"0{i}/06/2012", date(2012, 6, i), date(2012, 6, i), Precision.DAY),
            fields={"summary": f"contact {i}"},
        )
        for i in range(1, rows + 1)
    ]
    bad = [
        RowReading(
            row=rows + j,
            line=rows + j + 1,
            cells=["31/02/2012", "x"],
            raw_text="31/02/2012,x",
            problem="bad date",
            problem_column="Date",
        )
        for j in range(1, bad_rows + 1)
    ]
    return FileReading(
        file_name=file_name,
        content_sha256=sha,
        byte_count=100,
        encoding="utf-8",
        delimiter=",",
        header=["Date", "Summary"],
        column_mapping={"Date": "date", "Summary": "summary"},
        rows=good + bad,
    )


def test_a_review_id_is_the_same_however_the_name_is_spaced_or_cased() -> None:
    assert review_id("DHR 7") == review_id("  dhr   7 ")


def test_importing_a_file_opens_the_review_and_records_every_row_as_an_event() -> None:
    app = in_memory_app()

    outcome = app.import_submission("DHR 7", "Police", a_reading(bad_rows=1), "alice", UPLOADED_AT)

    assert outcome.status is ImportStatus.STORED
    assert outcome.rows_stored == 2
    assert [r.problem for r in outcome.unreadable] == ["bad date"]
    events = [app.mapper.to_domain_event(n) for n in app.recorder.select_notifications(1, 100)]
    assert [type(e).__name__ for e in events] == [
        "Opened",
        "SubmissionAccepted",
        "Received",
        "Recorded",
        "Recorded",
        "Recorded",
    ]
    assert isinstance(events[-1], UnreadableRow.Recorded)
    assert events[-1].cells == ["31/02/2012", "x"]
    assert isinstance(events[3], Entry.Recorded) and events[3].when["precision"] == "day"


def test_importing_the_same_bytes_again_stores_nothing_new() -> None:
    app = in_memory_app()
    app.import_submission("DHR 7", "Police", a_reading(), "alice", UPLOADED_AT)
    before = app.recorder.max_notification_id()

    outcome = app.import_submission("DHR 7", "police", a_reading(), "bob", UPLOADED_AT)

    assert outcome.status is ImportStatus.ALREADY_HELD
    assert app.recorder.max_notification_id() == before


def test_a_revised_file_supersedes_the_agencys_previous_submission_and_both_stay() -> None:
    app = in_memory_app()
    first = app.import_submission("DHR 7", "Police", a_reading("a" * 64), "alice", UPLOADED_AT)

    second = app.import_submission(
        "DHR 7", "Police", a_reading("b" * 64, rows=3), "alice", UPLOADED_AT
    )

    assert second.supersedes == first.submission_id
    review = app.get_review("DHR 7")
    assert review.current_submission("POLICE") == second.submission_id
    assert first.submission_id in app.repository


def test_another_chronology_from_the_agency_stands_beside_its_first() -> None:
    app = in_memory_app()
    incidents = app.import_submission("DHR 7", "Police", a_reading("a" * 64), "alice", UPLOADED_AT)
    custody_rows = a_reading("b" * 64, rows=2, file_name="police_custody.csv")
    custody_rows.rows[:] = [
        RowReading(
            row=r.row,
            line=r.line,
            cells=[r.cells[0], f"custody record {r.row}"],
            raw_text=r.raw_text,
            when=r.when,
            fields={"summary": f"custody record {r.row}"},
        )
        for r in custody_rows.rows
    ]

    custody = app.import_submission("DHR 7", "Police", custody_rows, "alice", UPLOADED_AT)

    assert custody.supersedes is None
    standing = {held for held, _ in app.get_review("DHR 7").files_of("police")}
    assert standing == {incidents.submission_id, custody.submission_id}


def test_a_file_that_repeats_most_rows_of_an_earlier_one_corrects_it_whatever_its_name() -> None:
    app = in_memory_app()
    first = app.import_submission("DHR 7", "Police", a_reading("a" * 64), "alice", UPLOADED_AT)

    again = app.import_submission(
        "DHR 7",
        "Police",
        a_reading("c" * 64, rows=3, file_name="Export for panel.csv"),
        "alice",
        UPLOADED_AT,
    )

    assert again.supersedes == first.submission_id


def test_the_same_file_from_two_agencies_is_two_submissions() -> None:
    app = in_memory_app()

    police = app.import_submission("DHR 7", "Police", a_reading(), "alice", UPLOADED_AT)
    health = app.import_submission("DHR 7", "Hospital", a_reading(), "alice", UPLOADED_AT)

    assert police.submission_id != health.submission_id
    assert health.supersedes is None


def test_asking_for_an_unknown_review_says_so() -> None:
    app = in_memory_app()

    with pytest.raises(ReviewNotFoundError, match="no review called 'SAR 1'"):
        app.get_review("SAR 1")


def test_a_review_cannot_accept_the_submission_that_is_already_current() -> None:
    review = Review.open("DHR 7", "alice")
    sid = review_id("x")
    review.accept_submission(sid, "Police", "a.csv", "alice")

    with pytest.raises(ValueError, match="already"):
        review.accept_submission(sid, "Police", "a.csv", "alice")


def test_event_topics_are_stable_names_not_module_paths() -> None:
    # Events are a permanent record: renaming a module must never orphan stored events.
    app = in_memory_app()
    app.import_submission("DHR 7", "Police", a_reading(bad_rows=1), "alice", UPLOADED_AT)

    topics = {n.topic for n in app.recorder.select_notifications(1, 100)}

    assert topics == {
        "chronology:Review.Opened",
        "chronology:Review.SubmissionAccepted",
        "chronology:Submission.Received",
        "chronology:Entry.Recorded",
        "chronology:UnreadableRow.Recorded",
    }

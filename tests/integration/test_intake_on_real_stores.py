"""Intake end to end on real stores: a SQLite file and a fresh PostgreSQL database."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from adapters.intake import read_chronology
from api.workspace import Workspace
from domain.errors import ReviewNotFoundError, SubmissionNotSavedError
from projections.entries import entries

POLICE = (
    b"Date,Time,Incident Ref,Summary of Contact\n"
    b'16/06/2012,0128,REF-1,"Call from S: assaulted by partner, covered in blood"\n'
    b"Dec 2012,,REF-2,Concern for safety call\n"
    b"31/02/2013,,REF-3,A date that cannot exist\n"
    b'03/04/2013,23:43,REF-4,"999 call, line dropped"\n'
)

HOSPITAL = (
    "Date of Contact;Patient;Presenting Complaint\r\n"
    "16.06.2012;S;Cut to forehead; reports assault by partner\r\n"
).encode("cp1252")


def test_a_file_is_stored_with_provenance_and_listed_in_date_order(workspace: Workspace) -> None:
    workspace.import_file(POLICE, "police.csv", "DHR 7", "Police", uploaded_by="alice")
    workspace.import_file(HOSPITAL, "hospital.csv", "DHR 7", "Hospital", uploaded_by="bob")

    listed = workspace.entries("DHR 7")

    assert [(e.agency, e.row, e.line, e.status) for e in listed] == [
        ("Police", 1, 2, "recorded"),
        ("Hospital", 1, 2, "recorded"),
        ("Police", 2, 3, "recorded"),
        ("Police", 4, 5, "recorded"),
        ("Police", 3, 4, "unreadable"),
    ]
    first_police = listed[0]
    assert first_police.uploaded_by == "alice"
    assert first_police.file_name == "police.csv"
    assert first_police.time == "01:28"
    assert (
        first_police.verbatim()["Summary of Contact"]
        == "Call from S: assaulted by partner, covered in blood"
    )
    assert listed[2].precision == "month"
    assert "31/02/2013" in (listed[-1].reason or "") and "line 4" in (listed[-1].reason or "")


def test_an_activity_extract_with_end_times_and_a_remark_by_a_date_is_stored_all_readable(
    workspace: Workspace,
) -> None:
    extract = (
        b"Contact Date,Start,End,Contact Type,Clinical Note\n"
        b"08-Mar-2022,10:20,10:45,Telephone,Tel triage with K\n"
        b"15-Mar-2022,14:00,15:00,Home visit,Seen at home with baby\n"
        b"22/03/2022 am clinic,,,Clinic,Reviewed in clinic\n"
    )

    workspace.import_file(extract, "perinatal.csv", "DHR 7", "Perinatal MH", uploaded_by="cpn")

    listed = workspace.entries("DHR 7")
    assert [(e.row, e.status, e.time) for e in listed] == [
        (1, "recorded", "10:20"),
        (2, "recorded", "14:00"),
        (3, "recorded", None),
    ]
    assert listed[1].verbatim()["End"] == "15:00"


def test_re_importing_the_same_bytes_stores_nothing_and_says_so(workspace: Workspace) -> None:
    workspace.import_file(POLICE, "police.csv", "DHR 7", "Police", uploaded_by="alice")
    events_before = workspace.application.recorder.max_notification_id()

    report = workspace.import_file(
        POLICE, "police-copy.csv", "DHR 7", "Police", uploaded_by="alice"
    )

    assert report.outcome.status == "already_held"
    assert workspace.application.recorder.max_notification_id() == events_before
    assert len(workspace.entries("DHR 7")) == 4


def test_a_revised_file_replaces_the_listing_but_the_old_rows_stay_in_the_record(
    workspace: Workspace,
) -> None:
    workspace.import_file(POLICE, "police.csv", "DHR 7", "Police", uploaded_by="alice")
    revised = POLICE.replace(b"31/02/2013", b"28/02/2013")

    report = workspace.import_file(revised, "police-v2.csv", "DHR 7", "Police", uploaded_by="alice")

    assert report.outcome.supersedes is not None
    current = workspace.entries("DHR 7")
    assert {e.file_name for e in current} == {"police-v2.csv"}
    assert all(e.status == "recorded" for e in current)
    everything = workspace.entries("DHR 7", include_superseded=True)
    assert len(everything) == 8


def test_a_whole_submission_is_saved_atomically_or_not_at_all(workspace: Workspace) -> None:
    reading = read_chronology(POLICE, "police.csv")
    # Two records claiming the same row number make the store refuse the last event of the batch.
    broken = replace(reading, rows=[*reading.rows, reading.rows[0]])

    with pytest.raises(SubmissionNotSavedError, match="nothing of it was kept"):
        workspace.application.import_submission(
            "DHR 7", "Police", broken, "alice", datetime.now(UTC)
        )

    assert workspace.application.recorder.max_notification_id() in (None, 0)


def test_read_models_rebuilt_from_events_alone_are_identical(workspace: Workspace) -> None:
    workspace.import_file(POLICE, "police.csv", "DHR 7", "Police", uploaded_by="alice")
    workspace.import_file(HOSPITAL, "hospital.csv", "DHR 7", "Hospital", uploaded_by="bob")
    before = _all_rows(workspace)

    workspace.rebuild()

    assert _all_rows(workspace) == before


def test_listing_a_review_that_was_never_opened_is_a_clear_error(workspace: Workspace) -> None:
    with pytest.raises(ReviewNotFoundError):
        workspace.entries("SAR 12")


def test_every_dhr7_file_imports_with_no_unreadable_rows(workspace: Workspace, dhr7: Path) -> None:
    for csv_file in sorted(dhr7.glob("*.csv")):
        report = workspace.import_file(
            csv_file.read_bytes(), csv_file.name, "DHR 7", csv_file.stem, uploaded_by="panel"
        )
        assert report.reading.unreadable_rows == [], csv_file.name

    listed = workspace.entries("DHR 7")

    assert len(listed) == 178
    assert all(e.status == "recorded" for e in listed)


def _all_rows(workspace: Workspace) -> list[tuple[object, ...]]:
    with workspace.engine.connect() as connection:
        return [
            tuple(r) for r in connection.execute(sa.select(entries).order_by(entries.c.entry_id))
        ]


BLIND_SET = Path(__file__).resolve().parents[1] / "fixtures" / "intake_blind" / "set1"


def test_the_blind_intake_files_are_stored_whole_and_once(workspace: Workspace) -> None:
    expected = json.loads((BLIND_SET / "expected.json").read_text(encoding="utf-8"))["files"]
    assert expected
    for n, name in enumerate(sorted(expected)):
        workspace.import_file(
            (BLIND_SET / name).read_bytes(), name, "SAR 9", f"Agency {n}", uploaded_by="admin"
        )
    events = workspace.application.recorder.max_notification_id()

    listed = workspace.entries("SAR 9")

    assert len(listed) == sum(file["records"] for file in expected.values())
    unreadable = {(e.file_name, e.row) for e in listed if e.status == "unreadable"}
    assert unreadable == {
        (name, row) for name, file in expected.items() for row in file["unreadable_on_purpose"]
    }
    again = workspace.import_file(
        (BLIND_SET / "06_acute_trust_ED_attendances.xlsx").read_bytes(),
        "06_acute_trust_ED_attendances.xlsx",
        "SAR 9",
        "Agency 5",
        uploaded_by="admin",
    )
    assert again.outcome.status == "already_held"
    assert workspace.application.recorder.max_notification_id() == events

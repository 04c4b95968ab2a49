"""Uploading over HTTP: the intake report, already-held re-uploads, size limit and refused files."""

# ruff: noqa: F811  (the fixtures come from test_http_support by name; pytest needs them imported)

from __future__ import annotations

from pathlib import Path

from test_http_support import REVIEW, SMALL_LIMIT, Api, api, small_chronology, sqlite_api  # noqa: F401


def test_an_agency_upload_returns_the_intake_report(api: Api, dhr7: Path) -> None:
    response = api.upload("police", dhr7 / "staffordshire_police.csv")

    report = response.json()
    assert response.status_code == 201
    assert report["status"] == "stored"
    assert report["rows_stored"] == 78 and report["records"] == 78
    assert report["unreadable_rows"] == []
    assert report["column_mapping"]["Summary of Contact"] == "summary"
    assert report["file_name"] == "staffordshire_police.csv"


def test_the_same_bytes_again_are_already_held_and_store_nothing(api: Api, dhr7: Path) -> None:
    first = api.upload("ambulance", dhr7 / "wmas_ambulance.csv")
    before = api.event_count()

    again = api.upload("ambulance", dhr7 / "wmas_ambulance.csv")

    assert again.status_code == 200
    assert again.json()["status"] == "already_held"
    assert again.json()["submission_id"] == first.json()["submission_id"]
    assert api.event_count() == before
    assert len(api.get("ambulance", f"/reviews/{REVIEW}/entries").json()) == 14


def test_unreadable_rows_and_skipped_lines_are_reported_with_row_line_and_reason(
    sqlite_api: Api,
) -> None:
    content = (
        b"Chronology of contact\r\nDate,Summary\r\n01/02/2012,seen\r\n"
        b"31/02/2012,impossible\r\nTotal entries: 2\r\n"
    )

    report = sqlite_api.upload("police", ("police.csv", content)).json()

    assert report["rows_stored"] == 1
    [unreadable] = report["unreadable_rows"]
    assert (unreadable["row"], unreadable["line"], unreadable["column"]) == (2, 4, "Date")
    assert "31/02/2012" in unreadable["reason"]
    assert {s["line"] for s in report["skipped_lines"]} == {1, 5}


def test_a_column_mapping_can_be_given_with_the_upload(sqlite_api: Api) -> None:
    content = b"Occurred,What happened\r\n01/02/2012,seen at home\r\n"

    report = sqlite_api.upload(
        "police", ("police.csv", content), map=["Occurred=date", "What happened=summary"]
    )

    assert report.status_code == 201, report.text
    assert report.json()["column_mapping"] == {"Occurred": "date", "What happened": "summary"}


def test_a_mapping_to_an_unknown_field_is_refused_with_the_reason(sqlite_api: Api) -> None:
    before = sqlite_api.event_count()

    response = sqlite_api.upload(
        "police", ("police.csv", small_chronology("p")), map=["Date=birthday"]
    )

    assert response.status_code == 422
    assert "birthday" in response.json()["detail"]
    assert sqlite_api.event_count() == before


def test_a_file_that_is_not_a_chronology_is_refused_with_the_reason_and_nothing_stored(
    api: Api,
) -> None:
    before = api.event_count()

    binary = api.upload("police", ("photo.csv", bytes(range(256)) * 8))
    no_dates = api.upload("police", ("notes.csv", b"Name,Comment\r\nA,B\r\n"))

    assert binary.status_code == 422 and "binary" in binary.json()["detail"]
    assert no_dates.status_code == 422 and "date" in no_dates.json()["detail"].lower()
    assert api.event_count() == before


def test_a_file_over_the_upload_limit_is_refused_with_413(sqlite_api: Api) -> None:
    just_over = (
        small_chronology("x" * 200, rows=1) + b"01/01/2017,10:00," + b"y" * SMALL_LIMIT + b"\r\n"
    )
    far_over = b"Date,Summary\r\n" + b"01/01/2017,z\r\n" * (SMALL_LIMIT // 2)
    before = sqlite_api.event_count()

    exact = sqlite_api.upload("police", ("big.csv", just_over))
    declared = sqlite_api.upload("police", ("huge.csv", far_over))

    assert exact.status_code == 413 and "CHRONOLOGY_MAX_UPLOAD_BYTES" in exact.json()["detail"]
    assert (
        declared.status_code == 413 and "CHRONOLOGY_MAX_UPLOAD_BYTES" in declared.json()["detail"]
    )
    assert sqlite_api.event_count() == before


def test_an_administrator_must_name_the_sending_agency(sqlite_api: Api) -> None:
    response = sqlite_api.upload("root", ("police.csv", small_chronology("p")))

    assert response.status_code == 422
    assert "agency" in response.json()["detail"]


def test_uploading_to_a_review_not_yet_opened_is_404(sqlite_api: Api) -> None:
    response = sqlite_api.upload(
        "root", ("police.csv", small_chronology("p")), review="DHR 99", agency="Police"
    )

    assert response.status_code == 404
    assert "DHR 99" in response.json()["detail"]


def test_a_submission_can_be_fetched_with_its_rows(sqlite_api: Api) -> None:
    stored = sqlite_api.upload("police", ("police.csv", small_chronology("police"))).json()

    fetched = sqlite_api.get(
        "police", f"/reviews/{REVIEW}/submissions/{stored['submission_id']}"
    ).json()

    assert fetched["file_name"] == "police.csv" and fetched["uploaded_by"] == "police"
    assert [e["row"] for e in fetched["entries"]] == [1, 2, 3]
    assert fetched["entries"][0]["verbatim"]["Summary of Contact"] == "police contact number 0"


def test_a_second_chronology_from_an_agency_stands_beside_its_first(sqlite_api: Api) -> None:
    first = sqlite_api.upload("police", ("police.csv", small_chronology("incident log"))).json()
    custody = sqlite_api.upload(
        "police", ("police_custody.csv", small_chronology("custody record"))
    ).json()
    corrected = sqlite_api.upload(
        "police", ("police_custody_v2.csv", small_chronology("custody record (amended)"))
    ).json()

    detail = sqlite_api.get("chair", f"/reviews/{REVIEW}").json()
    (police,) = [a for a in detail["agencies"] if a["submissions"] == 3]

    assert custody["supersedes"] is None
    assert corrected["supersedes"] == custody["submission_id"]
    assert set(police["current_submission_ids"]) == {
        first["submission_id"],
        corrected["submission_id"],
    }

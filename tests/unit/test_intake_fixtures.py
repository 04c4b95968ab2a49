"""The ten DHR 7 agency files read cleanly, and the ground truth's [file, row] addresses hold.

The fixture is kept in the repository (tests/fixtures/dhr7, a copy of the panel's shared files).
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from typing import Any

import pytest

from adapters.intake import read_chronology
from domain.readings import FileReading, RowReading
from domain.recorded_date import Precision
from tests.conftest import fixture_dir

ROW_COUNTS = {
    "staffordshire_police.csv": 78,
    "uhnm_hospital.csv": 12,
    "sha_housing.csv": 12,
    "arch_da_service.csv": 9,
    "national_probation.csv": 8,
    "wmas_ambulance.csv": 14,
    "stoke_csc.csv": 3,
    "nhs_primary_care.csv": 3,
    "ipcc_investigation.csv": 16,
    "review_panel_interviews.csv": 23,
}


FIXTURES = fixture_dir()


@cache
def reading_of(file_name: str) -> FileReading:
    return read_chronology((FIXTURES / file_name).read_bytes(), file_name)


@cache
def ground_truth() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((FIXTURES / "ground_truth.json").read_text("utf-8"))
    return loaded


def row_at(file_name: str, row: int) -> RowReading:
    found = [r for r in reading_of(file_name).rows if r.row == row]
    assert len(found) == 1, f"{file_name} has no single row {row}"
    return found[0]


def test_the_fixture_holds_exactly_the_ten_agency_files() -> None:
    names = sorted(path.name for path in FIXTURES.glob("*.csv"))

    assert names == sorted(ROW_COUNTS)
    assert sum(ROW_COUNTS.values()) == 178


@pytest.mark.parametrize(("file_name", "count"), sorted(ROW_COUNTS.items()))
def test_each_agency_file_reads_every_row_with_none_unreadable(file_name: str, count: int) -> None:
    reading = reading_of(file_name)

    assert len(reading.rows) == count
    assert reading.unreadable_rows == []
    assert reading.skipped == []
    assert [row.row for row in reading.rows] == list(range(1, count + 1))
    assert "date" in reading.column_mapping.values()


@pytest.mark.parametrize(
    ("file_name", "encoding"),
    [
        ("nhs_primary_care.csv", "cp1252"),
        ("review_panel_interviews.csv", "utf-8-sig"),
        ("staffordshire_police.csv", "utf-8"),
        ("sha_housing.csv", "utf-8"),
    ],
)
def test_reports_the_encoding_each_agency_used(file_name: str, encoding: str) -> None:
    reading = reading_of(file_name)

    assert reading.encoding == encoding


def test_every_ground_truth_address_names_a_row_that_was_read_and_every_row_is_addressed() -> None:
    addresses = [
        (file_name, row)
        for incident in ground_truth()["incidents"]
        for file_name, row in incident["entries"]
    ]

    read_rows = {(name, row.row) for name in ROW_COUNTS for row in reading_of(name).rows}

    assert len(addresses) == len(set(addresses)) == 178
    assert set(addresses) == read_rows


def test_every_dated_incident_has_an_entry_whose_date_covers_it() -> None:
    # Off-by-one row addressing would put most incidents against a neighbour's date.
    misses = []
    for incident in ground_truth()["incidents"]:
        if incident["date"] is None:
            continue
        day = date.fromisoformat(incident["date"])
        whens = [row_at(name, row).when for name, row in incident["entries"]]
        if not any(w is not None and w.earliest <= day <= w.latest for w in whens):
            misses.append(incident["id"])

    assert misses == []


def test_police_row_1_is_the_first_assault_call_at_0128_on_line_2() -> None:
    row = row_at("staffordshire_police.csv", 1)

    assert row.line == 2
    assert row.when is not None and row.when.earliest == date(2012, 6, 16)
    assert row.time == "01:28"
    assert row.fields["summary"].startswith("Call from S (24 yrs): she has been assaulted")
    assert row.fields["reference"] == "SP-2012-06-16-0031"


def test_police_line_numbers_run_ahead_of_rows_where_cells_hold_line_breaks() -> None:
    last = row_at("staffordshire_police.csv", 78)

    assert last.line == 86
    assert last.fields["summary"].startswith("Homicide investigation.")


def test_housing_crlf_file_keeps_month_only_dates_and_embedded_line_breaks() -> None:
    first, fourth, last = (row_at("sha_housing.csv", n) for n in (1, 4, 12))

    assert first.when is not None and first.when.precision is Precision.MONTH
    assert (first.when.earliest, first.when.latest) == (date(2011, 5, 1), date(2011, 5, 31))
    assert fourth.fields["summary"].startswith("Neighbour report (1 of 2)")
    assert last.line == 14
    assert last.fields["summary"].startswith("Call from Staffordshire Police control room")


def test_probation_range_reads_as_a_span() -> None:
    row = row_at("national_probation.csv", 2)

    assert row.when is not None and row.when.precision is Precision.RANGE
    assert (row.when.earliest, row.when.latest) == (date(2012, 7, 26), date(2013, 7, 26))


def test_windows_1252_gp_file_keeps_its_dashes_and_apostrophes() -> None:
    first, third = row_at("nhs_primary_care.csv", 1), row_at("nhs_primary_care.csv", 3)

    assert "11/27 – moderate depression" in first.fields["summary"]
    assert "patient’s alcohol use" in third.fields["summary"]


def test_ambulance_iso_dates_and_seconds_times_are_read() -> None:
    row = row_at("wmas_ambulance.csv", 2)

    assert row.when is not None and row.when.earliest == date(2015, 5, 30)
    assert row.time == "03:54:00"
    assert row.fields["reference"] == "WM-20150530-0092"


def test_review_panel_qualifiers_widen_dates_and_the_undated_account_stays_undated() -> None:
    by_month, undated = (
        row_at("review_panel_interviews.csv", 1),
        row_at("review_panel_interviews.csv", 23),
    )

    assert by_month.when is not None and by_month.when.precision is Precision.MONTH
    assert by_month.when.latest == date(2012, 12, 31)
    assert undated.is_readable and undated.when is None
    assert undated.fields["date_qualifier"] == "undated"
    assert "£" in "".join(row.raw_text for row in reading_of("review_panel_interviews.csv").rows)


def test_quoted_csc_file_reads_every_cell_without_quotes() -> None:
    first, second = row_at("stoke_csc.csv", 1), row_at("stoke_csc.csv", 2)

    assert first.cells[0] == "22/02/2013"
    assert first.fields["subjects"] == "Z (17y 9m)"
    assert "staff" not in first.fields
    assert second.fields["staff"] == "Practice Manager"
    assert second.raw_text.startswith('"25/02/2013","Case closure"')

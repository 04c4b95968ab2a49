"""Mapping agencies' own header words to canonical fields, and the user's corrections."""

from __future__ import annotations

import pytest

from adapters.columns import (
    canonical_fields,
    map_columns,
    normalise_header,
    parse_overrides,
    unique_headers,
)
from adapters.errors import ColumnMappingError


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Date", "date"),
        ("Date of Contact", "date"),
        ("Occurred On", "date"),
        ("DATE/TIME", "date"),
        ("Dyddiad", "date"),
        ("Time", "time"),
        ("Time of call", "time"),
        ("End Date", "end_date"),
        ("Date To", "end_date"),
        ("Subject(s)", "subjects"),
        ("Tenant/Subject", "subjects"),
        ("Child/Young Person", "subjects"),
        ("Service User", "subjects"),
        ("Client Name", "subjects"),
        ("Summary of Contact", "summary"),
        ("Presenting Complaint / Event", "summary"),
        ("Narrative", "summary"),
        ("Contact Type", "event_type"),
        ("Practice Contact", "event_type"),
        ("Finding", "event_type"),
        ("Action Taken", "action"),
        ("Outcome", "action"),
        ("Decision", "action"),
        ("IMR Comment", "comment"),
        ("Agency Comment", "comment"),
        ("Incident Ref", "reference"),
        ("call_ref", "reference"),
        ("Entry No", "reference"),
        ("Account Given By", "source"),
        ("Authorised By", "staff"),
        ("Staff Name", "staff"),
        ("Seen by", "staff"),
        ("Location", "location"),
        ("Address of incident", "location"),
        ("Approx", "date_qualifier"),
        ("Date accuracy", "date_qualifier"),
        # A database's run-together names, split where a capital starts a word.
        ("IncidentNo", "reference"),
        ("LocationAddress", "location"),
        ("NHSNumber", "reference"),
        ("Type of contact", "event_type"),
        ("Analysis (IMR author)", "comment"),
    ],
)
def test_maps_an_agency_header_to_its_canonical_field(header: str, field: str) -> None:
    mapping = map_columns([header])

    assert mapping[header] == field


@pytest.mark.parametrize(
    "header",
    [
        "Log type",  # a kind of log, not a log number: a header names what its last word names
        "No. of YP",  # a count, not a reference
        "NoOfPatients",
        "Number of children",
    ],
)
def test_a_header_whose_head_word_names_no_field_of_its_other_words_is_not_mapped_by_them(
    header: str,
) -> None:
    assert map_columns(["Category", header]) == {"Category": "event_type"}


def test_maps_a_whole_police_header() -> None:
    header = [
        "Date",
        "Time",
        "Incident Ref",
        "Subject(s)",
        "Summary of Contact",
        "Action Taken",
        "Agency Comment",
    ]

    mapping = map_columns(header)

    assert list(mapping.values()) == [
        "date",
        "time",
        "reference",
        "subjects",
        "summary",
        "action",
        "comment",
    ]


def test_every_canonical_field_can_be_reached_from_a_header() -> None:
    header = [
        "Date",
        "Time",
        "End Date",
        "Subjects",
        "Summary",
        "Event Type",
        "Action",
        "Comment",
        "Reference",
        "Source",
        "Staff",
        "Location",
        "Approx",
    ]

    mapping = map_columns(header)

    # A second column of dates (recorded_date) is recognised by its cells, never by its header.
    assert sorted(mapping.values()) == sorted(set(canonical_fields()) - {"recorded_date", "year"})


def test_the_better_exact_name_wins_whatever_the_column_order() -> None:
    header = ["Date of Entry", "Notes", "Date", "Summary"]

    mapping = map_columns(header)

    assert mapping["Date"] == "date"
    assert mapping["Summary"] == "summary"
    assert "Date of Entry" not in mapping


def test_a_date_of_birth_column_is_never_the_event_date() -> None:
    header = ["Date of Birth", "Date recorded", "Details"]

    mapping = map_columns(header)

    assert mapping["Date recorded"] == "date"
    assert "Date of Birth" not in mapping


def test_each_field_is_claimed_by_one_column_only() -> None:
    header = ["Date", "Details", "Notes", "Summary"]

    mapping = map_columns(header)

    assert list(mapping.values()).count("summary") == 1


def test_an_override_maps_a_header_the_table_does_not_know() -> None:
    header = ["When it happened", "What"]

    mapping = map_columns(header, {"When it happened": "date"})

    assert mapping == {"When it happened": "date"}


def test_an_override_takes_the_field_from_the_column_the_table_chose() -> None:
    header = ["Date", "Occurred On", "Details"]

    mapping = map_columns(header, {"Occurred On": "date"})

    assert mapping["Occurred On"] == "date"
    assert "Date" not in mapping


def test_an_override_matches_headers_ignoring_case_and_punctuation() -> None:
    header = ["Occurred-On ", "Details"]

    mapping = map_columns(header, {"occurred on": "DATE"})

    assert mapping["Occurred-On "] == "date"


def test_ignore_drops_a_column_from_the_mapping() -> None:
    header = ["Date", "Notes", "Summary"]

    mapping = map_columns(header, {"Notes": "ignore"})

    assert "Notes" not in mapping
    assert mapping["Summary"] == "summary"


def test_an_override_naming_a_missing_column_lists_the_columns_there_are() -> None:
    with pytest.raises(ColumnMappingError, match="'Occurred' that this file does not") as raised:
        map_columns(["Date", "Details"], {"Occurred": "date"})

    assert "Date, Details" in str(raised.value)


def test_an_override_naming_an_unknown_field_lists_the_fields_there_are() -> None:
    with pytest.raises(ColumnMappingError, match="unknown field 'datum'") as raised:
        map_columns(["Occurred On", "Details"], {"Occurred On": "datum"})

    assert "date_qualifier" in str(raised.value)


def test_two_overrides_giving_one_field_to_two_columns_are_refused() -> None:
    with pytest.raises(ColumnMappingError, match="two columns"):
        map_columns(["A", "B"], {"A": "date", "B": "date"})


def test_parses_command_line_map_instructions() -> None:
    overrides = parse_overrides(["Occurred On=date", "Notes = Ignore", "a=b=summary"])

    assert overrides == {"Occurred On": "date", "Notes": "ignore", "a=b": "summary"}


@pytest.mark.parametrize(
    ("instruction", "message"),
    [("Occurred On", "write it as"), ("=date", "write it as"), ("X=when", "unknown field")],
)
def test_refuses_a_malformed_map_instruction(instruction: str, message: str) -> None:
    with pytest.raises(ColumnMappingError, match=message):
        parse_overrides([instruction])


def test_normalises_headers_to_plain_lower_case_words() -> None:
    assert normalise_header("Subject(s)") == "subject s"
    assert normalise_header("call_ref") == "call ref"
    assert normalise_header("  Détails  ") == "details"


def test_names_blank_headers_by_position_and_numbers_repeats() -> None:
    header = ["Date", "", "Notes", "Notes", " Notes ", "\ufeffTime"]

    names = unique_headers(header)

    assert names == ["Date", "Column 2", "Notes", "Notes (2)", "Notes (3)", "Time"]


def test_unique_names_never_collide_with_a_real_header() -> None:
    header = ["Notes", "Notes", "Notes (2)", "", "Column 4"]

    names = unique_headers(header)

    assert len(set(names)) == len(names)
    assert names[2] == "Notes (2)"
    assert names[4] == "Column 4"

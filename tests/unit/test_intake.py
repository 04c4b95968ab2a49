"""Reading whole agency files: nasty real-world exports in, rows and skipped lines out.

Every file here is built as bytes in the test, so each test shows exactly what an agency sent.
"""

from __future__ import annotations

import codecs
import hashlib
import io
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.decoding import decode
from adapters.errors import ColumnMappingError, UnreadableFileError
from adapters.intake import read_chronology
from domain.readings import FileReading, RowReading
from domain.recorded_date import Precision


def read(
    text: str,
    *,
    encoding: str = "utf-8",
    overrides: dict[str, str] | None = None,
) -> FileReading:
    return read_chronology(text.encode(encoding), "agency.csv", overrides)


def summaries(reading: FileReading) -> list[str]:
    return [row.fields.get("summary", "") for row in reading.rows]


def places(reading: FileReading) -> list[tuple[int, int]]:
    return [(row.row, row.line) for row in reading.rows]


# --- encodings ---------------------------------------------------------------------------------


def test_reads_a_utf_8_file_and_records_how_it_was_read() -> None:
    content = "Date,Details\n16/06/2012,Café visit – £5\n".encode()

    reading = read_chronology(content, "police.csv")

    assert reading.file_name == "police.csv"
    assert reading.encoding == "utf-8"
    assert reading.delimiter == ","
    assert reading.byte_count == len(content)
    assert reading.content_sha256 == hashlib.sha256(content).hexdigest()
    assert summaries(reading) == ["Café visit – £5"]


def test_reads_a_utf_8_file_with_a_bom_without_spoiling_the_first_header() -> None:
    content = codecs.BOM_UTF8 + "Date,Details\n16/06/2012,Cost £40\n".encode()

    reading = read_chronology(content, "panel.csv")

    assert reading.encoding == "utf-8-sig"
    assert reading.header == ["Date", "Details"]
    assert reading.column_mapping["Date"] == "date"
    assert summaries(reading) == ["Cost £40"]


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE], ids=["LE", "BE"])
def test_reads_a_utf_16_file_with_a_bom_in_either_byte_order(bom: bytes) -> None:
    codec = "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"
    content = bom + "Date\tDetails\r\n16/06/2012\tCafé – £5\r\n17/06/2012\tNext\r\n".encode(codec)

    reading = read_chronology(content, "export.csv")

    assert reading.encoding == "utf-16"
    assert reading.delimiter == "\t"
    assert summaries(reading) == ["Café – £5", "Next"]
    assert places(reading) == [(1, 2), (2, 3)]


def test_reads_a_windows_1252_file_with_pound_signs_accents_dashes_and_curly_apostrophes() -> None:
    text = (
        "Date,Practice Contact,Details\n"
        "Dec 2012,GP consultation,PHQ-9 score 11/27 – moderate; fee £12\n"
        "Nov 2014,Letter,Café meeting; the patient’s alcohol use\n"
    )

    reading = read(text, encoding="cp1252")

    assert reading.encoding == "cp1252"
    assert summaries(reading) == [
        "PHQ-9 score 11/27 – moderate; fee £12",
        "Café meeting; the patient’s alcohol use",
    ]
    assert reading.unreadable_rows == []


# --- line endings and line numbers -------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_numbers_rows_and_physical_lines_with_either_line_ending(newline: str) -> None:
    text = newline.join(["Date,Details", "16/06/2012,a", "17/06/2012,b", ""])

    reading = read(text)

    assert places(reading) == [(1, 2), (2, 3)]
    assert summaries(reading) == ["a", "b"]


def test_numbers_lines_right_when_line_endings_are_mixed() -> None:
    text = "Date,Details\r\n16/06/2012,a\n17/06/2012,b\r\n18/06/2012,c\n"

    reading = read(text)

    assert places(reading) == [(1, 2), (2, 3), (3, 4)]
    assert summaries(reading) == ["a", "b", "c"]


def test_quoted_line_breaks_do_not_shift_the_line_numbers_of_later_records() -> None:
    text = (
        "Date,Details,Action\r\n"
        '16/06/2012,"Call from S:\r\n""he hit me""\r\nthen line dropped",Attended\r\n'
        '17/06/2012,"one, two\nthree",None\r\n'
        "18/06/2012,Plain,None\r\n"
    )

    reading = read(text)

    assert places(reading) == [(1, 2), (2, 5), (3, 7)]
    assert summaries(reading) == [
        'Call from S:\r\n"he hit me"\r\nthen line dropped',
        "one, two\nthree",
        "Plain",
    ]
    assert reading.rows[0].raw_text.count("\r\n") == 2


def test_blank_lines_between_records_are_not_rows_but_keep_lines_physical() -> None:
    text = "Date,Details\n\n16/06/2012,a\n\n   \n,,\n17/06/2012,b\n\n"

    reading = read(text)

    assert places(reading) == [(1, 3), (2, 7)]
    assert reading.skipped == []


# --- delimiters --------------------------------------------------------------------------------


def test_reads_a_semicolon_file_whose_text_is_full_of_commas() -> None:
    text = (
        "Date;Details;Action\n"
        "16/06/2012;Called, no reply, left message;Closed, no further action\n"
        "17/06/2012;Seen at home, bruising;Referred, MARAC\n"
    )

    reading = read(text)

    assert reading.delimiter == ";"
    assert summaries(reading) == ["Called, no reply, left message", "Seen at home, bruising"]
    assert reading.rows[0].fields["action"] == "Closed, no further action"


def test_reads_a_tab_file_whose_text_holds_commas_and_semicolons() -> None:
    text = "Date\tDetails\n16/06/2012\tA, b; c\n17/06/2012\tD, e; f\n"

    reading = read(text)

    assert reading.delimiter == "\t"
    assert summaries(reading) == ["A, b; c", "D, e; f"]


def test_reads_quoted_cells_with_commas_and_doubled_quotes() -> None:
    text = 'Date,Details\n16/06/2012,"She said ""leave me alone"", then left"\n'

    reading = read(text)

    assert summaries(reading) == ['She said "leave me alone", then left']
    assert reading.rows[0].raw_text == '16/06/2012,"She said ""leave me alone"", then left"'


# --- ragged records ----------------------------------------------------------------------------


def test_a_stray_extra_cell_is_kept_and_the_row_still_reads() -> None:
    text = "Date,Details,Action\n16/06/2012,Hit, then kicked,Arrested\n17/06/2012,b,c\n"

    reading = read(text)

    first = reading.rows[0]
    assert first.is_readable
    assert first.when is not None and first.when.earliest == date(2012, 6, 16)
    assert first.cells == ["16/06/2012", "Hit", " then kicked", "Arrested"]
    assert first.fields["overflow"] == "Arrested"
    assert first.fields["action"] == " then kicked"
    assert reading.rows[1].fields.get("overflow") is None


def test_a_missing_trailing_cell_leaves_that_field_empty_and_the_row_readable() -> None:
    text = "Date,Details,Action\n16/06/2012,Seen\n17/06/2012,b,c\n"

    reading = read(text)

    first = reading.rows[0]
    assert first.is_readable
    assert first.fields == {"date": "16/06/2012", "summary": "Seen"}
    assert first.cells == ["16/06/2012", "Seen"]


def test_an_unclosed_quote_does_not_swallow_the_records_after_it() -> None:
    text = 'Date,Details\n16/06/2012,"never closed\n17/06/2012,next\n18/06/2012,last\n'

    reading = read(text)

    assert places(reading) == [(1, 2), (2, 3), (3, 4)]
    assert summaries(reading) == ["never closed", "next", "last"]


# --- lines that are not records ----------------------------------------------------------------


@pytest.mark.parametrize(
    "footer", ["Total entries: 57", "Total entries: 57,,", "Total entries,57", "End of report"]
)
def test_a_footer_line_is_reported_as_skipped_and_is_not_a_row(footer: str) -> None:
    text = f"Date,Details,Action\n16/06/2012,a,b\n17/06/2012,c,d\n\n{footer}\n"

    reading = read(text)

    assert places(reading) == [(1, 2), (2, 3)]
    assert [(s.line, s.text) for s in reading.skipped] == [(5, footer)]
    assert "after the last record" in reading.skipped[0].reason


def test_a_title_line_above_the_header_is_reported_as_skipped() -> None:
    text = (
        "Staffordshire Police chronology, DHR 7 (OFFICIAL-SENSITIVE)\n"
        "\n"
        "Date,Time,Details\n"
        "16/06/2012,0128,Call\n"
    )

    reading = read(text)

    assert reading.header == ["Date", "Time", "Details"]
    assert places(reading) == [(1, 4)]
    assert [(s.line, s.reason) for s in reading.skipped] == [(1, "above the header")]


def test_a_title_line_that_mentions_a_date_is_not_taken_for_the_header() -> None:
    text = (
        "Date of report,Staffordshire Police\n"
        "Date,Time,Incident Ref,Details\n"
        "16/06/2012,0128,SP-1,Call\n"
    )

    reading = read(text)

    assert reading.header == ["Date", "Time", "Incident Ref", "Details"]
    assert [s.line for s in reading.skipped] == [1]
    assert reading.rows[0].time == "01:28"


def test_trailing_whitespace_is_ignored_in_headers_and_dates() -> None:
    text = "Date  , Details \t,Time \n16/06/2012   ,  kept as written  ,01:28  \n   \n"

    reading = read(text)

    assert reading.header == ["Date", "Details", "Time"]
    row = reading.rows[0]
    assert row.when is not None and row.when.earliest == date(2012, 6, 16)
    assert row.time == "01:28"
    assert row.fields["summary"] == "  kept as written  "
    assert len(reading.rows) == 1


def test_duplicate_and_blank_header_names_are_made_unique_and_their_cells_kept() -> None:
    text = "Date,Notes,Notes,,Details\n16/06/2012,first,second,loose,main\n"

    reading = read(text)

    assert reading.header == ["Date", "Notes", "Notes (2)", "Column 4", "Details"]
    assert reading.rows[0].cells == ["16/06/2012", "first", "second", "loose", "main"]
    assert len(set(reading.column_mapping.values())) == len(reading.column_mapping)


def test_a_header_printed_again_between_records_is_skipped_not_a_row() -> None:
    text = "Date,Time,Details\n16/06/2012,0128,a\nDate,Time,Details,,\n17/06/2012,0930,b\n"

    reading = read(text)

    assert places(reading) == [(1, 2), (2, 4)]
    assert [(s.line, s.reason) for s in reading.skipped] == [
        (3, "the header repeated between records")
    ]


def test_page_markers_between_records_are_skipped_not_rows() -> None:
    text = "Date,Details\n16/06/2012,a\nPage 1 of 2,\n17/06/2012,b\nPage 2 of 2\n"

    reading = read(text)

    assert places(reading) == [(1, 2), (2, 4)]
    assert [s.line for s in reading.skipped] == [3, 5]


def test_honours_excels_sep_line_and_skips_it() -> None:
    text = "sep=;\r\nDate;Details\r\n16/06/2012;a, b\r\n"

    reading = read(text)

    assert reading.delimiter == ";"
    assert summaries(reading) == ["a, b"]
    assert [s.text for s in reading.skipped] == ["sep=;"]


def test_reads_times_and_dates_excel_wrapped_to_keep_leading_zeros() -> None:
    text = 'Date,Time,Details\n="16/06/2012","=""0128""",Call\n'

    reading = read(text)

    row = reading.rows[0]
    assert row.is_readable, row.problem
    assert row.time == "01:28"
    assert row.when is not None and row.when.earliest == date(2012, 6, 16)
    assert row.cells[1] == '="0128"'


def test_a_header_cell_with_a_line_break_still_maps() -> None:
    text = 'Incident Ref,"Date of\nContact",Details\nR1,16/06/2012,Call\n'

    reading = read(text)

    assert reading.column_mapping["Date of\nContact"] == "date"
    assert places(reading) == [(1, 3)]


def test_a_header_with_no_rows_under_a_title_is_found_whatever_the_delimiter() -> None:
    # Split by commas or by tabs, each line has three cells: only the tabs give a header.
    text = "Chronology, DHR 7, Stoke\nRef\tDate of Contact\tDetails\n"

    reading = read(text)

    assert reading.delimiter == "\t"
    assert reading.rows == []
    assert reading.header == ["Ref", "Date of Contact", "Details"]


# --- headers and overrides ---------------------------------------------------------------------


def test_maps_an_agencys_own_header_words_to_canonical_fields() -> None:
    text = (
        "Date of Contact,Time of call,Subject(s),Presenting Complaint / Event,Contact Type,"
        "Action Taken,IMR Comment,Incident Ref,Account Given By,Authorised By,Address,"
        "Approx,Date To\n"
        "16/06/2012,01:28,S,Assault,ED,Seen,None noted,R1,S,Dr A,Stoke,exact,18/06/2012\n"
    )

    reading = read(text)

    row = reading.rows[0]
    assert row.fields == {
        "date": "16/06/2012",
        "time": "01:28",
        "subjects": "S",
        "summary": "Assault",
        "event_type": "ED",
        "action": "Seen",
        "comment": "None noted",
        "reference": "R1",
        "source": "S",
        "staff": "Dr A",
        "location": "Stoke",
        "date_qualifier": "exact",
        "end_date": "2012-06-18",
    }


def test_a_column_of_sentences_is_not_taken_for_staff_whatever_its_header_says() -> None:
    # "Clinician" is a staff word, but these cells are what was said and seen: taken as staff,
    # every word in them would be read as a member of staff's name, and no person in them
    # would count as someone the record names.
    text = (
        "Call received,Chief complaint (AMPDS),Clinician narrative\n"
        "05/10/2021,06 Breathing problems,"
        '"Coryzal two days, increased work of breathing today, wheeze both sides."\n'
        "16/02/2023,17 Falls,"
        '"Caller states baby fell off the sofa about ten minutes ago and is floppy."\n'
    )

    reading = read(text)

    assert "staff" not in reading.column_mapping.values()
    assert reading.column_mapping["Clinician narrative"] == "summary"
    assert reading.rows[1].fields["summary"].startswith("Caller states baby fell")


def test_the_account_is_the_long_text_beside_a_short_column_the_header_calls_it() -> None:
    # An emergency department's export: "Presenting complaint" names the narrative by its
    # header, but the clinical summary beside it is the account of what happened.
    text = (
        "Arrival,Presenting complaint,Clinical summary\n"
        '14/05/2022 09:34,"Fall, long lie",'
        '"81M BIBA, found on floor by carer. ?long lie 6h. Bruise L elbow, no fracture."\n'
        "10/10/2022 15:34,Hypoglycaemia / fall,"
        '"Found in garden by carer, BM 2.9 on scene, treated by crew. Lac R forearm."\n'
    )

    reading = read(text)

    assert reading.column_mapping["Clinical summary"] == "summary"
    assert reading.column_mapping["Presenting complaint"] == "event_type"
    assert reading.rows[1].fields["summary"].startswith("Found in garden by carer")
    assert reading.rows[1].fields["event_type"] == "Hypoglycaemia / fall"


def test_the_uploaders_narrative_column_stands_beside_a_longer_text() -> None:
    text = (
        "Arrival,Presenting complaint,Clinical summary\n"
        '14/05/2022,"Fall, long lie","81M BIBA, found on floor by carer. Bruise L elbow."\n'
    )

    reading = read(text, overrides={"Presenting complaint": "summary"})

    assert reading.column_mapping["Presenting complaint"] == "summary"
    assert "Clinical summary" not in reading.column_mapping


def test_a_far_longer_account_is_the_narrative_even_when_every_other_text_role_is_taken() -> None:
    # An ambulance CAD export: "ChiefComplaint" names the narrative, but the crew's narrative
    # beside it is the account; the category and the IMR comment hold the other text roles.
    narrative = (
        "Crew on scene: female pt found in kitchen with laceration L forearm approx 4cm and"
        " bleeding controlled. Partner present and hostile. Police requested. Conveyed to ED"
    )
    text = (
        "IncidentNo,CallReceived_UTC,Category,ChiefComplaint,CrewNarrative,IMR_Comment\n"
        f"210612-0873,2021-06-12T21:41:00Z,C2,Assault,{narrative},Late arrival\n"
        f"210904-0061,2021-09-04T00:12:00Z,C3,Fall,{narrative} again,None\n"
    )

    reading = read(text)

    assert reading.column_mapping == {
        "IncidentNo": "reference",
        "CallReceived_UTC": "date",
        "Category": "event_type",
        "ChiefComplaint": "action",
        "CrewNarrative": "summary",
        "IMR_Comment": "comment",
    }
    assert [row.is_readable for row in reading.rows] == [True, True]


def test_a_column_of_clock_times_is_not_taken_for_references() -> None:
    # A care visit log gives each call's start and end: "08:52" has the shape of a log number,
    # but a column of them is the time the carer left.
    text = (
        "Visit,Call start,Call end,Visit notes\n"
        "21/02/2022 08:00,08:04,08:52,First call. Introductions and care plan done.\n"
        "22/02/2022 08:00,08:02,08:31,Prompted wash. Meds taken. No concerns.\n"
        "22/02/2022 17:30,17:34,18:01,Tea call. Evening meds taken. Settled.\n"
    )

    reading = read(text)

    assert reading.column_mapping["Call start"] == "time"
    assert "Call end" not in reading.column_mapping
    assert all("reference" not in row.fields for row in reading.rows)


def test_an_override_names_the_date_column_the_table_does_not_know() -> None:
    text = "When it happened,Details\n16/06/2012,Call\n"

    reading = read(text, overrides={"When it happened": "date"})

    assert reading.column_mapping == {"When it happened": "date", "Details": "summary"}
    assert reading.rows[0].when is not None


def test_an_override_moves_the_date_to_another_column() -> None:
    text = "Date,Occurred On,Details\n01/01/2013,16/06/2012,Call\n"

    reading = read(text, overrides={"Occurred On": "date"})

    row = reading.rows[0]
    assert row.when is not None and row.when.earliest == date(2012, 6, 16)
    assert "Date" not in reading.column_mapping


def test_an_ignore_override_drops_a_column_from_the_fields_but_keeps_its_cell() -> None:
    text = "Date,Details,Notes\n16/06/2012,Call,private note\n"

    reading = read(text, overrides={"Details": "ignore"})

    row = reading.rows[0]
    assert "Details" not in reading.column_mapping
    assert row.fields["summary"] == "private note"
    assert row.cells[1] == "Call"


def test_an_override_naming_a_column_the_file_lacks_is_refused_with_the_real_columns() -> None:
    text = "Title line,of the export\nDate,Details\n16/06/2012,Call\n"

    with pytest.raises(ColumnMappingError, match="'Occurred On'") as raised:
        read(text, overrides={"Occurred On": "date"})

    assert "Date, Details" in str(raised.value)


def test_an_override_naming_a_missing_column_in_a_file_without_a_date_header_is_refused() -> None:
    text = "Occurrence,Details\n16/06/2012,Call\n"

    with pytest.raises(ColumnMappingError, match="'Occurred On'"):
        read(text, overrides={"Occurred On": "date"})


def test_an_override_naming_an_unknown_field_is_refused() -> None:
    text = "Occurred On,Details\n16/06/2012,Call\n"

    with pytest.raises(ColumnMappingError, match="unknown field 'datum'"):
        read(text, overrides={"Occurred On": "datum"})


def test_reads_a_date_and_time_written_in_one_column() -> None:
    text = "Date/Time,Details\n16/06/2012 01:28,Call\n17/06/2012,No time\n"

    reading = read(text)

    first, second = reading.rows
    assert first.when is not None and first.when.earliest == date(2012, 6, 16)
    assert first.when.text == "16/06/2012 01:28"
    assert first.time == "01:28"
    assert second.time is None


def test_a_separate_time_column_wins_over_a_time_in_the_date_cell() -> None:
    text = "Date,Time,Details\n16/06/2012 01:28,0130,Call\n"

    reading = read(text)

    assert reading.rows[0].time == "01:30"


# --- dates as agencies write them --------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "earliest", "latest", "precision", "approximate"),
    [
        ("16/06/2012", date(2012, 6, 16), date(2012, 6, 16), Precision.DAY, False),
        ("2012-06-16", date(2012, 6, 16), date(2012, 6, 16), Precision.DAY, False),
        ("16 Jun 2012", date(2012, 6, 16), date(2012, 6, 16), Precision.DAY, False),
        ("Tue 14 Mar 2017", date(2017, 3, 14), date(2017, 3, 14), Precision.DAY, False),
        ("14-Mar-17", date(2017, 3, 14), date(2017, 3, 14), Precision.DAY, False),
        ("41076", date(2012, 6, 16), date(2012, 6, 16), Precision.DAY, False),
        ("Dec 2012", date(2012, 12, 1), date(2012, 12, 31), Precision.MONTH, False),
        ("2013", date(2013, 1, 1), date(2013, 12, 31), Precision.YEAR, False),
        ("26/07/2012 - 26/07/2013", date(2012, 7, 26), date(2013, 7, 26), Precision.RANGE, False),
        ("c. Spring 2016", date(2016, 3, 1), date(2016, 5, 31), Precision.SEASON, True),
        ("?22/05/2016", date(2016, 5, 22), date(2016, 5, 22), Precision.DAY, True),
    ],
)
def test_reads_dates_as_agencies_write_them_keeping_their_precision(
    cell: str, earliest: date, latest: date, precision: Precision, approximate: bool
) -> None:
    text = f"Summary,Date\nAn event,{cell}\n"

    reading = read(text)

    row = reading.rows[0]
    assert row.is_readable, row.problem
    assert row.when is not None
    assert (row.when.earliest, row.when.latest) == (earliest, latest)
    assert row.when.precision is precision
    assert row.when.approximate is approximate
    assert row.when.text == cell


@pytest.mark.parametrize("cell", ["31/02/2012", "banana"])
def test_an_unreadable_date_makes_only_that_row_unreadable_and_says_where(cell: str) -> None:
    text = f"Ref,Date of Contact,Details\nA,16/06/2012,ok\n\nB,{cell},bad\nC,18/06/2012,ok\n"

    reading = read(text)

    assert [row.is_readable for row in reading.rows] == [True, False, True]
    bad = reading.rows[1]
    assert bad.problem is not None
    assert "row 2" in bad.problem
    assert "line 4" in bad.problem
    assert "'Date of Contact'" in bad.problem
    assert cell in bad.problem
    assert bad.problem_column == "Date of Contact"
    assert bad.cells == ["B", cell, "bad"]
    assert bad.raw_text == f"B,{cell},bad"
    assert bad.when is None


def test_a_blank_date_cell_is_an_undated_but_readable_entry() -> None:
    text = "Date,Details\n,Undated account\n16/06/2012,Dated\n"

    reading = read(text)

    undated = reading.rows[0]
    assert undated.is_readable
    assert undated.when is None
    assert undated.fields == {"summary": "Undated account"}


def test_an_unreadable_time_makes_the_row_unreadable_naming_the_time_column() -> None:
    text = "Date,Time of call,Details\n16/06/2012,2575,Call\n"

    reading = read(text)

    row = reading.rows[0]
    assert row.problem is not None
    assert row.problem.startswith("row 1, line 2, column 'Time of call'")
    assert row.problem_column == "Time of call"


def test_a_bad_time_inside_the_date_cell_names_the_date_column() -> None:
    text = "Date/Time,Details\n16/06/2012 25:99,Call\n"

    reading = read(text)

    row = reading.rows[0]
    assert row.problem_column == "Date/Time"
    assert row.problem is not None and "'Date/Time'" in row.problem


def test_a_qualifier_column_widens_or_marks_the_date() -> None:
    text = "Date,Approx,Details\n01/12/2012,month,a\n22/05/2016,approx,b\n01/06/2014,period,c\n"

    reading = read(text)

    by_month, approximate, unknown_word = (row.when for row in reading.rows)
    assert by_month is not None and by_month.precision is Precision.MONTH
    assert by_month.latest == date(2012, 12, 31)
    assert approximate is not None and approximate.approximate
    assert unknown_word is not None and unknown_word.precision is Precision.DAY
    assert reading.rows[2].fields["date_qualifier"] == "period"


def test_an_end_date_column_is_read_as_the_end_of_the_span() -> None:
    text = "Start Date,End Date,Details\n26/07/2012,Jul 2013,Supervision\n"

    reading = read(text)

    assert reading.rows[0].fields["end_date"] == "2013-07-31"


@pytest.mark.parametrize("end", ["31/02/2013", "01/01/2012"], ids=["impossible", "before start"])
def test_a_bad_end_date_makes_the_row_unreadable_naming_the_end_date_column(end: str) -> None:
    text = f"Start Date,End Date,Details\n26/07/2012,{end},Supervision\n"

    reading = read(text)

    row = reading.rows[0]
    assert row.problem_column == "End Date"
    assert row.problem is not None and end in row.problem


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        ("27/07/2012 15:00", "2012-07-27"),
        ("2012-07-27T23:30:00Z", "2012-07-28"),
        ("31/07", "2012-07-31"),
    ],
    ids=["with a time", "in UTC", "without its year"],
)
def test_an_end_date_is_read_as_a_date_cell_is(end: str, expected: str) -> None:
    text = f"Start Date,End Date,Details\n26/07/2012,{end},Supervision\n"

    reading = read(text)

    assert reading.rows[0].fields["end_date"] == expected


# --- whole files that cannot be read -----------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8 + b"\r\n"],
    ids=["empty", "whitespace", "bom only"],
)
def test_an_empty_file_is_unreadable(content: bytes) -> None:
    with pytest.raises(UnreadableFileError, match="empty") as raised:
        read_chronology(content, "empty.csv")

    assert str(raised.value).startswith("empty.csv: ")


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"\x00\x01\x02\x03Date,Details\n",
    ],
    ids=["png", "control bytes"],
)
def test_a_binary_file_is_unreadable(content: bytes) -> None:
    with pytest.raises(UnreadableFileError, match="not a text file"):
        read_chronology(content, "chronology.csv")


def test_a_header_only_file_is_readable_with_no_rows() -> None:
    reading = read("Date,Time,Details\r\n")

    assert reading.rows == []
    assert reading.header == ["Date", "Time", "Details"]


def test_a_file_with_no_column_of_dates_is_refused_saying_so() -> None:
    text = "Occurrence,Details\nTuesday night,Call\nlater,Follow up\n"

    with pytest.raises(UnreadableFileError, match="no column holds dates"):
        read(text)


def test_a_date_column_whose_header_no_synonym_names_is_found_by_its_cells() -> None:
    text = "Occurrence,Details\n16/06/2012,Call\n17/06/2012,Follow up\n"

    reading = read(text)

    assert reading.column_mapping["Occurrence"] == "date"
    decision = next(d for d in reading.decisions if d.column == "Occurrence")
    assert decision.reason == "2 of 2 filled cells are dates"


def test_a_file_whose_first_line_is_data_is_read_with_columns_named_by_position() -> None:
    text = "16/06/2012,0128,Call from S\n17/06/2012,0930,Follow up\n"

    reading = read(text)

    assert reading.header_found is False
    assert reading.header == ["Column 1", "Column 2", "Column 3"]
    assert [(r.row, r.line, r.time) for r in reading.rows] == [(1, 1, "01:28"), (2, 2, "09:30")]
    assert "no header row" in reading.decisions[0].reason


def test_a_single_column_of_prose_is_unreadable() -> None:
    text = "Notes from the meeting\nShe was seen on Tuesday\n"

    with pytest.raises(UnreadableFileError):
        read(text)


# --- rows are numbered among records, whatever surrounds them ----------------------------------


def test_rows_count_non_blank_records_after_the_header_only() -> None:
    text = (
        "Chronology\n"
        "\n"
        "Date,Details\n"
        "16/06/2012,a\n"
        "\n"
        '17/06/2012,"b\n\nc"\n'
        "banana,d\n"
        "\n"
        "Total entries: 3\n"
    )

    reading = read(text)

    assert [(row.row, row.line, row.is_readable) for row in reading.rows] == [
        (1, 4, True),
        (2, 6, True),
        (3, 9, False),
    ]
    assert [s.line for s in reading.skipped] == [1, 11]


def rows_by_number(reading: FileReading) -> dict[int, RowReading]:
    return {row.row: row for row in reading.rows}


def test_an_unreadable_row_keeps_its_verbatim_cells_and_text() -> None:
    text = 'Date,Details\n31/02/2012,"said ""no""\nand left"\n'

    reading = read(text)

    row = rows_by_number(reading)[1]
    assert not row.is_readable
    assert row.cells == ["31/02/2012", 'said "no"\nand left']
    assert row.raw_text == '31/02/2012,"said ""no""\nand left"'
    assert row.fields == {}


# --- nothing crashes, nothing is lost ----------------------------------------------------------
#
# Property tests: whatever bytes arrive, read_chronology either refuses the whole file with one of
# its two errors or accounts for every physical line that holds anything (as the header, a row or
# a skipped line), each with its verbatim text.

# Generation can be slow on a loaded machine; what is checked is the reading, not its speed.
# With no example database (CI starts clean), a failure prints the blob that replays it
# (`@reproduce_failure`), so a rare failing file can be found again.
FUZZ = settings(
    max_examples=300,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)

CELLS = st.one_of(
    st.sampled_from(
        [
            "16/06/2012",
            "16/06/2012 01:28",
            "Dec 2012",
            "2013",
            "41076",
            "31/02/2012",
            "banana",
            "01:28",
            "25:99",
            "c. Spring 2016",
            "26/07/2012 - 26/07/2013",
            "Total entries: 57",
            "Date",
            "Time",
            "Details",
            "",
            "   ",
        ]
    ),
    st.text(alphabet=',;\t|"\r\n ab£–’é0123456789/:-.', max_size=15),
    # Control characters mark a binary file; the random-bytes test covers those.
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cc"]), max_size=12),
)
# Repeats weight the draw towards files that get past the header, where most of the logic is.
HEADERS = st.sampled_from(
    [None, ["Date", "Time", "Details"], ["Date", "Time", "Details"], ["Ref", "Date of Contact"]]
    + [["Occurred On", "Notes"]]
)
TITLES = st.sampled_from([[], [], ["Chronology for DHR 7, Stoke; OFFICIAL"], ["", "Printed"]])
FOOTERS = st.sampled_from([[], [], ["Total entries: 57"], ["", "End of report", "Page 1 of 1"]])
OVERRIDES = st.sampled_from(
    [None, None, None, {"Occurred On": "date"}, {"Details": "ignore"}, {"Nope": "date"}]
    + [{"Date": "bogus"}]
)


def csv_cell(text: str, quoted: bool) -> str:
    return '"' + text.replace('"', '""') + '"' if quoted else text


@st.composite
def csv_ish_files(draw: st.DrawFn) -> bytes:
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    header = draw(HEADERS)
    records = draw(st.lists(st.lists(CELLS, max_size=5), max_size=10))
    lines = draw(TITLES) + ([delimiter.join(header)] if header else [])
    for cells in records:
        quoting = draw(st.lists(st.booleans(), min_size=len(cells), max_size=len(cells)))
        lines.append(delimiter.join(csv_cell(c, q) for c, q in zip(cells, quoting, strict=True)))
    lines += draw(FOOTERS)
    text = newline.join(lines) + draw(st.sampled_from(["", newline, newline * 3]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    return text.encode(encoding, errors="replace")


def physical_lines(text: str) -> list[str]:
    return list(io.StringIO(text, newline=""))


def holds_content(line: str, delimiter: str) -> bool:
    return any(not ch.isspace() and ch not in delimiter + '"' for ch in line)


def assert_every_line_accounted_for(content: bytes, reading: FileReading) -> None:
    """Rows and skipped lines quote the file verbatim; only the header's lines are left over."""
    lines = physical_lines(decode(content, reading.file_name)[0])
    covered: set[int] = set()
    for line, raw_text in [(r.line, r.raw_text) for r in reading.rows] + [
        (s.line, s.text) for s in reading.skipped
    ]:
        span = max(1, len(physical_lines(raw_text)))
        assert "".join(lines[line - 1 : line - 1 + span]).rstrip("\r\n") == raw_text
        covered.update(range(line, line + span))
    left_over = [
        number
        for number, text in enumerate(lines, start=1)
        if number not in covered and holds_content(text, reading.delimiter)
    ]
    if not reading.header_found:
        assert not left_over, "a file without a header leaves nothing unexplained"
        return
    assert left_over, "the header must be somewhere"
    assert not covered & set(range(left_over[0], left_over[-1] + 1)), "one header, in one piece"
    assert all(row.line > left_over[-1] for row in reading.rows)


def assert_rows_numbered_and_explained(reading: FileReading) -> None:
    assert [row.row for row in reading.rows] == list(range(1, len(reading.rows) + 1))
    assert [row.line for row in reading.rows] == sorted({row.line for row in reading.rows})
    for row in reading.rows:
        assert row.is_readable or f"row {row.row}, line {row.line}, " in (row.problem or "")


# Random bytes rarely look like text; a plausible opening gets some of them past the header.
RANDOM_BYTES = st.one_of(
    st.binary(max_size=600),
    st.builds(
        bytes.__add__,
        st.sampled_from([b"Date,Details\n", b"\xef\xbb\xbfDate;Time\r\n", b"\xff\xfe"]),
        st.binary(max_size=400),
    ),
)


@FUZZ
@given(RANDOM_BYTES)
def test_random_bytes_are_read_or_refused_as_unreadable_never_crashing(content: bytes) -> None:
    try:
        reading = read_chronology(content, "random.bin")
    except (UnreadableFileError, ColumnMappingError):
        return

    assert_rows_numbered_and_explained(reading)
    assert_every_line_accounted_for(content, reading)


@FUZZ
@given(csv_ish_files(), OVERRIDES)
def test_csv_ish_text_loses_no_record_and_never_crashes(
    content: bytes, overrides: dict[str, str] | None
) -> None:
    try:
        reading = read_chronology(content, "fuzz.csv", overrides)
    except (UnreadableFileError, ColumnMappingError):
        return

    assert_rows_numbered_and_explained(reading)
    assert_every_line_accounted_for(content, reading)


def test_a_narrative_column_no_header_word_names_is_read_as_the_summary() -> None:
    reading = read(
        "Date,Worker,What the worker recorded,Ref\n"
        "03/04/2021,AB,Home visit: mother says the child fell down two steps in the garden.,7\n"
        "09/04/2021,AB,Telephone call from school about bruising seen at drop-off.,8\n"
    )

    assert reading.column_mapping["What the worker recorded"] == "summary"
    assert reading.rows[0].fields["summary"].startswith("Home visit")


def test_short_unnamed_columns_are_not_taken_for_a_narrative() -> None:
    reading = read("Date,Code,Unit\n03/04/2021,X1,North team\n")

    assert "summary" not in reading.column_mapping.values()


def test_a_column_the_user_ignored_is_never_taken_for_the_narrative() -> None:
    reading = read(
        "Date,Worker,Free text\n03/04/2021,AB,Home visit: mother says the child fell down steps.\n",
        overrides={"Free text": "ignore"},
    )

    assert "summary" not in reading.column_mapping.values()


def test_a_file_whose_dates_can_only_be_month_first_is_read_month_first() -> None:
    reading = read("Date,Summary\n10/23/2014,Call\n03/04/2015,Visit\n")

    assert reading.day_first is False
    assert [r.when.earliest for r in reading.rows if r.when] == [
        date(2014, 10, 23),
        date(2015, 3, 4),
    ]


def test_one_date_that_can_only_be_day_first_keeps_the_file_day_first() -> None:
    reading = read("Date,Summary\n23/10/2014,Call\n10/23/2014,Typo\n")

    assert reading.day_first is True
    assert reading.rows[1].problem and "month out of range" in reading.rows[1].problem


def test_week_commencing_is_the_seven_days_from_that_day() -> None:
    reading = read("Date,Summary\nw/c 20/10/2014,Weekly log\n")

    when = reading.rows[0].when
    assert when is not None
    assert (when.earliest, when.latest) == (date(2014, 10, 20), date(2014, 10, 26))


def test_a_school_year_heading_dates_the_rows_below_it_across_the_new_year() -> None:
    text = "Date,Event\n2021-22,\n14/09,Attendance meeting\n03/12,Review\n10/01,Letter home\n"

    reading = read(text)

    assert [r.when.earliest for r in reading.rows if r.when] == [
        date(2021, 9, 14),
        date(2021, 12, 3),
        date(2022, 1, 10),
    ]
    assert [s.reason for s in reading.skipped] == ["a section heading, not a record"]


def test_a_date_without_a_year_after_december_is_read_in_the_next_year() -> None:
    text = "Date,Event\nChristmas Day 2021,Visit\n03/01,Call\n"

    reading = read(text)

    assert [r.when.earliest for r in reading.rows if r.when] == [
        date(2021, 12, 25),
        date(2022, 1, 3),
    ]


def test_a_recollection_that_names_no_date_is_an_undated_row_not_an_unreadable_one() -> None:
    text = "When (as she recalls),Account\nMarch 2021,He shouted\nThe week of her birthday,A row\n"

    reading = read(text)

    assert [r.is_readable for r in reading.rows] == [True, True]
    assert reading.rows[1].when is None
    assert reading.rows[1].cells[0] == "The week of her birthday"


def test_a_date_cell_saying_the_date_was_not_kept_is_an_undated_row() -> None:
    text = (
        "Logged,Note\n03/02/2021,Call\n04/02/2021,Text\n05/02/2021,Email\n"
        "Not recorded,Letter\nUnknown,Visit\n"
    )

    reading = read(text)

    assert [r.is_readable for r in reading.rows] == [True] * 5
    assert [r.when for r in reading.rows[3:]] == [None, None]
    assert [r.cells[0] for r in reading.rows[3:]] == ["Not recorded", "Unknown"]


def test_welsh_month_headings_date_the_rows_below_them() -> None:
    text = "Dyddiad,Manylion\nMawrth 2018,\n14/03,Galwad\nRhagfyr 2018,\n27/12,Ymweliad\n"

    reading = read(text)

    assert [r.when.earliest for r in reading.rows if r.when] == [
        date(2018, 3, 14),
        date(2018, 12, 27),
    ]
    assert [s.reason for s in reading.skipped] == ["a section heading, not a record"] * 2


def test_a_title_line_repeated_on_each_printed_page_is_not_a_record() -> None:
    page = "Case Notes Report\nCreated On,Note\n{0}.03.2021,Call\n{1}.03.2021,Visit\n"
    text = page.format("02", "09") + "Page 1 of 2\n" + page.format("16", "23")

    reading = read(text)

    assert [r.cells[0] for r in reading.rows] == [
        "02.03.2021",
        "09.03.2021",
        "16.03.2021",
        "23.03.2021",
    ]
    assert "a title line repeated between records" in [s.reason for s in reading.skipped]


def test_a_heading_naming_its_month_in_two_languages_dates_the_rows_below() -> None:
    text = "Dyddiad,Manylion\nTachwedd / November 2019,\n04/11,Ymweliad\n26/11,Galwad\n"

    reading = read(text)

    assert [r.when.earliest for r in reading.rows if r.when] == [
        date(2019, 11, 4),
        date(2019, 11, 26),
    ]


def test_a_row_with_a_time_and_no_date_continues_the_day_of_the_row_above() -> None:
    text = (
        "Date,Time,Log\n05/01/2022,14:30,Call received\n,14:45,Officers deployed\n"
        ",15:10,Arrived at address\n06/01/2022,09:00,Follow up\n07/01/2022,10:00,Closed\n"
    )

    reading = read(text)

    assert [(r.when.earliest if r.when else None, r.time) for r in reading.rows[:4]] == [
        (date(2022, 1, 5), "14:30"),
        (date(2022, 1, 5), "14:45"),
        (date(2022, 1, 5), "15:10"),
        (date(2022, 1, 6), "09:00"),
    ]
    assert reading.rows[1].cells[0] == ""


def test_a_date_header_written_over_two_rows_names_the_date_column() -> None:
    text = (
        "No.,Date of,Created On,Worker,,Summary\n,contact,,Name,Team,\n"
        "1,11/04/2018,13/04/2018 15:26,Duty,Access,GP requests assessment\n"
        "2,02/05/2018,08/05/2018 09:10,A Shah,Locality,Home visit\n"
        "3,05/03/2019,06/03/2019 11:00,A Shah,Locality,Review\n"
    )

    reading = read(text)

    assert reading.column_mapping["Date of contact"] == "date"
    assert [r.when.earliest for r in reading.rows if r.when] == [
        date(2018, 4, 11),
        date(2018, 5, 2),
        date(2019, 3, 5),
    ]


def test_a_column_dating_a_later_review_does_not_take_the_place_of_the_date() -> None:
    text = (
        "Date,Time,Summary,Date reviewed by IMR author\n"
        "17/11/2019,21:40,Call: fall at home,02/04/2024\n,22:05,Advice given,02/04/2024\n"
        "10/08/2020,10:00,Visit,02/04/2024\n25/12/2020,13:00,Call,03/04/2024\n"
    )

    reading = read(text)

    assert reading.column_mapping["Date"] == "date"
    assert [r.when.earliest for r in reading.rows if r.when] == [
        date(2019, 11, 17),
        date(2019, 11, 17),
        date(2020, 8, 10),
        date(2020, 12, 25),
    ]


def test_a_statements_on_or_about_is_an_approximate_day() -> None:
    text = "When,Account\non or about 14/06/2021,Row\n03/07/2021,Row\n05/08/2021,Row\n"

    reading = read(text)

    first = reading.rows[0].when
    assert first is not None and first.approximate
    assert first.earliest == date(2021, 6, 14)


def test_months_written_as_excel_shows_them_are_read_as_months() -> None:
    text = "Event start,Event\nJun-16,Succession\nJan-22,Rent review\n12-Feb-2019,Check\n"

    reading = read(text)

    assert [(r.when.earliest, r.when.precision.value) for r in reading.rows if r.when] == [
        (date(2016, 6, 1), "month"),
        (date(2022, 1, 1), "month"),
        (date(2019, 2, 12), "day"),
    ]


def test_a_web_page_table_saved_as_xls_is_read_as_a_table() -> None:
    page = (
        "<html><head><meta charset='windows-1252'></head><body><table>"
        "<tr><td colspan='3'><b>Tenancy Event History</b></td></tr>"
        "<tr><td>Event start</td><td>Event type</td><td>Notes</td></tr>"
        "<tr><td>14-Aug-1987</td><td>Tenancy start</td><td>Joint tenancy &amp; keys</td></tr>"
        "<tr><td>12-Feb-2019</td><td>Gas check</td><td>No access<br>Card left</td></tr>"
        "<tr><td>03/2019</td><td>Gas check</td><td>Done&nbsp;</td></tr>"
        "</table></body></html>"
    )

    reading = read_chronology(page.encode("cp1252"), "tenancy.xls")

    assert reading.file_type == "html"
    assert [r.cells for r in reading.rows][:2] == [
        ["14-Aug-1987", "Tenancy start", "Joint tenancy & keys"],
        ["12-Feb-2019", "Gas check", "No access\nCard left"],
    ]
    assert [r.place for r in reading.rows] == ["table 1 row 3", "table 1 row 4", "table 1 row 5"]
    assert [s.reason for s in reading.skipped] == ["above the header"]


def test_a_long_month_name_typed_with_one_slip_is_read_as_that_month() -> None:
    text = "When,Account\n14 Janaury 2022,Row\n10 Novmber 2022,Row\n3 Febuary 2023,Row\n"

    reading = read(text)

    assert [r.when.earliest for r in reading.rows if r.when] == [
        date(2022, 1, 14),
        date(2022, 11, 10),
        date(2023, 2, 3),
    ]


def test_a_heading_carried_over_a_page_break_still_gives_its_year() -> None:
    text = "Seen,Details\n2022,\n14/03,Review\n2022 (continued),\n16/11,Discharge\n"

    reading = read(text)

    assert [r.when.earliest for r in reading.rows if r.when] == [
        date(2022, 3, 14),
        date(2022, 11, 16),
    ]
    assert len(reading.rows) == 2


def test_a_column_of_years_gives_its_year_to_dates_written_without_one() -> None:
    text = (
        "No.,When,Year,Account\n1,around his birthday in May,2023,Sanction\n2,Boxing Day,2024,Row\n"
    )

    reading = read(text)

    assert reading.column_mapping["Year"] == "year"
    days = [(r.when.earliest, r.when.latest) for r in reading.rows if r.when]
    assert days == [(date(2023, 5, 1), date(2023, 5, 31)), (date(2024, 12, 26), date(2024, 12, 26))]


# --- read as a person reads them: a round of blind reviews -------------------------------------


def test_weekday_dates_without_a_year_under_a_month_heading_are_a_date_column() -> None:
    reading = read(
        "Date,Record,What happened\n"
        "March 2022,,\n"
        "Mon 7/3,Daily log,Arrived with mum\n"
        "Tue 8/3,Injury form,Small bruise noted to left shin\n"
        "Thu 10/3,Daily log,Collected by partner\n"
    )

    assert reading.column_mapping["Date"] == "date"
    assert [row.when.earliest for row in reading.rows if row.when] == [
        date(2022, 3, 7),
        date(2022, 3, 8),
        date(2022, 3, 10),
    ]


def test_a_column_whose_header_says_at_the_time_but_holds_no_times_is_not_the_time() -> None:
    reading = read(
        "Date,Details,Accommodation at the time\n"
        "01/03/2022,Homeless application taken,12 Coronation Terrace (PRS)\n"
        "09/03/2022,Placed in B&B,Station Road Guest House Rm 4\n"
    )

    assert "time" not in reading.column_mapping.values()
    assert all(row.is_readable for row in reading.rows) and reading.rows


def test_a_column_of_hours_given_is_not_the_time_and_leaves_its_rows_readable() -> None:
    reading = read(
        "Date,Support worker,Log entry,Hrs\n"
        "03/05/2021,TN,Shopping with D; he chose a ready meal,3\n"
        "04/05/2021,SH,D in bed at 11:00; declined support,2.5\n"
        "05/05/2021,TN,Cleaned the flat with D,3\n"
    )

    assert "time" not in reading.column_mapping.values()
    assert [row.when.earliest for row in reading.rows if row.is_readable and row.when] == [
        date(2021, 5, 3),
        date(2021, 5, 4),
        date(2021, 5, 5),
    ]
    assert reading.rows[1].cells[3] == "2.5"  # kept as written


def test_an_end_column_of_clock_times_is_when_a_contact_ended_not_an_end_date() -> None:
    reading = read(
        "Contact Date,Start,End,Contact Type,Clinical Note\n"
        "23-Feb-2022,,,Referral,Referral received from GP\n"
        "08-Mar-2022,10:20,10:45,Telephone,Tel triage with K\n"
        "15-Mar-2022,14:00,15:00,Home visit,Seen at home with baby\n"
    )

    assert "end_date" not in reading.column_mapping.values()
    assert all(row.is_readable for row in reading.rows) and len(reading.rows) == 3
    assert [(row.time, row.cells[2]) for row in reading.rows] == [
        (None, ""),
        ("10:20", "10:45"),
        ("14:00", "15:00"),
    ]
    [decision] = [d for d in reading.decisions if d.column == "End"]
    assert "clock times" in decision.reason


def test_a_dash_in_the_time_column_is_no_time_and_leaves_the_row_readable() -> None:
    reading = read("Date,Time,Details\n03/03/2022,—,Discharge letter sent to GP\n")

    [row] = reading.rows
    assert row.is_readable and row.time is None
    assert row.cells[1] == "—"  # kept as written


def test_a_merged_group_name_over_date_and_time_keeps_the_names_of_the_row_above() -> None:
    reading = read(
        "No.,Contact,,Contact type,Progress note (summary)\n"
        ",Date,Time,,\n"
        "1,22/04/2021,10:00,Antenatal home visit,Universal contact at 33/40\n"
        "2,06/05/2021,14:15,New birth visit,Baby feeding well\n"
    )

    assert reading.column_mapping["Contact Date"] == "date"
    assert reading.column_mapping["Contact Time"] == "time"
    assert reading.column_mapping["Contact type"] == "event_type"
    assert summaries(reading) == ["Universal contact at 33/40", "Baby feeding well"]


def test_a_recollection_dated_in_brackets_with_a_hedge_inside_reads_as_that_month() -> None:
    reading = read(
        "When (as she put it),What she told the review\n"
        "The day he died (a Sunday in December 2022),She found him in the cot\n"
        "Summer 2021,They moved in together\n"
    )

    when = reading.rows[0].when
    assert when is not None and when.precision is Precision.MONTH and when.approximate
    assert (when.earliest, when.latest) == (date(2022, 12, 1), date(2022, 12, 31))


def test_that_afternoon_and_the_next_morning_take_their_day_from_the_record_above() -> None:
    reading = read(
        "When,What she told the review\n"
        "Sunday 4 December 2022,He was crying all morning\n"
        "That afternoon,The partner took him upstairs\n"
        "The next morning,She rang 999\n"
        "Summer 2021,They moved in together\n"
        "Later that day,She cannot say when\n"
    )

    days = [(row.when.earliest, row.when.approximate) if row.when else None for row in reading.rows]
    assert days == [
        (date(2022, 12, 4), False),
        (date(2022, 12, 4), True),
        (date(2022, 12, 5), True),
        (date(2021, 6, 1), False),  # a season: not approximate, a season long
        None,  # the record above gives no single day: undated, not unreadable
    ]
    assert all(row.is_readable for row in reading.rows)

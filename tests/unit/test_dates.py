"""Reading agency date, time and date-time cells, and applying a separate precision column."""

from __future__ import annotations

from datetime import date

import pytest

from adapters.dates import (
    DateReadError,
    TimeReadError,
    qualify_date,
    read_date,
    read_time,
    read_when,
)
from domain.recorded_date import Precision, RecordedDate

D = date

# --- single days -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "16/06/2012",
        "16.06.2012",
        "16-06-2012",
        "16/6/12",
        "2012-06-16",
        "2012/06/16",
        "20120616",
        "16 Jun 2012",
        "16 June 2012",
        "16th June 2012",
        "16th of June 2012",
        "June 16, 2012",
        "June 16th 2012",
        "Sat 16 Jun 2012",
        "Saturday, 16 June 2012",
        "16-Jun-12",
        "16 Jun 12",
        "41076",
    ],
)
def test_day_formats_read_as_that_single_day(text: str) -> None:
    recorded = read_date(text)
    assert (recorded.earliest, recorded.latest) == (D(2012, 6, 16), D(2012, 6, 16))
    assert recorded.precision is Precision.DAY
    assert recorded.approximate is False
    assert recorded.text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tue 14 Mar 2017", D(2017, 3, 14)),
        ("Tuesday 14 March 2017", D(2017, 3, 14)),
        ("14-Mar-17", D(2017, 3, 14)),
        ("14 Mar 17", D(2017, 3, 14)),
        ("1st Sept. 2013", D(2013, 9, 1)),
        ("3rd may 2014", D(2014, 5, 3)),
        ("22nd AUGUST 2014", D(2014, 8, 22)),
        ("29/02/2012", D(2012, 2, 29)),
    ],
)
def test_named_and_weekday_forms_read_as_the_day_they_name(text: str, expected: date) -> None:
    recorded = read_date(text)
    assert (recorded.earliest, recorded.latest, recorded.precision) == (
        expected,
        expected,
        Precision.DAY,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("16/6/00", D(2000, 6, 16)),
        ("16/6/69", D(2069, 6, 16)),
        ("16/6/70", D(1970, 6, 16)),
        ("16/6/99", D(1999, 6, 16)),
    ],
)
def test_two_digit_years_pivot_at_seventy(text: str, expected: date) -> None:
    assert read_date(text).earliest == expected


@pytest.mark.parametrize(
    ("serial", "expected"),
    [
        ("41076", D(2012, 6, 16)),
        ("20000", D(1954, 10, 3)),
        ("80000", D(2119, 1, 11)),
        ("42005", D(2015, 1, 1)),
        ("41076.5", D(2012, 6, 16)),
    ],
)
def test_excel_serial_numbers_read_in_the_1900_system(serial: str, expected: date) -> None:
    recorded = read_date(serial)
    assert (recorded.earliest, recorded.precision) == (expected, Precision.DAY)


def test_surrounding_whitespace_non_breaking_spaces_and_full_stops_are_tolerated() -> None:
    recorded = read_date("\u00a0 16 June 2012.\u00a0 ")
    assert recorded.earliest == D(2012, 6, 16)
    assert recorded.text == "16 June 2012."


def test_day_first_false_reads_ambiguous_numeric_dates_month_first() -> None:
    assert read_date("06/07/2012").earliest == D(2012, 7, 6)
    assert read_date("06/07/2012", day_first=False).earliest == D(2012, 6, 7)
    assert read_date("06/16/2012", day_first=False).earliest == D(2012, 6, 16)


def test_day_first_does_not_affect_year_first_or_named_months() -> None:
    assert read_date("2012-06-07", day_first=False).earliest == D(2012, 6, 7)
    assert read_date("7 June 2012", day_first=False).earliest == D(2012, 6, 7)


# --- months, years, seasons and parts of them --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        ("Dec 2012", D(2012, 12, 1), D(2012, 12, 31), Precision.MONTH),
        ("December 2012", D(2012, 12, 1), D(2012, 12, 31), Precision.MONTH),
        ("12/2012", D(2012, 12, 1), D(2012, 12, 31), Precision.MONTH),
        ("2012-12", D(2012, 12, 1), D(2012, 12, 31), Precision.MONTH),
        ("Feb 2016", D(2016, 2, 1), D(2016, 2, 29), Precision.MONTH),
        ("2013", D(2013, 1, 1), D(2013, 12, 31), Precision.YEAR),
        ("Spring 2016", D(2016, 3, 1), D(2016, 5, 31), Precision.SEASON),
        ("summer of 2014", D(2014, 6, 1), D(2014, 8, 31), Precision.SEASON),
        ("Autumn 2013", D(2013, 9, 1), D(2013, 11, 30), Precision.SEASON),
        ("Winter 2012", D(2012, 12, 1), D(2013, 2, 28), Precision.SEASON),
        ("Winter 2015", D(2015, 12, 1), D(2016, 2, 29), Precision.SEASON),
        ("winter 2012/13", D(2012, 12, 1), D(2013, 2, 28), Precision.SEASON),
    ],
)
def test_months_years_and_seasons_span_exactly_what_they_name(
    text: str, earliest: date, latest: date, precision: Precision
) -> None:
    recorded = read_date(text)
    assert (recorded.earliest, recorded.latest, recorded.precision) == (
        earliest,
        latest,
        precision,
    )
    assert recorded.approximate is False
    assert recorded.text == text


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        ("early 2015", D(2015, 1, 1), D(2015, 4, 30), Precision.YEAR),
        ("mid 2015", D(2015, 5, 1), D(2015, 8, 31), Precision.YEAR),
        ("mid-2015", D(2015, 5, 1), D(2015, 8, 31), Precision.YEAR),
        ("late 2015", D(2015, 9, 1), D(2015, 12, 31), Precision.YEAR),
        ("the end of 2015", D(2015, 9, 1), D(2015, 12, 31), Precision.YEAR),
        ("early June 2014", D(2014, 6, 1), D(2014, 6, 10), Precision.MONTH),
        ("mid-June 2014", D(2014, 6, 11), D(2014, 6, 20), Precision.MONTH),
        ("late February 2016", D(2016, 2, 21), D(2016, 2, 29), Precision.MONTH),
    ],
)
def test_early_mid_and_late_are_thirds_and_approximate(
    text: str, earliest: date, latest: date, precision: Precision
) -> None:
    recorded = read_date(text)
    assert (recorded.earliest, recorded.latest, recorded.precision) == (
        earliest,
        latest,
        precision,
    )
    assert recorded.approximate is True


# --- ranges ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("26/07/2012 - 26/07/2013", D(2012, 7, 26), D(2013, 7, 26)),
        ("26/07/2012 to 26/07/2013", D(2012, 7, 26), D(2013, 7, 26)),
        ("26/07/2012 \u2013 26/07/2013", D(2012, 7, 26), D(2013, 7, 26)),
        ("26/07/2012\u201426/07/2013", D(2012, 7, 26), D(2013, 7, 26)),
        ("between June and August 2014", D(2014, 6, 1), D(2014, 8, 31)),
        ("June-August 2014", D(2014, 6, 1), D(2014, 8, 31)),
        ("from June 2012 to Aug 2012", D(2012, 6, 1), D(2012, 8, 31)),
        ("16 - 20 June 2014", D(2014, 6, 16), D(2014, 6, 20)),
        ("Dec 2012 - Feb 2013", D(2012, 12, 1), D(2013, 2, 28)),
        ("2012-2013", D(2012, 1, 1), D(2013, 12, 31)),
        ("16-06-2012-20-06-2012", D(2012, 6, 16), D(2012, 6, 20)),
    ],
)
def test_ranges_run_from_the_start_of_the_first_part_to_the_end_of_the_last(
    text: str, earliest: date, latest: date
) -> None:
    recorded = read_date(text)
    assert (recorded.earliest, recorded.latest, recorded.precision) == (
        earliest,
        latest,
        Precision.RANGE,
    )
    assert recorded.text == text


def test_a_range_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(DateReadError, match=r"'26/07/2013 - 26/07/2012'.*ends before it starts"):
        read_date("26/07/2013 - 26/07/2012")


def test_a_range_whose_start_borrows_a_later_year_is_not_guessed_backwards() -> None:
    with pytest.raises(DateReadError, match="ends before it starts"):
        read_date("November - February 2014")


def test_a_range_that_splits_more_than_one_way_is_refused() -> None:
    with pytest.raises(DateReadError, match="more than one way"):
        read_date("2012-06-2013")


# --- uncertainty -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        ("c. Spring 2016", D(2016, 3, 1), D(2016, 5, 31), Precision.SEASON),
        ("c.2014", D(2014, 1, 1), D(2014, 12, 31), Precision.YEAR),
        ("circa 2014", D(2014, 1, 1), D(2014, 12, 31), Precision.YEAR),
        ("around June 2014", D(2014, 6, 1), D(2014, 6, 30), Precision.MONTH),
        ("approx. 12/06/2014", D(2014, 6, 12), D(2014, 6, 12), Precision.DAY),
        ("about 2013", D(2013, 1, 1), D(2013, 12, 31), Precision.YEAR),
        ("?22/05/2016", D(2016, 5, 22), D(2016, 5, 22), Precision.DAY),
        ("22/05/2016?", D(2016, 5, 22), D(2016, 5, 22), Precision.DAY),
        ("22/05/2016 (approx)", D(2016, 5, 22), D(2016, 5, 22), Precision.DAY),
        ("22/05/2016 approx.", D(2016, 5, 22), D(2016, 5, 22), Precision.DAY),
        ("~2014", D(2014, 1, 1), D(2014, 12, 31), Precision.YEAR),
        ("c. 2012 - 2014", D(2012, 1, 1), D(2014, 12, 31), Precision.RANGE),
        ("2012 - c. 2014", D(2012, 1, 1), D(2014, 12, 31), Precision.RANGE),
    ],
)
def test_uncertainty_marks_set_approximate_without_changing_the_span(
    text: str, earliest: date, latest: date, precision: Precision
) -> None:
    recorded = read_date(text)
    assert (recorded.earliest, recorded.latest, recorded.precision) == (
        earliest,
        latest,
        precision,
    )
    assert recorded.approximate is True
    assert recorded.text == text


# --- refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31/02/2012", "day out of range for month"),
        ("32/01/2012", "day out of range for month"),
        ("00/01/2012", "day out of range for month"),
        ("29/02/2013", "day out of range for month"),
        ("16/13/2012", "month out of range (read as day/month/year)"),
        ("2012-13", "month out of range"),
        ("31/02/2012 - 05/03/2012", "day out of range for month"),
    ],
)
def test_impossible_dates_are_refused_naming_the_text_and_why(text: str, reason: str) -> None:
    with pytest.raises(DateReadError) as raised:
        read_date(text)
    assert str(raised.value) == f"cannot read {text!r} as a date: {reason}"


def test_a_month_first_date_read_day_first_says_which_order_it_tried() -> None:
    with pytest.raises(DateReadError, match=r"month out of range \(read as day/month/year\)"):
        read_date("06/16/2012")


@pytest.mark.parametrize("text", ["before 2012", "after June 2014", "from 2012", "2012 onwards"])
def test_open_ended_dates_are_refused_because_they_have_no_span(text: str) -> None:
    with pytest.raises(DateReadError, match=rf"cannot read {text!r} as a date: .*open-ended"):
        read_date(text)


def test_a_range_ending_at_the_present_is_open_ended() -> None:
    with pytest.raises(DateReadError, match="open-ended"):
        read_date("2012 - present")


@pytest.mark.parametrize("text", ["Unknown", "n/k", "N/K", "not known", "?"])
def test_unknown_dates_are_refused_as_unknown(text: str) -> None:
    with pytest.raises(DateReadError, match="recorded as unknown"):
        read_date(text)


@pytest.mark.parametrize("text", ["", "   ", "\u00a0"])
def test_an_empty_cell_is_refused_as_empty(text: str) -> None:
    with pytest.raises(DateReadError, match="the cell is empty"):
        read_date(text)


@pytest.mark.parametrize("text", ["abc", "16 June", "Dec 12", "6/12", "16062012x"])
def test_unrecognised_text_is_refused_naming_the_text(text: str) -> None:
    with pytest.raises(DateReadError, match=rf"cannot read {text!r} as a date: .*recognise"):
        read_date(text)


def test_years_outside_the_plausible_window_are_refused() -> None:
    with pytest.raises(DateReadError, match="year 128 is outside"):
        read_date("0128")


def test_excel_serials_outside_the_accepted_range_are_refused() -> None:
    with pytest.raises(DateReadError, match="outside the Excel serial dates"):
        read_date("12345")


def test_a_weekday_that_contradicts_the_date_is_refused() -> None:
    with pytest.raises(DateReadError, match="14/03/2017 was a Tuesday, not a Wednesday"):
        read_date("Wed 14 Mar 2017")


def test_date_read_errors_are_value_errors() -> None:
    assert issubclass(DateReadError, ValueError)
    assert issubclass(TimeReadError, ValueError)


# --- times -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0128", "01:28"),
        ("01:28", "01:28"),
        ("1:28", "01:28"),
        ("03:54:00", "03:54:00"),
        ("03:54:17", "03:54:17"),
        ("3.54pm", "15:54"),
        ("3:54 pm", "15:54"),
        ("3:54 p.m.", "15:54"),
        ("3pm", "15:00"),
        ("12am", "00:00"),
        ("12.30am", "00:30"),
        ("12pm", "12:00"),
        ("noon", "12:00"),
        ("Midday", "12:00"),
        ("midnight", "00:00"),
        ("23.43", "23:43"),
        ("2343hrs", "23:43"),
        ("01:28 hrs", "01:28"),
        (" 00:00 ", "00:00"),
    ],
)
def test_times_read_as_24_hour_clock_times(text: str, expected: str) -> None:
    assert read_time(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("25:00", "hour out of range"),
        ("24:00", "hour out of range"),
        ("12:61", "minute out of range"),
        ("12:30:60", "second out of range"),
        ("13pm", "hour out of range for a 12-hour clock"),
        ("abc", "not a time format we recognise"),
        ("", "the cell is empty"),
    ],
)
def test_impossible_or_unrecognised_times_are_refused_naming_the_text(
    text: str, reason: str
) -> None:
    with pytest.raises(TimeReadError, match=rf"cannot read {text!r} as a time: .*{reason}"):
        read_time(text)


# --- dates with times --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day", "time"),
    [
        ("16/06/2012 01:28", D(2012, 6, 16), "01:28"),
        ("2012-06-16T01:28:00", D(2012, 6, 16), "01:28:00"),
        ("2012-06-16 01:28:00", D(2012, 6, 16), "01:28:00"),
        ("16/06/2012 at 3.54pm", D(2012, 6, 16), "15:54"),
        ("16/06/2012, 3:54 pm", D(2012, 6, 16), "15:54"),
        ("16 June 2012 0128", D(2012, 6, 16), "01:28"),
        ("Tue 14 Mar 2017 15:00", D(2017, 3, 14), "15:00"),
        ("41076.0611111", D(2012, 6, 16), "01:28"),
        ("41076.5", D(2012, 6, 16), "12:00"),
    ],
)
def test_a_date_followed_by_a_time_gives_both(text: str, day: date, time: str) -> None:
    recorded, clock = read_when(text)
    assert (recorded.earliest, recorded.latest, recorded.precision) == (day, day, Precision.DAY)
    assert clock == time
    assert recorded.text == text


@pytest.mark.parametrize(
    "text", ["16/06/2012", "Dec 2012", "26/07/2012 - 26/07/2013", "41076", "41076.0"]
)
def test_a_date_without_a_time_gives_no_time(text: str) -> None:
    recorded, clock = read_when(text)
    assert clock is None
    assert recorded == read_date(text)


def test_a_bad_time_after_a_good_date_is_a_time_error_naming_the_cell() -> None:
    with pytest.raises(TimeReadError, match=r"'16/06/2012 25:00' as a date and time: hour"):
        read_when("16/06/2012 25:00")


def test_a_time_after_a_date_less_precise_than_a_day_is_refused() -> None:
    with pytest.raises(DateReadError, match="'Dec 2012 01:28'"):
        read_when("Dec 2012 01:28")


def test_read_when_honours_day_first() -> None:
    recorded, clock = read_when("06/07/2012 10:00", day_first=False)
    assert (recorded.earliest, clock) == (D(2012, 6, 7), "10:00")


# --- the separate precision/approx column ------------------------------------------------------


def _day(text: str) -> RecordedDate:
    return read_date(text)


@pytest.mark.parametrize(
    ("text", "qualifier", "earliest", "latest", "precision"),
    [
        ("01/12/2012", "month", D(2012, 12, 1), D(2012, 12, 31), Precision.MONTH),
        ("01/12/2012", "year", D(2012, 1, 1), D(2012, 12, 31), Precision.YEAR),
        ("25/12/2012", "season", D(2012, 12, 1), D(2013, 2, 28), Precision.SEASON),
        ("15/01/2013", "season", D(2012, 12, 1), D(2013, 2, 28), Precision.SEASON),
        ("15/04/2014", "season", D(2014, 3, 1), D(2014, 5, 31), Precision.SEASON),
        ("31/08/2014", "Season", D(2014, 6, 1), D(2014, 8, 31), Precision.SEASON),
        ("01/10/2014", "season", D(2014, 9, 1), D(2014, 11, 30), Precision.SEASON),
        ("Dec 2012", "season", D(2012, 12, 1), D(2013, 2, 28), Precision.SEASON),
    ],
)
def test_a_precision_qualifier_widens_the_date_to_the_period_containing_it(
    text: str, qualifier: str, earliest: date, latest: date, precision: Precision
) -> None:
    qualified = qualify_date(_day(text), qualifier)
    assert (qualified.earliest, qualified.latest, qualified.precision) == (
        earliest,
        latest,
        precision,
    )
    assert qualified.text == text


@pytest.mark.parametrize(
    "qualifier",
    ["approx", "Approximate", "circa", "c.", "estimated", "about", " approx. "],
)
def test_an_approximate_qualifier_marks_the_date_approximate_only(qualifier: str) -> None:
    recorded = _day("25/08/2013")
    qualified = qualify_date(recorded, qualifier)
    assert qualified.approximate is True
    assert (qualified.earliest, qualified.latest, qualified.precision) == (
        recorded.earliest,
        recorded.latest,
        recorded.precision,
    )


@pytest.mark.parametrize("qualifier", ["exact", "Exact", "day", "", "  "])
def test_an_exact_qualifier_leaves_the_date_unchanged(qualifier: str) -> None:
    recorded = _day("04/08/2013")
    assert qualify_date(recorded, qualifier) == recorded


def test_a_qualifier_never_narrows_a_date() -> None:
    year = read_date("2012")
    assert qualify_date(year, "month") == year
    assert qualify_date(read_date("Winter 2012"), "season") == read_date("Winter 2012")


def test_a_qualifier_that_widens_across_periods_gives_a_range() -> None:
    qualified = qualify_date(read_date("Winter 2012"), "year")
    assert (qualified.earliest, qualified.latest) == (D(2012, 1, 1), D(2013, 12, 31))
    assert qualified.precision is Precision.RANGE


def test_an_unknown_qualifier_is_refused_naming_it() -> None:
    with pytest.raises(DateReadError, match=r"qualifier 'fortnightly' to the date '01/01/2013'"):
        qualify_date(_day("01/01/2013"), "fortnightly")


def test_a_period_qualifier_marks_the_date_as_the_approximate_start_of_a_span() -> None:
    qualified = qualify_date(_day("01/01/2013"), "period")

    assert qualified.approximate
    assert qualified.earliest == qualified.latest


@pytest.mark.parametrize("text", ["late evening", "Night", "unknown", "N/K", "afternoon", "??"])
def test_a_time_said_in_words_is_no_clock_time_and_no_problem(text: str) -> None:
    assert read_time(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("approx 2300", "23:00"), ("c. 23:15", "23:15"), ("around 11pm", "23:00")],
)
def test_an_approximate_time_reads_as_the_clock_time_written(text: str, expected: str) -> None:
    assert read_time(text) == expected

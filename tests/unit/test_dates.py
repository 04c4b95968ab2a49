"""Reading agency date, time and date-time cells, and applying a separate precision column."""

from __future__ import annotations

import contextlib
import re
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.dates import (
    DateReadError,
    TimeReadError,
    holds_no_date,
    is_date_qualifier,
    qualify_date,
    read_date,
    read_moment,
    read_time,
    read_when,
    recalls_when,
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
        ("End of September / start of October 2022", D(2022, 9, 21), D(2022, 10, 10)),
        ("03/04/2021 / 05/04/2021", D(2021, 4, 3), D(2021, 4, 5)),
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


@pytest.mark.parametrize(
    "text", ["before 2012", "after June 2014", "from 2012", "2012 onwards", "the 1990s onwards"]
)
def test_open_ended_dates_are_refused_because_they_have_no_span(text: str) -> None:
    with pytest.raises(DateReadError, match=rf"cannot read {text!r} as a date: .*open-ended"):
        read_date(text)


def test_a_range_ending_at_the_present_is_open_ended() -> None:
    with pytest.raises(DateReadError, match="open-ended"):
        read_date("2012 - present")


@pytest.mark.parametrize(
    "text", ["Unknown", "n/k", "N/K", "not known", "?", "Date not known", "not stated"]
)
def test_unknown_dates_are_refused_as_unknown(text: str) -> None:
    with pytest.raises(DateReadError, match="recorded as unknown"):
        read_date(text)


@pytest.mark.parametrize("text", ["", "   ", "\u00a0"])
def test_an_empty_cell_is_refused_as_empty(text: str) -> None:
    with pytest.raises(DateReadError, match="the cell is empty"):
        read_date(text)


@pytest.mark.parametrize(
    "text", ["abc", "Dec 12", "16062012x", "202203031430", "POL-000123", "seen 3/3/22"]
)
def test_unrecognised_text_is_refused_naming_the_text(text: str) -> None:
    with pytest.raises(DateReadError, match=rf"cannot read {text!r} as a date: .*recognise"):
        read_date(text)


@pytest.mark.parametrize("text", ["16 June", "6/12", "Christmas Day", "mid-July", "w/c 14/06"])
def test_a_date_without_a_year_is_refused_when_none_is_given(text: str) -> None:
    with pytest.raises(DateReadError, match=rf"cannot read {text!r} as a date: it gives no year"):
        read_moment(text)


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


# --- every written form: text -> earliest, latest, precision, approximate, time, zone -----------

DAY, MONTH, SEASON, YEAR, RANGE = (
    Precision.DAY,
    Precision.MONTH,
    Precision.SEASON,
    Precision.YEAR,
    Precision.RANGE,
)
Reading = tuple[date, date, Precision, bool, str | None, str | None]


def reading(text: str, *, day_first: bool = True, year: int | None = None) -> Reading:
    moment = read_moment(text, day_first=day_first, year=year)
    assert moment.when.text == text.strip()
    when = moment.when
    return (
        when.earliest,
        when.latest,
        when.precision,
        when.approximate,
        moment.time,
        moment.written_zone,
    )


def on(day: date, time: str | None = None, zone: str | None = None) -> Reading:
    return day, day, DAY, False, time, zone


def span(earliest: date, latest: date, precision: Precision, approximate: bool = False) -> Reading:
    return earliest, latest, precision, approximate, None, None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Winter: UK local time is UTC.
        ("2022-03-03T14:30:00Z", on(D(2022, 3, 3), "14:30:00", "UTC")),
        ("2022-03-03T14:30Z", on(D(2022, 3, 3), "14:30", "UTC")),
        ("2022-03-03 14:30:00.000Z", on(D(2022, 3, 3), "14:30:00", "UTC")),
        ("2022-03-03T14:30:00.123456+00:00", on(D(2022, 3, 3), "14:30:00", "UTC")),
        ("2022-03-03 14:30:00.0000000 +00:00", on(D(2022, 3, 3), "14:30:00", "UTC")),
        ("2022-03-03T14:30:00+0100", on(D(2022, 3, 3), "13:30:00", "+01:00")),
        ("2022-03-03T14:30:00-05:00", on(D(2022, 3, 3), "19:30:00", "-05:00")),
        ("2022-03-03T10:00-05:00", on(D(2022, 3, 3), "15:00", "-05:00")),
        # Summer: UK local time is an hour ahead.
        ("2022-06-15T14:30:00Z", on(D(2022, 6, 15), "15:30:00", "UTC")),
        ("2022-06-03T14:30:00+05:30", on(D(2022, 6, 3), "10:00:00", "+05:30")),
        # Across midnight, and across a year's end.
        ("2022-06-30T23:30:00Z", on(D(2022, 7, 1), "00:30:00", "UTC")),
        ("2022-03-03T22:00:00-05:00", on(D(2022, 3, 4), "03:00:00", "-05:00")),
        ("2022-01-01T00:30:00+01:00", on(D(2021, 12, 31), "23:30:00", "+01:00")),
        # BST began at 01:00 UTC on 27 March 2022 and ended at 01:00 UTC on 30 October 2022.
        ("2022-03-27T00:59:59Z", on(D(2022, 3, 27), "00:59:59", "UTC")),
        ("2022-03-27T01:00:00Z", on(D(2022, 3, 27), "02:00:00", "UTC")),
        ("2022-10-30T00:30:00Z", on(D(2022, 10, 30), "01:30:00", "UTC")),
        ("2022-10-30T01:30:00Z", on(D(2022, 10, 30), "01:30:00", "UTC")),
        # Zones after other layouts, as CAD and e-mail exports write them.
        ("2022-06-03 14:30 UTC", on(D(2022, 6, 3), "15:30", "UTC")),
        ("03/06/2022 14:30 UTC", on(D(2022, 6, 3), "15:30", "UTC")),
        ("03/06/2022 14:30 (UTC)", on(D(2022, 6, 3), "15:30", "UTC")),
        ("03/06/2022 14:30:00 GMT", on(D(2022, 6, 3), "15:30:00", "UTC")),
        ("03/06/2022 14:30 BST", on(D(2022, 6, 3), "14:30", "+01:00")),
        ("03/06/2022 14:30 UTC+1", on(D(2022, 6, 3), "14:30", "+01:00")),
        ("20220603143000+0000", on(D(2022, 6, 3), "15:30:00", "UTC")),
        ("20220603T143000Z", on(D(2022, 6, 3), "15:30:00", "UTC")),
        ("Fri, 03 Jun 2022 14:30:00 +0000", on(D(2022, 6, 3), "15:30:00", "UTC")),
        ("Fri Jun 03 14:30:00 GMT 2022", on(D(2022, 6, 3), "15:30:00", "UTC")),
    ],
)
def test_a_zoned_time_is_read_in_uk_local_time_keeping_the_zone_written(
    text: str, expected: Reading
) -> None:
    assert reading(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-03-03 14:30:00.000", on(D(2022, 3, 3), "14:30:00")),
        ("03/03/2022 14:30", on(D(2022, 3, 3), "14:30")),
        ("03/03/2022 @ 14:30", on(D(2022, 3, 3), "14:30")),
        ("03/03/2022 - 14:30", on(D(2022, 3, 3), "14:30")),
        ("03/03/2022, 14:30", on(D(2022, 3, 3), "14:30")),
        ("03/03/22 @ 1430", on(D(2022, 3, 3), "14:30")),
        ("03-MAR-22 14.30", on(D(2022, 3, 3), "14:30")),
        ("03-MAR-2022 14:30:00", on(D(2022, 3, 3), "14:30:00")),
        ("03-MAR-22 02.30.00.000000 PM", on(D(2022, 3, 3), "14:30:00")),
        ("3/3/2022 2:30 PM", on(D(2022, 3, 3), "14:30")),
        ("3/3/2022 2:30:00 PM", on(D(2022, 3, 3), "14:30:00")),
        ("Mar  3 2022  2:30PM", on(D(2022, 3, 3), "14:30")),
        ("20220303 1430", on(D(2022, 3, 3), "14:30")),
        ("20220303T1430", on(D(2022, 3, 3), "14:30")),
        ("Thursday 3 March 2022 at 14:30", on(D(2022, 3, 3), "14:30")),
        # The time first, as logs and narratives put it.
        ("14:30 03/03/2022", on(D(2022, 3, 3), "14:30")),
        ("14:30 on 3 March 2022", on(D(2022, 3, 3), "14:30")),
        ("1430hrs 03/03/22", on(D(2022, 3, 3), "14:30")),
        ("2.30pm on Thursday 3rd March 2022", on(D(2022, 3, 3), "14:30")),
        ("Approx 14:30 03/03/2022", on(D(2022, 3, 3), "14:30")),
        ("03/03/2022 at approx 14:30", on(D(2022, 3, 3), "14:30")),
        ("03/03/2022 around 2pm", on(D(2022, 3, 3), "14:00")),
        # An appointment slot happened from its start.
        ("03/03/2022 14:00-15:00", on(D(2022, 3, 3), "14:00")),
        ("03/03/2022 10:00 - 11:00", on(D(2022, 3, 3), "10:00")),
        ("03/03/2022 14:30 - 03/03/2022 15:00", on(D(2022, 3, 3), "14:30")),
        # Over more than one day there is no one time of day.
        (
            "between 03/03/2022 23:00 and 04/03/2022 01:00",
            span(D(2022, 3, 3), D(2022, 3, 4), RANGE),
        ),
        ("from 03/03/2022 14:30 to 04/03/2022", span(D(2022, 3, 3), D(2022, 3, 4), RANGE)),
    ],
)
def test_a_date_and_time_without_a_zone_are_read_as_written(text: str, expected: Reading) -> None:
    assert reading(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Christmas Day 2022", D(2022, 12, 25)),
        ("Xmas Day 2022", D(2022, 12, 25)),
        ("CHRISTMAS DAY, 2022", D(2022, 12, 25)),
        ("Christmas Day '22", D(2022, 12, 25)),
        ("Sun Christmas Day 2022", D(2022, 12, 25)),
        ("Christmas Eve 2022", D(2022, 12, 24)),
        ("Xmas Eve 2022", D(2022, 12, 24)),
        ("Boxing Day 2022", D(2022, 12, 26)),
        ("New Year's Day 2022", D(2022, 1, 1)),
        ("New Years Day 2022", D(2022, 1, 1)),
        ("New Year\u2019s Eve 2022", D(2022, 12, 31)),
        ("Easter Sunday 2021", D(2021, 4, 4)),
        ("Easter Day 2019", D(2019, 4, 21)),
        ("Easter Monday 2021", D(2021, 4, 5)),
        ("Good Friday 2021", D(2021, 4, 2)),
        ("Maundy Thursday 2022", D(2022, 4, 14)),
        ("Easter Saturday 2022", D(2022, 4, 16)),
        ("Shrove Tuesday 2022", D(2022, 3, 1)),
        ("Pancake Day 2022", D(2022, 3, 1)),
        ("Mothering Sunday 2022", D(2022, 3, 27)),
        ("Mother's Day 2021", D(2021, 3, 14)),
        ("Father's Day 2022", D(2022, 6, 19)),
        ("Fathers Day 2021", D(2021, 6, 20)),
        ("Bonfire Night 2021", D(2021, 11, 5)),
        ("Guy Fawkes Night 2021", D(2021, 11, 5)),
        ("Halloween 2021", D(2021, 10, 31)),
        ("Hallowe'en 2021", D(2021, 10, 31)),
        ("Valentine's Day 2022", D(2022, 2, 14)),
        ("St George's Day 2022", D(2022, 4, 23)),
        ("St. David's Day 2022", D(2022, 3, 1)),
        ("Saint Patrick's Day 2022", D(2022, 3, 17)),
        ("Remembrance Sunday 2022", D(2022, 11, 13)),
        ("Armistice Day 2021", D(2021, 11, 11)),
    ],
)
def test_a_named_day_reads_as_that_day(text: str, expected: date) -> None:
    assert reading(text) == on(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Early May bank holiday 2021", D(2021, 5, 3)),
        # Moved for the 50th and 75th anniversaries of VE Day.
        ("Early May bank holiday 2020", D(2020, 5, 8)),
        ("May Day bank holiday 1995", D(1995, 5, 8)),
        ("Spring bank holiday 2021", D(2021, 5, 31)),
        # Moved for the Golden, Diamond and Platinum Jubilees.
        ("Late May bank holiday 2002", D(2002, 6, 4)),
        ("Spring Bank Holiday 2012", D(2012, 6, 4)),
        ("Spring bank holiday 2022", D(2022, 6, 2)),
        ("Summer bank holiday 2021", D(2021, 8, 30)),
        ("August bank holiday 2022", D(2022, 8, 29)),
        ("August Bank Holiday Monday 2022", D(2022, 8, 29)),
        # Substitute days when the day itself falls at a weekend.
        ("New Year's Day bank holiday 2022", D(2022, 1, 3)),
        ("New Year bank holiday 2023", D(2023, 1, 2)),
        ("Christmas bank holiday 2022", D(2022, 12, 27)),
        ("Christmas Day bank holiday 2021", D(2021, 12, 27)),
        ("Boxing Day bank holiday 2021", D(2021, 12, 28)),
        ("Boxing Day bank holiday 2020", D(2020, 12, 28)),
        ("Boxing Day bank holiday 2022", D(2022, 12, 26)),
    ],
)
def test_bank_holidays_follow_the_england_and_wales_rules(text: str, expected: date) -> None:
    assert reading(text) == on(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("August bank holiday weekend 2021", span(D(2021, 8, 28), D(2021, 8, 30), RANGE)),
        ("Early May bank holiday weekend 2020", span(D(2020, 5, 8), D(2020, 5, 10), RANGE)),
        ("Easter weekend 2022", span(D(2022, 4, 15), D(2022, 4, 18), RANGE)),
        ("Easter bank holiday 2021", span(D(2021, 4, 2), D(2021, 4, 5), RANGE)),
        # "May bank holiday" fits both May holidays, so it spans from the first to the second.
        ("May bank holiday 2021", span(D(2021, 5, 3), D(2021, 5, 31), RANGE)),
        # The festivals as a whole are the days around them, and approximate.
        ("Christmas 2022", span(D(2022, 12, 24), D(2022, 12, 26), RANGE, True)),
        ("Xmas 2022", span(D(2022, 12, 24), D(2022, 12, 26), RANGE, True)),
        ("Easter 2021", span(D(2021, 4, 2), D(2021, 4, 5), RANGE, True)),
        ("around Easter 2021", span(D(2021, 4, 2), D(2021, 4, 5), RANGE, True)),
        ("New Year 2022", span(D(2021, 12, 31), D(2022, 1, 1), RANGE, True)),
    ],
)
def test_holiday_weekends_and_festivals_span_the_days_they_name(
    text: str, expected: Reading
) -> None:
    assert reading(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Christmas Day", on(D(2022, 12, 25))),
        ("Boxing Day", on(D(2022, 12, 26))),
        ("Mothering Sunday", on(D(2022, 3, 27))),
        ("Good Friday", on(D(2022, 4, 15))),
        ("August bank holiday", on(D(2022, 8, 29))),
        ("Xmas", span(D(2022, 12, 24), D(2022, 12, 26), RANGE, True)),
        ("February half term", span(D(2022, 2, 7), D(2022, 3, 2), RANGE, True)),
        ("mid-July", span(D(2022, 7, 11), D(2022, 7, 20), MONTH, True)),
        ("16/06", on(D(2022, 6, 16))),
        ("16 June", on(D(2022, 6, 16))),
        ("the 16th of June", on(D(2022, 6, 16))),
        ("Thu 3rd March", on(D(2022, 3, 3))),
        ("w/c 14/06", span(D(2022, 6, 14), D(2022, 6, 20), RANGE)),
        ("03/03 14:30", on(D(2022, 3, 3), "14:30")),
        ("3rd to 5th March", span(D(2022, 3, 3), D(2022, 3, 5), RANGE)),
        ("16/06 - 20/06", span(D(2022, 6, 16), D(2022, 6, 20), RANGE)),
        ("3 March - 5 April", span(D(2022, 3, 3), D(2022, 4, 5), RANGE)),
    ],
)
def test_a_date_without_a_year_takes_the_year_given(text: str, expected: Reading) -> None:
    assert reading(text, year=2022) == expected


def test_a_date_with_its_own_year_ignores_the_year_given() -> None:
    assert reading("16/06/2012", year=2022) == on(D(2012, 6, 16))
    # The start of a range borrows the end's own year before the one given.
    assert reading("3 March - 5 April 2023", year=2021) == span(D(2023, 3, 3), D(2023, 4, 5), RANGE)


def test_a_weekday_that_fits_only_the_next_year_carries_the_rows_into_it() -> None:
    # 3 January 2021 was a Sunday and 3 January 2022 a Monday.
    assert reading("Mon 3 January", year=2021) == on(D(2022, 1, 3))
    assert reading("Sun 3 January", year=2021) == on(D(2021, 1, 3))


@pytest.mark.parametrize(
    ("text", "year", "message"),
    [
        ("Tue 3 January", 2021, "even as a day of 2021: 03/01/2021 was a Sunday, not a Tuesday"),
        ("31/02", 2012, "even as a day of 2012: day out of range for month"),
        ("Spring bank holiday", 1975, "even as a day of 1975: bank holidays are read by name"),
    ],
)
def test_a_date_unreadable_even_in_the_year_given_says_so(
    text: str, year: int, message: str
) -> None:
    with pytest.raises(DateReadError, match=rf"cannot read {text!r} as a date, {message}"):
        read_moment(text, year=year)


@pytest.mark.parametrize(
    "text",
    [
        "Thu 3rd March 2022",
        "Thursday the 3rd of March 2022",
        "the 3rd of March, 2022",
        "THURSDAY 3RD MARCH 2022",
        "Thurs 3rd Mar 22",
        "3rd of March 2022",
        "3rd March, 2022",
        "March 3rd, 2022",
        "March 3 2022",
        "Thu 03/03/22",
        "Thursday, 3 March 2022",
        "03/03/2022 (Thu)",
        "3 March 2022 Thursday",
        "3 March '22",
        # Numeric forms, with the existing two-digit pivot.
        "3.3.22",
        "03.03.2022",
        "3-3-22",
        "03/03/22",
        "3/3/22",
        "2022/03/03",
        "2022.03.03",
        "20220303",
        "03032022",
        "03MAR2022",
        "03-Mar-2022",
        "2022-Mar-03",
        "3.Mar.2022",
        "2022-W09-4",
    ],
)
def test_ordinal_weekday_and_numeric_forms_read_as_that_day(text: str) -> None:
    assert reading(text) == on(D(2022, 3, 3))


def test_a_compact_date_reads_month_first_in_a_month_first_file() -> None:
    assert reading("04032022", day_first=False) == on(D(2022, 4, 3))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Quarters are three whole months, as precise as a season.
        ("Q1 2020", span(D(2020, 1, 1), D(2020, 3, 31), SEASON)),
        ("Q3 2020", span(D(2020, 7, 1), D(2020, 9, 30), SEASON)),
        ("2020 Q3", span(D(2020, 7, 1), D(2020, 9, 30), SEASON)),
        ("2020-Q3", span(D(2020, 7, 1), D(2020, 9, 30), SEASON)),
        ("Q3/2020", span(D(2020, 7, 1), D(2020, 9, 30), SEASON)),
        ("Qtr 3 2020", span(D(2020, 7, 1), D(2020, 9, 30), SEASON)),
        ("Quarter 3 2020", span(D(2020, 7, 1), D(2020, 9, 30), SEASON)),
        ("3rd quarter 2020", span(D(2020, 7, 1), D(2020, 9, 30), SEASON)),
        ("third quarter of 2020", span(D(2020, 7, 1), D(2020, 9, 30), SEASON)),
        ("Q4 2021", span(D(2021, 10, 1), D(2021, 12, 31), SEASON)),
        # Quarters of a financial year start in April.
        ("Q1 2020/21", span(D(2020, 4, 1), D(2020, 6, 30), SEASON)),
        ("Qtr 3 2020/21", span(D(2020, 10, 1), D(2020, 12, 31), SEASON)),
        ("Q3 FY20/21", span(D(2020, 10, 1), D(2020, 12, 31), SEASON)),
        ("FY2020/21 Q3", span(D(2020, 10, 1), D(2020, 12, 31), SEASON)),
        ("Q4 2020/21", span(D(2021, 1, 1), D(2021, 3, 31), SEASON)),
        # Financial years run 1 April to 31 March.
        ("2021/22", span(D(2021, 4, 1), D(2022, 3, 31), RANGE)),
        ("2021/2022", span(D(2021, 4, 1), D(2022, 3, 31), RANGE)),
        ("2011/12", span(D(2011, 4, 1), D(2012, 3, 31), RANGE)),
        ("FY 2021-22", span(D(2021, 4, 1), D(2022, 3, 31), RANGE)),
        ("FY21/22", span(D(2021, 4, 1), D(2022, 3, 31), RANGE)),
        ("financial year 2021/22", span(D(2021, 4, 1), D(2022, 3, 31), RANGE)),
        ("2021-22 financial year", span(D(2021, 4, 1), D(2022, 3, 31), RANGE)),
        ("FYE 2022", span(D(2021, 4, 1), D(2022, 3, 31), RANGE)),
        ("FYE 31/03/2022", span(D(2021, 4, 1), D(2022, 3, 31), RANGE)),
        ("financial year ending 31 March 2022", span(D(2021, 4, 1), D(2022, 3, 31), RANGE)),
        # Academic years run 1 September to 31 August.
        ("academic year 2021/22", span(D(2021, 9, 1), D(2022, 8, 31), RANGE)),
        ("school year 2021-22", span(D(2021, 9, 1), D(2022, 8, 31), RANGE)),
        # Terms vary by local authority: the widest usual span, approximate.
        ("Autumn term 2021", span(D(2021, 9, 1), D(2021, 12, 23), SEASON, True)),
        ("Autumn term 2021/22", span(D(2021, 9, 1), D(2021, 12, 23), SEASON, True)),
        ("Spring term 2022", span(D(2022, 1, 1), D(2022, 4, 15), SEASON, True)),
        ("Spring term 2021/22", span(D(2022, 1, 1), D(2022, 4, 15), SEASON, True)),
        ("Spring term 2024", span(D(2024, 1, 1), D(2024, 4, 14), SEASON, True)),
        ("Summer term 2022", span(D(2022, 4, 1), D(2022, 7, 25), SEASON, True)),
        ("Summer term 2008", span(D(2008, 3, 24), D(2008, 7, 25), SEASON, True)),
        ("October half-term 2022", span(D(2022, 10, 17), D(2022, 11, 5), RANGE, True)),
        ("Oct half term 2022", span(D(2022, 10, 17), D(2022, 11, 5), RANGE, True)),
        ("autumn half-term 2022", span(D(2022, 10, 17), D(2022, 11, 5), RANGE, True)),
        ("February half term 2023", span(D(2023, 2, 7), D(2023, 3, 2), RANGE, True)),
        ("May half term 2022", span(D(2022, 5, 28), D(2022, 6, 5), RANGE, True)),
        ("Christmas holidays 2022", span(D(2022, 12, 16), D(2023, 1, 8), RANGE, True)),
        ("Christmas holiday 2022", span(D(2022, 12, 16), D(2023, 1, 8), RANGE, True)),
        ("Easter holidays 2022", span(D(2022, 3, 30), D(2022, 5, 2), RANGE, True)),
        ("summer holidays 2021", span(D(2021, 7, 17), D(2021, 9, 7), RANGE, True)),
        ("festive period 2022", span(D(2022, 12, 24), D(2023, 1, 1), RANGE, True)),
        ("Christmas period 2022", span(D(2022, 12, 24), D(2023, 1, 1), RANGE, True)),
        ("Christmas week 2021", span(D(2021, 12, 24), D(2022, 1, 1), RANGE, True)),
        # Parts of months and years.
        ("early March 2022", span(D(2022, 3, 1), D(2022, 3, 10), MONTH, True)),
        ("mid March 2022", span(D(2022, 3, 11), D(2022, 3, 20), MONTH, True)),
        ("late March 2022", span(D(2022, 3, 21), D(2022, 3, 31), MONTH, True)),
        ("end of March 2022", span(D(2022, 3, 21), D(2022, 3, 31), MONTH, True)),
        ("start of June 2022", span(D(2022, 6, 1), D(2022, 6, 10), MONTH, True)),
        ("beginning of 2021", span(D(2021, 1, 1), D(2021, 4, 30), YEAR, True)),
        ("late 2021", span(D(2021, 9, 1), D(2021, 12, 31), YEAR, True)),
        ("c. 2019", span(D(2019, 1, 1), D(2019, 12, 31), YEAR, True)),
        ("Summer 2020", span(D(2020, 6, 1), D(2020, 8, 31), SEASON)),
        ("Summer '20", span(D(2020, 6, 1), D(2020, 8, 31), SEASON)),
        ("first half of 2022", span(D(2022, 1, 1), D(2022, 6, 30), YEAR)),
        ("second half of 2021", span(D(2021, 7, 1), D(2021, 12, 31), YEAR)),
        ("H1 2022", span(D(2022, 1, 1), D(2022, 6, 30), YEAR)),
        ("H2 2021", span(D(2021, 7, 1), D(2021, 12, 31), YEAR)),
        ("first half of March 2022", span(D(2022, 3, 1), D(2022, 3, 15), MONTH)),
        ("second half of February 2024", span(D(2024, 2, 16), D(2024, 2, 29), MONTH)),
        # Weeks of a month are counted from the 1st, and approximate.
        ("first week of June 2022", span(D(2022, 6, 1), D(2022, 6, 7), RANGE, True)),
        ("second week of June 2022", span(D(2022, 6, 8), D(2022, 6, 14), RANGE, True)),
        ("last week of June 2022", span(D(2022, 6, 24), D(2022, 6, 30), RANGE, True)),
        # ISO weeks, Monday to Sunday.
        ("2022-W09", span(D(2022, 2, 28), D(2022, 3, 6), RANGE)),
        ("2022W09", span(D(2022, 2, 28), D(2022, 3, 6), RANGE)),
        ("week 9 2022", span(D(2022, 2, 28), D(2022, 3, 6), RANGE)),
        ("wk 9 of 2022", span(D(2022, 2, 28), D(2022, 3, 6), RANGE)),
        ("Mar/Apr 2022", span(D(2022, 3, 1), D(2022, 4, 30), RANGE)),
        ("2012/06", span(D(2012, 6, 1), D(2012, 6, 30), MONTH)),
    ],
)
def test_coarse_periods_span_what_they_name(text: str, expected: Reading) -> None:
    assert reading(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Weeks commencing (or containing) a day run seven days; weeks ending, the seven before.
        ("the week of 14/06/2021", span(D(2021, 6, 14), D(2021, 6, 20), RANGE)),
        ("the week of 16/06/2021", span(D(2021, 6, 14), D(2021, 6, 20), RANGE)),
        ("w/c 14/06/21", span(D(2021, 6, 14), D(2021, 6, 20), RANGE)),
        ("W/C 14/06/2021", span(D(2021, 6, 14), D(2021, 6, 20), RANGE)),
        ("w/b 14/06/2021", span(D(2021, 6, 14), D(2021, 6, 20), RANGE)),
        ("wk beg 14/06/2021", span(D(2021, 6, 14), D(2021, 6, 20), RANGE)),
        ("wk commencing 14/06/2021", span(D(2021, 6, 14), D(2021, 6, 20), RANGE)),
        ("week commencing 14 June 2021", span(D(2021, 6, 14), D(2021, 6, 20), RANGE)),
        ("w/e 20/06/21", span(D(2021, 6, 14), D(2021, 6, 20), RANGE)),
        ("week ending 20/06/2021", span(D(2021, 6, 14), D(2021, 6, 20), RANGE)),
        ("wk ending 20/06/2021", span(D(2021, 6, 14), D(2021, 6, 20), RANGE)),
        # Days told from another.
        ("the day after Boxing Day 2022", on(D(2022, 12, 27))),
        ("the day before Christmas Eve 2022", on(D(2022, 12, 23))),
        ("the evening of 03/03/2022", on(D(2022, 3, 3))),
        ("the morning of Christmas Day 2022", on(D(2022, 12, 25))),
        ("the night of 03/03/2022", span(D(2022, 3, 3), D(2022, 3, 4), RANGE)),
        ("overnight 03/03/2022", span(D(2022, 3, 3), D(2022, 3, 4), RANGE)),
        ("the weekend of 05/03/2022", span(D(2022, 3, 5), D(2022, 3, 6), RANGE)),
        ("weekend of 06/03/2022", span(D(2022, 3, 5), D(2022, 3, 6), RANGE)),
        ("weekend of Friday 04/03/2022", span(D(2022, 3, 4), D(2022, 3, 6), RANGE)),
        # "Just after" reaches a week, and is approximate.
        ("just after Christmas 2022", span(D(2022, 12, 27), D(2023, 1, 2), RANGE, True)),
        ("shortly before 03/03/2022", span(D(2022, 2, 24), D(2022, 3, 2), RANGE, True)),
        ("soon after Easter Monday 2021", span(D(2021, 4, 6), D(2021, 4, 12), RANGE, True)),
        ("a few days after 03/03/2022", span(D(2022, 3, 4), D(2022, 3, 10), RANGE, True)),
        # So far from a day: about that far, half the distance either side, approximate.
        ("a week or so before 25/12/2023", span(D(2023, 12, 15), D(2023, 12, 21), RANGE, True)),
        ("two weeks after 03/03/2023", span(D(2023, 3, 10), D(2023, 3, 24), RANGE, True)),
        ("a couple of weeks after 1 May 2021", span(D(2021, 5, 8), D(2021, 5, 22), RANGE, True)),
        ("a week or two before 3 March 2023", span(D(2023, 2, 14), D(2023, 2, 27), RANGE, True)),
        ("3 days after 10/03/2023", span(D(2023, 3, 12), D(2023, 3, 14), RANGE, True)),
        ("weeks before 3/3/22", span(D(2022, 1, 31), D(2022, 2, 20), RANGE, True)),
        # Ranges.
        ("3-5 March 2022", span(D(2022, 3, 3), D(2022, 3, 5), RANGE)),
        ("3rd-5th March 2022", span(D(2022, 3, 3), D(2022, 3, 5), RANGE)),
        ("3rd to 5th March 2022", span(D(2022, 3, 3), D(2022, 3, 5), RANGE)),
        ("between the 3rd and 5th of March 2022", span(D(2022, 3, 3), D(2022, 3, 5), RANGE)),
        ("between 3/3/22 and 5/3/22", span(D(2022, 3, 3), D(2022, 3, 5), RANGE)),
        ("3 & 4 March 2022", span(D(2022, 3, 3), D(2022, 3, 4), RANGE)),
        ("3 March - 5 April 2022", span(D(2022, 3, 3), D(2022, 4, 5), RANGE)),
        ("March-April 2022", span(D(2022, 3, 1), D(2022, 4, 30), RANGE)),
        ("late 2021 - early 2022", span(D(2021, 9, 1), D(2022, 4, 30), RANGE, True)),
        ("Spring/Summer 2021", span(D(2021, 3, 1), D(2021, 8, 31), RANGE)),
        ("Xmas 2021/New Year 2022", span(D(2021, 12, 24), D(2022, 1, 1), RANGE, True)),
        ("Christmas 2021 to New Year 2022", span(D(2021, 12, 24), D(2022, 1, 1), RANGE, True)),
        # One date or another: both, and approximate.
        ("September or October 2022", span(D(2022, 9, 1), D(2022, 10, 31), RANGE, True)),
        ("End of Sept or start of Oct 2022", span(D(2022, 9, 21), D(2022, 10, 10), RANGE, True)),
        ("Mon 3 or Tue 4 May 2021", span(D(2021, 5, 3), D(2021, 5, 4), RANGE, True)),
        # Decades, and their thirds (years 0-3, 4-6, 7-9), approximate.
        ("the 1990s", span(D(1990, 1, 1), D(1999, 12, 31), RANGE, True)),
        ("early 2000s", span(D(2000, 1, 1), D(2003, 12, 31), RANGE, True)),
        ("mid-1990's", span(D(1994, 1, 1), D(1996, 12, 31), RANGE, True)),
        ("the late 1980s", span(D(1987, 1, 1), D(1989, 12, 31), RANGE, True)),
    ],
)
def test_weeks_days_told_from_another_and_ranges_span_what_they_say(
    text: str, expected: Reading
) -> None:
    assert reading(text) == expected


@pytest.mark.parametrize(
    ("text", "error", "reason"),
    [
        ("31/02/2012", DateReadError, "day out of range for month"),
        ("32/01/2022", DateReadError, "day out of range for month"),
        ("30/02/2022 14:00", DateReadError, "day out of range for month"),
        ("14:30 31/02/2022", DateReadError, "day out of range for month"),
        ("2022-02-30T10:00Z", DateReadError, "day out of range for month"),
        ("2022-03-03T25:00Z", TimeReadError, "hour out of range"),
        ("2022-03-03T14:30+9999", DateReadError, "'+9999' is not one a clock can be set to"),
        ("0001-01-01T00:00-01:00", DateReadError, "year 1 is outside 1800-2199"),
        ("Mon 03/03/22", DateReadError, "03/03/2022 was a Thursday, not a Monday"),
        ("Tuesday 3rd March 2022", DateReadError, "03/03/2022 was a Thursday, not a Tuesday"),
        ("weekend of 03/03/2022", DateReadError, "03/03/2022 was a Thursday, not in a weekend"),
        ("FY 2021/23", DateReadError, "a financial year spans two consecutive years"),
        ("Spring bank holiday 1975", DateReadError, "bank holidays are read by name from 1978"),
        ("fifth week of February 2022", DateReadError, "that month has no such week"),
        ("2022-W53", DateReadError, "2022 has no ISO week 53"),
        ("Q5 2020", DateReadError, "not a date format we recognise"),
        ("20220303143000", DateReadError, "not a date format we recognise"),
        ("Christmas Day", DateReadError, "it gives no year"),
        ("after Christmas 2022", DateReadError, "open-ended"),
        ("03/03/2022 14:00 - 25:00", TimeReadError, "hour out of range"),
        ("04/03/2022 23:00 - 03/03/2022 01:00", DateReadError, "the range ends before it starts"),
        ("x" * 200, DateReadError, "too long to be a date"),
    ],
)
def test_what_cannot_be_a_date_stays_refused_with_its_reason(
    text: str, error: type[Exception], reason: str
) -> None:
    with pytest.raises(error, match=re.escape(reason)) as raised:
        read_moment(text)
    assert repr(text) in str(raised.value)


def test_read_when_gives_a_zoned_time_in_uk_local_time() -> None:
    recorded, clock = read_when("2022-06-30T23:30:00Z")

    assert (recorded.earliest, clock) == (D(2022, 7, 1), "00:30:00")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:30:00.000", "14:30:00"),
        ("02.30.00.000000 PM", "14:30:00"),
        ("1430h", "14:30"),
        ("14:00-15:00", "14:00"),
        ("14:00 - 15:00", "14:00"),
        ("2pm to 3pm", "14:00"),
    ],
)
def test_database_clock_times_and_slots_read_as_their_start(text: str, expected: str) -> None:
    assert read_time(text) == expected


@pytest.mark.parametrize("text", ["220101-0012", "210612-0873"])
def test_a_log_number_of_a_date_and_a_count_is_no_time_slot(text: str) -> None:
    # Six digits then four: an ambulance incident number (YYMMDD-NNNN), not 22:01:01 to 00:12.
    with pytest.raises(TimeReadError, match="not a time format we recognise"):
        read_time(text)
    assert read_time("143000-150000") == "14:30:00"


def test_a_slot_whose_end_is_no_time_is_refused() -> None:
    with pytest.raises(TimeReadError, match="hour out of range"):
        read_time("14:00-25:00")


@pytest.mark.parametrize("text", ["early hours", "Early morning"])
def test_more_times_said_in_words_are_no_clock_time(text: str) -> None:
    assert read_time(text) is None


@pytest.mark.parametrize(
    ("qualifier", "earliest", "latest", "precision"),
    [
        ("week", D(2022, 2, 28), D(2022, 3, 6), RANGE),
        ("month only", D(2022, 3, 1), D(2022, 3, 31), MONTH),
        ("Year only", D(2022, 1, 1), D(2022, 12, 31), YEAR),
    ],
)
def test_more_qualifier_words_widen_the_date(
    qualifier: str, earliest: date, latest: date, precision: Precision
) -> None:
    qualified = qualify_date(read_date("03/03/2022"), qualifier)

    assert (qualified.earliest, qualified.latest, qualified.precision) == (
        earliest,
        latest,
        precision,
    )


@pytest.mark.parametrize("qualifier", ["estimate", "Approx date", "not exact"])
def test_more_qualifier_words_mark_the_date_approximate(qualifier: str) -> None:
    assert is_date_qualifier(qualifier)
    assert qualify_date(read_date("03/03/2022"), qualifier).approximate


# --- properties --------------------------------------------------------------------------------

# Known Western Easter Sundays, to check the computus against.
_EASTERS = {
    2000: D(2000, 4, 23), 2008: D(2008, 3, 23), 2011: D(2011, 4, 24), 2016: D(2016, 3, 27),
    2019: D(2019, 4, 21), 2021: D(2021, 4, 4), 2022: D(2022, 4, 17), 2024: D(2024, 3, 31),
    2025: D(2025, 4, 20), 2038: D(2038, 4, 25),
}  # fmt: skip


@pytest.mark.parametrize(("year", "expected"), sorted(_EASTERS.items()))
def test_easter_sunday_is_computed_for_any_year(year: int, expected: date) -> None:
    assert reading(f"Easter Sunday {year}") == on(expected)


_PIECES = st.sampled_from(
    ["2022", "03", "3", "31", "12", "99", "0", "/", "-", ".", ":", " ", ",", "T", "Z", "+01:00"]
    + ["-0500", "UTC", "BST", "Mar", "march", "thu", "mon", "christmas", "easter", "day"]
    + ["bank holiday", "weekend", "q3", "fy", "21/22", "w/c", "week", "of", "the", "and", "to"]
    + ["between", "just after", "half term", "autumn term", "14:30", "24:00", "pm", "hrs", "c."]
    + ["?", "(", ")", "41076.5", "h1", "'22", "night", "00000000", "99999999", "\u2013"]
)
_TEXTS = st.one_of(
    st.text(max_size=60),
    st.lists(_PIECES, max_size=12).map("".join),
    st.lists(_PIECES, max_size=12).map(" ".join),
)


@settings(max_examples=500, deadline=None, database=None)
@given(_TEXTS, st.booleans(), st.one_of(st.none(), st.integers(1700, 2300)))
def test_no_text_makes_a_reader_raise_anything_but_a_read_error(
    text: str, day_first: bool, year: int | None
) -> None:
    readers = (
        lambda: read_date(text, day_first=day_first),
        lambda: read_when(text, day_first=day_first),
        lambda: read_moment(text, day_first=day_first, year=year),
        lambda: read_time(text),
    )
    for read in readers:
        with contextlib.suppress(DateReadError, TimeReadError):
            read()


_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%d.%m.%Y", "%A %d %B %Y", "%d-%b-%y"]


@settings(max_examples=300, deadline=None, database=None)
@given(st.dates(D(1971, 1, 1), D(2068, 12, 31)), st.sampled_from(_FORMATS))
def test_any_day_written_in_a_common_layout_reads_as_that_day(day: date, layout: str) -> None:
    assert reading(day.strftime(layout)) == on(day)


@settings(max_examples=300, deadline=None, database=None)
@given(
    st.datetimes(datetime(1971, 1, 2), datetime(2100, 12, 30)),
    st.integers(-12 * 4, 14 * 4).map(lambda quarters: timedelta(minutes=15 * quarters)),
)
def test_any_zoned_instant_reads_as_its_uk_local_day_and_time(
    moment: datetime, offset: timedelta
) -> None:
    written = moment.replace(microsecond=0, tzinfo=timezone(offset))
    local = written.astimezone(ZoneInfo("Europe/London"))

    sign, minutes = ("-" if offset < timedelta(0) else "+"), abs(offset) // timedelta(minutes=1)
    zone = f"{sign}{minutes // 60:02d}:{minutes % 60:02d}" if offset else "UTC"

    assert reading(written.isoformat()) == on(local.date(), local.strftime("%H:%M:%S"), zone)


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        ("March 2021 (she thinks)", date(2021, 3, 1), date(2021, 3, 31), "month"),
        ("Late 2019, I think", date(2019, 9, 1), date(2019, 12, 31), "year"),
        ("October 2022, before half term", date(2022, 10, 1), date(2022, 10, 31), "month"),
        ("Most of 2023", date(2023, 1, 1), date(2023, 12, 31), "year"),
        ("Late summer 2022", date(2022, 6, 1), date(2022, 8, 31), "season"),
        ("Before Christmas 2021", date(2021, 11, 26), date(2021, 12, 24), "range"),
        ("The summer before the wedding (2019)", date(2019, 1, 1), date(2019, 12, 31), "year"),
        ("At the wedding, 14 September 2019", date(2019, 9, 14), date(2019, 9, 14), "day"),
        ("During the first lockdown (spring 2020)", date(2020, 3, 1), date(2020, 5, 31), "season"),
        ("around his birthday in May 2023", date(2023, 5, 1), date(2023, 5, 31), "month"),
        ("Autumn 2018 - when he lost his job", date(2018, 9, 1), date(2018, 11, 30), "season"),
        ("14/02/2019 – seen at the school gate", date(2019, 2, 14), date(2019, 2, 14), "day"),
        ("2017 onwards", date(2017, 1, 1), date(2017, 12, 31), "year"),
        ("End of the summer holidays 2022", date(2022, 7, 17), date(2022, 9, 7), "range"),
        ("early Easter holidays 2022", date(2022, 3, 30), date(2022, 5, 2), "range"),
        (
            "Later that winter (Lorraine thought February 2021)",
            date(2021, 2, 1),
            date(2021, 2, 28),
            "month",
        ),
        ("About February (2022)", date(2022, 2, 1), date(2022, 2, 28), "month"),
        ("Since about 2015 (after his wife died)", date(2015, 1, 1), date(2015, 12, 31), "year"),
        ("From about August 2022", date(2022, 8, 1), date(2022, 8, 31), "month"),
        ("09/12/2022 am clinic", date(2022, 12, 9), date(2022, 12, 9), "day"),
    ],
)
def test_a_date_hedged_with_words_is_read_as_the_date_inside_them_approximately(
    text: str, earliest: date, latest: date, precision: str
) -> None:
    when = read_moment(text).when

    assert (when.earliest, when.latest, when.precision.value) == (earliest, latest, precision)
    assert when.approximate is True
    assert when.text == text


@pytest.mark.parametrize(
    "text", ["Seen 3/3/22 at clinic", "03/03/2022 Home visit with the family and the dog"]
)
def test_a_date_inside_a_sentence_is_no_date(text: str) -> None:
    with pytest.raises(DateReadError, match="not a date format we recognise"):
        read_moment(text)


def test_a_range_with_a_bad_end_is_not_taken_for_a_hedged_start() -> None:
    with pytest.raises(TimeReadError):
        read_moment("03/03/2022 14:00 - 25:00")


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("Halloween weekend 2021", date(2021, 10, 30), date(2021, 10, 31)),  # a Sunday
        ("Bonfire Night weekend 2021", date(2021, 11, 5), date(2021, 11, 7)),  # a Friday
        ("St George's Day weekend 2022", date(2022, 4, 23), date(2022, 4, 24)),  # a Saturday
        ("Burns Night weekend 2021", date(2021, 1, 23), date(2021, 1, 25)),  # a Monday
        ("Valentine's Day week 2023", date(2023, 2, 13), date(2023, 2, 19)),
        ("Valentine's Day weekend 2023", date(2023, 2, 11), date(2023, 2, 19)),  # a Tuesday
    ],
)
def test_the_week_or_weekend_of_a_named_day_is_read_as_an_approximate_span(
    text: str, first: date, last: date
) -> None:
    when = read_moment(text).when

    assert (when.earliest, when.latest, when.approximate) == (first, last, True)


def test_a_second_date_after_a_dash_is_a_range_not_a_remark() -> None:
    when = read_moment("March 2021 - April 2021").when

    assert (when.earliest, when.latest, when.approximate) == (
        date(2021, 3, 1),
        date(2021, 4, 30),
        False,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The week of her birthday", True),
        ("not long after they met", True),
        ("banana", False),
        ("Before Christmas", False),
        ("the week of 14/06", False),
        ("The Sunday before she died", True),  # a weekday places nothing without the event
        ("around Palm Sunday I think", False),
        ("the Saturday after Burns Night", False),
    ],
)
def test_a_recollection_naming_no_date_at_all_is_told_apart_from_a_date(
    text: str, expected: bool
) -> None:
    assert holds_no_date(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The night of the fire", True),
        ("A couple of days before the fire", True),
        ("The winter before (the fire)", True),
        ("The Thursday before the fire", True),
        ("Mr K (nephew)", False),  # a name says no when
        ("Seen at home", False),
        ("Had a fall at home", False),  # "fall" is no season here
        ("The night of 19/11", False),  # a date a reader can try
    ],
)
def test_a_recollection_of_when_is_told_from_a_name_or_an_account(
    text: str, expected: bool
) -> None:
    assert recalls_when(text) is expected


def test_the_quick_doubt_check_lets_through_every_text_the_doubt_pattern_would_match() -> None:
    # hedges._may_end_in_doubt skips the costly _TRAILING_DOUBT pattern on texts that cannot
    # end in one of its words; a word added to the pattern and not to _DOUBT_ENDINGS would stop
    # those dates being read. Every ending of up to three of the pattern's own words is tried.
    from itertools import product

    from adapters.dates import hedges

    words = sorted({*re.findall(r"[a-z]+", hedges._TRAILING_DOUBT.pattern), "?", "onward"})
    endings = [" ".join(parts) for n in (1, 2, 3) for parts in product(words, repeat=n)]
    texts = [f"March 2021 {ending}" for ending in endings] + [f"March 2021{e}" for e in ("?", " ?")]
    matched = [text for text in texts if hedges._TRAILING_DOUBT.search(text)]

    assert matched
    assert [text for text in matched if not hedges._may_end_in_doubt(text)] == []


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("14 Mawrth 2018", date(2018, 3, 14), date(2018, 3, 14)),
        ("Rhagfyr 2018", date(2018, 12, 1), date(2018, 12, 31)),
        ("3 Mai 2020", date(2020, 5, 3), date(2020, 5, 3)),
        ("Gorffennaf 2021", date(2021, 7, 1), date(2021, 7, 31)),
    ],
)
def test_welsh_month_names_are_read(text: str, earliest: date, latest: date) -> None:
    when = read_date(text)

    assert (when.earliest, when.latest) == (earliest, latest)

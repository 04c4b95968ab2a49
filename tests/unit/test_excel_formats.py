"""Workbook cells written as Excel displays them (and as its "Save As CSV" writes them)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from adapters.excel_formats import display, typed_value

MOMENT = datetime(2012, 6, 6, 14, 5, 9)


@pytest.mark.parametrize(
    ("number_format", "shown"),
    [
        ("dd/mm/yyyy", "06/06/2012"),
        ("d/m/yy", "6/6/12"),
        ("d mmm yyyy", "6 Jun 2012"),
        ("dd-mmm-yy", "06-Jun-12"),
        ("mmm yyyy", "Jun 2012"),
        ("mmmm yyyy", "June 2012"),
        ("yyyy", "2012"),
        ("yyyy-mm-dd", "2012-06-06"),
        ("yyyy-mm-dd hh:mm", "2012-06-06 14:05"),
        ("dd/mm/yyyy hh:mm:ss", "06/06/2012 14:05:09"),
        ("ddd dd/mm/yyyy", "Wed 06/06/2012"),
        ("dddd d mmmm yyyy", "Wednesday 6 June 2012"),
        ("hh:mm", "14:05"),
        ("h:mm AM/PM", "2:05 PM"),
        ("hh:mm:ss.00", "14:05:09.00"),
        ("mm:ss", "05:09"),
        ('dd/mm/yyyy" at "hh:mm', "06/06/2012 at 14:05"),
        ("dd\\.mm\\.yyyy", "06.06.2012"),
        ("[$-809]dd/mm/yyyy;@", "06/06/2012"),
        ("[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", "Wednesday, 6 June 2012"),
        # Excel's built-in short date and date-time follow the computer's (UK) settings.
        ("mm-dd-yy", "06/06/2012"),
        ("m/d/yy h:mm", "06/06/2012 14:05"),
        ("General", "06/06/2012 14:05"),
    ],
)
def test_a_date_is_written_as_its_number_format_shows_it(number_format: str, shown: str) -> None:
    assert display(MOMENT, number_format) == shown


def test_a_time_of_day_and_an_elapsed_time_are_written_as_shown() -> None:
    assert display(time(3, 54), "hh:mm:ss") == "03:54:00"
    assert display(time(0, 30), "h:mm am/pm") == "12:30 AM"
    assert display(timedelta(hours=30, minutes=5), "[h]:mm") == "30:05"


def test_a_date_cell_is_typed_as_what_its_format_shows() -> None:
    assert typed_value(MOMENT, "dd/mm/yyyy") == date(2012, 6, 6)
    assert typed_value(MOMENT, "hh:mm") == time(14, 5, 9)
    assert typed_value(MOMENT, "dd/mm/yyyy hh:mm") == MOMENT


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (12345, "General", "12345"),
        (12345.0, "General", "12345"),
        (3.5, "General", "3.5"),
        (1 / 3, "General", "0.3333333333"),
        (1e12, "General", "1E+12"),
        (1234.5, "#,##0.00", "1,234.50"),
        (7.0, "0", "7"),
        (0.256, "0.0%", "25.6%"),
        (-3, "0;(0)", "(3)"),
        (5, "[$£-809]#,##0.00", "£5.00"),
        (7, '"Case "0', "Case 7"),
        (True, "General", "TRUE"),
        ("0128", "@", "0128"),
        (None, "General", ""),
    ],
)
def test_numbers_and_text_are_written_as_shown(
    value: object, number_format: str, shown: str
) -> None:
    assert display(value, number_format) == shown


@pytest.mark.parametrize(
    ("number", "number_format", "shown"),
    [
        (15092021, "00\\/00\\/0000", "15/09/2021"),
        (4852219034, "000 000 0000", "485 221 9034"),
        (1234, "#,##0", "1,234"),
    ],
)
def test_a_whole_number_mask_shows_its_digits_in_their_places(
    number: int, number_format: str, shown: str
) -> None:
    assert display(number, number_format) == shown

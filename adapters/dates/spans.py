"""What every family of date forms shares: the span a text means, why a text is unreadable,
what a reader may assume (day or month first, the year of the rows around), calendar arithmetic.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import NamedTuple

from domain.recorded_date import Precision


class DateReadError(ValueError):
    """Raised when a cell cannot be read as a date."""


class TimeReadError(ValueError):
    """Raised when a cell cannot be read as a time of day."""


class Unreadable(Exception):
    """Why a piece of text is not a date or time.

    `recognised` is True when the text had a known shape but impossible values (`31/02/2012`):
    such text is reported as it is, rather than being tried again as a range.
    """

    def __init__(self, reason: str, *, recognised: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.recognised = recognised


class NotThisForm(Exception):
    """Raised by a form's reader when the text has the form's shape but is another form
    (`2012/06` looks like a financial year but is June 2012): the next form is tried."""


class Span(NamedTuple):
    """The days a date text can mean, how precisely it was written, and whether the writer
    marked it (or its words make it) a best guess rather than a fact."""

    earliest: date
    latest: date
    precision: Precision
    approximate: bool = False


class Assumed(NamedTuple):
    """What a reader takes for granted where the text does not say: numeric dates day first
    (the UK way) or month first, and the year of a date written without one (from a section
    heading or the rows around it; None when nothing gives one)."""

    day_first: bool = True
    year: int | None = None


Handler = Callable[[re.Match[str], Assumed], Span]
# Each family of forms is a table: a regex for the whole normalised text, and what it means.
FormatTable = tuple[tuple[str, Handler], ...]

# Years outside this window are almost always a misread number (a time such as `0128`, a ref).
MIN_YEAR = 1800
MAX_YEAR = 2199
# Two-digit years: 00-69 are 2000s, 70-99 are 1900s (the same pivot spreadsheets use).
TWO_DIGIT_PIVOT = 70
NO_YEAR = "it gives no year (and no heading or neighbouring row gives one)"


def check_year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Unreadable(f"year {year} is outside {MIN_YEAR}-{MAX_YEAR}")
    return year


def expand_year(text: str) -> int:
    if len(text) != 2:
        return int(text)
    short = int(text)
    return (1900 if short >= TWO_DIGIT_PIVOT else 2000) + short


def expand_following_year(year: int, text: str) -> int:
    """`2012/13` means 2013: a two-digit second year takes the first year's century."""
    return year // 100 * 100 + int(text) if len(text) == 2 else int(text)


def year_of(found: re.Match[str], assumed: Assumed) -> int:
    """The year a form wrote in its group `y` (`22` or `2022`), else the year assumed for it
    (a form without that group, or with it left out), else refused."""
    text = found.groupdict().get("y")
    if text is not None:
        return check_year(expand_year(text))
    if assumed.year is None:
        raise Unreadable(NO_YEAR)
    return check_year(assumed.year)


def split_year(found: re.Match[str], what: str) -> int:
    """The first year of `2021/22` (groups `y` and `y2`), which must be followed by the next."""
    year = check_year(expand_year(found["y"]))
    if expand_following_year(year, found["y2"]) != year + 1:
        raise Unreadable(f"{what} spans two consecutive years")
    return year


def make_date(year: int, month: int, day: int) -> date:
    check_year(year)
    if not 1 <= month <= 12:
        raise Unreadable("month out of range")
    if not 1 <= day <= month_end(year, month).day:
        raise Unreadable("day out of range for month")
    return date(year, month, day)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def day_span(day: date) -> Span:
    return Span(day, day, Precision.DAY)


def month_span(year: int, month: int) -> Span:
    start = make_date(year, month, 1)
    return Span(start, month_end(year, month), Precision.MONTH)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday (Monday 0) of a month; n = -1 is the last one."""
    if n < 0:
        last = month_end(year, month)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def within_window(span: Span) -> Span:
    """A span moved by arithmetic ("the day before 1 Jan 1800") must still be in the window."""
    check_year(span.earliest.year)
    check_year(span.latest.year)
    return span

"""Days, months and years written with numbers and month names: `16/06/2012`, `3.3.22`,
`2012-06-16`, `20120616`, `16 June 2012`, `June 16 2012`, `Dec 2012`, `12/2012`, `2013`,
Excel serial numbers; and, when the rows around give the year, `16/06` and `16 June`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from adapters.dates.spans import (
    Assumed,
    FormatTable,
    Span,
    Unreadable,
    check_year,
    day_span,
    make_date,
    month_span,
    year_of,
)
from adapters.dates.words import MONTH, MONTHS
from domain.recorded_date import Precision

# Excel's 1900 date system counts a 29 Feb 1900 that never existed (serial 60), so from serial
# 61 on, serial n is 30 Dec 1899 + n days. We only accept serials well past that point.
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_MIN_SERIAL = 20000
_EXCEL_MAX_SERIAL = 80000
SECONDS_PER_DAY = 86400
EXCEL_SERIAL = re.compile(r"(?P<days>\d{5})(?:\.(?P<fraction>\d+))?")


def excel_serial(text: str) -> tuple[date, int]:
    """An Excel serial as (day, seconds into it); the fraction of a day is the time."""
    days = int(text.split(".")[0])
    if not _EXCEL_MIN_SERIAL <= days <= _EXCEL_MAX_SERIAL:
        raise Unreadable(
            f"{days} is outside the Excel serial dates we accept "
            f"({_EXCEL_MIN_SERIAL}-{_EXCEL_MAX_SERIAL})"
        )
    # Rounded as a whole so that 0.99999... of a day becomes midnight of the next day.
    total = int((Decimal(text) * SECONDS_PER_DAY).to_integral_value(ROUND_HALF_UP))
    whole_days, seconds = divmod(total, SECONDS_PER_DAY)
    return _EXCEL_EPOCH + timedelta(days=whole_days), seconds


# The shapes most agency systems export (16/06/2012, 2012-06-16, 16 Jun 2012), read without the
# general phrase machinery; anything else, or any impossible day, takes the general path.
_PLAIN_DAY_FIRST = re.compile(r"(\d{1,2})([/.])(\d{1,2})\2(\d{4})")
_PLAIN_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_PLAIN_NAMED = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3,9})[ -](\d{4})")


def plain_day(text: str, day_first: bool) -> date | None:
    """The day a plain `16/06/2012`, `2012-06-16` or `16 Jun 2012` names; None for anything
    else (which the general path reads, or explains)."""
    found = _PLAIN_DAY_FIRST.fullmatch(text) if day_first else None
    if found is not None:
        day, _sep, month, year = found.groups()
    elif (found := _PLAIN_ISO.fullmatch(text)) is not None:
        year, month, day = found.groups()
    elif (found := _PLAIN_NAMED.fullmatch(text)) is not None:
        day, name, year = found.groups()
        number = MONTHS.get(name.lower())
        if number is None:
            return None
        month = str(number)
    else:
        return None
    if not 1800 <= int(year) <= 2199:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _numeric_day(found: re.Match[str], assumed: Assumed) -> Span:
    first, second = int(found["a"]), int(found["b"])
    day, month = (first, second) if assumed.day_first else (second, first)
    if not 1 <= month <= 12:
        order = "day/month/year" if assumed.day_first else "month/day/year"
        raise Unreadable(f"month out of range (read as {order})")
    return day_span(make_date(year_of(found, assumed), month, day))


def _year_first_day(found: re.Match[str], _assumed: Assumed) -> Span:
    return day_span(make_date(int(found["y"]), int(found["m"]), int(found["d"])))


def _compact_day(found: re.Match[str], assumed: Assumed) -> Span:
    """`20220303` is year first; `03032022` (day or month first, as the file writes numeric
    dates) only when it cannot be year first: no eight digits read both ways, because a
    day-first year's leading digits (18-21) are never a month."""
    digits = found[0]
    try:
        return day_span(make_date(int(digits[:4]), int(digits[4:6]), int(digits[6:])))
    except Unreadable:
        first, second, year = int(digits[:2]), int(digits[2:4]), int(digits[4:])
        day, month = (first, second) if assumed.day_first else (second, first)
        return day_span(make_date(year, month, day))


def _named_day(found: re.Match[str], assumed: Assumed) -> Span:
    month = MONTHS[found["mon"]]
    return day_span(make_date(year_of(found, assumed), month, int(found["d"])))


def _excel_day(found: re.Match[str], _assumed: Assumed) -> Span:
    day, _seconds = excel_serial(found.group(0))
    return day_span(day)


def _named_month(found: re.Match[str], assumed: Assumed) -> Span:
    return month_span(year_of(found, assumed), MONTHS[found["mon"]])


def _numeric_month(found: re.Match[str], _assumed: Assumed) -> Span:
    return month_span(int(found["y"]), int(found["m"]))


def _month_pair(found: re.Match[str], assumed: Assumed) -> Span:
    """`Mar/Apr 2022`: both months, as a range."""
    year = year_of(found, assumed)
    start, end = month_span(year, MONTHS[found["mon"]]), month_span(year, MONTHS[found["mon2"]])
    if end.latest < start.earliest:
        raise Unreadable("the range ends before it starts")
    return Span(start.earliest, end.latest, Precision.RANGE)


def _year(found: re.Match[str], _assumed: Assumed) -> Span:
    year = check_year(int(found["y"]))
    return Span(date(year, 1, 1), date(year, 12, 31), Precision.YEAR)


# Each row is one written shape of a date, matched against the whole normalised text.
DAY_FORMATS: FormatTable = (
    # 16/06/2012, 16.06.2012, 16-6-12, 3.3.22 (one separator throughout)
    (r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})", _numeric_day),
    # 2012-06-16, 2012/06/16, 2012.06.16
    (r"(?P<y>\d{4})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})", _year_first_day),
    # 20120616; 16062012 where it cannot be year first
    (r"\d{8}", _compact_day),
    # 41076, 41076.0611 (Excel serial; the fraction is a time of day)
    (r"\d{5}(?:\.\d+)?", _excel_day),
    # 16 June 2012, 14-Mar-17, 14 Mar 17, 03MAR2022, 3.mar.2022
    (rf"(?P<d>\d{{1,2}})[ ./-]?(?P<mon>{MONTH})[ ./-]?(?P<y>\d{{4}}|\d{{2}})", _named_day),
    # June 16 2012 (the comma is already gone)
    (rf"(?P<mon>{MONTH})[ -](?P<d>\d{{1,2}})[ -](?P<y>\d{{4}})", _named_day),
    # 2022-Mar-03, 2022 MAR 03 (Oracle and SQL exports)
    (rf"(?P<y>\d{{4}})[ /-](?P<mon>{MONTH})[ /-](?P<d>\d{{1,2}})", _named_day),
    # 16 June, 16-Jun, 16/06: only where a heading or the rows around give the year
    (rf"(?P<d>\d{{1,2}})[ -]?(?P<mon>{MONTH})", _named_day),
    (r"(?P<a>\d{1,2})/(?P<b>\d{1,2})", _numeric_day),
)
MONTH_AND_YEAR_FORMATS: FormatTable = (
    # Dec 2012, December 2012; December alone where the year is given
    (rf"(?P<mon>{MONTH})(?:[ /-]?(?P<y>\d{{4}}))?", _named_month),
    # 12/2012
    (r"(?P<m>\d{1,2})[/.-](?P<y>\d{4})", _numeric_month),
    # 2012-12
    (r"(?P<y>\d{4})[/.-](?P<m>\d{1,2})", _numeric_month),
    # Mar/Apr 2022
    (rf"(?P<mon>{MONTH})/(?P<mon2>{MONTH})(?: (?P<y>\d{{4}}))?", _month_pair),
    # 2013
    (r"(?P<y>\d{4})", _year),
)

"""Days known by name: Christmas Day, Boxing Day, Good Friday, Mothering Sunday, Bonfire Night,
Father's Day, the bank holidays of England and Wales by name, and the festivals as a whole
(`Christmas 2022`, `Easter 2021`), with a year or with the year of the rows around.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from adapters.dates.spans import (
    Assumed,
    FormatTable,
    Span,
    Unreadable,
    day_span,
    nth_weekday,
    within_window,
    year_of,
)
from adapters.dates.words import alternation
from domain.recorded_date import Precision

_FIXED_DAYS: dict[str, tuple[int, int]] = {
    "christmas day": (12, 25), "xmas day": (12, 25), "christmas eve": (12, 24),
    "xmas eve": (12, 24), "boxing day": (12, 26), "new years day": (1, 1),
    "new year day": (1, 1), "new years eve": (12, 31), "new year eve": (12, 31),
    "hogmanay": (12, 31), "bonfire night": (11, 5), "guy fawkes night": (11, 5),
    "guy fawkes day": (11, 5), "fireworks night": (11, 5), "firework night": (11, 5),
    "halloween": (10, 31), "valentines day": (2, 14), "st valentines day": (2, 14),
    "st davids day": (3, 1), "st patricks day": (3, 17), "st georges day": (4, 23),
    "st andrews day": (11, 30), "armistice day": (11, 11), "remembrance day": (11, 11),
    "burns night": (1, 25),
}  # fmt: skip
# Days before (-) or after Easter Sunday. Mothering Sunday is the fourth Sunday of Lent, three
# weeks before Easter; it is the UK's Mother's Day.
_EASTER_DAYS: dict[str, int] = {
    "easter sunday": 0, "easter day": 0, "easter monday": 1, "easter saturday": -1,
    "holy saturday": -1, "good friday": -2, "maundy thursday": -3, "palm sunday": -7,
    "mothering sunday": -21, "mothers day": -21, "ash wednesday": -46,
    "shrove tuesday": -47, "pancake day": -47, "pancake tuesday": -47,
}  # fmt: skip
# (month, weekday with Monday 0, which one): Father's Day is the third Sunday of June.
_NTH_WEEKDAY_DAYS: dict[str, tuple[int, int, int]] = {
    "fathers day": (6, 6, 3),
    "remembrance sunday": (11, 6, 2),
}
NAMED_DAYS = frozenset(_FIXED_DAYS) | frozenset(_EASTER_DAYS) | frozenset(_NTH_WEEKDAY_DAYS)


def easter_sunday(year: int) -> date:
    """Western Easter by the anonymous Gregorian algorithm (Meeus, Jones, Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _named_day(name: str, year: int) -> date:
    if name in _FIXED_DAYS:
        return date(year, *_FIXED_DAYS[name])
    if name in _EASTER_DAYS:
        return easter_sunday(year) + timedelta(days=_EASTER_DAYS[name])
    month, weekday, n = _NTH_WEEKDAY_DAYS[name]
    return nth_weekday(year, month, weekday, n)


def _read_named_day(found: re.Match[str], assumed: Assumed) -> Span:
    name = found["name"].replace("saint ", "st ")
    return within_window(day_span(_named_day(name, year_of(found, assumed))))


def _week_or_weekend_of(found: re.Match[str], assumed: Assumed) -> Span:
    """`Halloween weekend 2021`, `Valentine's week`: the week (Monday to Sunday) or the weekend
    the named day falls in, approximate, as people place a memory by it. The weekend of a
    weekday is the nearer one: back to the Saturday for a Monday, on to the Sunday for a
    Friday, and both around a Tuesday to Thursday."""
    day = _named_day(found["name"].replace("saint ", "st "), year_of(found, assumed))
    weekday = day.weekday()
    if found["unit"] == "week":
        start, end = day - timedelta(days=weekday), day + timedelta(days=6 - weekday)
    elif weekday >= 5:  # Saturday or Sunday
        start, end = day - timedelta(days=weekday - 5), day + timedelta(days=6 - weekday)
    elif weekday == 0:
        start, end = day - timedelta(days=2), day
    elif weekday == 4:
        start, end = day, day + timedelta(days=2)
    else:
        start, end = day - timedelta(days=weekday + 2), day + timedelta(days=6 - weekday)
    return within_window(Span(start, end, Precision.RANGE, True))


# --- bank holidays (England and Wales) ---------------------------------------------------------

# The Banking and Financial Dealings Act 1971 set the spring and summer holidays; the early May
# holiday followed in 1978, the first year all three stood as they do now (1977's spring holiday
# moved for the Silver Jubilee), so we name them from then.
_FIRST_BANK_HOLIDAY_YEAR = 1978
# Royal Proclamations moved these for anniversaries and jubilees.
_MOVED_EARLY_MAY = {1995: date(1995, 5, 8), 2020: date(2020, 5, 8)}
_MOVED_SPRING = {2002: date(2002, 6, 4), 2012: date(2012, 6, 4), 2022: date(2022, 6, 2)}


def _early_may(year: int) -> date:
    return _MOVED_EARLY_MAY.get(year) or nth_weekday(year, 5, 0, 1)


def _spring(year: int) -> date:
    return _MOVED_SPRING.get(year) or nth_weekday(year, 5, 0, -1)


def _summer(year: int) -> date:
    return nth_weekday(year, 8, 0, -1)


def _new_year(year: int) -> date:
    """1 January, or the Monday after when it falls at a weekend."""
    day = date(year, 1, 1)
    return day + timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def _christmas(year: int) -> date:
    # On a Saturday or a Sunday, the substitute is Tuesday 27th or Monday 27th alike.
    day = date(year, 12, 25)
    return day if day.weekday() < 5 else date(year, 12, 27)


def _boxing_day(year: int) -> date:
    # On a Saturday (Christmas on Friday) or a Sunday (Christmas on Saturday): the 28th.
    day = date(year, 12, 26)
    return day if day.weekday() < 5 else date(year, 12, 28)


def _good_friday(year: int) -> date:
    return easter_sunday(year) - timedelta(days=2)


def _easter_monday(year: int) -> date:
    return easter_sunday(year) + timedelta(days=1)


_BANK_HOLIDAYS = {
    "early may": _early_may, "may day": _early_may, "mayday": _early_may,
    "spring": _spring, "late may": _spring, "whitsun": _spring,
    "summer": _summer, "august": _summer, "late summer": _summer,
    "new years day": _new_year, "new years": _new_year, "new year": _new_year,
    "christmas day": _christmas, "christmas": _christmas, "xmas": _christmas,
    "boxing day": _boxing_day,
}  # fmt: skip
# Names that fit two holidays: the span runs from the first to the second.
_EITHER_BANK_HOLIDAY = {
    "may": (_early_may, _spring),
    "easter": (_good_friday, _easter_monday),
}


def _bank_holiday(found: re.Match[str], assumed: Assumed) -> Span:
    year = year_of(found, assumed)
    if year < _FIRST_BANK_HOLIDAY_YEAR:
        raise Unreadable(f"bank holidays are read by name from {_FIRST_BANK_HOLIDAY_YEAR}")
    name = found["name"]
    if name in _EITHER_BANK_HOLIDAY:
        first, second = _EITHER_BANK_HOLIDAY[name]
        return Span(first(year), second(year), Precision.RANGE)
    day = _BANK_HOLIDAYS[name](year)
    if found["weekend"] is None:
        return day_span(day)
    return _holiday_weekend(day)


def _holiday_weekend(day: date) -> Span:
    """The long weekend a bank holiday makes: back to the Saturday before a Monday or Tuesday
    holiday, on to the Sunday after a Thursday or Friday one."""
    weekday = day.weekday()
    if weekday in (0, 1):
        return Span(day - timedelta(days=weekday + 2), day, Precision.RANGE)
    if weekday in (3, 4):
        return Span(day, day + timedelta(days=6 - weekday), Precision.RANGE)
    raise Unreadable("that bank holiday makes no long weekend")


# --- festivals as a whole ----------------------------------------------------------------------


def _festival(found: re.Match[str], assumed: Assumed) -> Span:
    """`Christmas 2022` is the days around the 25th, not the 25th itself; `Easter 2021` the
    long weekend (Good Friday to Easter Monday); `New Year 2022` the night it began. Each is a
    best reading of a loose word, so approximate; the matcher widens approximate spans."""
    year = year_of(found, assumed)
    name = found["name"]
    if name in ("christmas", "xmas"):
        span = Span(date(year, 12, 24), date(year, 12, 26), Precision.RANGE, True)
    elif name == "easter":
        sunday = easter_sunday(year)
        span = Span(sunday - timedelta(days=2), sunday + timedelta(days=1), Precision.RANGE, True)
    else:
        span = Span(date(year - 1, 12, 31), date(year, 1, 1), Precision.RANGE, True)
    return within_window(span)


def _easter_weekend(found: re.Match[str], assumed: Assumed) -> Span:
    sunday = easter_sunday(year_of(found, assumed))
    return Span(sunday - timedelta(days=2), sunday + timedelta(days=1), Precision.RANGE)


_SAINTLY = "|".join(sorted({name[3:] for name in NAMED_DAYS if name.startswith("st ")}))
_NAMED = rf"(?P<name>{alternation(NAMED_DAYS)}|saint (?:{_SAINTLY}))"
_YEAR = r"(?: (?P<y>\d{4}))?"

FORMATS: FormatTable = (
    # Christmas Day 2022, Good Friday 2021, Mothering Sunday, St George's Day 2019
    (rf"{_NAMED}{_YEAR}", _read_named_day),
    # Halloween weekend 2021, Bonfire Night week
    (rf"{_NAMED} (?P<unit>week|weekend){_YEAR}", _week_or_weekend_of),
    # August bank holiday 2021, Spring Bank Holiday Monday, early May bank holiday weekend
    (
        rf"(?P<name>{alternation(frozenset(_BANK_HOLIDAYS) | frozenset(_EITHER_BANK_HOLIDAY))})"
        rf" bank holiday(?: monday)?(?: (?P<weekend>weekend))?{_YEAR}",
        _bank_holiday,
    ),
    # Easter weekend 2021
    (rf"easter (?:bank holiday )?weekend{_YEAR}", _easter_weekend),
    # Christmas 2022, Xmas, Easter 2021, New Year 2022
    (rf"(?P<name>christmas|xmas|easter|new year){_YEAR}", _festival),
)

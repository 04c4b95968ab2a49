"""Coarse periods: seasons, early/mid/late and halves of a month or year, weeks of a month,
quarters, financial and academic years, school terms, half-terms and school holidays.
Where a period's bounds vary (terms differ by local authority), the span is the widest usual
one and is marked approximate; the comment on each says where its bounds come from.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from adapters.dates.named_days import easter_sunday
from adapters.dates.spans import (
    Assumed,
    FormatTable,
    NotThisForm,
    Span,
    Unreadable,
    check_year,
    expand_following_year,
    month_end,
    nth_weekday,
    split_year,
    within_window,
    year_of,
)
from adapters.dates.words import (
    MONTH,
    MONTHS,
    ORDINAL,
    ORDINALS,
    SEASON,
    SEASON_STARTS,
    THIRD,
    THIRDS,
)
from domain.recorded_date import Precision

_YEAR = r"(?: (?P<y>\d{4}))?"


def season_bounds(year: int, start_month: int) -> tuple[date, date]:
    end_year, end_month = (year + 1, 2) if start_month == 12 else (year, start_month + 2)
    return date(year, start_month, 1), month_end(end_year, end_month)


def _season(found: re.Match[str], assumed: Assumed) -> Span:
    year = year_of(found, assumed)
    return _in_window(*season_bounds(year, SEASON_STARTS[found["season"]]), Precision.SEASON)


def _split_year_winter(found: re.Match[str], _assumed: Assumed) -> Span:
    """`Winter 2012/13`: the second year must follow the first."""
    year = split_year(found, "a winter")
    return _in_window(*season_bounds(year, 12), Precision.SEASON)


def _third_of_year(found: re.Match[str], _assumed: Assumed) -> Span:
    year, third = check_year(int(found["y"])), THIRDS[found["third"]]
    start, end = (date(year, 4 * third + 1, 1), month_end(year, 4 * third + 4))
    return Span(start, end, Precision.YEAR, approximate=True)


def _decade(found: re.Match[str], _assumed: Assumed) -> Span:
    """`the 1990s`, `early 2000s`, `the late 1980s`: a background period a writer recalls, not a
    date, so a span marked approximate (thirds of a decade: years 0-3, 4-6, 7-9)."""
    first = check_year(int(found["decade"]) * 10)
    start, end = first, first + 9
    if found["third"] is not None:
        third = THIRDS[found["third"]]
        start, end = first + (0, 4, 7)[third], first + (3, 6, 9)[third]
    return Span(date(start, 1, 1), date(end, 12, 31), Precision.RANGE, approximate=True)


def _third_of_month(found: re.Match[str], assumed: Assumed) -> Span:
    year, month, third = year_of(found, assumed), MONTHS[found["mon"]], THIRDS[found["third"]]
    last = month_end(year, month)
    start = date(year, month, 10 * third + 1)
    end = last if third == 2 else date(year, month, 10 * third + 10)
    return Span(start, end, Precision.MONTH, approximate=True)


def _half(found: re.Match[str], assumed: Assumed) -> Span:
    """The first or second half of a month (1-15, 16-end) or of a year (Jan-Jun, Jul-Dec):
    exact halves, so not approximate."""
    second = found["half"] in ("second", "2", "h2")
    year = year_of(found, assumed)
    month_name = found.groupdict().get("mon")
    if month_name is None:
        start = date(year, 7, 1) if second else date(year, 1, 1)
        return Span(start, month_end(year, 12 if second else 6), Precision.YEAR)
    month = MONTHS[month_name]
    if second:
        return Span(date(year, month, 16), month_end(year, month), Precision.MONTH)
    return Span(date(year, month, 1), date(year, month, 15), Precision.MONTH)


def _week_of_month(found: re.Match[str], assumed: Assumed) -> Span:
    """`first week of June` is read as days 1-7, `last week` as the last seven days. Writers may
    count from the first Monday instead, so the span is approximate (and widened by the matcher)."""
    year, month = year_of(found, assumed), MONTHS[found["mon"]]
    last = month_end(year, month)
    if found["nth"] == "last":
        return Span(last - timedelta(days=6), last, Precision.RANGE, approximate=True)
    start = 7 * (ORDINALS[found["nth"]] - 1) + 1
    if start > last.day:
        raise Unreadable("that month has no such week")
    end = date(year, month, min(start + 6, last.day))
    return Span(date(year, month, start), end, Precision.RANGE, approximate=True)


def _iso_week(found: re.Match[str], _assumed: Assumed) -> Span:
    """`2022-W09`, `week 9 2022`: the ISO week, Monday to Sunday; `2022-W09-4` is its Thursday."""
    year, week = check_year(int(found["y"])), int(found["w"])
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        raise Unreadable(f"{year} has no ISO week {week}") from None
    weekday = found.groupdict().get("d")
    if weekday is not None:
        day = monday + timedelta(days=int(weekday) - 1)
        return _in_window(day, day, Precision.DAY)
    return _in_window(monday, monday + timedelta(days=6), Precision.RANGE)


# --- quarters and financial years --------------------------------------------------------------

_QUARTER_WORDS = {"1": 1, "2": 2, "3": 3, "4": 4, "first": 1, "second": 2, "third": 3, "fourth": 4}


def _calendar_quarter(found: re.Match[str], _assumed: Assumed) -> Span:
    """`Q3 2020` is July to September 2020: three whole months, as precise as a season."""
    year, quarter = check_year(int(found["y"])), _QUARTER_WORDS[found["q"]]
    first_month = 3 * quarter - 2
    return Span(date(year, first_month, 1), month_end(year, first_month + 2), Precision.SEASON)


def _financial_quarter(found: re.Match[str], _assumed: Assumed) -> Span:
    """`Q3 2020/21`: quarters of the financial year, so Q1 is April to June and Q4 is January
    to March of the second year."""
    start = _financial_year_start(found)
    quarter = _QUARTER_WORDS[found["q"]]
    first = date(start.year + (quarter == 4), 3 * quarter + 1 if quarter < 4 else 1, 1)
    return _in_window(first, month_end(first.year, first.month + 2), Precision.SEASON)


def _financial_year_start(found: re.Match[str]) -> date:
    return date(split_year(found, "a financial year"), 4, 1)


def _financial_year(found: re.Match[str], _assumed: Assumed) -> Span:
    """`2021/22`, `FY 2021-22`: the UK public sector's year, 1 April to 31 March."""
    start = _financial_year_start(found)
    return _in_window(start, date(start.year + 1, 3, 31), Precision.RANGE)


def _slashed_years(found: re.Match[str], assumed: Assumed) -> Span:
    """`2021/22` alone is a financial year when its years follow each other; otherwise it is
    some other form (`2012/06` is June 2012)."""
    year = int(found["y"])
    if expand_following_year(year, found["y2"]) != year + 1:
        raise NotThisForm
    return _financial_year(found, assumed)


def _financial_year_ending(found: re.Match[str], _assumed: Assumed) -> Span:
    """`FYE 2022`: the financial year that ends on 31 March 2022."""
    year = check_year(int(found["y"]))
    return _in_window(date(year - 1, 4, 1), date(year, 3, 31), Precision.RANGE)


def _academic_year(found: re.Match[str], _assumed: Assumed) -> Span:
    """`academic year 2021/22`: 1 September to 31 August."""
    year = split_year(found, "an academic year")
    return _in_window(date(year, 9, 1), date(year + 1, 8, 31), Precision.RANGE)


# --- school terms and holidays (England and Wales) ---------------------------------------------


def _term(found: re.Match[str], assumed: Assumed) -> Span:
    """A school term, with its calendar year or its academic year (`Spring term 2021/22` is in
    2022). Term dates vary by local authority, so each span is the widest usual one:
    autumn from 1 September to the 23 December; spring from 1 January to the Easter holidays,
    which start by 14 April or at Good Friday; summer from the Easter holidays (1 April, or
    Easter Monday when earlier) to 25 July."""
    term = found["term"]
    if found["y2"] is not None:
        year = split_year(found, "an academic year") + (term != "autumn")
    else:
        year = year_of(found, assumed)
    if term == "autumn":
        return _in_window(date(year, 9, 1), date(year, 12, 23), Precision.SEASON, True)
    easter = easter_sunday(year)
    if term == "spring":
        end = max(date(year, 4, 14), easter - timedelta(days=2))
        return _in_window(date(year, 1, 1), end, Precision.SEASON, True)
    start = min(date(year, 4, 1), easter + timedelta(days=1))
    return _in_window(start, date(year, 7, 25), Precision.SEASON, True)


def _half_term(found: re.Match[str], assumed: Assumed) -> Span:
    """A half-term week with the weekends either side. October's Monday falls between about
    the 19th and the 30th, February's between the 9th and the 24th (authorities differ);
    May's is the week of the last Monday in May almost everywhere."""
    year = year_of(found, assumed)
    which = found["which"]
    if which in ("october", "oct", "autumn"):
        first_monday, last_monday = date(year, 10, 19), date(year, 10, 30)
    elif which in ("february", "feb", "spring"):
        first_monday, last_monday = date(year, 2, 9), date(year, 2, 24)
    else:
        first_monday = last_monday = nth_weekday(year, 5, 0, -1)
    return _in_window(
        first_monday - timedelta(days=2),
        last_monday + timedelta(days=6),
        Precision.RANGE,
        True,
    )


def _school_holidays(found: re.Match[str], assumed: Assumed) -> Span:
    """School holidays, as wide as authorities make them: Christmas from 16 December to
    8 January; Easter the fortnight either side of Easter Sunday, or the first fortnight of
    April where the holidays are fixed; summer from 17 July to 7 September. `Christmas period`,
    `Christmas week` and `festive period` are Christmas Eve to New Year's Day."""
    year = year_of(found, assumed)
    which = found["which"]
    if found.groupdict().get("period") is not None:
        return _in_window(date(year, 12, 24), date(year + 1, 1, 1), Precision.RANGE, True)
    if which in ("christmas", "xmas"):
        return _in_window(date(year, 12, 16), date(year + 1, 1, 8), Precision.RANGE, True)
    if which == "easter":
        sunday = easter_sunday(year)
        start = min(sunday - timedelta(days=16), date(year, 3, 30))
        end = max(sunday + timedelta(days=15), date(year, 4, 17))
        return _in_window(start, end, Precision.RANGE, True)
    return _in_window(date(year, 7, 17), date(year, 9, 7), Precision.RANGE, True)


def _in_window(
    earliest: date, latest: date, precision: Precision, approximate: bool = False
) -> Span:
    return within_window(Span(earliest, latest, precision, approximate))


_QUARTER = r"(?:q|qtr|quarter) ?(?P<q>[1-4])"
_NTH_QUARTER = r"(?P<q>[1-4]|first|second|third|fourth) (?:qtr|quarter)"
_SPLIT_YEAR = r"(?P<y>\d{4})[/-](?P<y2>\d{4}|\d{2})"
# `2021/22` is a financial year only with a slash (`2012-13` is refused as a month, as
# before), unless words say so; `FY21/22` may shorten both years.
_FY_NAMED = (
    r"(?:fy|f/y|financial year|fin year) ?(?P<y>\d{4}|\d{2})[/-](?P<y2>\d{4}|\d{2})",
    rf"{_SPLIT_YEAR} (?:fy|financial year)",
)
_FY_SLASHED = r"(?P<y>\d{4})/(?P<y2>\d{4}|\d{2})"
_FINANCIAL_YEARS = (*_FY_NAMED, _FY_SLASHED)

FORMATS: FormatTable = (
    # Winter 2012/13
    (rf"winter {_SPLIT_YEAR}", _split_year_winter),
    # Spring 2016, summer of 2014, Summer '20
    (rf"(?P<season>{SEASON})(?:[ -]?(?P<y>\d{{4}}))?", _season),
    # early June 2014, mid-June 2014, end of March 2022, mid-July
    (rf"(?P<third>{THIRD})[ -]?(?P<mon>{MONTH}){_YEAR}", _third_of_month),
    # early 2015, mid-2015, end of 2015, beginning of 2021
    (rf"(?P<third>{THIRD})[ -]?(?P<y>\d{{4}})", _third_of_year),
    # the 1990s, early 2000s, the late 1980s, mid-1990's
    (rf"(?:(?P<third>{THIRD})[ -]?)?(?P<decade>\d{{3}})0'?s", _decade),
    # first half of 2022, second half of March 2022, H1 2022
    (rf"(?P<half>first|second|1|2) half(?: (?P<mon>{MONTH}))?{_YEAR}", _half),
    (r"(?P<half>h1|h2) (?P<y>\d{4})", _half),
    # first week of June 2022, last week of June
    (rf"(?P<nth>{ORDINAL}|last) week (?P<mon>{MONTH}){_YEAR}", _week_of_month),
    # 2022-W09, 2022W094, week 9 2022, wk 9 of 2022
    (r"(?P<y>\d{4})-?w(?P<w>\d{2})(?:-?(?P<d>[1-7]))?", _iso_week),
    (r"(?:week|wk) ?(?P<w>\d{1,2}) (?P<y>\d{4})", _iso_week),
    # Q3 2020/21, Qtr 3 FY 2020-21, FY20/21 Q3
    *((rf"{_QUARTER} {years}", _financial_quarter) for years in _FINANCIAL_YEARS),
    *((rf"{years}[ -]{_QUARTER}", _financial_quarter) for years in _FINANCIAL_YEARS),
    # Q3 2020, 2020 Q3, 2020-Q3, Q3/2020, Quarter 3 2020, third quarter of 2020
    (rf"{_QUARTER}[ /-]?(?P<y>\d{{4}})", _calendar_quarter),
    (rf"(?P<y>\d{{4}})[ /-]?{_QUARTER}", _calendar_quarter),
    (rf"{_NTH_QUARTER} (?P<y>\d{{4}})", _calendar_quarter),
    # 2021/22, FY 2021-22, FY21/22, financial year 2021/22, 2021-22 financial year
    *((years, _financial_year) for years in _FY_NAMED),
    (_FY_SLASHED, _slashed_years),
    # FYE 2022, financial year ending 31 March 2022
    (
        r"(?:fye|fy end(?:ing)?|financial year end(?:ing)?) (?:31 march |31 mar |31/0?3/)?"
        r"(?P<y>\d{4})",
        _financial_year_ending,
    ),
    # academic year 2021/22, school year 2021-22, 2021/22 academic year
    (rf"(?:academic|school) year {_SPLIT_YEAR}", _academic_year),
    (rf"{_SPLIT_YEAR} (?:academic|school) year", _academic_year),
    # Autumn term 2021, Spring term 2021/22, summer term
    (
        r"(?P<term>autumn|spring|summer) term(?: (?P<y>\d{4})(?:[/-](?P<y2>\d{4}|\d{2}))?)?",
        _term,
    ),
    # October half-term 2022, February half term, May half-term
    (
        r"(?P<which>october|oct|autumn|february|feb|spring|may|whitsun|summer)"
        rf" half[ -]?term(?: holidays?| week)?{_YEAR}",
        _half_term,
    ),
    # Christmas holidays 2022, school Easter holidays, summer holidays 2021, festive period,
    # Christmas week 2021
    (
        rf"(?:school )?(?P<which>christmas|xmas|easter|summer) (?:school )?holidays?{_YEAR}",
        _school_holidays,
    ),
    (rf"(?P<which>christmas|xmas|festive) (?P<period>period|week){_YEAR}", _school_holidays),
)

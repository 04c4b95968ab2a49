"""Reading agency date and time cells: which texts we accept and the span each can mean.

Owns every date format (`16/06/2012`, `Dec 2012`, `c. Spring 2016`, ranges, Excel serials), the
clock-time formats, and the separate precision/approx column some agencies add.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

from domain.recorded_date import Precision, RecordedDate


class DateReadError(ValueError):
    """Raised when a cell cannot be read as a date."""


class TimeReadError(ValueError):
    """Raised when a cell cannot be read as a time of day."""


class _Unreadable(Exception):
    """Why a piece of text is not a date or time.

    `recognised` is True when the text had a known shape but impossible values (`31/02/2012`):
    such text is reported as it is, rather than being tried again as a range.
    """

    def __init__(self, reason: str, *, recognised: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.recognised = recognised


class _Span(NamedTuple):
    earliest: date
    latest: date
    precision: Precision
    approximate: bool = False


_Handler = Callable[[re.Match[str], bool], _Span]

# Years outside this window are almost always a misread number (a time such as `0128`, a ref).
_MIN_YEAR = 1800
_MAX_YEAR = 2199
# Two-digit years: 00-69 are 2000s, 70-99 are 1900s (the same pivot spreadsheets use).
_TWO_DIGIT_PIVOT = 70
# Excel's 1900 date system counts a 29 Feb 1900 that never existed (serial 60), so from serial
# 61 on, serial n is 30 Dec 1899 + n days. We only accept serials well past that point.
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_MIN_SERIAL = 20000
_EXCEL_MAX_SERIAL = 80000
_SECONDS_PER_DAY = 86400

_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_MONTHS: dict[str, int] = {
    **{name: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    **{name[:3]: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    "sept": 9,
}
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAYS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(_WEEKDAY_NAMES)},
    **{name[:3].lower(): number for number, name in enumerate(_WEEKDAY_NAMES)},
    "tues": 1, "weds": 2, "thur": 3, "thurs": 3,
}  # fmt: skip
# Meteorological seasons, by their first month; winter starts in December of its named year.
_SEASON_STARTS: dict[str, int] = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
# "early/mid/late" split a year or month into thirds; the words are vague, so always approximate.
_THIRDS: dict[str, int] = {
    "early": 0, "start": 0, "beginning": 0,
    "mid": 1, "middle": 1,
    "late": 2, "end": 2,
}  # fmt: skip


def _alternation(words: dict[str, int]) -> str:
    """A regex alternation of the words, longest first so `june` wins over `jun`."""
    return "|".join(sorted(words, key=len, reverse=True))


_MONTH = _alternation(_MONTHS)
_SEASON = _alternation(_SEASON_STARTS)
_THIRD = _alternation(_THIRDS)
_WEEKDAY = _alternation(_WEEKDAYS)

_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))
_UNKNOWN = re.compile(
    r"unknown|not known|date unknown|unknown date|n/?k|n/?a|unk|tbc|tbd|undated|no date"
    r"|not recorded|\?+|-+"
)
_APPROX_LEADING = re.compile(
    r"(?:~|\?|(?:c|ca|circa|approx|approximately|about|abt|around|roughly|est|estimated)\b\.?)\s*"
)
_APPROX_TRAILING = re.compile(
    r"\s*(?:\?|[(\[]\s*(?:approx|approximate|approximately|estimated|est|circa|ca|c\.?|\?)\s*[)\]]"
    r"|\b(?:approx|approximate|approximately|estimated))$"
)
_OPEN_ENDED = re.compile(
    r"(?:before|after|since|until|till|by|from|between|prior to|not before|not after"
    r"|no later than|no earlier than|up to|pre|post)\b"
    r"|.*\b(?:onwards?|or later|or earlier|and later|and earlier|or before|or after)$"
    r"|.*(?:-|\bto|\buntil) (?:present|now|date|today|ongoing)$"
)
_RANGE_PREFIX = re.compile(r"(?:between|from) (?P<rest>.+)")
# Spaced separators are tried before a bare hyphen, which is also part of many single dates.
_RANGE_SEPARATORS = (re.compile(r" (?:-|to|and|until|till) "), re.compile(r"-"))
_WEEKDAY_PREFIX = re.compile(rf"(?P<weekday>{_WEEKDAY}) (?P<rest>.+)")


# Chronologies repeat the same date and time texts many times (several contacts a day), and these
# functions are pure, so remembering recent answers makes intake of large files much cheaper.
_CACHE_SIZE = 65536


# The two shapes most agency systems export (16/06/2012 and 2012-06-16), read without the
# general phrase machinery; anything else, or any impossible day, takes the general path.
_PLAIN_DAY_FIRST = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
_PLAIN_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _plain_date(original: str, day_first: bool) -> RecordedDate | None:
    found = _PLAIN_DAY_FIRST.fullmatch(original) if day_first else None
    if found is not None:
        day, month, year = (int(part) for part in found.groups())
    else:
        found = _PLAIN_ISO.fullmatch(original)
        if found is None:
            return None
        year, month, day = (int(part) for part in found.groups())
    if not 1800 <= year <= 2199:
        return None  # the general path explains why such a year is refused
    try:
        when = date(year, month, day)
    except ValueError:
        return None
    return RecordedDate(original, when, when, Precision.DAY, False)


@lru_cache(maxsize=_CACHE_SIZE)
def read_date(text: str, *, day_first: bool = True) -> RecordedDate:
    """Read one date cell as the span it can mean, never more precise than written."""
    original = text.strip()
    plain = _plain_date(original, day_first)
    if plain is not None:
        return plain
    try:
        span = _read_phrase(_normalise(original), day_first)
    except _Unreadable as problem:
        raise DateReadError(f"cannot read {original!r} as a date: {problem.reason}") from None
    return RecordedDate(original, span.earliest, span.latest, span.precision, span.approximate)


# A time cell that says, in words, that the time is not known to the minute: no clock time is
# read from it (the words stay in the row's cells), and the row is not unreadable for it.
_VAGUE_TIME = re.compile(
    r"(?:(?:early|late)[ -]?)?(?:morning|afternoon|evening|night|overnight|daytime|day)"
    r"|mid[ -](?:morning|afternoon|evening)"
    r"|unknown|not known|n/?k|unk|tbc|various|n/?a|am|pm|a\.m\.|p\.m\.|-+|\?+"
)
# "approx 2300", "c. 23:00", "around 11pm": read as the clock time written.
_APPROXIMATE_TIME = re.compile(r"^(?:approx\.?|approximately|circa|c\.|ca\.|about|around|~)\s*")


@lru_cache(maxsize=_CACHE_SIZE)
def read_time(text: str) -> str | None:
    """Read a time-of-day cell as 24-hour `HH:MM`, or `HH:MM:SS` when seconds are written;
    None when the cell says in words that the time is not known ("evening", "unknown")."""
    original = text.strip()
    plain = " ".join(original.lower().split())
    if _VAGUE_TIME.fullmatch(plain):
        return None
    try:
        return _read_clock(_APPROXIMATE_TIME.sub("", original.lower(), count=1).strip() or original)
    except _Unreadable as problem:
        raise TimeReadError(f"cannot read {original!r} as a time: {problem.reason}") from None


@lru_cache(maxsize=_CACHE_SIZE)
def read_when(text: str, *, day_first: bool = True) -> tuple[RecordedDate, str | None]:
    """Read a cell holding a date and perhaps a time of day; the time is None when absent."""
    original = text.strip()
    serial = _EXCEL_SERIAL.fullmatch(original)
    if serial is not None:
        return _read_excel_when(original, serial, day_first)
    try:
        return read_date(original, day_first=day_first), None
    except DateReadError:
        split = _split_date_and_time(original, day_first)
        if split is None:
            raise
        return split


class Moment(NamedTuple):
    """A date cell as read: the date, the clock time if written, and the zone the source wrote
    that time in (None when it wrote none). With a zone, date and time are UK local time."""

    when: RecordedDate
    time: str | None
    written_zone: str | None = None


_ISO_ZONED = re.compile(
    r"(?P<day>\d{4}-\d{2}-\d{2})[T ](?P<clock>\d{2}:\d{2}(?::\d{2})?)(?:[.,]\d+)?"
    r"\s*(?P<zone>Z|UTC|GMT|[+-]\d{2}:?\d{2})",
    re.IGNORECASE,
)
_UK = ZoneInfo("Europe/London")


def read_moment(text: str, *, day_first: bool = True, year: int | None = None) -> Moment:
    """Read a date cell, perhaps with a time and a zone, as UK local time.

    `year` is the year to assume for a date written without one ("14/03" under a section
    heading "2021", or in a file whose neighbouring rows are all that year)."""
    original = text.strip()
    zoned = _ISO_ZONED.fullmatch(original)
    if zoned is not None:
        return _local_moment(original, zoned)
    try:
        return Moment(*read_when(original, day_first=day_first))
    except DateReadError:
        if year is None or _HAS_YEAR.search(original):
            raise
        completed = (
            f"{original}/{year}" if _NUMERIC_DAY_MONTH.fullmatch(original) else f"{original} {year}"
        )
        try:
            when, time = read_when(completed, day_first=day_first)
        except (DateReadError, TimeReadError):
            raise DateReadError(
                f"cannot read {original!r} as a date, even as a day of {year}"
            ) from None
        return Moment(replace(when, text=original), time)


_NUMERIC_DAY_MONTH = re.compile(r"\d{1,2}[/.]\d{1,2}")
# A date that already says its year: four digits, or a numeric date ending in two.
_HAS_YEAR = re.compile(r"\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2}\b|'\d{2}\b")


def _local_moment(original: str, zoned: re.Match[str]) -> Moment:
    zone_text = zoned["zone"].upper()
    if zone_text in ("Z", "UTC", "GMT"):
        offset, written = timedelta(0), "UTC"
    else:
        sign = -1 if zone_text[0] == "-" else 1
        digits = zone_text[1:].replace(":", "")
        offset = sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        written = f"{zone_text[0]}{digits[:2]}:{digits[2:]}"
    clock = zoned["clock"]
    instant = datetime.fromisoformat(f"{zoned['day']}T{clock}").replace(tzinfo=timezone(offset))
    local = instant.astimezone(_UK)
    day = local.date()
    shown = local.strftime("%H:%M:%S" if clock.count(":") == 2 else "%H:%M")
    return Moment(RecordedDate(original, day, day, Precision.DAY, False), shown, written)


def is_date_qualifier(text: str) -> bool:
    """True for a word a precision/approx column holds ("exact", "approx", "month"...)."""
    word = " ".join(text.split()).lower().rstrip(".")
    return (
        word in _EXACT_QUALIFIERS
        or word in _APPROXIMATE_QUALIFIERS
        or (word in _WIDENING_QUALIFIERS)
    )


def qualify_date(recorded: RecordedDate, qualifier: str) -> RecordedDate:
    """Apply a separate precision/approx column to a date; it may widen the span, never narrow."""
    word = " ".join(qualifier.split()).lower().rstrip(".")
    if word in _EXACT_QUALIFIERS:
        return recorded
    if word in _APPROXIMATE_QUALIFIERS:
        return replace(recorded, approximate=True)
    widening = _WIDENING_QUALIFIERS.get(word)
    if widening is None:
        raise DateReadError(
            f"cannot apply qualifier {qualifier!r} to the date {recorded.text!r}: "
            "expected exact, approx, month, season, year or period"
        )
    return _widen(recorded, *widening)


# --- normalising -------------------------------------------------------------------------------


def _normalise(text: str) -> str:
    """Lower-case, one space between words, plain hyphens, no ordinals, commas or stray dots."""
    s = " ".join(text.translate(_DASHES).split()).lower()
    s = s.rstrip(".").replace(",", " ")
    s = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", s)
    # Dots after words are abbreviation marks (`Sept.`, `approx.`); a lone `c.` keeps its dot.
    s = re.sub(r"\b([a-z]{2,})\.", r"\1 ", s)
    # "16th of June", "summer of 2014", "the middle of 2015": these words add nothing.
    s = re.sub(r"\b(?:the|of)\b", " ", s)
    return " ".join(s.split())


def _strip_approximate(s: str) -> tuple[str, bool]:
    """Remove leading and trailing uncertainty marks, saying whether there were any."""
    approximate = False
    while True:
        stripped = _APPROX_TRAILING.sub("", s)
        leading = _APPROX_LEADING.match(stripped)
        if leading is not None:
            stripped = stripped[leading.end() :]
        if stripped == s:
            return s, approximate
        s, approximate = stripped.strip(), True


# --- phrases and ranges ------------------------------------------------------------------------


def _read_phrase(s: str, day_first: bool) -> _Span:
    """Read a whole cell: a single date, or a range of two."""
    if not s:
        raise _Unreadable("the cell is empty")
    if _UNKNOWN.fullmatch(s):
        raise _Unreadable("the date is recorded as unknown")
    s, approximate = _strip_approximate(s)
    span = _read_single_or_range(s, day_first)
    return span._replace(approximate=span.approximate or approximate)


# "w/c 20/10/2014" (week commencing) and "w/e 26/10/2014" (week ending): the seven days meant.
_WEEK_OF = re.compile(
    r"(?P<which>w/c|w\.c\.|wc|wk/c|w/b|week commencing|week beginning|week starting"
    r"|w/e|w\.e\.|wk/e|week ending)\s*:?\s*(?P<rest>.+)"
)
_WEEK_ENDING = frozenset({"w/e", "w.e.", "wk/e", "week ending"})


def _read_single_or_range(s: str, day_first: bool) -> _Span:
    week = _WEEK_OF.fullmatch(s)
    if week is not None:
        day = _read_single(week["rest"], day_first)
        if day.precision != Precision.DAY:
            raise _Unreadable("a week commencing or ending needs a day to start or end on")
        if week["which"] in _WEEK_ENDING:
            return _Span(day.earliest - timedelta(days=6), day.latest, Precision.RANGE)
        return _Span(day.earliest, day.latest + timedelta(days=6), Precision.RANGE)
    prefixed = _RANGE_PREFIX.fullmatch(s)
    if prefixed is not None:
        span = _read_range(prefixed["rest"], day_first)
        if span is not None:
            return span
    if _OPEN_ENDED.match(s):
        raise _Unreadable("it is open-ended (no start or no end), so it cannot be given a span")
    try:
        return _read_single(s, day_first)
    except _Unreadable as problem:
        if problem.recognised:
            raise
        span = _read_range(s, day_first)
        if span is None:
            raise
        return span


def _read_range(s: str, day_first: bool) -> _Span | None:
    """Read `start - end`; None when no separator splits the text into two dates."""
    first_problem: _Unreadable | None = None
    for separator in _RANGE_SEPARATORS:
        readings: set[tuple[_Span, _Span]] = set()
        for found in separator.finditer(s):
            try:
                readings.add(_read_range_parts(s[: found.start()], s[found.end() :], day_first))
            except _Unreadable as problem:
                if problem.recognised and first_problem is None:
                    first_problem = problem
        if len(readings) > 1:
            raise _Unreadable("it can be split into a range in more than one way")
        if readings:
            return _join_range(*readings.pop())
    if first_problem is not None:
        raise first_problem
    return None


def _read_range_parts(start_text: str, end_text: str, day_first: bool) -> tuple[_Span, _Span]:
    end = _read_single(end_text.strip(), day_first)
    return _read_range_start(start_text.strip(), end_text.strip(), day_first), end


def _read_range_start(start_text: str, end_text: str, day_first: bool) -> _Span:
    """Read a range's start, borrowing the year (and month) the writer left to the end part.

    `June-August 2014` and `16 - 20 June 2014` say the shared parts once, at the end.
    """
    try:
        return _read_single(start_text, day_first)
    except _Unreadable as problem:
        end_words = end_text.split(" ")
        for shared in range(1, len(end_words)):
            completed = f"{start_text} {' '.join(end_words[-shared:])}"
            try:
                return _read_single(completed, day_first)
            except _Unreadable:
                continue
        raise problem from None


def _join_range(start: _Span, end: _Span) -> _Span:
    if end.latest < start.earliest:
        raise _Unreadable("the range ends before it starts")
    return _Span(start.earliest, end.latest, Precision.RANGE, start.approximate or end.approximate)


# --- single dates ------------------------------------------------------------------------------


def _read_single(s: str, day_first: bool) -> _Span:
    """Read one date (no range), with its own uncertainty marks and an optional weekday."""
    s, approximate = _strip_approximate(s)
    if not s:
        raise _Unreadable("there is no date in it", recognised=False)
    weekday: int | None = None
    prefixed = _WEEKDAY_PREFIX.fullmatch(s)
    if prefixed is not None:
        weekday, s = _WEEKDAYS[prefixed["weekday"]], prefixed["rest"]
    span = _match_format(s, day_first)
    if weekday is not None:
        _check_weekday(span, weekday)
    return span._replace(approximate=span.approximate or approximate)


def _match_format(s: str, day_first: bool) -> _Span:
    for pattern, handler in _FORMATS:
        found = pattern.fullmatch(s)
        if found is not None:
            return handler(found, day_first)
    raise _Unreadable("it is not a date format we recognise", recognised=False)


def _check_weekday(span: _Span, weekday: int) -> None:
    """A written weekday must agree with the date; if not, we cannot tell which one is wrong."""
    if span.precision is not Precision.DAY:
        raise _Unreadable("it names a weekday but not a single day")
    actual = span.earliest.weekday()
    if actual != weekday:
        raise _Unreadable(
            f"{span.earliest:%d/%m/%Y} was a {_WEEKDAY_NAMES[actual]}, "
            f"not a {_WEEKDAY_NAMES[weekday]}"
        )


def _numeric_day(found: re.Match[str], day_first: bool) -> _Span:
    first, second = int(found["a"]), int(found["b"])
    day, month = (first, second) if day_first else (second, first)
    if not 1 <= month <= 12:
        order = "day/month/year" if day_first else "month/day/year"
        raise _Unreadable(f"month out of range (read as {order})")
    return _day_span(_make_date(_expand_year(found["y"]), month, day))


def _year_first_day(found: re.Match[str], _day_first: bool) -> _Span:
    return _day_span(_make_date(int(found["y"]), int(found["m"]), int(found["d"])))


def _named_day(found: re.Match[str], _day_first: bool) -> _Span:
    month = _MONTHS[found["mon"]]
    return _day_span(_make_date(_expand_year(found["y"]), month, int(found["d"])))


def _excel_day(found: re.Match[str], _day_first: bool) -> _Span:
    day, _seconds = _excel_serial(found.group(0))
    return _day_span(day)


def _named_month(found: re.Match[str], _day_first: bool) -> _Span:
    return _month_span(int(found["y"]), _MONTHS[found["mon"]])


def _numeric_month(found: re.Match[str], _day_first: bool) -> _Span:
    return _month_span(int(found["y"]), int(found["m"]))


def _season(found: re.Match[str], _day_first: bool) -> _Span:
    year = int(found["y"])
    _check_year(year)
    return _Span(*_season_bounds(year, _SEASON_STARTS[found["season"]]), Precision.SEASON)


def _split_year_winter(found: re.Match[str], _day_first: bool) -> _Span:
    """`Winter 2012/13`: the second year must follow the first."""
    year = int(found["y"])
    _check_year(year)
    if _expand_following_year(year, found["y2"]) != year + 1:
        raise _Unreadable("a winter spans two consecutive years")
    return _Span(*_season_bounds(year, 12), Precision.SEASON)


def _third_of_year(found: re.Match[str], _day_first: bool) -> _Span:
    year, third = int(found["y"]), _THIRDS[found["third"]]
    _check_year(year)
    start, end = (date(year, 4 * third + 1, 1), _month_end(year, 4 * third + 4))
    return _Span(start, end, Precision.YEAR, approximate=True)


def _third_of_month(found: re.Match[str], _day_first: bool) -> _Span:
    year, month, third = int(found["y"]), _MONTHS[found["mon"]], _THIRDS[found["third"]]
    _check_year(year)
    last = _month_end(year, month)
    start = date(year, month, 10 * third + 1)
    end = last if third == 2 else date(year, month, 10 * third + 10)
    return _Span(start, end, Precision.MONTH, approximate=True)


def _year(found: re.Match[str], _day_first: bool) -> _Span:
    year = int(found["y"])
    _check_year(year)
    return _Span(date(year, 1, 1), date(year, 12, 31), Precision.YEAR)


# Each row is one written shape of a date, matched against the whole normalised text.
_FORMAT_TABLE: tuple[tuple[str, _Handler], ...] = (
    # 16/06/2012, 16.06.2012, 16-6-12 (one separator throughout)
    (r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})", _numeric_day),
    # 2012-06-16, 2012/06/16
    (r"(?P<y>\d{4})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})", _year_first_day),
    # 20120616
    (r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})", _year_first_day),
    # 41076, 41076.0611 (Excel serial; the fraction is a time of day)
    (r"\d{5}(?:\.\d+)?", _excel_day),
    # 16 June 2012, 14-Mar-17, 14 Mar 17
    (rf"(?P<d>\d{{1,2}})[ /-]?(?P<mon>{_MONTH})[ /-]?(?P<y>\d{{4}}|\d{{2}})", _named_day),
    # June 16 2012 (the comma is already gone)
    (rf"(?P<mon>{_MONTH}) (?P<d>\d{{1,2}}) (?P<y>\d{{4}})", _named_day),
    # Dec 2012, December 2012
    (rf"(?P<mon>{_MONTH})[ /-]?(?P<y>\d{{4}})", _named_month),
    # 12/2012
    (r"(?P<m>\d{1,2})[/.-](?P<y>\d{4})", _numeric_month),
    # 2012-12
    (r"(?P<y>\d{4})[/.-](?P<m>\d{1,2})", _numeric_month),
    # Winter 2012/13
    (r"winter (?P<y>\d{4})[/-](?P<y2>\d{4}|\d{2})", _split_year_winter),
    # Spring 2016, summer of 2014
    (rf"(?P<season>{_SEASON})[ -]?(?P<y>\d{{4}})", _season),
    # early June 2014, mid-June 2014
    (rf"(?P<third>{_THIRD})[ -]?(?P<mon>{_MONTH}) (?P<y>\d{{4}})", _third_of_month),
    # early 2015, mid-2015, end of 2015
    (rf"(?P<third>{_THIRD})[ -]?(?P<y>\d{{4}})", _third_of_year),
    # 2013
    (r"(?P<y>\d{4})", _year),
)
_FORMATS = tuple((re.compile(pattern), handler) for pattern, handler in _FORMAT_TABLE)


# --- calendar arithmetic -----------------------------------------------------------------------


def _check_year(year: int) -> None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise _Unreadable(f"year {year} is outside {_MIN_YEAR}-{_MAX_YEAR}")


def _expand_year(text: str) -> int:
    if len(text) != 2:
        return int(text)
    short = int(text)
    return (1900 if short >= _TWO_DIGIT_PIVOT else 2000) + short


def _expand_following_year(year: int, text: str) -> int:
    """`2012/13` means 2013: a two-digit second year takes the first year's century."""
    return year // 100 * 100 + int(text) if len(text) == 2 else int(text)


def _make_date(year: int, month: int, day: int) -> date:
    _check_year(year)
    if not 1 <= month <= 12:
        raise _Unreadable("month out of range")
    if not 1 <= day <= _month_end(year, month).day:
        raise _Unreadable("day out of range for month")
    return date(year, month, day)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _day_span(day: date) -> _Span:
    return _Span(day, day, Precision.DAY)


def _month_span(year: int, month: int) -> _Span:
    start = _make_date(year, month, 1)
    return _Span(start, _month_end(year, month), Precision.MONTH)


def _season_bounds(year: int, start_month: int) -> tuple[date, date]:
    end_year, end_month = (year + 1, 2) if start_month == 12 else (year, start_month + 2)
    return date(year, start_month, 1), _month_end(end_year, end_month)


def _month_containing(day: date) -> tuple[date, date]:
    return date(day.year, day.month, 1), _month_end(day.year, day.month)


def _season_containing(day: date) -> tuple[date, date]:
    # January and February belong to the winter that began the December before.
    if day.month <= 2:
        return _season_bounds(day.year - 1, 12)
    return _season_bounds(day.year, day.month - (day.month % 3))


def _year_containing(day: date) -> tuple[date, date]:
    return date(day.year, 1, 1), date(day.year, 12, 31)


# --- Excel serial numbers ----------------------------------------------------------------------

_EXCEL_SERIAL = re.compile(r"(?P<days>\d{5})(?:\.(?P<fraction>\d+))?")


def _excel_serial(text: str) -> tuple[date, int]:
    """An Excel serial as (day, seconds into it); the fraction of a day is the time."""
    days = int(text.split(".")[0])
    if not _EXCEL_MIN_SERIAL <= days <= _EXCEL_MAX_SERIAL:
        raise _Unreadable(
            f"{days} is outside the Excel serial dates we accept "
            f"({_EXCEL_MIN_SERIAL}-{_EXCEL_MAX_SERIAL})"
        )
    # Rounded as a whole so that 0.99999... of a day becomes midnight of the next day.
    total = int((Decimal(text) * _SECONDS_PER_DAY).to_integral_value(ROUND_HALF_UP))
    whole_days, seconds = divmod(total, _SECONDS_PER_DAY)
    return _EXCEL_EPOCH + timedelta(days=whole_days), seconds


def _read_excel_when(
    original: str, serial: re.Match[str], day_first: bool
) -> tuple[RecordedDate, str | None]:
    recorded = read_date(original, day_first=day_first)
    # Float conversions write `41076.0` for a plain date, so an all-zero fraction is no time.
    fraction = serial["fraction"]
    if fraction is None or not fraction.strip("0"):
        return recorded, None
    _day, seconds = _excel_serial(original)
    return recorded, _format_seconds(seconds)


def _format_seconds(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}" if secs == 0 else f"{hours:02d}:{minutes:02d}:{secs:02d}"


# --- dates followed by times -------------------------------------------------------------------

_ISO_TIME_MARK = re.compile(r"(?<=\d)[Tt](?=\d)")
_DATE_TIME_JOINER = re.compile(r"(?:\s*(?:,|@|\bat\b))+\s*$", re.IGNORECASE)
# A time is written as one word (`01:28`, `3.54pm`) or two (`3:54 pm`, `01:28 hrs`).
_TIME_WORD_COUNTS = (1, 2)


def _split_date_and_time(original: str, day_first: bool) -> tuple[RecordedDate, str] | None:
    """Read `<date> [at] <time>`; None when no split reads, TimeReadError for a bad time."""
    words = _ISO_TIME_MARK.sub(" ", " ".join(original.split())).split(" ")
    time_problem: _Unreadable | None = None
    for count in _TIME_WORD_COUNTS:
        if len(words) <= count:
            continue
        date_text = _DATE_TIME_JOINER.sub("", " ".join(words[:-count]))
        try:
            recorded = read_date(date_text, day_first=day_first)
        except DateReadError:
            continue
        # A time of day only means something on a known day.
        if recorded.precision is not Precision.DAY:
            continue
        try:
            clock = _read_clock(" ".join(words[-count:]))
        except _Unreadable as problem:
            time_problem = time_problem or problem
            continue
        return replace(recorded, text=original), clock
    if time_problem is not None:
        raise TimeReadError(f"cannot read {original!r} as a date and time: {time_problem.reason}")
    return None


# --- times of day ------------------------------------------------------------------------------

_CLOCK_WORDS: dict[str, tuple[int, int]] = {"noon": (12, 0), "midday": (12, 0), "midnight": (0, 0)}


def _read_clock(original: str) -> str:
    s = _normalise_clock(original)
    if not s:
        raise _Unreadable("the cell is empty")
    for pattern, handler in _CLOCK_FORMATS:
        found = pattern.fullmatch(s)
        if found is not None:
            return handler(found)
    raise _Unreadable("it is not a time format we recognise")


def _normalise_clock(text: str) -> str:
    s = " ".join(text.split()).lower()
    s = re.sub(r"\b([ap])\.m\b\.?", r"\1m", s).rstrip(".")
    # `hrs` is a police-log habit: `2343hrs`, `01:28 hrs`.
    return re.sub(r"\s*(?:hrs|hr|hours|h)$", "", s)


def _clock_word(found: re.Match[str]) -> str:
    hours, minutes = _CLOCK_WORDS[found["word"]]
    return _format_clock(hours, minutes, None)


def _twelve_hour(found: re.Match[str]) -> str:
    hours = int(found["h"])
    if not 1 <= hours <= 12:
        raise _Unreadable("hour out of range for a 12-hour clock")
    # 12am is the midnight hour and 12pm the noon hour.
    hours = hours % 12 + (12 if found["half"] == "pm" else 0)
    return _format_clock(hours, int(found["m"] or 0), found["s"])


def _twenty_four_hour(found: re.Match[str]) -> str:
    hours = int(found["h"])
    # `24:00` would move the event to the next day, which the time column cannot do.
    if hours > 23:
        raise _Unreadable("hour out of range")
    return _format_clock(hours, int(found["m"]), found.groupdict().get("s"))


def _format_clock(hours: int, minutes: int, seconds: str | None) -> str:
    if minutes > 59:
        raise _Unreadable("minute out of range")
    if seconds is None:
        return f"{hours:02d}:{minutes:02d}"
    if int(seconds) > 59:
        raise _Unreadable("second out of range")
    return f"{hours:02d}:{minutes:02d}:{seconds}"


_CLOCK_TABLE: tuple[tuple[str, Callable[[re.Match[str]], str]], ...] = (
    # noon, midday, 12 midnight
    (r"(?:12 )?(?P<word>noon|midday|midnight)", _clock_word),
    # 3pm, 3.54pm, 3:54 pm, 12am
    (r"(?P<h>\d{1,2})(?:[:.](?P<m>\d{2})(?:[:.](?P<s>\d{2}))?)? ?(?P<half>am|pm)", _twelve_hour),
    # 01:28, 1:28, 23.43, 03:54:00
    (r"(?P<h>\d{1,2})[:.](?P<m>\d{2})(?:[:.](?P<s>\d{2}))?", _twenty_four_hour),
    # 0128, 2343 (police logs)
    (r"(?P<h>\d{1,2})(?P<m>\d{2})", _twenty_four_hour),
)
_CLOCK_FORMATS = tuple((re.compile(pattern), handler) for pattern, handler in _CLOCK_TABLE)


# --- qualifier column --------------------------------------------------------------------------

# "undated" only ever stands beside an empty date cell, so there is nothing to change.
_EXACT_QUALIFIERS = frozenset({"", "exact", "day", "undated", "unknown", "n/k"})
# "period": the date starts a span whose end is only described in the text, so the date we hold
# is one point of it, which is an approximation of when the thing happened.
_APPROXIMATE_QUALIFIERS = frozenset(
    {
        "approx",
        "approximate",
        "approximately",
        "circa",
        "c",
        "ca",
        "estimated",
        "est",
        "about",
        "period",
        "start of period",
        "from",
    }
)
_WIDENING_QUALIFIERS: dict[str, tuple[Callable[[date], tuple[date, date]], Precision]] = {
    "month": (_month_containing, Precision.MONTH),
    "season": (_season_containing, Precision.SEASON),
    "year": (_year_containing, Precision.YEAR),
}
# Coarser precisions win: a qualifier never makes a date look more precise than it was.
_COARSENESS = {
    Precision.DAY: 0,
    Precision.MONTH: 1,
    Precision.SEASON: 2,
    Precision.YEAR: 3,
    Precision.RANGE: 4,
}


def _widen(
    recorded: RecordedDate,
    period_containing: Callable[[date], tuple[date, date]],
    precision: Precision,
) -> RecordedDate:
    start, first_end = period_containing(recorded.earliest)
    _last_start, end = period_containing(recorded.latest)
    earliest, latest = min(start, recorded.earliest), max(end, recorded.latest)
    if (earliest, latest) == (recorded.earliest, recorded.latest):
        return recorded
    fits_one_period = first_end == end
    if fits_one_period and _COARSENESS[recorded.precision] <= _COARSENESS[precision]:
        return replace(recorded, earliest=earliest, latest=latest, precision=precision)
    return replace(recorded, earliest=earliest, latest=latest, precision=Precision.RANGE)

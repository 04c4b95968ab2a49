"""A whole date cell as a phrase: uncertainty marks, a weekday that must agree, ranges
(`3-5 March 2022`, `between 3/3/22 and 5/3/22`), weeks (`w/c 14/06/21`, `the week of ...`)
and days told from another (`the day after Boxing Day`, `just after Christmas 2022`).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from adapters.dates import named_days, numeric, periods
from adapters.dates.spans import Assumed, NotThisForm, Span, Unreadable, within_window
from adapters.dates.words import (
    APPROX_LEADING,
    APPROX_TRAILING,
    UNKNOWN,
    WEEKDAY,
    WEEKDAY_NAMES,
    WEEKDAYS,
    alternation,
    strip_approximate,
)
from domain.recorded_date import Precision

# The order matters where two forms share a shape: days before months (`16/06/2012` before
# `06/2012`), financial years before year-and-month (`2021/22` before `2012/06`), a bare year
# last.
_FORMAT_TABLE = (
    *numeric.DAY_FORMATS,
    *periods.FORMATS,
    *named_days.FORMATS,
    *numeric.MONTH_AND_YEAR_FORMATS,
)
_FORMATS = tuple((re.compile(pattern), handler) for pattern, handler in _FORMAT_TABLE)

_OPEN_ENDED = re.compile(
    r"(?:before|after|since|until|till|by|from|between|prior to|not before|not after"
    r"|no later than|no earlier than|up to|pre|post)\b"
    r"|.*\b(?:onwards?|or later|or earlier|and later|and earlier|or before|or after)$"
    r"|.*(?:-|\bto|\buntil) (?:present|now|date|today|ongoing)$"
)
_RANGE_PREFIX = re.compile(r"(?:between|from) (?P<rest>.+)")
# Spaced separators are tried before a bare hyphen, which is also part of many single dates.
# A slash joins two named periods (`Spring/Summer 2021`, `End of September / start of October
# 2022`), never two numbers (`16/06/2012`).
_RANGE_SEPARATORS = (
    re.compile(r" (?:-|to|and|until|till|&|/) "),
    re.compile(r"-"),
    re.compile(r"(?<=[a-z\d])/(?=[a-z])"),
)
# `September or October 2022`, `Mon 3 or Tue 4 May`: the writer is not sure which, so the span
# covers both and is marked approximate.
_EITHER = re.compile(r" or ")
_WEEKDAY_PREFIX = re.compile(rf"(?P<weekday>{WEEKDAY}) (?P<rest>.+)")
_WEEKDAY_SUFFIX = re.compile(rf"(?P<rest>.+?) \(?(?P<weekday>{WEEKDAY})\)?")


def read_phrase(s: str, assumed: Assumed) -> Span:
    """Read a whole normalised cell: a single date, or a range of two."""
    if not s:
        raise Unreadable("the cell is empty")
    if UNKNOWN.fullmatch(s):
        raise Unreadable("the date is recorded as unknown")
    if not _VOCABULARY.issuperset(_WORD.findall(s)):  # "POL-000123", "seen at clinic 3/3/22"
        raise Unreadable("it is not a date format we recognise", recognised=False)
    s, approximate = strip_approximate(s)
    span = _read_single_or_range(s, assumed)
    return span._replace(approximate=span.approximate or approximate)


def _read_single_or_range(s: str, assumed: Assumed) -> Span:
    prefixed = _RANGE_PREFIX.fullmatch(s)
    if prefixed is not None:
        span = _read_range(prefixed["rest"], assumed)
        if span is not None:
            return span
    if _OPEN_ENDED.match(s):
        raise Unreadable("it is open-ended (no start or no end), so it cannot be given a span")
    try:
        return read_single(s, assumed)
    except Unreadable as problem:
        if problem.recognised:
            raise
        span = _read_range(s, assumed)
        if span is None:
            raise
        return span


# --- ranges ------------------------------------------------------------------------------------


def _read_range(s: str, assumed: Assumed) -> Span | None:
    """Read `start - end` (or `this or that`); None when no separator splits the text into two
    dates."""
    first_problem: Unreadable | None = None
    for separator in (*_RANGE_SEPARATORS, _EITHER):
        readings: set[tuple[Span, Span]] = set()
        for found in separator.finditer(s):
            try:
                readings.add(_read_range_parts(s[: found.start()], s[found.end() :], assumed))
            except Unreadable as problem:
                if problem.recognised and first_problem is None:
                    first_problem = problem
        if len(readings) > 1:
            raise Unreadable("it can be split into a range in more than one way")
        if readings:
            span = join_range(*readings.pop())
            return span._replace(approximate=True) if separator is _EITHER else span
    if first_problem is not None:
        raise first_problem
    return None


def _read_range_parts(start_text: str, end_text: str, assumed: Assumed) -> tuple[Span, Span]:
    end = read_single(end_text.strip(), assumed)
    return _read_range_start(start_text.strip(), end_text.strip(), assumed), end


def _read_range_start(start_text: str, end_text: str, assumed: Assumed) -> Span:
    """Read a range's start, borrowing the year (and month) the writer left to the end part.

    `June-August 2014` and `16 - 20 June 2014` say the shared parts once, at the end; only
    when the end does not complete the start is the year of the rows around assumed for it.
    """
    end_words = end_text.split(" ")
    attempts = [start_text]
    attempts += [
        f"{start_text} {' '.join(end_words[-shared:])}" for shared in range(1, len(end_words))
    ]
    own_years = [assumed._replace(year=None)] + ([assumed] if assumed.year is not None else [])
    first_problem: Unreadable | None = None
    for reading in own_years:
        for text in attempts:
            try:
                return read_single(text, reading)
            except Unreadable as problem:
                first_problem = first_problem or problem
    assert first_problem is not None
    raise first_problem


def join_range(start: Span, end: Span) -> Span:
    if end.latest < start.earliest:
        raise Unreadable("the range ends before it starts")
    return Span(start.earliest, end.latest, Precision.RANGE, start.approximate or end.approximate)


# --- single dates ------------------------------------------------------------------------------


def read_single(s: str, assumed: Assumed) -> Span:
    """Read one date (no range), with its own uncertainty marks and an optional weekday, or
    a day told from another."""
    s, approximate = strip_approximate(s)
    if not s:
        raise Unreadable("there is no date in it", recognised=False)
    try:
        span = _read_with_weekday(s, assumed)
    except Unreadable as problem:
        if problem.recognised:
            raise
        relative = _RELATIVE.fullmatch(s)
        if relative is None:
            raise
        span = _read_relative(relative, assumed)
    return span._replace(approximate=span.approximate or approximate)


def _read_with_weekday(s: str, assumed: Assumed) -> Span:
    """A date, or a weekday and a date (`Thu 3 March 2022`, `03/03/2022 (Thu)`) that agree."""
    try:
        return match_format(s, assumed)
    except Unreadable as problem:
        found = _WEEKDAY_PREFIX.fullmatch(s) or _WEEKDAY_SUFFIX.fullmatch(s)
        if problem.recognised or found is None:
            raise
    weekday, rest = WEEKDAYS[found["weekday"]], found["rest"]
    span = match_format(rest, assumed)
    try:
        _check_weekday(span, weekday)
    except Unreadable:
        # "Mon 3 January" in rows of 2021 (3 January 2021 was a Sunday): the weekday says the
        # rows have run on into 2022.
        if assumed.year is None:
            raise
        later = match_format(rest, assumed._replace(year=assumed.year + 1))
        if later == span or later.earliest.weekday() != weekday:
            raise
        span = later
    return span


def match_format(s: str, assumed: Assumed) -> Span:
    for pattern, handler in _FORMATS:
        found = pattern.fullmatch(s)
        if found is not None:
            try:
                return handler(found, assumed)
            except NotThisForm:
                continue
    raise Unreadable("it is not a date format we recognise", recognised=False)


def _check_weekday(span: Span, weekday: int) -> None:
    """A written weekday must agree with the date; if not, we cannot tell which one is wrong."""
    if span.precision is not Precision.DAY:
        raise Unreadable("it names a weekday but not a single day")
    actual = span.earliest.weekday()
    if actual != weekday:
        raise Unreadable(
            f"{span.earliest:%d/%m/%Y} was a {WEEKDAY_NAMES[actual]}, "
            f"not a {WEEKDAY_NAMES[weekday]}"
        )


# --- weeks and days told from another ----------------------------------------------------------

_WEEK_STARTING = alternation(
    frozenset({"w/c", "w.c.", "wc", "wk/c", "w/b", "wb", "wk/b", "wk beg", "wk beginning"})
    | {"wk comm", "wk com", "wk commencing", "wk starting", "w/commencing", "w/beginning"}
    | {"week commencing", "week beginning", "week starting"}
)
_WEEK_ENDING = alternation(
    frozenset({"w/e", "w.e.", "wk/e", "week ending", "wk ending", "wk end", "w/ending"})
)
_NEAR = alternation(
    frozenset({"just", "shortly", "soon", "a few days", "few days", "a day or two", "days"})
)
_PART_OF_DAY = alternation(
    frozenset({"morning", "afternoon", "evening", "early hours", "early hrs"})
    | {"night", "overnight"}
)
# "a week before", "two weeks or so after", "a month or two before": how many of which unit
# ("a couple of" is "a couple" once normalised).
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "a couple": 2, "a few": 3}
_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30}
_UNITS = {f"{unit}{plural}": days for unit, days in _UNIT_DAYS.items() for plural in ("", "s")}
_DISTANCE = (
    rf"(?:(?P<count>{alternation(frozenset(_COUNTS))}|\d{{1,2}}) )?"
    rf"(?P<unit>{alternation(frozenset(_UNITS))})(?P<more> or (?:so|two))? "
    r"(?P<direction>before|after)"
)
# Alternatives longest first, so `weekend 05/03` is not read as `week` and `end 05/03`.
_RELATIVE = re.compile(
    rf"(?:(?P<starting>{_WEEK_STARTING})|(?P<ending>{_WEEK_ENDING})"
    r"|(?P<shift>next day after|day after|day before)"
    rf"|(?P<near>(?:{_NEAR}) (?:after|before))"
    rf"|(?P<distance>{_DISTANCE})"
    r"|(?P<week>weekend|week)"
    rf"|(?P<part>{_PART_OF_DAY}))"
    r"\s*:?\s*(?P<rest>.+)"
)
# How far "just after" or "shortly before" reaches: a week, marked approximate (the matcher
# widens approximate spans by a few days more).
_NEAR_DAYS = 7


def _read_relative(found: re.Match[str], assumed: Assumed) -> Span:
    day = read_single(found["rest"], assumed)
    if found["near"] is not None:
        return _near(day, after=found["near"].endswith("after"))
    if found["distance"] is not None:
        return _distance_from(day, found)
    if day.precision is not Precision.DAY:
        raise Unreadable("a week or a day told from another needs a day to start from")
    first = day.earliest
    if found["starting"] is not None:
        return within_window(Span(first, first + timedelta(days=6), Precision.RANGE))
    if found["ending"] is not None:
        return within_window(Span(first - timedelta(days=6), first, Precision.RANGE))
    if found["shift"] is not None:
        step = timedelta(days=-1 if found["shift"].endswith("before") else 1)
        return within_window(day._replace(earliest=first + step, latest=first + step))
    if found["week"] == "week":
        # "the week of 16/06/2021": Monday to Sunday of the week that holds the day.
        monday = first - timedelta(days=first.weekday())
        return within_window(Span(monday, monday + timedelta(days=6), Precision.RANGE))
    if found["week"] == "weekend":
        return within_window(_weekend_of(first))
    if found["part"] in ("night", "overnight"):
        # The night of the 3rd runs into the early hours of the 4th.
        return within_window(Span(first, first + timedelta(days=1), Precision.RANGE))
    return day  # the morning, afternoon or evening of a day is that day


def _near(day: Span, *, after: bool) -> Span:
    if after:
        start, end = day.latest + timedelta(days=1), day.latest + timedelta(days=_NEAR_DAYS)
    else:
        start, end = day.earliest - timedelta(days=_NEAR_DAYS), day.earliest - timedelta(days=1)
    return within_window(Span(start, end, Precision.RANGE, approximate=True))


def _distance_from(day: Span, found: re.Match[str]) -> Span:
    """The days about so far before or after `day` ("a week or so before Christmas 2023"):
    half the distance either side, "or two" reaching one unit further, marked approximate."""
    count, unit_days = found["count"], _UNITS[found["unit"]]
    if count is None:
        # "Weeks before" with no count says several: read as "a few".
        units = _COUNTS["a few"] if found["unit"].endswith("s") else 1
    else:
        units = _COUNTS[count] if count in _COUNTS else int(count)
    nearest = units * unit_days
    furthest = nearest + (unit_days if found["more"] == " or two" else 0)
    slack = max(1, nearest // 2)
    low, high = max(1, nearest - slack), furthest + slack
    if found["direction"] == "after":
        start, end = day.latest + timedelta(days=low), day.latest + timedelta(days=high)
    else:
        start, end = day.earliest - timedelta(days=high), day.earliest - timedelta(days=low)
    return within_window(Span(start, end, Precision.RANGE, approximate=True))


def _weekend_of(day: date) -> Span:
    weekday = day.weekday()
    if weekday < 4:
        raise Unreadable(f"{day:%d/%m/%Y} was a {WEEKDAY_NAMES[weekday]}, not in a weekend")
    # A Friday counts: "the weekend of Friday 3rd" starts that evening.
    saturday = day + timedelta(days=5 - weekday)
    start = day if weekday == 4 else saturday
    return Span(start, saturday + timedelta(days=1), Precision.RANGE)


# Every word any form is written with is in one of these patterns (as are a few letters of
# regex syntax, which only make the set larger): a cell with any other word is no date, and
# is refused without trying each form.
_WORD = re.compile(r"[a-z]+")


def _words_of(source: str) -> set[str]:
    plain = re.sub(r"\\[a-zA-Z]", " ", source)  # `\d`, `\b`: syntax, not words
    words = set(_WORD.findall(plain))
    # `holidays?` and `end(?:ing)?` each write two words.
    words |= {found[1] for found in re.finditer(r"([a-z]+)[a-z]\?", plain)}
    words |= {found[1] + found[2] for found in re.finditer(r"([a-z]+)\(\?:([a-z]+)\)\?", plain)}
    return words


_VOCABULARY = frozenset(
    word
    for pattern in (
        *(pattern for pattern, _handler in _FORMATS),
        _OPEN_ENDED,
        _RANGE_PREFIX,
        *_RANGE_SEPARATORS,
        _EITHER,
        _WEEKDAY_PREFIX,
        _RELATIVE,
        UNKNOWN,
        APPROX_LEADING,
        APPROX_TRAILING,
    )
    for word in _words_of(pattern.pattern)
)

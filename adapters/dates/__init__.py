"""Reading agency date and time cells: which texts we accept and the span each can mean, never
more precise than written; what cannot be read is refused with the reason.

The public functions are here; each family of forms has its own module: `numeric` (days,
months, years, Excel serials), `named_days` (Christmas Day, Easter, bank holidays), `periods`
(seasons, quarters, financial years, school terms), `phrases` (ranges, weeks, weekdays, days
told from another), `clock` (times of day), `moments` (a date with a time, and zones),
`qualifiers` (a separate precision/approx column); `spans` and `words` are what they share.

Forms read, drawn from what UK police (Niche, Athena, STORM), NHS (EMIS, SystmOne, Cerner,
Symphony), social care (Mosaic, Liquidlogic, LCS), CPOMS, probation (nDelius) and ambulance
CAD exports and hand-kept chronologies write (each is a test in tests/unit/test_dates.py):

- days: `16/06/2012`, `16.06.2012`, `3.3.22`, `3-3-22`, `2012-06-16`, `2012/06/16`,
  `20120616` (and `16062012`, which cannot be year first), `16 Jun 2012`, `03MAR2022`,
  `03-MAR-22`, `2022-Mar-03`, `June 16, 2012`, `Thursday the 3rd of March 2022`,
  `03/03/2022 (Thu)`, Excel serials `41076`; `16/06`, `16 June` when the year is given;
  month-first files read `06/16/2012` as they write it.
- a date with a time: `16/06/2012 01:28`, `03/03/2022 @ 14:30`, `03/03/2022 - 14:30`,
  `3/3/2022 2:30 PM`, `03-MAR-22 14.30`, `03-MAR-22 02.30.00.000000 PM`,
  `2022-03-03 14:30:00.000`, `20220303 1430`, `20220303T1430` (run-together digits with no
  `T` or zone are a reference number, not a time), `14:30 on 3 March 2022`, `1430hrs 03/03/22`,
  `03/03/2022 at approx 14:30`, `03/03/2022 14:00-15:00` (from its start),
  `between 03/03/2022 23:00 and 04/03/2022 01:00`, `41076.0611`.
- zones, converted to UK local time (which may move the day): `2022-03-03T14:30:00Z`,
  `...+01:00`, `...+0100`, `...-05:00`, `2022-03-03 14:30:00.0000000 +00:00`,
  `03/03/2022 14:30 UTC`, `(UTC)`, `GMT`, `BST`, `UTC+1`, `20220303143000+0000` (HL7),
  `Thu, 03 Mar 2022 14:30:00 +0000` (e-mail), `Thu Mar 03 14:30:00 GMT 2022` (Java).
- named days: Christmas Day/Eve, Boxing Day, New Year's Day/Eve, Good Friday, Easter Sunday
  and Monday, Mothering Sunday (Mother's Day), Father's Day, Shrove Tuesday, Bonfire Night,
  Halloween, Valentine's Day, St George's/David's/Patrick's/Andrew's Day, Remembrance Sunday,
  `Xmas`; the bank holidays of England and Wales by name (`early May`, `spring`, `summer`,
  `August`, `Christmas`, substitute days, moved years) and their weekends; `Christmas 2022`,
  `Easter 2021`, `New Year 2022` as the days around them; with a year or with the year given.
- relative: `the day after Boxing Day 2022`, `just after Christmas 2022`, `shortly before
  03/03/2022`, `the evening of 03/03/2022`, `the night of 03/03/2022`, `the weekend of ...`,
  `a week or so before Christmas 2023`, `two weeks after 03/03/2023`, `a month or two before`.
- weeks: `w/c 14/06/21`, `wk beg 14/06/2021`, `w/e 20/06/21`, `week ending ...`, `the week of
  16/06/2021` (Monday to Sunday), `first week of June 2022`, `2022-W09`, `week 9 2022`.
- coarse: `Dec 2012`, `12/2012`, `2012-12`, `Mar/Apr 2022`, `2013`, seasons (`Summer '20`,
  `winter 2012/13`), `early/mid/late March 2022`, `end of March`, `beginning of 2021`,
  `first half of 2022`, `H2 2021`, quarters (`Q3 2020`, `2020-Q3`, `third quarter of 2020`;
  financial `Q3 2020/21`), financial years (`2021/22`, `FY 2021-22`, `FY21/22`, `FYE 2022`),
  academic years, school terms (`Autumn term 2021`, `Spring term 2021/22`), half-terms
  (`October half-term 2022`, `February half term`), school holidays, `festive period`,
  decades (`the 1990s`, `early 2000s`).
- uncertainty: `c. 2019`, `circa`, `approx.`, `around Easter 2021`, `?22/05/2016`, `(est)`;
  unknown: `unknown`, `n/k`, `Date not known`, `not stated`.
- ranges: `3-5 March 2022`, `3rd to 5th March`, `March-April 2022`, `between 3/3/22 and
  5/3/22`, `26/07/2012 - 26/07/2013`, `3 & 4 March 2022`, `Spring/Summer 2021`, `End of
  September / start of October 2022`; one or another: `September or October 2022`, `Mon 3 or
  Tue 4 May 2021` (approximate).

Precision says how the span may be shown: a quarter or a school term is three months or so,
shown like a season; a financial year, a week or a half-term is a range; a span the words
only suggest (`Christmas 2022`, terms, `just after`) is approximate as well.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from adapters.dates.clock import APPROXIMATE_TIME, VAGUE_TIME, read_clock
from adapters.dates.hedges import (
    BEFORE,
    BEFORE_DAYS,
    hedged_forms,
    holds_no_date,
    recalls_when,
    states_no_date,
)
from adapters.dates.moments import BadTime, Moment, read_day_span, read_moment_text
from adapters.dates.qualifiers import is_date_qualifier, qualify_date
from adapters.dates.spans import Assumed, DateReadError, TimeReadError, Unreadable
from adapters.dates.words import WEEKDAY
from domain.recorded_date import Precision, RecordedDate

__all__ = [
    "holds_no_date",
    "recalls_when",
    "day_alone",
    "day_in_month_of",
    "states_no_date",
    "DateReadError",
    "Moment",
    "TimeReadError",
    "is_date_qualifier",
    "qualify_date",
    "read_date",
    "moment_or_none",
    "moment_in_some_year",
    "read_moment",
    "read_time",
    "read_when",
]

# Chronologies repeat the same date and time texts many times (several contacts a day), and
# reading is pure, so recent answers (refusals too) are remembered: intake of large files, and
# column inference reading every cell of every column, stay cheap.
_CACHE_SIZE = 65536
# No written date is this long; a longer cell (a narrative) is refused without being read.
_LONGEST_DATE = 120
# Nor is a date without a digit this long ("the day after the early May bank holiday weekend"
# is among the longest); without a year given, a date needs a digit, but a short cell is still
# read, to say why it is not one ("unknown", "it gives no year").
_LONGEST_WITHOUT_DIGITS = 60
_DIGIT = re.compile(r"\d")


class _Refusal(NamedTuple):
    """Why a cell was not read; `time` when its date read but its time of day did not."""

    reason: str
    time: bool = False


def _unread(original: str) -> _Refusal | None:
    """Why a cell cannot be a date, found without reading it; None when it must be read."""
    if len(original) > _LONGEST_DATE:
        return _Refusal("it is too long to be a date")
    if len(original) > _LONGEST_WITHOUT_DIGITS and not _DIGIT.search(original):
        return _Refusal("it is not a date format we recognise")
    return None


@lru_cache(maxsize=_CACHE_SIZE)
def _read_date(original: str, day_first: bool) -> RecordedDate | _Refusal:
    refusal = _unread(original)
    if refusal is not None:
        return refusal
    try:
        span = read_day_span(original, Assumed(day_first))
    except Unreadable as problem:
        return _Refusal(problem.reason)
    return RecordedDate(original, span.earliest, span.latest, span.precision, span.approximate)


def read_date(text: str, *, day_first: bool = True) -> RecordedDate:
    """Read one date cell as the span it can mean, never more precise than written.

    Strict: a hedged or open-ended text ("March 2021 (she thinks)", "2012 onwards") is refused.
    Intake reads cells with `read_moment`, which also takes the date a hedge holds, marked
    approximate, as a person reading the column would."""
    original = text.strip()
    result = _read_date(original, day_first)
    if isinstance(result, _Refusal):
        raise DateReadError(f"cannot read {original!r} as a date: {result.reason}")
    return result


@lru_cache(maxsize=_CACHE_SIZE)
def _read_moment(original: str, day_first: bool, year: int | None) -> Moment | _Refusal:
    refusal = _unread(original)
    if refusal is not None:
        return refusal
    try:
        return read_moment_text(original, Assumed(day_first, year))
    except BadTime as problem:
        return _Refusal(problem.reason, time=True)
    except Unreadable as problem:
        return _Refusal(problem.reason)


def read_moment(text: str, *, day_first: bool = True, year: int | None = None) -> Moment:
    """Read a date cell, perhaps with a time and a zone, as UK local time.

    `year` is the year to assume for a date written without one ("14/03" or "Christmas Day"
    under a section heading "2021", or in a file whose neighbouring rows are all that year)."""
    result = _moment_or_error(text.strip(), day_first, year)
    if isinstance(result, DateReadError | TimeReadError):
        raise _copied(result)
    return result


def moment_or_none(text: str, *, day_first: bool = True, year: int | None = None) -> Moment | None:
    """`read_moment`, but None where it would raise: for judging many cells (is a column
    dates?) without building an exception for every narrative cell."""
    result = _moment_or_error(text.strip(), day_first, year)
    return None if isinstance(result, DateReadError | TimeReadError) else result


def moment_in_some_year(text: str, *, day_first: bool = True) -> Moment | None:
    """What `text` reads as, or would in a year a heading gives it ("19/07" under "2021"),
    else None: for judging whether a cell is a date at all. The year tried cannot check a
    weekday written with a date that has no year ("Mon 7/3" is no Monday in 2000), so such a
    date is tried without its weekday."""
    moment = moment_or_none(text, day_first=day_first, year=_ANY_LEAP_YEAR)
    if moment is None and (found := _WITH_WEEKDAY.fullmatch(text.strip())) is not None:
        rest = found["before"] or found["after"]
        moment = moment_or_none(rest, day_first=day_first, year=_ANY_LEAP_YEAR)
    return moment


# The year a date written without one is tried in, to see whether it is a date at all (a leap
# year, so that 29/02 is one).
_ANY_LEAP_YEAR = 2000
_WITH_WEEKDAY = re.compile(
    rf"(?:{WEEKDAY})\.?,?\s+(?P<after>.+)|(?P<before>.+?),?\s+\(?(?:{WEEKDAY})\)?", re.IGNORECASE
)


def _moment_or_error(
    original: str, day_first: bool, year: int | None
) -> Moment | DateReadError | TimeReadError:
    result = _read_moment(original, day_first, None)
    if not isinstance(result, _Refusal):
        # A cell that reads as written reads so in any year: remembered once, not once a year
        # (rows are read in the year of the row above, which changes all through a file).
        return result
    return _moment_in_year_or_error(original, day_first, year)


@lru_cache(maxsize=_CACHE_SIZE)
def _moment_in_year_or_error(
    original: str, day_first: bool, year: int | None
) -> Moment | DateReadError | TimeReadError:
    # The whole answer is remembered, hedges and refusals too: intake judges the same cells
    # when it finds the layout, again when it profiles columns, and reads them as rows.
    result = _read_moment(original, day_first, None)
    assert isinstance(result, _Refusal)  # what reads as written is answered above
    # A cell refused unread (a narrative) is refused in any year: no need to try one.
    tried_in_year = year is not None and _unread(original) is None
    with_year = _read_moment(original, day_first, year) if tried_in_year else result
    if not isinstance(with_year, _Refusal):
        return with_year
    # Only once the text fails as written: words around a date ("(she thinks)") are hedges.
    hedged = _hedged_moment(original, day_first, year)
    if hedged is not None:
        return hedged
    if with_year.reason != result.reason:
        return _error(original, with_year, f", even as a day of {year}")
    return _error(original, result)


def _copied(error: DateReadError | TimeReadError) -> DateReadError | TimeReadError:
    """A fresh exception to raise: a remembered one would carry the traceback of its last raise."""
    return type(error)(*error.args)


def _hedged_moment(
    original: str, day_first: bool, year: int | None, inside: bool = False
) -> Moment | None:
    """The date inside a hedged text ("March 2021 (she thinks)"), approximate, or None. The
    date inside may be hedged in turn, once: "The day he died (a Sunday in December 2022)"."""
    before = BEFORE.match(original)
    if before is not None:
        found = _read_moment(before["rest"], day_first, year)
        if not isinstance(found, _Refusal):
            end = found.when.earliest
            start = end - timedelta(days=BEFORE_DAYS)
            when = RecordedDate(original, start, end, Precision.RANGE, approximate=True)
            return Moment(when, None)
    for form in hedged_forms(original):
        if _unread(form) is not None:
            continue  # refused in any year, without being read
        for assumed in (None, year) if year is not None else (None,):
            found = _read_moment(form, day_first, assumed)
            if not isinstance(found, _Refusal):
                when = replace(found.when, text=original, approximate=True)
                return found._replace(when=when)
    if inside:
        return None
    for form in hedged_forms(original):
        inner = _hedged_moment(form, day_first, year, True) if _unread(form) is None else None
        if inner is not None:
            return inner._replace(when=replace(inner.when, text=original))
    return None


def _error(original: str, refusal: _Refusal, context: str = "") -> DateReadError | TimeReadError:
    if refusal.time:
        return TimeReadError(
            f"cannot read {original!r} as a date and time{context}: {refusal.reason}"
        )
    return DateReadError(f"cannot read {original!r} as a date{context}: {refusal.reason}")


def read_when(text: str, *, day_first: bool = True) -> tuple[RecordedDate, str | None]:
    """Read a cell holding a date and perhaps a time of day; the time is None when absent.
    A time written with a zone is given in UK local time, as `read_moment` gives it."""
    moment = read_moment(text, day_first=day_first)
    return moment.when, moment.time


@lru_cache(maxsize=_CACHE_SIZE)
def _read_time(original: str) -> str | None | _Refusal:
    if len(original) > _LONGEST_DATE:
        return _Refusal("it is too long to be a time")
    if VAGUE_TIME.fullmatch(" ".join(original.lower().split())):
        return None
    try:
        return read_clock(APPROXIMATE_TIME.sub("", original.lower(), count=1).strip() or original)
    except Unreadable as problem:
        return _Refusal(problem.reason)


def read_time(text: str) -> str | None:
    """Read a time-of-day cell as 24-hour `HH:MM`, or `HH:MM:SS` when seconds are written;
    None when the cell says in words that the time is not known ("evening", "unknown")."""
    original = text.strip()
    result = _read_time(original)
    if isinstance(result, _Refusal):
        raise TimeReadError(f"cannot read {original!r} as a time: {result.reason}")
    return result


# "11th", "2nd": a day of the month written alone, under a heading that names the month.
_DAY_ALONE = re.compile(r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)", re.IGNORECASE)


def day_alone(text: str) -> bool:
    """True for a day of the month written alone with its ordinal ("11th")."""
    found = _DAY_ALONE.fullmatch(text.strip())
    return found is not None and 1 <= int(found["day"]) <= 31


def day_in_month_of(text: str, after: date) -> Moment | None:
    """A day written alone ("11th") read in the month of `after` (the month a heading names,
    or the record above's), or the next month's when that day is already past; None for any
    other text, or a day no month of the two has."""
    found = _DAY_ALONE.fullmatch(text.strip())
    if found is None:
        return None
    day = int(found["day"])
    for year, month in ((after.year, after.month), _next_month(after.year, after.month)):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= after:
            return Moment(RecordedDate(text.strip(), candidate, candidate, Precision.DAY), None)
    return None


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)

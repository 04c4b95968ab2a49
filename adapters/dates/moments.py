"""A date with a time of day, and perhaps the zone it was written in: `16/06/2012 01:28`,
`03/03/2022 @ 14:30`, `14:30 on 3 March 2022`, `2022-03-03T14:30:00.000Z`, `20220303143000+0000`,
`between 03/03/2022 23:00 and 04/03/2022 01:00`, Excel serials; a zoned time (`zones`) is
given in UK local time, which may move it to another day.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from adapters.dates.clock import APPROXIMATE_TIME, MARKED_CLOCK, read_clock
from adapters.dates.numeric import EXCEL_SERIAL, excel_serial, plain_day
from adapters.dates.phrases import read_phrase
from adapters.dates.spans import Assumed, Span, Unreadable
from adapters.dates.words import normalise
from adapters.dates.zones import (
    as_written_elsewhere,
    in_uk_time,
    split_zone,
    zone_label,
    zone_offset,
)
from domain.recorded_date import Precision, RecordedDate


class BadTime(Unreadable):
    """The date part of a cell reads, but its time of day does not."""


class Moment(NamedTuple):
    """A date cell as read: the date, the clock time if written, and the zone the source wrote
    that time in (None when it wrote none). With a zone, date and time are UK local time."""

    when: RecordedDate
    time: str | None
    written_zone: str | None = None


def read_day_span(original: str, assumed: Assumed) -> Span:
    """A date cell without a time: the fast path for plain days, else the whole phrase."""
    plain = plain_day(original, assumed.day_first)
    if plain is not None:
        return Span(plain, plain, Precision.DAY)
    return read_phrase(normalise(original), assumed)


def read_moment_text(original: str, assumed: Assumed) -> Moment:
    """Read a cell as a date, perhaps with a time and a zone; raises Unreadable (BadTime when
    the date reads and the time does not)."""
    serial = EXCEL_SERIAL.fullmatch(original)
    if serial is not None:
        return _excel_moment(original, serial["fraction"])
    try:
        return Moment(_recorded(original, read_day_span(original, assumed)), None)
    except Unreadable as problem:
        date_problem = problem
    rewritten = as_written_elsewhere(original)
    if rewritten is not None:
        moment = read_moment_text(rewritten, assumed)
        return moment._replace(when=replace(moment.when, text=original))
    zoned = split_zone(original)
    if zoned is not None:
        rest, zone = zoned
        found = _date_and_time(rest, assumed, zoned=True)
        if found is not None:
            # Only now is the zone the cell's: its offset must be one a clock can be set to.
            span, clock = found
            offset = zone_offset(zone)
            day, shown = in_uk_time(span.earliest, clock, offset)
            recorded = RecordedDate(original, day, day, Precision.DAY, span.approximate)
            return Moment(recorded, shown, zone_label(offset))
    return Moment(*_split_moment(original, assumed, date_problem))


def _split_moment(
    original: str, assumed: Assumed, date_problem: Unreadable
) -> tuple[RecordedDate, str | None]:
    """A cell that is no date as a whole, read as a date and a time (or a range of them).

    Why it cannot be read: a time that does not read after a date that does, unless the
    whole cell had a date's shape (`Tuesday 3 March 2022` must not end in the time 20:22);
    else the whole cell's reason if it had one, else its date part's."""
    found: tuple[Span, str | None] | None
    try:
        found = _date_and_time(original, assumed)
        problem: Unreadable | None = None
    except Unreadable as raised:  # a bad time (BadTime), else a bad date before a time
        found, problem = None, raised
    if found is None and _HAS_CLOCK.search(original):
        # Both ends of a range read, so its own fault comes first ("ends before it starts").
        found = _date_time_range(original, assumed)
    if found is not None:
        span, clock = found
        return _recorded(original, span), clock
    if date_problem.recognised or problem is None:
        raise date_problem
    raise problem


def _recorded(original: str, span: Span) -> RecordedDate:
    return RecordedDate(original, span.earliest, span.latest, span.precision, span.approximate)


# --- Excel serial numbers ----------------------------------------------------------------------


def _excel_moment(original: str, fraction: str | None) -> Moment:
    day, seconds = excel_serial(original)
    recorded = RecordedDate(original, day, day, Precision.DAY, False)
    # Float conversions write `41076.0` for a plain date, so an all-zero fraction is no time.
    if fraction is None or not fraction.strip("0"):
        return Moment(recorded, None)
    return Moment(recorded, _format_seconds(seconds))


def _format_seconds(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}" if secs == 0 else f"{hours:02d}:{minutes:02d}:{secs:02d}"


# --- a date and a time in one cell -------------------------------------------------------------

_ISO_TIME_MARK = re.compile(r"(?<=\d)[Tt](?=\d)")
# Words that join a date and its time: `03/03/2022 @ 14:30`, `14:30 on 3 March`, `..., 14:30`.
_JOINERS = frozenset({"@", "-", "\u2013", "\u2014", "at", "on", ""})
# ISO basic and HL7 timestamps: 20220303T1430, 20220303 143000, 20220303143000.123+0000.
# Run together without a `T`, a space or a zone, the digits are as likely a reference number
# (many systems number logs from the day), so they are not read as a time.
_COMPACT_DATE_TIME = re.compile(
    r"(?P<day>\d{8})(?P<sep>[Tt ]?)(?P<h>\d{2})(?P<m>\d{2})(?P<s>\d{2})?(?:[.,]\d+)?"
)
# A time is at most a few words (`3:54 pm`, `14:00 - 15:00`, `2:30 pm to 3:30 pm`); a cell
# much longer than a written date and time is neither, and is not split word by word.
_MOST_TIME_WORDS = 5
_LONGEST_DATE_TIME = 80
# Every clock time holds a digit but noon, midday and midnight (clock.py): a cell with none of
# them holds no time to split off, and is not tried word by word.
_MAY_HOLD_CLOCK = re.compile(r"\d|noon|midday|midnight", re.IGNORECASE)


def _date_and_time(
    original: str, assumed: Assumed, *, zoned: bool = False
) -> tuple[Span, str] | None:
    """Read `<date> [at] <time>` or `<time> [on] <date>` (the text before a zone when `zoned`);
    None when no split reads, BadTime when the date reads and the time does not."""
    compact = _COMPACT_DATE_TIME.fullmatch(original)
    if compact is not None and (compact["sep"] or zoned):
        return _compact_moment(compact, assumed)
    if len(original) > _LONGEST_DATE_TIME or not _MAY_HOLD_CLOCK.search(original):
        return None
    words = _ISO_TIME_MARK.sub(" ", " ".join(original.split())).split(" ")
    bad_times: list[tuple[str, Unreadable]] = []
    date_problem: Unreadable | None = None
    for count in range(1, min(_MOST_TIME_WORDS, len(words) - 1) + 1):
        for date_words, time_words, time_first in (
            (words[:-count], words[-count:], False),
            (words[count:], words[:count], True),
        ):
            # "at approx 14:30": the time is read as written, as a time column's is.
            time_text = APPROXIMATE_TIME.sub("", " ".join(time_words).strip(","))
            if time_first and not MARKED_CLOCK.fullmatch(time_text):
                continue
            date_text = _without_joiners(date_words, at_start=time_first)
            try:
                clock = read_clock(time_text)
            except Unreadable as problem:
                if not time_first and any(c.isdigit() for c in time_text):
                    bad_times.append((date_text, problem))
                continue
            try:
                span = read_day_span(date_text, assumed)
            except Unreadable as problem:
                if problem.recognised:
                    date_problem = date_problem or problem
                continue
            # A time of day only means something on a known day.
            if span.precision is Precision.DAY:
                return span, clock
    # A time that does not read after a date that does is the time's fault.
    for date_text, time_problem in bad_times:
        if _is_day(date_text, assumed):
            raise BadTime(time_problem.reason)
    if date_problem is not None:
        raise date_problem
    return None


def _without_joiners(words: list[str], *, at_start: bool) -> str:
    """The date's words, less the words that joined it to its time."""
    words = [word.strip(",") for word in words]
    edge = 0 if at_start else -1
    while words and words[edge].lower() in _JOINERS:
        words.pop(edge)
    return " ".join(words)


def _is_day(text: str, assumed: Assumed) -> bool:
    try:
        return read_day_span(text, assumed).precision is Precision.DAY
    except Unreadable:
        return False


def _compact_moment(found: re.Match[str], assumed: Assumed) -> tuple[Span, str]:
    span = read_day_span(found["day"], assumed)
    try:
        clock = read_clock(f"{found['h']}:{found['m']}" + (f":{found['s']}" if found["s"] else ""))
    except Unreadable as problem:
        raise BadTime(problem.reason) from None
    return span, clock


_HAS_CLOCK = re.compile(r"\d[:.]\d{2}|\d\s*(?:[ap]\.?m|hrs?)\b", re.IGNORECASE)
_RANGE_PREFIX = re.compile(r"(?:between|from) ", re.IGNORECASE)
_RANGE_SEPARATOR = re.compile(r" (?:-|\u2013|to|and|until) ", re.IGNORECASE)


def _date_time_range(original: str, assumed: Assumed) -> tuple[Span, str | None] | None:
    """`03/03/2022 23:00 - 04/03/2022 01:00`: the days from the first to the second, and the
    start's time when both are on one day."""
    s = " ".join(original.split())
    if len(s) > 2 * _LONGEST_DATE_TIME:
        return None
    prefix = _RANGE_PREFIX.match(s)
    s = s[prefix.end() :] if prefix else s
    for found in _RANGE_SEPARATOR.finditer(s):
        try:
            first, clock = _day_and_maybe_time(s[: found.start()], assumed)
            last, end_clock = _day_and_maybe_time(s[found.end() :], assumed)
        except Unreadable:
            continue
        if clock is None and end_clock is None:
            continue
        if last.earliest < first.earliest:
            raise Unreadable("the range ends before it starts")
        if first.earliest == last.earliest:
            return first, clock
        return Span(first.earliest, last.latest, Precision.RANGE, first.approximate), None
    return None


def _day_and_maybe_time(text: str, assumed: Assumed) -> tuple[Span, str | None]:
    found = _date_and_time(text, assumed)
    if found is not None:
        return found
    span = read_day_span(text, assumed)
    if span.precision is not Precision.DAY:
        raise Unreadable("a range with times runs between days")
    return span, None

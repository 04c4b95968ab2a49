"""Clock times: `0128`, `01:28`, `03:54:00.000`, `3.54pm`, `02.30.00.000000 PM`, `2343hrs`,
`noon`; a slot such as `14:00-15:00` is read as its start. Times said in words ("evening",
"unknown") are no clock time and no problem.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from adapters.dates.spans import Unreadable

# A time cell that says, in words, that the time is not known to the minute: no clock time is
# read from it (the words stay in the row's cells), and the row is not unreadable for it.
VAGUE_TIME = re.compile(
    r"(?:(?:early|late)[ -]?)?(?:morning|afternoon|evening|night|overnight|daytime|day)"
    r"|mid[ -](?:morning|afternoon|evening)|early hours"
    r"|unknown|not known|n/?k|unk|tbc|various|n/?a|am|pm|a\.m\.|p\.m\.|-+|\?+"
)
# "approx 2300", "c. 23:00", "around 11pm": read as the clock time written.
APPROXIMATE_TIME = re.compile(
    r"^(?:approx\.?|approximately|circa|c\.|ca\.|about|around|~)\s*", re.IGNORECASE
)
_CLOCK_WORDS: dict[str, tuple[int, int]] = {"noon": (12, 0), "midday": (12, 0), "midnight": (0, 0)}
# `14:00-15:00`, `2pm to 3pm`: an appointment slot, which happened from its start.
_SLOT = re.compile(r"(?P<start>.+?)\s*(?:-|to|until|till)\s*(?P<end>\d.*)")
# A clock with a separator or a suffix: the only kind read before a date ("14:30 03/03/2022"),
# where a bare `2022` would otherwise pass for a time.
MARKED_CLOCK = re.compile(
    r"\d{1,2}[:.]\d{2}.*|\d{1,4}\s*(?:[ap]\.?m\.?|hrs?|hours|h)\.?|noon|midday|midnight",
    re.IGNORECASE,
)


def read_clock(original: str) -> str:
    """A written clock time as `HH:MM`, or `HH:MM:SS` when seconds are written."""
    s = _normalise_clock(original)
    if not s:
        raise Unreadable("the cell is empty")
    slot = _SLOT.fullmatch(s)
    if slot is not None:
        if _SECONDS_RUN.fullmatch(slot["start"]) and not _SECONDS_RUN.fullmatch(slot["end"]):
            # "220101-0012" is a log number (a date and a count), not 22:01:01 to 00:12.
            raise Unreadable("it is not a time format we recognise")
        start = _read_one(slot["start"])
        _read_one(slot["end"])  # a slot whose end is no time is no slot
        return start
    return _read_one(s)


def _read_one(s: str) -> str:
    for pattern, handler in _CLOCK_FORMATS:
        found = pattern.fullmatch(s)
        if found is not None:
            return handler(found)
    raise Unreadable("it is not a time format we recognise")


# Six digits run together, the rare way of writing seconds ("143005"): a slot beginning so
# ends so too.
_SECONDS_RUN = re.compile(r"\d{6}")
# Compiled once: every cell column inference judges is tried as a time.
_DOTTED_HALF = re.compile(r"\b([ap])\.m\b\.?")
# `hrs` is a police-log habit: `2343hrs`, `01:28 hrs`, `1430h`.
_HOURS_SUFFIX = re.compile(r"(?<=\d)\s*(?:hrs|hr|hours|h)\b")


def _normalise_clock(text: str) -> str:
    s = " ".join(text.split()).lower()
    s = _DOTTED_HALF.sub(r"\1m", s).rstrip(".")
    return _HOURS_SUFFIX.sub("", s)


def _clock_word(found: re.Match[str]) -> str:
    hours, minutes = _CLOCK_WORDS[found["word"]]
    return _format_clock(hours, minutes, None)


def _twelve_hour(found: re.Match[str]) -> str:
    hours = int(found["h"])
    if not 1 <= hours <= 12:
        raise Unreadable("hour out of range for a 12-hour clock")
    # 12am is the midnight hour and 12pm the noon hour.
    hours = hours % 12 + (12 if found["half"] == "pm" else 0)
    return _format_clock(hours, int(found["m"] or 0), found["s"])


def _twenty_four_hour(found: re.Match[str]) -> str:
    hours = int(found["h"])
    # `24:00` would move the event to the next day, which the time column cannot do.
    if hours > 23:
        raise Unreadable("hour out of range")
    return _format_clock(hours, int(found["m"]), found.groupdict().get("s"))


def _format_clock(hours: int, minutes: int, seconds: str | None) -> str:
    if minutes > 59:
        raise Unreadable("minute out of range")
    if seconds is None:
        return f"{hours:02d}:{minutes:02d}"
    if int(seconds) > 59:
        raise Unreadable("second out of range")
    return f"{hours:02d}:{minutes:02d}:{seconds}"


# Fractions of a second (`14:30:00.000`, Oracle's `.000000`) are written by databases, not
# by people, and are dropped: the chronology keeps times to the second.
_FRACTION = r"(?:[.,]\d+)?"
_SECONDS = rf"(?:[:.](?P<s>\d{{2}}){_FRACTION})?"
_CLOCK_TABLE: tuple[tuple[str, Callable[[re.Match[str]], str]], ...] = (
    # noon, midday, 12 midnight
    (r"(?:12 )?(?P<word>noon|midday|midnight)", _clock_word),
    # 3pm, 3.54pm, 3:54 pm, 12am, 02.30.00.000000 PM
    (
        rf"(?P<h>\d{{1,2}})(?:[:.](?P<m>\d{{2}}){_SECONDS})? ?(?P<half>am|pm)",
        _twelve_hour,
    ),
    # 01:28, 1:28, 23.43, 03:54:00, 14:30:00.000
    (rf"(?P<h>\d{{1,2}})[:.](?P<m>\d{{2}}){_SECONDS}", _twenty_four_hour),
    # 0128, 2343 (police logs), 143000
    (r"(?P<h>\d{1,2})(?P<m>\d{2})", _twenty_four_hour),
    (r"(?P<h>\d{2})(?P<m>\d{2})(?P<s>\d{2})", _twenty_four_hour),
)
_CLOCK_FORMATS = tuple((re.compile(pattern), handler) for pattern, handler in _CLOCK_TABLE)

"""Time zones written after a time: `Z`, `UTC`, `GMT`, `BST`, `UTC+1`, `(UTC)`, `+01:00`, `+0100`,
`-05:00`; the UK local day and time of such a time (which may be another day, and follows the
BST changeovers); and Java's `Thu Mar 03 14:30:00 GMT 2022`.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from adapters.dates.spans import Unreadable, check_year, make_date
from adapters.dates.words import MONTH, WEEKDAY

UK = ZoneInfo("Europe/London")

# Z, UTC, GMT, BST, UTC+1, GMT+01:00, (UTC), or an offset such as +01:00, +0100 or -05:00.
_ZONE = re.compile(
    r"(?P<rest>.*?\d)\s*(?:"
    r"[(\[]?\s*(?P<name>z|utc|gmt|bst)\s*(?P<name_offset>[+-]\s*\d{1,2}(?::?\d{2})?)?\s*[)\]]?"
    r"|(?P<offset>[+-]\d{2}(?::?\d{2})?))",
    re.IGNORECASE,
)
# A bare offset is told from a time range's end (`10:00-11:00`) by what comes before it:
# seconds, ISO's `T`, or a compact timestamp; or by its `+` sign.
_OFFSET_AFTER = re.compile(
    r".*(?:\d:\d{2}:\d{2}(?:[.,]\d+)?|\d[Tt]\d.*|\d{12,14}(?:[.,]\d+)?)", re.IGNORECASE
)
_LONGEST_OFFSET = timedelta(hours=14)
_NAMED_OFFSETS = {
    "z": timedelta(0),
    "utc": timedelta(0),
    "gmt": timedelta(0),
    "bst": timedelta(hours=1),
}


def split_zone(original: str) -> tuple[str, re.Match[str]] | None:
    """The text before a zone the cell ends in, and the zone as found; None when no zone."""
    found = _ZONE.fullmatch(original.strip())
    if found is None:
        return None
    rest, written = found["rest"], found["offset"]
    if written is not None and written.startswith("-") and not _OFFSET_AFTER.fullmatch(rest):
        return None
    return rest, found


def zone_offset(found: re.Match[str]) -> timedelta:
    if found["name"] is None:
        return _offset(found["offset"])
    offset = _NAMED_OFFSETS[found["name"].lower()]
    if found["name_offset"] is not None:
        offset += _offset(found["name_offset"].replace(" ", ""))
    return offset


def _offset(written: str) -> timedelta:
    """`+01:00`, `+0100`, `-05`, `+5:30` as an offset from UTC."""
    sign, body = (-1 if written[0] == "-" else 1), written[1:]
    if ":" in body:
        hours, minutes = body.split(":")
    elif len(body) <= 2:
        hours, minutes = body, "0"
    elif len(body) == 4:
        hours, minutes = body[:2], body[2:]
    else:
        raise Unreadable(f"the zone offset {written!r} is not hours and minutes")
    offset = sign * timedelta(hours=int(hours), minutes=int(minutes))
    if int(minutes) > 59 or abs(offset) > _LONGEST_OFFSET:
        raise Unreadable(f"the zone offset {written!r} is not one a clock can be set to")
    return offset


def zone_label(offset: timedelta) -> str:
    if not offset:
        return "UTC"
    sign = "-" if offset < timedelta(0) else "+"
    hours, rest = divmod(int(abs(offset).total_seconds()), 3600)
    return f"{sign}{hours:02d}:{rest // 60:02d}"


def in_uk_time(day: date, clock: str, offset: timedelta) -> tuple[date, str]:
    """The UK local day and time of a clock time written at an offset from UTC; seconds are
    shown when they were written."""
    hours, minutes, *seconds = (int(part) for part in clock.split(":"))
    written = datetime(day.year, day.month, day.day, hours, minutes, seconds[0] if seconds else 0)
    local = written.replace(tzinfo=timezone(offset)).astimezone(UK)
    local_day = make_date(check_year(local.year), local.month, local.day)
    return local_day, local.strftime("%H:%M:%S" if seconds else "%H:%M")


# `Thu Mar 03 14:30:00 GMT 2022`, as Java writes a date, is read as `Thu 03 Mar 2022 14:30:00 GMT`.
_JAVA_DATE = re.compile(
    rf"(?P<weekday>{WEEKDAY})\s+(?P<month>{MONTH})\s+(?P<day>\d{{1,2}})\s+"
    r"(?P<clock>\d{1,2}:\d{2}(?::\d{2})?)\s+(?P<zone>[a-z]{3,4})\s+(?P<year>\d{4})",
    re.IGNORECASE,
)


def as_written_elsewhere(original: str) -> str | None:
    """A date-time in a layout read by rewriting it into one of ours; None for any other."""
    found = _JAVA_DATE.fullmatch(original)
    if found is None:
        return None
    return (
        f"{found['weekday']} {found['day']} {found['month']} {found['year']} "
        f"{found['clock']} {found['zone']}"
    )

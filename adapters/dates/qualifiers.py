"""The separate precision/approx column some agencies add beside a date ("exact", "approx",
"month", "year only"...): which words it holds, and how each widens the date, never narrowing it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from adapters.dates.periods import season_bounds
from adapters.dates.spans import DateReadError, month_end
from domain.recorded_date import Precision, RecordedDate

# "undated" only ever stands beside an empty date cell, so there is nothing to change.
_EXACT = frozenset({"", "exact", "exact date", "day", "undated", "unknown", "n/k"})
# "period": the date starts a span whose end is only described in the text, so the date we hold
# is one point of it, which is an approximation of when the thing happened.
_APPROXIMATE = frozenset(
    {"approx", "approximate", "approximately", "approx date", "approximate date", "circa"}
    | {"c", "ca", "estimated", "estimate", "est", "estimated date", "about", "not exact"}
    | {"period", "start of period", "from"}
)


def _month_containing(day: date) -> tuple[date, date]:
    return date(day.year, day.month, 1), month_end(day.year, day.month)


def _season_containing(day: date) -> tuple[date, date]:
    # January and February belong to the winter that began the December before.
    if day.month <= 2:
        return season_bounds(day.year - 1, 12)
    return season_bounds(day.year, day.month - (day.month % 3))


def _year_containing(day: date) -> tuple[date, date]:
    return date(day.year, 1, 1), date(day.year, 12, 31)


def _week_containing(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


_WIDENING: dict[str, tuple[Callable[[date], tuple[date, date]], Precision]] = {
    "week": (_week_containing, Precision.RANGE),
    "month": (_month_containing, Precision.MONTH),
    "month only": (_month_containing, Precision.MONTH),
    "month and year": (_month_containing, Precision.MONTH),
    "season": (_season_containing, Precision.SEASON),
    "year": (_year_containing, Precision.YEAR),
    "year only": (_year_containing, Precision.YEAR),
}
# Coarser precisions win: a qualifier never makes a date look more precise than it was.
_COARSENESS = {
    Precision.DAY: 0,
    Precision.MONTH: 1,
    Precision.SEASON: 2,
    Precision.YEAR: 3,
    Precision.RANGE: 4,
}


def _word(text: str) -> str:
    return " ".join(text.split()).lower().rstrip(".")


def is_date_qualifier(text: str) -> bool:
    """True for a word a precision/approx column holds ("exact", "approx", "month"...)."""
    word = _word(text)
    return word in _EXACT or word in _APPROXIMATE or word in _WIDENING


def qualify_date(recorded: RecordedDate, qualifier: str) -> RecordedDate:
    """Apply a separate precision/approx column to a date; it may widen the span, never narrow."""
    word = _word(qualifier)
    if word in _EXACT:
        return recorded
    if word in _APPROXIMATE:
        return replace(recorded, approximate=True)
    widening = _WIDENING.get(word)
    if widening is None:
        raise DateReadError(
            f"cannot apply qualifier {qualifier!r} to the date {recorded.text!r}: "
            "expected exact, approx, week, month, season, year or period"
        )
    return _widen(recorded, *widening)


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

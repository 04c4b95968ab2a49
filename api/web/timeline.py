"""The timeline picture: one lane per agency, each account at the date its agency recorded.

Pure geometry (no HTML): the template draws the SVG from these numbers. An account dated to a
month, a season or a range is a bar across that span; the accounts of one incident are joined by
a line, so an account a year away from the rest of its incident shows as a long join. The window
is the whole review, a year ("2012") or a month ("2012-06"); zoom links move between them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from projections.merged.view import MergedView, ViewEntry

WIDTH = 1100
LEFT = 210  # room for agency names
RIGHT = 20
TOP = 34
LANE_HEIGHT = 30
LABEL_CHARACTERS = 28
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Mark:
    """One agency's account, placed in its lane at its own recorded date (a span, if wider)."""

    x: float
    x_end: float  # equal to x for a single day
    y: float
    incident: str
    conflict: bool
    title: str  # agency, file:row and the date as recorded
    kinds: tuple[str, ...] = ()

    @property
    def spans(self) -> bool:
        """True when the account stands for more than a day (a month, a season, a range)."""
        return self.x_end - self.x >= 2


@dataclass(frozen=True)
class Join:
    """A line from one account of an incident to the next, in date order."""

    x1: float
    y1: float
    x2: float
    y2: float
    long: bool  # further apart than a join within one incident's days usually is


@dataclass(frozen=True)
class Tick:
    """A labelled line on the time axis."""

    x: float
    label: str


@dataclass(frozen=True)
class Zoom:
    """A window the reader can move to."""

    window: str
    label: str


@dataclass(frozen=True)
class Timeline:
    """Everything the SVG and its zoom links need."""

    window: str
    title: str
    width: int
    height: int
    left: int
    lanes: list[tuple[str, float]]
    ticks: list[Tick]
    marks: list[Mark]
    joins: list[Join]
    zoom_in: list[Zoom]
    zoom_out: Zoom | None
    previous: Zoom | None
    following: Zoom | None
    accounts: int  # every account of the view
    undated: int  # accounts with no recorded date (not drawn)
    outside: int  # dated accounts outside the window


LONG_JOIN_DAYS = 60


def build_timeline(view: MergedView, window: str, kind: str = "") -> Timeline:
    """The timeline of `view`'s accounts within `window` ("" is the whole review). Conflict
    marks go on the accounts an unresolved conflict (of `kind`, if given) names."""
    accounts = [(incident.id, e) for incident in view.incidents for e in incident.entries]
    dated = [(i, e, *span) for i, e in accounts if (span := _span(e)) is not None]
    start, end = _bounds(window, [d for _, _, d, _ in dated] + [d for _, _, _, d in dated])
    shown = [(i, e, a, b) for i, e, a, b in dated if a < end and b >= start]
    agencies = sorted({e.agency for _, e, _, _ in shown}, key=str.casefold)
    lane_y = {agency: TOP + LANE_HEIGHT * (n + 0.5) for n, agency in enumerate(agencies)}
    kinds_of: dict[str, list[str]] = {}
    for c in view.conflicts:
        if c.status != "resolved" and (not kind or c.kind == kind):
            for side in c.entries:
                kinds_of.setdefault(str(side["record_id"]), []).append(c.kind)
    scale = (WIDTH - LEFT - RIGHT) / max((end - start).days, 1)

    def x_of(day: date) -> float:
        clipped = min(max(day, start), end)
        return round(LEFT + (clipped - start).days * scale, 1)

    marks = [
        Mark(
            x=x_of(first),
            x_end=x_of(last + timedelta(days=1)) if last > first else x_of(first),
            y=lane_y[e.agency],
            incident=incident,
            conflict=e.record_id in kinds_of,
            title=f"{e.agency}, {e.file}:{e.row}, recorded “{e.date}”"
            + (f" at {e.time}" if e.time and e.time not in e.date else ""),
            kinds=tuple(dict.fromkeys(kinds_of.get(e.record_id, []))),
        )
        for incident, e, first, last in shown
    ]
    return Timeline(
        window=window,
        title=_title(window, start, end),
        width=WIDTH,
        height=int(TOP + LANE_HEIGHT * max(len(agencies), 1) + 10),
        left=LEFT,
        lanes=[(a, y) for a, y in lane_y.items()],
        ticks=[Tick(x_of(d), label) for d, label in _ticks(window, start, end)],
        marks=sorted(marks, key=lambda m: m.conflict),  # conflicts drawn last, on top
        joins=_joins(marks, scale),
        zoom_in=_zoom_in(window, start, end, {d for _, _, d, _ in dated}),
        zoom_out=_zoom_out(window),
        previous=_step(window, -1),
        following=_step(window, 1),
        accounts=len(accounts),
        undated=len(accounts) - len(dated),
        outside=len(dated) - len(shown),
    )


def _span(entry: ViewEntry) -> tuple[date, date] | None:
    """The days the agency's own date stands for (a day, a month, a season, a range)."""
    if not entry.earliest:
        return None
    first = date.fromisoformat(entry.earliest[:10])
    last = date.fromisoformat((entry.latest or entry.earliest)[:10])
    return first, max(first, last)


def _joins(marks: list[Mark], scale: float) -> list[Join]:
    """Consecutive accounts of each incident (in date order), joined."""
    by_incident: dict[str, list[Mark]] = {}
    for mark in marks:
        by_incident.setdefault(mark.incident, []).append(mark)
    joins = []
    for members in by_incident.values():
        ordered = sorted(members, key=lambda m: (m.x, m.y))
        for a, b in zip(ordered, ordered[1:], strict=False):
            if (a.x, a.y) != (b.x, b.y):
                gap_days = abs(b.x - a.x) / scale if scale else 0
                joins.append(Join(a.x, a.y, b.x, b.y, long=gap_days > LONG_JOIN_DAYS))
    return joins


def _bounds(window: str, days: list[date]) -> tuple[date, date]:
    if len(window) == 4:
        year = int(window)
        return date(year, 1, 1), date(year + 1, 1, 1)
    if len(window) == 7:
        first = date(int(window[:4]), int(window[5:]), 1)
        return first, _next_month(first)
    if not days:
        today = date.today()
        return date(today.year, 1, 1), date(today.year + 1, 1, 1)
    return date(min(days).year, 1, 1), date(max(days).year + 1, 1, 1)


def _ticks(window: str, start: date, end: date) -> list[tuple[date, str]]:
    if len(window) == 7:
        return [(start + timedelta(days=n), str(n + 1)) for n in range(0, (end - start).days, 7)]
    if len(window) == 4:
        return [(date(start.year, m, 1), MONTHS[m - 1]) for m in range(1, 13)]
    return [(date(y, 1, 1), str(y)) for y in range(start.year, end.year)]


def _zoom_in(window: str, start: date, end: date, days: set[date]) -> list[Zoom]:
    if len(window) == 7:
        return []
    if len(window) == 4:
        months = sorted({(d.year, d.month) for d in days if start <= d < end})
        return [Zoom(f"{y:04d}-{m:02d}", f"{MONTHS[m - 1]} {y}") for y, m in months]
    return [Zoom(str(y), str(y)) for y in sorted({d.year for d in days})]


def _zoom_out(window: str) -> Zoom | None:
    if len(window) == 7:
        return Zoom(window[:4], f"the whole of {window[:4]}")
    if len(window) == 4:
        return Zoom("", "the whole review")
    return None


def _step(window: str, direction: int) -> Zoom | None:
    if len(window) == 4:
        year = int(window) + direction
        return Zoom(str(year), str(year))
    if len(window) == 7:
        index = int(window[:4]) * 12 + int(window[5:]) - 1 + direction
        year, month = divmod(index, 12)
        return Zoom(f"{year:04d}-{month + 1:02d}", f"{MONTHS[month]} {year}")
    return None


def _title(window: str, start: date, end: date) -> str:
    if len(window) == 7:
        return f"{MONTHS[start.month - 1]} {start.year}"
    if len(window) == 4:
        return window
    return f"{start.year} to {end.year - 1}"


def _next_month(first: date) -> date:
    return date(first.year + (first.month // 12), first.month % 12 + 1, 1)

"""The timeline picture: one lane per agency across a window of the review, incidents as marks.

Pure geometry (no HTML): the template draws the SVG from these numbers. The window is the whole
review, a year ("2012") or a month ("2012-06"); zoom links move between them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from projections.merged.view import MergedView

WIDTH = 1100
LEFT = 210  # room for agency names
RIGHT = 20
TOP = 34
LANE_HEIGHT = 30
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Mark:
    """One agency's account of one incident, placed in its lane."""

    x: float
    y: float
    incident: str
    conflict: bool
    title: str


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
    zoom_in: list[Zoom]
    zoom_out: Zoom | None
    previous: Zoom | None
    following: Zoom | None


def build_timeline(view: MergedView, window: str) -> Timeline:
    """The timeline of `view`'s dated incidents within `window` ("" is the whole review)."""
    dated = [(date.fromisoformat(i.date[:10]), i) for i in view.incidents if i.date]
    start, end = _bounds(window, [d for d, _ in dated])
    agencies = sorted({e.agency for _, i in dated for e in i.entries})
    lane_y = {agency: TOP + LANE_HEIGHT * (n + 0.5) for n, agency in enumerate(agencies)}
    conflicted = {c.incident for c in view.conflicts if c.status != "resolved"}
    scale = (WIDTH - LEFT - RIGHT) / max((end - start).days, 1)
    marks = sorted(
        (
            Mark(
                x=round(LEFT + (day - start).days * scale, 1),
                y=lane_y[entry.agency],
                incident=incident.id,
                conflict=incident.id in conflicted,
                title=f"{day:%d %b %Y}, {entry.agency}: {' '.join(entry.summary.split())[:90]}",
            )
            for day, incident in dated
            if start <= day < end
            for entry in {e.agency: e for e in incident.entries}.values()
        ),
        key=lambda m: m.conflict,
    )  # conflicts drawn last, on top
    return Timeline(
        window=window,
        title=_title(window, start, end),
        width=WIDTH,
        height=int(TOP + LANE_HEIGHT * max(len(agencies), 1) + 10),
        left=LEFT,
        lanes=[(a, y) for a, y in lane_y.items()],
        ticks=[
            Tick(round(LEFT + (d - start).days * scale, 1), label)
            for d, label in _ticks(window, start, end)
        ],
        marks=marks,
        zoom_in=_zoom_in(window, start, end, {d for d, _ in dated}),
        zoom_out=_zoom_out(window),
        previous=_step(window, -1),
        following=_step(window, 1),
    )


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

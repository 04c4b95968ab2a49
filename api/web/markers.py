"""How conflict markers are shown: each kind of disagreement has a words-first label and a style.

Colour is never the only signal: every marker carries its label text, and the timeline uses a
different shape for the accounts in conflict. A conflict's explanation opens with a one-line
headline in the records' own words; the evidence beneath it is folded on the pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from projections.merged.view import MergedView, ViewConflict, ViewIncident

KIND_LABELS = {
    "date": "Dates differ",
    "time": "Times differ",
    "identity": "People differ",
    "status": "Status differs",
    "location": "Places differ",
    "attribution": "Who did it differs",
    "account": "Accounts differ",
    "count": "Numbers differ",
    "other": "Other disagreement",
}

STATUS_LABELS = {"open": "Open", "resolved": "Resolved", "needs review": "Needs review"}


@dataclass(frozen=True)
class Marker:
    """One conflict as shown: label, css class, status, headline, evidence and the conflict."""

    label: str
    css: str
    status: str
    status_css: str
    conflict: ViewConflict
    headline: str = ""
    evidence: tuple[str, ...] = ()
    date: str | None = None
    agencies: tuple[str, ...] = ()

    @property
    def is_open(self) -> bool:
        """True while the chair still has to decide (open or needing review)."""
        return self.conflict.status != "resolved"


def marker(conflict: ViewConflict, incident: ViewIncident | None = None) -> Marker:
    """How to show one conflict (with its incident's date, when known)."""
    kind = conflict.kind if conflict.kind in KIND_LABELS else "other"
    lines = [line for line in conflict.explanation.splitlines() if line.strip()]
    return Marker(
        label=KIND_LABELS[kind],
        css=f"kind-{kind}",
        status=STATUS_LABELS.get(conflict.status, conflict.status),
        status_css="status-" + conflict.status.replace(" ", "-"),
        conflict=conflict,
        headline=lines[0] if lines else "",
        evidence=tuple(lines[1:]),
        date=incident.date if incident else None,
        agencies=tuple(dict.fromkeys(str(e["agency"]) for e in conflict.entries if e["agency"])),
    )


def markers_of(view: MergedView, conflicts: Iterable[ViewConflict] | None = None) -> list[Marker]:
    """Markers for `conflicts` (every conflict of the view by default), each with its date."""
    incidents = {i.id: i for i in view.incidents}
    chosen = view.conflicts if conflicts is None else conflicts
    return [marker(c, incidents.get(c.incident)) for c in chosen]


def markers_by_incident(view: MergedView) -> dict[str, list[Marker]]:
    """Each incident's conflict markers."""
    found: dict[str, list[Marker]] = {}
    for shown in markers_of(view):
        found.setdefault(shown.conflict.incident, []).append(shown)
    return found


def conflicted_records(view: MergedView) -> set[str]:
    """The record ids of every entry named by a conflict that is not resolved."""
    return {e["record_id"] for c in view.conflicts if c.status != "resolved" for e in c.entries}


def next_open(markers: Sequence[Marker], after: str) -> Marker | None:
    """The first open conflict after the one keyed `after`, in register order (wrapping round)."""
    keys = [m.conflict.key for m in markers]
    start = keys.index(after) + 1 if after in keys else 0
    for shown in [*markers[start:], *markers[:start]]:
        if shown.is_open and shown.conflict.key != after:
            return shown
    return None


def previous_open(markers: Sequence[Marker], before: str) -> Marker | None:
    """The open conflict before the one keyed `before`, in register order (wrapping round)."""
    found = next_open(list(reversed(markers)), before)
    return found

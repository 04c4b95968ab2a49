"""How conflict markers are shown: each kind of disagreement has a words-first label and a style.

Colour is never the only signal: every marker carries its label text, and the timeline uses a
different shape for incidents with a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass

from projections.merged.view import MergedView, ViewConflict

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
    """One conflict as shown: label, css class, status and the conflict itself."""

    label: str
    css: str
    status: str
    status_css: str
    conflict: ViewConflict


def marker(conflict: ViewConflict) -> Marker:
    """How to show one conflict."""
    kind = conflict.kind if conflict.kind in KIND_LABELS else "other"
    return Marker(
        label=KIND_LABELS[kind],
        css=f"kind-{kind}",
        status=STATUS_LABELS.get(conflict.status, conflict.status),
        status_css="status-" + conflict.status.replace(" ", "-"),
        conflict=conflict,
    )


def markers_by_incident(view: MergedView) -> dict[str, list[Marker]]:
    """Each incident's conflict markers."""
    found: dict[str, list[Marker]] = {}
    for conflict in view.conflicts:
        found.setdefault(conflict.incident, []).append(marker(conflict))
    return found


def conflicted_records(view: MergedView) -> set[str]:
    """The record ids of every entry named by a conflict that is not resolved."""
    return {e["record_id"] for c in view.conflicts if c.status != "resolved" for e in c.entries}

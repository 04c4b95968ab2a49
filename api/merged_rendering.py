"""Rendering the merged chronology: JSON (a stable contract other tools read), a terminal table,
or CSV; plus the filters a chair uses (agency, person, dates, conflicts only)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass, replace
from typing import Any

from api.rendering import safe_cell
from projections.merged.view import MergedView, ViewConflict, ViewIncident


@dataclass(frozen=True)
class MergedFilter:
    """What part of the merged chronology to show."""

    conflicts_only: bool = False
    agency: str | None = None
    person: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    def keep(self, incident: ViewIncident, conflicted: set[str]) -> bool:
        """True when the incident passes every filter."""
        if self.conflicts_only and incident.id not in conflicted:
            return False
        if self.agency and not any(
            e.agency.casefold() == self.agency.casefold() for e in incident.entries
        ):
            return False
        if self.person and not any(_mentions(e.fields, self.person) for e in incident.entries):
            return False
        if self.date_from and (incident.end_date or incident.date or "") < self.date_from:
            return False
        return not (self.date_to and (incident.date or "9999") > self.date_to)


def filtered(view: MergedView, chosen: MergedFilter) -> MergedView:
    """The view with only the incidents (and their conflicts) the filter keeps."""
    conflicted = {c.incident for c in view.conflicts}
    incidents = [i for i in view.incidents if chosen.keep(i, conflicted)]
    kept = {i.id for i in incidents}
    conflicts = [
        c for c in view.conflicts if c.incident in kept or (not c.incident and not chosen.agency)
    ]
    return replace(view, incidents=incidents, conflicts=conflicts)


def merged_json(view: MergedView) -> str:
    """The merged chronology as the documented JSON contract."""
    payload = {
        "review": view.review,
        "as_at_position": view.position,
        "incidents": [_incident_dict(i) for i in view.incidents],
        "conflicts": [_conflict_dict(c) for c in view.conflicts],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


def merged_table(view: MergedView) -> str:
    """Incidents in date order, each agency's account beneath, conflict markers after each."""
    by_incident: dict[str, list[ViewConflict]] = {}
    for conflict in view.conflicts:
        by_incident.setdefault(conflict.incident, []).append(conflict)
    lines = [
        f"{view.review}: {len(view.incidents)} incidents, {len(view.conflicts)} conflicts "
        f"(as at event {view.position})",
        "",
    ]
    for incident in view.incidents:
        span = incident.date or "undated"
        if incident.end_date:
            span += f" to {incident.end_date}"
        lines.append(f"== {span}  [{incident.id}]")
        for entry in incident.entries:
            # A "Date/Time" column already holds the time in the date as written.
            shown_time = entry.time and entry.time not in entry.date
            when = entry.date + (f" {entry.time}" if shown_time else "")
            text = " ".join(entry.summary.split())
            lines.append(f"   {when:<22} {entry.agency:<28} {entry.file}:{entry.row}  {text[:90]}")
        for conflict in by_incident.get(incident.id, []):
            lines.append(
                f"   !! {conflict.kind.upper()} conflict {conflict.key} ({conflict.status}): "
                f"{conflict.explanation}"
            )
            if conflict.decision:
                d = conflict.decision
                lines.append(
                    f"      decision: {d['decision'] or d['status']} by {d['by']} at {d['at']}: "
                    f"{d['rationale']}"
                )
            if conflict.needs_review_because:
                lines.append(f"      needs review: {conflict.needs_review_because}")
        for note in incident.notes:
            lines.append(f"   note ({note['by']}, {note['at']}): {note['text']}")
    orphans = [c for c in view.conflicts if c.incident not in {i.id for i in view.incidents}]
    for conflict in orphans:
        lines.append(
            f"!! {conflict.kind.upper()} conflict {conflict.key} ({conflict.status}): "
            f"{conflict.explanation}"
        )
        if conflict.needs_review_because:
            lines.append(f"   needs review: {conflict.needs_review_because}")
    return "\n".join(lines)


def merged_csv(view: MergedView) -> str:
    """One line per entry, with its incident and the conflicts that name it."""
    conflicts_of: dict[str, list[str]] = {}
    for conflict in view.conflicts:
        for entry in conflict.entries:
            conflicts_of.setdefault(entry["record_id"], []).append(
                f"{conflict.kind}:{conflict.key}:{conflict.status}"
            )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            "incident",
            "incident_date",
            "date",
            "precision",
            "time",
            "agency",
            "file",
            "row",
            "line",
            "account",
            "conflicts",
            "entry_id",
        ]
    )
    for incident in view.incidents:
        for e in incident.entries:
            writer.writerow(
                [
                    safe_cell(v)
                    for v in (
                        incident.id,
                        incident.date or "",
                        e.date,
                        e.date_precision,
                        e.time or "",
                        e.agency,
                        e.file,
                        e.row,
                        e.line,
                        e.summary,
                        "; ".join(conflicts_of.get(e.record_id, [])),
                        e.entry_id,
                    )
                ]
            )
    return out.getvalue()


def _incident_dict(incident: ViewIncident) -> dict[str, Any]:
    data = asdict(incident)
    data["date_precision"] = data.pop("date_precision")
    return data


def _conflict_dict(conflict: ViewConflict) -> dict[str, Any]:
    return asdict(conflict)


def _mentions(fields: dict[str, str], person: str) -> bool:
    wanted = person.casefold()
    texts = (fields.get("subjects", ""), fields.get("summary", ""), fields.get("source", ""))
    return any(wanted in _words(t) for t in texts)


def _words(text: str) -> set[str]:
    return {w.strip(".,;:()'\"").casefold() for w in text.split()}

"""Conflict markers the chair raised: where their rows are one incident, they stand beside the
detectors' markers, named and explained alike, so the chronology, its exports and the chair's
decisions treat them the same way.

A detector reads disagreements it has words for; a chair checking an incident reads the rest
(on the blind reviews, half the true conflicts sat in incidents formed right with no detector
firing). A raised marker is certain (confidence 1): it is the chair's own finding, so it is never
asked back as a doubtful conflict, and it is undone as any marker is, by deciding it is not one.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from projections.matching.explanations import HEADLINE_KINDS
from projections.matching.facts import Conflict, EntryFacts, Incident, RaisedConflict

# Raised markers are keyed apart from the detectors' ("cf-"), so the same rows marked by both
# stay two markers: the chair's words are not overwritten by a detector's, nor the reverse.
KEY_PREFIX = "cr-"


def raised_key(kind: str, entry_ids: Iterable[str]) -> str:
    """The marker's key: the same kind raised on the same rows is the same marker."""
    rows = "|".join(sorted(set(entry_ids)))
    return KEY_PREFIX + hashlib.sha1(f"{kind}|{rows}".encode()).hexdigest()[:16]


def raised_markers(
    incidents: Sequence[Incident],
    raised: Sequence[RaisedConflict],
    entries: Mapping[str, EntryFacts],
) -> list[Conflict]:
    """A marker for each raised conflict with two or more of its rows in one of `incidents`,
    naming those rows (a later split that parts them takes the marker away until they meet
    again; the chair's event stays)."""
    incident_of = {e: incident for incident in incidents for e in incident.entry_ids}
    markers = []
    for conflict in raised:
        held = [e for e in conflict.entry_ids if e in incident_of]
        counted = Counter(incident_of[e].id for e in held)  # a tie goes to the first row's
        if not counted or counted.most_common(1)[0][1] < 2:
            continue
        home = counted.most_common(1)[0][0]
        rows = tuple(e for e in held if incident_of[e].id == home)
        markers.append(
            Conflict(
                key=conflict.key,
                kind=conflict.kind,
                incident_id=home,
                entry_ids=rows,
                explanation=_explanation(conflict, [entries[e] for e in rows if e in entries]),
                confidence=1.0,
            )
        )
    return markers


def _explanation(conflict: RaisedConflict, rows: Sequence[EntryFacts]) -> str:
    said = conflict.description.strip() or "the chair marked these accounts as disagreeing"
    named = "; ".join(f"{e.agency} ({e.file_name} row {e.row})" for e in rows)
    when = conflict.raised_at[:10]
    return (
        f"{HEADLINE_KINDS.get(conflict.kind, 'Finding')}: {said}\n"
        f"Raised by the chair, {conflict.raised_by}, on {when}, between {named}."
    )

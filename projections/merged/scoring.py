"""Scoring a merged chronology against a ground truth (the format of the DHR 7 fixture's)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from projections.evaluation import Evaluation, evaluate
from projections.matching import Conflict, EntryFacts, Incident, MergeResult
from projections.merged.view import MergedView


def evaluate_view(view: MergedView, truth: Mapping[str, Any]) -> Evaluation:
    """Pairwise grouping and conflict scores of `view` against `truth`."""
    entries = [
        EntryFacts(
            entry_id=e.record_id,
            agency=e.agency,
            file_name=e.file,
            row=e.row,
            earliest=None,
            latest=None,
            precision=e.date_precision,
            approximate=False,
            date_text=e.date,
            time=e.time,
            fields=e.fields,
        )
        for incident in view.incidents
        for e in incident.entries
    ]
    incidents = [
        Incident(
            id=i.id,
            entry_ids=tuple(e.record_id for e in i.entries),
            earliest=date.fromisoformat(i.date) if i.date else None,
            latest=date.fromisoformat(i.end_date or i.date) if i.date else None,
            precision=i.date_precision,
            explanation=i.explanation,
        )
        for i in view.incidents
    ]
    conflicts = [
        Conflict(
            key=c.key,
            kind=c.kind,
            incident_id=c.incident,
            entry_ids=tuple(e["record_id"] for e in c.entries),
            explanation=c.explanation,
            confidence=c.confidence,
        )
        for c in view.conflicts
    ]
    return evaluate(MergeResult(incidents=incidents, conflicts=conflicts), entries, truth)

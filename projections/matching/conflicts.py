"""Conflict detection inside one incident (placeholder)."""

from __future__ import annotations

from collections.abc import Sequence

from projections.matching.facts import Conflict, MatchSettings
from projections.matching.profile import Profile
from projections.matching.scoring import PairScore


def detect_conflicts(
    incident_id: str,
    group: Sequence[Profile],
    scores: dict[tuple[int, int], PairScore],
    settings: MatchSettings,
) -> list[Conflict]:
    return []

"""Incident checks: "these rows are held as one incident, and these rows nearby are held
apart: which of them are one incident?"

One answer settles every pair among the rows shown, where a link or split question settles one
row's place. On DHR 7 and the seventeen blind reviews, with the simulated chair, twenty answers
took mean pairwise F1 from 0.765 to 0.945 with incident checks asked first, against 0.835 with
pair questions alone (docs/matching.md, "The chair's queue").

An incident's doubt is the summed uncertainty of the compared pairs the chair has not decided:
those within it and those from it to the rows outside. Nothing but the model orders the checks.
"""

from __future__ import annotations

from collections.abc import Sequence

from projections.matching.facts import Question
from projections.matching.question_ids import digest, question_id

# The rows nearby shown beside an incident: those the model thinks likeliest to belong to it.
# Once the chair sorts them into incidents as well, more of them pay: on DHR 7 and the blind
# reviews, mean F1 after twenty answers 0.969, 0.972 and 0.972 with 6, 8 and 10 shown (before
# sorting, 4, 6 and 8 gave 0.944, 0.945 and 0.945); 8 keeps a check short enough to read.
NEARBY_SHOWN = 8
# An incident whose doubt is below this (one pair at about 88% or 12%) is not worth a check.
MIN_DOUBT = 0.25
# How many of the least certain pairs of a check are worded as its evidence.
PAIRS_WORDED = 3


def uncertainty(probability: float) -> float:
    """1 at even odds, 0 when the model is sure either way."""
    return 1.0 - abs(2.0 * probability - 1.0)


class IncidentDoubt:
    """Gathers, pair by pair, how unsure the model is of each incident; then asks about the
    doubtful ones."""

    def __init__(self, incidents: Sequence[Sequence[str]]) -> None:
        self._incidents = incidents
        self._doubt = [0.0] * len(incidents)
        self._pairs: list[list[tuple[str, str, float]]] = [[] for _ in incidents]
        # Per incident: each row outside it, and its best chance of belonging.
        self._nearby: list[dict[str, float]] = [{} for _ in incidents]

    def add(self, a: str, b: str, incident_a: int, incident_b: int, probability: float) -> None:
        """One compared pair the chair has not decided, and the incidents of its rows."""
        doubt = uncertainty(probability)
        self._doubt[incident_a] += doubt
        self._pairs[incident_a].append((a, b, probability))
        if incident_a == incident_b:
            return
        self._doubt[incident_b] += doubt
        self._pairs[incident_b].append((a, b, probability))
        for incident, outside in ((incident_a, b), (incident_b, a)):
            held = self._nearby[incident].get(outside, 0.0)
            self._nearby[incident][outside] = max(held, probability)

    def questions(self) -> list[Question]:
        """An incident check for every incident in enough doubt."""
        return [
            self._check(n, members)
            for n, members in enumerate(self._incidents)
            if self._doubt[n] >= MIN_DOUBT
        ]

    def _check(self, n: int, members: Sequence[str]) -> Question:
        nearby = sorted(self._nearby[n].items(), key=lambda item: (-item[1], item[0]))
        shown_nearby = tuple(entry for entry, _ in nearby[:NEARBY_SHOWN])
        shown = (*members, *shown_nearby)
        place = {entry: number for number, entry in enumerate(shown, 1)}
        pairs = [(a, b, p) for a, b, p in self._pairs[n] if a in place and b in place]
        certainty = [1.0 - uncertainty(p) / 2.0 for _, _, p in pairs]
        least_sure = sorted(pairs, key=lambda pair: (-uncertainty(pair[2]), pair[0], pair[1]))
        return Question(
            id=question_id("incident", members),
            kind="incident",
            entry_ids=shown,
            others=shown_nearby,
            probability=round(sum(certainty) / len(certainty), 4) if certainty else 1.0,
            priority=round(self._doubt[n], 6),
            settles=len(shown) * (len(shown) - 1) // 2,
            evidence_for=(
                f"{len(members)} row{'' if len(members) == 1 else 's'} held as one incident"
                f"; {len(shown_nearby)} nearby held apart",
            ),
            evidence_against=tuple(
                f"rows {min(place[a], place[b])} and {max(place[a], place[b])}: "
                f"the model puts them at {round(p * 100)}% one incident"
                for a, b, p in least_sure[:PAIRS_WORDED]
            ),
            fingerprint=digest(["incident", list(members), list(shown_nearby)]),
        )

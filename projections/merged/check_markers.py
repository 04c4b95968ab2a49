"""The conflict markers an incident check shows: those standing on its rows with no decision yet,
so the chair reading every account of the incident can say, in the same answer, that a marker is
not a conflict (the detectors' markers are right about half the time on the blind reviews)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from projections.merged.lookup import incidents_of
from projections.merged.tables import conflicts, decisions
from projections.set_queries import among


@dataclass(frozen=True)
class CheckMarker:
    """A marker standing on rows of a check: what the chair reads, and the basis a decision on
    it records (the conflict as it stood)."""

    key: str
    kind: str
    incident_id: str
    entry_ids: tuple[str, ...]
    explanation: str
    digest: str

    @property
    def headline(self) -> str:
        """The explanation's first line: what the accounts disagree about, in their words."""
        return self.explanation.split("\n", 1)[0]

    def numbers(self, shown: Sequence[str]) -> list[int]:
        """Its rows as numbered in a check showing `shown` (1 first), in order."""
        return sorted(shown.index(e) + 1 for e in self.entry_ids if e in shown)

    def basis(self) -> dict[str, object]:
        """The conflict as it stood, as a resolution records it."""
        return {
            "entry_ids": list(self.entry_ids),
            "kind": self.kind,
            "explanation": self.explanation,
            "incident": self.incident_id,
            "digest": self.digest,
        }


def markers_on(engine: sa.Engine, review_id: str, rows: Collection[str]) -> list[CheckMarker]:
    """The current markers of the review with every row among `rows` and no decision standing,
    in key order."""
    shown = set(rows)
    with engine.connect() as connection:
        incident_ids = incidents_of(connection, shown)
        standing = [
            row
            for row in connection.execute(
                sa.select(conflicts)
                .where(
                    among(conflicts.c.incident_id, incident_ids),
                    conflicts.c.valid_to.is_(None),
                )
                .order_by(conflicts.c.conflict_key)
            )
            if row.review_id == review_id and set(row.entry_ids) <= shown
        ]
        decided = set(
            connection.execute(
                sa.select(decisions.c.conflict_key).where(
                    decisions.c.review_id == review_id,
                    among(decisions.c.conflict_key, [row.conflict_key for row in standing]),
                    decisions.c.valid_to.is_(None),
                    decisions.c.status == "resolved",
                )
            ).scalars()
        )
    return [
        CheckMarker(
            row.conflict_key,
            row.kind,
            row.incident_id,
            tuple(row.entry_ids),
            row.explanation,
            row.digest,
        )
        for row in standing
        if row.conflict_key not in decided
    ]

"""The chair's use cases: resolve and reopen conflicts, link and split entries, write notes.

Mixed into the chronology application. "Who" and "when" always come from the caller's
authenticated context and clock, never from the decision's own text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError

from domain.decisions import (
    ConcurrentDecisionError,
    ConflictCase,
    Decision,
    Reconciliation,
    conflict_case_id,
    reconciliation_id,
)

_RETRIES = 5


class ChairUseCases(Application[UUID]):
    """Decisions a review chair records; each one is an event with who, when and why."""

    def resolve_conflict(
        self,
        review: UUID,
        conflict_key: str,
        decision: Decision,
        accepted_entry_id: str | None,
        rationale: str,
        decided_by: str,
        decided_at: datetime,
        basis: dict[str, Any],
        expected_version: int | None = None,
    ) -> int:
        """Resolve a conflict; returns the decision record's new version (for the next change)."""
        case = self._conflict_case(review, conflict_key, expected_version)
        case.resolve(
            decision, accepted_entry_id, rationale, decided_by, decided_at.isoformat(), basis
        )
        return self._save_case(case)

    def reopen_conflict(
        self,
        review: UUID,
        conflict_key: str,
        reason: str,
        reopened_by: str,
        reopened_at: datetime,
        expected_version: int | None = None,
    ) -> int:
        """Reopen a resolved conflict."""
        case = self._conflict_case(review, conflict_key, expected_version)
        case.reopen(reason, reopened_by, reopened_at.isoformat())
        return self._save_case(case)

    def conflict_case(self, review: UUID, conflict_key: str) -> ConflictCase | None:
        """The decisions on one conflict, or None if it was never decided."""
        try:
            case: ConflictCase = self.repository.get(conflict_case_id(review, conflict_key))
        except AggregateNotFoundError:
            return None
        return case

    def link_entries(
        self,
        review: UUID,
        entry_ids: list[str],
        rationale: str,
        decided_by: str,
        decided_at: datetime,
    ) -> None:
        """Record that these entries are one incident."""
        self._reconcile(
            review, lambda r: r.link(entry_ids, rationale, decided_by, decided_at.isoformat())
        )

    def split_entry(
        self,
        review: UUID,
        entry_id: str,
        separated_from: list[str],
        rationale: str,
        decided_by: str,
        decided_at: datetime,
    ) -> None:
        """Record that an entry is not the same incident as the others it was grouped with."""
        self._reconcile(
            review,
            lambda r: r.split(
                entry_id, separated_from, rationale, decided_by, decided_at.isoformat()
            ),
        )

    def raise_conflict(
        self,
        review: UUID,
        entry_ids: list[str],
        kind: str,
        description: str,
        raised_by: str,
        raised_at: datetime,
    ) -> None:
        """Record a disagreement between entries that the chair found and no detector marked."""
        self._reconcile(
            review,
            lambda r: r.raise_conflict(
                entry_ids, kind, description, raised_by, raised_at.isoformat()
            ),
        )

    def add_note(
        self, review: UUID, target: str, text: str, written_by: str, written_at: datetime
    ) -> None:
        """Add a panel note to an entry, incident or conflict."""
        self._reconcile(review, lambda r: r.note(target, text, written_by, written_at.isoformat()))

    def _conflict_case(
        self, review: UUID, conflict_key: str, expected_version: int | None
    ) -> ConflictCase:
        existing = self.conflict_case(review, conflict_key)
        seen = existing.version if existing else 0
        if expected_version is not None and expected_version != seen:
            raise ConcurrentDecisionError(
                f"conflict {conflict_key} changed since you looked (version {expected_version}, "
                f"now {seen}): "
                "someone else decided it; look again and retry"
            )
        return existing or ConflictCase.open(review, conflict_key)

    def _save_case(self, case: ConflictCase) -> int:
        try:
            self.save(case)
        except IntegrityError:
            raise ConcurrentDecisionError(
                f"another decision on conflict {case.conflict_key} was recorded at the same "
                "moment; "
                "yours was not saved: look again and retry"
            ) from None
        return int(case.version)

    def _reconcile(self, review: UUID, change: Callable[[Reconciliation], None]) -> None:
        for _ in range(_RETRIES):
            try:
                record: Reconciliation = self.repository.get(reconciliation_id(review))
            except AggregateNotFoundError:
                record = Reconciliation.start(review)
            change(record)
            try:
                self.save(record)
                return
            except IntegrityError:
                continue  # overrides and notes commute: apply ours on top of whoever won
        raise ConcurrentDecisionError("the review's decision record was too busy; try again")

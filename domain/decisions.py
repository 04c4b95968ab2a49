"""The chair's decisions, as aggregates: how each conflict was resolved, grouping overrides, and
the conflicts the chair raised.

A `ConflictCase` holds the decisions on one conflict (one aggregate per conflict key, so two
people deciding the same conflict at once collide and the second is refused). `Reconciliation`
holds a review's grouping overrides, raised conflicts and panel notes, which commute and so can
simply be retried.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.conflict_kinds import CONFLICT_KINDS
from domain.errors import ChronologyError
from domain.identity import CHRONOLOGY_NAMESPACE
from domain.text import checked_line, checked_lines, checked_text


class Decision(StrEnum):
    """How a chair can resolve a conflict."""

    ACCEPT = "accept"  # one account is right
    DISPUTED = "disputed"  # both accounts stand, recorded as disputed (the usual outcome)
    NOT_A_CONFLICT = "not-a-conflict"  # the marker was wrong


class DecisionRefusedError(ChronologyError):
    """Raised when a decision breaks a rule (no rationale, wrong state, unknown entry)."""


class ConcurrentDecisionError(ChronologyError):
    """Raised when someone else decided the same conflict first; look again, then retry."""


def conflict_case_id(review_id: UUID, conflict_key: str) -> UUID:
    """The id of the decisions on one conflict of one review."""
    return uuid5(CHRONOLOGY_NAMESPACE, f"conflict-case:{review_id}:{conflict_key}")


def reconciliation_id(review_id: UUID) -> UUID:
    """The id of a review's grouping overrides and notes."""
    return uuid5(CHRONOLOGY_NAMESPACE, f"reconciliation:{review_id}")


class ConflictCase(Aggregate):
    """The chair's decisions on one conflict, in order; the last one stands."""

    TOPIC = "chronology:ConflictCase"

    class Event(Aggregate.Event):
        TOPIC = "chronology:ConflictCase.Event"

    class Opened(Aggregate.Created):
        """The first decision on this conflict is about to be recorded."""

        TOPIC = "chronology:ConflictCase.Opened"
        review_id: UUID
        conflict_key: str

    class Resolved(Aggregate.Event):
        """The chair resolved the conflict; `basis` is the conflict as it stood when decided."""

        TOPIC = "chronology:ConflictCase.Resolved"
        decision: str
        accepted_entry_id: str | None
        rationale: str
        decided_by: str
        decided_at: str
        basis: dict[str, Any]

        def apply(self, aggregate: Any) -> None:
            aggregate.status = "resolved"

    class Reopened(Aggregate.Event):
        """The chair reopened a resolved conflict."""

        TOPIC = "chronology:ConflictCase.Reopened"
        reason: str
        reopened_by: str
        reopened_at: str

        def apply(self, aggregate: Any) -> None:
            aggregate.status = "open"

    def __init__(self, review_id: UUID, conflict_key: str) -> None:
        self.review_id = review_id
        self.conflict_key = conflict_key
        self.status = "open"

    @classmethod
    def open(cls, review_id: UUID, conflict_key: str) -> ConflictCase:
        """Start the decision record of one conflict."""
        checked_line(conflict_key, "the conflict key")
        return cls._create(
            cls.Opened,
            id=conflict_case_id(review_id, conflict_key),
            review_id=review_id,
            conflict_key=conflict_key,
        )

    def resolve(
        self,
        decision: Decision,
        accepted_entry_id: str | None,
        rationale: str,
        decided_by: str,
        decided_at: str,
        basis: dict[str, Any],
    ) -> None:
        """Record a resolution; refused without a rationale or when already resolved."""
        checked_text(rationale, "the rationale")
        checked_line(decided_by, "the user name")
        if accepted_entry_id is not None:
            checked_line(accepted_entry_id, "the accepted entry")
        if not rationale.strip():
            raise DecisionRefusedError("a decision needs a written rationale (--rationale)")
        if self.status == "resolved":
            raise DecisionRefusedError(
                f"conflict {self.conflict_key} is already resolved; reopen it first to decide again"
            )
        if decision is Decision.ACCEPT:
            if accepted_entry_id not in basis.get("entry_ids", []):
                raise DecisionRefusedError(
                    "accepting one account needs --accept ENTRY naming one of the conflict's "
                    "entries: " + ", ".join(basis.get("entry_ids", []))
                )
        elif accepted_entry_id is not None:
            raise DecisionRefusedError("--accept only goes with --decision accept")
        self.trigger_event(
            self.Resolved,
            decision=decision.value,
            accepted_entry_id=accepted_entry_id,
            rationale=rationale.strip(),
            decided_by=decided_by,
            decided_at=decided_at,
            basis=basis,
        )

    def reopen(self, reason: str, reopened_by: str, reopened_at: str) -> None:
        """Reopen a resolved conflict so it can be decided again."""
        checked_text(reason, "the reason")
        checked_line(reopened_by, "the user name")
        if self.status != "resolved":
            raise DecisionRefusedError(
                f"conflict {self.conflict_key} is not resolved, so cannot be reopened"
            )
        if not reason.strip():
            raise DecisionRefusedError("reopening needs a reason (--rationale)")
        self.trigger_event(
            self.Reopened, reason=reason.strip(), reopened_by=reopened_by, reopened_at=reopened_at
        )


class Reconciliation(Aggregate):
    """A review's grouping overrides (links and splits) and panel notes, in the order made."""

    TOPIC = "chronology:Reconciliation"

    class Event(Aggregate.Event):
        TOPIC = "chronology:Reconciliation.Event"

    class Started(Aggregate.Created):
        """The review's first override or note is about to be recorded."""

        TOPIC = "chronology:Reconciliation.Started"
        review_id: UUID

    class EntriesLinked(Aggregate.Event):
        """The chair says these entries are one incident, whatever the matcher thinks."""

        TOPIC = "chronology:Reconciliation.EntriesLinked"
        entry_ids: list[str]
        rationale: str
        decided_by: str
        decided_at: str

    class EntrySplit(Aggregate.Event):
        """The chair says this entry is not the same incident as `separated_from`."""

        TOPIC = "chronology:Reconciliation.EntrySplit"
        entry_id: str
        separated_from: list[str]
        rationale: str
        decided_by: str
        decided_at: str

    class ConflictRaised(Aggregate.Event):
        """The chair says these entries' accounts disagree (`kind`, in the chair's words):
        a conflict marker of the chair's own, beside those the detectors raise."""

        TOPIC = "chronology:Reconciliation.ConflictRaised"
        entry_ids: list[str]
        kind: str
        description: str
        raised_by: str
        raised_at: str

    class NoteAdded(Aggregate.Event):
        """A panel note on an entry, an incident or a conflict."""

        TOPIC = "chronology:Reconciliation.NoteAdded"
        target: str
        text: str
        written_by: str
        written_at: str

    def __init__(self, review_id: UUID) -> None:
        self.review_id = review_id

    @classmethod
    def start(cls, review_id: UUID) -> Reconciliation:
        """Start a review's record of overrides and notes."""
        return cls._create(cls.Started, id=reconciliation_id(review_id), review_id=review_id)

    def link(self, entry_ids: list[str], rationale: str, decided_by: str, decided_at: str) -> None:
        """Join entries into one incident."""
        checked_lines(entry_ids, "an entry")
        checked_text(rationale, "the rationale")
        checked_line(decided_by, "the user name")
        unique = sorted(set(entry_ids))
        if len(unique) < 2:
            raise DecisionRefusedError("linking needs at least two different entries")
        self.trigger_event(
            self.EntriesLinked,
            entry_ids=unique,
            rationale=rationale.strip(),
            decided_by=decided_by,
            decided_at=decided_at,
        )

    def split(
        self,
        entry_id: str,
        separated_from: list[str],
        rationale: str,
        decided_by: str,
        decided_at: str,
    ) -> None:
        """Take an entry out of the incident it was grouped into."""
        checked_lines([entry_id, *separated_from], "an entry")
        checked_text(rationale, "the rationale")
        checked_line(decided_by, "the user name")
        others = sorted(set(separated_from) - {entry_id})
        if not others:
            raise DecisionRefusedError(
                "that entry is already on its own; there is nothing to split it from"
            )
        self.trigger_event(
            self.EntrySplit,
            entry_id=entry_id,
            separated_from=others,
            rationale=rationale.strip(),
            decided_by=decided_by,
            decided_at=decided_at,
        )

    def raise_conflict(
        self, entry_ids: list[str], kind: str, description: str, raised_by: str, raised_at: str
    ) -> None:
        """Mark a disagreement between entries that no detector marked."""
        checked_lines(entry_ids, "an entry")
        checked_text(description, "the description")
        checked_line(raised_by, "the user name")
        if kind not in CONFLICT_KINDS:
            raise DecisionRefusedError(
                f"a conflict is one of: {', '.join(CONFLICT_KINDS)} (not {kind!r})"
            )
        unique = list(dict.fromkeys(entry_ids))
        if len(unique) < 2:
            raise DecisionRefusedError("a conflict is between at least two different entries")
        self.trigger_event(
            self.ConflictRaised,
            entry_ids=unique,
            kind=kind,
            description=description.strip(),
            raised_by=raised_by,
            raised_at=raised_at,
        )

    def note(self, target: str, text: str, written_by: str, written_at: str) -> None:
        """Add a panel note."""
        checked_line(target, "what the note is on")
        checked_text(text, "the note")
        checked_line(written_by, "the user name")
        if not text.strip():
            raise DecisionRefusedError("a note needs some text")
        self.trigger_event(
            self.NoteAdded,
            target=target,
            text=text.strip(),
            written_by=written_by,
            written_at=written_at,
        )

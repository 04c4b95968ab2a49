"""A workspace: the application and its read models on one configured store.

The CLI, the HTTP API and the web pages all talk to a Workspace, so each use case is wired once:
record the events, bring the read models up to date, read them back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from uuid import UUID

import sqlalchemy as sa
from eventsourcing.application import AggregateNotFoundError

from adapters.intake import read_chronology
from adapters.store import StoreSettings, open_application, open_engine
from domain.application import ChronologyApplication, ImportOutcome
from domain.decisions import Decision, DecisionRefusedError
from domain.identity import review_id, submission_id
from domain.readings import FileReading
from domain.review import Review
from projections import follower
from projections.audit import AuditLine, AuditTrail, audit_lines, position_at
from projections.audit_terms import AuditRow, in_peoples_terms, trail_names
from projections.entries import EntriesProjection
from projections.entry_listing import ListedEntry, UnreadableListed, list_entries, unreadable_rows
from projections.integrity import IntegritySeal, Verification, verify
from projections.merged.lookup import EntryHistory, entry_history, resolve_record
from projections.merged.model_view import ModelView, model_view
from projections.merged.projection import MergedChronology
from projections.merged.view import MergedView, ViewConflict, merged_view
from projections.people import PeopleProjection, Person, people_of


@dataclass(frozen=True)
class ImportReport:
    """What an import did, for the user: the outcome and how the file was read."""

    outcome: ImportOutcome
    reading: FileReading


class Workspace:
    """The chronology application and its read models, opened on one store."""

    def __init__(self, settings: StoreSettings) -> None:
        self.settings = settings
        self.application: ChronologyApplication = open_application(settings)
        self.engine: sa.Engine = open_engine(settings)
        # The seal is followed like a read model but never rebuilt (see projections.integrity).
        self.seal = IntegritySeal()
        self.projections: list[follower.Projection] = [
            EntriesProjection(),
            AuditTrail(),
            MergedChronology(),
            PeopleProjection(),
        ]
        follower.create_tables(self.engine, [self.seal, *self.projections])

    # --- intake -------------------------------------------------------------------------------

    def import_file(
        self,
        content: bytes,
        file_name: str,
        review_name: str,
        agency: str,
        uploaded_by: str,
        overrides: Mapping[str, str] | None = None,
        progress: follower.ProgressCallback | None = None,
    ) -> ImportReport:
        """Read and store one agency file, then bring the read models up to date."""
        reading = read_chronology(content, file_name, overrides)
        outcome = self.application.import_submission(
            review_name, agency, reading, uploaded_by=uploaded_by, uploaded_at=_now()
        )
        self.catch_up(progress)
        return ImportReport(outcome=outcome, reading=reading)

    def already_holds(self, review_name: str, agency: str, content_sha256: str) -> bool:
        """True when `agency` has sent exactly these bytes to the review before."""
        submission = submission_id(review_id(review_name), agency, content_sha256)
        return submission in self.application.repository

    def catch_up(self, progress: follower.ProgressCallback | None = None) -> int:
        """Seal and apply any events not yet followed; return the last position."""
        position = follower.catch_up(self.application, self.engine, self.seal)
        for projection in self.projections:
            position = follower.catch_up(self.application, self.engine, projection, progress)
        return position

    def rebuild(self, progress: follower.ProgressCallback | None = None) -> int:
        """Drop every read model and rebuild it from the events alone."""
        for projection in self.projections:
            follower.reset(self.engine, projection)
        return self.catch_up(progress)

    # --- reading ------------------------------------------------------------------------------

    def review(self, review_name: str) -> Review:
        """The review called `review_name` (raises ReviewNotFoundError)."""
        return self.application.get_review(review_name)

    def entries(
        self, review_name: str, agency: str | None = None, include_superseded: bool = False
    ) -> list[ListedEntry]:
        """The stored entries of a review, in date order (raises if the review is unknown)."""
        self.review(review_name)
        self.catch_up()
        return list_entries(self.engine, str(review_id(review_name)), agency, include_superseded)

    def merged(self, review_name: str, position: int | None = None) -> MergedView:
        """The merged chronology now, or as it stood at an earlier event position."""
        review = self.review(review_name)
        latest = self.catch_up()
        return merged_view(
            self.engine, str(review.id), review.name, latest if position is None else position
        )

    def model(self, review_name: str, position: int | None = None) -> ModelView | None:
        """The linkage model the merged chronology was made with, now or at an earlier
        position (None before the review's first merge)."""
        review = self.review(review_name)
        latest = self.catch_up()
        return model_view(self.engine, str(review.id), latest if position is None else position)

    def position_at(self, moment: datetime) -> int:
        """The last event position recorded at or before `moment`."""
        self.catch_up()
        return position_at(self.engine, moment.astimezone(UTC).isoformat())

    def audit(self, review_name: str, up_to: int | None = None) -> list[AuditLine]:
        """Every event of the review, in order."""
        review = self.review(review_name)
        self.catch_up()
        return audit_lines(self.engine, str(review.id), up_to)

    def audit_in_peoples_terms(self, review_name: str, up_to: int | None = None) -> list[AuditRow]:
        """The review's trail with agency, file and row in place of record ids."""
        review = self.review(review_name)
        self.catch_up()
        lines = audit_lines(self.engine, str(review.id), up_to)
        return in_peoples_terms(lines, trail_names(self.engine, str(review.id)))

    def history(self, review_name: str, entry: str) -> EntryHistory:
        """Every version of one agency row across resubmissions, and the decisions on it."""
        review = self.review(review_name)
        self.catch_up()
        return entry_history(self.engine, str(review.id), entry)

    def verify(self) -> Verification:
        """Check that the stored events are exactly those that were sealed when written."""
        follower.catch_up(self.application, self.engine, self.seal)
        return verify(self.application, self.engine)

    # --- the chair's decisions ------------------------------------------------------------------

    def resolve(
        self,
        review_name: str,
        conflict_key: str,
        decision: Decision,
        accept: str | None,
        rationale: str,
        decided_by: str,
        expected_version: int | None = None,
    ) -> int:
        """Resolve a conflict as it stands now; returns the decision record's version."""
        review = self.review(review_name)
        conflict = self._conflict(review_name, conflict_key)
        accepted = resolve_record(self.engine, str(review.id), accept) if accept else None
        basis = {
            "entry_ids": [e["record_id"] for e in conflict.entries],
            "kind": conflict.kind,
            "explanation": conflict.explanation,
            "incident": conflict.incident,
            "digest": self._conflict_digest(review, conflict_key),
        }
        version = self.application.resolve_conflict(
            review.id,
            conflict_key,
            decision,
            accepted,
            rationale,
            decided_by,
            _now(),
            basis,
            expected_version,
        )
        self.catch_up()
        return version

    def reopen(
        self,
        review_name: str,
        conflict_key: str,
        reason: str,
        by: str,
        expected_version: int | None = None,
    ) -> int:
        """Reopen a resolved conflict."""
        review = self.review(review_name)
        version = self.application.reopen_conflict(
            review.id, conflict_key, reason, by, _now(), expected_version
        )
        self.catch_up()
        return version

    def link(self, review_name: str, entries: list[str], rationale: str, by: str) -> None:
        """Record that entries (ids or record ids) are the same incident."""
        review = self.review(review_name)
        records = [resolve_record(self.engine, str(review.id), e) for e in entries]
        self.application.link_entries(review.id, records, rationale, by, _now())
        self.catch_up()

    def unlink(self, review_name: str, entry: str, rationale: str, by: str) -> None:
        """Split an entry out of the incident it is grouped in."""
        review = self.review(review_name)
        record = resolve_record(self.engine, str(review.id), entry)
        view = self.merged(review_name)
        incident = next(
            (i for i in view.incidents if record in {e.record_id for e in i.entries}), None
        )
        others = [e.record_id for e in incident.entries] if incident else []
        self.application.split_entry(review.id, record, others, rationale, by, _now())
        self.catch_up()

    def note(self, review_name: str, target: str, text: str, by: str) -> None:
        """Add a panel note to an entry (id or record id), an incident (inc-...) or a conflict."""
        review = self.review(review_name)
        if target.startswith("inc-"):
            label = f"incident:{target}"
        elif any(c.key == target for c in self.merged(review_name).conflicts):
            label = f"conflict:{target}"
        else:
            label = f"entry:{resolve_record(self.engine, str(review.id), target)}"
        self.application.add_note(review.id, label, text, by, _now())
        self.catch_up()

    def record_person(
        self,
        review_name: str,
        pseudonym: str,
        real_name: str,
        role: str,
        aliases: list[str],
        by: str,
    ) -> None:
        """Add or update a person in the review's glossary."""
        review = self.review(review_name)
        self.application.record_person(review.id, pseudonym, real_name, role, aliases, by, _now())
        self.catch_up()

    def people(self, review_name: str) -> list[Person]:
        """The people the review names."""
        review = self.review(review_name)
        self.catch_up()
        return people_of(self.engine, str(review.id))

    def unreadable_rows(
        self, review_name: str, agency: str | None = None
    ) -> list[UnreadableListed]:
        """The rows intake could not read in the files that stand now, with where and why."""
        review = self.review(review_name)
        self.catch_up()
        found = unreadable_rows(self.engine, str(review.id), agency)
        return [replace(u, place=self._place(u.entry_id) or u.place) for u in found]

    def _place(self, entry_id: str) -> str:
        """Where an unreadable record stands in its file, in words ("sheet Log, row 14")."""
        try:
            row: object = self.application.repository.get(UUID(entry_id))
        except (AggregateNotFoundError, ValueError):
            return ""
        return str(getattr(row, "place", "") or "")

    def ask_for_a_corrected_file(
        self, review_name: str, submission_id: str, text: str, by: str
    ) -> None:
        """A note on a submission asking its agency for a corrected file (or anything else)."""
        review = self.review(review_name)
        held = {u.submission_id for u in self.unreadable_rows(review_name)}
        if submission_id not in held:
            raise DecisionRefusedError("that file has no unreadable rows in this review")
        self.application.add_note(review.id, f"submission:{submission_id}", text, by, _now())
        self.catch_up()

    def submission_notes(self, review_name: str) -> dict[str, list[AuditLine]]:
        """The notes written on each submission, oldest first."""
        notes: dict[str, list[AuditLine]] = {}
        for line in self.audit(review_name):
            subject = line.subject or ""
            if line.action == "note added" and subject.startswith("submission:"):
                notes.setdefault(subject.removeprefix("submission:"), []).append(line)
        return notes

    def close(self) -> None:
        """Release database connections."""
        self.engine.dispose()
        self.application.close()

    def _conflict(self, review_name: str, conflict_key: str) -> ViewConflict:
        for conflict in self.merged(review_name).conflicts:
            if conflict.key == conflict_key:
                return conflict
        raise DecisionRefusedError(
            f"no conflict {conflict_key!r} in {review_name!r}; list them with "
            "`chronology merged --conflicts-only`"
        )

    def _conflict_digest(self, review: Review, conflict_key: str) -> str:
        from projections.merged.tables import conflicts

        with self.engine.connect() as connection:
            found = connection.execute(
                sa.select(conflicts.c.digest).where(
                    conflicts.c.review_id == str(review.id),
                    conflicts.c.conflict_key == conflict_key,
                    conflicts.c.valid_to.is_(None),
                )
            ).scalar()
        return str(found or "")


def _now() -> datetime:
    return datetime.now(UTC)

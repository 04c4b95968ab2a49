"""A workspace: the application and its read models on one configured store.

The CLI, the HTTP API and the web pages all talk to a Workspace, so each use case is wired once:
record the events, bring the read models up to date, read them back. Where a follower process
keeps the read models up to date (`follower_runs`, see api.follower_process), an upload records
its events and answers, and reads show what the read models hold.
"""

from __future__ import annotations

import contextvars
import functools
import logging
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Concatenate, ParamSpec, TypeVar
from uuid import UUID

import sqlalchemy as sa
from eventsourcing.application import AggregateNotFoundError

from adapters.intake import read_chronology
from adapters.intake_limits import IntakeLimits
from adapters.store import StoreSettings, open_application, open_engine, review_write_turn
from adapters.store_outage import STORE_UNAVAILABLE_ERRORS, outage_kind
from domain.application import ChronologyApplication, ImportOutcome
from domain.decisions import Decision, DecisionRefusedError
from domain.identity import review_id, submission_id
from domain.questions import (
    ANSWERS_FOR,
    Answer,
    AskedQuestion,
    Disagreement,
    MarkerSeen,
    StaleAnswerError,
    already_answered,
)
from domain.readings import FileReading
from domain.review import Review
from domain.text import check_cells, checked_line, checked_lines, checked_text
from projections import follower
from projections.audit import AuditLine, AuditTrail, audit_lines, position_at
from projections.audit_terms import AuditRow, in_peoples_terms, trail_names
from projections.entries import EntriesProjection
from projections.entry_listing import ListedEntry, UnreadableListed, list_entries, unreadable_rows
from projections.failures import ReadModelFailure, all_failures
from projections.integrity import IntegritySeal, Verification, verify
from projections.matching import raised_key
from projections.matching.facts import Question
from projections.merged.check_markers import CheckMarker, markers_on
from projections.merged.lookup import EntryHistory, entry_history, incidents_of, resolve_record
from projections.merged.model_view import ModelView, model_view
from projections.merged.projection import MergedChronology
from projections.merged.queue import Queue, open_question, open_queue
from projections.merged.view import (
    MergedView,
    ViewConflict,
    ViewEntry,
    current_entries,
    merged_view,
)
from projections.people import PeopleProjection, Person, people_of


@dataclass(frozen=True)
class ReadModelStatus:
    """How far one read model has followed the events, and its stop if it has stopped."""

    name: str
    position: int
    latest: int
    failure: ReadModelFailure | None


@dataclass(frozen=True)
class ShownQuestion:
    """A question of the queue with both accounts, verbatim, as the chair reads them; an
    incident check also shows the undecided markers standing on its rows."""

    question: Question
    accounts: list[ViewEntry]
    markers: list[CheckMarker] = field(default_factory=list)


@dataclass(frozen=True)
class ImportReport:
    """What an import did, for the user: the outcome and how the file was read."""

    outcome: ImportOutcome
    reading: FileReading
    # Events stored up to this upload's own that the read models have still to apply: 0 once the
    # merged chronology includes the file (always, when the upload catches up itself); None when
    # the store could not say just after the file was stored.
    events_to_apply: int | None = 0


log = logging.getLogger("chronology.workspace")

P = ParamSpec("P")
R = TypeVar("R")

# True while this request (thread or task) is inside `Workspace.writing`: its catch-up is then
# covered already, and taking the lock again would take a second connection of the same pool.
_in_a_write: contextvars.ContextVar[bool] = contextvars.ContextVar("in_a_write", default=False)


def _writes(
    use_case: Callable[Concatenate[Workspace, P], R],
) -> Callable[Concatenate[Workspace, P], R]:
    """A use case that records events: it runs inside `Workspace.writing`."""

    @functools.wraps(use_case)
    def writing(workspace: Workspace, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with workspace.writing():
            return use_case(workspace, *args, **kwargs)

    return writing


class Workspace:
    """The chronology application and its read models, opened on one store."""

    def __init__(
        self,
        settings: StoreSettings,
        limits: IntakeLimits | None = None,
        follower_runs: bool = False,
    ) -> None:
        self.settings = settings
        # How much one upload may hold (columns, cell length, rows): see adapters.intake_limits.
        self.limits = limits or IntakeLimits()
        # True when a follower process applies the events (a served store): uploads and reads
        # then leave the read models to it; decisions still catch up, to decide on what stands.
        self.follower_runs = follower_runs
        # Uploads in this process take turns to read and save their file (see _read_and_save).
        self._upload_turn = threading.Lock()
        self.application: ChronologyApplication = open_application(settings)
        self.engine: sa.Engine = open_engine(settings)
        # The lock that says who is catching up is held on a pool of its own: a catch-up holds
        # it while it takes connections of `engine`, so sharing one pool could exhaust it.
        self.follow_engine: sa.Engine = open_engine(settings)
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
        """Read and store one agency file, then bring the read models up to date (or, with a
        follower running, leave that to it and say how many events it has still to apply)."""
        # Checked before the file is read, so a bad name costs nothing (the domain checks again).
        checked_line(review_name, "the review name")
        checked_line(agency, "the agency name")
        checked_line(file_name, "the file name")
        checked_line(uploaded_by, "the user name")
        read = functools.partial(read_chronology, content, file_name, overrides, self.limits)
        if self.follower_runs:
            # No catch-up here, so no write in progress to mark for reads (they never catch up).
            outcome, reading = self._read_and_save(read, review_name, agency, uploaded_by)
            return ImportReport(outcome, reading, self._events_to_apply_after_save())
        with self.writing():
            outcome, reading = self._read_and_save(read, review_name, agency, uploaded_by)
            self.catch_up(progress)
        return ImportReport(outcome=outcome, reading=reading)

    def _events_to_apply_after_save(self) -> int | None:
        """How far behind the read models are, or None if the store cannot say just now: the
        file is stored whatever happens here, so the upload must not be refused for it."""
        try:
            return self.events_to_apply()
        except STORE_UNAVAILABLE_ERRORS as error:
            log.warning("stored; read models' position unknown (%s)", outage_kind(error))
            return None

    def _read_and_save(
        self, read: Callable[[], FileReading], review_name: str, agency: str, uploaded_by: str
    ) -> tuple[ImportOutcome, FileReading]:
        """Read the file and save its events, in this process's turn for uploads and then the
        review's turn in the store (review_write_turn).

        One upload at a time per process: reading and saving a file is CPU under the GIL, and
        uploads side by side would take every core from the requests of people reading; those
        waiting for the turn hold no database connection meanwhile.
        """
        with self._upload_turn:
            reading = read()
            with review_write_turn(self.engine, str(review_id(review_name))):
                outcome = self.application.import_submission(
                    review_name, agency, reading, uploaded_by=uploaded_by, uploaded_at=_now()
                )
        return outcome, reading

    def already_holds(self, review_name: str, agency: str, content_sha256: str) -> bool:
        """True when `agency` has sent exactly these bytes to the review before."""
        submission = submission_id(review_id(review_name), agency, content_sha256)
        return submission in self.application.repository

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Mark a write in progress, from before its events are saved until its catch-up ends.

        While any write is in progress, reads do not catch up (`catch_up_to_read`): the write's
        own catch-up applies its events, and a read that waited for it would take as long.
        """
        if _in_a_write.get():
            yield
            return
        with follower.turn_to_follow(self.follow_engine, wait=True):
            marked = _in_a_write.set(True)
            try:
                yield
            finally:
                _in_a_write.reset(marked)

    def catch_up(
        self, progress: follower.ProgressCallback | None = None, most: int | None = None
    ) -> int:
        """Seal and apply any events not yet followed; return the last event's position.

        A read model that has stopped (projections.failures) stays behind; the others, and this
        position, go on, so one stopped read model never holds back what the others show.
        With `most`, no read model applies more than that many events this time: a follower
        working through a backlog of merges comes back to the quick read models between them.
        """
        with self.writing():
            return self._apply_new_events(progress, most)

    def catch_up_to_read(self) -> int:
        """Catch up unless another process is doing so now; the position the reads show.

        Every write catches up before it answers, so what it wrote is there to read; a read
        arriving while a write is in progress shows the read models as they stand, rather than
        waiting for a merge (projections.follower.turn_to_follow). A read that finds no write in
        progress applies what is left (a write that stopped before its catch-up, say). With a
        follower running, a read never catches up: it shows what the read models hold.
        """
        if self.follower_runs:
            return self._least_followed()
        latest = self.application.recorder.max_notification_id() or 0
        # Two queries when nothing is new (the usual read), rather than two per read model.
        if self._least_followed() >= latest:
            return latest
        with follower.turn_to_follow(self.follow_engine, wait=False) as mine:
            if mine:
                return self._apply_new_events(None)
        return self._least_followed()

    def events_to_apply(self) -> int:
        """How many stored events the read models still following have yet to apply."""
        latest = self.application.recorder.max_notification_id() or 0
        return max(0, latest - self._least_followed())

    def _least_followed(self) -> int:
        """What every read model still following has applied (a stopped one is left out, as
        catch_up leaves it behind), so no view runs ahead of what its read model holds."""
        names = [p.name for p in [self.seal, *self.projections]]
        return follower.least_position_following(self.engine, names)

    def _apply_new_events(
        self, progress: follower.ProgressCallback | None, most: int | None = None
    ) -> int:
        latest = self.application.recorder.max_notification_id() or 0
        for projection in [self.seal, *self.projections]:
            stop = latest
            if most is not None:
                stop = min(latest, follower.current_position(self.engine, projection.name) + most)
            told = progress if projection is not self.seal else None
            follower.catch_up(self.application, self.engine, projection, told, stop=stop)
        return latest

    @_writes
    def rebuild(self, progress: follower.ProgressCallback | None = None) -> int:
        """Drop every read model and rebuild it from the events alone."""
        for projection in self.projections:
            follower.reset(self.engine, projection)
        return self.catch_up(progress)

    def read_model_status(self) -> list[ReadModelStatus]:
        """Each read model (the seal first) with its position and any recorded stop."""
        latest = self.application.recorder.max_notification_id() or 0
        stopped = {f.name: f for f in all_failures(self.engine)}
        return [
            ReadModelStatus(
                name=p.name,
                position=follower.current_position(self.engine, p.name),
                latest=latest,
                failure=stopped.get(p.name),
            )
            for p in [self.seal, *self.projections]
        ]

    def stopped_read_models(self) -> list[ReadModelFailure]:
        """The read models that have stopped on an event they could not apply."""
        return all_failures(self.engine)

    # --- reading ------------------------------------------------------------------------------

    def review(self, review_name: str) -> Review:
        """The review called `review_name` (raises ReviewNotFoundError)."""
        # A lookup: refuse only what no store can hold, so a review opened before is still found.
        check_cells([review_name], "the review name")
        return self.application.get_review(review_name)

    def entries(
        self, review_name: str, agency: str | None = None, include_superseded: bool = False
    ) -> list[ListedEntry]:
        """The stored entries of a review, in date order (raises if the review is unknown)."""
        check_cells([agency or ""], "the agency name")
        self.review(review_name)
        self.catch_up_to_read()
        return list_entries(self.engine, str(review_id(review_name)), agency, include_superseded)

    def merged(self, review_name: str, position: int | None = None) -> MergedView:
        """The merged chronology now, or as it stood at an earlier event position."""
        review = self.review(review_name)
        latest = self.catch_up_to_read()
        return merged_view(
            self.engine, str(review.id), review.name, latest if position is None else position
        )

    def model(self, review_name: str, position: int | None = None) -> ModelView | None:
        """The linkage model the merged chronology was made with, now or at an earlier
        position (None before the review's first merge)."""
        review = self.review(review_name)
        latest = self.catch_up_to_read()
        return model_view(self.engine, str(review.id), latest if position is None else position)

    def position_at(self, moment: datetime) -> int:
        """The last event position recorded at or before `moment`."""
        self.catch_up_to_read()
        return position_at(self.engine, moment.astimezone(UTC).isoformat())

    def audit(self, review_name: str, up_to: int | None = None) -> list[AuditLine]:
        """Every event of the review, in order."""
        review = self.review(review_name)
        self.catch_up_to_read()
        return audit_lines(self.engine, str(review.id), up_to)

    def audit_in_peoples_terms(self, review_name: str, up_to: int | None = None) -> list[AuditRow]:
        """The review's trail with agency, file and row in place of record ids."""
        review = self.review(review_name)
        self.catch_up_to_read()
        lines = audit_lines(self.engine, str(review.id), up_to)
        return in_peoples_terms(lines, trail_names(self.engine, str(review.id)))

    def history(self, review_name: str, entry: str) -> EntryHistory:
        """Every version of one agency row across resubmissions, and the decisions on it."""
        check_cells([entry], "the entry")
        review = self.review(review_name)
        self.catch_up_to_read()
        return entry_history(self.engine, str(review.id), entry)

    def verify(self) -> Verification:
        """Check that the stored events are exactly those that were sealed when written."""
        follower.catch_up(self.application, self.engine, self.seal)
        return verify(self.application, self.engine)

    # --- the chair's decisions ------------------------------------------------------------------

    @_writes
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
        checked_line(conflict_key, "the conflict key")
        checked_line(accept or "", "the accepted entry")
        checked_text(rationale, "the rationale")
        review = self.review(review_name)
        self.catch_up()  # a decision is made on the read models as they stand after every write
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

    @_writes
    def reopen(
        self,
        review_name: str,
        conflict_key: str,
        reason: str,
        by: str,
        expected_version: int | None = None,
    ) -> int:
        """Reopen a resolved conflict."""
        checked_line(conflict_key, "the conflict key")
        checked_text(reason, "the reason")
        review = self.review(review_name)
        version = self.application.reopen_conflict(
            review.id, conflict_key, reason, by, _now(), expected_version
        )
        self.catch_up()
        return version

    @_writes
    def link(self, review_name: str, entries: list[str], rationale: str, by: str) -> None:
        """Record that entries (ids or record ids) are the same incident."""
        checked_lines(entries, "an entry")
        checked_text(rationale, "the rationale")
        review = self.review(review_name)
        records = [resolve_record(self.engine, str(review.id), e) for e in entries]
        self.application.link_entries(review.id, records, rationale, by, _now())
        self.catch_up()

    @_writes
    def unlink(self, review_name: str, entry: str, rationale: str, by: str) -> None:
        """Split an entry out of the incident it is grouped in."""
        checked_line(entry, "the entry")
        checked_text(rationale, "the rationale")
        review = self.review(review_name)
        self.catch_up()
        record = resolve_record(self.engine, str(review.id), entry)
        view = self.merged(review_name)
        incident = next(
            (i for i in view.incidents if record in {e.record_id for e in i.entries}), None
        )
        others = [e.record_id for e in incident.entries] if incident else []
        self.application.split_entry(review.id, record, others, rationale, by, _now())
        self.catch_up()

    @_writes
    def raise_conflict(
        self, review_name: str, entries: list[str], kind: str, description: str, by: str
    ) -> str:
        """Mark a disagreement between entries (ids or record ids) of one incident that no
        detector marked; returns the marker's key (for its decisions, as any marker's)."""
        checked_lines(entries, "an entry")
        checked_text(description, "the description")
        review = self.review(review_name)
        self.catch_up()
        records = list(
            dict.fromkeys(resolve_record(self.engine, str(review.id), e) for e in entries)
        )
        with self.engine.connect() as connection:
            homes = incidents_of(connection, records)
        if len(records) >= 2 and len(homes) > 1:
            raise DecisionRefusedError(
                "a conflict is between rows of one incident, and these rows are in "
                f"{len(homes)} incidents: link them first if they are one"
            )
        self.application.raise_conflict(review.id, records, kind, description, by, _now())
        self.catch_up()
        return raised_key(kind, records)

    @_writes
    def note(self, review_name: str, target: str, text: str, by: str) -> None:
        """Add a panel note to an entry (id or record id), an incident (inc-...) or a conflict."""
        checked_line(target, "what the note is on")
        checked_text(text, "the note")
        review = self.review(review_name)
        self.catch_up()
        if target.startswith("inc-"):
            label = f"incident:{target}"
        elif any(c.key == target for c in self.merged(review_name).conflicts):
            label = f"conflict:{target}"
        else:
            label = f"entry:{resolve_record(self.engine, str(review.id), target)}"
        self.application.add_note(review.id, label, text, by, _now())
        self.catch_up()

    # --- the chair's queue ---------------------------------------------------------------------

    def questions(
        self, review_name: str, limit: int | None = None
    ) -> tuple[Queue, list[ShownQuestion]]:
        """The open questions, best first, each with the accounts it is about."""
        review = self.review(review_name)
        self.catch_up_to_read()
        queue = open_queue(self.engine, str(review.id), limit)
        wanted = {e for q in queue.questions for e in q.entry_ids}
        accounts = current_entries(self.engine, wanted)
        shown = [
            ShownQuestion(
                q,
                [accounts[e] for e in q.entry_ids if e in accounts],
                markers_on(self.engine, str(review.id), q.entry_ids)
                if q.kind == "incident"
                else [],
            )
            for q in queue.questions
        ]
        return queue, shown

    @_writes
    def answer(
        self,
        review_name: str,
        question_id: str,
        answer: Answer,
        note: str,
        by: str,
        fingerprint: str | None = None,
        together: Sequence[str] = (),
        disagreements: Sequence[Disagreement] = (),
        not_conflicts: Sequence[str] = (),
        other_incidents: Sequence[Sequence[str]] = (),
    ) -> Question:
        """Answer a question of the queue as it stands (or as shown, when `fingerprint` says
        which version the chair saw); returns the question answered. An incident check keeps
        `together` the rows that are one incident (numbers in the order shown, or record ids;
        none given: the rows as held), sorts out of the other rows each of `other_incidents`
        as an incident of its own, raises a conflict for each of `disagreements` (rows of one
        of those incidents, named the same way), and resolves as not conflicts the markers shown
        with the check whose keys are `not_conflicts`."""
        review = self.review(review_name)
        self.catch_up()  # the answer is checked against the queue as every write left it
        question = open_question(self.engine, str(review.id), question_id)
        if question is None:
            case = self.application.question_case(review.id, question_id)
            if case is not None and case.last is not None:
                raise StaleAnswerError(already_answered(question_id, case.last))
            raise StaleAnswerError(
                f"question {question_id} is no longer asked: the chronology changed since it "
                "was shown; look at the queue again"
            )
        if fingerprint and fingerprint != question.fingerprint:
            raise StaleAnswerError(
                f"question {question_id} changed since it was shown (the rows or the evidence "
                "moved on); your answer was not recorded: read it again and answer it anew"
            )
        if answer not in ANSWERS_FOR[question.kind]:
            allowed = " or ".join(a.value for a in ANSWERS_FOR[question.kind])
            raise DecisionRefusedError(f"a {question.kind} question is answered {allowed}")
        basis = None
        if question.kind == "conflict":
            conflict = self._conflict(review_name, question.conflict_key)
            basis = {
                "entry_ids": [e["record_id"] for e in conflict.entries],
                "kind": conflict.kind,
                "explanation": conflict.explanation,
                "incident": conflict.incident,
                "digest": self._conflict_digest(review, question.conflict_key),
            }
        asked = AskedQuestion(
            question.id,
            question.kind,
            question.fingerprint,
            question.entry_ids,
            question.others,
            question.conflict_key,
            basis,
        )
        if (disagreements or not_conflicts or other_incidents) and question.kind != "incident":
            raise DecisionRefusedError(
                "rows that disagree, markers that are not conflicts and further incidents are "
                f"answered while checking an incident; this is a {question.kind} question"
            )
        kept = rows_kept(question, together) if question.kind == "incident" else []
        sorted_out = [rows_shown(question, rows) for rows in other_incidents]
        dismissed = self._markers_dismissed(review, question, not_conflicts)
        marked = [replace(d, rows=tuple(rows_shown(question, d.rows))) for d in disagreements]
        refuse_misplaced(question, kept, sorted_out, marked)
        self.application.answer_question(
            review.id, asked, answer, note, by, _now(), kept, marked, dismissed, sorted_out
        )
        self.catch_up()
        return question

    @_writes
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
        self.catch_up_to_read()
        return people_of(self.engine, str(review.id))

    def unreadable_rows(
        self, review_name: str, agency: str | None = None
    ) -> list[UnreadableListed]:
        """The rows intake could not read in the files that stand now, with where and why."""
        review = self.review(review_name)
        self.catch_up_to_read()
        found = unreadable_rows(self.engine, str(review.id), agency)
        return [replace(u, place=self._place(u.entry_id) or u.place) for u in found]

    def _place(self, entry_id: str) -> str:
        """Where an unreadable record stands in its file, in words ("sheet Log, row 14")."""
        try:
            row: object = self.application.repository.get(UUID(entry_id))
        except (AggregateNotFoundError, ValueError):
            return ""
        return str(getattr(row, "place", "") or "")

    @_writes
    def ask_for_a_corrected_file(
        self, review_name: str, submission_id: str, text: str, by: str
    ) -> None:
        """A note on a submission asking its agency for a corrected file (or anything else)."""
        checked_line(submission_id, "the file")
        checked_text(text, "the note")
        review = self.review(review_name)
        self.catch_up()
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
        self.follow_engine.dispose()
        self.application.close()

    def _markers_dismissed(
        self, review: Review, question: Question, keys: Sequence[str]
    ) -> list[MarkerSeen]:
        """The markers shown with an incident check that `keys` name, with their basis;
        refused for a key the check does not show (or shows no longer: decided since)."""
        if not keys:
            return []
        shown = {m.key: m for m in markers_on(self.engine, str(review.id), question.entry_ids)}
        unknown = [key for key in dict.fromkeys(keys) if key not in shown]
        if unknown:
            raise DecisionRefusedError(
                f"marker {', '.join(unknown)} is not one this check shows undecided (it may "
                "have been decided since): look at the check again"
            )
        return [MarkerSeen(key, shown[key].basis()) for key in dict.fromkeys(keys)]

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


def refuse_misplaced(
    question: Question,
    kept: Sequence[str],
    other_incidents: Sequence[Sequence[str]],
    disagreements: Sequence[Disagreement],
) -> None:
    """Refuse, naming rows by their numbers in the check, a row put in two incidents and
    rows that disagree but are not all in one incident (the domain refuses both too, by
    record id)."""
    number = {row: n for n, row in enumerate(question.entry_ids, 1)}
    incidents = [set(kept), *(set(rows) for rows in other_incidents)]
    twice = sorted(number[row] for row in number if sum(row in i for i in incidents) > 1)
    if twice:
        raise DecisionRefusedError(
            "a row is in one incident only; put in two: " + ", ".join(f"row {n}" for n in twice)
        )
    for found in disagreements:
        if not any(set(found.rows) <= incident for incident in incidents):
            outside = sorted(number[row] for row in set(found.rows) - set(kept))
            raise DecisionRefusedError(
                "rows that disagree must be one incident: all among those kept together, or "
                "all in one further incident; not kept: " + ", ".join(f"row {n}" for n in outside)
            )


def rows_kept(question: Question, together: Sequence[str]) -> list[str]:
    """The record ids an incident check's answer keeps together (see `rows_shown`); none
    given, the rows as held."""
    if not together:
        return list(question.held_together)
    return rows_shown(question, together)


def rows_shown(question: Question, given_rows: Sequence[str]) -> list[str]:
    """The record ids of rows of a question, each given as its number in the order shown
    (1 first) or as its record id (a prefix shown will do)."""
    shown = question.entry_ids
    kept = []
    for given in given_rows:
        token = given.strip().lower()
        if token.isdigit() and 1 <= int(token) <= len(shown):
            kept.append(shown[int(token) - 1])
            continue
        found = [e for e in shown if token and e.lower().startswith(token)]
        if len(found) != 1:
            raise DecisionRefusedError(
                f"row {given!r} is not one of the {len(shown)} rows of this check: give their "
                f"numbers (1 to {len(shown)}) or record ids"
            )
        kept.append(found[0])
    return kept


def _now() -> datetime:
    return datetime.now(UTC)

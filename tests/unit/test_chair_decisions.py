"""The chair's decisions in the domain, in memory: rules, concurrency and the record they leave."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.application import ChronologyApplication
from domain.decisions import ConcurrentDecisionError, Decision, DecisionRefusedError
from domain.identity import review_id

NOW = datetime(2018, 1, 15, 12, 0, tzinfo=UTC)
REVIEW = review_id("DHR 7")
BASIS = {"entry_ids": ["e1", "e2"], "kind": "date", "explanation": "one year apart"}


def app() -> ChronologyApplication:
    return ChronologyApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})


def test_a_conflict_is_resolved_as_disputed_with_a_rationale() -> None:
    application = app()

    version = application.resolve_conflict(
        REVIEW, "k1", Decision.DISPUTED, None, "Both stand", "chair", NOW, BASIS
    )

    case = application.conflict_case(REVIEW, "k1")
    assert case is not None and case.status == "resolved" and version == 2


def test_a_decision_without_a_rationale_is_refused() -> None:
    with pytest.raises(DecisionRefusedError, match="rationale"):
        app().resolve_conflict(REVIEW, "k1", Decision.DISPUTED, None, "  ", "chair", NOW, BASIS)


def test_accepting_an_account_must_name_one_of_the_conflicts_entries() -> None:
    application = app()

    with pytest.raises(DecisionRefusedError, match="e1, e2"):
        application.resolve_conflict(
            REVIEW, "k1", Decision.ACCEPT, "e9", "Police log", "chair", NOW, BASIS
        )
    application.resolve_conflict(
        REVIEW, "k1", Decision.ACCEPT, "e2", "Police log", "chair", NOW, BASIS
    )


def test_a_resolved_conflict_must_be_reopened_before_it_is_decided_again() -> None:
    application = app()
    application.resolve_conflict(
        REVIEW, "k1", Decision.DISPUTED, None, "Both stand", "chair", NOW, BASIS
    )

    with pytest.raises(DecisionRefusedError, match="reopen"):
        application.resolve_conflict(
            REVIEW, "k1", Decision.NOT_A_CONFLICT, None, "x", "chair", NOW, BASIS
        )
    application.reopen_conflict(REVIEW, "k1", "New evidence", "chair", NOW)
    application.resolve_conflict(
        REVIEW, "k1", Decision.NOT_A_CONFLICT, None, "Same", "chair", NOW, BASIS
    )


def test_a_decision_based_on_a_stale_view_is_refused_and_can_be_retried() -> None:
    application = app()
    application.resolve_conflict(
        REVIEW, "k1", Decision.DISPUTED, None, "First", "alice", NOW, BASIS, expected_version=0
    )

    with pytest.raises(ConcurrentDecisionError, match="someone else decided it"):
        application.reopen_conflict(REVIEW, "k1", "Second", "bob", NOW, expected_version=0)
    application.reopen_conflict(REVIEW, "k1", "Second", "bob", NOW, expected_version=2)


def test_two_decisions_made_at_the_same_moment_do_not_overwrite_each_other() -> None:
    application = app()
    first = application._conflict_case(REVIEW, "k1", None)
    second = application._conflict_case(REVIEW, "k1", None)
    first.resolve(Decision.DISPUTED, None, "Alice's view", "alice", NOW.isoformat(), BASIS)
    second.resolve(Decision.NOT_A_CONFLICT, None, "Bob's view", "bob", NOW.isoformat(), BASIS)
    application._save_case(first)

    with pytest.raises(ConcurrentDecisionError, match="not saved"):
        application._save_case(second)


def test_links_splits_and_notes_accumulate_in_order() -> None:
    application = app()

    application.link_entries(REVIEW, ["e2", "e1"], "Same call", "chair", NOW)
    application.split_entry(REVIEW, "e3", ["e3", "e4"], "Different day", "chair", NOW)
    application.add_note(REVIEW, "incident:i1", "Ask police for the log", "panel", NOW)

    events = [
        type(application.mapper.to_domain_event(n)).__name__
        for n in application.recorder.select_notifications(1, 10)
    ]
    assert events == ["Started", "EntriesLinked", "EntrySplit", "NoteAdded"]


def test_linking_needs_two_entries_and_a_split_needs_something_to_split_from() -> None:
    application = app()

    with pytest.raises(DecisionRefusedError):
        application.link_entries(REVIEW, ["e1", "e1"], "x", "chair", NOW)
    with pytest.raises(DecisionRefusedError):
        application.split_entry(REVIEW, "e1", ["e1"], "x", "chair", NOW)

"""The queue's ranking on hand-made pairs, and the rule that one question is answered once."""

from __future__ import annotations

from uuid import uuid4

import pytest

from domain.decisions import DecisionRefusedError
from domain.questions import Answer, AskedQuestion, QuestionCase, StaleAnswerError
from projections.matching.facts import Conflict
from projections.matching.questions import ScoredPair, question_id, rank_questions

LEVELS = {"date": "same_day", "text": "none"}
WEIGHTS = {"date": 4.8, "text": -2.9}


def pair(a: str, b: str, probability: float) -> ScoredPair:
    return ScoredPair(a, b, probability, LEVELS, WEIGHTS)


def test_a_row_whose_answer_decides_a_whole_incident_comes_before_a_lone_pair() -> None:
    incidents = [["a"], ["b", "c", "d"], ["e"], ["f"]]

    ranked = rank_questions(incidents, [pair("e", "f", 0.5), pair("a", "b", 0.4)])

    assert [q.entry_ids for q in ranked] == [("a", "b"), ("e", "f")]
    assert ranked[0].others == ("b", "c", "d") and ranked[0].settles == 3


def test_pairs_the_chair_settled_are_never_asked_again() -> None:
    ranked = rank_questions([["a"], ["b"]], [pair("a", "b", 0.5)], settled=[("b", "a")])

    assert ranked == ()


def test_a_row_held_by_one_weak_link_is_a_possible_split() -> None:
    ranked = rank_questions([["a", "b"]], [pair("a", "b", 0.3)])

    assert [q.kind for q in ranked] == ["split"]
    assert "the wording as a whole hardly alike (-2.9)" in ranked[0].evidence_against


def test_question_ids_derive_from_the_rows_so_they_survive_re_merges() -> None:
    first = rank_questions([["a"], ["b"]], [pair("a", "b", 0.5)])
    again = rank_questions([["b"], ["a"]], [pair("b", "a", 0.5)])

    assert first[0].id == again[0].id == question_id("link", ("a", "b"))


def test_the_least_certain_conflict_is_asked_first() -> None:
    conflicts = [
        Conflict("cf-1", "date", "inc-1", ("a", "b"), "Date: A says 1; B says 2", 0.8),
        Conflict("cf-2", "time", "inc-1", ("a", "b"), "Time: A says 1; B says 2", 0.5),
    ]

    ranked = rank_questions([["a", "b"]], [pair("a", "b", 0.99)], conflicts)

    assert [q.conflict_key for q in ranked] == ["cf-2", "cf-1"]


def asked(fingerprint: str = "f1") -> AskedQuestion:
    return AskedQuestion("q-1", "link", fingerprint, ("a", "b"), ("b",))


def test_a_second_answer_to_the_question_as_shown_is_refused_naming_who_answered() -> None:
    case = QuestionCase.open(uuid4(), "q-1")
    case.answer(asked(), Answer.SAME, "", "carys", "2026-01-01T10:00:00+00:00")

    with pytest.raises(StaleAnswerError, match="already answered by carys at 2026-01-01 10:00"):
        case.answer(asked(), Answer.DIFFERENT, "", "dev", "2026-01-01T10:01:00+00:00")


def test_a_question_that_changed_may_be_answered_again() -> None:
    case = QuestionCase.open(uuid4(), "q-1")
    case.answer(asked("f1"), Answer.SAME, "", "carys", "2026-01-01T10:00:00+00:00")

    case.answer(asked("f2"), Answer.DIFFERENT, "later", "carys", "2026-01-02T10:00:00+00:00")

    assert case.last is not None and case.last["answer"] == "different"


def test_a_conflict_answer_to_a_question_about_two_rows_is_refused() -> None:
    case = QuestionCase.open(uuid4(), "q-1")

    with pytest.raises(DecisionRefusedError, match="answered same or different"):
        case.answer(asked(), Answer.REAL, "", "carys", "2026-01-01T10:00:00+00:00")

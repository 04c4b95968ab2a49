"""The queue's ranking on hand-made pairs, and the rule that one question is answered once."""

from __future__ import annotations

from uuid import uuid4

import pytest

from domain.decisions import DecisionRefusedError
from domain.questions import (
    Answer,
    AskedQuestion,
    QuestionCase,
    StaleAnswerError,
    checked_together,
)
from projections.matching.facts import Conflict, Question
from projections.matching.incident_checks import NEARBY_SHOWN
from projections.matching.question_ids import question_id
from projections.matching.questions import ScoredPair, rank_questions

LEVELS = {"date": "same_day", "text": "none"}
WEIGHTS = {"date": 4.8, "text": -2.9}


def pair(a: str, b: str, probability: float) -> ScoredPair:
    return ScoredPair(a, b, probability, LEVELS, WEIGHTS)


def about_pairs(ranked: tuple[Question, ...]) -> list[Question]:
    """The link, split and conflict questions (incident checks set aside)."""
    return [q for q in ranked if q.kind != "incident"]


def test_a_row_whose_answer_decides_a_whole_incident_comes_before_a_lone_pair() -> None:
    incidents = [["a"], ["b", "c", "d"], ["e"], ["f"]]

    ranked = about_pairs(rank_questions(incidents, [pair("e", "f", 0.5), pair("a", "b", 0.4)]))

    assert [q.entry_ids for q in ranked] == [("a", "b"), ("e", "f")]
    assert ranked[0].others == ("b", "c", "d") and ranked[0].settles == 3


def test_pairs_the_chair_settled_are_never_asked_again() -> None:
    ranked = rank_questions([["a"], ["b"]], [pair("a", "b", 0.5)], settled=[("b", "a")])

    assert ranked == ()


def test_a_row_held_by_one_weak_link_is_a_possible_split() -> None:
    ranked = about_pairs(rank_questions([["a", "b"]], [pair("a", "b", 0.3)]))

    assert [q.kind for q in ranked] == ["split"]
    assert "the wording as a whole hardly alike (-2.9)" in ranked[0].evidence_against


def test_question_ids_derive_from_the_rows_so_they_survive_re_merges() -> None:
    first = about_pairs(rank_questions([["a"], ["b"]], [pair("a", "b", 0.5)]))
    again = about_pairs(rank_questions([["b"], ["a"]], [pair("b", "a", 0.5)]))

    assert first[0].id == again[0].id == question_id("link", ("a", "b"))


def test_the_least_certain_conflict_is_asked_first() -> None:
    conflicts = [
        Conflict("cf-1", "date", "inc-1", ("a", "b"), "Date: A says 1; B says 2", 0.8),
        Conflict("cf-2", "time", "inc-1", ("a", "b"), "Time: A says 1; B says 2", 0.5),
    ]

    ranked = rank_questions([["a", "b"]], [pair("a", "b", 0.99)], conflicts)

    assert [q.conflict_key for q in ranked] == ["cf-2", "cf-1"]


def test_an_incident_check_shows_its_rows_in_order_then_the_rows_nearby_likeliest_first() -> None:
    incidents = [["b", "a", "c"], ["d"], ["e"]]
    pairs = [pair("a", "b", 0.6), pair("b", "c", 0.7), pair("a", "d", 0.2), pair("c", "e", 0.4)]

    ranked = rank_questions(incidents, pairs)

    check = ranked[0]
    assert check.kind == "incident"
    assert check.entry_ids == ("b", "a", "c", "e", "d")
    assert check.others == ("e", "d") and check.held_together == ("b", "a", "c")
    # Uncertainty 0.8 + 0.6 within, 0.4 + 0.8 to the rows nearby.
    assert check.priority == pytest.approx(2.6)
    assert check.settles == 10
    assert check.evidence_against == (
        "rows 1 and 2: the model puts them at 60% one incident",
        "rows 3 and 4: the model puts them at 40% one incident",
        "rows 1 and 3: the model puts them at 70% one incident",
    )


def test_incident_checks_come_first_the_most_doubtful_first() -> None:
    incidents = [["a", "b"], ["c"], ["d"]]
    pairs = [pair("a", "b", 0.6), pair("b", "c", 0.3), pair("a", "d", 0.15)]

    ranked = rank_questions(incidents, pairs)

    checks = [q.held_together for q in ranked if q.kind == "incident"]
    assert checks == [("a", "b"), ("c",), ("d",)]
    assert [q.kind for q in ranked[:3]] == ["incident"] * 3
    assert {q.kind for q in ranked[3:]} == {"link", "split"}


def test_an_incident_check_shows_no_more_than_its_share_of_rows_nearby() -> None:
    outside = [f"o{n}" for n in range(NEARBY_SHOWN + 2)]
    incidents = [["a"], *([o] for o in outside)]
    pairs = [pair("a", o, 0.2 + n / 100) for n, o in enumerate(outside)]

    check = rank_questions(incidents, pairs)[0]

    assert check.held_together == ("a",)
    assert check.others == tuple(reversed(outside))[:NEARBY_SHOWN]


def test_an_incident_the_model_is_sure_of_is_not_checked() -> None:
    ranked = rank_questions([["a", "b"], ["c"]], [pair("a", "b", 0.99), pair("a", "c", 0.02)])

    assert ranked == ()


def test_an_incident_check_keeps_together_only_rows_it_shows() -> None:
    shown = ("a", "b", "c", "d")

    checked = checked_together(shown, ["c", "a"])

    assert (checked.kept, checked.other_incidents, checked.apart) == (("a", "c"), (), ("b", "d"))
    assert checked.splits() == [("b", ["a", "c"]), ("d", ["a", "c"])]
    with pytest.raises(DecisionRefusedError, match="not shown: z"):
        checked_together(shown, ["a", "z"])
    with pytest.raises(DecisionRefusedError, match="tick at least one row"):
        checked_together(shown, [])


def test_an_incident_check_sorts_further_incidents_out_of_the_rows_not_kept() -> None:
    shown = ("a", "b", "c", "d", "e", "f")

    checked = checked_together(shown, ["a", "b"], [["e", "c"], ["f"]])

    assert checked.incidents() == (("a", "b"), ("c", "e"))
    assert checked.apart == ("c", "d", "e", "f")
    # A further incident's rows are apart from those kept and from every other row not kept;
    # of two rows left on their own ("d", and "f" as an incident of one) nothing more is said.
    assert checked.splits() == [
        ("c", ["a", "b", "d", "f"]),
        ("d", ["a", "b"]),
        ("e", ["a", "b", "d", "f"]),
        ("f", ["a", "b"]),
    ]


def test_an_incident_check_refuses_a_row_put_in_two_incidents() -> None:
    shown = ("a", "b", "c", "d")

    with pytest.raises(DecisionRefusedError, match="put in two: b"):
        checked_together(shown, ["a", "b"], [["b", "c"]])
    with pytest.raises(DecisionRefusedError, match="put in two: d"):
        checked_together(shown, ["a"], [["c", "d"], ["d", "b"]])
    with pytest.raises(DecisionRefusedError, match="not shown: z"):
        checked_together(shown, ["a"], [["c", "z"]])


def test_an_answer_that_sorts_the_rows_is_recorded_with_its_further_incidents() -> None:
    case = QuestionCase.open(uuid4(), "q-3")
    shown = AskedQuestion("q-3", "incident", "f1", ("a", "b", "c", "d"), ("c", "d"))

    case.answer(
        shown, Answer.TOGETHER, "", "carys", "2026-01-01T10:00:00+00:00", ["a"], [["d", "c"]]
    )

    recorded = case.collect_events()[-1]
    assert isinstance(recorded, QuestionCase.RowsSorted)
    assert (recorded.together, recorded.other_incidents) == (["a"], [["c", "d"]])


def test_an_incident_check_is_answered_once_even_when_its_rows_nearby_change() -> None:
    case = QuestionCase.open(uuid4(), "q-2")
    first = AskedQuestion("q-2", "incident", "f1", ("a", "b", "c"), ("c",))
    later = AskedQuestion("q-2", "incident", "f2", ("a", "b", "d"), ("d",))
    case.answer(first, Answer.TOGETHER, "", "carys", "2026-01-01T10:00:00+00:00", ["a", "b"])

    with pytest.raises(StaleAnswerError, match="already answered by carys"):
        case.answer(later, Answer.TOGETHER, "", "dev", "2026-01-01T10:05:00+00:00", ["a"])
    recorded = case.collect_events()[-1]
    assert isinstance(recorded, QuestionCase.RowsChecked) and recorded.together == ["a", "b"]


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

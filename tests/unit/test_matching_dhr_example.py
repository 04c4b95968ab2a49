"""Merge quality on a fifth, invented review: a domestic homicide review's agencies.

`tests/fixtures/dhr_example/` (police with combined subjects, an ambulance log in UTC, an IDVA
service in Windows-1252 with semicolons and numbered contact attempts, housing, mental health,
probation; 15 rows, 7 incidents, 4 conflicts) was written after the CSPR and SAR examples and
run before any rule was changed for it: pairwise F1 0.64, 2 of 4 conflicts. The general fixes
it called for: numbered contact attempts ("Attempt 1", "second attempt") are repeat markers,
"on Saturday" and "last week" are dates a narrative looks back to, somebody else's home is a
place of harm only near the words of harm, and counter-allegations ("attacked him first",
"self-defence") are denials.

Still missed: the housing report "after the incident in March" (a month, not a day) stays
apart from the incident it follows.
"""

from __future__ import annotations

import pytest

from projections.evaluation import Evaluation, format_report
from tests.fixture_entries import EXAMPLES, evaluate_folder

FIXTURE = EXAMPLES / "dhr_example"


@pytest.fixture(scope="module")
def dhr_evaluation() -> Evaluation:
    return evaluate_folder(FIXTURE)


def test_grouping_is_precise_and_finds_most_of_each_incident(dhr_evaluation: Evaluation) -> None:
    assert dhr_evaluation.pair_precision >= 0.95, format_report(dhr_evaluation)
    assert dhr_evaluation.pair_f1 >= 0.8, format_report(dhr_evaluation)


def test_numbered_contact_attempts_stay_apart(dhr_evaluation: Evaluation) -> None:
    assert ("idva_service.csv#3", "idva_service.csv#4") not in {
        tuple(sorted(pair)) for pair in dhr_evaluation.extra_pairs
    }, format_report(dhr_evaluation)


def test_every_conflict_is_found_with_no_false_alarm(dhr_evaluation: Evaluation) -> None:
    assert dhr_evaluation.conflict_recall == 1.0, format_report(dhr_evaluation)
    assert dhr_evaluation.conflict_precision >= 0.9, format_report(dhr_evaluation)

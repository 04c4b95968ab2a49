"""Merge quality on a sixth, small invented review, written last and run before any rule was
changed for it: a knife threat told by police, an ambulance crew (who dated it 04/03 for 03/04),
the GP ("on Monday evening"), a domestic abuse service ("at her mother's address") and a later
door-banging incident that police classified as ASB and housing says was domestic.

First run: pairwise F1 0.73 and none of its 4 conflicts. The general fixes it called for: a
classification column ("ASB") and a classification denied in words ("as a domestic incident,
not ASB") are read; weapons count as words of harm near a place; "their flat" is home; cuts
and threats are kinds of event; a lone row with day and month swapped is believed misdated
when the clock times agree.
"""

from __future__ import annotations

import pytest

from projections.evaluation import Evaluation, format_report
from tests.fixture_entries import EXAMPLES, evaluate_folder

FIXTURE = EXAMPLES / "dhr_knife_example"


@pytest.fixture(scope="module")
def knife_evaluation() -> Evaluation:
    return evaluate_folder(FIXTURE)


def test_both_incidents_are_found_whole(knife_evaluation: Evaluation) -> None:
    assert knife_evaluation.pair_f1 >= 0.95, format_report(knife_evaluation)


def test_every_conflict_is_found_with_no_false_alarm(knife_evaluation: Evaluation) -> None:
    assert knife_evaluation.conflict_recall == 1.0, format_report(knife_evaluation)
    assert knife_evaluation.conflict_precision >= 0.9, format_report(knife_evaluation)

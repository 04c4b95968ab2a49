"""Merge quality on a third, invented review: a Child Safeguarding Practice Review's agencies.

`tests/fixtures/cspr_example/` holds seven agencies' files in layouts and words DHR 7 does not
use (health visiting, a nursery log with semicolons in Windows-1252, a tab-separated social care
file, a police export with date and time in one column, an ambulance log kept in UTC, a GP
export with dates as "24 Feb 2021"), and its ground truth of incidents and conflicts. It was
written to check that the matcher's rules are general, and the fixes it prompted were general
ones (a narrative column found by content, "last night" and "four days ago", outcome-only event
types, a count detector, somebody else's home as a place, a form said sent against the same
form never received as evidence that two rows tell of one occurrence, a lone row a year away from
an incident of the same people and kind as a misdated row).
"""

from __future__ import annotations

import pytest

from projections.evaluation import Evaluation, format_report
from tests.fixture_entries import EXAMPLES, evaluate_folder, load_fixture_entries

FIXTURE = EXAMPLES / "cspr_example"


@pytest.fixture(scope="module")
def cspr_evaluation() -> Evaluation:
    return evaluate_folder(FIXTURE)


def test_the_example_review_is_read_into_eighteen_dated_entries() -> None:
    entries = load_fixture_entries(FIXTURE)

    assert len(entries) == 18 and all(e.earliest is not None for e in entries)


def test_grouping_is_precise_and_finds_most_of_each_incident(cspr_evaluation: Evaluation) -> None:
    assert cspr_evaluation.pair_precision >= 0.95, format_report(cspr_evaluation)
    assert cspr_evaluation.pair_f1 >= 0.95, format_report(cspr_evaluation)


def test_every_conflict_is_found_with_no_false_alarm(cspr_evaluation: Evaluation) -> None:
    assert cspr_evaluation.conflict_recall == 1.0, format_report(cspr_evaluation)
    assert cspr_evaluation.conflict_precision >= 0.9, format_report(cspr_evaluation)

"""Merge quality on an eighth, small invented review, run before any rule was changed for it: a
burn to a child's arm told by the school, social care (which recorded the wrong child), police,
a paediatrician and the GP ("Sept 2019"), beside two identical daily absence notes.

First run: the two absence notes merged into one incident, and neither conflict was found. The
general fixes: one agency writing the very same words on two days is a routine contact made
twice, never one occurrence; burns and scalds are injuries, so the denial ("burned himself on
the oven") is set against the rows asserting the injury; a row naming by a letter someone no
other row names, where most other rows name another letter, is an identity conflict.
"""

from __future__ import annotations

import pytest

from projections.evaluation import Evaluation, format_report
from projections.matching import merge
from tests.fixture_entries import EXAMPLES, evaluate_folder, load_fixture_entries

FIXTURE = EXAMPLES / "cspr_burn_example"


@pytest.fixture(scope="module")
def burn_evaluation() -> Evaluation:
    return evaluate_folder(FIXTURE)


def test_the_burn_is_one_incident_and_the_daily_absences_stay_apart(
    burn_evaluation: Evaluation,
) -> None:
    assert burn_evaluation.pair_precision == 1.0, format_report(burn_evaluation)
    assert burn_evaluation.pair_f1 >= 0.95, format_report(burn_evaluation)


def test_the_denial_is_set_against_the_childs_account(burn_evaluation: Evaluation) -> None:
    assert burn_evaluation.conflict_recall == 1.0, format_report(burn_evaluation)
    assert burn_evaluation.conflict_precision >= 0.9, format_report(burn_evaluation)


def test_the_wrong_child_is_named_as_an_identity_conflict(burn_evaluation: Evaluation) -> None:
    entries = load_fixture_entries(FIXTURE)
    kinds = {(c.kind, c.entry_ids) for c in merge(entries).conflicts}

    assert ("identity", ("childrens_services.csv#1", "school.csv#1")) in kinds

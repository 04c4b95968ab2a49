"""Merge quality on the DHR 7 development fixture: grouping F1 and conflict recall/precision.

The fixture is read through the product's own intake (`adapters.intake.read_chronology`) and
turned into `EntryFacts` exactly as the merged projection does, so the figures are the ones a
review chair would see.
"""

from __future__ import annotations

import pytest

from projections.evaluation import Evaluation, format_report
from tests.conftest import fixture_dir
from tests.fixture_entries import evaluate_folder

FIXTURE = fixture_dir()


@pytest.fixture(scope="module")
def dhr7_evaluation() -> Evaluation:
    evaluation = evaluate_folder(FIXTURE)
    print(format_report(evaluation, detail=False))
    return evaluation


def test_dhr7_grouping_reaches_pairwise_f1_of_0_90(dhr7_evaluation: Evaluation) -> None:
    f1 = dhr7_evaluation.pair_f1

    assert f1 >= 0.90, format_report(dhr7_evaluation)


def test_dhr7_conflict_precision_reaches_0_70(dhr7_evaluation: Evaluation) -> None:
    precision = dhr7_evaluation.conflict_precision

    assert precision >= 0.70, format_report(dhr7_evaluation)


def test_dhr7_conflict_recall_reaches_0_90(dhr7_evaluation: Evaluation) -> None:
    recall = dhr7_evaluation.conflict_recall

    assert recall >= 0.90, format_report(dhr7_evaluation)

"""The queue measured in a chair's time: a chair who knows the truth answers the top question
again and again (the queue and its order from the model alone), and the merge is scored after
0, 5, 10 and 20 answers on DHR 7 and on every blind review.

The floors are the figures measured when the queue was written, less a little: they guard the
queue's value against regressions, and rise when the matcher does."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest

from projections.simulated_chair import CurvePoint, format_curve, simulate_chair
from tests.fixture_entries import EXAMPLES, read_files, review_entries

ANSWERS = 20
# Review folder -> pairwise F1 after ANSWERS answers with the review's estimated model, incident
# checks first, their rows nearby reaching two weeks beyond blocking, the chair sorting the rows
# of each check into incidents: measured 0.996 on DHR 7 (from 0.894 with no answer), and on the
# blind reviews in this order 0.994, 0.921, 0.985, 0.966, 0.983, 0.954, 0.949, 0.998, 0.966,
# 0.981, 0.972, 0.969, 0.994, 0.960, 0.964, 0.963, 0.977, 0.970, 0.948, 0.967 (from 0.826,
# 0.724, 0.914, 0.757, 0.783, 0.774, 0.832, 0.888, 0.831, 0.603, 0.716, 0.774, 0.569, 0.746,
# 0.601, 0.775, 0.795, 0.696, 0.783, 0.648).
FLOORS = {
    "dhr7": 0.98,
    "blind/dhr_b1": 0.98,
    "blind/sar_b1": 0.90,
    "blind/cspr_b1": 0.97,
    "blind/dhr_b2": 0.95,
    "blind/sar_b2": 0.97,
    "blind/cspr_b2": 0.94,
    "blind/dhr_b3": 0.93,
    "blind/sar_b3": 0.98,
    "blind/dhr_b4": 0.95,
    "blind/cspr_b3": 0.96,
    "blind/sar_b4": 0.95,
    "blind/dhr_b5": 0.95,
    "blind/sar_b5": 0.98,
    "blind/cspr_b4": 0.94,
    "blind/dhr_b6": 0.95,
    "blind/sar_b6": 0.94,
    "blind/cspr_b5": 0.96,
    "blind/dhr_b7": 0.95,
    "blind/sar_b7": 0.93,
    "blind/cspr_b6": 0.95,
    # The seventh round, its first runs after 20 answers 0.909, 0.812 and 0.822; now 0.975,
    # 0.912 (0.812 while its coroner's officer's table of recollections was refused) and 0.965.
    "blind/dhr_b8": 0.96,
    "blind/sar_b8": 0.90,
    "blind/cspr_b7": 0.95,
    # The eighth round, first runs after 20 answers 0.937, 0.619 and 0.928; now 0.958, 0.977
    # and 0.925.
    "blind/dhr_b9": 0.95,
    "blind/sar_b9": 0.96,
    "blind/cspr_b8": 0.92,
    # The ninth round, first runs after 20 answers 0.889, 0.859 and 0.954; now 0.889, 0.802 and
    # 0.960.
    "blind/dhr_b10": 0.88,
    "blind/sar_b10": 0.80,
    "blind/cspr_b9": 0.95,
}
# How far the curve may dip below its 0-answer value and count as noise.
NOISE = 0.01
# Mean conflict recall over all reviews after ANSWERS answers, the chair marking the rows of
# each check that disagree: measured 0.872 on the 30 reviews, 0.881 on the 27 before the ninth
# round (0.875 before a day and month transposed was believed on some wording; 0.856 before
# rows weeks apart that read alike were asked about; 0.484 with no answer; 0.792 before a
# check's other rows were sorted into incidents, with six rows nearby; about 0.53 when a check
# only grouped the rows and marked nothing).
CONFLICT_RECALL_FLOOR = 0.86
# Mean conflict precision after ANSWERS answers, the chair also saying which markers shown with
# each check are not conflicts: measured 0.913 on the 30 reviews, 0.936 on 24 (0.509 with no
# answer; 0.667 when a check left the markers alone).
CONFLICT_PRECISION_FLOOR = 0.91


def curve_of(folder: str) -> list[CurvePoint]:
    directory = EXAMPLES / folder
    entries = review_entries(directory)
    truth = json.loads((directory / "ground_truth.json").read_text(encoding="utf-8"))
    curve = simulate_chair(entries, truth, ANSWERS)
    print(f"{folder}\n{format_curve(curve)}")
    return curve


@pytest.fixture(scope="module")
def curves() -> dict[str, list[CurvePoint]]:
    return {folder: curve_of(folder) for folder in FLOORS}


def test_the_curve_is_scored_after_0_5_10_and_20_answers(
    curves: dict[str, list[CurvePoint]],
) -> None:
    marks = {folder: [p.answers for p in curve] for folder, curve in curves.items()}

    assert all(m == [0, 5, 10, 20] for m in marks.values()), marks


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_answers_never_leave_the_grouping_worse_than_they_found_it(
    curves: dict[str, list[CurvePoint]], folder: str
) -> None:
    start, end = curves[folder][0], curves[folder][-1]

    assert end.pair_f1 >= start.pair_f1 - NOISE, format_curve(curves[folder])


def test_answers_find_at_least_as_many_conflicts_over_all_reviews(
    curves: dict[str, list[CurvePoint]],
) -> None:
    # Over all reviews, not each: a true answer may take away a marker the scoring credited
    # by its rows alone. On sar_b1 a row of another day held in the fall's incident raised an
    # identity marker that covered the rows of two true conflicts (a time and an account the
    # detectors miss); the chair took the row out, and recall fell from 0.667 to 0.556.
    start = statistics.mean(c[0].conflict_recall for c in curves.values())
    end = statistics.mean(c[-1].conflict_recall for c in curves.values())

    assert end >= start - NOISE, (start, end)


def test_what_a_chair_says_of_conflicts_while_checking_lifts_recall_and_precision(
    curves: dict[str, list[CurvePoint]],
) -> None:
    recall = statistics.mean(c[-1].conflict_recall for c in curves.values())
    precision = statistics.mean(c[-1].conflict_precision for c in curves.values())
    each = {
        folder: (c[0].conflict_precision, c[-1].conflict_precision) for folder, c in curves.items()
    }

    assert recall >= CONFLICT_RECALL_FLOOR, recall
    assert precision >= CONFLICT_PRECISION_FLOOR, precision
    # The chair's own markers are true ones and only false ones are dismissed: no review's
    # precision falls by more than noise.
    assert all(after >= before - NOISE for before, after in each.values()), each


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_twenty_answers_reach_the_measured_floor(
    curves: dict[str, list[CurvePoint]], folder: str
) -> None:
    end = curves[folder][-1]

    assert end.pair_f1 >= FLOORS[folder], format_curve(curves[folder])


def test_answers_raise_pairwise_f1_on_at_least_one_review(
    curves: dict[str, list[CurvePoint]],
) -> None:
    gains = {folder: c[-1].pair_f1 - c[0].pair_f1 for folder, c in curves.items()}

    assert max(gains.values()) >= 0.1, gains  # measured: 0.067 to 0.389


def test_a_chair_with_nothing_left_to_answer_keeps_a_flat_curve(tmp_path: Path) -> None:
    files = {"only.csv": ("Only", b"Date,Summary\n01/02/2020,Visited N at home\n")}
    entries = read_files(files)

    curve = simulate_chair(entries, {"incidents": [], "conflicts": []}, 5)

    assert [p.answers for p in curve] == [0, 5]
    assert curve[0].pair_f1 == curve[1].pair_f1

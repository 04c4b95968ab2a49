"""Text weights calibrated on the review's own records (projections/matching/calibration.py)."""

from __future__ import annotations

import random
import string
from datetime import date, timedelta

from benchmarks.synthetic_review import SyntheticReview, generate
from projections.evaluation import evaluate
from projections.matching import EntryFacts, load_settings, merge
from projections.matching.calibration import calibrate_text
from projections.matching.profile import apply_idf, build_profile
from tests.fixture_entries import read_files
from tests.unit.matching_entries import entry

SETTINGS = load_settings()


def read_review(review: SyntheticReview) -> list[EntryFacts]:
    """A synthetic review's files read by intake, as the merged projection reads them."""
    return read_files({name: (review.agencies[name], data) for name, data in review.files.items()})


def calibrated(entries: list[EntryFacts]) -> dict[str, float]:
    profiles = [build_profile(i, e, (), SETTINGS) for i, e in enumerate(entries)]
    apply_idf(profiles, SETTINGS.text_levels["rare_term_fraction"])
    return dict(calibrate_text(profiles, SETTINGS).weights["text"])


def test_templated_records_lower_what_close_wording_is_worth() -> None:
    weights = calibrated(read_review(generate(1000, seed=2)))

    assert weights["high"] < SETTINGS.weights["text"]["high"] - 1
    assert weights["none"] == SETTINGS.weights["text"]["none"]


def varied_entries(count: int) -> list[EntryFacts]:
    """Records whose wording shares little by chance: each draws its words from a large
    vocabulary (made-up words), as free-text narratives by different writers do."""
    rng = random.Random(4)
    vocabulary = [
        "".join(rng.choice(string.ascii_lowercase) for _ in range(7)) for _ in range(3000)
    ]
    start = date(2015, 1, 1)
    return [
        entry(
            f"v{i:04d}",
            rng.choice(["Police", "Hospital", "Housing", "GP"]),
            start + timedelta(days=rng.randrange(900)),
            " ".join(rng.choice(vocabulary) for _ in range(rng.randint(8, 25))),
        )
        for i in range(count)
    ]


def test_varied_records_keep_the_configured_weights() -> None:
    weights = calibrated(varied_entries(600))

    assert weights == SETTINGS.weights["text"]


def test_a_short_review_is_too_small_to_calibrate() -> None:
    weights = calibrated(read_review(generate(60, seed=2))[:60])

    assert weights == SETTINGS.weights["text"]


def test_templated_records_of_different_people_stay_mostly_apart() -> None:
    review = generate(2000, seed=5)
    entries = read_review(review)

    evaluation = evaluate(merge(entries), entries, review.truth)

    # Without calibration (and with people-disjoint evidence as weak as one named person's)
    # this was 0.34: look-alike records of different households merged on neighbouring days.
    assert evaluation.pair_f1 >= 0.5
    assert evaluation.pair_recall >= 0.85

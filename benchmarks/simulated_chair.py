"""The chair's queue in a chair's time, on every example review: the simulated chair's curve.

    python benchmarks/simulated_chair.py [--answers 30] [--workers 2] [--reviews dhr7,sar_b1,...]

A chair who knows the ground truth answers the top question of the queue again and again (the
queue and its order from the model alone; only the answers from the truth), marking in each
incident check the rows kept together that disagree. Prints, for each review and as a mean,
pairwise F1 and conflict recall and precision after 0, 5, 10, 20, ... answers. The merges run
in memory; nothing is stored.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.blind_reviews import DEFAULT, folder_of  # noqa: E402
from projections.simulated_chair import CurvePoint, simulate_chair  # noqa: E402
from tests.fixture_entries import review_entries  # noqa: E402

MEASURES = (("F1", "pair_f1"), ("conflict recall", "conflict_recall"))
MEASURES += (("conflict precision", "conflict_precision"),)


def curve_of(review: str, answers: int) -> tuple[str, list[CurvePoint]]:
    """The review's curve, every file imported as its agency would send it."""
    folder = folder_of(review)
    truth = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    entries = review_entries(folder)
    return review, simulate_chair(entries, truth, answers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--answers", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reviews", default=",".join(DEFAULT))
    arguments = parser.parse_args()
    reviews = [r for r in arguments.reviews.split(",") if r]
    with ProcessPoolExecutor(arguments.workers) as pool:
        curves = dict(pool.map(curve_of, reviews, [arguments.answers] * len(reviews)))
    marks = [p.answers for p in next(iter(curves.values()))]
    print(f"answers{'':9}" + "".join(f"{m:>7}" for m in marks))
    for label, field in MEASURES:
        print(f"\n{label}")
        for review, curve in curves.items():
            print(f"  {review:<14}" + "".join(f"{getattr(p, field):>7.3f}" for p in curve))
        means = [
            statistics.mean(getattr(c[i], field) for c in curves.values())
            for i in range(len(marks))
        ]
        print(f"  {'mean':<14}" + "".join(f"{m:>7.3f}" for m in means))


if __name__ == "__main__":
    main()

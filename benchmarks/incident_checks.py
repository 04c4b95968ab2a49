"""What a chair's answer is worth when the question is a whole incident, not a pair of rows.

    python benchmarks/incident_checks.py [--answers N] [REVIEW ...]

The chair's queue today asks about two rows at a time (projections/simulated_chair.py): is this
row part of that incident? Most answers confirm what the merge already holds (about three in
four, on every review), so twenty answers move pairwise F1 from about 0.76 to about 0.84. This
measures another question: "these rows are held as one incident, and these rows nearby are
not: which belong?", answered by a chair who knows the truth, with the answer recorded as the
product records links and splits (a row taken out is split from the rows kept; a row added is
linked; rows nearby left out are split from it). The incident asked about is the one whose rows
the model is least sure of: the sum, over the compared pairs within it and from it to the rows
nearby, of each pair's uncertainty. Nothing of the truth orders the questions.

This is a measurement of the question's worth, not a feature: the queue does not ask it yet.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.blind_reviews import DEFAULT, folder_of, load_review  # noqa: E402

CHECKPOINTS = (0, 5, 10, 20)
# The rows nearby shown beside an incident: those the model thinks likeliest to belong to it.
NEARBY_SHOWN = 6


def curve(
    entries: Sequence[Any], truth: dict[str, Any], answers: int
) -> tuple[list[float], list[int]]:
    """Pairwise F1 after 0, 1, ... `answers` incident checks, and how many rows the chair
    read for each (the incident's and those nearby)."""
    from projections.evaluation import evaluate
    from projections.matching import merge
    from projections.matching.engine import compared_pairs
    from projections.matching.questions import match_probability, uncertainty

    label = {e.entry_id: f"{e.file_name}#{e.row}" for e in entries}
    true_incident = {
        f"{f}#{r}": incident["id"]
        for incident in truth["incidents"]
        for f, r in incident["entries"]
    }
    profiles, scores, settings = compared_pairs(entries)
    ids = [p.entry.entry_id for p in profiles]
    chance_of: dict[tuple[str, str], float] = {}
    nearby: dict[str, set[str]] = {}
    for (a, b), score in scores.items():
        chance = match_probability(score.total, settings.link_threshold)
        chance_of[(ids[a], ids[b])] = chance_of[(ids[b], ids[a])] = chance
        nearby.setdefault(ids[a], set()).add(ids[b])
        nearby.setdefault(ids[b], set()).add(ids[a])

    linked: list[tuple[str, str]] = []
    separated: list[tuple[str, str]] = []
    checked: set[tuple[str, ...]] = set()
    result = merge(entries)
    figures = [evaluate(result, entries, truth).pair_f1]
    shown: list[int] = []

    def doubt(members: Sequence[str]) -> float:
        """The summed uncertainty of the compared pairs within the incident and out of it."""
        inside = set(members)
        return sum(
            uncertainty(chance_of[(a, b)])
            for a in members
            for b in nearby.get(a, ())
            if b not in inside or a < b
        )

    for _ in range(answers):
        open_incidents = [
            i.entry_ids for i in result.incidents if tuple(sorted(i.entry_ids)) not in checked
        ]
        if not open_incidents:
            figures.append(figures[-1])
            continue
        members = max(open_incidents, key=lambda m: (doubt(m), m))
        checked.add(tuple(sorted(members)))
        majority = Counter(true_incident.get(label[e]) for e in members).most_common(1)[0][0]
        kept = [e for e in members if true_incident.get(label[e]) == majority]
        separated += [(e, k) for e in members if e not in kept for k in kept]
        candidates = {o for e in members for o in nearby.get(e, ())} - set(members)
        around = sorted(
            candidates,
            key=lambda o: (-max(chance_of.get((e, o), 0.0) for e in members), o),
        )[:NEARBY_SHOWN]
        shown.append(len(members) + len(around))
        for other in around:
            if true_incident.get(label[other]) == majority:
                linked.append((kept[0], other))
            else:
                separated += [(other, k) for k in kept]
        result = merge(entries, must_link=linked, cannot_link=separated)
        figures.append(evaluate(result, entries, truth).pair_f1)
    return figures, shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reviews", nargs="*", help="review names or folders (default: all)")
    parser.add_argument("--answers", type=int, default=20)
    args = parser.parse_args()
    marks = [m for m in CHECKPOINTS if m <= args.answers]
    print(f"{'review':12} " + " ".join(f"{'after ' + str(m):>9}" for m in marks) + "  rows read")
    curves = []
    read: list[int] = []
    for name in args.reviews or DEFAULT:
        review = load_review(folder_of(name))
        figures, shown = curve(review.entries, review.truth, args.answers)
        curves.append(figures)
        read += shown
        per_answer = statistics.mean(shown) if shown else 0.0
        print(
            f"{name:12} " + " ".join(f"{figures[m]:9.3f}" for m in marks) + f"  {per_answer:9.1f}",
            flush=True,
        )
    mean_read = statistics.mean(read) if read else 0.0
    print(
        f"{'mean':12} "
        + " ".join(f"{statistics.mean(c[m] for c in curves):9.3f}" for m in marks)
        + f"  {mean_read:9.1f}"
    )


if __name__ == "__main__":
    main()

"""Fit the linkage model's priors (each comparison level's m and u, and the link threshold) from
labelled example reviews.

    python benchmarks/estimate_priors.py [--write] [REVIEW ...]

For every pair of records that blocking compares in a labelled review, the comparison levels the
pair reaches are counted among the pairs the ground truth says are one incident (m) and among the
others (u), among the pairs where both sides have something to compare (model.NO_EVIDENCE),
pooled over the reviews and smoothed by half a pair per level. The link threshold
(the summed weight a pair must pass) and the clustering's disagreement share are then the pair
that gives the best mean pairwise F1 over the same reviews. `--write` stores the fit in
projections/matching/settings.json.

Only training reviews are used: DHR 7, the examples the matcher was first built against and
tests/fixtures/training. The blind reviews are never fitted on: they score the result.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.blind_reviews import folder_of, load_review  # noqa: E402

SETTINGS = ROOT / "projections" / "matching" / "settings.json"
TRAINING = [
    "dhr7",
    "cspr_example",
    "sar_example",
    "dhr_example",
    "dhr_knife_example",
    "sar_fire_example",
    "cspr_burn_example",
    "tests/fixtures/training/train_1",
    "tests/fixtures/training/train_2",
]
# Half a pair per level: a level no training pair reached keeps a finite weight.
SMOOTHING = 0.5
THRESHOLDS = [x / 2 for x in range(-2, 9)]
DISAGREEMENT_SHARES = [0.1, 0.25, 0.5, 1.0]


def true_pairs(truth: dict[str, Any]) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for incident in truth["incidents"]:
        ids = sorted(f"{file_name}#{row}" for file_name, row in incident["entries"])
        pairs.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1 :])
    return pairs


def level_shares(names: list[str]) -> tuple[dict[str, dict[str, list[float]]], list[Any]]:
    """(feature -> level -> [m, u]) pooled over the reviews, and the loaded reviews."""
    from projections.matching import load_settings
    from projections.matching.engine import compared_pairs
    from projections.matching.levels import NO_EVIDENCE

    settings = load_settings()
    matched: dict[str, Counter[str]] = {}
    unmatched: dict[str, Counter[str]] = {}
    loaded = []
    for name in names:
        review = load_review(folder_of(name))
        loaded.append(review)
        same = true_pairs(review.truth)
        profiles, scores, _ = compared_pairs(
            review.entries, settings=settings, estimate_model=False
        )
        ids = [p.entry.entry_id for p in profiles]
        n_same = sum(1 for a, b in scores if tuple(sorted((ids[a], ids[b]))) in same)
        print(f"  {name}: {n_same} same-incident pairs of {len(scores)} compared")
        for (a, b), score in scores.items():
            is_same = tuple(sorted((ids[a], ids[b]))) in same
            counts = matched if is_same else unmatched
            for feature, level in score.levels.items():
                if level != NO_EVIDENCE.get(feature):
                    counts.setdefault(feature, Counter())[level] += 1
    shares: dict[str, dict[str, list[float]]] = {}
    for feature in sorted(set(matched) | set(unmatched)):
        levels = sorted(set(matched.get(feature, {})) | set(unmatched.get(feature, {})))
        levels = sorted(set(levels) | set(settings.probabilities.get(feature, {})))
        levels = [level for level in levels if level != NO_EVIDENCE.get(feature)]
        m_counts, u_counts = matched.get(feature, Counter()), unmatched.get(feature, Counter())
        m_total = sum(m_counts.values()) + SMOOTHING * len(levels)
        u_total = sum(u_counts.values()) + SMOOTHING * len(levels)
        shares[feature] = {
            level: [
                round((m_counts[level] + SMOOTHING) / m_total, 6),
                round((u_counts[level] + SMOOTHING) / u_total, 6),
            ]
            for level in levels
        }
        if feature in NO_EVIDENCE:
            shares[feature][NO_EVIDENCE[feature]] = [1.0, 1.0]  # no evidence: weight 0
    return shares, loaded


def best_clustering(raw: dict[str, Any], loaded: list[Any]) -> tuple[float, float]:
    """The link threshold and disagreement share with the best mean pairwise F1."""
    from projections.evaluation import evaluate
    from projections.matching import merge
    from projections.matching.lexicon import _PACKAGE_DIR, _read_json, settings_from_dicts

    lexicon = _read_json(_PACKAGE_DIR / "lexicon.json")
    means: dict[tuple[float, float], float] = {}
    for threshold in THRESHOLDS:
        for share in DISAGREEMENT_SHARES:
            tried = {**raw, "link_threshold": threshold, "disagreement_share": share}
            settings = settings_from_dicts(tried, lexicon)
            f1s = [
                evaluate(merge(r.entries, settings=settings), r.entries, r.truth).pair_f1
                for r in loaded
            ]
            means[threshold, share] = sum(f1s) / len(f1s)
            print(
                f"  threshold {threshold:4.1f} share {share:4.2f}: mean F1 {means[threshold, share]:.3f}"
            )
    return max(means, key=lambda key: (round(means[key], 3), -key[0], -key[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reviews", nargs="*", help="labelled reviews (default: the training set)")
    parser.add_argument("--write", action="store_true", help="store the fit in settings.json")
    args = parser.parse_args()
    shares, loaded = level_shares(args.reviews or TRAINING)
    raw = json.loads(SETTINGS.read_text(encoding="utf-8"))
    raw["weights"] = shares
    threshold, share = best_clustering(raw, loaded)
    raw["link_threshold"] = threshold
    raw["disagreement_share"] = share
    for feature, levels in shares.items():
        print(feature)
        for level, (m, u) in levels.items():
            print(f"  {level:24} m={m:.4f} u={u:.4f}")
    print(f"link threshold {threshold}, disagreement share {share}")
    if args.write:
        SETTINGS.write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")
        print(f"written to {SETTINGS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

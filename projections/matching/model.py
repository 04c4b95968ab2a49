"""The linkage model of one review: the prior m and u of each comparison level, re-estimated
from the review's own records.

settings.json gives each comparison level an m (how often two records of one incident reach
it) and a u (how often two records of different incidents, among the pairs blocking compares,
reach it by chance). Both are fitted from labelled example reviews by
`benchmarks/estimate_priors.py`, so they are estimates, not choices.

What differs most from review to review is chance agreement: one review's records are written
from templates ("Officers attended for a welfare check; X safe and well"), in another every
record names the victim, in a third every row has a clock time. As Splink estimates u from
random pairs, this module samples pairs of the review's records from different agencies dated
far apart (almost surely different incidents), measures how often they reach each level of the
comparisons whose chance agreement is a habit of the writers (wording, people, kinds of event,
clock times), and moves that comparison's u towards what the review shows. m stays the prior:
how much the same incident's records agree is a property of incidents, and with no labels the
review cannot tell it apart from chance (expectation-maximisation over so few pairs drifts to
whatever latent class is largest, which we measured: it lowered F1 on every example review).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from projections.matching.facts import MatchSettings
from projections.matching.levels import NO_EVIDENCE, monotone
from projections.matching.profile import Profile, cosine
from projections.matching.scoring import event_level, people_level, text_level, time_level

# The comparisons whose chance agreement is re-estimated, and how each reads a pair.
LevelOf = Callable[[Profile, Profile, MatchSettings], str]
_REESTIMATED: dict[str, LevelOf] = {
    "text": lambda p, q, s: text_level(cosine(p.vector, q.vector), s),
    "people": lambda p, q, s: people_level(p, q),
    "event": event_level,
    "time": lambda p, q, s: time_level(p, q, s)[0],
}


def estimate_review_model(
    profiles: Sequence[Profile], blocks: Mapping[str, Sequence[int]], settings: MatchSettings
) -> MatchSettings:
    """`settings` with the u of each re-estimated comparison moved to this review's own
    chance agreement. Needs IDF vectors (profile.apply_idf) on `profiles`. Deterministic: the
    sample depends only on the records' dates and ids. A review too small to sample keeps the
    priors."""
    rules = settings.model_estimation
    dated = sorted(
        (p for p in profiles if p.start is not None),
        key=lambda p: (p.start, p.entry.entry_id),
    )
    if len(dated) < rules.min_records:
        return settings
    sample = _far_apart_pairs(dated, settings)
    if len(sample) < rules.min_pairs:
        return settings
    prior_pairs = rules.prior_pairs
    weights = {feature: dict(levels) for feature, levels in settings.weights.items()}
    for feature, level_of in _REESTIMATED.items():
        prior = settings.probabilities.get(feature)
        if not prior:
            continue
        null = NO_EVIDENCE.get(feature)
        counts: dict[str, int] = {}
        for p, q in sample:
            level = level_of(p, q, settings)
            if level != null:
                counts[level] = counts.get(level, 0) + 1
        compared = sum(counts.values())
        for level, (m, u) in prior.items():
            if level == null:
                continue
            # The prior counts as `prior_pairs` observed pairs: a level the sample never saw
            # keeps a chance agreement near the prior instead of an infinite weight.
            estimated = (counts.get(level, 0) + prior_pairs * u) / (compared + prior_pairs)
            weights[feature][level] = math.log2(m / estimated)
    return replace(settings, weights=monotone(weights))


def _far_apart_pairs(
    dated: Sequence[Profile], settings: MatchSettings
) -> list[tuple[Profile, Profile]]:
    """Pairs of records from different agencies dated far apart.

    Each sampled record is paired with the records a third, a half and two thirds of the way
    further along the review's date order: far apart in time for any review longer than a few
    months."""
    rules = settings.model_estimation
    min_gap = rules.min_gap_days
    size = len(dated)
    step = max(1, size * 3 // rules.sample_pairs)
    pairs: list[tuple[Profile, Profile]] = []
    for i in range(0, size, step):
        p = dated[i]
        for offset in (size // 3, size // 2, 2 * size // 3):
            q = dated[(i + offset) % size]
            if q.entry.agency == p.entry.agency:
                continue
            assert p.start is not None and q.start is not None
            if abs((q.start - p.start).days) >= min_gap:
                pairs.append((p, q))
    return pairs

"""What text agreement is worth in this review, read off the review's own records.

settings.json gives each text level an m and a u probability: u is how often two records of
*different* incidents agree that well by chance. Some reviews' records are written from
templates ("Officers attended for a welfare check; X safe and well"), and there two different
incidents agree in wording far more often than the configured u assumes, so wording alone
would merge them. As Splink estimates u from random pairs, this module samples pairs of
records from different agencies dated far apart (almost surely different incidents), measures
how often they reach each agreement level, and lowers that level's weight when the review's
chance agreement is higher than configured. It never raises a weight: a review with varied
records keeps the configured values.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from projections.matching.facts import MatchSettings
from projections.matching.profile import Profile, cosine
from projections.matching.scoring import text_level


def calibrate_text(profiles: Sequence[Profile], settings: MatchSettings) -> MatchSettings:
    """`settings` with the text agreement weights this review's own records justify.

    Needs IDF vectors (profile.apply_idf) on `profiles`. Deterministic: the sample depends
    only on the records' dates and ids."""
    rules = settings.text_calibration
    levels = [
        level
        for level in rules.get("levels", ())
        if level in settings.probabilities.get("text", {})
    ]
    dated = sorted(
        (p for p in profiles if p.start is not None and p.vector),
        key=lambda p: (p.start, p.entry.entry_id),
    )
    if not levels or len(dated) < int(rules.get("min_records", 100)):
        return settings
    reached, compared = _chance_agreement(dated, settings)
    if compared < int(rules.get("min_pairs", 200)):
        return settings
    text = dict(settings.weights.get("text", {}))
    for level in levels:
        m, u = settings.probabilities["text"][level]
        observed = reached.get(level, 0) / compared
        if observed > u:
            text[level] = math.log2(m / observed)
    if text == settings.weights.get("text"):
        return settings
    return replace(settings, weights={**settings.weights, "text": text})


def _chance_agreement(
    dated: Sequence[Profile], settings: MatchSettings
) -> tuple[dict[str, int], int]:
    """How many sampled far-apart pairs reach each text level, and how many were compared.

    Each sampled record is compared with the records a third, a half and two thirds of the
    way further along the review's date order: far apart in time for any review longer than
    a few months."""
    rules = settings.text_calibration
    min_gap = int(rules.get("min_gap_days", 60))
    step = max(1, len(dated) * 3 // int(rules.get("sample_pairs", 9000)))
    size = len(dated)
    reached: dict[str, int] = {}
    compared = 0
    for i in range(0, size, step):
        p = dated[i]
        for offset in (size // 3, size // 2, 2 * size // 3):
            q = dated[(i + offset) % size]
            if q.entry.agency == p.entry.agency:
                continue
            assert p.start is not None and q.start is not None
            if abs((q.start - p.start).days) < min_gap:
                continue
            level = text_level(cosine(p.vector, q.vector), settings)
            reached[level] = reached.get(level, 0) + 1
            compared += 1
    return reached, compared

"""Rows far apart in time that read alike, offered to the chair's queue alone.

A year typed wrong, a referral one agency says it sent and another says weeks later it never
received: all the evidence but the date says one incident, and the date says two with all its
weight. Blocking never compares such rows, nor do the queue's nearby pairs (blocking.queue_pairs
reach about two weeks). They are found by the rarer words they share and asked about at even
odds, for the model cannot settle them and the chair can. The merge never sees them.

On DHR 7 and the 26 blind reviews, with the simulated chair, they took mean conflict recall
after 20 answers from 0.856 to 0.875 and after 30 from 0.911 to 0.921, pairwise F1 unchanged
(docs/matching.md, "The eighth round").
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import replace

from projections.matching.facts import MatchSettings
from projections.matching.profile import Profile
from projections.matching.scoring import PairScore, score_pair

# The weight, beyond the link threshold, that the evidence other than the date must carry
# (log2 odds: 3 is 8 to 1). Mean conflict recall after 30 simulated answers on all 27 reviews
# with 1.5, 2, 2.5, 3 and 3.17: 0.911, 0.911, 0.911, 0.921, 0.917 (lower, more questions about
# look-alikes crowd out the rest); differences this small are near the noise of one question's
# order.
SUPPORT_BEYOND_THRESHOLD = 3.0
# A word in more dated rows than this is too common to find look-alikes by (and a word's rows
# are paired with each other, so this also bounds the work).
MAX_ROWS_PER_WORD = 40


def far_lookalikes(
    profiles: Sequence[Profile], settings: MatchSettings, taken: Collection[tuple[int, int]]
) -> Iterator[tuple[tuple[int, int], PairScore]]:
    """Pairs of day-dated rows at least two question windows apart (none of `taken`) whose
    shared words make up at least the "some" level of wording alike, and whose evidence apart
    from the date reaches SUPPORT_BEYOND_THRESHOLD; each scored at even odds."""
    reach = 2 * settings.blocking.question_window_days
    days = {
        p.index: p.entry.earliest.toordinal()
        for p in profiles
        if p.entry.precision == "day" and p.entry.earliest is not None
    }
    rows_of: dict[str, list[int]] = {}
    for index in days:
        for word in profiles[index].vector:
            rows_of.setdefault(word, []).append(index)
    shared: dict[tuple[int, int], float] = {}
    for word, rows in rows_of.items():
        if not 2 <= len(rows) <= MAX_ROWS_PER_WORD:
            continue
        for n, a in enumerate(rows):
            for b in rows[n + 1 :]:
                if abs(days[a] - days[b]) >= reach:
                    pair = (a, b) if a < b else (b, a)
                    weight = profiles[a].vector[word] * profiles[b].vector[word]
                    shared[pair] = shared.get(pair, 0.0) + weight
    date_weights = settings.weights.get("date", {})
    wanted = settings.link_threshold + SUPPORT_BEYOND_THRESHOLD
    # No date level weighs less than the lightest: a pair that cannot reach `wanted` with it
    # added is let go before its wording is compared.
    floor = wanted + min(date_weights.values(), default=0.0)
    # Each row's best look-alike only: a misdated row has one twin, and routine contacts that
    # all read alike (a weekly visit, a repeat prescription) would otherwise fill the queue.
    best: dict[int, tuple[float, tuple[int, int], PairScore]] = {}
    for pair, alike in shared.items():
        if alike < settings.text_levels.some or pair in taken:
            continue
        found = score_pair(profiles[pair[0]], profiles[pair[1]], settings, floor)
        if found is None:
            continue
        evidence = found.total - date_weights.get(found.levels["date"], 0.0)
        if evidence < wanted:
            continue
        for row in pair:
            if row not in best or (evidence, pair) > best[row][:2]:
                best[row] = (evidence, pair, found)
    for _evidence, pair, found in {b[1]: b for b in best.values()}.values():
        yield pair, replace(found, total=settings.link_threshold)

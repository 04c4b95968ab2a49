"""What the comparison levels mean beyond their weights: which say there is nothing to compare,
and which rank agreement. Shared by the priors (lexicon.py, benchmarks/estimate_priors.py) and
the review's own model (model.py)."""

from __future__ import annotations

from collections.abc import Mapping

# The level of each comparison that says one side has nothing to compare (no clock time, no
# person named): no evidence either way, so weight 0, and m and u are shares of the other
# levels among the pairs where both sides have something. Without that, how often a review's
# rows give a time or a name (a habit of its agencies' systems) would pass for evidence.
NO_EVIDENCE = {
    "date": "undated",
    "time": "missing",
    "people": "unknown",
    "event": "unknown",
    "reference": "none",
}

# Levels that rank agreement, most first: their weights may not rise down the list. A fitted
# or re-estimated weight that did (a few "high" text pairs among many "some") is noise in a
# level with few pairs, and averaging it with its neighbour is the least change that fixes it.
ORDERED_LEVELS = {
    "text": ("high", "good", "some", "low", "none"),
    "time": ("exact", "close", "near", "different"),
}


def monotone(weights: Mapping[str, Mapping[str, float]]) -> dict[str, dict[str, float]]:
    """`weights` with each ordered comparison's weights made non-increasing down its order
    (pool-adjacent-violators: a rise is replaced by the mean of the levels it spans)."""
    out = {feature: dict(levels) for feature, levels in weights.items()}
    for feature, order in ORDERED_LEVELS.items():
        levels = [level for level in order if level in out.get(feature, {})]
        blocks: list[tuple[float, list[str]]] = []
        for level in levels:
            blocks.append((out[feature][level], [level]))
            while len(blocks) > 1 and blocks[-2][0] < blocks[-1][0]:
                (w1, l1), (w2, l2) = blocks[-2], blocks[-1]
                pooled = (w1 * len(l1) + w2 * len(l2)) / (len(l1) + len(l2))
                blocks[-2:] = [(pooled, l1 + l2)]
        for weight, members in blocks:
            for level in members:
                out[feature][level] = weight
    return out

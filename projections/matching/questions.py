"""The chair's queue: the questions whose answers would most change the chronology, best first.

`rank_questions` is the interface: it reads, per compared pair, the two entry ids, a
same-incident probability and the comparison levels that weighed in, plus the incidents and
conflicts of a merge, and knows nothing of how the probabilities were reached (so the scoring
model can change under it). `questions_of_merge` adapts the engine's own pair scores to it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from projections.matching.explanations import why_linked
from projections.matching.facts import Conflict, MatchSettings, Question
from projections.matching.incident_checks import IncidentDoubt, uncertainty
from projections.matching.profile import Profile
from projections.matching.question_ids import digest, question_id
from projections.matching.scoring import PairScore

# A pair the model gives less than this chance of being one incident is not worth a question.
MIN_PROBABILITY = 0.05
# A row is held firmly in its incident once its links there give it this chance of belonging.
FIRM_SUPPORT = 0.9
# How many of the first link and split questions get the full wording of
# explanations.why_linked.
DESCRIBED = 40
# A doubtful conflict counts as settling this many pairs (a link settles |A| x |B| pairs):
# a marker the detector barely believed ranks with an even-odds link of two single rows.
CONFLICT_SETTLES = 1

Pair = tuple[str, str]


@dataclass(frozen=True)
class ScoredPair:
    """One compared pair as the queue sees it: how likely one incident, and why."""

    a: str
    b: str
    probability: float
    levels: Mapping[str, str]
    # The weight each feature's chosen level added (log2 m/u): > 0 for, < 0 against.
    weights: Mapping[str, float]


Describe = Callable[[ScoredPair], str]


def rank_questions(
    incidents: Sequence[Sequence[str]],
    pairs: Iterable[ScoredPair],
    conflicts: Sequence[Conflict] = (),
    settled: Collection[Pair] = (),
    describe: Describe | None = None,
) -> tuple[Question, ...]:
    """Incident checks, possible links, possible splits and doubtful conflicts: the checks
    first (see incident_checks.py), then the rest ranked by how uncertain the model is times how
    many pairs of rows the answer settles. `settled` pairs (the chair's links and splits, either
    order) are never asked about again. `incidents` list their rows in date order."""
    incident_of = {entry: n for n, members in enumerate(incidents) for entry in members}
    decided = {_ordered(a, b) for a, b in settled}
    best_across: dict[tuple[int, int], ScoredPair] = {}
    within: dict[str, list[ScoredPair]] = {}
    barred: set[tuple[int, int]] = set()
    forced: set[str] = set()
    doubt = IncidentDoubt(incidents)
    for pair in pairs:
        ia, ib = incident_of.get(pair.a), incident_of.get(pair.b)
        if ia is None or ib is None:
            continue
        if _ordered(pair.a, pair.b) in decided:
            if ia != ib:
                barred.add(_ordered_numbers(ia, ib))
            else:  # two rows the chair put together: neither is asked about as a split
                forced.update((pair.a, pair.b))
            continue
        doubt.add(pair.a, pair.b, ia, ib, pair.probability)
        if ia == ib:
            within.setdefault(pair.a, []).append(pair)
            within.setdefault(pair.b, []).append(pair)
            continue
        key = _ordered_numbers(ia, ib)
        held = best_across.get(key)
        if pair.probability >= MIN_PROBABILITY and (held is None or _closer_to_even(pair, held)):
            best_across[key] = pair
    found: dict[str, Question] = {}
    compared: dict[str, ScoredPair] = {}  # the pair each link or split question shows
    for key, pair in best_across.items():
        if key in barred:
            continue
        sizes = len(incidents[incident_of[pair.a]]), len(incidents[incident_of[pair.b]])
        first, second = (pair.a, pair.b) if sizes[0] <= sizes[1] else (pair.b, pair.a)
        others = tuple(sorted(incidents[incident_of[second]]))
        question = _pair_question("link", pair, first, second, others, sizes[0] * sizes[1])
        compared[question.id] = pair
        found[question.id] = question
    for entry, links in sorted(within.items()):
        members = incidents[incident_of[entry]]
        if entry in forced or len(members) < 2:
            continue
        split = _split_question(entry, members, links)
        if split is not None and split.id not in found:
            found[split.id] = split
            compared[split.id] = max(links, key=lambda p: (p.probability, p.a, p.b))
    for conflict in conflicts:
        question = _conflict_question(conflict)
        found[question.id] = question
    for check in doubt.questions():
        found[check.id] = check
    ranked = sorted(found.values(), key=queue_order)
    if describe is not None:
        # Only the questions a chair will soon read are described in full: the wording reads
        # the records' words, and costs more than the ranking itself.
        about_pairs = [n for n, q in enumerate(ranked) if q.id in compared][:DESCRIBED]
        for n in about_pairs:
            pair = compared[ranked[n].id]
            ranked[n] = replace(ranked[n], evidence_for=(describe(pair),))
    return tuple(ranked)


def queue_order(question: Question) -> tuple[bool, float, str]:
    """Incident checks first (asked first, twenty answers reached mean F1 0.945 on DHR 7 and
    the blind reviews; ranked with the rest by priority, 0.928), then by priority."""
    return (question.kind != "incident", -question.priority, question.id)


def _reach(settles: int) -> float:
    """How much settling `settles` pairs counts: in proportion (on the blind reviews this
    beat a logarithm, which undervalues a row whose answer decides its whole incident)."""
    return float(settles)


def _pair_question(
    kind: str,
    pair: ScoredPair,
    first: str,
    second: str,
    others: tuple[str, ...],
    settles: int,
) -> Question:
    weighed_for = [_level_words(f, lv, w) for f, lv, w in _weighed(pair) if w > 0]
    against = [_level_words(f, lv, w) for f, lv, w in _weighed(pair) if w < 0]
    return Question(
        id=question_id(kind, (pair.a, pair.b)),
        kind=kind,
        entry_ids=(first, second),
        others=others,
        probability=round(pair.probability, 4),
        priority=round(uncertainty(pair.probability) * _reach(settles), 6),
        settles=settles,
        evidence_for=tuple(w for w in weighed_for if w),
        evidence_against=tuple(w for w in against if w),
        fingerprint=_fingerprint(kind, (first, second), others, pair.probability, pair.levels),
    )


def _split_question(
    entry: str, members: Sequence[str], links: Sequence[ScoredPair]
) -> Question | None:
    """A question when `entry` hangs in its incident by a single weak link: its links there,
    taken as independent evidence, leave real doubt that it belongs."""
    strongest = max(links, key=lambda p: (p.probability, p.a, p.b))
    # The strongest single link, not the links combined: a row's links to the rows of one
    # incident are far from independent (they share its day and its people), and a row held
    # only by clustering's attachment has no link above even odds at all.
    support = strongest.probability
    if support >= FIRM_SUPPORT:
        return None
    partner = strongest.b if strongest.a == entry else strongest.a
    others = tuple(sorted(m for m in members if m != entry))
    as_one = ScoredPair(strongest.a, strongest.b, support, strongest.levels, strongest.weights)
    question = _pair_question("split", as_one, entry, partner, others, len(others))
    return question


def _conflict_question(conflict: Conflict) -> Question:
    doubt = 1.0 - conflict.confidence
    lines = [line.strip() for line in conflict.explanation.split("\n") if line.strip()]
    content = [conflict.key, conflict.explanation, round(conflict.confidence, 3)]
    return Question(
        id=question_id("conflict", (conflict.key,)),
        kind="conflict",
        entry_ids=tuple(conflict.entry_ids),
        others=(),
        probability=round(conflict.confidence, 4),
        priority=round(doubt * CONFLICT_SETTLES, 6),
        settles=CONFLICT_SETTLES,
        evidence_for=tuple(lines),
        evidence_against=(f"the detector was {round(conflict.confidence * 100)}% sure",),
        fingerprint=digest(content),
        conflict_key=conflict.key,
    )


# Words for each level that weighs in (explanations.why_linked words the evidence for, in the
# records' own words, for the questions a chair will soon read).
_LEVEL_WORDS = {
    ("date", "same_day"): "the same day",
    ("date", "within_1"): "dates one day apart",
    ("date", "within_3"): "dates within three days",
    ("date", "compatible"): "dates compatible at the precision recorded",
    ("date", "year_out"): "the same day and month, one year apart",
    ("date", "transposed"): "day and month transposed",
    ("date", "mentioned"): "one record refers to the other's date",
    ("date", "out_of_sequence"): "a date out of sequence in its own file",
    ("time", "exact"): "the same time",
    ("time", "close"): "times within minutes",
    ("time", "hour_offset"): "times a whole hour apart",
    ("text", "high"): "much the same wording",
    ("text", "good"): "much wording in common",
    ("people", "overlap"): "the same person named",
    ("people", "overlap_several"): "the same people named",
    ("event", "shared"): "the same kind of event",
    ("event", "shared_several"): "the same kinds of event",
    ("reference", "same_near"): "one log (the same reference, or one hospital stay)",
    ("form", "opposed"): "opposed forms of the same account",
    ("agency", "different"): "from two agencies",
    ("date", "far"): "dates far apart",
    ("date", "within_14"): "dates up to a fortnight apart",
    ("date", "within_7"): "dates within a week, not closer",
    ("date", "undated"): "one record undated",
    ("time", "different"): "clock times far apart",
    ("time", "near"): "clock times over a quarter of an hour apart",
    ("text", "none"): "the wording as a whole hardly alike",
    ("text", "low"): "the wording as a whole little alike",
    ("text", "some"): "the wording only partly alike",
    ("people", "disjoint"): "different people named",
    ("people", "disjoint_several"): "each names several people, none in common",
    ("people", "unknown"): "no person named on one side",
    ("event", "disjoint"): "different kinds of event",
    (
        "event",
        "own_occurrence_mismatch",
    ): "one is an event of its own kind the other does not describe",
    ("event", "outcome_mismatch"): "one goes on to an outcome the other does not mention",
    ("event", "other_occurrence"): "one refers to another occasion",
    ("event", "repeat_mismatch"): "different attempts or a routine contact made twice",
    ("event", "unknown"): "no kind of event recognised on one side",
    ("reference", "same_far"): "the same reference, far apart in time",
    ("reference", "different"): "two different references of one agency",
    ("reference", "none"): "no shared reference",
    ("agency", "same"): "both from the same agency",
}


def _level_words(feature: str, level: str, weight: float) -> str:
    words = _LEVEL_WORDS.get((feature, level), f"{feature}: {level.replace('_', ' ')}")
    return f"{words} ({weight:+.1f})"


def _weighed(pair: ScoredPair) -> list[tuple[str, str, float]]:
    """The levels that moved the weight, strongest first."""
    found = [
        (feature, level, pair.weights.get(feature, 0.0))
        for feature, level in pair.levels.items()
        if abs(pair.weights.get(feature, 0.0)) >= 0.05
    ]
    return sorted(found, key=lambda x: (-abs(x[2]), x[0]))


def _closer_to_even(pair: ScoredPair, held: ScoredPair) -> bool:
    mine, theirs = uncertainty(pair.probability), uncertainty(held.probability)
    return (mine, pair.probability, pair.a, pair.b) > (
        theirs,
        held.probability,
        held.a,
        held.b,
    )


def _fingerprint(
    kind: str,
    entry_ids: tuple[str, ...],
    others: tuple[str, ...],
    probability: float,
    levels: Mapping[str, str],
) -> str:
    return digest([kind, entry_ids, others, round(probability, 2), sorted(levels.items())])


def _ordered(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


def _ordered_numbers(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def match_probability(total: float, threshold: float) -> float:
    """A log2 match weight as a probability, even odds at the link threshold."""
    return float(1.0 / (1.0 + 2.0 ** -(total - threshold)))


def questions_of_merge(
    profiles: Sequence[Profile],
    groups: Sequence[Sequence[int]],
    scores: Mapping[tuple[int, int], PairScore],
    conflicts: Sequence[Conflict],
    settings: MatchSettings,
    settled: Iterable[Pair] = (),
) -> tuple[Question, ...]:
    """The queue of one merge, from the engine's own pair scores (the adapter the engine
    calls; the rest of this module does not know PairScore or Profile)."""
    ids = [p.entry.entry_id for p in profiles]
    by_ids: dict[Pair, PairScore] = {}

    def scored() -> Iterable[ScoredPair]:
        for (a, b), score in scores.items():
            by_ids[(ids[a], ids[b])] = score
            yield ScoredPair(
                ids[a],
                ids[b],
                match_probability(score.total, settings.link_threshold),
                score.levels,
                {f: settings.weights.get(f, {}).get(lv, 0.0) for f, lv in score.levels.items()},
            )

    def describe(pair: ScoredPair) -> str:
        score = by_ids[(pair.a, pair.b)]
        return why_linked(score, profiles[score.a], profiles[score.b])

    def in_date_order(members: Sequence[int]) -> list[str]:
        def when(i: int) -> tuple[bool, str, str, str, int]:
            entry = profiles[i].entry
            day = entry.earliest.isoformat() if entry.earliest else ""
            return (entry.earliest is None, day, entry.time or "", entry.file_name, entry.row)

        return [ids[i] for i in sorted(members, key=when)]

    incidents = [in_date_order(members) for members in groups]
    return rank_questions(incidents, scored(), conflicts, list(settled), describe)

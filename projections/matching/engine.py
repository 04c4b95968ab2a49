"""The merge pipeline: profiles -> blocks -> components -> scored pairs -> incidents -> conflicts.

Pure: no I/O and no clock; output is sorted and independent of input order.
"""

from __future__ import annotations

import hashlib
import math
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date

from projections.bulk import collector_paused
from projections.matching.blocking import blocking_keys, candidate_pairs, queue_pairs
from projections.matching.clustering import cluster
from projections.matching.conflicts import detect_conflicts
from projections.matching.explanations import incident_explanation
from projections.matching.facts import (
    EntryFacts,
    Incident,
    MatchSettings,
    MergeResult,
    PersonAlias,
    RaisedConflict,
)
from projections.matching.far_pairs import far_lookalikes
from projections.matching.findings import neighbours
from projections.matching.lexicon import load_settings
from projections.matching.logs import with_logs
from projections.matching.model import estimate_review_model
from projections.matching.names import review_names
from projections.matching.profile import Profile, apply_idf, build_profile, mark_out_of_sequence
from projections.matching.questions import MIN_PROBABILITY, questions_of_merge
from projections.matching.raised import raised_markers
from projections.matching.scoring import PairScore, relevel, score_pair


def merge(
    entries: Sequence[EntryFacts],
    people: Sequence[PersonAlias] = (),
    settings: MatchSettings | None = None,
    must_link: Sequence[tuple[str, str]] = (),
    cannot_link: Sequence[tuple[str, str]] = (),
    focus: frozenset[str] | None = None,
    prior_groups: Sequence[Sequence[str]] = (),
    estimate_model: bool = True,
    raised: Sequence[RaisedConflict] = (),
) -> MergeResult:
    """Group entries into incidents and find conflicts between the accounts in each.

    `must_link` and `cannot_link` are the chair's overrides (pairs of entry ids): they win over
    the scores, so a chair's link or split survives every re-merge. `raised` are the conflicts
    the chair marked: each stands beside the detectors' where its rows are one incident.

    `focus` (the ids of entries that changed) asks for a focused re-merge of a neighbourhood
    whose current incidents are `prior_groups`: only candidate pairs involving a focus entry,
    or whose two entries were in one prior incident, are scored, so existing incidents re-form
    from their own links and new entries join them; two untouched entries of different prior
    incidents are compared only if a new link puts them in one incident (for its conflicts and
    explanation). An incident that comes out exactly as a prior one, with no focus entry, is
    only named in the result's `kept`: its explanation and conflicts are not worked out again.
    Without `focus` every candidate pair is scored.

    `estimate_model` moves the priors to these entries' own chance agreement (model.py); a
    caller merging part of a review passes False with `settings` already estimated on the
    whole review (`review_model`), so every part is weighed alike. The result names the
    weights used.

    The cyclic garbage collector is paused while merging: the merge allocates millions of
    small containers but no cycles that need collecting before it returns, and the
    collector's repeated scans of the growing heap cost a fifth or more of the time.
    """
    with collector_paused():
        return _merge(
            entries,
            people,
            settings,
            must_link,
            cannot_link,
            focus,
            prior_groups,
            estimate_model,
            raised,
        )


def _merge(
    entries: Sequence[EntryFacts],
    people: Sequence[PersonAlias],
    settings: MatchSettings | None,
    must_link: Sequence[tuple[str, str]],
    cannot_link: Sequence[tuple[str, str]],
    focus: frozenset[str] | None = None,
    prior_groups: Sequence[Sequence[str]] = (),
    estimate_model: bool = True,
    raised: Sequence[RaisedConflict] = (),
) -> MergeResult:
    profiles, blocks, components, settings = _prepare(entries, people, settings, estimate_model)
    index = {p.entry.entry_id: p.index for p in profiles}
    scope = None if focus is None else _Scope.of(len(profiles), index, focus, prior_groups)
    numbered = _numbered_rows(profiles)
    scores, pruned, unscored_vetoes = _score_blocks(profiles, blocks, settings, scope, numbered)
    del blocks
    _separate_anchored_times(profiles, scores, settings)
    _lone_misdated_rows(profiles, scores, settings)
    forced = _index_pairs(must_link, index)
    for a, b in forced:
        if (a, b) not in scores:  # a chair's link across blocks still needs a score for conflicts
            forced_score = score_pair(profiles[a], profiles[b], settings)
            if forced_score is not None:  # always, as no floor is given
                scores[(a, b)] = forced_score
    vouched = _vouched(profiles, forced)
    vetoes = [(s.a, s.b) for s in scores.values() if _vetoed(s, numbered)] + unscored_vetoes
    if vouched:  # only with a chair's links: the common merge pays nothing for them
        vetoes = [(a, b) for a, b in vetoes if a not in vouched and b not in vouched]
    vetoes += _index_pairs(cannot_link, index)
    groups = cluster(
        len(profiles),
        _ordered_links(profiles, scores, settings),
        vetoes,
        [None if i in vouched else key for i, key in enumerate(_log_keys(components, profiles))],
        forced,
        days=[
            p.start.toordinal() if p.day_level and p.start and not p.out_of_sequence else None
            for p in profiles
        ],
        max_span=settings.date_rules.max_incident_span_days,
        misdated=frozenset(
            (s.a, s.b)
            for s in scores.values()
            if s.misdated or s.levels.get("date") in ("year_out", "transposed")
        ),
        gain=_ClusterGain(profiles, scores, settings),
    )
    kept: list[list[int]] = []
    changed: list[list[int]] = []
    for members in groups:
        (kept if scope is not None and scope.keeps(members) else changed).append(members)
    _complete_groups(profiles, changed, scores, pruned, settings, scope)
    incidents = []
    conflicts = []
    compared_with = neighbours(scores)
    for members in changed:
        group = [profiles[i] for i in members]
        incident = _incident(group, scores)
        incidents.append(incident)
        if len(group) > 1:
            conflicts.extend(
                detect_conflicts(incident.id, group, scores, settings, people, compared_with)
            )
    incidents.sort(key=lambda i: (i.earliest is None, i.earliest or _MIN, i.id))
    conflicts.sort(key=lambda c: (c.incident_id, c.key))
    detected = list(conflicts)  # the queue asks about the detectors' doubts, not the chair's
    if raised:
        by_id = {p.entry.entry_id: p.entry for p in profiles}
        conflicts += raised_markers(incidents, raised, by_id)
        conflicts.sort(key=lambda c: (c.incident_id, c.key))
    return MergeResult(
        incidents=incidents,
        conflicts=conflicts,
        kept=frozenset(tuple(sorted(profiles[i].entry.entry_id for i in m)) for m in kept),
        weights=settings.weights,
        link_threshold=settings.link_threshold,
        questions=questions_of_merge(
            profiles,
            groups,
            _queue_scores(profiles, scores, settings),
            detected,
            settings,
            [*must_link, *cannot_link],
        ),
    )


def _queue_scores(
    profiles: Sequence[Profile],
    scores: dict[tuple[int, int], PairScore],
    settings: MatchSettings,
) -> dict[tuple[int, int], PairScore]:
    """The merge's pair scores and, for the chair's queue alone, those of day-dated rows up to
    two weeks apart that blocking does not compare (blocking.queue_pairs) and that the model
    gives a chance worth a question, and rows further apart that read alike (far_pairs.py).
    The merge itself never sees them: compared in the merge, the near ones lowered the blind
    reviews' F1 with no answer and over-merged the synthetic review; offered in the incident
    checks' rows nearby, they raised mean F1 after 20 simulated answers from 0.945 to 0.960.
    A merge of more than `question_window_max_rows` records (a review far larger than real
    ones, or many families at once) goes without: there the pairs are many (1.3 million at
    20,000 synthetic rows, 60% more merge time) and the queue's reach not worth it."""
    if len(profiles) > settings.blocking.question_window_max_rows:
        return scores
    days = [
        p.entry.earliest.toordinal()
        if p.entry.precision == "day" and p.entry.earliest is not None
        else None
        for p in profiles
    ]
    # The weight at which the model gives MIN_PROBABILITY: below it, no question is asked.
    floor = settings.link_threshold + math.log2(MIN_PROBABILITY / (1.0 - MIN_PROBABILITY))
    queued = dict(scores)
    for pair in queue_pairs(days, settings):
        if pair in queued:
            continue
        found = score_pair(profiles[pair[0]], profiles[pair[1]], settings, floor)
        if found is not None and found.total >= floor:
            queued[pair] = found
    queued.update(far_lookalikes(profiles, settings, queued))
    return queued


def _prepare(
    entries: Sequence[EntryFacts],
    people: Sequence[PersonAlias],
    settings: MatchSettings | None,
    estimate_model: bool,
) -> tuple[list[Profile], dict[str, list[int]], list[list[int]], MatchSettings]:
    """Profiles in entry-id order, the blocks and their connected components, and the settings
    this review's own records justify (see model.py)."""
    settings = settings or load_settings()
    ordered = sorted(entries, key=lambda e: e.entry_id)
    profiles = _without_file_identifiers(
        [build_profile(i, e, people, settings) for i, e in enumerate(ordered)], settings
    )
    profiles = with_logs(profiles, settings)
    for profile, names in zip(profiles, review_names(profiles), strict=True):
        if names:
            profile.people = profile.people | names
    blocks: dict[str, list[int]] = {}
    for p in profiles:
        for key in blocking_keys(p.entry, settings, p.forms):
            blocks.setdefault(key, []).append(p.index)
        if p.stay:
            blocks.setdefault(f"stay:{p.entry.agency}:{p.stay}", []).append(p.index)
    components = _components(len(profiles), blocks.values())
    for members in components:
        group = [profiles[i] for i in members]
        apply_idf(group)
        mark_out_of_sequence(group)
    if estimate_model:
        settings = estimate_review_model(profiles, blocks, settings)
    return profiles, blocks, components, settings


# A file this long whose every row carries one reference, over more time than one incident
# can take, is numbered by its subject (the person's case number, the practice's code), not by
# its logs.
_IDENTIFIED_FILE_ROWS = 5


def _without_file_identifiers(profiles: list[Profile], settings: MatchSettings) -> list[Profile]:
    """The profiles, those of a file whose rows all carry the same reference over more than
    `max_incident_span_days` given one without it: that reference says whose file it is, not
    which log a row belongs to. (Copies: the cached profiles stay as built.)"""
    by_file: dict[str, list[int]] = {}
    for p in profiles:
        by_file.setdefault(p.entry.file_name, []).append(p.index)
    longest = settings.date_rules.max_incident_span_days
    for members in by_file.values():
        refs = {profiles[i].ref for i in members}
        if len(members) < _IDENTIFIED_FILE_ROWS or len(refs) != 1 or None in refs:
            continue
        days = [d for i in members if (d := profiles[i].entry.earliest) is not None]
        if days and (max(days) - min(days)).days > longest:
            for i in members:
                profiles[i] = replace(profiles[i], ref=None)
    return profiles


def review_model(
    entries: Sequence[EntryFacts],
    people: Sequence[PersonAlias] = (),
    settings: MatchSettings | None = None,
) -> MatchSettings:
    """The settings a merge of these entries would use: the priors with this review's own
    chance agreement (model.py). A caller that merges a large review a part at a time
    estimates it once on a sample of the whole review and passes it to every part."""
    return _prepare(entries, people, settings, estimate_model=True)[3]


def compared_pairs(
    entries: Sequence[EntryFacts],
    people: Sequence[PersonAlias] = (),
    settings: MatchSettings | None = None,
    estimate_model: bool = True,
) -> tuple[list[Profile], dict[tuple[int, int], PairScore], MatchSettings]:
    """Every candidate pair blocking proposes, scored, with the profiles and the settings used:
    what the model is estimated from (benchmarks/estimate_priors.py), before any clustering."""
    profiles, blocks, _components_, settings = _prepare(entries, people, settings, estimate_model)
    starts = [p.start for p in profiles]
    scores: dict[tuple[int, int], PairScore] = {}
    for key in sorted(blocks):
        for pair in candidate_pairs(blocks[key], starts, settings):
            if pair not in scores:
                found = score_pair(profiles[pair[0]], profiles[pair[1]], settings)
                if found is not None:
                    scores[pair] = found
    return profiles, scores, settings


_NEAR_TIMES = frozenset({"close", "near", "hour_offset"})


def _separate_anchored_times(
    profiles: Sequence[Profile], scores: dict[tuple[int, int], PairScore], settings: MatchSettings
) -> None:
    """Two agencies' rows minutes apart are two moments, not one, when either row already has
    a row of the other agency at exactly its time: that agency logged this moment elsewhere.
    Such pairs drop from a near-time level to 'different'."""
    exact_with: dict[int, set[str]] = {}
    for (a, b), s in scores.items():
        if s.levels.get("time") == "exact":
            exact_with.setdefault(a, set()).add(profiles[b].entry.agency)
            exact_with.setdefault(b, set()).add(profiles[a].entry.agency)
    if not exact_with:
        return
    for key, s in list(scores.items()):
        if s.levels.get("time") not in _NEAR_TIMES:
            continue
        p, q = profiles[key[0]], profiles[key[1]]
        if p.entry.agency == q.entry.agency:
            continue
        if q.entry.agency in exact_with.get(key[0], ()) or p.entry.agency in exact_with.get(
            key[1], ()
        ):
            scores[key] = relevel(s, "time", "different", settings)


def _lone_misdated_rows(
    profiles: Sequence[Profile], scores: dict[tuple[int, int], PairScore], settings: MatchSettings
) -> None:
    """A row dated a year out (or with day and month swapped) from an incident it describes,
    with nothing else in the review near its own date, is believed misdated (a report filed
    under the wrong year, a date typed the wrong way round) when the pair names the same
    people or gives the same clock time within minutes, shares kinds of event and some
    wording. An anniversary of a routine event has its own routine company; a lone row has
    none."""
    reach = settings.date_rules.within_mid
    days = sorted(p.start.toordinal() for p in profiles if p.start is not None and p.day_level)

    def lone(p: Profile) -> bool:
        if p.start is None or not p.day_level:
            return False
        day = p.start.toordinal()
        near = bisect_right(days, day + reach) - bisect_left(days, day - reach)
        return near <= 1

    for key, s in list(scores.items()):
        if s.misdated not in ("year_out", "transposed"):
            continue
        p, q = profiles[key[0]], profiles[key[1]]
        same_who = s.levels.get("people") in ("overlap", "overlap_several") or s.levels.get(
            "time"
        ) in ("exact", "close")
        if (
            (lone(p) or lone(q))
            and same_who
            and s.levels.get("event") in ("shared", "shared_several")
            and s.levels.get("text") not in ("none", "low")
        ):
            scores[key] = relevel(s, "date", s.misdated, settings)


def _index_pairs(pairs: Sequence[tuple[str, str]], index: dict[str, int]) -> list[tuple[int, int]]:
    found = [(index[a], index[b]) for a, b in pairs if a in index and b in index and a != b]
    return [(a, b) if a < b else (b, a) for a, b in found]


def _ordered_links(
    profiles: Sequence[Profile], scores: dict[tuple[int, int], PairScore], settings: MatchSettings
) -> list[tuple[int, int]]:
    """Links in the order clustering applies them. First the pairs that match on their own
    evidence, strongest first; then pairs that pass only thanks to a shared reference, nearest
    in time first, so each log row attaches to its neighbouring rows rather than to a distant
    row of the same log that another incident has already claimed."""
    threshold = settings.link_threshold

    def ids(s: PairScore) -> tuple[str, str]:
        return profiles[s.a].entry.entry_id, profiles[s.b].entry.entry_id

    direct = sorted(
        (s for s in scores.values() if s.without_reference >= threshold),
        key=lambda s: (-s.without_reference, *ids(s)),
    )
    by_reference = sorted(
        (s for s in scores.values() if s.total >= threshold > s.without_reference),
        key=lambda s: (_distance(profiles[s.a], profiles[s.b], s), -s.total, *ids(s)),
    )
    return [(s.a, s.b) for s in [*direct, *by_reference]]


class _ClusterGain:
    """What joining two clusters is worth to the model: the sum, over every pair across them,
    of the pair's weight above the link threshold (its log-odds of one incident against the
    threshold's). Pairs the merge did not keep a score for are scored when first asked."""

    def __init__(
        self,
        profiles: Sequence[Profile],
        scores: dict[tuple[int, int], PairScore],
        settings: MatchSettings,
    ) -> None:
        self.profiles = profiles
        self.scores = scores
        self.settings = settings
        self.asked: dict[tuple[int, int], float] = {}

    def weight(self, a: int, b: int) -> float:
        pair = (a, b) if a < b else (b, a)
        found = self.scores.get(pair)
        if found is not None:
            return found.total
        held = self.asked.get(pair)
        if held is None:
            scored = score_pair(self.profiles[pair[0]], self.profiles[pair[1]], self.settings)
            held = self.asked[pair] = scored.total if scored is not None else 0.0
        return held

    def __call__(self, first: Sequence[int], second: Sequence[int]) -> float:
        threshold, share = self.settings.link_threshold, self.settings.disagreement_share
        total = 0.0
        for a in first:
            for b in second:
                excess = self.weight(a, b) - threshold
                total += excess if excess > 0 else share * excess
        return total


def _distance(p: Profile, q: Profile, score: PairScore) -> int:
    """Minutes between two records (days x 1440, plus the time gap or half a day if unknown)."""
    days = abs((p.start - q.start).days) if p.start and q.start else 3650
    return days * 1440 + (score.time_gap if score.time_gap is not None else 720)


def _log_keys(
    components: list[list[int]], profiles: Sequence[Profile]
) -> list[tuple[str, str] | None]:
    """Per entry, (agency, log reference) for agencies that give most rows a reference; a row
    without one then counts as a different log (court results, MARACs and summaries are kept
    apart from incident logs). Agencies that rarely give references impose nothing, and nor
    does a reference no other row gives: a log of one row (a duplicate 999 call, a transfer
    booked under its own number) says nothing of which other logs it belongs with. The two rows
    of such a pair are still kept apart by their own two references (`_vetoed`)."""
    keys: list[tuple[str, str] | None] = [None] * len(profiles)
    for members in components:
        with_ref: Counter[str] = Counter()
        rows: Counter[str] = Counter()
        logs: Counter[tuple[str, str]] = Counter()
        for i in members:
            rows[profiles[i].entry.agency] += 1
            if profiles[i].ref:
                with_ref[profiles[i].entry.agency] += 1
                logs[(profiles[i].entry.agency, profiles[i].ref or "")] += 1
        for i in members:
            agency = profiles[i].entry.agency
            key = (agency, profiles[i].ref or "")
            one_row_log = profiles[i].ref is not None and logs[key] == 1
            if with_ref[agency] * 2 > rows[agency] and not one_row_log:
                keys[i] = key
    return keys


def _vouched(profiles: Sequence[Profile], forced: Sequence[tuple[int, int]]) -> set[int]:
    """Rows the chair linked whose reference no other row of their agency gives (a duplicate
    call's, a transfer's): the chair has said which incident they belong to, so their own
    reference vetoes nothing. A reference other rows share still names their log, and keeps
    its meaning (the chair's splits always hold)."""
    linked = {i for pair in forced for i in pair}
    if not linked:
        return set()
    given = _rows_per_reference(profiles)
    return {i for i in linked if given[(profiles[i].entry.agency, profiles[i].ref or "")] <= 1}


def _rows_per_reference(profiles: Sequence[Profile]) -> Counter[tuple[str, str]]:
    """How many rows give each (agency, reference)."""
    return Counter((p.entry.agency, p.ref) for p in profiles if p.ref)


# An agency that gives this share of its references to one row each numbers its rows (a
# contact's, a call's), not its logs.
_ROW_NUMBER_SHARE = 0.8


def _numbered_rows(profiles: Sequence[Profile]) -> frozenset[int]:
    """Rows of agencies that number their rows rather than their logs: nearly every reference
    they give stands on one row only (a social care system's case-note numbers, an ambulance
    service's call numbers, several calls of one night). Two such numbers say nothing of two
    incidents, so they veto nothing; the pair still weighs its different references."""
    references: Counter[str] = Counter()
    single: Counter[str] = Counter()
    for (agency, _ref), rows in _rows_per_reference(profiles).items():
        references[agency] += 1
        single[agency] += rows == 1
    numbering = {a for a, n in references.items() if single[a] >= _ROW_NUMBER_SHARE * n}
    return frozenset(p.index for p in profiles if p.ref and p.entry.agency in numbering)


def _vetoed(score: PairScore, numbered: frozenset[int] = frozenset()) -> bool:
    """Two references of one agency (unless it numbers its rows), or different attempt
    numbers: never one incident."""
    levels = score.levels
    if levels.get("event") == "repeat_mismatch":
        return True
    return levels.get("reference") == "different" and not (
        score.a in numbered or score.b in numbered
    )


def _components(size: int, blocks: object) -> list[list[int]]:
    parent = list(range(size))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for members in blocks:  # type: ignore[attr-defined]
        first = find(members[0])
        for m in members[1:]:
            root = find(m)
            if root != first:
                parent[root] = first
    grouped: dict[int, list[int]] = {}
    for i in range(size):
        grouped.setdefault(find(i), []).append(i)
    return list(grouped.values())


# Pair scores later steps read even when the pair is too weak to link or attach: the date
# levels the date and identity detectors and the misdated-file rule read, the time levels the
# anchored-time rule reads or rewrites, and vetoes (see _needed).
_KEPT_DATES = frozenset({"year_out", "transposed", "out_of_sequence", "mentioned"})
_KEPT_TIMES = frozenset({"exact", "close", "near", "hour_offset"})


@dataclass(frozen=True)
class _Scope:
    """What a focused re-merge scores: pairs with a focus entry, or within one prior incident
    (`prior[i]` is entry i's prior incident number, -1 for none)."""

    focus: frozenset[int]
    prior: list[int]
    prior_sizes: list[int]

    @staticmethod
    def of(
        size: int,
        index: dict[str, int],
        focus: frozenset[str],
        prior_groups: Sequence[Sequence[str]],
    ) -> _Scope:
        prior = [-1] * size
        sizes = [0] * len(prior_groups)
        for number, group in enumerate(prior_groups):
            # The size counts every member, in this merge or not (a withdrawn row), so an
            # incident is kept only when it is the whole prior incident.
            sizes[number] = len(group)
            for entry_id in group:
                i = index.get(entry_id)
                if i is not None:
                    prior[i] = number
        return _Scope(frozenset(index[e] for e in focus if e in index), prior, sizes)

    def keeps(self, members: Sequence[int]) -> bool:
        """Whether an incident came out exactly as a whole prior one, with no changed entry."""
        number = self.prior[members[0]]
        return (
            number >= 0
            and len(members) == self.prior_sizes[number]
            and all(self.prior[i] == number and i not in self.focus for i in members)
        )

    def wants(self, a: int, b: int) -> bool:
        return (
            a in self.focus
            or b in self.focus
            or (self.prior[a] >= 0 and self.prior[a] == self.prior[b])
        )


def _score_blocks(
    profiles: Sequence[Profile],
    blocks: dict[str, list[int]],
    settings: MatchSettings,
    scope: _Scope | None = None,
    numbered: frozenset[int] = frozenset(),
) -> tuple[dict[tuple[int, int], PairScore], array[int], list[tuple[int, int]]]:
    """Score the candidate pairs of every block (those in `scope` when given). Returns the
    scores later steps need, the other scored pairs (encoded a * size + b): one of those
    is scored again only if its two entries end up in one incident (for that incident's
    conflicts and explanation), so a merge does not hold a score for every compared pair;
    and, outside `scope`, the candidate pairs that would be vetoed (two references of one
    agency, different attempt numbers), found without scoring them."""
    starts = [p.start for p in profiles]
    size = len(profiles)
    scores: dict[tuple[int, int], PairScore] = {}
    pruned: array[int] = array("q")
    seen: set[tuple[int, int]] = set()
    vetoes: list[tuple[int, int]] = []
    # Pairs that can neither link nor veto are dropped early (see score_pair's floor).
    floor = settings.link_threshold
    keep = settings.link_threshold
    for key in sorted(blocks):
        if scope is not None:
            vetoes.extend(_unscored_vetoes(profiles, blocks[key], scope, seen, numbered))
        for pair in _block_pairs(blocks[key], starts, settings, scope):
            if pair in seen:
                continue
            seen.add(pair)
            found = score_pair(profiles[pair[0]], profiles[pair[1]], settings, floor)
            if found is None:
                continue
            if _needed(found, keep):
                scores[pair] = found
            else:
                pruned.append(pair[0] * size + pair[1])
    return scores, pruned, vetoes


def _unscored_vetoes(
    profiles: Sequence[Profile],
    members: list[int],
    scope: _Scope,
    seen: set[tuple[int, int]],
    numbered: frozenset[int],
) -> Iterator[tuple[int, int]]:
    """Pairs of a block that a focused re-merge does not score but that can never share an
    incident: two references of one agency, or different attempt numbers of one contact."""
    marked = [m for m in members if profiles[m].ref or profiles[m].repeat]
    for x, a in enumerate(marked):
        p = profiles[a]
        for b in marked[x + 1 :]:
            pair = (a, b) if a < b else (b, a)
            if scope.wants(*pair) or pair in seen:
                continue
            q = profiles[b]
            two_logs = p.ref and q.ref and p.ref != q.ref and p.entry.agency == q.entry.agency
            if (p.repeat and q.repeat and p.repeat != q.repeat) or (
                two_logs and a not in numbered and b not in numbered
            ):
                seen.add(pair)
                yield pair


def _block_pairs(
    members: list[int], starts: Sequence[date | None], settings: MatchSettings, scope: _Scope | None
) -> Iterator[tuple[int, int]]:
    if scope is None:
        return candidate_pairs(members, starts, settings)
    small = len(members) <= settings.blocking.max_block_size
    if small and scope.focus.isdisjoint(members):
        # Only pairs within one prior incident: all pairs of each such subset of the block.
        by_prior: dict[int, list[int]] = {}
        for m in members:
            if scope.prior[m] >= 0:
                by_prior.setdefault(scope.prior[m], []).append(m)
        return (
            pair
            for subset in by_prior.values()
            if len(subset) > 1
            for pair in candidate_pairs(subset, starts, settings)
        )
    return (pair for pair in candidate_pairs(members, starts, settings) if scope.wants(*pair))


def _needed(score: PairScore, floor: float) -> bool:
    """Whether linking, the anchored-time and lone-misdated-row rules or the date
    detector may read this pair's score before clustering is done."""
    levels = score.levels
    return (
        score.total >= floor
        or score.without_reference >= floor
        or bool(score.misdated)
        or levels.get("date") in _KEPT_DATES
        or levels.get("time") in _KEPT_TIMES
        or _vetoed(score)
    )


def _complete_groups(
    profiles: Sequence[Profile],
    groups: list[list[int]],
    scores: dict[tuple[int, int], PairScore],
    pruned: array[int],
    settings: MatchSettings,
    scope: _Scope | None,
) -> None:
    """Give every incident the scores of all its compared pairs (for its conflicts and its
    explanation): scored pairs set aside as not needed for clustering, and, in a focused
    re-merge, pairs of untouched entries of different prior incidents that now share one and
    share a blocking key."""
    size = len(profiles)
    label = [0] * size
    for number, members in enumerate(groups):
        for i in members:
            label[i] = number
    floor = settings.link_threshold
    for code in pruned:
        a, b = divmod(code, size)
        if label[a] == label[b] and (a, b) not in scores:
            found = score_pair(profiles[a], profiles[b], settings, floor)
            if found is not None:
                scores[(a, b)] = found
    if scope is None:
        return
    for members in groups:
        untouched = [i for i in members if i not in scope.focus]
        if len({scope.prior[i] if scope.prior[i] >= 0 else -1 - i for i in untouched}) < 2:
            continue
        keys = {i: blocking_keys(profiles[i].entry, settings) for i in untouched}
        for x, a in enumerate(untouched):
            for b in untouched[x + 1 :]:
                pa, pb = scope.prior[a], scope.prior[b]
                if (pa >= 0 and pa == pb) or (a, b) in scores or keys[a].isdisjoint(keys[b]):
                    continue
                found = score_pair(profiles[a], profiles[b], settings, floor)
                if found is not None:
                    scores[(a, b)] = found


_MIN = date.min


def _incident(group: Sequence[Profile], scores: dict[tuple[int, int], PairScore]) -> Incident:
    anchor = min(p.entry.entry_id for p in group)
    incident_id = "inc-" + hashlib.sha1(anchor.encode("utf-8")).hexdigest()[:12]
    earliest, latest, precision = _incident_span(group)
    links = []
    ordered = sorted(group, key=lambda p: p.index)
    for i, p in enumerate(ordered):
        for q in ordered[i + 1 :]:
            found = scores.get((p.index, q.index))
            if found is not None:
                links.append((found, p, q))
    links.sort(key=lambda x: (-x[0].total, x[1].entry.entry_id, x[2].entry.entry_id))
    return Incident(
        id=incident_id,
        entry_ids=tuple(sorted(p.entry.entry_id for p in group)),
        earliest=earliest,
        latest=latest,
        precision=precision,
        explanation=incident_explanation(group, links),
    )


def _incident_span(group: Sequence[Profile]) -> tuple[date | None, date | None, str]:
    """The incident's dates: the span of day-precise records near the most common day
    (so one mis-dated record does not stretch it), else the coarse records' span."""
    days = [p.entry.earliest for p in group if p.day_level and p.entry.earliest]
    if days:
        modal = sorted(Counter(days).items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        near = sorted(d for d in days if abs((d - modal).days) <= 31)
        return near[0], near[-1], "day" if near[0] == near[-1] else "range"
    dated = [p for p in group if p.entry.earliest is not None]
    if not dated:
        return None, None, "unknown"
    first = min(p.entry.earliest for p in dated if p.entry.earliest)
    last = max((p.entry.latest or p.entry.earliest) for p in dated if p.entry.earliest)
    precisions = {p.entry.precision for p in dated}
    return first, last, precisions.pop() if len(precisions) == 1 else "range"

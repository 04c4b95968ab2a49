"""The merge pipeline: profiles -> blocks -> components -> scored pairs -> incidents -> conflicts.

Pure: no I/O and no clock; output is sorted and independent of input order.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

from projections.matching.blocking import blocking_keys, candidate_pairs
from projections.matching.clustering import cluster
from projections.matching.conflicts import detect_conflicts
from projections.matching.explanations import incident_explanation
from projections.matching.facts import EntryFacts, Incident, MatchSettings, MergeResult, PersonAlias
from projections.matching.lexicon import load_settings
from projections.matching.profile import Profile, apply_idf, build_profile, mark_out_of_sequence
from projections.matching.scoring import PairScore, score_pair

_VETO_LEVELS = {("reference", "different"), ("event", "repeat_mismatch")}


def merge(
    entries: Sequence[EntryFacts],
    people: Sequence[PersonAlias] = (),
    settings: MatchSettings | None = None,
) -> MergeResult:
    """Group entries into incidents and find conflicts between the accounts in each."""
    settings = settings or load_settings()
    ordered = sorted(entries, key=lambda e: e.entry_id)
    profiles = [build_profile(i, e, people, settings) for i, e in enumerate(ordered)]
    blocks: dict[str, list[int]] = {}
    for p in profiles:
        for key in blocking_keys(p.entry, settings):
            blocks.setdefault(key, []).append(p.index)
    components = _components(len(profiles), blocks.values())
    for members in components:
        group = [profiles[i] for i in members]
        apply_idf(group)
        mark_out_of_sequence(group)
    scores = _score_blocks(profiles, blocks, settings)
    links = [
        (s.total, profiles[s.a].entry.entry_id, profiles[s.b].entry.entry_id, s.a, s.b)
        for s in scores.values()
        if s.total >= settings.link_threshold
    ]
    vetoes = [(s.a, s.b) for s in scores.values() if _vetoed(s)]
    agency_refs = [(p.entry.agency, p.ref) if p.ref else None for p in profiles]
    groups = cluster(len(profiles), links, vetoes, agency_refs)
    incidents = []
    conflicts = []
    for members in groups:
        group = [profiles[i] for i in members]
        incident = _incident(group, scores)
        incidents.append(incident)
        conflicts.extend(detect_conflicts(incident.id, group, scores, settings))
    incidents.sort(key=lambda i: (i.earliest is None, i.earliest or _MIN, i.id))
    conflicts.sort(key=lambda c: (c.incident_id, c.key))
    return MergeResult(incidents=incidents, conflicts=conflicts)


def _vetoed(score: PairScore) -> bool:
    return any((f, level) in _VETO_LEVELS for f, level in score.levels.items())


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


def _score_blocks(
    profiles: Sequence[Profile], blocks: dict[str, list[int]], settings: MatchSettings
) -> dict[tuple[int, int], PairScore]:
    starts = [p.start for p in profiles]
    scores: dict[tuple[int, int], PairScore] = {}
    for key in sorted(blocks):
        for pair in candidate_pairs(blocks[key], starts, settings):
            if pair not in scores:
                scores[pair] = score_pair(profiles[pair[0]], profiles[pair[1]], settings)
    return scores


from datetime import date  # noqa: E402  (kept near its only use)

_MIN = date.min


def _incident(group: Sequence[Profile], scores: dict[tuple[int, int], PairScore]) -> Incident:
    anchor = min(p.entry.entry_id for p in group)
    incident_id = "inc-" + hashlib.sha1(anchor.encode("utf-8")).hexdigest()[:12]
    earliest, latest, precision = _incident_span(group)
    links = []
    index = {p.index: p for p in group}
    for (a, b), s in scores.items():
        if a in index and b in index:
            links.append((s, index[a], index[b]))
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

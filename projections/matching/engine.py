"""The merge pipeline: profiles -> blocks -> components -> scored pairs -> incidents -> conflicts.

Pure: no I/O and no clock; output is sorted and independent of input order.
"""

from __future__ import annotations

import gc
import hashlib
from collections import Counter
from collections.abc import Sequence

from projections.matching.blocking import blocking_keys, candidate_pairs
from projections.matching.clustering import cluster
from projections.matching.conflicts import _neighbours, detect_conflicts
from projections.matching.explanations import incident_explanation
from projections.matching.facts import EntryFacts, Incident, MatchSettings, MergeResult, PersonAlias
from projections.matching.lexicon import load_settings
from projections.matching.profile import Profile, apply_idf, build_profile, mark_out_of_sequence
from projections.matching.scoring import PairScore, relevel, score_pair, supports_misdating

_VETO_LEVELS = {("reference", "different"), ("event", "repeat_mismatch")}


def merge(
    entries: Sequence[EntryFacts],
    people: Sequence[PersonAlias] = (),
    settings: MatchSettings | None = None,
    must_link: Sequence[tuple[str, str]] = (),
    cannot_link: Sequence[tuple[str, str]] = (),
) -> MergeResult:
    """Group entries into incidents and find conflicts between the accounts in each.

    `must_link` and `cannot_link` are the chair's overrides (pairs of entry ids): they win over
    the scores, so a chair's link or split survives every re-merge.

    The cyclic garbage collector is paused while merging: the merge allocates millions of
    small containers but no cycles that need collecting before it returns, and the
    collector's repeated scans of the growing heap cost a fifth or more of the time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _merge(entries, people, settings, must_link, cannot_link)
    finally:
        if enabled:
            gc.enable()


def _merge(
    entries: Sequence[EntryFacts],
    people: Sequence[PersonAlias],
    settings: MatchSettings | None,
    must_link: Sequence[tuple[str, str]],
    cannot_link: Sequence[tuple[str, str]],
) -> MergeResult:
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
        apply_idf(group, settings.text_levels.get("rare_term_fraction", 0.02))
        mark_out_of_sequence(group)
    scores = _score_blocks(profiles, blocks, settings)
    _separate_anchored_times(profiles, scores, settings)
    _misdated_files(profiles, scores, settings)
    index = {p.entry.entry_id: p.index for p in profiles}
    forced = _index_pairs(must_link, index)
    for a, b in forced:
        if (a, b) not in scores:  # a chair's link across blocks still needs a score for conflicts
            forced_score = score_pair(profiles[a], profiles[b], settings)
            if forced_score is not None:  # always, as no floor is given
                scores[(a, b)] = forced_score
    vetoes = [(s.a, s.b) for s in scores.values() if _vetoed(s)] + _index_pairs(cannot_link, index)
    groups = cluster(
        len(profiles),
        _ordered_links(profiles, scores, settings),
        vetoes,
        _log_keys(components, profiles),
        forced,
        _attachments(profiles, scores, settings),
        days=[
            p.start.toordinal() if p.day_level and p.start and not p.out_of_sequence else None
            for p in profiles
        ],
        max_span=settings.date_rules.get("max_incident_span_days"),
        misdated=frozenset(
            (s.a, s.b)
            for s in scores.values()
            if s.misdated or s.levels.get("date") in ("year_out", "transposed")
        ),
    )
    incidents = []
    conflicts = []
    neighbours = _neighbours(scores)
    for members in groups:
        group = [profiles[i] for i in members]
        incident = _incident(group, scores)
        incidents.append(incident)
        if len(group) > 1:
            conflicts.extend(
                detect_conflicts(incident.id, group, scores, settings, people, neighbours)
            )
    incidents.sort(key=lambda i: (i.earliest is None, i.earliest or _MIN, i.id))
    conflicts.sort(key=lambda c: (c.incident_id, c.key))
    return MergeResult(incidents=incidents, conflicts=conflicts)


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


def _misdated_files(
    profiles: Sequence[Profile], scores: dict[tuple[int, int], PairScore], settings: MatchSettings
) -> None:
    """A source that put one row a year out (or swapped day and month) often did the same to
    its neighbouring rows. A year-out/transposed pair that did not earn belief on its own is
    believed when a row within `file_neighbour_rows` of the same file has a believed pair with
    the same error in the same direction, and the pair shares rare terms and people."""
    believed: dict[tuple[str, int], set[str]] = {}
    for (a, b), s in scores.items():
        level = s.levels.get("date")
        if level in ("year_out", "transposed"):
            for x, y in ((profiles[a], profiles[b]), (profiles[b], profiles[a])):
                believed.setdefault((x.entry.file_name, x.entry.row), set()).add(
                    _shift(level, x, y)
                )
    if not believed:
        return
    reach = settings.blocking.get("file_neighbour_rows", 3)
    for key, s in list(scores.items()):
        if not s.misdated:
            continue
        p, q = profiles[key[0]], profiles[key[1]]
        for x, y in ((p, q), (q, p)):
            shift = _shift(s.misdated, x, y)
            file_name, row = x.entry.file_name, x.entry.row
            if any(
                shift in believed.get((file_name, row + step), ())
                for step in range(-reach, reach + 1)
                if step
            ) and supports_misdating(p, q, s, settings):
                scores[key] = relevel(s, "date", s.misdated, settings)
                break


def _shift(level: str, x: Profile, y: Profile) -> str:
    """The direction of a date error seen from `x`: 'year_out:+1' when `y` is a year later."""
    if level == "year_out" and x.start and y.start:
        return f"{level}:{y.start.year - x.start.year:+d}"
    return level


def _attachments(
    profiles: Sequence[Profile], scores: dict[tuple[int, int], PairScore], settings: MatchSettings
) -> list[tuple[int, int]]:
    """(entry, target) pairs for entries that restate another entry's occurrence: a later row
    that names the other's date ("the incident on 20 Feb"), or writes the other's recorded time
    into its text ("at 0345") on the same day. Summaries, interviews and investigators' reports
    restate dates even when their wording shares little. Clustering attaches such an entry,
    while it is still on its own, to the best-scoring target; weaker evidence than a link, so
    `attach_threshold` is lower than `link_threshold`."""
    floor = float(settings.conflict_rules.get("attach_threshold", settings.link_threshold))
    best: dict[int, tuple[float, int]] = {}
    for (a, b), s in scores.items():
        if s.without_reference < floor or s.levels.get("people") == "disjoint":
            continue
        if s.levels.get("event") in ("own_occurrence_mismatch", "other_occurrence"):
            continue
        p, q = profiles[a], profiles[b]
        for here, there in ((p, q), (q, p)):
            if _restates(here, there, s):
                held = best.get(here.index)
                if held is None or (-s.without_reference, there.entry.entry_id) < (
                    -held[0],
                    profiles[held[1]].entry.entry_id,
                ):
                    best[here.index] = (s.without_reference, there.index)
    return [(i, target) for i, (_, target) in sorted(best.items())]


def _restates(here: Profile, there: Profile, score: PairScore) -> bool:
    """True when `here` names `there`'s day (and is the later record) or its clock time."""
    if there.start is None or not there.day_level:
        return False
    if score.levels.get("date") == "mentioned" and any(d == there.start for d in here.mentions):
        return here.start is None or here.start >= there.start
    if score.levels.get("date") == "same_day" and there.time is not None:
        moment = there.time
        return any(min(abs(t - moment), 1440 - abs(t - moment)) <= 2 for t in here.text_times)
    return False


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


def _distance(p: Profile, q: Profile, score: PairScore) -> int:
    """Minutes between two records (days x 1440, plus the time gap or half a day if unknown)."""
    days = abs((p.start - q.start).days) if p.start and q.start else 3650
    return days * 1440 + (score.time_gap if score.time_gap is not None else 720)


def _log_keys(
    components: list[list[int]], profiles: Sequence[Profile]
) -> list[tuple[str, str] | None]:
    """Per entry, (agency, log reference) for agencies that give most rows a reference; a row
    without one then counts as a different log (court results, MARACs and summaries are kept
    apart from incident logs). Agencies that rarely give references impose nothing."""
    keys: list[tuple[str, str] | None] = [None] * len(profiles)
    for members in components:
        with_ref: Counter[str] = Counter()
        rows: Counter[str] = Counter()
        for i in members:
            rows[profiles[i].entry.agency] += 1
            if profiles[i].ref:
                with_ref[profiles[i].entry.agency] += 1
        for i in members:
            agency = profiles[i].entry.agency
            if with_ref[agency] * 2 > rows[agency]:
                keys[i] = (agency, profiles[i].ref or "")
    return keys


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
    seen: set[tuple[int, int]] = set()
    # Pairs that can neither link nor veto are dropped early (see score_pair's floor).
    floor = settings.link_threshold
    for key in sorted(blocks):
        for pair in candidate_pairs(blocks[key], starts, settings):
            if pair in seen:
                continue
            seen.add(pair)
            found = score_pair(profiles[pair[0]], profiles[pair[1]], settings, floor)
            if found is not None:
                scores[pair] = found
    return scores


from datetime import date  # noqa: E402  (kept near its only use)

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

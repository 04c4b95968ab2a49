"""Conflict detection inside one incident: which entries disagree, about what, how surely.

Each detector names the specific disagreeing entries; results are de-duplicated by entry set.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from projections.matching.cues import Reading, read_entry
from projections.matching.explanations import (
    HEADLINE_KINDS,
    Side,
    describe_entry,
    headline,
    quoted,
    why_linked,
)
from projections.matching.facts import Conflict, MatchSettings, PersonAlias
from projections.matching.profile import Profile, cosine
from projections.matching.scoring import PairScore, score_pair

_KIND_PRIORITY = (
    "date",
    "time",
    "identity",
    "status",
    "location",
    "attribution",
    "account",
    "count",
    "other",
)


@dataclass
class _Found:
    kind: str
    members: tuple[Profile, ...]
    claim: str
    confidence: float
    # What each side says, in its own words, for the one-line headline.
    sides: tuple[Side, ...] = ()
    # Findings of one kind on one topic (a one-year gap between the same two agencies, say)
    # are one disagreement, however many pairs of rows show it.
    topic: str = ""


class _Context:
    def __init__(
        self,
        group: Sequence[Profile],
        scores: dict[tuple[int, int], PairScore],
        settings: MatchSettings,
        people: Sequence[PersonAlias],
        neighbours: dict[int, list[int]] | None = None,
    ) -> None:
        self.group = sorted(group, key=lambda p: p.entry.entry_id)
        self.scores = scores
        self.settings = settings
        self.rules = settings.conflict_rules
        self.neighbours = neighbours if neighbours is not None else _neighbours(scores)
        self.readings: dict[int, Reading] = {
            p.index: read_entry(p, settings, people) for p in group
        }

    def similarity(self, p: Profile, q: Profile) -> float:
        return cosine(p.vector, q.vector)

    def score(self, p: Profile, q: Profile) -> PairScore:
        key = (min(p.index, q.index), max(p.index, q.index))
        found = self.scores.get(key)
        if found is None:
            a, b = (p, q) if p.index < q.index else (q, p)
            computed = score_pair(a, b, self.settings)
            assert computed is not None  # without a floor a score is always returned
            found = computed
        return found

    def scored_pairs(self) -> list[tuple[Profile, Profile, PairScore]]:
        """Pairs of this incident that were compared while merging (blocked together), in
        entry-id order. Pairs never compared are not recomputed: keeps detectors linear."""
        members = {p.index: p for p in self.group}
        out = []
        for p in self.group:
            for j in self.neighbours.get(p.index, ()):
                q = members.get(j)
                if q is not None and p.entry.entry_id < q.entry.entry_id:
                    key = (min(p.index, j), max(p.index, j))
                    out.append((p, q, self.scores[key]))
        return out

    def links_directly(self, p: Profile, q: Profile) -> bool:
        """True when the pair was compared and links on its own evidence (no reference)."""
        found = self.scores.get((min(p.index, q.index), max(p.index, q.index)))
        return found is not None and found.without_reference >= self.settings.link_threshold

    def date_level(self, p: Profile, q: Profile) -> str:
        """The date level of a compared pair ('' when the pair was never compared)."""
        found = self.scores.get((min(p.index, q.index), max(p.index, q.index)))
        return found.levels.get("date", "") if found is not None else ""

    def modal_day(self) -> date | None:
        """The most common day among the incident's day-precise rows (earliest on a tie)."""
        days = Counter(p.start for p in self.group if p.day_level and p.start is not None)
        if not days:
            return None
        return min(days.items(), key=lambda kv: (-kv[1], kv[0]))[0]

    def partners(self, p: Profile, keep: object = None, limit: int | None = None) -> list[Profile]:
        """Other entries most like `p` in wording, optionally filtered by `keep(q)`."""
        floor = self.rules.get("cue_partner_similarity", 0.08)
        ranked = sorted(
            (q for q in self.group if q is not p and (keep is None or keep(q))),  # type: ignore[operator]
            key=lambda q: (-self.similarity(p, q), q.entry.entry_id),
        )
        ranked = [q for q in ranked if self.similarity(p, q) >= floor]
        return ranked[: int(limit or self.rules.get("cue_partners", 2))]


def _neighbours(scores: dict[tuple[int, int], PairScore]) -> dict[int, list[int]]:
    """Per entry index, the indices it was compared with."""
    out: dict[int, list[int]] = {}
    for a, b in scores:
        out.setdefault(a, []).append(b)
        out.setdefault(b, []).append(a)
    return out


def detect_conflicts(
    incident_id: str,
    group: Sequence[Profile],
    scores: dict[tuple[int, int], PairScore],
    settings: MatchSettings,
    people: Sequence[PersonAlias] = (),
    neighbours: dict[int, list[int]] | None = None,
) -> list[Conflict]:
    """All conflicts within one incident, merged where detectors name the same entries.
    `neighbours` (index -> compared indices) may be passed in to avoid rebuilding it per
    incident."""
    if len(group) < 2:
        return []
    from projections.matching import detectors

    ctx = _Context(group, scores, settings, people, neighbours)
    found: list[_Found] = []
    for detector in detectors.ALL:
        found.extend(detector(ctx))
    return _finalise(incident_id, found, ctx)


def _finalise(incident_id: str, found: list[_Found], ctx: _Context) -> list[Conflict]:
    out: list[Conflict] = []
    for items in _disagreements(found):
        items.sort(key=lambda f: (-f.confidence, _KIND_PRIORITY.index(f.kind)))
        lead = items[0]
        members = sorted(
            {p.entry.entry_id: p for f in items for p in f.members}.values(),
            key=lambda p: p.entry.entry_id,
        )
        ids = tuple(p.entry.entry_id for p in members)
        best = max(
            ((ctx.score(a, b), a, b) for i, a in enumerate(members) for b in members[i + 1 :]),
            key=lambda x: (x[0].total, x[1].entry.entry_id, x[2].entry.entry_id),
        )
        digest = hashlib.sha1(f"{lead.kind}|{'|'.join(ids)}".encode()).hexdigest()[:16]
        out.append(
            Conflict(
                key=f"cf-{digest}",
                kind=lead.kind,
                incident_id=incident_id,
                entry_ids=ids,
                explanation=_explanation(lead.kind, items, best),
                confidence=round(max(f.confidence for f in items), 3),
            )
        )
    return out


def _disagreements(found: list[_Found]) -> list[list[_Found]]:
    """Findings grouped into disagreements: those naming the same entries are one; so are
    those of the same kind that share an entry or a topic (the same one-year gap between the
    same two agencies, found on three pairs of rows, is one disagreement, not three)."""
    by_members: dict[tuple[str, ...], list[_Found]] = {}
    for f in found:
        ids = tuple(sorted({p.entry.entry_id for p in f.members}))
        if len(ids) >= 2:
            by_members.setdefault(ids, []).append(f)
    groups = list(by_members.values())
    for group in groups:
        group.sort(key=lambda f: (-f.confidence, _KIND_PRIORITY.index(f.kind)))
    parent = list(range(len(groups)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    seen: dict[tuple[str, str], int] = {}
    for n, group in enumerate(groups):
        kind = group[0].kind
        keys = [("entry", p.entry.entry_id) for f in group for p in f.members]
        keys += [("topic", f.topic) for f in group if f.topic]
        for key in keys:
            marked = (kind, f"{key[0]}:{key[1]}")
            if marked in seen:
                parent[root(n)] = root(seen[marked])
            else:
                seen[marked] = n
    merged: dict[int, list[_Found]] = {}
    for n, group in enumerate(groups):
        merged.setdefault(root(n), []).extend(group)
    return list(merged.values())


def _explanation(kind: str, items: list[_Found], best: tuple[PairScore, Profile, Profile]) -> str:
    """The headline on the first line, then the evidence a line each, then why the accounts
    are one incident. Pages show the headline and fold the rest beneath it."""
    lead = items[0]
    told = [f for f in items if f is lead or (lead.topic and f.topic == lead.topic)]
    sides = [side for f in told for side in f.sides]
    claims = list(dict.fromkeys(f.claim for f in items))
    first = (
        headline(kind, sides) if sides else f"{HEADLINE_KINDS.get(kind, 'Finding')}: {claims[0]}"
    )
    because = (
        f"Treated as one incident because {describe_entry(best[1])} and "
        f"{describe_entry(best[2])} have {why_linked(*best)}."
    )
    return "\n".join([first, *claims, because])


def quote(p: Profile, phrase: str) -> str:
    """'Agency row n (date) says “…”' for an explanation, quoting the record as written."""
    return f"{describe_entry(p)} says {quoted(p, phrase)}"

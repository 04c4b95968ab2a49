"""Conflict detection inside one incident: which entries disagree, about what, how surely.

Each detector names the specific disagreeing entries; results are de-duplicated by entry set.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from projections.matching import detectors
from projections.matching.explanations import (
    HEADLINE_KINDS,
    describe_entry,
    headline,
    why_linked,
)
from projections.matching.facts import Conflict, MatchSettings, PersonAlias
from projections.matching.findings import Finding, IncidentContext
from projections.matching.profile import Profile
from projections.matching.scoring import PairScore

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


def detect_conflicts(
    incident_id: str,
    group: Sequence[Profile],
    scores: dict[tuple[int, int], PairScore],
    settings: MatchSettings,
    people: Sequence[PersonAlias] = (),
    compared_with: dict[int, list[int]] | None = None,
) -> list[Conflict]:
    """All conflicts within one incident, merged where detectors name the same entries.
    `compared_with` (index -> compared indices) may be passed in to avoid rebuilding it per
    incident."""
    if len(group) < 2:
        return []
    ctx = IncidentContext(group, scores, settings, people, compared_with)
    found: list[Finding] = []
    for detector in detectors.ALL:
        found.extend(detector(ctx))
    return _finalise(incident_id, found, ctx)


def _finalise(incident_id: str, found: list[Finding], ctx: IncidentContext) -> list[Conflict]:
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


def _disagreements(found: list[Finding]) -> list[list[Finding]]:
    """Findings grouped into disagreements: those naming the same entries are one; so are
    those of the same kind that share an entry or a topic (the same one-year gap between the
    same two agencies, found on three pairs of rows, is one disagreement, not three)."""
    by_members: dict[tuple[str, ...], list[Finding]] = {}
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
    merged: dict[int, list[Finding]] = {}
    for n, group in enumerate(groups):
        merged.setdefault(root(n), []).extend(group)
    return list(merged.values())


def _explanation(kind: str, items: list[Finding], best: tuple[PairScore, Profile, Profile]) -> str:
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

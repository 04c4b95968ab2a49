"""Conflict detection inside one incident: which entries disagree, about what, how surely.

Each detector names the specific disagreeing entries; results are de-duplicated by entry set.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from projections.matching.cues import Reading, read_entry, snippet
from projections.matching.explanations import describe_entry, why_linked
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


class _Context:
    def __init__(
        self,
        group: Sequence[Profile],
        scores: dict[tuple[int, int], PairScore],
        settings: MatchSettings,
        people: Sequence[PersonAlias],
    ) -> None:
        self.group = sorted(group, key=lambda p: p.entry.entry_id)
        self.scores = scores
        self.settings = settings
        self.rules = settings.conflict_rules
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

    def partners(self, p: Profile, keep: object = None, limit: int | None = None) -> list[Profile]:
        """Other entries most like `p` in wording, optionally filtered by `keep(q)`."""
        floor = self.rules.get("cue_partner_similarity", 0.08)
        ranked = sorted(
            (q for q in self.group if q is not p and (keep is None or keep(q))),  # type: ignore[operator]
            key=lambda q: (-self.similarity(p, q), q.entry.entry_id),
        )
        ranked = [q for q in ranked if self.similarity(p, q) >= floor]
        return ranked[: int(limit or self.rules.get("cue_partners", 2))]


def detect_conflicts(
    incident_id: str,
    group: Sequence[Profile],
    scores: dict[tuple[int, int], PairScore],
    settings: MatchSettings,
    people: Sequence[PersonAlias] = (),
) -> list[Conflict]:
    """All conflicts within one incident, merged where detectors name the same entries."""
    if len(group) < 2:
        return []
    from projections.matching import detectors

    ctx = _Context(group, scores, settings, people)
    found: list[_Found] = []
    for detector in detectors.ALL:
        found.extend(detector(ctx))
    return _finalise(incident_id, found, ctx)


def _finalise(incident_id: str, found: list[_Found], ctx: _Context) -> list[Conflict]:
    by_members: dict[tuple[str, ...], list[_Found]] = {}
    for f in found:
        ids = tuple(sorted({p.entry.entry_id for p in f.members}))
        if len(ids) >= 2:
            by_members.setdefault(ids, []).append(f)
    out: list[Conflict] = []
    for ids, items in by_members.items():
        items.sort(key=lambda f: (_KIND_PRIORITY.index(f.kind), -f.confidence))
        lead = items[0]
        members = sorted(
            {p.entry.entry_id: p for f in items for p in f.members}.values(),
            key=lambda p: p.entry.entry_id,
        )
        claims = "; ".join(dict.fromkeys(f.claim for f in items))
        best = max(
            ((ctx.score(a, b), a, b) for i, a in enumerate(members) for b in members[i + 1 :]),
            key=lambda x: (x[0].total, x[1].entry.entry_id, x[2].entry.entry_id),
        )
        explanation = (
            f"{lead.kind} conflict: {claims}. Treated as one incident because "
            f"{describe_entry(best[1])} and {describe_entry(best[2])} have {why_linked(*best)}."
        )
        digest = hashlib.sha1(f"{lead.kind}|{'|'.join(ids)}".encode()).hexdigest()[:16]
        out.append(
            Conflict(
                key=f"cf-{digest}",
                kind=lead.kind,
                incident_id=incident_id,
                entry_ids=ids,
                explanation=explanation,
                confidence=round(max(f.confidence for f in items), 3),
            )
        )
    return out


def quote(p: Profile, phrase: str) -> str:
    """'Agency row n (date) says "…"' for an explanation."""
    return f'{describe_entry(p)} says "{snippet(p, phrase)}"'

"""What a conflict detector works with and finds: the incident's context (its rows, their pair
scores and readings) and a finding (which rows disagree, about what, how surely). Shared by
conflicts.py, which runs the detectors, and the detectors themselves, so neither imports the
other."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from projections.matching.cues import Reading, read_entry
from projections.matching.explanations import Side, describe_entry, quoted
from projections.matching.facts import MatchSettings, PersonAlias
from projections.matching.profile import Profile, cosine
from projections.matching.scoring import PairScore, score_pair


@dataclass
class Finding:
    kind: str
    members: tuple[Profile, ...]
    claim: str
    confidence: float
    # What each side says, in its own words, for the one-line headline.
    sides: tuple[Side, ...] = ()
    # Findings of one kind on one topic (a one-year gap between the same two agencies, say)
    # are one disagreement, however many pairs of rows show it.
    topic: str = ""


class IncidentContext:
    def __init__(
        self,
        group: Sequence[Profile],
        scores: dict[tuple[int, int], PairScore],
        settings: MatchSettings,
        people: Sequence[PersonAlias],
        compared_with: dict[int, list[int]] | None = None,
    ) -> None:
        self.group = sorted(group, key=lambda p: p.entry.entry_id)
        self.scores = scores
        self.settings = settings
        self.rules = settings.conflict_rules
        self.neighbours = compared_with if compared_with is not None else neighbours(scores)
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
        """The most common day among the incident's day-precise rows (earliest on a tie), by
        the start of each row's span (an approximate day's is widened)."""
        return _modal(p.start for p in self.group if p.day_level and p.start is not None)

    def recorded_day(self) -> date | None:
        """The most common day the incident's day-precise rows record (earliest on a tie), as
        written, not widened."""
        return _modal(p.entry.earliest for p in self.group if p.day_level and p.entry.earliest)

    def partners(self, p: Profile, keep: object = None, limit: int | None = None) -> list[Profile]:
        """Other entries most like `p` in wording, optionally filtered by `keep(q)`."""
        floor = self.rules.cue_partner_similarity
        ranked = sorted(
            (q for q in self.group if q is not p and (keep is None or keep(q))),  # type: ignore[operator]
            key=lambda q: (-self.similarity(p, q), q.entry.entry_id),
        )
        ranked = [q for q in ranked if self.similarity(p, q) >= floor]
        return ranked[: limit or self.rules.cue_partners]


def _modal(days: Iterable[date]) -> date | None:
    counted = Counter(days)
    if not counted:
        return None
    return min(counted.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def neighbours(scores: dict[tuple[int, int], PairScore]) -> dict[int, list[int]]:
    """Per entry index, the indices it was compared with."""
    out: dict[int, list[int]] = {}
    for a, b in scores:
        out.setdefault(a, []).append(b)
        out.setdefault(b, []).append(a)
    return out


def quote(p: Profile, phrase: str) -> str:
    """'Agency row n (date) says “…”' for an explanation, quoting the record as written."""
    return f"{describe_entry(p)} says {quoted(p, phrase)}"

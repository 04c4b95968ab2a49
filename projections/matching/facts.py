"""Input and output records of the matching engine: entry facts in, incidents and conflicts out.

Everything here is an immutable value so results can be compared, hashed and cached safely.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from domain.conflict_kinds import CONFLICT_KINDS as CONFLICT_KINDS  # the matcher names them
from projections.matching.rules import (
    Blocking,
    ConflictRules,
    DateRules,
    ModelEstimation,
    TextLevels,
    TimeLevels,
)


@dataclass(frozen=True)
class EntryFacts:
    """One agency's record of one dated contact, already parsed by intake."""

    entry_id: str
    agency: str
    file_name: str
    row: int
    earliest: date | None
    latest: date | None
    precision: str
    approximate: bool
    date_text: str
    time: str | None
    fields: Mapping[str, str]


@dataclass(frozen=True)
class PersonAlias:
    """A person the review names, with other words the records use for them."""

    pseudonym: str
    aliases: tuple[str, ...] = ()
    role: str = ""


@dataclass(frozen=True)
class Incident:
    """Entries judged to describe one occurrence; id derived from its anchor entry."""

    id: str
    entry_ids: tuple[str, ...]
    earliest: date | None
    latest: date | None
    precision: str
    explanation: str = ""


@dataclass(frozen=True)
class Conflict:
    """A disagreement between named entries of one incident."""

    key: str
    kind: str
    incident_id: str
    entry_ids: tuple[str, ...]
    explanation: str
    confidence: float


@dataclass(frozen=True)
class RaisedConflict:
    """A disagreement the chair marked between rows (reading them, or checking an incident):
    it stands as a marker wherever two or more of its rows are one incident."""

    key: str
    kind: str
    entry_ids: tuple[str, ...]
    description: str
    raised_by: str
    raised_at: str


@dataclass(frozen=True)
class Question:
    """Something the chair could answer to make the chronology right (see questions.py).

    `kind` is "incident" (an incident check: which of these rows are one incident?), "link"
    (two rows of different incidents that may be one), "split" (a row held in its incident by
    a single weak link) or "conflict" (a doubtful marker). `entry_ids` are the two rows
    compared (a conflict's rows for a conflict; an incident check's rows held as one, then the
    rows nearby); `others` the rows a "different" answer separates the first row from (an
    incident check's rows nearby). `fingerprint` changes whenever what the chair is
    shown changes, so an answer to an outdated question can be refused."""

    id: str
    kind: str
    entry_ids: tuple[str, ...]
    others: tuple[str, ...]
    probability: float
    priority: float
    settles: int
    evidence_for: tuple[str, ...]
    evidence_against: tuple[str, ...]
    fingerprint: str
    conflict_key: str = ""

    @property
    def held_together(self) -> tuple[str, ...]:
        """An incident check's rows held as one incident (none for another kind)."""
        if self.kind != "incident":
            return ()
        return tuple(e for e in self.entry_ids if e not in self.others)


@dataclass(frozen=True)
class MergeResult:
    """The merged chronology: incidents sorted by date then id, conflicts by incident then key.

    `kept` (focused re-merges only): the members of incidents that came out exactly as one of
    the prior incidents, none of whose entries changed. Those are not in `incidents` and their
    conflicts are not detected again: the caller keeps what it holds for them.
    `questions` cover every incident of the merge, kept or not."""

    incidents: list[Incident]
    conflicts: list[Conflict]
    kept: frozenset[tuple[str, ...]] = frozenset()
    # The weight of every comparison level this merge used (the review's own model: see
    # model.py), and the summed weight a pair had to reach to link.
    weights: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    link_threshold: float = 0.0
    # The chair's queue, most useful first (questions.py).
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True)
class MatchSettings:
    """Weights, thresholds and lexicons, loaded from the package JSON (see docs/matching.md)."""

    blocking: Blocking
    weights: Mapping[str, Mapping[str, float]]
    link_threshold: float
    text_levels: TextLevels
    time_levels: TimeLevels
    date_rules: DateRules
    conflict_rules: ConflictRules
    lexicon: Mapping[str, Any]
    # The configured (m, u) of each level, which `weights` holds as log2(m / u).
    probabilities: Mapping[str, Mapping[str, tuple[float, float]]]
    # How a review's own records move the chance agreement of each comparison (see model.py).
    model_estimation: ModelEstimation
    # How much the pairs across two clusters that speak against joining them count, against
    # the pairs for (see clustering.py): 0 is single-link, 1 the plain sum over every pair.
    disagreement_share: float

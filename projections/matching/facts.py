"""Input and output records of the matching engine: entry facts in, incidents and conflicts out.

Everything here is an immutable value so results can be compared, hashed and cached safely.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

CONFLICT_KINDS = (
    "date",
    "time",
    "account",
    "attribution",
    "status",
    "identity",
    "location",
    "count",
    "other",
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
class MergeResult:
    """The merged chronology: incidents sorted by date then id, conflicts by incident then key.

    `kept` (focused re-merges only): the members of incidents that came out exactly as one of
    the prior incidents, none of whose entries changed. Those are not in `incidents` and their
    conflicts are not detected again: the caller keeps what it holds for them."""

    incidents: list[Incident]
    conflicts: list[Conflict]
    kept: frozenset[tuple[str, ...]] = frozenset()
    # The weight of every comparison level this merge used (the review's own model: see
    # model.py), and the summed weight a pair had to reach to link.
    weights: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    link_threshold: float = 0.0


@dataclass(frozen=True)
class MatchSettings:
    """Weights, thresholds and lexicons, loaded from the package JSON (see docs/matching.md)."""

    blocking: Mapping[str, int]
    weights: Mapping[str, Mapping[str, float]]
    link_threshold: float
    text_levels: Mapping[str, float]
    time_levels: Mapping[str, int]
    date_rules: Mapping[str, int]
    conflict_rules: Mapping[str, float]
    lexicon: Mapping[str, Any] = field(default_factory=dict)
    # The configured (m, u) of each level, which `weights` holds as log2(m / u).
    probabilities: Mapping[str, Mapping[str, tuple[float, float]]] = field(default_factory=dict)
    # How a review's own records move the chance agreement of each comparison (see model.py).
    model_estimation: Mapping[str, Any] = field(default_factory=dict)
    # How much the pairs across two clusters that speak against joining them count, against
    # the pairs for (see clustering.py): 0 is single-link, 1 the plain sum over every pair.
    disagreement_share: float = 1.0

"""Matching and conflict engine: groups agency records into incidents and flags disagreements.

Public API: merge, review_model, blocking_keys, load_settings and the value types in facts.py.
"""

from __future__ import annotations

from projections.matching import blocking as _blocking
from projections.matching.engine import merge, review_model
from projections.matching.facts import (
    CONFLICT_KINDS,
    Conflict,
    EntryFacts,
    Incident,
    MatchSettings,
    MergeResult,
    PersonAlias,
    RaisedConflict,
)
from projections.matching.lexicon import load_settings
from projections.matching.raised import raised_key


def blocking_keys(entry: EntryFacts, settings: MatchSettings | None = None) -> frozenset[str]:
    """The keys under which `entry` is compared; merge compares only entries sharing one."""
    return _blocking.blocking_keys(entry, settings or load_settings())


__all__ = [
    "CONFLICT_KINDS",
    "Conflict",
    "EntryFacts",
    "Incident",
    "MatchSettings",
    "MergeResult",
    "PersonAlias",
    "RaisedConflict",
    "blocking_keys",
    "load_settings",
    "merge",
    "raised_key",
    "review_model",
]

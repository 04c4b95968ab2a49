"""Scores a merge against a ground truth: pairwise grouping quality and conflict recall/precision.

Pure: takes the merge result, the entries and the parsed ground-truth JSON; prints nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from projections.matching.facts import Conflict, EntryFacts, MergeResult

Pair = tuple[str, str]


@dataclass(frozen=True)
class ConflictMiss:
    """A true conflict that no predicted conflict covers."""

    id: str
    kind: str
    entries: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class Evaluation:
    """Figures and the itemised misses behind them."""

    pair_precision: float
    pair_recall: float
    pair_f1: float
    conflict_recall: float
    conflict_precision: float
    true_pairs: int
    predicted_pairs: int
    missed_pairs: list[Pair] = field(default_factory=list)
    extra_pairs: list[Pair] = field(default_factory=list)
    missed_conflicts: list[ConflictMiss] = field(default_factory=list)
    false_alarms: list[Conflict] = field(default_factory=list)
    conflicts_found: int = 0
    conflicts_total: int = 0
    predicted_correct: int = 0
    predicted_total: int = 0


def _label(entry: EntryFacts) -> str:
    return f"{entry.file_name}#{entry.row}"


def _pairs(groups: Iterable[Iterable[str]]) -> set[Pair]:
    out: set[Pair] = set()
    for group in groups:
        members = sorted(set(group))
        out.update(combinations(members, 2))
    return out


def _ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def evaluate(
    result: MergeResult, entries: Sequence[EntryFacts], truth: Mapping[str, Any]
) -> Evaluation:
    """Compare `result` with `truth` (ground_truth.json format: entries as [file, row])."""
    label_of = {e.entry_id: _label(e) for e in entries}
    true_groups = [[f"{f}#{r}" for f, r in inc["entries"]] for inc in truth.get("incidents", [])]
    predicted_groups = [
        [label_of[i] for i in inc.entry_ids if i in label_of] for inc in result.incidents
    ]
    true_pairs = _pairs(true_groups)
    predicted_pairs = _pairs(predicted_groups)
    hits = len(true_pairs & predicted_pairs)
    precision = _ratio(hits, len(predicted_pairs))
    recall = _ratio(hits, len(true_pairs))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    true_conflicts = [
        (
            str(c["id"]),
            str(c["kind"]),
            frozenset(f"{f}#{r}" for f, r in c["entries"]),
            str(c.get("description", "")),
        )
        for c in truth.get("conflicts", [])
    ]
    predicted = [
        (c, frozenset(label_of[i] for i in c.entry_ids if i in label_of)) for c in result.conflicts
    ]
    missed: list[ConflictMiss] = []
    for cid, kind, members, description in true_conflicts:
        if not any(len(members & names) >= 2 for _, names in predicted):
            missed.append(ConflictMiss(cid, kind, tuple(sorted(members)), description))
    false_alarms = [
        c
        for c, names in predicted
        if not any(len(members & names) >= 2 for _, _, members, _ in true_conflicts)
    ]
    found = len(true_conflicts) - len(missed)
    correct = len(predicted) - len(false_alarms)
    return Evaluation(
        pair_precision=precision,
        pair_recall=recall,
        pair_f1=f1,
        conflict_recall=_ratio(found, len(true_conflicts)),
        conflict_precision=_ratio(correct, len(predicted)),
        true_pairs=len(true_pairs),
        predicted_pairs=len(predicted_pairs),
        missed_pairs=sorted(true_pairs - predicted_pairs),
        extra_pairs=sorted(predicted_pairs - true_pairs),
        missed_conflicts=missed,
        false_alarms=false_alarms,
        conflicts_found=found,
        conflicts_total=len(true_conflicts),
        predicted_correct=correct,
        predicted_total=len(predicted),
    )


def format_report(evaluation: Evaluation, detail: bool = True) -> str:
    """A printable summary; with `detail`, the missed and extra items too."""
    ev = evaluation
    lines = [
        f"pairwise precision {ev.pair_precision:.3f}  recall {ev.pair_recall:.3f}"
        f"  F1 {ev.pair_f1:.3f}"
        f"  ({ev.true_pairs} true pairs, {ev.predicted_pairs} predicted)",
        f"conflict recall {ev.conflict_recall:.3f} ({ev.conflicts_found}/{ev.conflicts_total})"
        f"  precision {ev.conflict_precision:.3f} ({ev.predicted_correct}/{ev.predicted_total})",
    ]
    if not detail:
        return "\n".join(lines)
    lines += [
        f"missed conflict {m.id} [{m.kind}] {', '.join(m.entries)}: {m.description}"
        for m in ev.missed_conflicts
    ]
    lines += [f"false alarm [{c.kind}] {c.explanation}" for c in ev.false_alarms]
    lines += [f"missed pair {a} ~ {b}" for a, b in ev.missed_pairs]
    lines += [f"extra pair {a} ~ {b}" for a, b in ev.extra_pairs]
    return "\n".join(lines)

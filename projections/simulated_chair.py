"""A chair who knows the ground truth, answering the top question of the queue again and again.

Measures what the queue is worth in a chair's time: the queue and its order come from the
model alone; only the answers come from the truth. Pure: merges in memory, stores nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from domain.questions import checked_together
from projections.evaluation import Evaluation, evaluate
from projections.matching import (
    CONFLICT_KINDS,
    EntryFacts,
    MergeResult,
    PersonAlias,
    RaisedConflict,
    merge,
    raised_key,
)
from projections.matching.facts import Question


@dataclass(frozen=True)
class CurvePoint:
    """The merge's quality after `answers` answers."""

    answers: int
    pair_f1: float
    conflict_recall: float
    conflict_precision: float


def checkpoints(limit: int) -> list[int]:
    """0, 5, 10, 20, 30, ... up to `limit` (and `limit` itself)."""
    marks = [0, 5, 10] + list(range(20, limit + 1, 10))
    return sorted({m for m in marks if m <= limit} | {limit})


def true_incident_of(truth: Mapping[str, Any]) -> dict[str, int]:
    """Each row ("file#row") of the ground truth, and the number of its true incident."""
    return {
        f"{f}#{r}": n for n, inc in enumerate(truth.get("incidents", [])) for f, r in inc["entries"]
    }


def truth_answer(question: Question, labels: Mapping[str, str], truth: Mapping[str, Any]) -> str:
    """What a chair who knows the truth answers: same / different, or real / not-a-conflict."""
    if question.kind == "conflict":
        rows = {labels[e] for e in question.entry_ids if e in labels}
        for conflict in truth.get("conflicts", []):
            members = {f"{f}#{r}" for f, r in conflict["entries"]}
            if len(members & rows) >= 2:
                return "real"
        return "not-a-conflict"
    incident_of = true_incident_of(truth)
    first, second = (labels.get(e, e) for e in question.entry_ids[:2])
    same = first in incident_of and incident_of.get(first) == incident_of.get(second)
    return "same" if same else "different"


def truth_together(
    question: Question, labels: Mapping[str, str], truth: Mapping[str, Any]
) -> list[str]:
    """The rows of an incident check a chair who knows the truth keeps together: those of the
    true incident most of the rows held as one belong to (the first held row's, on a tie)."""
    incident_of = true_incident_of(truth)
    held = question.held_together

    def true_incident(entry: str) -> int | None:
        return incident_of.get(labels.get(entry, entry))

    counted = Counter(true_incident(e) for e in held if true_incident(e) is not None)
    if not counted:  # no held row is in any true incident: it is a row on its own
        return list(held[:1])
    majority = counted.most_common(1)[0][0]  # a tie goes to the first held (most_common is stable)
    return [e for e in question.entry_ids if true_incident(e) == majority]


def truth_other_incidents(
    question: Question, kept: Collection[str], labels: Mapping[str, str], truth: Mapping[str, Any]
) -> list[list[str]]:
    """The further incidents a chair who knows the truth sorts out of the rows of an incident
    check not kept: the rows of each true incident with two or more of them shown."""
    incident_of = true_incident_of(truth)
    found: dict[int, list[str]] = {}
    for entry in question.entry_ids:
        incident = incident_of.get(labels.get(entry, entry))
        if entry not in kept and incident is not None:
            found.setdefault(incident, []).append(entry)
    return [rows for rows in found.values() if len(rows) > 1]


def truth_disagreements(
    kept: Sequence[str], result: MergeResult, labels: Mapping[str, str], truth: Mapping[str, Any]
) -> list[tuple[str, list[str]]]:
    """The disagreements a chair who knows the truth marks while checking an incident: each true
    conflict with two or more of its rows among those kept together, unless a marker already
    stands on two of them (as kind and rows)."""
    marked = [{labels.get(e, e) for e in c.entry_ids} for c in result.conflicts]
    found = []
    for conflict in truth.get("conflicts", []):
        members = {f"{f}#{r}" for f, r in conflict["entries"]}
        rows = [e for e in kept if labels.get(e, e) in members]
        if len(rows) < 2 or any(len(members & names) >= 2 for names in marked):
            continue
        kind = str(conflict["kind"])
        found.append((kind if kind in CONFLICT_KINDS else "other", rows))
    return found


def truth_false_markers(
    question: Question,
    result: MergeResult,
    labels: Mapping[str, str],
    truth: Mapping[str, Any],
    decided: Collection[str],
) -> list[str]:
    """The markers an incident check shows (every row among those shown, none decided yet)
    that a chair who knows the truth calls not a conflict: they cover no true conflict."""
    shown = set(question.entry_ids)
    true = [{f"{f}#{r}" for f, r in c["entries"]} for c in truth.get("conflicts", [])]
    return [
        c.key
        for c in result.conflicts
        if c.key not in decided
        and set(c.entry_ids) <= shown
        and not any(len(members & {labels.get(e, e) for e in c.entry_ids}) >= 2 for members in true)
    ]


def simulate_chair(
    entries: Sequence[EntryFacts],
    truth: Mapping[str, Any],
    answers: int,
    people: Sequence[PersonAlias] = (),
    must_link: Sequence[tuple[str, str]] = (),
    cannot_link: Sequence[tuple[str, str]] = (),
    raised: Sequence[RaisedConflict] = (),
) -> list[CurvePoint]:
    """Answer the top unanswered question `answers` times from `truth`, re-merging after each,
    and score the merge at each of `checkpoints(answers)`. Checking an incident, the chair keeps
    the rows of the true incident most held rows belong to, sorts the other rows shown into
    their true incidents, marks the true conflicts within each incident so named that no marker
    covers yet, and says which of the markers shown with the check are not conflicts."""
    labels = {e.entry_id: f"{e.file_name}#{e.row}" for e in entries}
    linked, separated = list(must_link), list(cannot_link)
    raised = list(raised)
    dismissed: set[str] = set()
    asked: set[str] = set()
    marks = set(checkpoints(answers))
    curve: list[CurvePoint] = []
    given = 0
    while True:
        result = merge(entries, people, must_link=linked, cannot_link=separated, raised=raised)
        if given in marks:
            curve.append(_point(given, _without(result, dismissed), entries, truth))
        if given >= answers:
            return curve
        question = next((q for q in result.questions if q.id not in asked), None)
        if question is None:  # nothing left to ask: the rest of the curve is flat
            last = curve[-1] if curve else _point(given, result, entries, truth)
            curve += [replace(last, answers=m) for m in sorted(marks) if m > given]
            return curve
        asked.add(question.id)
        if question.kind == "incident":
            together = truth_together(question, labels, truth)
            checked = checked_together(
                question.entry_ids,
                together,
                truth_other_incidents(question, together, labels, truth),
            )
            for incident in checked.incidents():
                linked += [(incident[0], other) for other in incident[1:]]
            separated += [(row, other) for row, away in checked.splits() for other in away]
            raised += [
                RaisedConflict(raised_key(kind, rows), kind, tuple(rows), "", "chair", "")
                for incident in checked.incidents()
                for kind, rows in truth_disagreements(incident, result, labels, truth)
            ]
            dismissed.update(truth_false_markers(question, result, labels, truth, dismissed))
            given += 1
            continue
        answer = truth_answer(question, labels, truth)
        first, second = question.entry_ids[0], question.entry_ids[1]
        if answer == "same":
            linked.append((first, second))
        elif answer == "different":
            separated += [(first, other) for other in question.others if other != first]
        elif answer == "not-a-conflict":
            dismissed.add(question.conflict_key)
        given += 1


def _without(result: MergeResult, dismissed: set[str]) -> MergeResult:
    """The merge with the markers the chair called 'not a conflict' taken away."""
    kept = [c for c in result.conflicts if c.key not in dismissed]
    return replace(result, conflicts=kept)


def _point(
    answers: int, result: MergeResult, entries: Sequence[EntryFacts], truth: Mapping[str, Any]
) -> CurvePoint:
    scored: Evaluation = evaluate(result, entries, truth)
    return CurvePoint(answers, scored.pair_f1, scored.conflict_recall, scored.conflict_precision)


def format_curve(curve: Sequence[CurvePoint]) -> str:
    """One line per checkpoint."""
    lines = ["answers  pairwise F1  conflict recall  conflict precision"]
    lines += [
        f"{p.answers:>7}  {p.pair_f1:>11.3f}  {p.conflict_recall:>15.3f}"
        f"  {p.conflict_precision:>18.3f}"
        for p in curve
    ]
    return "\n".join(lines)

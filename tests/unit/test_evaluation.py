"""Scoring a merge against a ground truth: pair metrics, conflict recall and precision."""

from __future__ import annotations

from datetime import date

from projections.evaluation import evaluate, format_report
from projections.matching import Conflict, EntryFacts, Incident, MergeResult


def entry(file_name: str, row: int) -> EntryFacts:
    return EntryFacts(
        entry_id=f"{file_name}#{row}",
        agency=file_name,
        file_name=file_name,
        row=row,
        earliest=date(2014, 1, 1),
        latest=date(2014, 1, 1),
        precision="day",
        approximate=False,
        date_text="01/01/2014",
        time=None,
        fields={},
    )


ENTRIES = [entry("a.csv", 1), entry("b.csv", 1), entry("c.csv", 1), entry("d.csv", 1)]
TRUTH = {
    "incidents": [
        {"id": "I1", "entries": [["a.csv", 1], ["b.csv", 1], ["c.csv", 1]]},
        {"id": "I2", "entries": [["d.csv", 1]]},
    ],
    "conflicts": [
        {
            "id": "C1",
            "kind": "date",
            "incident": "I1",
            "entries": [["a.csv", 1], ["b.csv", 1]],
            "description": "dates",
        },
        {
            "id": "C2",
            "kind": "time",
            "incident": "I1",
            "entries": [["b.csv", 1], ["c.csv", 1]],
            "description": "times",
        },
    ],
}


def incident(*ids: str) -> Incident:
    return Incident(id="i-" + ids[0], entry_ids=ids, earliest=None, latest=None, precision="day")


def conflict(key: str, *ids: str) -> Conflict:
    return Conflict(
        key=key,
        kind="date",
        incident_id="i",
        entry_ids=ids,
        explanation=f"about {key}",
        confidence=0.5,
    )


def test_perfect_merge_scores_one_everywhere() -> None:
    result = MergeResult(
        incidents=[incident("a.csv#1", "b.csv#1", "c.csv#1"), incident("d.csv#1")],
        conflicts=[conflict("k1", "a.csv#1", "b.csv#1"), conflict("k2", "b.csv#1", "c.csv#1")],
    )

    ev = evaluate(result, ENTRIES, TRUTH)

    assert (ev.pair_precision, ev.pair_recall, ev.pair_f1) == (1.0, 1.0, 1.0)
    assert (ev.conflict_recall, ev.conflict_precision) == (1.0, 1.0)


def test_over_merge_lowers_precision_and_lists_the_extra_pairs() -> None:
    result = MergeResult(
        incidents=[incident("a.csv#1", "b.csv#1", "c.csv#1", "d.csv#1")], conflicts=[]
    )

    ev = evaluate(result, ENTRIES, TRUTH)

    assert ev.pair_recall == 1.0
    assert ev.pair_precision == 0.5
    assert ("a.csv#1", "d.csv#1") in ev.extra_pairs


def test_a_conflict_naming_one_true_entry_is_a_false_alarm_and_misses_are_listed() -> None:
    result = MergeResult(
        incidents=[incident("a.csv#1", "b.csv#1", "c.csv#1"), incident("d.csv#1")],
        conflicts=[conflict("k1", "a.csv#1", "d.csv#1")],
    )

    ev = evaluate(result, ENTRIES, TRUTH)

    assert ev.conflict_precision == 0.0
    assert ev.conflict_recall == 0.0
    assert [m.id for m in ev.missed_conflicts] == ["C1", "C2"]
    assert "false alarm" in format_report(ev)


def test_one_conflict_naming_three_entries_can_cover_two_true_conflicts() -> None:
    result = MergeResult(
        incidents=[incident("a.csv#1", "b.csv#1", "c.csv#1"), incident("d.csv#1")],
        conflicts=[conflict("k1", "a.csv#1", "b.csv#1", "c.csv#1")],
    )

    ev = evaluate(result, ENTRIES, TRUTH)

    assert ev.conflict_recall == 1.0
    assert ev.conflict_precision == 1.0

"""The queue's reach beyond blocking: day-dated rows up to two weeks apart are offered to the
chair's questions, and never change the merge itself."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from projections.matching import load_settings, merge
from projections.matching.blocking import queue_pairs
from tests.unit.matching_entries import entry

SETTINGS = load_settings()
DAY = date(2022, 10, 25)


def test_rows_a_week_apart_are_queue_pairs_and_rows_a_month_apart_are_not() -> None:
    days = [DAY.toordinal(), (DAY + timedelta(days=8)).toordinal(), DAY.toordinal() + 40, None]

    assert set(queue_pairs(days, SETTINGS)) == {(0, 1)}


def test_a_bucket_too_full_to_compare_whole_is_left_out() -> None:
    crowded = [DAY.toordinal()] * (SETTINGS.blocking.max_block_size + 1)

    assert list(queue_pairs(crowded, SETTINGS)) == []


def test_the_queues_reach_changes_the_questions_and_never_the_merge() -> None:
    entries = [
        entry("p1", "Police", DAY, "Jayden reported missing by his mother; not seen since school"),
        entry("p2", "Police", DAY + timedelta(days=3), "Jayden located at a flat in Kingsmere"),
        entry(
            "s1", "School", DAY + timedelta(days=9), "Return interview: Jayden says he was missing"
        ),
    ]
    reach = SETTINGS.blocking.model_copy(update={"question_window_days": 1})
    without = replace(SETTINGS, blocking=reach)

    reached = merge(entries, settings=SETTINGS)
    unreached = merge(entries, settings=without)

    assert [i.entry_ids for i in reached.incidents] == [i.entry_ids for i in unreached.incidents]
    assert reached.conflicts == unreached.conflicts
    asked = {frozenset(q.entry_ids) for q in reached.questions}
    assert asked != {frozenset(q.entry_ids) for q in unreached.questions}
    assert any({"p1", "s1"} <= ids or {"p2", "s1"} <= ids for ids in asked), asked

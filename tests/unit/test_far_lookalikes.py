"""Rows far apart in time that read alike are offered to the chair's queue at even odds, though
the merge holds them apart (projections/matching/far_pairs.py)."""

from __future__ import annotations

import json
from datetime import date, timedelta

from projections.matching import load_settings, merge
from projections.matching.engine import _prepare
from projections.matching.far_pairs import far_lookalikes
from projections.simulated_chair import true_incident_of
from tests.fixture_entries import EXAMPLES, review_entries
from tests.unit.matching_entries import entry

SETTINGS = load_settings()
DAY = date(2022, 3, 2)


def test_dhr7s_rows_weeks_apart_that_read_alike_are_asked_about_though_held_apart() -> None:
    folder = EXAMPLES / "dhr7"
    entries = review_entries(folder)
    truth = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    incident_of = true_incident_of(truth)
    profiles, _blocks, _components, settings = _prepare(entries, (), None, True)

    found = list(far_lookalikes(profiles, settings, taken=set()))

    assert found
    reach = 2 * settings.blocking.question_window_days
    for (a, b), score in found:
        first, second = profiles[a].entry, profiles[b].entry
        assert first.earliest is not None and second.earliest is not None
        assert abs((first.earliest - second.earliest).days) >= reach
        assert score.total == settings.link_threshold  # even odds: for the chair to settle
    label = {p.index: f"{p.entry.file_name}#{p.entry.row}" for p in profiles}
    twins = [
        (profiles[a].entry.entry_id, profiles[b].entry.entry_id)
        for (a, b), _ in found
        if incident_of.get(label[a]) is not None
        and incident_of.get(label[a]) == incident_of.get(label[b])
    ]
    assert twins  # rows the truth calls one incident
    result = merge(entries)
    held = {entry: n for n, i in enumerate(result.incidents) for entry in i.entry_ids}
    asked = [set(q.entry_ids) for q in result.questions]
    apart = [(a, b) for a, b in twins if held[a] != held[b]]
    assert apart and all(any({a, b} <= ids for ids in asked) for a, b in apart), apart


def test_routine_contacts_that_all_read_alike_give_each_row_one_look_alike_at_most() -> None:
    weekly = [
        entry(
            f"dn{n}",
            "District Nursing",
            DAY + timedelta(days=21 * n),
            "Weekly visit: sacral pressure ulcer dressed, Waterlow 18, Daniel declined turns",
            row=n + 1,
        )
        for n in range(6)
    ]
    profiles, _blocks, _components, settings = _prepare(weekly, (), SETTINGS, True)

    found = list(far_lookalikes(profiles, settings, taken=set()))

    rows = [row for pair, _ in found for row in pair]
    assert len(found) <= len(weekly)
    assert len({pair for pair, _ in found}) == len(found)
    assert all(rows.count(row) <= 2 for row in set(rows))

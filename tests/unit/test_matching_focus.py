"""Focused re-merge: `merge(..., focus=changed ids, prior_groups=current incidents)` scores only
pairs involving a changed entry or within one current incident, and otherwise merges as usual."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from adapters.store import StoreSettings
from api.workspace import Workspace
from benchmarks.matching_speed import synthetic_entries
from benchmarks.synthetic_review import generate
from projections.matching import EntryFacts, merge
from projections.merged import regrouping
from projections.merged.scoring import evaluate_view


def entry(
    entry_id: str, agency: str, day: date, summary: str, *, subjects: str = "A; B"
) -> EntryFacts:
    return EntryFacts(
        entry_id=entry_id,
        agency=agency,
        file_name=f"{agency.lower()}.csv",
        row=int(entry_id[-1]),
        earliest=day,
        latest=day,
        precision="day",
        approximate=False,
        date_text=day.isoformat(),
        time=None,
        fields={"summary": summary, "subjects": subjects},
    )


OLD = [
    entry(
        "p1",
        "Police",
        date(2012, 6, 16),
        "Call from A: assaulted by partner B, punched to the face, cut to forehead.",
    ),
    entry(
        "h1",
        "Hospital",
        date(2012, 6, 16),
        "Attended with cut to forehead; states partner B punched her in the face.",
    ),
    entry("g1", "GP", date(2012, 6, 30), "Medication review, repeat prescription issued."),
]
NEW = entry(
    "d1",
    "DA Service",
    date(2012, 6, 17),
    "A disclosed partner B punched her in the face on Saturday, cut to forehead.",
)


def test_a_focus_of_every_entry_gives_the_plain_merge() -> None:
    entries = synthetic_entries(1500)

    plain = merge(entries)
    focused = merge(entries, focus=frozenset(e.entry_id for e in entries), prior_groups=())

    assert focused == plain


def test_a_new_entry_joins_the_current_incident_it_matches() -> None:
    before = merge(OLD)
    prior = [list(i.entry_ids) for i in before.incidents]

    after = merge([*OLD, NEW], focus=frozenset({"d1"}), prior_groups=prior)

    groups = {i.entry_ids for i in after.incidents} | after.kept
    assert ("d1", "h1", "p1") in groups
    assert ("g1",) in groups
    whole = merge([*OLD, NEW])
    assert after.incidents == [i for i in whole.incidents if i.entry_ids not in after.kept]
    assert after.conflicts == whole.conflicts


def test_untouched_incidents_re_form_from_their_own_links() -> None:
    entries = synthetic_entries(1500)
    before = merge(entries)
    prior = [list(i.entry_ids) for i in before.incidents]

    again = merge(entries, focus=frozenset(), prior_groups=prior)

    # Every incident re-formed exactly, so every one is kept, without being worked out again.
    assert again.kept == {i.entry_ids for i in before.incidents}
    assert again.incidents == [] and again.conflicts == []


def test_a_focused_merge_keeps_only_the_incidents_it_did_not_change() -> None:
    before = merge(OLD)
    prior = [list(i.entry_ids) for i in before.incidents]

    after = merge([*OLD, NEW], focus=frozenset({"d1"}), prior_groups=prior)

    assert after.kept == {("g1",)}
    assert [i.entry_ids for i in after.incidents] == [("d1", "h1", "p1")]


def test_the_read_model_of_a_large_review_uses_focused_re_merges_with_the_same_quality(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    review = generate(400, seed=3, agencies=4)

    def pairwise_f1(name: str) -> float:
        workspace = Workspace(StoreSettings.resolve(str(tmp_path / name), environ={}))
        for file_name, content in review.files.items():
            workspace.import_file(content, file_name, "R", review.agencies[file_name], "bench")
        return evaluate_view(workspace.merged("R"), review.truth).pair_f1

    whole = pairwise_f1("whole.sqlite3")
    monkeypatch.setattr(regrouping, "FULL_REMERGE_LIMIT", 0)
    focused = pairwise_f1("focused.sqlite3")
    # Files re-merged a few records at a time: a slice's re-merge meets incidents that an
    # earlier slice formed around rows of later slices.
    monkeypatch.setattr(regrouping, "SLICE_RECORDS", 5)
    sliced = pairwise_f1("sliced.sqlite3")

    assert focused >= whole - 0.05
    assert sliced >= whole - 0.05


def test_an_incident_that_lost_a_changed_row_is_written_again_not_kept() -> None:
    # g1 was (say) in the call's incident; it changed and no longer matches, so the call's
    # incident is what remains of a prior incident: not the same incident, so not kept.
    after = merge(OLD, focus=frozenset({"g1"}), prior_groups=[["g1", "h1", "p1"]])

    assert after.kept == frozenset()
    assert {i.entry_ids for i in after.incidents} == {("h1", "p1"), ("g1",)}

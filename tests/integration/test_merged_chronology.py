"""The merged chronology read model on real stores: its JSON contract, stable keys, decisions
that survive rebuilds and resubmissions, and the "as at" history."""

from __future__ import annotations

import pytest

from api.merged_rendering import merged_json
from api.workspace import Workspace
from domain.decisions import ConcurrentDecisionError, Decision
from projections.merged import regrouping

POLICE = (
    b"Date,Time,Incident Ref,Subject(s),Summary of Contact\n"
    b"14/03/2016,0140,EX-7,Adult A (IP); Adult B,"
    b'"999 call: Adult B pushed Adult A down the stairs and kicked her. '
    b'Injury to left arm. Adult B arrested."\n'
    b"02/11/2015,2215,EX-3,Adult A,Neighbour reports shouting at the flat; verbal argument only.\n"
)
HOSPITAL = (
    b"Date of Attendance,Time,Patient,Presenting Complaint\n"
    b'14 Mar 2016,02:35,Adult A,"Injury to left arm; states she fell down the stairs at home."\n'
)
HOUSING = b"Date,Tenant,Details\nSep 2015,Adult A,Joint tenancy signed with Adult B.\n"


def import_example(workspace: Workspace) -> None:
    workspace.import_file(POLICE, "police.csv", "SAR 1", "Police", "police.analyst")
    workspace.import_file(HOSPITAL, "hospital.csv", "SAR 1", "Hospital", "ed.lead")


def test_the_same_incident_from_two_agencies_is_one_incident_with_a_conflict(
    workspace: Workspace,
) -> None:
    import_example(workspace)

    view = workspace.merged("SAR 1")

    stairs = next(i for i in view.incidents if len(i.entries) == 2)
    assert {e.agency for e in stairs.entries} == {"Police", "Hospital"}
    assert stairs.id in {c.incident for c in view.conflicts}
    assert all(c.explanation for c in view.conflicts)


def test_conflict_keys_and_incident_ids_survive_a_rebuild_and_unrelated_data(
    workspace: Workspace,
) -> None:
    import_example(workspace)
    before = workspace.merged("SAR 1")

    workspace.import_file(HOUSING, "housing.csv", "SAR 1", "Housing", "housing.officer")
    workspace.rebuild()
    after = workspace.merged("SAR 1")

    assert {c.key for c in before.conflicts} <= {c.key for c in after.conflicts}
    assert {i.id for i in before.incidents} <= {i.id for i in after.incidents}


def test_the_json_contract_names_files_rows_and_kinds(workspace: Workspace) -> None:
    import json

    import_example(workspace)

    payload = json.loads(merged_json(workspace.merged("SAR 1")))

    assert payload["review"] == "SAR 1"
    entry = payload["incidents"][0]["entries"][0]
    assert {"entry_id", "agency", "file", "row", "line"} <= set(entry)
    conflict = payload["conflicts"][0]
    assert {"key", "kind", "incident", "entries", "explanation", "confidence", "status"} <= set(
        conflict
    )
    assert conflict["kind"] in {
        "date",
        "time",
        "account",
        "attribution",
        "status",
        "identity",
        "location",
        "count",
        "other",
    }
    assert {"entry_id", "agency", "file", "row"} <= set(conflict["entries"][0])


def test_a_decision_survives_a_rebuild_and_a_stale_second_decision_is_refused(
    workspace: Workspace,
) -> None:
    import_example(workspace)
    conflict = workspace.merged("SAR 1").conflicts[0]
    version = workspace.resolve(
        "SAR 1", conflict.key, Decision.DISPUTED, None, "Both recorded", "chair", expected_version=0
    )

    workspace.rebuild()
    rebuilt = next(c for c in workspace.merged("SAR 1").conflicts if c.key == conflict.key)

    assert rebuilt.status == "resolved" and rebuilt.decision and rebuilt.decision["by"] == "chair"
    with pytest.raises(ConcurrentDecisionError):
        workspace.reopen(
            "SAR 1", conflict.key, "Another view", "deputy", expected_version=version - 1
        )


def test_a_raised_conflict_survives_a_rebuild_and_imports_and_stands_while_its_rows_meet(
    workspace: Workspace,
) -> None:
    import_example(workspace)
    pair = next(i for i in workspace.merged("SAR 1").incidents if len(i.entries) == 2)
    rows = [e.entry_id for e in pair.entries]
    hospital = next(e for e in pair.entries if e.agency == "Hospital")

    key = workspace.raise_conflict("SAR 1", rows, "count", "one kick or several", "chair")
    workspace.import_file(HOUSING, "housing.csv", "SAR 1", "Housing", "housing.officer")
    workspace.rebuild()
    rebuilt = [c for c in workspace.merged("SAR 1").conflicts if c.key == key]
    workspace.unlink("SAR 1", hospital.entry_id, "Different attendance", "chair")
    apart = [c for c in workspace.merged("SAR 1").conflicts if c.key == key]
    workspace.link("SAR 1", rows, "Same incident after all", "chair")
    again = [c for c in workspace.merged("SAR 1").conflicts if c.key == key]

    assert [(c.kind, c.incident, c.status) for c in rebuilt] == [("count", pair.id, "open")]
    assert rebuilt[0].explanation.startswith("Number: one kick or several\nRaised by the chair")
    assert apart == []
    assert [c.kind for c in again] == ["count"]


def test_a_chairs_split_and_link_win_over_the_matcher_and_survive_later_imports(
    workspace: Workspace,
) -> None:
    import_example(workspace)
    pair = next(i for i in workspace.merged("SAR 1").incidents if len(i.entries) == 2)
    hospital = next(e for e in pair.entries if e.agency == "Hospital")

    workspace.unlink("SAR 1", hospital.entry_id, "Different attendance", "chair")
    workspace.import_file(HOUSING, "housing.csv", "SAR 1", "Housing", "housing.officer")
    split_view = workspace.merged("SAR 1")
    workspace.link("SAR 1", [e.entry_id for e in pair.entries], "Same incident after all", "chair")
    linked_view = workspace.merged("SAR 1")

    assert all(
        len(i.entries) == 1
        for i in split_view.incidents
        if hospital.record_id in {e.record_id for e in i.entries}
    )
    assert any(
        {e.record_id for e in pair.entries} <= {e.record_id for e in i.entries}
        for i in linked_view.incidents
    )


def test_the_view_as_at_an_earlier_position_is_what_it_was_then(workspace: Workspace) -> None:
    import_example(workspace)
    then = workspace.merged("SAR 1")
    then_json = merged_json(then)

    workspace.import_file(
        POLICE.replace(b"kicked her", b"kicked and punched her"),
        "police-v2.csv",
        "SAR 1",
        "Police",
        "police.analyst",
    )

    assert merged_json(workspace.merged("SAR 1", then.position)) == then_json
    assert merged_json(workspace.merged("SAR 1")) != then_json


def test_a_decided_conflict_that_a_corrected_file_removes_is_kept_as_needing_review(
    workspace: Workspace,
) -> None:
    import_example(workspace)
    conflict = workspace.merged("SAR 1").conflicts[0]
    workspace.resolve("SAR 1", conflict.key, Decision.DISPUTED, None, "Both recorded", "chair")

    # The hospital withdraws its row entirely (a corrected file with a different attendance).
    corrected = (
        b"Date of Attendance,Time,Patient,Presenting Complaint\n01 Jan 2014,,Adult C,Unrelated\n"
    )
    workspace.import_file(corrected, "hospital-v2.csv", "SAR 1", "Hospital", "ed.lead")
    after = {c.key: c for c in workspace.merged("SAR 1").conflicts}

    assert after[conflict.key].status == "needs review"
    assert after[conflict.key].decision is not None
    assert after[conflict.key].needs_review_because


def test_a_decision_carries_over_when_a_corrected_file_inserts_a_row_above(
    workspace: Workspace,
) -> None:
    import_example(workspace)
    conflict = workspace.merged("SAR 1").conflicts[0]
    workspace.resolve("SAR 1", conflict.key, Decision.DISPUTED, None, "Both recorded", "chair")
    with_a_row_above = (
        HOSPITAL.splitlines(keepends=True)[0]
        + b"02 Nov 2015,23:50,Adult A,Bruising to the face after an argument at home.\n"
        + b"".join(HOSPITAL.splitlines(keepends=True)[1:])
    )

    workspace.import_file(with_a_row_above, "hospital-v2.csv", "SAR 1", "Hospital", "ed.lead")

    after = {c.key: c for c in workspace.merged("SAR 1").conflicts}
    assert after[conflict.key].status == "resolved"
    assert [e["row"] for e in after[conflict.key].entries if e["agency"] == "Hospital"] == [2]


@pytest.mark.parametrize("remerge", ["whole review", "focused"])
def test_a_corrected_row_that_no_longer_matches_leaves_its_incident(
    workspace: Workspace, remerge: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if remerge == "focused":  # as a review above FULL_REMERGE_LIMIT rows is re-merged
        monkeypatch.setattr(regrouping, "FULL_REMERGE_LIMIT", 0)
    import_example(workspace)
    corrected = (
        b"Date of Attendance,Time,Patient,Presenting Complaint\n"
        b"01 Jan 2014,,Adult C,Unrelated clinic review\n"
    )

    workspace.import_file(corrected, "hospital-v2.csv", "SAR 1", "Hospital", "ed.lead")

    view = workspace.merged("SAR 1")
    assert all(len(i.entries) == 1 for i in view.incidents)
    assert [e.file for i in view.incidents for e in i.entries if e.agency == "Hospital"] == [
        "hospital-v2.csv"
    ]


def test_the_integrity_seal_passes_on_an_untouched_store(workspace: Workspace) -> None:
    import_example(workspace)

    result = workspace.verify()

    assert (
        result.intact
        and result.events_checked == workspace.application.recorder.max_notification_id()
    )


def test_the_names_the_panel_records_for_people_let_the_matcher_link_their_records(
    workspace: Workspace,
) -> None:
    # The police wrote real names; the hospital wrote the review's pseudonyms.
    police = (
        b"Date,Subject(s),Summary\n14/03/2016,Jane Smith; John Brown,"
        b"Jane Smith reports that John Brown pushed her down the stairs at their home.\n"
    )
    hospital = (
        b"Date,Patient,Presenting Complaint\n14/03/2016,Adult A,"
        b"Bruised arm and back; Adult A says she fell down the stairs at home; Mr B with her.\n"
    )
    workspace.import_file(police, "police.csv", "SAR 2", "Police", "police.analyst")
    workspace.import_file(hospital, "hospital.csv", "SAR 2", "Hospital", "ed.lead")
    before = workspace.merged("SAR 2")

    workspace.record_person("SAR 2", "Adult A", "Jane Smith", "victim", [], "chair")
    workspace.record_person("SAR 2", "Mr B", "John Brown", "partner", ["boyfriend"], "chair")

    after = workspace.merged("SAR 2")
    # Two agencies' rows of one day about a fall on the stairs are one incident either way;
    # once the panel records who Jane Smith is, the merge knows both rows name Adult A.
    assert [len(i.entries) for i in before.incidents] == [2]
    assert "Adult A" not in before.incidents[0].explanation
    assert [len(i.entries) for i in after.incidents] == [2]
    assert "Adult A" in after.incidents[0].explanation
    assert merged_json(workspace.merged("SAR 2", before.position)) == merged_json(before)
    workspace.rebuild()
    assert merged_json(workspace.merged("SAR 2")) == merged_json(after)


def test_another_chronology_from_the_same_agency_stands_beside_the_first(
    workspace: Workspace,
) -> None:
    import_example(workspace)
    custody = (
        b"Custody Date,Custody Record,Detainee,Notes\n"
        b"14/03/2016,CR-1,Adult B,Booked into custody after arrest for assault.\n"
        b"15/03/2016,CR-1,Adult B,Released under investigation.\n"
    )

    workspace.import_file(custody, "police_custody.csv", "SAR 1", "Police", "police.analyst")
    corrected = custody.replace(b"Released under investigation.", b"Released on bail.")
    workspace.import_file(corrected, "police_custody_v2.csv", "SAR 1", "Police", "police.analyst")

    view = workspace.merged("SAR 1")
    files = sorted({e.file for i in view.incidents for e in i.entries if e.agency == "Police"})
    records = [e.record_id for i in view.incidents for e in i.entries]
    assert files == ["police.csv", "police_custody_v2.csv"]
    assert len(records) == len(set(records)) == 5

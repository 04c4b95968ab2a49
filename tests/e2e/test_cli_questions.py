"""The chair's queue on the command line: list, answer, a second answer refused, the answer in
the audit trail, the chronology "as at" before the answer, and the simulated chair's curve."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CHRONOLOGY = str(Path(sys.executable).parent / "chronology")
REVIEW = "DHR 7"


def run(*args: str, cwd: Path, user: str = "carys") -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "CHRONOLOGY_USER": user, "HOME": str(cwd)}
    return subprocess.run(
        [CHRONOLOGY, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def imported(cwd: Path, dhr7: Path) -> None:
    for name, agency in (
        ("staffordshire_police.csv", "Staffordshire Police"),
        ("ipcc_investigation.csv", "IPCC"),
        ("wmas_ambulance.csv", "WMAS"),
    ):
        result = run("import", "--review", REVIEW, "--agency", agency, str(dhr7 / name), cwd=cwd)
        assert result.returncode == 0, result.stderr


def incidents(cwd: Path, *when: str) -> set[frozenset[str]]:
    shown = json.loads(run("merged", "--review", REVIEW, "--format", "json", *when, cwd=cwd).stdout)
    return {frozenset(e["record_id"] for e in i["entries"]) for i in shown["incidents"]}


def test_a_chair_lists_the_queue_answers_it_and_a_second_answer_is_refused(
    tmp_path: Path, dhr7: Path
) -> None:
    imported(tmp_path, dhr7)
    listed = run(
        "questions", "--review", REVIEW, "--limit", "500", "--format", "json", cwd=tmp_path
    )
    queue = json.loads(listed.stdout)
    link = next(q for q in queue["questions"] if q["kind"] == "link")  # after the checks
    before = incidents(tmp_path)
    position = max(
        line["position"]
        for line in json.loads(
            run("audit", "--review", REVIEW, "--format", "json", cwd=tmp_path).stdout
        )
    )

    answered = run(
        "answer", link["id"], "same", "--review", REVIEW, "--note", "same call", cwd=tmp_path
    )
    again = run("answer", link["id"], "different", "--review", REVIEW, cwd=tmp_path, user="dev")
    table = run("questions", "--review", REVIEW, "--limit", "3", cwd=tmp_path)
    trail = run("audit", "--review", REVIEW, cwd=tmp_path).stdout

    assert listed.returncode == 0, listed.stderr
    assert {a["record_id"] for a in link["accounts"]} == set(link["entry_ids"])
    assert answered.returncode == 0, answered.stderr
    assert f"Question {link['id']} answered (same) by carys" in answered.stdout
    assert again.returncode == 2
    assert "already answered by carys" in again.stderr and "not recorded" in again.stderr
    assert "questions open" in table.stdout and link["id"] not in table.stdout
    assert "question answered" in trail and "same incident; same call" in trail
    joined = {frozenset(link["entry_ids"]) <= group for group in incidents(tmp_path)}
    assert True in joined
    assert incidents(tmp_path, "--as-at-position", str(position)) == before


def test_the_simulated_chair_prints_the_curve_after_0_5_and_10_answers(
    tmp_path: Path, dhr7: Path
) -> None:
    imported(tmp_path, dhr7)

    result = run(
        "evaluate", "--review", REVIEW, "--truth", str(dhr7 / "ground_truth.json"),
        "--simulate-chair", "10", "--format", "json", cwd=tmp_path,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    curve = json.loads(result.stdout)
    assert [p["answers"] for p in curve] == [0, 5, 10]
    assert curve[-1]["pair_f1"] >= curve[0]["pair_f1"] - 0.01
    assert "answer" not in run("audit", "--review", REVIEW, cwd=tmp_path).stdout


def test_a_chair_answers_an_incident_check_by_row_numbers(tmp_path: Path, dhr7: Path) -> None:
    imported(tmp_path, dhr7)
    listed = run("questions", "--review", REVIEW, "--limit", "1", "--format", "json", cwd=tmp_path)
    check = json.loads(listed.stdout)["questions"][0]
    rows = check["entry_ids"]
    table = run("questions", "--review", REVIEW, "--limit", "1", cwd=tmp_path).stdout

    too_far = run(
        "answer", check["id"], "together", "--review", REVIEW,
        "--together", f"1,{len(rows) + 1}", cwd=tmp_path,
    )  # fmt: skip
    answered = run(
        "answer", check["id"], "together", "--review", REVIEW, "--together", "1,3", cwd=tmp_path
    )
    trail = run("audit", "--review", REVIEW, cwd=tmp_path).stdout

    assert check["kind"] == "incident" and len(rows) >= 3
    assert "incident check" in table and "[1] held as one:" in table
    assert "the model is unsure of" in table
    assert "nearby, apart:" in table
    assert too_far.returncode == 2
    assert f"give their numbers (1 to {len(rows)})" in too_far.stderr
    assert answered.returncode == 0, answered.stderr
    first = next(group for group in incidents(tmp_path) if rows[0] in group)
    assert rows[2] in first and rows[1] not in first
    assert f"incident check of {len(rows)} rows: together" in trail


def test_a_chair_sorts_the_rows_of_a_check_into_two_incidents(tmp_path: Path, dhr7: Path) -> None:
    imported(tmp_path, dhr7)
    listed = run("questions", "--review", REVIEW, "--limit", "1", "--format", "json", cwd=tmp_path)
    check = json.loads(listed.stdout)["questions"][0]
    rows = check["entry_ids"]
    assert check["kind"] == "incident" and len(rows) >= 3

    twice = run(
        "answer", check["id"], "together", "--review", REVIEW,
        "--together", "1", "--another-incident", "1,2", cwd=tmp_path,
    )  # fmt: skip
    answered = run(
        "answer", check["id"], "together", "--review", REVIEW,
        "--together", "1", "--another-incident", "2,3", cwd=tmp_path,
    )  # fmt: skip

    assert twice.returncode == 2 and "put in two: row 1" in twice.stderr
    assert answered.returncode == 0, answered.stderr
    assert "Further incidents sorted out: 1." in answered.stdout
    held = incidents(tmp_path)
    assert next(group for group in held if rows[1] in group) >= {rows[1], rows[2]}
    assert rows[0] not in next(group for group in held if rows[1] in group)
    trail = run("audit", "--review", REVIEW, cwd=tmp_path).stdout
    assert f"another incident {rows[1]}, {rows[2]}" in trail


def test_a_chair_marks_rows_of_a_check_that_disagree_and_raises_a_conflict_by_hand(
    tmp_path: Path, dhr7: Path
) -> None:
    imported(tmp_path, dhr7)
    listed = run("questions", "--review", REVIEW, "--limit", "1", "--format", "json", cwd=tmp_path)
    check = json.loads(listed.stdout)["questions"][0]
    rows = check["entry_ids"]
    assert check["kind"] == "incident" and len(rows) >= 4

    no_kind = run(
        "answer", check["id"], "together", "--review", REVIEW,
        "--together", "1,2,3", "--disagree", "1,2 colour", cwd=tmp_path,
    )  # fmt: skip
    not_kept = run(
        "answer", check["id"], "together", "--review", REVIEW,
        "--together", "1,2,3", "--disagree", "1,4 date", cwd=tmp_path,
    )  # fmt: skip
    answered = run(
        "answer", check["id"], "together", "--review", REVIEW, "--together", "1,2,3",
        "--disagree", "1,3 time: the police log an hour later", cwd=tmp_path,
    )  # fmt: skip
    by_hand = run(
        "raise-conflict", rows[1], rows[2], "--review", REVIEW, "--kind", "account", cwd=tmp_path
    )
    across = run(
        "raise-conflict", rows[0], rows[3], "--review", REVIEW, "--kind", "date", cwd=tmp_path
    )
    shown = json.loads(run("merged", "--review", REVIEW, "--format", "json", cwd=tmp_path).stdout)
    trail = run("audit", "--review", REVIEW, cwd=tmp_path).stdout

    assert no_kind.returncode == 2 and "give the rows, a kind (date, time" in no_kind.stderr
    assert not_kept.returncode == 2 and "not kept: row 4" in not_kept.stderr
    assert answered.returncode == 0, answered.stderr
    assert "Conflict markers raised: 1." in answered.stdout
    assert by_hand.returncode == 0 and "raised by carys (account)" in by_hand.stdout
    assert across.returncode == 2 and "in 2 incidents" in across.stderr
    raised = {
        (c["kind"], frozenset(e["record_id"] for e in c["entries"])): c["explanation"]
        for c in shown["conflicts"]
        if c["key"].startswith("cr-")
    }
    assert set(raised) == {
        ("time", frozenset({rows[0], rows[2]})),
        ("account", frozenset({rows[1], rows[2]})),
    }
    assert raised[("time", frozenset({rows[0], rows[2]}))].startswith(
        "Time: the police log an hour later\nRaised by the chair, carys, on "
    )
    assert "conflict raised" in trail and "time: the police log an hour later" in trail


def test_a_chair_dismisses_a_marker_listed_with_a_check(tmp_path: Path, dhr7: Path) -> None:
    imported(tmp_path, dhr7)
    listed = run("questions", "--review", REVIEW, "--limit", "1", "--format", "json", cwd=tmp_path)
    check = json.loads(listed.stdout)["questions"][0]
    table = run("questions", "--review", REVIEW, "--limit", "1", cwd=tmp_path).stdout
    assert check["kind"] == "incident" and check["markers"], check
    marker = check["markers"][0]
    numbers = ", ".join(str(n) for n in marker["rows"])

    answered = run(
        "answer", check["id"], "together", "--review", REVIEW,
        "--not-a-conflict", marker["key"], "--note", "one call, timed twice", cwd=tmp_path,
    )  # fmt: skip
    shown = json.loads(run("merged", "--review", REVIEW, "--format", "json", cwd=tmp_path).stdout)

    assert f"   marker {marker['key']} on rows {numbers}: " in table
    assert answered.returncode == 0, answered.stderr
    assert "Markers resolved as not a conflict: 1." in answered.stdout
    decided = [c for c in shown["conflicts"] if c["key"] == marker["key"]]
    assert [(c["status"], c["decision"]["decision"]) for c in decided] == [
        ("resolved", "not-a-conflict")
    ]

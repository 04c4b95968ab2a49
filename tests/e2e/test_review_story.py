"""The story of a review, told through the command line: agencies upload, the chair decides, an
agency corrects its file, and the audit replays all of it; then someone edits the database by
hand."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

CHRONOLOGY = str(Path(sys.executable).parent / "chronology")
REVIEW = "DHR 7"


def chronology(
    *args: str, cwd: Path, user: str = "panel.admin", check: bool = True
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [CHRONOLOGY, *args, "--db", str(cwd / "review.sqlite3")],
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "CHRONOLOGY_USER": user, "HOME": str(cwd)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def merged(cwd: Path, *extra: str) -> dict:  # type: ignore[type-arg]
    return json.loads(
        chronology("merged", "--review", REVIEW, "--format", "json", *extra, cwd=cwd).stdout
    )


def test_a_review_from_uploads_to_decisions_to_a_corrected_file_and_a_tampered_store(
    tmp_path: Path, dhr7: Path
) -> None:
    # Every agency uploads its chronology.
    for csv_file in sorted(dhr7.glob("*.csv")):
        chronology(
            "import",
            str(csv_file),
            "--review",
            REVIEW,
            "--agency",
            csv_file.stem,
            cwd=tmp_path,
            user=f"{csv_file.stem}.uploader",
        )
    before = merged(tmp_path)
    assert len(before["incidents"]) > 50 and len(before["conflicts"]) > 20

    # The chair resolves three conflicts and splits one grouping.
    second = next(
        c
        for c in before["conflicts"]
        if any(e["file"] == "staffordshire_police.csv" for e in c["entries"])
    )
    first, third = [c for c in before["conflicts"] if c["key"] != second["key"]][:2]
    chronology(
        "resolve",
        first["key"],
        "--review",
        REVIEW,
        "--decision",
        "accept",
        "--accept",
        first["entries"][0]["entry_id"],
        "--rationale",
        "The contemporaneous log is preferred",
        cwd=tmp_path,
        user="chair",
    )
    chronology(
        "resolve",
        second["key"],
        "--review",
        REVIEW,
        "--decision",
        "disputed",
        "--rationale",
        "Both accounts recorded as disputed",
        cwd=tmp_path,
        user="chair",
    )
    chronology(
        "resolve",
        third["key"],
        "--review",
        REVIEW,
        "--decision",
        "not-a-conflict",
        "--rationale",
        "Same event described at different stages",
        cwd=tmp_path,
        user="chair",
    )
    grouped = next(i for i in before["incidents"] if len(i["entries"]) >= 3)
    split_out = grouped["entries"][-1]["entry_id"]
    split_record = grouped["entries"][-1]["record_id"]
    former_mates = {e["record_id"] for e in grouped["entries"]} - {split_record}
    chronology(
        "unlink",
        split_out,
        "--review",
        REVIEW,
        "--rationale",
        "A separate contact",
        cwd=tmp_path,
        user="chair",
    )
    decided = chronology("merged", "--review", REVIEW, "--format", "json", cwd=tmp_path).stdout
    decided_view = json.loads(decided)
    statuses = {c["key"]: c["status"] for c in decided_view["conflicts"]}
    assert [statuses[c["key"]] for c in (first, second, third)] == ["resolved"] * 3
    assert not any(
        split_out in {e["entry_id"] for e in i["entries"]} and len(i["entries"]) > 1
        for i in decided_view["incidents"]
    )

    # An agency resubmits a corrected file that changes what one conflicting row says.
    conflict_row = next(e for e in second["entries"] if e["file"] == "staffordshire_police.csv")
    police = (dhr7 / "staffordshire_police.csv").read_text("utf-8")
    corrected = tmp_path / "staffordshire_police.csv"
    corrected.write_text(_amend_record(police, conflict_row["row"]), encoding="utf-8")
    resubmitted = chronology(
        "import",
        str(corrected),
        "--review",
        REVIEW,
        "--agency",
        "staffordshire_police",
        cwd=tmp_path,
        user="police.analyst",
    )
    assert "Supersedes" in resubmitted.stdout

    # The chair's decisions are never dropped: they stand, or are shown as needing review.
    after = merged(tmp_path)
    after_status = {c["key"]: c["status"] for c in after["conflicts"]}
    assert after_status[second["key"]] == "needs review"
    for conflict in (first, third):
        assert after_status.get(conflict["key"]) in {"resolved", "needs review"}
    regrouped = next(
        i for i in after["incidents"] if split_record in {e["record_id"] for e in i["entries"]}
    )
    assert not former_mates & {e["record_id"] for e in regrouped["entries"]}

    # The audit shows every step, in order, with who did it.
    trail = json.loads(
        chronology("audit", "--review", REVIEW, "--format", "json", cwd=tmp_path).stdout
    )
    actions = [line["action"] for line in trail]
    assert actions.count("submission received") == 11
    assert actions.count("conflict resolved") == 3 and actions.count("entry split out") == 1
    assert actions.index("entry split out") < actions.index("submission superseded")
    assert {line["actor"] for line in trail if line["action"] == "conflict resolved"} == {"chair"}

    # As at the moment before the resubmission, the chronology is exactly what it was then.
    position_before = max(line["position"] for line in trail if line["action"] == "entry split out")
    replayed = chronology(
        "merged",
        "--review",
        REVIEW,
        "--format",
        "json",
        "--as-at-position",
        str(position_before),
        cwd=tmp_path,
    ).stdout
    assert replayed == decided
    moment = next(line["recorded_at"] for line in trail if line["position"] == position_before)
    by_time = chronology(
        "merged", "--review", REVIEW, "--format", "json", "--as-at", moment, cwd=tmp_path
    ).stdout
    assert by_time == decided
    assert merged(tmp_path) == after  # today's view is unaffected by looking back

    # One row's history shows both versions and the decisions on it.
    history = json.loads(chronology("history", split_out, "--review", REVIEW, cwd=tmp_path).stdout)
    assert any(d["what"] == "split" for d in history["decisions"])

    # The record is intact... until someone edits the database by hand.
    assert "Intact" in chronology("verify", cwd=tmp_path).stdout
    with sqlite3.connect(tmp_path / "review.sqlite3") as database:
        database.execute(
            "UPDATE stored_events SET state = replace(state, 'Police', 'Polite') "
            "WHERE rowid = (SELECT rowid FROM stored_events "
            "WHERE instr(state, 'Police') > 0 LIMIT 1)"
        )
    tampered = chronology("verify", cwd=tmp_path, check=False)
    assert tampered.returncode == 1
    assert "altered after it was written" in tampered.stderr


def _amend_record(text: str, row: int) -> str:
    """The file with data record `row` given a correction note at the end of its summary."""
    import csv
    import io

    records = list(csv.reader(io.StringIO(text, newline="")))
    records[row][4] = records[row][4] + " [Corrected by the agency after review.]"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    return out.getvalue()

"""`chronology export` and `chronology people` as a user runs them: a real process, real files."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
from docx.enum.section import WD_ORIENT

CHRONOLOGY = str(Path(sys.executable).parent / "chronology")
REVIEW = "DHR 7"
AGENCY_FILES = (
    "staffordshire_police.csv",
    "uhnm_hospital.csv",
    "sha_housing.csv",
    "wmas_ambulance.csv",
)


def chronology(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [CHRONOLOGY, *args],
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "CHRONOLOGY_USER": "chair", "HOME": str(cwd)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result


def import_agencies(cwd: Path, dhr7: Path) -> None:
    for name in AGENCY_FILES:
        chronology(
            "import", "--review", REVIEW, "--agency", Path(name).stem, str(dhr7 / name), cwd=cwd
        )


def test_each_format_is_written_and_opens_in_its_own_library(tmp_path: Path, dhr7: Path) -> None:
    import_agencies(tmp_path, dhr7)

    outputs = {}
    for export_format in ("docx", "xlsx", "csv", "json"):
        out = tmp_path / f"chronology.{export_format}"
        result = chronology(
            "export", "--review", REVIEW, "--format", export_format, str(out), cwd=tmp_path
        )
        outputs[export_format] = out
        assert result.stdout.startswith(f"Wrote {out}: ") and "pseudonyms" in result.stdout

    report = docx.Document(str(outputs["docx"]))
    workbook = openpyxl.load_workbook(outputs["xlsx"])
    rows = list(csv.DictReader(io.StringIO(outputs["csv"].read_text("utf-8-sig"))))
    payload = json.loads(outputs["json"].read_text("utf-8"))
    assert report.sections[0].orientation == WD_ORIENT.LANDSCAPE
    assert "Generated " in report.paragraphs[1].text
    assert workbook.sheetnames == ["Chronology", "Conflicts", "Submissions", "People"]
    assert (
        workbook["Chronology"].max_row - 1
        == len(rows)
        == sum(len(i["entries"]) for i in payload["incidents"])
    )
    assert {row["agency"] for row in rows} == {Path(name).stem for name in AGENCY_FILES}


def test_the_same_export_at_the_same_position_and_time_is_byte_identical(
    tmp_path: Path, dhr7: Path
) -> None:
    import_agencies(tmp_path, dhr7)
    position = json.loads(
        chronology("merged", "--review", REVIEW, "--format", "json", cwd=tmp_path).stdout
    )["as_at_position"]
    fixed = ("--as-at-position", str(position), "--generated-at", "2024-01-15T12:00")

    for export_format in ("docx", "xlsx"):
        first, second = tmp_path / f"first.{export_format}", tmp_path / f"second.{export_format}"
        chronology(
            "export",
            "--review",
            REVIEW,
            "--format",
            export_format,
            *fixed,
            str(first),
            cwd=tmp_path,
        )
        chronology(
            "export",
            "--review",
            REVIEW,
            "--format",
            export_format,
            *fixed,
            str(second),
            cwd=tmp_path,
        )

        assert first.read_bytes() == second.read_bytes()


def test_conflicts_only_exports_just_the_incidents_with_markers(tmp_path: Path, dhr7: Path) -> None:
    import_agencies(tmp_path, dhr7)
    merged = json.loads(
        chronology("merged", "--review", REVIEW, "--format", "json", cwd=tmp_path).stdout
    )

    chronology(
        "export",
        "--review",
        REVIEW,
        "--format",
        "json",
        "--conflicts-only",
        "out.json",
        cwd=tmp_path,
    )

    payload = json.loads((tmp_path / "out.json").read_text("utf-8"))
    assert {i["incident_id"] for i in payload["incidents"]} == {
        c["incident"] for c in merged["conflicts"]
    }


def test_people_are_recorded_and_exports_show_pseudonyms_unless_real_names_are_asked_for(
    tmp_path: Path,
) -> None:
    agency_file = tmp_path / "gp.csv"
    agency_file.write_text(
        "Date,Summary\n01/02/2015,Nathan Smith attended with his partner\n", encoding="utf-8"
    )
    chronology("import", "--review", REVIEW, "--agency", "GP", str(agency_file), cwd=tmp_path)

    chronology(
        "people",
        "add",
        "--review",
        REVIEW,
        "--pseudonym",
        "N",
        "--real-name",
        "Nathan Smith",
        "--role",
        "perpetrator",
        "--alias",
        "partner",
        "--alias",
        "boyfriend",
        cwd=tmp_path,
    )
    listed = chronology("people", "list", "--review", REVIEW, cwd=tmp_path).stdout
    revealed = chronology(
        "people", "list", "--review", REVIEW, "--show-real-names", cwd=tmp_path
    ).stdout
    chronology("export", "--review", REVIEW, "--format", "csv", "hidden.csv", cwd=tmp_path)
    chronology(
        "export",
        "--review",
        REVIEW,
        "--format",
        "csv",
        "--show-real-names",
        "shown.csv",
        cwd=tmp_path,
    )

    assert "N" in listed and "boyfriend, partner" in listed and "Nathan Smith" not in listed
    assert "real name: Nathan Smith" in revealed
    assert "N attended with his partner" in (tmp_path / "hidden.csv").read_text("utf-8-sig")
    assert "Nathan Smith" not in (tmp_path / "hidden.csv").read_text("utf-8-sig")
    assert "Nathan Smith attended" in (tmp_path / "shown.csv").read_text("utf-8-sig")

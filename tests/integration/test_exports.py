"""Exports of the DHR 7 review on real stores, opened with each format's own library."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from docx.enum.section import WD_ORIENT

from adapters.store import StoreSettings
from api.exporting import ExportOptions, ExportRefusedError, export_review
from api.workspace import Workspace
from domain.decisions import Decision
from projections.people import Person

REVIEW = "DHR 7"
GENERATED = datetime(2024, 1, 15, 12, 0, tzinfo=UTC)
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


def import_dhr7(workspace: Workspace, folder: Path) -> None:
    for csv_file in sorted(folder.glob("*.csv")):
        workspace.import_file(
            csv_file.read_bytes(), csv_file.name, REVIEW, csv_file.stem, "panel.admin"
        )


def export(workspace: Workspace, export_format: str, **changes: Any) -> bytes:
    options = ExportOptions(REVIEW, export_format, generated_at=GENERATED)
    return export_review(workspace, replace(options, **changes))


def test_the_word_report_lists_every_account_under_its_incident_and_registers_every_conflict(
    workspace: Workspace, dhr7: Path
) -> None:
    import_dhr7(workspace, dhr7)
    view = workspace.merged(REVIEW)

    report = docx.Document(io.BytesIO(export(workspace, "docx")))

    chronology, register = report.tables[1], report.tables[2]
    accounts = sum(len(incident.entries) for incident in view.incidents)
    assert report.sections[0].orientation == WD_ORIENT.LANDSCAPE
    assert len(chronology.rows) == 1 + len(view.incidents) + accounts
    assert len(register.rows) == 1 + len(view.conflicts)
    assert len(report.tables[0].rows) == 1 + len(list(dhr7.glob("*.csv")))
    assert any(row.cells[3].text == "staffordshire_police.csv\nrow 1" for row in chronology.rows)


def test_the_workbook_has_a_dated_row_per_account_and_shades_the_conflicted_ones(
    workspace: Workspace, dhr7: Path
) -> None:
    import_dhr7(workspace, dhr7)
    view = workspace.merged(REVIEW)

    workbook = openpyxl.load_workbook(io.BytesIO(export(workspace, "xlsx")))

    sheet = workbook["Chronology"]
    rows = list(sheet.iter_rows(min_row=2))
    month_rows = [r for r in rows if r[2].value == "month"]
    assert len(rows) == sum(len(incident.entries) for incident in view.incidents)
    assert month_rows and all(r[1].is_date and r[1].number_format == "mmm yyyy" for r in month_rows)
    assert all((r[13].value is not None) == (r[0].fill.fill_type == "solid") for r in rows)
    assert sum(1 for r in rows if r[13].value) >= len(view.conflicts)
    assert workbook["Conflicts"].max_row == 1 + len(view.conflicts)
    assert {r[0].value for r in workbook["Submissions"].iter_rows(min_row=2, max_row=11)} == {
        f.stem for f in dhr7.glob("*.csv")
    }


def test_csv_and_json_round_trip_the_same_accounts(workspace: Workspace, dhr7: Path) -> None:
    import_dhr7(workspace, dhr7)

    rows = list(csv.DictReader(io.StringIO(export(workspace, "csv").decode("utf-8-sig"))))
    payload = json.loads(export(workspace, "json"))

    from_json = [e["entry_id"] for incident in payload["incidents"] for e in incident["entries"]]
    assert [row["entry_id"] for row in rows] == from_json
    assert payload["review"] == REVIEW and payload["position"] == workspace.merged(REVIEW).position


def test_exporting_at_the_same_position_gives_identical_bytes_after_later_decisions(
    workspace: Workspace, dhr7: Path
) -> None:
    import_dhr7(workspace, dhr7)
    position = workspace.merged(REVIEW).position
    before = {
        fmt: export(workspace, fmt, position=position) for fmt in ("docx", "xlsx", "csv", "json")
    }
    conflict = workspace.merged(REVIEW).conflicts[0]
    workspace.resolve(REVIEW, conflict.key, Decision.DISPUTED, None, "Both accounts stand", "chair")

    again = {fmt: export(workspace, fmt, position=position) for fmt in before}
    now = json.loads(export(workspace, "json"))

    assert again == before
    assert now["conflicts"][0]["status"] == "resolved"
    assert json.loads(before["json"])["conflicts"][0]["status"] == "open"


def test_conflicts_only_keeps_just_the_incidents_with_a_marker(
    workspace: Workspace, dhr7: Path
) -> None:
    import_dhr7(workspace, dhr7)
    view = workspace.merged(REVIEW)

    payload = json.loads(export(workspace, "json", conflicts_only=True))

    assert payload["conflicts_only"] is True
    assert {i["incident_id"] for i in payload["incidents"]} == {c.incident for c in view.conflicts}
    assert all(incident["conflict_numbers"] for incident in payload["incidents"])


def test_real_names_are_replaced_by_pseudonyms_unless_asked_for(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = b'Date,Summary,Action\n01/02/2015,Jane Doe seen by GP with bruising,=HYPERLINK("http://x")\n'
    workspace.import_file(content, "gp.csv", REVIEW, "GP", "panel.admin")
    people = [Person("Adult A", "Jane Doe", "victim", ("partner",))]
    monkeypatch.setattr(workspace, "people", lambda review_name: people)

    hidden = {fmt: export(workspace, fmt) for fmt in ("csv", "json", "xlsx")}
    shown = json.loads(export(workspace, "json", show_real_names=True))

    assert b"Jane Doe" not in hidden["csv"] and b"Jane Doe" not in hidden["json"]
    assert "Adult A seen by GP" in hidden["csv"].decode("utf-8-sig")
    workbook = openpyxl.load_workbook(io.BytesIO(hidden["xlsx"]))
    assert workbook["Chronology"]["K2"].value == "Adult A seen by GP with bruising"
    assert workbook["Chronology"]["L2"].value == '=HYPERLINK("http://x")'
    assert workbook["Chronology"]["L2"].data_type == "s"
    assert [c.value for c in workbook["People"][1]] == ["Pseudonym", "Role", "Aliases"]
    assert shown["incidents"][0]["entries"][0]["account"] == "Jane Doe seen by GP with bruising"
    assert shown["people"][0]["real_name"] == "Jane Doe"


def test_an_unknown_format_is_refused_with_the_choices(
    workspace: Workspace, tmp_path: Path
) -> None:
    workspace.import_file(b"Date,Summary\n01/02/2015,Seen\n", "gp.csv", REVIEW, "GP", "panel.admin")

    with pytest.raises(ExportRefusedError, match="docx, xlsx, csv, json"):
        export(workspace, "pdf")


def test_the_word_report_renders_to_a_readable_first_page(tmp_path: Path, dhr7: Path) -> None:
    if not (shutil.which("soffice") and shutil.which("pdftoppm")):
        pytest.skip("LibreOffice (soffice) and poppler (pdftoppm) are needed to render the report")
    workspace = Workspace(StoreSettings.resolve(str(tmp_path / "store.sqlite3"), environ={}))
    import_dhr7(workspace, dhr7)
    ARTIFACTS.mkdir(exist_ok=True)
    report = ARTIFACTS / "dhr7_chronology.docx"
    report.write_bytes(export(workspace, "docx"))
    workspace.close()

    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(ARTIFACTS),
            str(report),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(ARTIFACTS / "dhr7_chronology.pdf"),
            str(ARTIFACTS / "dhr7_chronology_page1"),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(ARTIFACTS / "dhr7_chronology.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout

    assert (ARTIFACTS / "dhr7_chronology_page1.png").stat().st_size > 10_000
    assert "Combined chronology: DHR 7" in text and "Agencies and their submissions" in text


def test_every_column_an_agency_sent_is_in_every_export_under_its_own_header(
    workspace: Workspace, dhr7: Path
) -> None:
    import_dhr7(workspace, dhr7)

    sheet = openpyxl.load_workbook(io.BytesIO(export(workspace, "xlsx")))["Chronology"]
    headings = [cell.value for cell in sheet[1]]
    rows = list(csv.DictReader(io.StringIO(export(workspace, "csv").decode("utf-8-sig"))))
    payload = json.loads(export(workspace, "json"))
    report = docx.Document(io.BytesIO(export(workspace, "docx")))

    assert "Incident Ref" in headings and "Account Given By" in headings
    column = headings.index("Incident Ref") + 1
    refs = {sheet.cell(row=r, column=column).value for r in range(2, sheet.max_row + 1)}
    assert "SP-2012-09-29-0047" in refs
    assert rows and any(r["as sent: Incident Ref"] == "SP-2012-09-29-0047" for r in rows)
    assert any(r["as sent: Account Given By"] for r in rows)
    cells = [dict(e["cells"]) for i in payload["incidents"] for e in i["entries"]]
    assert any(c.get("Incident Ref") == "SP-2012-09-29-0047" for c in cells)
    chronology_text = "\n".join(cell.text for row in report.tables[1].rows for cell in row.cells)
    assert "Incident Ref: SP-2012-09-29-0047" in chronology_text
    assert "Account Given By: " in chronology_text

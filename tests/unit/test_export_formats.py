"""Each export format written from one hand-made document, then opened with its own library."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import UTC, date, datetime

import docx
import openpyxl
from docx.enum.section import WD_ORIENT

from adapters.exports import render
from adapters.exports.model import (
    ConflictSide,
    ExportConflict,
    ExportDocument,
    ExportEntry,
    ExportIncident,
    ExportPerson,
    ExportSubmission,
    ExportUnreadableRow,
)

FORMULA = '=HYPERLINK("http://evil.example","click")'
LONG_TEXT = "First line of a long account.\nSecond line.\n" + "word " * 2000
GENERATED = datetime(2024, 1, 15, 12, 0, tzinfo=UTC)


def sample_document(**changes: object) -> ExportDocument:
    police = ExportEntry(
        "e-1",
        "16/06/2012",
        "day",
        date(2012, 6, 16),
        date(2012, 6, 16),
        "01:28",
        "Police",
        "police.csv",
        1,
        "S; N",
        "Call from S: assaulted by N.",
        "Crime recorded.",
        "No marker on N's address.",
        ("C1",),
    )
    hospital = ExportEntry(
        "e-2",
        "Jun 2012",
        "month",
        date(2012, 6, 1),
        date(2012, 6, 30),
        "",
        "Hospital",
        "ed.csv",
        4,
        "S",
        "Brought in by ambulance.",
        "Seen in ED.",
        "",
        ("C1",),
    )
    hostile = ExportEntry(
        "e-3",
        "01/02/2015",
        "day",
        date(2015, 2, 1),
        date(2015, 2, 1),
        "",
        "Care Home",
        "home.csv",
        2,
        "",
        FORMULA + "\n" + LONG_TEXT + "\x0b",
        "@SUM(A1:A3)",
        "",
        (),
    )
    conflict = ExportConflict(
        "C1",
        "cf-1",
        "account",
        "resolved",
        "inc-1",
        "Police say officers conveyed S; the hospital says ambulance.",
        (
            ConflictSide("Police", "police.csv", 1, "16/06/2012", "Call from S"),
            ConflictSide("Hospital", "ed.csv", 4, "Jun 2012", "Brought in by ambulance."),
        ),
        decision="disputed",
        decided_by="chair",
        decided_at="2024-01-10T09:00:00+00:00",
        rationale="Both accounts recorded as disputed.",
    )
    document = ExportDocument(
        review="DHR 7",
        position=42,
        generated_at=GENERATED,
        conflicts_only=False,
        shows_real_names=False,
        incidents=(
            ExportIncident(
                "inc-1",
                date(2012, 6, 16),
                date(2012, 6, 16),
                "day",
                (police, hospital),
                ("Check the conveyance.",),
                ("C1",),
            ),
            ExportIncident("inc-2", date(2015, 2, 1), date(2015, 2, 1), "day", (hostile,)),
        ),
        conflicts=(conflict,),
        submissions=(
            ExportSubmission(
                "Police", "police.csv", "analyst", "2024-01-02T10:00:00+00:00", 1, 0, False
            ),
            ExportSubmission(
                "Care Home", "home.csv", "manager", "2024-01-03T10:00:00+00:00", 2, 1, False
            ),
        ),
        unreadable_rows=(
            ExportUnreadableRow(
                "Care Home", "home.csv", 1, 2, "no such date 31/02/2015", "31/02/2015,Fell"
            ),
        ),
        people=(ExportPerson("N", "perpetrator", ("partner", "boyfriend")),),
    )
    return replace(document, **changes)  # type: ignore[arg-type]


def test_word_report_is_a_landscape_table_with_incident_headings_and_conflict_markers() -> None:
    report = docx.Document(io.BytesIO(render(sample_document(), "docx")))

    section = report.sections[0]
    chronology = report.tables[1]
    rows = [[cell.text for cell in row.cells] for row in chronology.rows]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (section.page_width or 0) > (section.page_height or 0)
    assert rows[0][:5] == ["Date (precision)", "Time", "Agency", "Source (file, row)", "Account"]
    assert rows[1][0].startswith("16/06/2012 (day): 2 accounts from 2 agencies [inc-1]")
    assert "Panel note: Check the conveyance." in rows[1][0]
    assert 'w:fill="DCE6F1"' in chronology.rows[1].cells[0]._tc.xml
    assert rows[2][:4] == ["16/06/2012 (day)", "01:28", "Police", "police.csv\nrow 1"]
    assert rows[3][0] == "Jun 2012 (month)"
    assert (
        rows[2][7]
        == "C1 account conflict: resolved; decision: disputed: Both accounts recorded as disputed."
    )


def test_word_report_has_a_cover_block_and_a_conflict_register_stating_each_side() -> None:
    report = docx.Document(io.BytesIO(render(sample_document(), "docx")))

    text = "\n".join(p.text for p in report.paragraphs)
    submissions = [[c.text for c in row.cells] for row in report.tables[0].rows]
    register = [[c.text for c in row.cells] for row in report.tables[2].rows]
    assert "Combined chronology: DHR 7" in text
    assert "Generated 15/01/2024 12:00 UTC from the review record as at event position 42." in text
    assert submissions[1][:4] == ["Police", "police.csv", "analyst", "2024-01-02 10:00:00"]
    assert register[1][0] == "C1"
    assert "Police (police.csv, row 1) 16/06/2012: Call from S" in register[1][2]
    assert "Hospital (ed.csv, row 4) Jun 2012: Brought in by ambulance." in register[1][2]
    assert (
        register[1][3]
        == "disputed by chair on 2024-01-10\nRationale: Both accounts recorded as disputed."
    )
    assert [c.text for c in report.tables[3].rows[1].cells][2] == "no such date 31/02/2015"


def test_word_report_keeps_long_text_and_newlines_and_drops_illegal_characters() -> None:
    report = docx.Document(io.BytesIO(render(sample_document(), "docx")))

    account = report.tables[1].rows[5].cells[4].text
    assert account == FORMULA + "\n" + LONG_TEXT


def test_word_report_properties_are_fixed_so_the_bytes_repeat() -> None:
    first, second = render(sample_document(), "docx"), render(sample_document(), "docx")

    properties = docx.Document(io.BytesIO(first)).core_properties
    assert first == second
    assert properties.created == properties.modified == datetime(2024, 1, 15, 12, 0, tzinfo=UTC)
    assert properties.revision == 1


def test_workbook_chronology_sheet_has_filter_frozen_header_fills_and_real_dates() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(render(sample_document(), "xlsx")))

    sheet = workbook["Chronology"]
    assert workbook.sheetnames == ["Chronology", "Conflicts", "Submissions", "People"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:N4"
    assert sheet["B2"].is_date and sheet["B2"].value == datetime(2012, 6, 16)
    assert (
        sheet["B3"].is_date
        and sheet["B3"].number_format == "mmm yyyy"
        and sheet["C3"].value == "month"
    )
    assert sheet["A2"].fill.fgColor.rgb == "00FCE4D6" and sheet["A4"].fill.fill_type is None
    assert sheet["K4"].alignment.wrap_text


def test_workbook_keeps_formula_looking_text_as_text() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(render(sample_document(), "xlsx")))

    account, action = workbook["Chronology"]["K4"], workbook["Chronology"]["L4"]
    assert account.data_type == "s" and account.value.startswith(FORMULA)
    assert action.data_type == "s" and action.value == "@SUM(A1:A3)"
    assert (
        account.value == FORMULA + "\n" + LONG_TEXT
    )  # the control character dropped, the rest kept


def test_workbook_conflicts_submissions_and_people_sheets() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(render(sample_document(), "xlsx")))

    conflicts = list(workbook["Conflicts"].iter_rows(values_only=True))
    submissions = list(workbook["Submissions"].iter_rows(values_only=True))
    people = list(workbook["People"].iter_rows(values_only=True))
    assert (
        conflicts[1][:3] == ("C1", "account", "resolved")
        and conflicts[1][8] == "Both accounts recorded as disputed."
    )
    assert submissions[2] == (
        "Care Home",
        "home.csv",
        "manager",
        "2024-01-03T10:00:00+00:00",
        2,
        1,
        "no",
    )
    assert submissions[4][0] == "Unreadable rows (stored verbatim with the reason)"
    assert submissions[6][:6] == (
        "Care Home",
        "home.csv",
        1,
        2,
        "no such date 31/02/2015",
        "31/02/2015,Fell",
    )
    assert people == [("Pseudonym", "Role", "Aliases"), ("N", "perpetrator", "partner, boyfriend")]


def test_workbook_shows_real_names_only_when_the_document_may() -> None:
    shown = sample_document(
        shows_real_names=True, people=(ExportPerson("N", "perpetrator", (), "Nathan Smith"),)
    )

    people = list(
        openpyxl.load_workbook(io.BytesIO(render(shown, "xlsx")))["People"].iter_rows(
            values_only=True
        )
    )

    assert people[0][-1] == "Real name" and people[1][-1] == "Nathan Smith"


def test_workbook_bytes_repeat_and_properties_are_fixed() -> None:
    first, second = render(sample_document(), "xlsx"), render(sample_document(), "xlsx")

    properties = openpyxl.load_workbook(io.BytesIO(first)).properties
    assert first == second
    assert properties.created == properties.modified == datetime(2024, 1, 15, 12, 0)


def test_csv_round_trips_with_formulas_defused() -> None:
    content = render(sample_document(), "csv")

    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert content.startswith(b"\xef\xbb\xbf")
    assert [r["entry_id"] for r in rows] == ["e-1", "e-2", "e-3"]
    assert rows[0]["conflicts"] == "C1 account conflict: resolved; decision: disputed"
    assert rows[1]["earliest"] == "2012-06-01" and rows[1]["precision"] == "month"
    assert rows[2]["account"] == "'" + FORMULA + "\n" + LONG_TEXT + "\x0b"
    assert rows[2]["action"] == "'@SUM(A1:A3)"


def test_json_round_trips_every_field() -> None:
    payload = json.loads(render(sample_document(), "json"))

    assert payload["format"] == "chronology-export" and payload["position"] == 42
    assert payload["generated_at"] == "2024-01-15T12:00:00+00:00"
    assert payload["incidents"][0]["entries"][1]["earliest"] == "2012-06-01"
    assert payload["conflicts"][0]["sides"][1]["agency"] == "Hospital"
    assert payload["incidents"][1]["entries"][0]["account"].startswith(FORMULA)
    assert payload["people"][0]["real_name"] is None

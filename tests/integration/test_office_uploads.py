"""Workbooks and Word documents imported on real stores (a SQLite file and a fresh PostgreSQL
database), over HTTP and through the web upload form: stored once, with each row's sheet or
table and row in the import report, the stored entry and the unreadable-row messages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import docx
import openpyxl
import pytest
from fastapi.testclient import TestClient
from openpyxl.worksheet.worksheet import Worksheet

from adapters.users import Role, UserStore
from api.http import ServerSettings, create_app
from api.rendering import import_report
from api.workspace import Workspace
from domain.entry import Entry, UnreadableRow
from domain.identity import entry_id
from tests.office_files import (
    add_table,
    dated_paragraph_imr,
    family_account_document,
    month_headed_imr,
    saved,
    saved_document,
    witness_summary_document,
)
from tests.web_upload_form import confirmation

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def police_workbook() -> bytes:
    """A title row, a header, two readable rows and an impossible date kept as text."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "Police log"
    sheet.append(["Staffordshire Police chronology"])
    sheet.merge_cells("A1:D1")
    sheet.append(["Date", "Time", "Ref", "Summary"])
    sheet.append([date(2012, 6, 16), time(1, 28), "SP-1", "Call from S: assaulted by partner N"])
    sheet.append([date(2012, 6, 17), None, "SP-1", "N arrested for the assault on S"])
    sheet.append(["31/02/2013", None, "SP-2", "A date that cannot exist"])
    for row in (3, 4):
        sheet.cell(row, 1).number_format = "dd/mm/yyyy"
        sheet.cell(row, 2).number_format = "hh:mm"
    sheet.column_dimensions["C"].hidden = True
    return saved(workbook)


def imr_document() -> bytes:
    """Agency details, then a chronology table continued after a page break."""
    document = docx.Document()
    document.add_paragraph("Individual Management Review: Stoke CSC")
    add_table(document, [["Agency", "Stoke CSC"], ["Date", "01/02/2016"], ["Author", "IMR"]])
    header = ["Date", "Contact", "Details"]
    add_table(document, [header, ["22/02/2013", "Referral", "Referral from Police about Z"]])
    add_table(document, [header, ["25/02/2013", "Closure", "Case closed to SRT"]])
    add_table(document, [header, ["30/02/2013", "Letter", "A date that cannot exist"]])
    return saved_document(document)


def test_a_workbook_is_stored_with_its_sheet_and_row_and_a_second_upload_stores_nothing(
    workspace: Workspace,
) -> None:
    content = police_workbook()

    report = workspace.import_file(content, "police.xlsx", "DHR 7", "Police", uploaded_by="pc")
    events = workspace.application.recorder.max_notification_id()
    again = workspace.import_file(content, "police-copy.xlsx", "DHR 7", "Police", uploaded_by="pc")

    sid = report.outcome.submission_id
    first: Entry = workspace.application.repository.get(entry_id(sid, 1))
    bad: UnreadableRow = workspace.application.repository.get(entry_id(sid, 3))
    assert report.outcome.status == "stored" and report.outcome.rows_stored == 2
    assert first.place == "sheet 'Police log' row 3"
    assert first.cells == ["16/06/2012", "01:28", "SP-1", "Call from S: assaulted by partner N"]
    assert bad.place == "sheet 'Police log' row 5"
    assert "row 3, sheet 'Police log' row 5, column 'Date'" in bad.reason
    assert again.outcome.status == "already_held"
    assert workspace.application.recorder.max_notification_id() == events
    listed = workspace.entries("DHR 7")
    assert [(e.row, e.line, e.status) for e in listed] == [
        (1, 3, "recorded"),
        (2, 4, "recorded"),
        (3, 5, "unreadable"),
    ]
    text = import_report(report)
    assert "read as xlsx" in text and "Read: Police log" in text
    assert "Note: Police log: hidden columns read as any other: C" in text
    assert "Not a record, sheet 'Police log' row 1 (above the header)" in text
    assert "sheet 'Police log' row 5" in text


def test_a_word_document_is_stored_with_its_tables_rows(workspace: Workspace) -> None:
    report = workspace.import_file(imr_document(), "csc.docx", "DHR 7", "CSC", uploaded_by="sw")

    sid = report.outcome.submission_id
    places = [workspace.application.repository.get(entry_id(sid, row)).place for row in (1, 2, 3)]
    assert places == ["table 2 row 2", "table 3 row 2", "table 4 row 2"]
    assert report.reading.tables_read == ["table 2"]
    [unreadable] = report.reading.unreadable_rows
    assert unreadable.problem is not None and "table 4 row 2" in unreadable.problem


def test_a_word_chronology_of_dated_paragraphs_is_stored_a_record_a_contact_and_once(
    workspace: Workspace,
) -> None:
    content = saved_document(dated_paragraph_imr())

    report = workspace.import_file(content, "refuge.docx", "DHR 7", "Refuge", uploaded_by="kw")
    events = workspace.application.recorder.max_notification_id()
    again = workspace.import_file(content, "refuge.docx", "DHR 7", "Refuge", uploaded_by="kw")

    sid = report.outcome.submission_id
    assert report.outcome.status == "stored" and report.outcome.rows_stored == 4
    second: Entry = workspace.application.repository.get(entry_id(sid, 2))
    assert second.place == "paragraphs 5-6"
    assert second.cells[0] == "14/03/2022 14:30"
    assert second.cells[1].endswith("M said she felt safe for the first time.")
    assert again.outcome.status == "already_held"
    assert workspace.application.recorder.max_notification_id() == events


def test_a_summary_of_what_witnesses_recalled_is_stored_every_row_with_the_heading_reported(
    workspace: Workspace,
) -> None:
    content = witness_summary_document()

    report = workspace.import_file(content, "coroner.docx", "DHR 7", "Coroner", uploaded_by="co")

    sid = report.outcome.submission_id
    assert report.outcome.status == "stored" and report.outcome.rows_stored == 5
    assert report.reading.unreadable_rows == []
    night: Entry = workspace.application.repository.get(entry_id(sid, 4))
    assert night.cells[0] == "The night of the fire"
    assert night.cells[2] == "Telephoned by police before midnight."
    [heading] = report.reading.skipped
    assert heading.place == "table 1 row 2"


def test_an_imr_with_days_under_month_headings_is_stored_with_each_day_read(
    workspace: Workspace,
) -> None:
    report = workspace.import_file(month_headed_imr(), "cldt.docx", "DHR 7", "CLDT", "ld")

    sid = report.outcome.submission_id
    assert report.outcome.status == "stored" and report.outcome.rows_stored == 4
    assert report.reading.unreadable_rows == []
    last: Entry = workspace.application.repository.get(entry_id(sid, 4))
    assert last.cells[0] == "2nd"
    assert last.when["earliest"] == last.when["latest"] == "2022-01-02"
    assert [line.place for line in report.reading.skipped] == ["table 1 row 2", "table 1 row 4"]


def test_a_relatives_account_is_stored_with_its_recalled_dates_read(
    workspace: Workspace,
) -> None:
    report = workspace.import_file(
        family_account_document(), "sister.docx", "DHR 7", "Author", "ra"
    )

    sid = report.outcome.submission_id
    assert report.outcome.status == "stored" and report.outcome.rows_stored == 6
    assert report.reading.unreadable_rows == []
    spans = [workspace.application.repository.get(entry_id(sid, row)).when for row in range(1, 7)]
    assert [(w["earliest"], w["latest"], w["approximate"]) for w in spans] == [
        ("1990-01-01", "1999-12-31", True),
        ("2022-09-21", "2022-10-10", True),
        ("2022-09-01", "2022-10-31", True),
        ("2021-05-03", "2021-05-04", True),
        ("2023-12-14", "2023-12-20", True),
        ("2022-08-01", "2022-08-31", True),
    ]


# --- over HTTP and the web upload form ---------------------------------------------------------


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[TestClient, dict[str, str]]]:
    app = create_app(ServerSettings(database_url=str(tmp_path / "store.sqlite3")))
    users = UserStore(app.state.workspace.engine)
    tokens = {
        "root": users.add("root", Role.ADMINISTRATOR),
        "police": users.add("PC Patel", Role.AGENCY, "Staffordshire Police", ("DHR 7",)),
    }
    with TestClient(app) as client:
        app.state.workspace.application.open_review("DHR 7", "root")
        yield client, tokens
    app.state.workspace.close()


@pytest.mark.parametrize(
    ("name", "kind", "content_type"),
    [
        ("police.xlsx", "xlsx", XLSX_TYPE),
        ("police.xlsx", "xlsx", "application/octet-stream"),
        ("csc.docx", "docx", DOCX_TYPE),
    ],
)
def test_an_http_upload_of_a_workbook_or_document_reports_where_each_line_stood(
    site: tuple[TestClient, dict[str, str]], name: str, kind: str, content_type: str
) -> None:
    client, tokens = site
    content = police_workbook() if kind == "xlsx" else imr_document()
    upload = {"files": {"file": (name, content, content_type)}, "data": {"agency": "Police"}}
    headers = {"Authorization": f"Bearer {tokens['root']}"}

    first = client.post("/reviews/DHR 7/submissions", headers=headers, **upload)
    again = client.post("/reviews/DHR 7/submissions", headers=headers, **upload)

    report = first.json()
    assert first.status_code == 201, first.text
    assert report["file_type"] == kind and report["rows_stored"] == 2 and report["records"] == 3
    [unreadable] = report["unreadable_rows"]
    expected = "sheet 'Police log' row 5" if kind == "xlsx" else "table 4 row 2"
    assert unreadable["place"] == expected and expected in unreadable["reason"]
    assert report["skipped_lines"] or kind == "docx"
    assert all(s["place"] for s in report["skipped_lines"])
    assert report["tables_read"] == (["Police log"] if kind == "xlsx" else ["table 2"])
    assert again.status_code == 200 and again.json()["status"] == "already_held"


def test_a_locked_workbook_is_refused_over_http_and_nothing_is_stored(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    import io

    from msoffcrypto.format.ooxml import OOXMLFile

    client, tokens = site
    locked = io.BytesIO()
    OOXMLFile(io.BytesIO(police_workbook())).encrypt("panel", locked)
    headers = {"Authorization": f"Bearer {tokens['root']}"}
    workspace = client.app.state.workspace  # type: ignore[attr-defined]
    before = workspace.application.recorder.max_notification_id()

    answer = client.post(
        "/reviews/DHR 7/submissions",
        headers=headers,
        files={"file": ("police.xlsx", locked.getvalue(), XLSX_TYPE)},
        data={"agency": "Police"},
    )

    assert answer.status_code == 422
    assert "locked with a password" in answer.json()["detail"]
    assert workspace.application.recorder.max_notification_id() == before


def test_the_web_upload_form_takes_a_workbook_and_shows_where_each_line_stood(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    client, tokens = site
    form = client.get("/web/sign-in")
    client.post("/web/sign-in", data={"token": tokens["police"], "csrf": _csrf(form.text)})
    overview = client.get("/web/reviews/DHR%207")

    preview = client.post(
        "/web/reviews/DHR%207/upload",
        data={"csrf": _csrf(overview.text)},
        files={"file": ("police.xlsx", police_workbook(), XLSX_TYPE)},
    )
    page = client.post("/web/reviews/DHR%207/upload/confirm", data=confirmation(preview.text))

    assert ".xlsx" in overview.text and ".docx" in overview.text
    assert 'accept=".csv,' in overview.text and ".xlsx" in overview.text.split('accept="')[1]
    assert preview.status_code == 200, preview.text
    assert "Nothing is stored yet." in preview.text and "Sheets read" in preview.text
    assert page.status_code == 200, page.text
    assert "Stored.</strong> 2 rows" in page.text
    assert "sheet &#39;Police log&#39; row 1" in page.text
    assert "sheet &#39;Police log&#39; row 5" in page.text
    assert "hidden columns read as any other: C" in page.text


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)

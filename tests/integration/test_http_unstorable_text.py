"""Text no store can hold (NUL) or typed text with control characters: refused with 422 naming
the field, nothing stored, and every later request answered, on SQLite and PostgreSQL alike."""

# ruff: noqa: F811  (the fixtures come from test_http_support by name; pytest needs them imported)

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_http_support import REVIEW, Api, api, small_chronology  # noqa: F401

from api.workspace import Workspace
from domain.text import UnstorableTextError

R = f"/reviews/{REVIEW}"
XLS = Path(__file__).resolve().parent.parent / "fixtures" / "intake" / "police_log.xls"


@pytest.fixture
def held(api: Api) -> Api:
    """DHR 7 with one small police file in it."""
    assert api.upload("police", ("police.csv", small_chronology("police"))).status_code == 201
    return api


def still_answers(api: Api) -> None:
    """Every read model still follows: the review's merged view and audit trail are served."""
    assert api.get("chair", f"{R}/merged").status_code == 200
    assert api.get("chair", f"{R}/audit").status_code == 200
    assert api.get("chair", f"{R}/people").status_code == 200


def an_entry(api: Api) -> str:
    return str(api.get("chair", f"{R}/entries").json()[0]["entry_id"])


@pytest.mark.parametrize("text", ["before\x00after", "bell\x07", "escape\x1b[2J"])
def test_a_note_with_a_control_character_is_refused_naming_the_note(held: Api, text: str) -> None:
    before = held.event_count()

    answer = held.post("chair", f"{R}/notes", json={"target": an_entry(held), "text": text})

    assert answer.status_code == 422
    assert "the note contains a control character" in answer.json()["detail"]
    assert text not in answer.json()["detail"]
    assert held.event_count() == before
    still_answers(held)


def test_a_raised_conflicts_description_with_nul_is_refused_naming_it(held: Api) -> None:
    entries = [str(e["entry_id"]) for e in held.get("chair", f"{R}/entries").json()[:2]]
    before = held.event_count()

    answer = held.post(
        "chair",
        f"{R}/conflicts",
        json={"entries": entries, "kind": "date", "description": "before\x00after"},
    )

    assert answer.status_code == 422
    assert "the description contains a control character" in answer.json()["detail"]
    assert held.event_count() == before
    still_answers(held)


def test_a_note_may_run_over_lines_and_hold_tabs(held: Api) -> None:
    answer = held.post(
        "chair", f"{R}/notes", json={"target": an_entry(held), "text": "one\n\ttwo\r\nthree"}
    )

    assert answer.status_code == 200
    still_answers(held)


def test_a_real_name_with_nul_is_refused_and_the_glossary_still_reads(held: Api) -> None:
    answer = held.put("chair", f"{R}/people/N", json={"real_name": "Jane\x00Doe", "role": "victim"})

    assert answer.status_code == 422
    assert "the real name" in answer.json()["detail"]
    still_answers(held)


def test_an_alias_with_a_line_break_is_refused(held: Api) -> None:
    answer = held.put("chair", f"{R}/people/N", json={"aliases": ["Janey\nJ"]})

    assert answer.status_code == 422
    assert "an alias" in answer.json()["detail"]


def test_an_administrators_agency_name_with_nul_is_refused_before_reading(held: Api) -> None:
    before = held.event_count()

    answer = held.upload("root", ("other.csv", small_chronology("other")), agency="WM\x00AS")

    assert answer.status_code == 422
    assert "the agency name" in answer.json()["detail"]
    assert held.event_count() == before
    still_answers(held)


def test_a_file_name_with_a_control_character_is_refused(held: Api) -> None:
    # Written by hand: httpx (like browsers) would percent-encode the control character.
    body = (
        b'--b0undary\r\nContent-Disposition: form-data; name="agency"\r\n\r\nWMAS\r\n'
        b'--b0undary\r\nContent-Disposition: form-data; name="file"; filename="po\x01lice.csv"'
        b"\r\nContent-Type: text/csv\r\n\r\n" + small_chronology("x") + b"\r\n--b0undary--\r\n"
    )

    answer = held.client.post(
        f"{R}/submissions",
        content=body,
        headers={**held.auth("root"), "Content-Type": "multipart/form-data; boundary=b0undary"},
    )

    assert answer.status_code == 422
    assert "the file name" in answer.json()["detail"]


def test_a_workbook_cell_with_nul_is_refused_naming_sheet_row_and_column(held: Api) -> None:
    workbook = XLS.read_bytes().replace(b"assaulted by", b"assaulted\x00by")
    before = held.event_count()

    answer = held.upload("root", ("police_log.xls", workbook), agency="WMAS")

    assert answer.status_code == 422
    detail = answer.json()["detail"]
    assert "column 'Summary' (sheet 'Police log' row 4)" in detail and "U+0000" in detail
    assert "assaulted" not in detail
    assert held.event_count() == before
    still_answers(held)


def test_a_csv_with_nul_past_the_binary_sniffing_sample_is_refused(workspace: Workspace) -> None:
    # Larger than the HTTP tests' upload limit, so through the workspace every entrypoint uses.
    rows = [f"{1 + n % 28:02d}/03/2017,10:00,contact number {n} " + "x" * 60 for n in range(1500)]
    rows[1400] = "01/04/2017,10:00,late\x00row"
    content = ("Date,Time,Summary\r\n" + "\r\n".join(rows) + "\r\n").encode()
    assert len(content) > 65536 + 1000

    with pytest.raises(UnstorableTextError, match="line 1402"):
        workspace.import_file(content, "long.csv", REVIEW, "WMAS", "root")

    assert workspace.application.recorder.max_notification_id() in (None, 0)


def test_a_cell_with_another_control_character_is_kept_verbatim(held: Api) -> None:
    content = b"Date,Time,Summary\r\n10/03/2017,10:00,page\x0cbreak kept\r\n"

    answer = held.upload("root", ("ff.csv", content), agency="WMAS")

    assert answer.status_code == 201
    summaries = [e["verbatim"].get("Summary") for e in held.get("chair", f"{R}/entries").json()]
    assert "page\x0cbreak kept" in summaries
    assert held.get("chair", f"{R}/export/xlsx").status_code == 200
    assert held.get("chair", f"{R}/export/docx").status_code == 200
    still_answers(held)


@pytest.mark.parametrize(
    "path",
    [
        "/reviews/DHR%007",
        f"{R}/entries?agency=Police%00",
        f"{R}/merged?q=%00",
        f"{R}/entries/abc%00def/history",
    ],
)
def test_a_lookup_with_nul_in_the_address_is_refused_alike_on_both_stores(
    held: Api, path: str
) -> None:
    answer = held.get("chair", path)

    assert answer.status_code == 422
    assert "control character (U+0000)" in answer.json()["detail"]


def signed_in_chair(api: Api) -> str:
    """Sign the test client in as the chair on the web pages; returns a page's CSRF token."""
    form = api.client.get("/web/sign-in")
    found = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert found
    api.client.post(
        "/web/sign-in",
        data={"token": api.tokens["chair"], "csrf": found.group(1)},
        follow_redirects=False,
    )
    page = api.client.get("/web/reviews/DHR%207/people")
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found
    return found.group(1)


def test_the_chairs_web_note_and_person_with_nul_get_a_page_naming_the_field(held: Api) -> None:
    csrf = signed_in_chair(held)
    before = held.event_count()

    note = held.client.post(
        "/web/reviews/DHR%207/notes",
        data={"csrf": csrf, "target": an_entry(held), "text": "asked\x00again"},
        follow_redirects=False,
    )
    person = held.client.post(
        "/web/reviews/DHR%207/people",
        data={"csrf": csrf, "pseudonym": "N", "real_name": "Jane\x00Doe"},
        follow_redirects=False,
    )

    assert note.status_code == 422 and person.status_code == 422
    assert "Something you entered cannot be stored" in note.text
    assert "The note contains a control character" in note.text
    assert "The real name contains a control character" in person.text
    assert held.event_count() == before
    assert held.client.get("/web/reviews/DHR%207").status_code == 200
    still_answers(held)

"""The web upload previews before it stores: the held file is stored only when confirmed, under
the roles chosen; previewing again, discarding and a stale confirmation store nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from adapters.users import Role, UserStore
from api.http import ServerSettings, create_app
from api.workspace import Workspace
from tests.web_upload_form import confirmation

BASE = "/web/reviews/DHR%207"
LOG = (
    b"Attended,Logged by,What happened\r\n"
    b"16/06/2012,PC 123,Call from S: assaulted by her partner N at home\r\n"
    b"Dec 2012,PC 456,N arrested at the custody suite for the assault on S\r\n"
)


@pytest.fixture
def police(tmp_path: Path) -> Iterator[tuple[TestClient, Workspace]]:
    """An agency user of DHR 7 signed in to the web pages of a fresh SQLite store."""
    app = create_app(ServerSettings(database_url=str(tmp_path / "store.sqlite3")))
    workspace: Workspace = app.state.workspace
    workspace.import_file(b"Date,Summary\r\n01/01/2012,Opened\r\n", "o.csv", "DHR 7", "Panel", "x")
    token = UserStore(workspace.engine).add("PC Patel", Role.AGENCY, "Police", ("DHR 7",))
    with TestClient(app, follow_redirects=False) as client:
        form = client.get("/web/sign-in").text
        client.post("/web/sign-in", data={"token": token, "csrf": _csrf(form)})
        yield client, workspace


def _upload(client: TestClient) -> str:
    overview = client.get(BASE).text
    answer = client.post(
        f"{BASE}/upload", data={"csrf": _csrf(overview)}, files={"file": ("log.csv", LOG)}
    )
    assert answer.status_code == 200, answer.text
    return answer.text


def _police_entries(workspace: Workspace) -> int:
    return len(workspace.entries("DHR 7", "Police"))


def test_an_upload_shows_its_preview_and_stores_nothing(
    police: tuple[TestClient, Workspace],
) -> None:
    client, workspace = police

    page = _upload(client)

    assert "Nothing is stored yet." in page
    assert "2 of 2 filled cells are dates" in page
    assert "Dec 2012 (the month)" in page
    assert '<option value="date" selected>' in page
    assert _police_entries(workspace) == 0


def test_a_role_changed_and_previewed_again_is_stored_when_confirmed(
    police: tuple[TestClient, Workspace],
) -> None:
    client, workspace = police
    first = _upload(client)

    again = client.post(
        f"{BASE}/upload/confirm",
        data=confirmation(first, "preview", {"What happened": "comment"}),
    )
    before_confirming = _police_entries(workspace)
    stored = client.post(f"{BASE}/upload/confirm", data=confirmation(again.text))
    stale = client.post(f"{BASE}/upload/confirm", data=confirmation(again.text))

    assert "Set by you" in again.text and before_confirming == 0
    assert "Stored.</strong> 2 rows" in stored.text
    entries = workspace.entries("DHR 7", "Police")
    assert [e.fields.get("comment", "")[:11] for e in entries] == ["Call from S", "N arrested "]
    assert stale.status_code == 404 and "no longer held" in stale.text
    assert _police_entries(workspace) == 2


def test_a_discarded_upload_stores_nothing_and_cannot_be_confirmed(
    police: tuple[TestClient, Workspace],
) -> None:
    client, workspace = police
    page = _upload(client)

    discarded = client.post(f"{BASE}/upload/confirm", data=confirmation(page, "discard"))
    later = client.post(f"{BASE}/upload/confirm", data=confirmation(page))

    assert discarded.status_code == 303
    assert later.status_code == 404
    assert _police_entries(workspace) == 0


def test_roles_that_leave_no_date_are_refused_on_the_preview_itself(
    police: tuple[TestClient, Workspace],
) -> None:
    client, workspace = police
    page = _upload(client)

    again = client.post(
        f"{BASE}/upload/confirm", data=confirmation(page, "preview", {"Attended": "ignore"})
    )

    assert again.status_code == 200
    assert "Those roles cannot be used" in again.text
    assert '<option value="date" selected>' in again.text
    assert _police_entries(workspace) == 0


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)

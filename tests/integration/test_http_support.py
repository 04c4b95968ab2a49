"""Shared set-up for the HTTP tests (imported by the other test_http_* modules): an app on a real
store, with one user of each role for DHR 7, and helpers to upload and read."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from adapters.store import StoreSettings
from adapters.users import Role
from api.http import ServerSettings, create_app

REVIEW = "DHR 7"
SMALL_LIMIT = 64 * 1024

# name -> (role, agency, reviews)
USERS: dict[str, tuple[Role, str | None, tuple[str, ...]]] = {
    "root": (Role.ADMINISTRATOR, None, ()),
    "chair": (Role.CHAIR, None, (REVIEW,)),
    "other.chair": (Role.CHAIR, None, ("DHR 8",)),
    "panel": (Role.PANEL, None, (REVIEW,)),
    "police": (Role.AGENCY, "Staffordshire Police", (REVIEW,)),
    "ambulance": (Role.AGENCY, "WMAS", (REVIEW,)),
    "auditor": (Role.AUDITOR, None, (REVIEW,)),
}


@dataclass
class Api:
    """A test client on a running app, with a token for each user in USERS."""

    client: TestClient
    tokens: dict[str, str]

    def get(self, user: str | None, path: str, **kwargs: Any) -> httpx.Response:
        return self.client.get(path, headers=self.auth(user), **kwargs)

    def post(self, user: str | None, path: str, **kwargs: Any) -> httpx.Response:
        return self.client.post(path, headers=self.auth(user), **kwargs)

    def put(self, user: str | None, path: str, **kwargs: Any) -> httpx.Response:
        return self.client.put(path, headers=self.auth(user), **kwargs)

    def upload(
        self, user: str | None, file: Path | tuple[str, bytes], review: str = REVIEW, **form: Any
    ) -> httpx.Response:
        name, content = (file.name, file.read_bytes()) if isinstance(file, Path) else file
        return self.post(
            user,
            f"/reviews/{review}/submissions",
            files={"file": (name, content, "text/csv")},
            data=form,
        )

    def auth(self, user: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[user]}"} if user else {}

    def event_count(self) -> int:
        application = self.client.app.state.workspace.application  # type: ignore[attr-defined]
        return int(application.recorder.max_notification_id() or 0)


def open_api(store: StoreSettings, max_upload_bytes: int = SMALL_LIMIT) -> Iterator[Api]:
    """An app on `store` with every user in USERS and DHR 7 opened by the administrator."""
    app = create_app(ServerSettings(database_url=store.url, max_upload_bytes=max_upload_bytes))
    tokens = {
        name: app.state.users.add(name, role, agency, reviews)
        for name, (role, agency, reviews) in USERS.items()
    }
    with TestClient(app) as client:
        api = Api(client, tokens)
        assert api.post("root", "/reviews", json={"name": REVIEW}).status_code == 201
        yield api


@pytest.fixture
def api(store: StoreSettings) -> Iterator[Api]:
    """The API on each supported store (SQLite file and fresh PostgreSQL database)."""
    yield from open_api(store)


@pytest.fixture
def sqlite_api(tmp_path: Path) -> Iterator[Api]:
    """The API on a SQLite file only, for tests whose point is not the store."""
    yield from open_api(StoreSettings.resolve(str(tmp_path / "api.sqlite3"), environ={}))


def small_chronology(agency_note: str, rows: int = 3) -> bytes:
    """A tiny, valid chronology whose text differs by `agency_note`."""
    lines = ["Date,Time,Summary of Contact"]
    lines += [f"{10 + n:02d}/03/2017,1{n}:00,{agency_note} contact number {n}" for n in range(rows)]
    return ("\r\n".join(lines) + "\r\n").encode()

"""Property-based requests from the OpenAPI schema (schemathesis): whatever is sent, no 5xx.

Every operation as an administrator on SQLite; every write operation as a chair and as an
administrator on SQLite and on PostgreSQL, each request sent again with NUL and other control
characters in every string, since those are what one store takes and the other refuses.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error

from adapters.store import StoreSettings
from adapters.users import Role
from api.http import ServerSettings, create_app

CHRONOLOGY = (
    b"Date,Time,Summary of Contact\r\n10/03/2017,10:00,seen at home\r\n11/03/2017,11:00,called\r\n"
)


WRITES = {"POST", "PUT", "PATCH", "DELETE"}
# Appended to every string of a write, in a second request: NUL, escape and a C1 control.
CONTROL_CHARACTERS = "\x00\x1b[0m\x85"


def app_with_a_review(database_url: str, role: Role) -> Iterator[tuple[FastAPI, str]]:
    """An app with DHR 7 opened and one small file in it, and a token of `role` for DHR 7."""
    app = create_app(ServerSettings(database_url=database_url, max_upload_bytes=256 * 1024))
    admin = app.state.users.add("fuzz.admin", Role.ADMINISTRATOR)
    token = (
        admin
        if role is Role.ADMINISTRATOR
        else app.state.users.add(f"fuzz.{role.value}", role, reviews=("DHR 7",))
    )
    headers = {"Authorization": f"Bearer {admin}"}
    with TestClient(app) as client:
        client.post("/reviews", json={"name": "DHR 7"}, headers=headers)
        client.post(
            "/reviews/DHR 7/submissions",
            headers=headers,
            data={"agency": "Police"},
            files={"file": ("police.csv", CHRONOLOGY, "text/csv")},
        )
        yield app, token


@pytest.fixture
def fuzzed_app(tmp_path: Path) -> Iterator[tuple[FastAPI, str]]:
    """An app on a SQLite store with DHR 7 opened and one small file in it, and an admin token."""
    yield from app_with_a_review(str(tmp_path / "fuzz.sqlite3"), Role.ADMINISTRATOR)


@pytest.fixture(params=[Role.CHAIR, Role.ADMINISTRATOR], ids=["chair", "administrator"])
def writer_on_each_store(
    request: pytest.FixtureRequest, store: StoreSettings
) -> Iterator[tuple[FastAPI, str]]:
    """The app on each store (SQLite, PostgreSQL), with a chair's or an administrator's token."""
    yield from app_with_a_review(store.url, request.param)


def with_control_characters(value: Any) -> Any:
    """`value` with CONTROL_CHARACTERS in every string it holds (files' bytes left alone)."""
    if isinstance(value, str):
        return value[: len(value) // 2] + CONTROL_CHARACTERS + value[len(value) // 2 :]
    if isinstance(value, list):
        return [with_control_characters(v) for v in value]
    if isinstance(value, dict):
        return {k: with_control_characters(v) for k, v in value.items()}
    return value


def operations(app: FastAPI) -> list[schemathesis.APIOperation]:
    """Every operation in the app's OpenAPI schema."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


def test_no_request_the_schema_allows_makes_the_server_fail(
    fuzzed_app: tuple[FastAPI, str],
) -> None:
    app, token = fuzzed_app
    headers = {"Authorization": f"Bearer {token}"}
    checked, statuses = [], Counter[int]()

    for operation in operations(app):

        @given(case=operation.as_strategy())
        @settings(
            max_examples=20,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
            phases=[Phase.explicit, Phase.generate],
        )
        def no_server_error(case: schemathesis.Case) -> None:
            response = case.call(headers=headers)
            statuses[response.status_code] += 1
            case.validate_response(response, checks=[not_a_server_error])

        no_server_error()
        checked.append(f"{operation.method.upper()} {operation.path}")

    assert len(checked) >= 18
    assert statuses[200] > 0 and sum(statuses.values()) > 100, (
        statuses
    )  # it really exercised the API


def test_no_write_as_chair_or_administrator_makes_either_store_fail(
    writer_on_each_store: tuple[FastAPI, str],
) -> None:
    app, token = writer_on_each_store
    headers = {"Authorization": f"Bearer {token}"}
    checked, statuses = [], Counter[int]()
    writes = [o for o in operations(app) if o.method.upper() in WRITES]

    for operation in writes:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=12,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
            phases=[Phase.explicit, Phase.generate],
        )
        def no_server_error(case: schemathesis.Case) -> None:
            controlled = case.derive(query=with_control_characters(case.query))
            controlled.body = with_control_characters(case.body)
            controlled.path_parameters = with_control_characters(case.path_parameters)
            for sent in (case, controlled):
                response = sent.call(headers=headers)
                statuses[response.status_code] += 1
                sent.validate_response(response, checks=[not_a_server_error])

        no_server_error()
        checked.append(f"{operation.method.upper()} {operation.path}")
    after = TestClient(app).get("/health").json()

    assert len(checked) >= 8, checked
    assert statuses[422] > 0 and sum(statuses.values()) > 100, statuses
    assert after == {"status": "ok", "events_to_apply": 0}  # no write left a read model stopped

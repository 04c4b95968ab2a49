"""Property-based requests from the OpenAPI schema (schemathesis): whatever is sent, no 5xx."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error

from adapters.users import Role
from api.http import ServerSettings, create_app

CHRONOLOGY = (
    b"Date,Time,Summary of Contact\r\n10/03/2017,10:00,seen at home\r\n11/03/2017,11:00,called\r\n"
)


@pytest.fixture
def fuzzed_app(tmp_path: Path) -> Iterator[tuple[FastAPI, str]]:
    """An app on a SQLite store with DHR 7 opened and one small file in it, and an admin token."""
    app = create_app(
        ServerSettings(database_url=str(tmp_path / "fuzz.sqlite3"), max_upload_bytes=256 * 1024)
    )
    token = app.state.users.add("fuzz.admin", Role.ADMINISTRATOR)
    headers = {"Authorization": f"Bearer {token}"}
    with TestClient(app) as client:
        client.post("/reviews", json={"name": "DHR 7"}, headers=headers)
        client.post(
            "/reviews/DHR 7/submissions",
            headers=headers,
            data={"agency": "Police"},
            files={"file": ("police.csv", CHRONOLOGY, "text/csv")},
        )
        yield app, token


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

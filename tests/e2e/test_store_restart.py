"""PostgreSQL restarting under a running `chronology serve`: while it is down every request is
refused cleanly with 503 (JSON for the API, a plain-words page for the browser) and nothing is
half-stored; once it is back the very next requests succeed and a re-sent upload is stored once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.live_server import add_user, caught_up, run_chronology, serving
from tests.e2e.private_postgres import PrivatePostgres, private_postgres
from tests.e2e.test_web_sessions_live import sign_in

REVIEW = "DHR 7"
POLICE = "Staffordshire Police"


@pytest.fixture
def restartable_postgres() -> Iterator[PrivatePostgres]:
    """A PostgreSQL server of this test's own (the shared one serves other tests)."""
    with private_postgres() as server:
        yield server


def upload(client: httpx.Client, token: str, content: bytes) -> httpx.Response:
    return client.post(
        f"/reviews/{REVIEW}/submissions",
        headers={"Authorization": f"Bearer {token}"},
        data={"agency": POLICE},
        files={"file": ("staffordshire_police.csv", content, "text/csv")},
    )


def police_entries(client: httpx.Client, token: str) -> list[dict[str, object]]:
    listed = client.get(
        f"/reviews/{REVIEW}/entries",
        params={"agency": POLICE},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert listed.status_code == 200, listed.text
    entries: list[dict[str, object]] = listed.json()
    return entries


def test_a_postgresql_restart_is_503_while_down_and_loses_or_doubles_nothing(
    restartable_postgres: PrivatePostgres, tmp_path: Path, dhr7: Path
) -> None:
    db = restartable_postgres.url
    admin = add_user(tmp_path, db, "--name", "root", "--role", "administrator")
    chair = add_user(tmp_path, db, "--name", "carys", "--role", "chair", "--review", REVIEW)
    content = (dhr7 / "staffordshire_police.csv").read_bytes()
    bearer = {"Authorization": f"Bearer {admin}"}

    with serving(db, tmp_path, workers=2) as (base, _):
        with httpx.Client(base_url=base, timeout=120) as client:
            assert client.post("/reviews", json={"name": REVIEW}, headers=bearer).is_success
            browser = sign_in(base, chair)
            assert client.get("/health").json()["status"] == "ok"
            assert police_entries(client, admin) == []

            restartable_postgres.stop()
            health_down = client.get("/health")
            read_down = client.get(f"/reviews/{REVIEW}/merged", headers=bearer)
            upload_down = upload(client, admin, content)
            page_down = browser.get(f"/web/reviews/{REVIEW}")
            restartable_postgres.start()

            health_up = client.get("/health")
            read_up = client.get(f"/reviews/{REVIEW}/merged", headers=bearer)
            page_up = browser.get(f"/web/reviews/{REVIEW}")
            before_resend = police_entries(client, admin)
            upload_up = upload(client, admin, content)
            upload_again = upload(client, admin, content)
            caught_up(base)  # the server's follower applies the upload after it has answered
            after = police_entries(client, admin)
        browser.close()

    for refused in (health_down, read_down, upload_down):
        assert refused.status_code == 503, refused.text
        assert refused.json() == {"detail": "the store is unavailable, try again shortly"}
        assert refused.headers["retry-after"].isdigit()
    assert page_down.status_code == 503
    assert "cannot be reached just now" in page_down.text
    assert "try again shortly" in page_down.text
    assert "Traceback" not in page_down.text and "OperationalError" not in page_down.text
    assert health_up.json()["status"] == "ok"
    assert read_up.status_code == 200, read_up.text
    assert page_up.status_code == 200
    assert before_resend == []  # the upload refused during the outage stored nothing
    assert upload_up.status_code == 201, upload_up.text
    stored = upload_up.json()["rows_stored"]
    assert stored > 0
    assert upload_again.status_code == 200 and upload_again.json()["status"] == "already_held"
    assert len(after) == stored
    assert len({e["entry_id"] for e in after}) == stored
    assert run_chronology(tmp_path, "verify", "--db", db).startswith("Intact:")

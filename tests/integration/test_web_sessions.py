"""Web sessions on both stores, with a clock the test moves on: what the cookie holds, expiry,
sign-out and revocation ending every session of the user."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.testclient import TestClient

from adapters.sessions import web_sessions
from adapters.store import StoreSettings
from adapters.users import Role
from api.http import ServerSettings, create_app

IDLE = timedelta(minutes=30)
ABSOLUTE = timedelta(hours=8)


@dataclass
class MovableClock:
    """A clock that stands still until the test moves it on."""

    now: datetime = field(default_factory=lambda: datetime(2026, 3, 2, 9, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, by: timedelta) -> None:
        self.now += by


@dataclass(frozen=True)
class Site:
    app: FastAPI
    clock: MovableClock
    token: str


@pytest.fixture
def site(store: StoreSettings) -> Iterator[Site]:
    clock = MovableClock()
    settings = ServerSettings(
        database_url=store.url,
        session_idle_seconds=IDLE.total_seconds(),
        session_absolute_seconds=ABSOLUTE.total_seconds(),
    )
    app = create_app(settings, clock=clock)
    token = app.state.users.add("Chair Carys", Role.CHAIR, reviews=("DHR 7",))
    yield Site(app=app, clock=clock, token=token)
    app.state.workspace.close()


def signed_in(site: Site, base_url: str = "http://testserver") -> TestClient:
    client = TestClient(site.app, base_url=base_url, follow_redirects=False)
    form = client.get("/web/sign-in")
    answer = client.post("/web/sign-in", data={"token": site.token, "csrf": csrf_of(form.text)})
    assert answer.status_code == 303, answer.text
    return client


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def copy_of(client: TestClient, site: Site) -> TestClient:
    """Another browser holding the same session cookie (as if it had been copied)."""
    copied = TestClient(site.app, follow_redirects=False)
    copied.cookies.set("chronology_session", client.cookies["chronology_session"], path="/web")
    return copied


def session_rows(site: Site) -> int:
    with site.app.state.workspace.engine.connect() as connection:
        return int(
            connection.execute(sa.select(sa.func.count()).select_from(web_sessions)).one()[0]
        )


def test_the_cookie_holds_a_session_id_never_the_token(site: Site) -> None:
    client = TestClient(site.app, base_url="https://testserver", follow_redirects=False)
    form = client.get("/web/sign-in")

    answer = client.post("/web/sign-in", data={"token": site.token, "csrf": csrf_of(form.text)})

    cookies = answer.headers.get_list("set-cookie")
    session = next(c for c in cookies if c.startswith("chronology_session="))
    assert not [c for c in cookies if site.token in c]
    assert "HttpOnly" in session and "SameSite=strict" in session and "Secure" in session
    assert client.get("/web/").status_code == 200


def test_a_session_cookie_is_not_a_bearer_token(site: Site) -> None:
    client = signed_in(site)
    session_id = client.cookies["chronology_session"]

    as_bearer = client.get("/reviews", headers={"Authorization": f"Bearer {session_id}"})

    assert as_bearer.status_code == 401
    assert (
        client.get("/reviews", headers={"Authorization": f"Bearer {site.token}"}).status_code == 200
    )


def test_a_copied_cookie_is_refused_after_sign_out(site: Site) -> None:
    client = signed_in(site)
    copied = copy_of(client, site)
    elsewhere = signed_in(site)  # the same user in another browser
    assert copied.get("/web/").status_code == 200

    client.post("/web/sign-out", data={"csrf": csrf_of(client.get("/web/").text)})

    assert copied.get("/web/").status_code == 303
    assert elsewhere.get("/web/").status_code == 303
    assert session_rows(site) == 0


def test_a_session_idle_for_longer_than_the_limit_is_refused(site: Site) -> None:
    client = signed_in(site)
    site.clock.advance(IDLE - timedelta(seconds=1))
    assert client.get("/web/").status_code == 200

    site.clock.advance(IDLE)

    answer = client.get("/web/")
    assert answer.status_code == 303 and answer.headers["location"].startswith("/web/sign-in")


def test_a_busy_session_still_ends_at_its_absolute_limit(site: Site) -> None:
    client = signed_in(site)
    used_until = site.clock.now + ABSOLUTE - timedelta(minutes=1)
    while site.clock.now < used_until:
        assert client.get("/web/").status_code == 200
        site.clock.advance(timedelta(minutes=20))

    site.clock.advance(timedelta(minutes=20))

    assert client.get("/web/").status_code == 303


def test_revoking_the_user_ends_its_sessions(site: Site) -> None:
    client = signed_in(site)
    other = signed_in(site)

    site.app.state.users.revoke("Chair Carys")

    assert client.get("/web/").status_code == 303 and other.get("/web/").status_code == 303
    assert session_rows(site) == 0

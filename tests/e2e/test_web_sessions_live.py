"""Web sessions against a real `chronology serve` on each store: a copied cookie after sign-out,
an expired session and a revoked user's session are all refused, and no cookie is a bearer token."""

from __future__ import annotations

import re
import time
from pathlib import Path

import httpx

from adapters.store import StoreSettings
from tests.e2e.live_server import add_user, run_chronology, serving


def sign_in(base: str, token: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=30, follow_redirects=False)
    form = client.get("/web/sign-in")
    answer = client.post("/web/sign-in", data={"token": token, "csrf": csrf_of(form.text)})
    assert answer.status_code == 303, answer.text
    assert not [c for c in answer.headers.get_list("set-cookie") if token in c]
    return client


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def with_cookie(base: str, session_id: str) -> httpx.Client:
    """A second browser holding a copy of someone's session cookie."""
    return httpx.Client(
        base_url=base,
        timeout=30,
        follow_redirects=False,
        cookies={"chronology_session": session_id},
    )


def chair_token(store: StoreSettings, cwd: Path) -> str:
    return add_user(cwd, store.url, "--name", "carys", "--role", "chair", "--review", "DHR 7")


def test_a_copied_cookie_opens_nothing_after_sign_out_and_is_never_a_bearer_token(
    store: StoreSettings, tmp_path: Path
) -> None:
    token = chair_token(store, tmp_path)
    with serving(store.url, tmp_path) as (base, _):
        client = sign_in(base, token)
        session_id = client.cookies["chronology_session"]
        copied = with_cookie(base, session_id)
        assert copied.get("/web/").status_code == 200
        as_bearer = copied.get("/reviews", headers={"Authorization": f"Bearer {session_id}"})

        client.post("/web/sign-out", data={"csrf": csrf_of(client.get("/web/").text)})

        after = copied.get("/web/")
    assert as_bearer.status_code == 401
    assert after.status_code == 303 and after.headers["location"].startswith("/web/sign-in")


def test_a_session_is_refused_once_it_reaches_its_configured_age(
    store: StoreSettings, tmp_path: Path
) -> None:
    token = chair_token(store, tmp_path)
    tiny = {"CHRONOLOGY_SESSION_ABSOLUTE_SECONDS": "3"}
    with serving(store.url, tmp_path, settings=tiny) as (base, _):
        opened = time.monotonic()  # no later than the server opens the session
        # The browser would drop the cookie at its max-age itself; a copy shows the server refuses.
        client = with_cookie(base, sign_in(base, token).cookies["chronology_session"])
        assert client.get("/web/").status_code == 200

        # Wait on the condition itself (the server's own clock decides), with a generous deadline.
        status = 200
        while status == 200 and time.monotonic() - opened < 60:
            time.sleep(0.2)
            status = client.get("/web/").status_code

    assert status == 303
    assert time.monotonic() - opened >= 3


def test_revoking_a_user_ends_its_open_sessions(store: StoreSettings, tmp_path: Path) -> None:
    token = chair_token(store, tmp_path)
    with serving(store.url, tmp_path) as (base, _):
        client = sign_in(base, token)
        assert client.get("/web/").status_code == 200

        run_chronology(tmp_path, "users", "revoke", "--db", store.url, "carys")

        after = client.get("/web/")
    assert after.status_code == 303

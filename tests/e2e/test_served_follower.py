"""`chronology serve` with several workers and its read-model follower, on each store: an upload
answers once its events are stored, before the merge, and says the chronology is updating; the
follower then brings the merged chronology up to date with every row once, and a follower killed
while it catches up is started again by the server and loses or repeats nothing."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from adapters.store import StoreSettings
from tests.e2e.live_server import (
    CATCH_UP_SECONDS,
    add_user,
    caught_up,
    follower_of,
    run_chronology,
    serving,
)
from tests.e2e.test_web_sessions_live import csrf_of, sign_in
from tests.web_upload_form import confirmation

REVIEW = "DHR 7"


def upload(client: httpx.Client, path: Path) -> httpx.Response:
    return client.post(
        f"/reviews/{REVIEW}/submissions",
        data={"agency": path.stem},
        files={"file": (path.name, path.read_bytes(), "text/csv")},
    )


def merged_entry_ids(client: httpx.Client) -> list[str]:
    merged = client.get(f"/reviews/{REVIEW}/merged")
    assert merged.status_code == 200, merged.text
    return [e["record_id"] for i in merged.json()["incidents"] for e in i["entries"]]


def listed_entry_ids(client: httpx.Client) -> list[str]:
    listed = client.get(f"/reviews/{REVIEW}/entries", params={"include_superseded": "true"})
    assert listed.status_code == 200, listed.text
    return [e["entry_id"] for e in listed.json()]


def web_upload(browser: httpx.Client, path: Path) -> httpx.Response:
    """Upload a file through the web pages as a chair would: preview it, then store it."""
    overview = browser.get(f"/web/reviews/{REVIEW}").text
    preview = browser.post(
        f"/web/reviews/{REVIEW}/upload",
        data={"csrf": csrf_of(overview), "agency": path.stem},
        files={"file": (path.name, path.read_bytes(), "text/csv")},
    )
    assert preview.status_code == 200, preview.text
    return browser.post(f"/web/reviews/{REVIEW}/upload/confirm", data=confirmation(preview.text))


@contextmanager
def paused(pid: int) -> Iterator[None]:
    """The follower process `pid` stopped (SIGSTOP) while the context is open, resumed after."""
    os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(pid, signal.SIGCONT)


def running_follower(server: subprocess.Popen[str], other_than: int | None = None) -> int:
    """The server's follower once it runs (a new one, if `other_than` names the one before)."""
    deadline = time.monotonic() + CATCH_UP_SECONDS
    while (pid := follower_of(server)) is None or pid == other_than:
        if time.monotonic() > deadline:
            pytest.fail("the server runs no read-model follower")
        time.sleep(0.05)
    return pid


@contextmanager
def served_review(
    store: StoreSettings, cwd: Path
) -> Iterator[tuple[str, subprocess.Popen[str], httpx.Client, str]]:
    """Two workers (so a follower) on `store` holding an empty review, every event applied; the
    base URL, the server, an administrator's API client and their token."""
    token = add_user(cwd, store.url, "--name", "root", "--role", "administrator")
    with (
        serving(store.url, cwd, workers=2) as (base, server),
        httpx.Client(
            base_url=base, timeout=120, headers={"Authorization": f"Bearer {token}"}
        ) as client,
    ):
        assert client.post("/reviews", json={"name": REVIEW}).status_code == 201
        caught_up(base)
        yield base, server, client, token


def test_an_upload_answers_before_the_merge_and_the_follower_then_shows_its_rows_once(
    store: StoreSettings, tmp_path: Path, dhr7: Path
) -> None:
    with served_review(store, tmp_path) as (base, server, client, token):
        browser = sign_in(base, token)
        with paused(running_follower(server)):
            stored = upload(client, dhr7 / "staffordshire_police.csv")
            confirmed = web_upload(browser, dhr7 / "wmas_ambulance.csv")
            merged_while_paused = merged_entry_ids(client)
            page_while_paused = browser.get(f"/web/reviews/{REVIEW}").text
            health_while_paused = client.get("/health").json()
        caught_up(base)
        merged = merged_entry_ids(client)
        listed = listed_entry_ids(client)
        page_after = browser.get(f"/web/reviews/{REVIEW}").text
        browser.close()

    report = stored.json()
    assert stored.status_code == 201, stored.text
    assert report["merged_chronology"] == "updating" and report["events_to_apply"] > 0
    assert merged_while_paused == []  # it answered with no follower applying its events
    assert health_while_paused["status"] == "ok"
    assert health_while_paused["events_to_apply"] >= report["events_to_apply"]
    assert confirmed.status_code == 200 and "<strong>Stored.</strong>" in confirmed.text
    assert "the merged chronology is being brought up to date with it" in confirmed.text
    assert "Bringing the chronology up to date" in confirmed.text
    assert "Bringing the chronology up to date" in page_while_paused
    assert "Bringing the chronology up to date" not in page_after
    both = report["rows_stored"] + rows_stored_on(confirmed.text)
    assert len(merged) == len(set(merged)) == both
    assert len(listed) == len(set(listed)) == both


def rows_stored_on(page: str) -> int:
    """The rows the intake report on a web page says were stored."""
    found = re.search(r"<strong>Stored.</strong> (\d+) rows? stored for", page)
    assert found, "the page has no intake report"
    return int(found.group(1))


def test_a_follower_killed_while_catching_up_is_restarted_and_loses_or_repeats_nothing(
    store: StoreSettings, tmp_path: Path, dhr7: Path
) -> None:
    files = sorted(dhr7.glob("*.csv"))[:5]
    with served_review(store, tmp_path) as (base, server, client, _):
        first = running_follower(server)
        with paused(first):
            reports = [upload(client, path).json() for path in files]
            behind = client.get("/health").json()["events_to_apply"]
        # Kill it once it has made a start on what was stored, and (likely) not finished.
        deadline = time.monotonic() + CATCH_UP_SECONDS
        while client.get("/health").json()["events_to_apply"] == behind:
            assert time.monotonic() < deadline, "the follower made no progress"
            time.sleep(0.01)
        os.kill(first, signal.SIGKILL)
        second = running_follower(server, other_than=first)
        caught_up(base)
        merged = merged_entry_ids(client)
        listed = listed_entry_ids(client)
        trail = client.get(f"/reviews/{REVIEW}/audit").json()

    stored = sum(r["rows_stored"] for r in reports)
    assert all(r["status"] == "stored" for r in reports)
    assert second != first
    assert len(listed) == len(set(listed)) == stored
    assert len(merged) == len(set(merged)) == stored
    positions = sorted(line["position"] for line in trail)
    assert positions == list(range(1, len(trail) + 1))  # every event in the trail, each once
    status = run_chronology(tmp_path, "status", "--db", store.url)
    assert f"audit: {len(trail):,} of {len(trail):,} events" in status
    assert run_chronology(tmp_path, "verify", "--db", store.url).startswith("Intact:")

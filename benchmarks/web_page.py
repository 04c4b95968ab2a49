"""Benchmark: DHR 7's merged chronology page, rendered by the server and loaded in Chromium.

1. Server-side: the page rendered in-process (FastAPI's TestClient, real SQLite store): median
   and slowest of 20 renders (target < 100 ms).
2. In the browser: a real `chronology serve` process and headless Chromium, the page loaded to
   its `load` event: median and slowest of 10 loads (target < 1 s).
Prints the figures; asserts nothing. Usage: python benchmarks/web_page.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REVIEW = "DHR 7"
PAGE = "/web/reviews/DHR%207/chronology"
FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "dhr7"
CHROMIUM = "/usr/bin/chromium"


def load_review(db: str) -> str:
    """DHR 7 imported into a fresh SQLite store; the token of a chair."""
    from adapters.store import StoreSettings
    from adapters.users import Role, UserStore
    from api.workspace import Workspace

    workspace = Workspace(StoreSettings.resolve(db, environ={}))
    for path in sorted(FIXTURE.glob("*.csv")):
        agency = path.stem.replace("_", " ").title()
        workspace.import_file(path.read_bytes(), path.name, REVIEW, agency, "benchmark")
    token = UserStore(workspace.engine).add("Chair", Role.CHAIR, reviews=(REVIEW,))
    workspace.close()
    return token


def server_side(db: str, token: str, runs: int = 20) -> list[float]:
    """Milliseconds to render the page in-process, after one warm-up render."""
    from fastapi.testclient import TestClient

    from api.http.app import create_app
    from api.http.settings import ServerSettings
    from api.web.session import SESSION_COOKIE

    with TestClient(create_app(ServerSettings(database_url=db))) as client:
        client.cookies.set(SESSION_COOKIE, token, path="/web")
        assert client.get(PAGE).status_code == 200
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(PAGE)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
    return times


def in_browser(db: str, token: str, runs: int = 10) -> list[float]:
    """Milliseconds for Chromium to load the page from a real server, after one warm-up."""
    import httpx
    from playwright.sync_api import sync_playwright

    from tests.e2e.live_server import CHRONOLOGY, free_port

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [CHRONOLOGY, "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        with sync_playwright() as driver:
            browser = driver.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(f"{base}/web/sign-in")
            page.fill("#token", token)
            page.click("button:has-text('Sign in')")
            page.wait_for_url(f"{base}/web/")
            page.goto(base + PAGE)
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                page.goto(base + PAGE, wait_until="load")
                times.append((time.perf_counter() - started) * 1000)
            height = page.evaluate("document.documentElement.scrollHeight")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"  page height at 1400 px: {height} px")
    return times


def report(label: str, times: list[float], target: float) -> None:
    print(
        f"{label}: median {statistics.median(times):.0f} ms, slowest {max(times):.0f} ms "
        f"over {len(times)} runs (target < {target:.0f} ms)"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "store.sqlite3")
        token = load_review(db)
        print("DHR 7 merged chronology page (first page of incidents)")
        report("server-side render", server_side(db, token), 100)
        report("Chromium load", in_browser(db, token), 1000)


if __name__ == "__main__":
    main()

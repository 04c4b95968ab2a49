"""A real `chronology serve` process on a free loopback port, for end-to-end tests over HTTP."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

CHRONOLOGY = str(Path(sys.executable).parent / "chronology")
# How long a test waits for a served follower to apply what was stored, before it fails.
CATCH_UP_SECONDS = 120.0


def free_port() -> int:
    """A loopback port nobody is listening on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def run_chronology(cwd: Path, *args: str) -> str:
    """Run one `chronology` command as a user would; its output (the test fails if it fails)."""
    done = subprocess.run(
        [CHRONOLOGY, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": str(cwd)},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def add_user(cwd: Path, db: str, *args: str) -> str:
    """Issue an API user with `chronology users add`; the token it prints."""
    return run_chronology(cwd, "users", "add", "--db", db, *args).strip().splitlines()[-1]


@contextmanager
def serving(
    db: str, cwd: Path, workers: int = 1, settings: dict[str, str] | None = None
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`chronology serve` on `db`, up and answering /health; its base URL and process."""
    port = free_port()
    process = subprocess.Popen(
        [
            CHRONOLOGY,
            "serve",
            "--db",
            db,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(cwd), **(settings or {})},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            process.kill()
            pytest.fail(f"the server did not start: {process.communicate()[0]}")
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=30)


def caught_up(base: str, timeout: float = CATCH_UP_SECONDS) -> None:
    """Return once /health says the read models have applied every stored event (a served
    follower applies them after the upload has answered); fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while (left := httpx.get(f"{base}/health", timeout=10).json()["events_to_apply"]) > 0:
        if time.monotonic() > deadline:
            pytest.fail(f"the read models were still {left} events behind after {timeout:.0f} s")
        time.sleep(0.1)


def follower_of(server: subprocess.Popen[str]) -> int | None:
    """The process id of the read-model follower `server` runs (None when it runs none, or
    between a follower's death and its restart). Linux: read from /proc."""
    # Each thread lists the children it started (the follower's is started by a thread).
    tasks = Path(f"/proc/{server.pid}/task").glob("*/children")
    children = [child for task in tasks for child in task.read_text().split()]
    for child in children:
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
        except FileNotFoundError:
            continue  # it exited while we looked
        if b"follow" in command:
            return int(child)
    return None

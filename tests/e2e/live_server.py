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

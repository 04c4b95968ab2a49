"""A PostgreSQL server of a test's own, in a temporary folder, that the test may stop and start.

The machine's shared cluster serves other tests, so a test that restarts PostgreSQL gets its own:
`initdb` into a fresh folder, `pg_ctl` on a free loopback port, trust authentication for the
superuser `root`. initdb refuses to run as root, so as root the server runs as `postgres`.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.live_server import free_port

SUPERUSER = "root"


@dataclass(frozen=True)
class PrivatePostgres:
    """A running private server: its data folder, port, and how to stop and start it."""

    data: Path
    port: int
    run_as: list[str]

    @property
    def url(self) -> str:
        """The URL of its `chronology` database."""
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/chronology"

    def stop(self) -> None:
        """Stop the server at once (fast shutdown: every connection is cut), waiting till down."""
        self._pg_ctl("stop", "-m", "fast")

    def start(self) -> None:
        """Start it again, waiting till it accepts connections."""
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data}"
        self._pg_ctl("start", "-l", str(self.data / "server.log"), "-o", options)

    def _pg_ctl(self, *args: str) -> None:
        subprocess.run(
            [*self.run_as, _binary("pg_ctl"), "-D", str(self.data / "cluster"), "-w", *args],
            check=True,
            capture_output=True,
            timeout=120,
        )


@contextmanager
def private_postgres() -> Iterator[PrivatePostgres]:
    """A fresh private server with an empty `chronology` database; stopped and removed after."""
    if not glob.glob("/usr/lib/postgresql/*/bin/initdb") and shutil.which("initdb") is None:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) on this machine")
    run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    data = Path(tempfile.mkdtemp(prefix="chronology-private-pg-"))
    if run_as:
        shutil.chown(data, "postgres")
    server = PrivatePostgres(data=data, port=free_port(), run_as=run_as)
    try:
        subprocess.run(
            [
                *run_as,
                _binary("initdb"),
                "-D",
                str(data / "cluster"),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--no-sync",
                "-E",
                "UTF8",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        server.start()
        subprocess.run(
            [_binary("createdb"), "-h", "127.0.0.1", "-p", str(server.port), "-U", SUPERUSER]
            + ["chronology"],
            check=True,
            capture_output=True,
            timeout=60,
        )
        yield server
    finally:
        if (data / "cluster" / "postmaster.pid").exists():
            server.stop()
        shutil.rmtree(data, ignore_errors=True)


def _binary(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else (shutil.which(name) or name)

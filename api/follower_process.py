"""The read-model follower: one process that keeps every read model caught up, so requests don't.

`follow` is its loop (`chronology follow` runs it). `running_follower` is how `chronology serve`
with several workers runs one beside them: started before they listen, started again if it
dies, stopped with the server. Any number of followers may share a store: each event is applied
to each read model once, whoever applies it (projections.follower keeps the position in the same
transaction as the rows), so a follower killed mid-page loses nothing and repeats nothing.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from adapters.store_outage import STORE_UNAVAILABLE_ERRORS, outage_kind
from api.workspace import Workspace

log = logging.getLogger("chronology.follower")

# How long the server waits for a follower to finish the page it is applying before killing it
# (safe either way: a page is one transaction).
_STOP_SECONDS = 10.0
# How long the server waits before starting a follower again after it died.
_RESTART_SECONDS = 1.0
# The most events one read model applies before the follower turns to the others again: behind by
# many uploads, the entries and the audit trail stay seconds behind while the merges go on.
_EVENTS_PER_ROUND = 100


def follow(
    workspace: Workspace,
    stop: threading.Event,
    poll_seconds: float,
    parent: int | None = None,
) -> None:
    """Apply new events to every read model until `stop` is set (or `parent` has gone).

    Idle, it looks for new events every `poll_seconds`; while the store cannot be reached it
    says so in the log and tries again, rather than stopping.
    """
    while not stop.is_set() and (parent is None or os.getppid() == parent):
        try:
            if workspace.events_to_apply() > 0:
                workspace.catch_up(most=_EVENTS_PER_ROUND)
                continue
        except STORE_UNAVAILABLE_ERRORS as error:
            log.warning(
                "the store is unavailable (%s); following again shortly", outage_kind(error)
            )
        stop.wait(poll_seconds)


def follower_command(store_url: str, parent: int) -> list[str]:
    """The command that runs a follower on `store_url` for the server process `parent`."""
    return [
        sys.executable,
        "-m",
        "api.cli",
        "follow",
        "--db",
        store_url,
        "--parent",
        str(parent),
    ]


@contextmanager
def running_follower(command: Sequence[str]) -> Iterator[FollowerSupervisor]:
    """A follower process running `command` for as long as the context is open."""
    supervisor = FollowerSupervisor(command)
    supervisor.start()
    try:
        yield supervisor
    finally:
        supervisor.stop()


class FollowerSupervisor:
    """Keeps one follower process running: starts it, starts it again if it dies, stops it."""

    def __init__(self, command: Sequence[str]) -> None:
        self.command = list(command)
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._thread = threading.Thread(target=self._supervise, name="follower", daemon=True)

    def start(self) -> None:
        """Start the follower, and the thread that starts it again whenever it exits."""
        self._thread.start()

    @property
    def pid(self) -> int | None:
        """The running follower's process id (None between a death and its restart)."""
        with self._lock:
            return self._process.pid if self._process is not None else None

    def stop(self) -> None:
        """Stop the follower: ask it to stop, and kill it if it has not within a few seconds."""
        self._stopping.set()
        with self._lock:
            process = self._process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=_STOP_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self._thread.join(timeout=_STOP_SECONDS)

    def _supervise(self) -> None:
        while not self._stopping.is_set():
            with self._lock:
                if self._stopping.is_set():
                    return
                self._process = subprocess.Popen(self.command)
                process = self._process
            log.info("read-model follower running as process %d", process.pid)
            status = process.wait()
            if self._stopping.is_set():
                return
            log.warning(
                "the read-model follower (process %d) exited with status %d; starting it again",
                process.pid,
                status,
            )
            self._stopping.wait(_RESTART_SECONDS)

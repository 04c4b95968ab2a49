"""An import killed part way (SIGKILL, no chance to clean up) on each store: the file is stored
whole or not at all, the integrity chain is intact, and importing it again completes."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
import sqlalchemy as sa

from adapters.store import StoreSettings
from api.workspace import Workspace
from projections.follower import current_position
from tests.long_chronology import long_chronology
from tests.whole_files import stored_files

pytestmark = pytest.mark.postgres

CHRONOLOGY = str(Path(sys.executable).parent / "chronology")
ROWS = 2000
# SQLite keeps a transaction's pages in its page cache (2 MB) and writes them to the write-ahead
# log at commit, unless the transaction outgrows the cache: only a save this large can be seen
# (and killed) while it is under way.
SQLITE_SAVING_ROWS = 6000
# This much write-ahead log means the save has begun writing (opening a store whose tables exist
# writes a few pages at most). The log keeps its size after the commit, so the condition stays
# true once reached and a save that was too quick to catch is killed just after it instead.
_SAVING_WAL_BYTES = 512 * 1024


@pytest.mark.parametrize("moment", ["while saving the events", "while following them"])
def test_an_import_killed_part_way_leaves_all_or_nothing_and_importing_again_completes(
    store: StoreSettings, tmp_path: Path, moment: str
) -> None:
    saving = moment == "while saving the events"
    rows = SQLITE_SAVING_ROWS if saving and not store.is_postgres else ROWS
    path = tmp_path / "police.csv"
    path.write_bytes(long_chronology(rows))
    workspace = Workspace(store)  # the store's tables exist before the import starts
    reached = _saving(workspace) if saving else _following(workspace)
    importing = subprocess.Popen(
        [CHRONOLOGY, "import", "--review", "DHR K", "--agency", "Police", "--db", store.url]
        + ["--as", "panel.admin", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )

    _wait_until(reached, importing)
    # A random point within that stage (a save lasts tens of milliseconds on SQLite: at once).
    if not (saving and not store.is_postgres):
        _wait_for_exit(importing, random.uniform(0, 0.3))
    importing.send_signal(signal.SIGKILL)
    importing.communicate()

    try:
        assert importing.returncode == -signal.SIGKILL, "the import ended before it was killed"
        assert stored_files(workspace, "DHR K") in ({}, {"Police": rows})
        assert workspace.verify().intact
        workspace.import_file(path.read_bytes(), "police.csv", "DHR K", "Police", "panel.admin")
        assert stored_files(workspace, "DHR K") == {"Police": rows}
        assert workspace.verify().intact
    finally:
        workspace.close()


def _saving(workspace: Workspace) -> Callable[[], bool]:
    """True while a save of events is under way (on SQLite, also just after it committed)."""
    if workspace.settings.is_postgres:
        recorder = workspace.application.recorder
        table = recorder.events_table_name  # type: ignore[attr-defined]
        query = sa.text(
            "SELECT count(*) FROM pg_locks WHERE relation = to_regclass(:table) "
            "AND mode = 'ExclusiveLock' AND granted"
        )

        def saving() -> bool:
            with workspace.engine.connect() as connection:
                return bool(connection.execute(query, {"table": table}).scalar())

        return saving
    # Start from an empty log: creating the store's tables wrote more than the threshold.
    with closing(sqlite3.connect(workspace.settings.sqlite_path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    log = Path(f"{workspace.settings.sqlite_path}-wal")
    return lambda: log.exists() and log.stat().st_size > _SAVING_WAL_BYTES


def _following(workspace: Workspace) -> Callable[[], bool]:
    """True once the events are stored and before the merged chronology has followed them."""
    recorder = workspace.application.recorder

    def following() -> bool:
        last = recorder.max_notification_id() or 0
        return last > 0 and current_position(workspace.engine, "merged") < last

    return following


def _wait_until(condition: Callable[[], bool], process: subprocess.Popen[bytes]) -> None:
    while not condition():
        if _wait_for_exit(process, 0.005):
            raise AssertionError(f"the import ended first: {process.communicate()}")


def _wait_for_exit(process: subprocess.Popen[bytes], seconds: float) -> bool:
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return False
    return True

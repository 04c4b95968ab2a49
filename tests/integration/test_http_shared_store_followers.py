"""Several server processes share one PostgreSQL store: whichever of them follows the event log,
every event is applied to each read model exactly once (none twice, none skipped)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from adapters.intake import read_chronology
from adapters.store import StoreSettings
from api.workspace import Workspace
from projections import follower

pytestmark = pytest.mark.postgres

SMALL_PAGE = 7  # many small pages, so followers interleave rather than one taking everything

COUNTING_PROJECTION = '''
import sqlalchemy as sa

class EveryEventOnce:
    """Writes one row per applied notification, with no unique key: a repeat would show."""

    name = "test_every_event_once"
    metadata = sa.MetaData()
    applied = sa.Table("test_applied", metadata,
                       sa.Column("position", sa.BigInteger, nullable=False),
                       sa.Column("follower", sa.Text, nullable=False))
    needs_events = False

    def __init__(self, follower_name):
        self.follower_name = follower_name

    def apply(self, events, connection):
        if events:
            rows = [{"position": n.id, "follower": self.follower_name} for n, _ in events]
            connection.execute(self.applied.insert(), rows)
'''
namespace: dict[str, Any] = {}
exec(COUNTING_PROJECTION, namespace)  # the same class the subprocesses define
EveryEventOnce = namespace["EveryEventOnce"]

FOLLOWER_SCRIPT = COUNTING_PROJECTION + textwrap.dedent("""
    import sys
    from adapters.store import StoreSettings
    from api.workspace import Workspace
    from projections import follower

    follower.PAGE_SIZE = {page}
    workspace = Workspace(StoreSettings.resolve(sys.argv[1], environ={{}}))
    counting = EveryEventOnce(sys.argv[2])
    follower.create_tables(workspace.engine, [counting])
    follower.catch_up(workspace.application, workspace.engine, counting)
    workspace.catch_up()
    workspace.close()
""").format(page=SMALL_PAGE)


def store_events_without_following(store: StoreSettings, folder: Path) -> int:
    """Import the DHR 7 files for two reviews as events only, leaving every read model behind."""
    workspace = Workspace(store)
    for review in ("DHR 7", "DHR 8"):
        for path in sorted(folder.glob("*.csv")):
            reading = read_chronology(path.read_bytes(), path.name)
            workspace.application.import_submission(
                review, path.stem, reading, "t", datetime.now(UTC)
            )
    last = int(workspace.application.recorder.max_notification_id() or 0)
    workspace.close()
    return last


def follow_in_thread(store: StoreSettings, name: str, errors: list[BaseException]) -> None:
    try:
        workspace = Workspace(store)
        counting = EveryEventOnce(name)
        follower.create_tables(workspace.engine, [counting])
        follower.catch_up(workspace.application, workspace.engine, counting)
        workspace.catch_up()
        workspace.close()
    except BaseException as error:  # reported by the test below, not lost in the thread
        errors.append(error)


def applied_positions(engine: sa.Engine) -> Sequence[Any]:
    with engine.connect() as connection:
        return connection.execute(
            sa.text("SELECT position, follower FROM test_applied ORDER BY position")
        ).all()


def test_threads_and_processes_catching_up_one_store_apply_every_event_exactly_once(
    postgres_url: str, dhr7: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    store = StoreSettings.resolve(postgres_url, environ={})
    last = store_events_without_following(store, dhr7)
    monkeypatch.setattr(follower, "PAGE_SIZE", SMALL_PAGE)
    setup = Workspace(store)
    follower.create_tables(setup.engine, [EveryEventOnce("setup")])
    setup.close()
    script = tmp_path / "follow.py"
    script.write_text(FOLLOWER_SCRIPT)
    errors: list[BaseException] = []

    processes = [
        subprocess.Popen(
            [sys.executable, str(script), postgres_url, f"process-{n}"],
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(3)
    ]
    threads = [
        threading.Thread(target=follow_in_thread, args=(store, f"thread-{n}", errors))
        for n in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    outcomes = [(p.wait(timeout=300), p.stderr.read() if p.stderr else "") for p in processes]

    assert errors == []
    assert all(code == 0 for code, _ in outcomes), outcomes
    workspace = Workspace(store)
    rows = applied_positions(workspace.engine)
    assert [position for position, _ in rows] == list(range(1, last + 1))  # each once, none skipped
    assert len({who for _, who in rows}) > 1  # the work really was shared
    verification = workspace.verify()
    assert (
        verification.intact and verification.events_checked == last
    )  # the seal chain saw each once
    assert len(workspace.audit("DHR 7")) + len(workspace.audit("DHR 8")) == last
    workspace.close()


def test_position_rows_are_created_once_however_many_processes_open_the_store(
    postgres_url: str,
) -> None:
    store = StoreSettings.resolve(postgres_url, environ={})
    Workspace(store).close()  # the tables exist; now many openers race to create the position rows
    errors: list[BaseException] = []

    def open_and_close() -> None:
        try:
            Workspace(store).close()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=open_and_close) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    engine = sa.create_engine(store.sqlalchemy_url())
    with engine.connect() as connection:
        names = connection.execute(sa.select(follower.positions.c.name)).scalars().all()
    engine.dispose()
    assert errors == []
    assert sorted(names) == sorted(set(names)) and len(names) == 5

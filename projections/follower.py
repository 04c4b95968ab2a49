"""Following the notification log: each read model applies every event once, in order.

A projection's position is stored in the same transaction as the rows it writes, and is locked
while a page is applied, so several processes can follow the same store without applying an
event twice or skipping one. Pulling pages works on SQLite and PostgreSQL alike.

A projection that cannot apply an event keeps every event before it, records which one failed
and why (projections.failures), and stops there until it is rebuilt: a bug or a bad event then
costs one read model, not every request on every review.

A request that only reads need not wait for another process's catch-up (`turn_to_follow`): it
shows what the read models hold, which every write's own catch-up has already brought up to
that write before answering.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

import eventsourcing.persistence as es
import sqlalchemy as sa
from eventsourcing.application import Application
from eventsourcing.persistence import Notification
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from projections.failures import clear_failure, failure_of, failures, record_failure

PAGE_SIZE = 2000
# A PostgreSQL advisory lock serialising table creation across processes (any fixed number).
_TABLES_LOCK_KEY = 7_240_511_002
# Held (shared) by every catch-up after a write, tried (exclusive) by a catch-up for a read.
_FOLLOWING_LOCK_KEY = 7_240_511_003

positions = sa.Table(
    "projection_positions",
    sa.MetaData(),
    sa.Column("name", sa.String(80), primary_key=True),
    sa.Column("position", sa.BigInteger, nullable=False),
)

ProgressCallback = Callable[[int, int], None]

log = logging.getLogger("chronology.read_models")

# Errors of the connection or of a lock wait (SQLAlchemy's, or eventsourcing's when a projection
# reads the events): the event is not at fault, so the read model does not stop on them; the
# request fails (503, see adapters.store_outage) and the next one tries again.
_PASSING_TROUBLE = (
    sa.exc.OperationalError,
    sa.exc.InterfaceError,
    sa.exc.TimeoutError,
    es.OperationalError,
    es.InterfaceError,
)


class Projection(Protocol):
    """A read model that can be built from the events alone."""

    name: str
    metadata: sa.MetaData
    # False for projections that only need the stored bytes (the integrity seal), to skip decoding.
    needs_events: bool

    def apply(self, events: Sequence[tuple[Notification, Any]], connection: sa.Connection) -> None:
        """Apply a page of (notification, domain event or None) pairs, in order."""


def create_tables(engine: sa.Engine, projections: Sequence[Projection]) -> None:
    """Create the position table, each projection's tables and its position row, if missing."""
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Processes starting together would race to CREATE the same tables; take turns.
            connection.execute(sa.select(sa.func.pg_advisory_xact_lock(_TABLES_LOCK_KEY)))
        positions.metadata.create_all(connection)
        failures.metadata.create_all(connection)
        for projection in projections:
            projection.metadata.create_all(connection)
        # The position rows exist before anyone follows, so following only ever locks and updates
        # a row: two processes starting at once cannot both insert it (an insert race is a
        # unique-key error, not a wait). "Insert unless present" is race-free on both stores.
        for projection in projections:
            connection.execute(_insert_unless_present(connection, projection.name))


def catch_up(
    application: Application[Any],
    engine: sa.Engine,
    projection: Projection,
    progress: ProgressCallback | None = None,
    stop: int | None = None,
) -> int:
    """Apply every event not yet applied to `projection`; return its new position.

    A projection that has stopped (see projections.failures) stays where it stopped.
    """
    last = application.recorder.max_notification_id() or 0
    target = last if stop is None else min(stop, last)
    position = current_position(engine, projection.name)
    while position < target:
        position, stopped = _apply_next_page(application, engine, projection, target)
        if progress is not None:
            progress(position, target)
        if stopped:
            break
    return position


@contextmanager
def turn_to_follow(engine: sa.Engine, wait: bool) -> Iterator[bool]:
    """Whether this caller should catch up now; the answer holds while the context is open.

    A write (`wait`) holds the lock shared from before its events are saved until its own
    catch-up ends: several writes go on side by side (the position locks keep each event
    applied once), waiting only for a read that is catching up. A read (not `wait`) catches up
    only when no write is in progress on PostgreSQL: a write in progress applies the same
    events, and a read that waited for it would take as long as a merge. What is left with no
    write in progress (a writer stopped before its catch-up, say) the next read applies.
    SQLite has one writer at a time and no such lock: always.
    """
    if engine.dialect.name != "postgresql":
        yield True
        return
    # Transaction-scoped, so the lock goes with the transaction whatever happens.
    with engine.begin() as connection:
        if wait:
            connection.execute(sa.select(sa.func.pg_advisory_xact_lock_shared(_FOLLOWING_LOCK_KEY)))
            yield True
        else:
            tried = sa.func.pg_try_advisory_xact_lock(_FOLLOWING_LOCK_KEY)
            yield bool(connection.execute(sa.select(tried)).scalar())


def least_position_following(engine: sa.Engine, names: Sequence[str]) -> int:
    """The position of the read model furthest behind among those of `names` that have not
    stopped (see projections.failures), in one query: a read asks it every time."""
    stopped = sa.select(failures.c.name)
    with engine.connect() as connection:
        found = connection.execute(
            sa.select(sa.func.min(positions.c.position)).where(
                positions.c.name.in_(names), positions.c.name.not_in(stopped)
            )
        )
        return int(found.scalar() or 0)


def current_position(engine: sa.Engine, name: str) -> int:
    """The id of the last notification `name` has applied (0 before any)."""
    with engine.connect() as connection:
        found = connection.execute(sa.select(positions.c.position).where(positions.c.name == name))
        return int(found.scalar() or 0)


def reset(engine: sa.Engine, projection: Projection) -> None:
    """Forget everything `projection` holds, so it is rebuilt from the first event."""
    with engine.begin() as connection:
        for table in reversed(projection.metadata.sorted_tables):
            connection.execute(table.delete())
        connection.execute(
            positions.update().where(positions.c.name == projection.name).values(position=0)
        )
        clear_failure(connection, projection.name)


def _apply_next_page(
    application: Application[Any], engine: sa.Engine, projection: Projection, target: int
) -> tuple[int, bool]:
    """Apply the next page; returns the new position and whether the projection has stopped."""
    with engine.begin() as connection:
        position = _lock_position(connection, projection.name)
        if failure_of(connection, projection.name) is not None:
            return position, True
        if position >= target:
            return position, False  # another process got here first
        notifications = application.recorder.select_notifications(
            start=position + 1, limit=PAGE_SIZE, stop=target
        )
        applied, stopped = _apply_until_failure(application, projection, notifications, connection)
        new_position = applied or (position if stopped else target)
        connection.execute(
            positions.update()
            .where(positions.c.name == projection.name)
            .values(position=new_position)
        )
        return new_position, stopped


def _apply_until_failure(
    application: Application[Any],
    projection: Projection,
    notifications: Sequence[Notification],
    connection: sa.Connection,
) -> tuple[int, bool]:
    """Apply `notifications` (each page under a savepoint); on a failure, halve the page to find
    the event at fault, keep those before it and record it. Returns the last id applied (0 for
    none) and whether the projection stopped."""
    if not notifications:
        return 0, False
    try:
        with connection.begin_nested():
            projection.apply(_decoded(application, projection, notifications), connection)
        return notifications[-1].id, False
    except _PASSING_TROUBLE:
        raise
    except Exception as error:  # any fault of the projection's code or of the event: see above
        if len(notifications) > 1:
            half = len(notifications) // 2
            applied, stopped = _apply_until_failure(
                application, projection, notifications[:half], connection
            )
            if stopped:
                return applied, True
            rest, stopped = _apply_until_failure(
                application, projection, notifications[half:], connection
            )
            return rest or applied, stopped
        failed = notifications[0]
        failure = record_failure(connection, projection.name, failed.id, failed.topic, error)
        log.error("%s; run `chronology rebuild` once it is fixed", failure.describe())
        return 0, True


def _decoded(
    application: Application[Any], projection: Projection, notifications: Sequence[Notification]
) -> list[tuple[Notification, Any]]:
    decode = application.mapper.to_domain_event if projection.needs_events else _not_decoded
    return [(n, decode(n)) for n in notifications]


def _lock_position(connection: sa.Connection, name: str) -> int:
    """Take the projection's row lock and read the position (the row exists: see create_tables)."""
    # Touching the row first takes SQLite's write lock; FOR UPDATE does the same on PostgreSQL.
    touched = connection.execute(
        positions.update().where(positions.c.name == name).values(position=positions.c.position)
    )
    if touched.rowcount == 0:
        raise LookupError(f"no position row for read model {name!r}: call create_tables first")
    found = connection.execute(
        sa.select(positions.c.position).where(positions.c.name == name).with_for_update()
    )
    return int(found.scalar_one())


def _insert_unless_present(connection: sa.Connection, name: str) -> sa.Executable:
    """An insert of a zero position for `name` that does nothing if the row is already there."""
    insert = sqlite_insert if connection.dialect.name == "sqlite" else postgresql_insert
    return (
        insert(positions)
        .values(name=name, position=0)
        .on_conflict_do_nothing(index_elements=[positions.c.name])
    )


def _not_decoded(notification: Notification) -> None:
    return None

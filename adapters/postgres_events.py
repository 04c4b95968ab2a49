"""Saving a batch of events of any size on PostgreSQL: one transaction, bounded statements.

eventsourcing's PostgreSQL recorder sends a whole batch as one INSERT inside a psycopg pipeline.
With the tens of thousands of rows of a large file, that pipeline deadlocks: the client waits in
`Pipeline.sync` while the server waits on ClientRead (psycopg issue #685). This recorder keeps
everything eventsourcing relies on (the table lock that makes notification ids follow commit
order, the NOTIFY, the ids returned in order, all or nothing) but leaves pipeline mode alone and
sends the batch as several INSERTs of at most CHUNK_EVENTS events each, in the one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.utils import retry

# Events per INSERT. A statement this size (a few MB of payload) is sent and answered in well
# under a second, and the round trips it adds for a 100,000-row file are a few dozen.
CHUNK_EVENTS = 2000

# How the eventsourcing environment names this class (APPLICATION_RECORDER_TOPIC).
TOPIC = f"{__name__}:BoundedBatchRecorder"


class BoundedBatchRecorder(PostgresApplicationRecorder):
    """PostgreSQL application recorder whose batches are sent in bounded INSERTs, no pipeline."""

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        """Insert the events atomically and return their notification ids, in order.

        Retried on a lost connection or lock timeout, as eventsourcing's own insert is; a retry
        after a commit whose answer was lost is refused as a duplicate, which the application
        already takes for "saved meanwhile" and looks again."""
        if not stored_events:
            return []
        notification_ids: list[int] = []
        with (
            self.datastore.get_connection() as connection,
            connection.transaction(),
            connection.cursor() as cursor,
        ):
            # Lock first, so every id this transaction takes follows every committed id.
            self._lock_table(cursor)
            self._notify_channel(cursor)
            for start in range(0, len(stored_events), CHUNK_EVENTS):
                chunk = stored_events[start : start + CHUNK_EVENTS]
                cursor.execute(self.insert_events_statement, (self._composite(chunk),))
                notification_ids.extend(row["notification_id"] for row in cursor.fetchall())
        return notification_ids

    def _composite(self, stored_events: Sequence[StoredEvent]) -> list[Any]:
        return [
            self.construct_pg_stored_event(e.originator_id, e.originator_version, e.topic, e.state)
            for e in stored_events
        ]

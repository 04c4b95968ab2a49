"""eventsourcing's SQLite persistence on a SQLCipher file: the whole store encrypted with one key.

eventsourcing.sqlite opens its connections with the standard library's sqlite3; this module is the
same persistence with connections from sqlcipher3 (the maintained SQLCipher binding), keyed as
they open, and sqlcipher3's errors translated as eventsourcing translates sqlite3's (its
IntegrityError is what tells two decisions on one conflict apart). Selected with
PERSISTENCE_MODULE=adapters.sqlcipher_store:SQLCipherFactory and SQLCIPHER_KEY.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Any

import sqlcipher3
from eventsourcing import persistence
from eventsourcing.sqlite import (
    SQLITE3_DEFAULT_LOCK_TIMEOUT,
    SQLiteConnection,
    SQLiteConnectionPool,
    SQLiteCursor,
    SQLiteDatastore,
    SQLiteFactory,
    SQLiteTransaction,
)

KEY_VARIABLE = "SQLCIPHER_KEY"

# Most specific first: sqlcipher3's classes mirror sqlite3's, so their order matters as there.
_ERRORS: list[tuple[type[Exception], type[Exception]]] = [
    (sqlcipher3.InterfaceError, persistence.InterfaceError),
    (sqlcipher3.DataError, persistence.DataError),
    (sqlcipher3.OperationalError, persistence.OperationalError),
    (sqlcipher3.IntegrityError, persistence.IntegrityError),
    (sqlcipher3.InternalError, persistence.InternalError),
    (sqlcipher3.ProgrammingError, persistence.ProgrammingError),
    (sqlcipher3.NotSupportedError, persistence.NotSupportedError),
    (sqlcipher3.DatabaseError, persistence.DatabaseError),
    (sqlcipher3.Error, persistence.PersistenceError),
]


def connect(
    path: str, key_pragma: str | None, timeout: float = SQLITE3_DEFAULT_LOCK_TIMEOUT
) -> Any:
    """A sqlcipher3 connection to `path`, keyed before anything else is read (None: plain)."""
    connection = sqlcipher3.connect(
        database=path, uri=True, check_same_thread=False, isolation_level=None, timeout=timeout
    )
    # SQLCipher would print its own line on stderr for a wrong key; the caller explains instead.
    connection.execute("PRAGMA cipher_log_level = NONE")
    if key_pragma is not None:
        # The key must come before any read; a wrong one shows at the first read.
        connection.execute(f"PRAGMA key = {key_pragma}")
    return connection


class SQLCipherTransaction(SQLiteTransaction):
    """eventsourcing's SQLite transaction, translating sqlcipher3's errors too."""

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_val: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        try:
            super().__exit__(exc_type, exc_val, exc_tb)
        except sqlcipher3.Error as error:
            ours = next(to for cls, to in _ERRORS if isinstance(error, cls))
            raise ours(error) from error


class SQLCipherConnection(SQLiteConnection):
    """A pooled connection whose transactions translate sqlcipher3's errors."""

    @contextmanager
    def transaction(self, *, commit: bool) -> Iterator[SQLiteCursor]:
        with SQLCipherTransaction(self, commit=commit) as cursor, cursor:
            yield cursor


class SQLCipherConnectionPool(SQLiteConnectionPool):
    """eventsourcing's SQLite pool, opening keyed SQLCipher connections in WAL mode."""

    def __init__(self, *, key_pragma: str, **options: Any) -> None:
        self.key_pragma = key_pragma
        super().__init__(**options)

    def _create_connection(self) -> SQLiteConnection:
        try:
            connection = connect(
                self.db_name, self.key_pragma, self.lock_timeout or SQLITE3_DEFAULT_LOCK_TIMEOUT
            )
            # As eventsourcing.sqlite does: a file store is written ahead (WAL), for readers.
            if connection.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                connection.execute("PRAGMA journal_mode=WAL")
            self.is_journal_mode_wal = True
        except sqlcipher3.Error as error:
            raise persistence.InterfaceError(error) from error
        connection.row_factory = sqlcipher3.Row
        return SQLCipherConnection(sqlite_conn=connection, max_age=self.max_age)


class SQLCipherDatastore(SQLiteDatastore):
    """eventsourcing's SQLite datastore with a keyed SQLCipher connection pool."""

    def __init__(self, plain: SQLiteDatastore, key_pragma: str) -> None:
        self.pool = SQLCipherConnectionPool(
            key_pragma=key_pragma, db_name=plain.pool.db_name, lock_timeout=plain.pool.lock_timeout
        )
        self.single_row_tracking = plain.single_row_tracking
        self.originator_id_type = plain.originator_id_type


class SQLCipherFactory(SQLiteFactory):
    """eventsourcing's SQLite factory on a SQLCipher file keyed by SQLCIPHER_KEY."""

    def __init__(self, env: Any) -> None:
        super().__init__(env)
        key_pragma = self.env.get(KEY_VARIABLE)
        if not key_pragma:
            raise OSError(f"{KEY_VARIABLE} is needed to open a SQLCipher store")
        plain: SQLiteDatastore = self.datastore
        # The parent's pool has opened nothing yet (it connects lazily): keep its settings only.
        self.datastore = SQLCipherDatastore(plain, key_pragma)
        plain.close()

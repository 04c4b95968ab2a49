"""Where events and read models live: a SQLite file by default, PostgreSQL by configuration.

One setting names the store, a path or a URL (`--db`, else CHRONOLOGY_DATABASE_URL, else
`chronology.sqlite3` in the working directory). The event store and the read models share it.
With CHRONOLOGY_ENCRYPTION_KEY a SQLite store is one SQLCipher file, encrypted whole
(adapters.sqlcipher_store); on PostgreSQL the event payloads are encrypted with AES-GCM.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from adapters import postgres_events, sqlcipher_store
from adapters.store_keys import (
    ENCRYPTION_KEY_VARIABLE,
    StoreKeyError,
    cell_cipher,
    check_sqlite_file_opens,
    sqlcipher_key_pragma,
)
from domain.application import ChronologyApplication
from domain.errors import ChronologyError
from encryption.columns import attach_cipher

DATABASE_URL_VARIABLE = "CHRONOLOGY_DATABASE_URL"
DEFAULT_SQLITE_FILE = "chronology.sqlite3"
# Any fixed number will do; it only has to be the same in every process of this product.
SCHEMA_LOCK_KEY = 7_240_511_001


class StoreConfigurationError(ChronologyError):
    """Raised when the configured store cannot be understood or opened."""


@dataclass(frozen=True)
class StoreSettings:
    """The configured store: a SQLite file path or a PostgreSQL URL, and an optional key."""

    url: str
    encryption_key: str | None = None

    @classmethod
    def resolve(cls, db: str | None = None, environ: dict[str, str] | None = None) -> StoreSettings:
        """Settings from an explicit `--db`, else the environment, else the default file."""
        environ = dict(os.environ) if environ is None else environ
        target = db or environ.get(DATABASE_URL_VARIABLE) or DEFAULT_SQLITE_FILE
        return cls(url=_as_url(target), encryption_key=environ.get(ENCRYPTION_KEY_VARIABLE) or None)

    @property
    def is_postgres(self) -> bool:
        """True when the store is a PostgreSQL server."""
        return self.url.startswith("postgresql")

    @property
    def sqlite_path(self) -> Path:
        """The SQLite file (only meaningful when not PostgreSQL)."""
        return Path(self.url.removeprefix("sqlite:///"))

    def eventsourcing_env(self) -> dict[str, str]:
        """The eventsourcing environment that selects this store (and cipher, if keyed)."""
        if not self.is_postgres:
            return self._sqlite_env()
        env = self._postgres_env()
        if self.encryption_key:
            env["CIPHER_TOPIC"] = "eventsourcing.cipher:AESCipher"
            env["CIPHER_KEY"] = self.encryption_key
            env["COMPRESSOR_TOPIC"] = "eventsourcing.compressor:ZlibCompressor"
        return env

    def sqlalchemy_url(self) -> sa.URL:
        """The same store, as SQLAlchemy names it (read models live beside the events)."""
        if self.is_postgres:
            return sa.make_url("postgresql+psycopg://" + self.url.split("://", 1)[1])
        if self.encryption_key:
            # The dialect sends `PRAGMA key="<password>"`: the raw-key literal, unquoted here.
            raw_key = sqlcipher_key_pragma(self.encryption_key).strip('"')
            return sa.URL.create(
                "sqlite+pysqlcipher", password=raw_key, database=str(self.sqlite_path)
            )
        return sa.make_url(f"sqlite:///{self.sqlite_path}")

    def _sqlite_env(self) -> dict[str, str]:
        path = self.sqlite_path
        if not path.parent.exists():
            raise StoreConfigurationError(f"cannot create a store in {path.parent}: no such folder")
        env = {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(path),
            "SQLITE_LOCK_TIMEOUT": "30",
        }
        if self.encryption_key:
            # The whole file is encrypted, events included: no second cipher on the payloads.
            env["PERSISTENCE_MODULE"] = "adapters.sqlcipher_store:SQLCipherFactory"
            env[sqlcipher_store.KEY_VARIABLE] = sqlcipher_key_pragma(self.encryption_key)
        return env

    def _postgres_env(self) -> dict[str, str]:
        parts = urlsplit(self.url)
        return {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": parts.path.lstrip("/") or "postgres",
            "POSTGRES_HOST": parts.hostname or "127.0.0.1",
            "POSTGRES_PORT": str(parts.port or 5432),
            "POSTGRES_USER": unquote(parts.username or "postgres"),
            "POSTGRES_PASSWORD": unquote(parts.password or ""),
            "POSTGRES_LOCK_TIMEOUT": "30",
            # After a PostgreSQL restart every pooled connection is dead: test each before use,
            # so the first request after the restart gets a new one rather than an error.
            "POSTGRES_PRE_PING": "y",
            # How long a request waits for a pooled connection (eventsourcing's default is 30 s,
            # and each read is retried ten times): while the store is down, fail in seconds.
            "POSTGRES_CONNECT_TIMEOUT": "5",
            # A large file's events in bounded INSERTs, not one pipelined one that deadlocks.
            "APPLICATION_RECORDER_TOPIC": postgres_events.TOPIC,
        }


def open_application(settings: StoreSettings) -> ChronologyApplication:
    """The chronology application on the configured store; refuses a store it cannot decode."""
    if not settings.is_postgres:
        try:
            check_sqlite_file_opens(settings.sqlite_path, settings.encryption_key)
        except StoreKeyError as error:
            raise StoreConfigurationError(str(error)) from None
    with _schema_lock(settings):
        application = ChronologyApplication(env=settings.eventsourcing_env())
    try:
        _check_first_event_decodes(application, settings)
    except StoreConfigurationError:
        application.close()
        raise
    return application


@contextmanager
def _schema_lock(settings: StoreSettings) -> Iterator[None]:
    """Hold a PostgreSQL advisory lock while the event store creates its tables and functions.

    Several server processes starting at once would otherwise run eventsourcing's CREATE OR
    REPLACE FUNCTION side by side, which PostgreSQL refuses ("tuple concurrently updated").
    """
    if not settings.is_postgres:
        yield
        return
    engine = sa.create_engine(settings.sqlalchemy_url(), poolclass=NullPool)
    try:
        with engine.connect() as connection:
            connection.execute(sa.select(sa.func.pg_advisory_lock(SCHEMA_LOCK_KEY)))
            try:
                yield
            finally:
                connection.execute(sa.select(sa.func.pg_advisory_unlock(SCHEMA_LOCK_KEY)))
    finally:
        engine.dispose()


def _check_first_event_decodes(application: ChronologyApplication, settings: StoreSettings) -> None:
    """Raise StoreConfigurationError if the stored events were written with another key (or none).

    Found on open rather than at the first read, so a server never starts half-working on an
    encrypted store it was not given the key for.
    """
    first = application.recorder.select_notifications(start=1, limit=1)
    if not first:
        return
    try:
        application.mapper.to_domain_event(first[0])
    except (ValueError, zlib.error):  # bad cipher text, compressed data or JSON
        if settings.encryption_key:
            raise StoreConfigurationError(
                f"the stored events cannot be decrypted with the configured "
                f"{ENCRYPTION_KEY_VARIABLE}: it is not the key this store was written with "
                "(or the store is not encrypted)"
            ) from None
        raise StoreConfigurationError(
            f"this store is encrypted: set {ENCRYPTION_KEY_VARIABLE} to the key it was written with"
        ) from None


def open_engine(settings: StoreSettings) -> sa.Engine:
    """A SQLAlchemy engine on the configured store, for the read models.

    On PostgreSQL with a key, the engine seals the personal-data columns (encryption.columns);
    a SQLite store with a key is encrypted whole by SQLCipher instead.
    """
    if settings.is_postgres:
        engine = sa.create_engine(settings.sqlalchemy_url(), pool_pre_ping=True)
        if settings.encryption_key:
            attach_cipher(engine, cell_cipher(settings.encryption_key))
        return engine
    # A pool per engine, as for a plain file (pysqlcipher would otherwise keep one per thread).
    return sa.create_engine(
        settings.sqlalchemy_url(),
        poolclass=sa.pool.QueuePool,
        connect_args={"timeout": 30, "check_same_thread": False},
    )


def _as_url(target: str) -> str:
    if "://" in target:
        if target.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
            return "postgresql://" + target.split("://", 1)[1]
        if target.startswith("sqlite:///"):
            return target
        raise StoreConfigurationError(
            f"unsupported store {target.split('://')[0]!r}: use a file path, sqlite:///PATH "
            "or postgresql://USER@HOST:PORT/DBNAME"
        )
    return f"sqlite:///{Path(target).expanduser().resolve()}"


# Any fixed number will do, beside SCHEMA_LOCK_KEY: uploads to one review take turns under it.
REVIEW_WRITE_LOCK_CLASS = 7_240_511


@contextmanager
def review_write_turn(engine: sa.Engine, review: str) -> Iterator[None]:
    """Let one upload at a time save to `review` (PostgreSQL; SQLite writes take turns anyway).

    Without it, concurrent uploads to one review race for the review's next version and the
    losers, loading the review again each time, can run out of attempts (409). Held for the save
    only, never for the catch-up after it.
    """
    if engine.dialect.name != "postgresql":
        yield
        return
    key = zlib.crc32(review.encode()) & 0x7FFFFFFF
    with engine.begin() as connection:
        connection.execute(sa.select(sa.func.pg_advisory_xact_lock(REVIEW_WRITE_LOCK_CLASS, key)))
        yield

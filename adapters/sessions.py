"""Web sign-in sessions, in a table beside the API users: random ids, stored hashed, that expire.

A session is opened when someone signs in with their API token; the browser keeps only the
session's id. The id is 32 random bytes and only its SHA-256 is stored, so a copy of the database
opens no session. A session ends when it has been idle too long, when it reaches its absolute
age, when its user signs out (every session of that user ends at once) or when the user's token
is revoked.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

metadata = sa.MetaData()

# A session is bound to its user by the user's token digest, not the user's name: the name is
# personal data (encrypted at rest), the digest identifies the user and tells nobody anything.
web_sessions = sa.Table(
    "web_sessions",
    metadata,
    sa.Column("id_sha256", sa.String(64), primary_key=True),
    sa.Column("user_key", sa.String(64), nullable=False, index=True),
    sa.Column("opened_at", sa.Float, nullable=False),
    sa.Column("seen_at", sa.Float, nullable=False),
)

_SESSION_ID_BYTES = 32
_TABLE_LOCK_KEY = 7_240_511_004

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The wall clock, in UTC (the default clock; tests pass their own)."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class SessionPolicy:
    """How long a session lasts: since it was last used, and since it was opened."""

    idle: timedelta
    absolute: timedelta


class SessionStore:
    """Opening, checking and ending web sessions."""

    def __init__(self, engine: sa.Engine, policy: SessionPolicy, clock: Clock = utc_now) -> None:
        self.engine = engine
        self.policy = policy
        self.clock = clock
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # Server processes starting together would race to CREATE the table; take turns.
                connection.execute(sa.select(sa.func.pg_advisory_xact_lock(_TABLE_LOCK_KEY)))
            metadata.create_all(connection)

    def open(self, user_key: str) -> str:
        """A new session for the user with `user_key`; its id (kept only by the browser)."""
        session_id = secrets.token_urlsafe(_SESSION_ID_BYTES)
        now = self._now()
        with self.engine.begin() as connection:
            # Expired sessions are never read again; clear them out while writing anyway.
            connection.execute(web_sessions.delete().where(self._expired(now)))
            connection.execute(
                web_sessions.insert().values(
                    id_sha256=session_digest(session_id),
                    user_key=user_key,
                    opened_at=now,
                    seen_at=now,
                )
            )
        return session_id

    def user_key(self, session_id: str) -> str | None:
        """The user key of a live session with `session_id`, or None; marks the session used."""
        digest = session_digest(session_id)
        now = self._now()
        with self.engine.begin() as connection:
            row = connection.execute(
                sa.select(web_sessions).where(web_sessions.c.id_sha256 == digest)
            ).first()
            if row is None or not hmac.compare_digest(row.id_sha256, digest):
                return None
            if self._is_expired(row.opened_at, row.seen_at, now):
                connection.execute(web_sessions.delete().where(web_sessions.c.id_sha256 == digest))
                return None
            # Every page would otherwise write a row; a tenth of the idle limit is close enough.
            if now - row.seen_at >= self.policy.idle.total_seconds() / 10:
                connection.execute(
                    web_sessions.update()
                    .where(web_sessions.c.id_sha256 == digest)
                    .values(seen_at=now)
                )
            return str(row.user_key)

    def end_all(self, user_key: str) -> None:
        """End every session of the user with `user_key` (sign-out means everywhere)."""
        with self.engine.begin() as connection:
            end_sessions_of(connection, user_key)

    def _now(self) -> float:
        return self.clock().timestamp()

    def _is_expired(self, opened_at: float, seen_at: float, now: float) -> bool:
        return (
            now - seen_at >= self.policy.idle.total_seconds()
            or now - opened_at >= self.policy.absolute.total_seconds()
        )

    def _expired(self, now: float) -> sa.ColumnElement[bool]:
        return sa.or_(
            web_sessions.c.seen_at <= now - self.policy.idle.total_seconds(),
            web_sessions.c.opened_at <= now - self.policy.absolute.total_seconds(),
        )


def end_sessions_of(connection: sa.Connection, user_key: str) -> None:
    """Delete every session of `user_key` within the caller's transaction."""
    connection.execute(web_sessions.delete().where(web_sessions.c.user_key == user_key))


def session_digest(session_id: str) -> str:
    """The SHA-256 (hex) under which a session id is stored."""
    return hashlib.sha256(session_id.encode("utf-8")).hexdigest()

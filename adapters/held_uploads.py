"""Uploaded files held between the web preview and the uploader's confirmation, briefly.

A file is previewed before it is stored, so its bytes wait somewhere for the confirm step: here, a
table beside the read models (so every server process sees it), keyed by the bytes' SHA-256 and
the user who uploaded them. These are not events and never become part of the record. Because a
chronology is special-category data, the bytes are encrypted with the store's key when it has
one, each is held for a bounded time and deleted when confirmed or discarded, and a user holds at
most a few at once: every hold sweeps away what has expired.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from eventsourcing.cipher import AESCipher
from eventsourcing.utils import Environment

from adapters.store_keys import held_uploads_key
from domain.identity import normalise_name

metadata = sa.MetaData()

held_uploads = sa.Table(
    "held_uploads",
    metadata,
    sa.Column("content_sha256", sa.String(64), primary_key=True),
    sa.Column("holder", sa.String(120), primary_key=True),
    sa.Column("review", sa.Text, nullable=False),
    sa.Column("file_name", sa.Text, nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),
    sa.Column("held_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("held_until", sa.DateTime(timezone=True), nullable=False),
)

# A person previews one file, perhaps corrects and previews again; a few at once is plenty.
_MOST_HELD_PER_USER = 3
_TABLE_LOCK_KEY = 7_240_511_004


@dataclass(frozen=True)
class HeldUpload:
    """An uploaded file waiting for its uploader to confirm it."""

    content_sha256: str
    file_name: str
    content: bytes
    held_until: datetime


class HeldUploads:
    """Holding, taking back and letting go of uploaded files awaiting confirmation."""

    def __init__(
        self, engine: sa.Engine, hold_for: timedelta, encryption_key: str | None = None
    ) -> None:
        self.engine = engine
        self.hold_for = hold_for
        self._cipher = (
            AESCipher(Environment(env={"CIPHER_KEY": held_uploads_key(encryption_key)}))
            if encryption_key
            else None
        )
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # Server processes starting together would race to CREATE the table; take turns.
                connection.execute(sa.select(sa.func.pg_advisory_xact_lock(_TABLE_LOCK_KEY)))
            metadata.create_all(connection)
            _sweep(connection, datetime.now(UTC))  # what expired while no server ran

    def hold(
        self, content: bytes, file_name: str, holder: str, review: str, now: datetime
    ) -> HeldUpload:
        """Hold `content` for `holder` until `now` + the hold time; return what is held."""
        digest = hashlib.sha256(content).hexdigest()
        held = HeldUpload(digest, file_name, content, now + self.hold_for)
        with self.engine.begin() as connection:
            _sweep(connection, now)
            connection.execute(self._one(digest, holder))
            kept = connection.execute(
                sa.select(held_uploads.c.content_sha256)
                .where(held_uploads.c.holder == holder)
                .order_by(held_uploads.c.held_at.desc())
                .offset(_MOST_HELD_PER_USER - 1)
            ).scalars()
            for older in list(kept):
                connection.execute(self._one(older, holder))
            connection.execute(
                held_uploads.insert().values(
                    content_sha256=digest,
                    holder=holder,
                    review=normalise_name(review),
                    file_name=file_name,
                    content=self._sealed(content),
                    held_at=now,
                    held_until=held.held_until,
                )
            )
        return held

    def take(
        self, content_sha256: str, holder: str, review: str, now: datetime
    ) -> HeldUpload | None:
        """The file `holder` holds for `review` under this digest, None if gone or expired."""
        with self.engine.begin() as connection:
            _sweep(connection, now)
            row = connection.execute(
                sa.select(held_uploads).where(
                    held_uploads.c.content_sha256 == content_sha256,
                    held_uploads.c.holder == holder,
                    held_uploads.c.review == normalise_name(review),
                    held_uploads.c.held_until > now,
                )
            ).first()
        if row is None:
            return None
        content = self._opened(row.content)
        if hashlib.sha256(content).hexdigest() != content_sha256:
            return None  # not what was held: never confirm bytes other than those previewed
        return HeldUpload(content_sha256, row.file_name, content, _aware(row.held_until, now))

    def release(self, content_sha256: str, holder: str) -> None:
        """Let go of a held file (stored now, or discarded)."""
        with self.engine.begin() as connection:
            connection.execute(self._one(content_sha256, holder))

    def _one(self, content_sha256: str, holder: str) -> sa.Delete:
        return held_uploads.delete().where(
            held_uploads.c.content_sha256 == content_sha256, held_uploads.c.holder == holder
        )

    def _sealed(self, content: bytes) -> bytes:
        return self._cipher.encrypt(content) if self._cipher else content

    def _opened(self, stored: bytes) -> bytes:
        return self._cipher.decrypt(stored) if self._cipher else stored


def _sweep(connection: sa.Connection, now: datetime) -> None:
    """Delete every held file whose time is up, whoever held it."""
    connection.execute(held_uploads.delete().where(held_uploads.c.held_until <= now))


def _aware(moment: datetime, like: datetime) -> datetime:
    """SQLite gives back a naive datetime; it was stored in the zone of `like`."""
    return moment if moment.tzinfo else moment.replace(tzinfo=like.tzinfo)

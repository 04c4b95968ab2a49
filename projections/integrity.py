"""The integrity seal: a hash chain over every stored event, to prove the record is unaltered.

Each event's seal is sha256(previous seal + position + originator + version + topic + stored
bytes). Seals are written as soon as events are stored; `verify` recomputes the chain from the
event store and reports the first place it breaks. Unlike the read models this is never rebuilt:
rebuilding would re-seal whatever is in the store now, tampered or not. Keep the printed head
seal somewhere else (the review's minutes) to anchor it against someone rewriting both tables.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from eventsourcing.application import Application
from eventsourcing.persistence import Notification

GENESIS = "0" * 64
_VERIFY_PAGE = 5000

metadata = sa.MetaData()

seals = sa.Table(
    "integrity_seals",
    metadata,
    sa.Column("position", sa.BigInteger, primary_key=True),
    sa.Column("chain_hash", sa.String(64), nullable=False),
)


def seal(previous: str, notification: Notification) -> str:
    """The chain hash of `notification` following `previous`."""
    digest = hashlib.sha256()
    digest.update(previous.encode())
    digest.update(
        f"|{notification.id}|{notification.originator_id}|{notification.originator_version}|".encode()
    )
    digest.update(notification.topic.encode())
    digest.update(b"|")
    state = notification.state
    # A hand edit can turn the stored bytes into text (SQLite's replace() does): hash what is there.
    digest.update(state.encode() if isinstance(state, str) else bytes(state))
    return digest.hexdigest()


class IntegritySeal:
    """Seals each event as it is followed."""

    name = "integrity"
    metadata = metadata
    needs_events = False

    def apply(self, events: Sequence[tuple[Notification, Any]], connection: sa.Connection) -> None:
        """Extend the chain over a page of events."""
        previous = (
            connection.execute(
                sa.select(seals.c.chain_hash).order_by(seals.c.position.desc()).limit(1)
            ).scalar()
            or GENESIS
        )
        rows = []
        for notification, _ in events:
            previous = seal(previous, notification)
            rows.append({"position": notification.id, "chain_hash": previous})
        if rows:
            connection.execute(seals.insert(), rows)


@dataclass(frozen=True)
class Verification:
    """The outcome of checking the chain: intact or not, and where it first breaks."""

    intact: bool
    events_checked: int
    head_seal: str
    problem: str | None = None


def verify(application: Application[Any], engine: sa.Engine) -> Verification:
    """Recompute the chain over the whole event store and compare it with the stored seals."""
    previous, checked, start = GENESIS, 0, 1
    with engine.connect() as connection:
        sealed_top = connection.execute(sa.select(sa.func.max(seals.c.position))).scalar() or 0
        while True:
            notifications = application.recorder.select_notifications(
                start=start, limit=_VERIFY_PAGE
            )
            if not notifications:
                break
            expected: dict[int, str] = {
                row.position: row.chain_hash
                for row in connection.execute(
                    sa.select(seals.c.position, seals.c.chain_hash).where(
                        seals.c.position.between(start, notifications[-1].id)
                    )
                )
            }
            for notification in notifications:
                if notification.id > sealed_top:
                    return Verification(False, checked, previous, _unsealed(notification))
                # Positions the store skipped (rolled-back transactions) are never sealed; a
                # sealed position that has vanished from the store is a deletion.
                missing = sorted(p for p in expected if p < notification.id)
                if missing:
                    return Verification(False, checked, previous, _deleted(missing[0]))
                stored = expected.pop(notification.id, None)
                previous = seal(previous, notification)
                if stored is None:
                    return Verification(False, checked, previous, _inserted(notification))
                if stored != previous:
                    return Verification(False, checked, previous, _altered(notification))
                checked += 1
            start = notifications[-1].id + 1
            if expected:
                return Verification(False, checked, previous, _deleted(min(expected)))
        if checked < _count_seals(connection):
            return Verification(
                False, checked, previous, "sealed events are missing from the end of the store"
            )
    return Verification(True, checked, previous)


def _count_seals(connection: sa.Connection) -> int:
    return int(connection.execute(sa.select(sa.func.count()).select_from(seals)).scalar() or 0)


def _altered(n: Notification) -> str:
    return (
        f"event at position {n.id} (aggregate {n.originator_id}, version {n.originator_version}, "
        f"{n.topic}) differs from what was sealed: it was altered after it was written"
    )


def _inserted(n: Notification) -> str:
    return f"event at position {n.id} ({n.topic}) was never sealed: it was inserted by hand"


def _deleted(position: int) -> str:
    return f"event at position {position} was sealed but is no longer in the store: it was deleted"


def _unsealed(n: Notification) -> str:
    return (
        f"event at position {n.id} is newer than the last seal; run any command to seal it, "
        "then verify"
    )

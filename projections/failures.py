"""Read models that stopped: which event one could not apply, and why, in words without its data.

A read model that fails on an event records it here and stops advancing (see follower), so one
bad event or one bug cannot take every request down with it; the others and the event store keep
working. `chronology status`, the web overview and `/health` read this table; `chronology rebuild`
(after the code is fixed) clears it. The reason names the error's kind and where in the code it
was raised, never its message: messages and SQL parameters can quote the record's text.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

failures = sa.Table(
    "projection_failures",
    sa.MetaData(),
    sa.Column("name", sa.String(80), primary_key=True),
    sa.Column("notification_id", sa.BigInteger, nullable=False),
    sa.Column("topic", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("failed_at", sa.Text, nullable=False),
)

# The product's own packages: the innermost frame in one of them says where the fault lies.
_OWN_PACKAGES = ("projections", "domain", "adapters", "api")


@dataclass(frozen=True)
class ReadModelFailure:
    """One read model's stop: the notification it could not apply, its topic, and why."""

    name: str
    notification_id: int
    topic: str
    reason: str
    failed_at: str

    def describe(self) -> str:
        """One line for an operator: what stopped, at which event, and why."""
        return (
            f"read model {self.name!r} stopped at notification {self.notification_id} "
            f"({self.topic}): {self.reason}"
        )


def record_failure(
    connection: sa.Connection, name: str, notification_id: int, topic: str, error: BaseException
) -> ReadModelFailure:
    """Record that `name` could not apply `notification_id`; returns what was recorded."""
    failure = ReadModelFailure(
        name=name,
        notification_id=notification_id,
        topic=topic,
        reason=reason_of(error),
        failed_at=datetime.now(UTC).isoformat(),
    )
    connection.execute(failures.delete().where(failures.c.name == name))
    connection.execute(failures.insert().values(**failure.__dict__))
    return failure


def failure_of(connection: sa.Connection, name: str) -> ReadModelFailure | None:
    """The recorded stop of read model `name`, if it has stopped."""
    row = connection.execute(sa.select(failures).where(failures.c.name == name)).first()
    return None if row is None else ReadModelFailure(**row._mapping)


def all_failures(engine: sa.Engine) -> list[ReadModelFailure]:
    """Every read model that has stopped, by name."""
    with engine.connect() as connection:
        rows = connection.execute(sa.select(failures).order_by(failures.c.name)).all()
    return [ReadModelFailure(**row._mapping) for row in rows]


def clear_failure(connection: sa.Connection, name: str) -> None:
    """Forget `name`'s stop (it is being rebuilt from the first event)."""
    connection.execute(failures.delete().where(failures.c.name == name))


def reason_of(error: BaseException) -> str:
    """The error's kind (with the database's SQLSTATE) and where it was raised; no message."""
    kind = type(error).__name__
    original = getattr(error, "orig", None)  # SQLAlchemy wraps the driver's error
    if original is not None:
        kind = f"{kind} from {type(original).__name__}"
        sqlstate = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
        if sqlstate:
            kind = f"{kind} (SQLSTATE {sqlstate})"
    return f"{kind} raised in {_where(error)}"


def _where(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    own = [f for f in frames if _package_path(f.filename) is not None]
    if not (own or frames):
        return "an unknown place"
    frame = (own or frames)[-1]
    path = _package_path(frame.filename) or Path(frame.filename).name
    return f"{path}:{frame.lineno} ({frame.name})"


def _package_path(filename: str) -> str | None:
    parts = Path(filename).parts
    for index in range(len(parts) - 1, -1, -1):
        if parts[index] in _OWN_PACKAGES and "site-packages" not in parts[:index]:
            return "/".join(parts[index:])
    return None

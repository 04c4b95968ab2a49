"""The errors that mean the store cannot be reached just now, not that a request was wrong.

A PostgreSQL restart, a dropped connection or a pool with no connection to give shows up as
SQLAlchemy's or eventsourcing's OperationalError or InterfaceError (or a pool timeout). Nothing
half-done is left behind by any of them (every use case writes in one transaction), so the
caller is told to try again shortly: the HTTP API answers 503 with Retry-After, the web pages
say so in plain words.
"""

from __future__ import annotations

import eventsourcing.persistence as es
import sqlalchemy as sa

# What the API and the web pages answer in Retry-After (seconds): a restart takes a few.
RETRY_AFTER_SECONDS = 5

STORE_UNAVAILABLE_ERRORS: tuple[type[Exception], ...] = (
    sa.exc.OperationalError,
    sa.exc.InterfaceError,
    sa.exc.TimeoutError,
    es.OperationalError,
    es.InterfaceError,
)


def outage_kind(error: BaseException) -> str:
    """The error's kind, and the driver's beneath it, for the log (never its message, which
    can quote a statement's parameters and so a record)."""
    cause = getattr(error, "orig", None) or error.__cause__
    return type(error).__name__ + (f" ({type(cause).__name__})" if cause is not None else "")

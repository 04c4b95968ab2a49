"""Read-model queries the HTTP API needs beyond the Workspace facade: reviews and submissions."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from domain.identity import normalise_name, review_id
from projections.entries import reviews, submissions


def review_rows(engine: sa.Engine) -> list[dict[str, Any]]:
    """Every review held (name, opened_by, opened_at), by name."""
    with engine.connect() as connection:
        query = sa.select(reviews.c.name, reviews.c.opened_by, reviews.c.opened_at).order_by(
            reviews.c.name
        )
        return [dict(r._mapping) for r in connection.execute(query)]


def submission_rows(
    engine: sa.Engine, review_name: str, agency: str | None = None
) -> list[dict[str, Any]]:
    """A review's submissions in the order they were stored, optionally of one agency only."""
    query = (
        sa.select(submissions)
        .where(submissions.c.review_id == str(review_id(review_name)))
        .order_by(submissions.c.position)
    )
    with engine.connect() as connection:
        rows = [dict(r._mapping) for r in connection.execute(query)]
    if agency is not None:
        rows = [r for r in rows if normalise_name(r["agency"]) == normalise_name(agency)]
    return rows

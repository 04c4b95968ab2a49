"""Finding records: an entry id or record id to its lineage, the incidents records are in now,
and one record's whole history."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from domain.errors import ChronologyError
from projections.merged.tables import conflicts, decisions, facts, headers, members, overrides
from projections.set_queries import among


class EntryNotFoundError(ChronologyError):
    """Raised when an entry id names no entry of the review."""


@dataclass(frozen=True)
class EntryHistory:
    """Every version of one agency row, and every decision and conflict that touched it."""

    record_id: str
    versions: list[dict[str, Any]]
    decisions: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]


def incidents_of(connection: sa.Connection, record_ids: Collection[str]) -> set[str]:
    """The current incidents these records are members of (one lookup, whatever the review's
    size: no need to build the merged view)."""
    return set(
        connection.execute(
            sa.select(members.c.incident_id).where(among(members.c.record_id, set(record_ids)))
        ).scalars()
    )


def resolve_record(engine: sa.Engine, review_id: str, entry: str) -> str:
    """The record id for an entry id or a record id (an unambiguous prefix of either will do)."""
    wanted = entry.strip().lower()
    with engine.connect() as connection:
        found = set(
            connection.execute(
                sa.select(facts.c.record_id).where(
                    facts.c.review_id == review_id,
                    sa.or_(
                        facts.c.entry_id.startswith(wanted), facts.c.record_id.startswith(wanted)
                    ),
                )
            ).scalars()
        )
    if len(found) == 1:
        return str(found.pop())
    if not found:
        raise EntryNotFoundError(f"no entry {entry!r} in this review (see `chronology entries`)")
    raise EntryNotFoundError(f"{entry!r} matches {len(found)} entries; give more of the id")


def entry_history(engine: sa.Engine, review_id: str, entry: str) -> EntryHistory:
    """The versions of the row `entry` belongs to, oldest first, with decisions touching it."""
    record = resolve_record(engine, review_id, entry)
    with engine.connect() as connection:
        versions = [
            {
                "entry_id": r.entry_id,
                "submission_id": r.submission_id,
                "agency": r.agency,
                "file": r.file_name,
                "row": r.row,
                "line": r.line,
                "date": r.date_text,
                "time": r.time,
                "cells": dict(zip(r.header or [], r.cells, strict=False)),
                "valid_from": r.valid_from,
                "valid_to": r.valid_to,
            }
            for r in connection.execute(
                sa.select(facts, headers.c.header)
                .join(headers, headers.c.submission_id == facts.c.submission_id, isouter=True)
                .where(facts.c.record_id == record)
                .order_by(facts.c.valid_from)
            )
        ]
        touched_conflicts = [
            dict(r._mapping)
            for r in connection.execute(
                sa.select(conflicts)
                .where(conflicts.c.review_id == review_id)
                .order_by(conflicts.c.valid_from)
            )
            if record in r.entry_ids
        ]
        keys = {c["conflict_key"] for c in touched_conflicts}
        chair = [
            {
                "position": r.valid_from,
                "what": f"conflict {r.conflict_key} {r.status}",
                "decision": r.decision,
                "rationale": r.rationale,
                "by": r.decided_by,
                "at": r.decided_at,
            }
            for r in connection.execute(
                sa.select(decisions).where(
                    decisions.c.review_id == review_id, decisions.c.conflict_key.in_(keys)
                )
            )
        ]
        chair += [
            {
                "position": r.position,
                "what": r.kind,
                "decision": None,
                "rationale": r.rationale,
                "by": r.decided_by,
                "at": r.decided_at,
            }
            for r in connection.execute(
                sa.select(overrides).where(overrides.c.review_id == review_id)
            )
            if record in r.entry_ids or f"entry:{record}" in r.entry_ids
        ]
    chair.sort(key=lambda d: d["position"])
    return EntryHistory(
        record_id=record, versions=versions, decisions=chair, conflicts=touched_conflicts
    )

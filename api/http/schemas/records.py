"""Bodies for the record itself: the audit trail, an entry's history, verification."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class AuditLineOut(BaseModel):
    """One event of a review: who did what, when, from where."""

    position: int
    recorded_at: str
    action: str
    actor: str
    file_name: str | None
    row: int | None
    subject: str | None
    detail: str | None


class HistoryOut(BaseModel):
    """Every version of one agency row, and every decision and conflict that touched it."""

    record_id: str
    versions: list[dict[str, Any]]
    decisions: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]


class VerificationOut(BaseModel):
    """Whether the stored events are exactly those sealed when written."""

    intact: bool
    events_checked: int
    head_seal: str
    problem: str | None

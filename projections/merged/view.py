"""Reading the merged chronology as it stood at any event position (today's is just the latest).

Also decides each conflict's status: open, resolved, or needing review when the accounts a
decision was based on have changed since (a corrected file, a new account, a vanished conflict).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from projections.bulk import collector_paused
from projections.merged.tables import conflicts, decisions, facts, headers, incidents, overrides

_FAR_FUTURE = 2**62


@dataclass(frozen=True)
class ViewEntry:
    """One agency's account within an incident, with provenance."""

    entry_id: str
    record_id: str
    agency: str
    file: str
    row: int
    line: int
    date: str
    date_precision: str
    time: str | None
    summary: str
    fields: dict[str, str]
    cells: dict[str, str]
    earliest: str | None = None  # the span the agency's own date stands for (ISO days)
    latest: str | None = None


@dataclass(frozen=True)
class ViewIncident:
    """Entries judged to be one incident, in date order."""

    id: str
    date: str | None
    end_date: str | None
    date_precision: str
    explanation: str
    entries: list[ViewEntry]
    notes: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class ViewConflict:
    """A conflict marker with its status and the chair's decision, if any."""

    key: str
    kind: str
    incident: str
    entries: list[dict[str, Any]]
    explanation: str
    confidence: float
    status: str
    decision: dict[str, Any] | None
    needs_review_because: str | None
    version: int


@dataclass(frozen=True)
class MergedView:
    """The merged chronology of one review as at one position."""

    review: str
    position: int
    incidents: list[ViewIncident]
    conflicts: list[ViewConflict]
    overrides: list[dict[str, Any]]


def merged_view(engine: sa.Engine, review_id: str, review_name: str, position: int) -> MergedView:
    """The chronology as it stood once every event up to `position` had been applied."""
    with collector_paused():
        return _merged_view(engine, review_id, review_name, position)


def _merged_view(engine: sa.Engine, review_id: str, review_name: str, position: int) -> MergedView:
    with engine.connect() as connection:
        entry_rows = _valid(connection, facts, review_id, position)
        by_entry = {row["record_id"]: row for row in entry_rows}
        header_of = _headers(connection, {row["submission_id"] for row in entry_rows})
        for row in entry_rows:
            row["header"] = header_of.get(row["submission_id"], [])
        incident_rows = _valid(connection, incidents, review_id, position)
        conflict_rows = _valid(connection, conflicts, review_id, position)
        decision_rows = {
            row["conflict_key"]: row for row in _valid(connection, decisions, review_id, position)
        }
        override_rows = [
            dict(r._mapping)
            for r in connection.execute(
                sa.select(overrides)
                .where(overrides.c.review_id == review_id, overrides.c.position <= position)
                .order_by(overrides.c.position)
            )
        ]
    notes = _notes(override_rows)
    views = [_incident(row, by_entry, notes) for row in incident_rows]
    views.sort(
        key=lambda i: (
            i.date is None,
            i.date or "",
            i.entries[0].time or "" if i.entries else "",
            i.id,
        )
    )
    return MergedView(
        review=review_name,
        position=position,
        incidents=views,
        conflicts=_conflicts(conflict_rows, decision_rows, by_entry, {i.id: i for i in views}),
        overrides=[o for o in override_rows if o["kind"] != "note"],
    )


def _headers(connection: sa.Connection, submission_ids: set[str]) -> dict[str, list[str]]:
    found = connection.execute(
        sa.select(headers.c.submission_id, headers.c.header).where(
            headers.c.submission_id.in_(submission_ids)
        )
    )
    return {row.submission_id: row.header for row in found}


def _valid(
    connection: sa.Connection, table: sa.Table, review_id: str, position: int
) -> list[dict[str, Any]]:
    query = sa.select(table).where(
        table.c.review_id == review_id,
        table.c.valid_from <= position,
        sa.or_(table.c.valid_to.is_(None), table.c.valid_to > position),
    )
    return [dict(r._mapping) for r in connection.execute(query)]


def _incident(
    row: dict[str, Any], by_entry: dict[str, dict[str, Any]], notes: dict[str, list[dict[str, str]]]
) -> ViewIncident:
    entries = [_entry(by_entry[e]) for e in row["entry_ids"] if e in by_entry]
    entries.sort(
        key=lambda e: (by_entry[e.record_id]["earliest"] or "9999", e.time or "", e.agency, e.row)
    )
    incident_notes = list(notes.get(f"incident:{row['incident_id']}", []))
    for entry in entries:
        incident_notes += notes.get(f"entry:{entry.record_id}", [])
    return ViewIncident(
        id=row["incident_id"],
        date=row["earliest"],
        end_date=row["latest"] if row["latest"] != row["earliest"] else None,
        date_precision=row["precision"],
        explanation=row["explanation"],
        entries=entries,
        notes=incident_notes,
    )


def _entry(row: dict[str, Any]) -> ViewEntry:
    fields = row["fields"]
    header, cells = row["header"], row["cells"]
    named = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header)}
    return ViewEntry(
        entry_id=row["entry_id"],
        record_id=row["record_id"],
        agency=row["agency"],
        file=row["file_name"],
        row=row["row"],
        line=row["line"],
        date=row["date_text"],
        date_precision=row["precision"],
        time=row["time"],
        summary=fields.get("summary") or fields.get("event_type") or "",
        fields=fields,
        cells=named,
        earliest=row["earliest"],
        latest=row["latest"],
    )


def _notes(override_rows: list[dict[str, Any]]) -> dict[str, list[dict[str, str]]]:
    notes: dict[str, list[dict[str, str]]] = {}
    for row in override_rows:
        if row["kind"] == "note":
            notes.setdefault(row["entry_ids"][0], []).append(
                {"text": row["rationale"], "by": row["decided_by"], "at": row["decided_at"]}
            )
    return notes


def _conflicts(
    conflict_rows: list[dict[str, Any]],
    decision_rows: dict[str, dict[str, Any]],
    by_entry: dict[str, dict[str, Any]],
    incidents_by_id: dict[str, ViewIncident],
) -> list[ViewConflict]:
    views = []
    present = set()
    for row in conflict_rows:
        present.add(row["conflict_key"])
        decision = decision_rows.get(row["conflict_key"])
        status, because = _status(row, decision)
        views.append(
            ViewConflict(
                key=row["conflict_key"],
                kind=row["kind"],
                incident=row["incident_id"],
                entries=[_conflict_entry(e, by_entry) for e in row["entry_ids"]],
                explanation=row["explanation"],
                confidence=row["confidence"],
                status=status,
                decision=_decision(decision),
                needs_review_because=because,
                version=decision["version"] if decision else 0,
            )
        )
    for key, decision in decision_rows.items():
        if key in present or decision["status"] != "resolved":
            continue
        # A decided conflict the matcher no longer finds: never dropped, shown for review.
        basis = decision["basis"]
        views.append(
            ViewConflict(
                key=key,
                kind=basis.get("kind", "other"),
                incident=basis.get("incident", ""),
                entries=[_conflict_entry(e, by_entry) for e in basis.get("entry_ids", [])],
                explanation=basis.get("explanation", ""),
                confidence=0.0,
                status="needs review",
                decision=_decision(decision),
                version=decision["version"],
                needs_review_because="the disagreement is no longer found in the current files "
                "(an agency may have "
                "corrected its chronology); check the decision still stands",
            )
        )
    order = {incident_id: n for n, incident_id in enumerate(incidents_by_id)}
    views.sort(key=lambda c: (order.get(c.incident, len(order)), c.kind, c.key))
    return views


def _status(row: dict[str, Any], decision: dict[str, Any] | None) -> tuple[str, str | None]:
    if decision is None or decision["status"] != "resolved":
        return "open", None
    basis = decision["basis"]
    added = sorted(set(row["entry_ids"]) - set(basis.get("entry_ids", [])))
    removed = sorted(set(basis.get("entry_ids", [])) - set(row["entry_ids"]))
    if added or removed:
        parts = ([f"new account(s) joined: {', '.join(added)}"] if added else []) + (
            [f"account(s) no longer part of it: {', '.join(removed)}"] if removed else []
        )
        return "needs review", "; ".join(parts)
    if basis.get("digest") and basis["digest"] != row["digest"]:
        return (
            "needs review",
            "an agency has since changed what these entries say (a resubmitted file)",
        )
    return "resolved", None


def _decision(decision: dict[str, Any] | None) -> dict[str, Any] | None:
    if decision is None:
        return None
    return {
        "status": decision["status"],
        "decision": decision["decision"],
        "accepted_entry_id": decision["accepted_entry_id"],
        "rationale": decision["rationale"],
        "by": decision["decided_by"],
        "at": decision["decided_at"],
        "version": decision["version"],
    }


def _conflict_entry(record: str, by_entry: dict[str, dict[str, Any]]) -> dict[str, Any]:
    row = by_entry.get(record)
    if row is None:
        return {"entry_id": None, "record_id": record, "agency": None, "file": None, "row": None}
    return {
        "entry_id": row["entry_id"],
        "record_id": record,
        "agency": row["agency"],
        "file": row["file_name"],
        "row": row["row"],
    }


def current_entries(engine: sa.Engine, record_ids: Collection[str]) -> dict[str, ViewEntry]:
    """The current rows of these records, verbatim with provenance, by record id."""
    if not record_ids:
        return {}
    with engine.connect() as connection:
        rows = [
            dict(r._mapping)
            for r in connection.execute(
                sa.select(facts).where(
                    facts.c.record_id.in_(list(record_ids)), facts.c.valid_to.is_(None)
                )
            )
        ]
        header_of = _headers(connection, {row["submission_id"] for row in rows})
    for row in rows:
        row["header"] = header_of.get(row["submission_id"], [])
    return {row["record_id"]: _entry(row) for row in rows}

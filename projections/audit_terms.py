"""The audit trail in people's terms: record ids become agency, file and row; conflict keys
become the kind of conflict and its incident's date. Read-only, over the read models."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from projections.audit import AuditLine
from projections.merged.tables import conflicts, facts, incidents

_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_ID = re.compile(rf"\b(?:c[fr]-[0-9a-f]{{16}}|{_UUID})\b")  # detectors' and chair's keys
_KIND_WORDS = {
    "date": "dates",
    "time": "times",
    "identity": "people",
    "status": "status",
    "location": "places",
    "attribution": "who did it",
    "account": "accounts",
    "count": "numbers",
    "other": "other",
}


@dataclass(frozen=True)
class AuditRow:
    """One audit line as a person reads it."""

    position: int
    recorded_at: str
    actor: str
    action: str
    where: str  # agency, file and row (or the file, or the conflict)
    detail: str
    entry: str | None  # an entry whose history can be opened


@dataclass(frozen=True)
class Names:
    """What the ids in the trail stand for, in people's terms."""

    records: dict[str, tuple[str, str, int]]  # entry or record id -> agency, file, row
    conflicts: dict[str, str]  # conflict key -> 'the dates conflict of 23 Oct 2014'

    def place(self, ident: str) -> str:
        """'Staffordshire Police, staffordshire_police.csv row 40' for an id (else the id)."""
        if ident in self.records:
            agency, file_name, row = self.records[ident]
            return f"{agency}, {file_name} row {row}"
        return self.conflicts.get(ident, ident)

    def words(self, text: str) -> str:
        """`text` with every id it holds replaced by what it stands for."""
        return _ID.sub(lambda found: self.place(found.group(0)), text)


def trail_names(engine: sa.Engine, review_id: str) -> Names:
    """Every record and conflict the review has ever held, by id (every version)."""
    with engine.connect() as connection:
        records: dict[str, tuple[str, str, int]] = {}
        for row in connection.execute(
            sa.select(
                facts.c.entry_id, facts.c.record_id, facts.c.agency, facts.c.file_name, facts.c.row
            ).where(facts.c.review_id == review_id)
        ):
            place = (row.agency, row.file_name, row.row)
            records.setdefault(row.entry_id, place)
            records.setdefault(row.record_id, place)
        days = {
            row.incident_id: row.earliest
            for row in connection.execute(
                sa.select(incidents.c.incident_id, incidents.c.earliest).where(
                    incidents.c.review_id == review_id
                )
            )
        }
        labels = {}
        for row in connection.execute(
            sa.select(conflicts.c.conflict_key, conflicts.c.kind, conflicts.c.incident_id).where(
                conflicts.c.review_id == review_id
            )
        ):
            day = days.get(row.incident_id)
            when = f" of {date.fromisoformat(day[:10]):%d %b %Y}" if day else ""
            labels[row.conflict_key] = f"the {_KIND_WORDS.get(row.kind, row.kind)} conflict{when}"
    return Names(records=records, conflicts=labels)


def in_peoples_terms(lines: Sequence[AuditLine], names: Names) -> list[AuditRow]:
    """The trail's lines with agency, file and row in place of ids."""
    rows = []
    for line in lines:
        subject = line.subject or ""
        if line.file_name and line.row:
            agency = names.records.get(subject, ("", "", 0))[0]
            where = f"{agency + ', ' if agency else ''}{line.file_name} row {line.row}"
        elif line.file_name:
            where = line.file_name
        else:
            where = ", ".join(names.place(part.strip()) for part in subject.split(",") if part)
        rows.append(
            AuditRow(
                position=line.position,
                recorded_at=line.recorded_at,
                actor=line.actor,
                action=line.action,
                where=where,
                detail=names.words(line.detail or ""),
                entry=subject if line.row and subject in names.records else None,
            )
        )
    return rows

"""Queries on the entries read model: what is stored for a review, in date order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from domain.identity import normalise_name
from projections.entries import entries, reviews, submissions


@dataclass(frozen=True)
class ListedEntry:
    """One stored row with its provenance, as listings show it."""

    entry_id: str
    agency: str
    file_name: str
    row: int
    line: int
    submission_id: str
    uploaded_by: str
    uploaded_at: str
    status: str
    current: bool
    date_text: str | None
    earliest: str | None
    latest: str | None
    precision: str | None
    approximate: bool | None
    time: str | None
    fields: dict[str, str]
    cells: list[str]
    header: list[str]
    reason: str | None

    def verbatim(self) -> dict[str, str]:
        """The agency's cells under the agency's own headers (extra cells numbered)."""
        named = {
            name: (self.cells[i] if i < len(self.cells) else "")
            for i, name in enumerate(self.header)
        }
        for extra, cell in enumerate(self.cells[len(self.header) :], start=len(self.header) + 1):
            named[f"Column {extra}"] = cell
        return named


def list_entries(
    engine: sa.Engine,
    review_id: str,
    agency: str | None = None,
    include_superseded: bool = False,
) -> list[ListedEntry]:
    """Entries of a review in date order (undated and unreadable rows last), with provenance."""
    query = (
        sa.select(entries, submissions.c.header)
        .join(submissions, submissions.c.submission_id == entries.c.submission_id)
        .where(entries.c.review_id == review_id)
        .order_by(
            entries.c.readable.desc(),
            entries.c.earliest.is_(None),
            entries.c.earliest,
            entries.c.time.is_(None),
            entries.c.time,
            entries.c.agency,
            entries.c.row,
        )
    )
    if not include_superseded:
        query = query.where(entries.c.current.is_(True))
    if agency:
        query = query.where(sa.func.lower(entries.c.agency) == agency.strip().lower())
    with engine.connect() as connection:
        return [_listed(row._mapping) for row in connection.execute(query)]


def review_names(engine: sa.Engine) -> list[str]:
    """Names of every review held, alphabetically."""
    with engine.connect() as connection:
        return [
            r.name for r in connection.execute(sa.select(reviews.c.name).order_by(reviews.c.name))
        ]


def _listed(row: Any) -> ListedEntry:
    return ListedEntry(
        entry_id=row["entry_id"],
        agency=row["agency"],
        file_name=row["file_name"],
        row=row["row"],
        line=row["line"],
        submission_id=row["submission_id"],
        uploaded_by=row["uploaded_by"],
        uploaded_at=row["uploaded_at"],
        status="recorded" if row["readable"] else "unreadable",
        current=row["current"],
        date_text=row["date_text"],
        earliest=row["earliest"],
        latest=row["latest"],
        precision=row["precision"],
        approximate=row["approximate"],
        time=row["time"],
        fields=row["fields"],
        cells=row["cells"],
        header=row["header"],
        reason=row["reason"],
    )


@dataclass(frozen=True)
class UnreadableListed:
    """A row intake could not read, with where it stands and why."""

    entry_id: str
    submission_id: str
    agency: str
    file_name: str
    row: int
    line: int
    place: str
    column: str | None
    reason: str


def unreadable_rows(
    engine: sa.Engine, review_id: str, agency: str | None = None
) -> list[UnreadableListed]:
    """The unreadable rows of the review's current files, by agency, file and row."""
    query = sa.select(entries).where(
        entries.c.review_id == review_id,
        entries.c.readable.is_(False),
        entries.c.current.is_(True),
    )
    with engine.connect() as connection:
        rows = [dict(r._mapping) for r in connection.execute(query)]
    # Sorted here: file names may be encrypted cells, which SQL cannot put in order.
    rows.sort(key=lambda r: (r["agency"], r["file_name"], r["row"]))
    if agency is not None:
        rows = [r for r in rows if normalise_name(r["agency"]) == normalise_name(agency)]
    return [
        UnreadableListed(
            entry_id=r["entry_id"],
            submission_id=r["submission_id"],
            agency=r["agency"],
            file_name=r["file_name"],
            row=r["row"],
            line=r["line"],
            place=f"line {r['line']}",
            column=r["problem_column"],
            reason=r["reason"] or "",
        )
        for r in rows
    ]

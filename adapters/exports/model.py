"""The neutral export document: plain, frozen data that every export format is written from.

It knows nothing of read models or storage, so exporters stay in `adapters` and the same document
can be checked once and written many ways. Texts are already pseudonymised (or not) when built.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class ExportEntry:
    """One agency's account of an incident, with where it came from."""

    entry_id: str
    date_text: str
    precision: str
    earliest: date | None
    latest: date | None
    time: str
    agency: str
    file: str
    row: int
    subjects: str
    account: str
    action: str
    comment: str
    conflict_numbers: tuple[str, ...] = ()
    # Every column the agency sent, under its own header, mapped or not: nothing is dropped.
    cells: tuple[tuple[str, str], ...] = ()

    @property
    def source(self) -> str:
        """The file and row the account came from, as a reader cites it."""
        return f"{self.file}, row {self.row}"


@dataclass(frozen=True)
class ExportIncident:
    """Accounts judged to be one incident, in date order."""

    incident_id: str
    earliest: date | None
    latest: date | None
    precision: str
    entries: tuple[ExportEntry, ...]
    notes: tuple[str, ...] = ()
    conflict_numbers: tuple[str, ...] = ()


@dataclass(frozen=True)
class ConflictSide:
    """What one agency said, on one side of a conflict."""

    agency: str
    file: str
    row: int | None
    date_text: str
    account: str

    @property
    def statement(self) -> str:
        """Who said what, and where it is written: one side as the register states it."""
        row = self.row if self.row is not None else "?"
        return f"{self.agency} ({self.file}, row {row}) {self.date_text}: {self.account}".strip()


@dataclass(frozen=True)
class ExportConflict:
    """A conflict marker: each side, its status and the chair's decision and rationale."""

    number: str
    key: str
    kind: str
    status: str
    incident_id: str
    explanation: str
    sides: tuple[ConflictSide, ...]
    decision: str = ""
    decided_by: str = ""
    decided_at: str = ""
    rationale: str = ""
    needs_review_because: str = ""

    @property
    def summary(self) -> str:
        """A one-line statement of the marker and where it stands, for a chronology cell."""
        text = f"{self.number} {self.kind} conflict: {self.status}"
        if self.decision:
            text += f"; decision: {self.decision}"
        return text


@dataclass(frozen=True)
class ExportSubmission:
    """One agency file as uploaded."""

    agency: str
    file: str
    uploaded_by: str
    uploaded_at: str
    rows: int
    unreadable: int
    superseded: bool


@dataclass(frozen=True)
class ExportUnreadableRow:
    """A row intake could not read, kept verbatim with the reason."""

    agency: str
    file: str
    row: int
    line: int
    reason: str
    text: str


@dataclass(frozen=True)
class ExportPerson:
    """One person the review names; the real name only when the export may show it."""

    pseudonym: str
    role: str
    aliases: tuple[str, ...]
    real_name: str | None = None


@dataclass(frozen=True)
class ExportDocument:
    """Everything one export says, as at one event position."""

    review: str
    position: int
    generated_at: datetime | None
    conflicts_only: bool
    shows_real_names: bool
    incidents: tuple[ExportIncident, ...]
    conflicts: tuple[ExportConflict, ...]
    submissions: tuple[ExportSubmission, ...]
    unreadable_rows: tuple[ExportUnreadableRow, ...]
    people: tuple[ExportPerson, ...]

    @property
    def entry_count(self) -> int:
        """How many agency accounts the chronology holds."""
        return sum(len(incident.entries) for incident in self.incidents)

    @property
    def sent_headers(self) -> tuple[str, ...]:
        """Every header any agency's file used, in the order first met (for a column each)."""
        found: dict[str, None] = {}
        for incident in self.incidents:
            for entry in incident.entries:
                for header, _ in entry.cells:
                    found.setdefault(header, None)
        return tuple(found)

    @property
    def agencies(self) -> tuple[str, ...]:
        """The agencies that submitted, alphabetically."""
        return tuple(sorted({submission.agency for submission in self.submissions}))

    @property
    def provenance(self) -> str:
        """When and from which event position the export was made, in one sentence."""
        source = f"the review record as at event position {self.position}"
        if self.generated_at is None:
            return f"From {source}"
        return f"Generated {self.generated_at:%d/%m/%Y %H:%M %Z}".rstrip() + f" from {source}"

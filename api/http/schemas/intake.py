"""Bodies for submissions: the intake report of an upload, and stored submissions and entries."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class UnreadableRowReport(BaseModel):
    """A row stored verbatim but not read, and why."""

    row: int = Field(description="1-based among the file's non-blank records after the header")
    line: int = Field(
        description="the physical line where the record starts (a CSV file), or "
        "the row of its sheet or Word table"
    )
    place: str = Field(
        description='where it stands: "line 5", "sheet \'Log\' row 7", "table 2 row 4"'
    )
    column: str | None
    reason: str


class SkippedLineReport(BaseModel):
    """A line that is not a record (a title, a footer), reported rather than counted."""

    line: int
    place: str = Field(description="where it stands, as for an unreadable row")
    reason: str
    text: str


class IntakeReport(BaseModel):
    """What an upload did: stored or already held, and how the file was read."""

    status: Literal["stored", "already_held"]
    review: str
    agency: str
    uploaded_by: str
    submission_id: str
    supersedes: str | None = Field(description="the agency's earlier submission this one replaces")
    file_name: str
    file_type: str = Field(description="csv, xlsx, xlsm, docx or docm: read from the bytes")
    byte_count: int
    encoding: str = Field(description="a text file's encoding (empty for a workbook or document)")
    delimiter: str
    tables_read: list[str] = Field(
        description="the sheets or Word tables read as the chronology, in order"
    )
    tables_skipped: list[str] = Field(
        description="the sheets or tables set aside, each with the reason"
    )
    notes: list[str] = Field(
        description="what the reader noticed, such as hidden columns read as any other"
    )
    date_order: Literal["day/month/year", "month/day/year"] = Field(
        description="how numeric dates were read: month first only for a file whose dates "
        "can only be month/day/year"
    )
    records: int = Field(description="records in the file (stored or unreadable)")
    rows_stored: int = Field(description="entries stored by this upload (0 when already held)")
    unreadable_rows: list[UnreadableRowReport]
    column_mapping: dict[str, str | None] = Field(
        description="each header and the canonical field it fills (null: kept verbatim, not mapped)"
    )
    skipped_lines: list[SkippedLineReport]
    merged_chronology: Literal["up_to_date", "updating"] = Field(
        description="up_to_date: the merged chronology and every other read model include this "
        "upload; updating: the file is stored and they are being brought up to date (see "
        "events_to_apply, and `events_to_apply` of /health for the whole store)"
    )
    events_to_apply: int | None = Field(
        description="stored events, up to this upload's own, the read models have yet to apply "
        "(null: the store could not say just after the file was stored)"
    )


class SubmissionOut(BaseModel):
    """One stored submission (an uploaded file), with provenance."""

    submission_id: str
    agency: str
    file_name: str
    content_sha256: str
    byte_count: int
    uploaded_by: str
    uploaded_at: str
    encoding: str
    delimiter: str
    header: list[str]
    column_mapping: dict[str, str]
    row_count: int
    unreadable_count: int
    supersedes: str | None
    superseded_by: str | None


class EntryOut(BaseModel):
    """One stored row with provenance and its verbatim cells under the agency's headers."""

    entry_id: str
    agency: str
    file_name: str
    row: int
    line: int
    submission_id: str
    uploaded_by: str
    uploaded_at: str
    status: Literal["recorded", "unreadable"]
    current: bool
    date_text: str | None
    earliest: str | None
    latest: str | None
    precision: str | None
    time: str | None
    fields: dict[str, str]
    verbatim: dict[str, str]
    reason: str | None


class SubmissionDetail(SubmissionOut):
    """A submission with every row it holds."""

    entries: list[EntryOut]

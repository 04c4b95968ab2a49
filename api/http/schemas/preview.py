"""The body of an intake preview: how a file would be read, before anything is stored."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from api.http.schemas.intake import SkippedLineReport, UnreadableRowReport


class ColumnOut(BaseModel):
    """One column of the file and the role intake gave it, with the reason."""

    name: str = Field(description="the column's header as the file has it")
    role: str | None = Field(description="the canonical field it fills (null: kept verbatim)")
    reason: str = Field(description='why, in words: "78 of 78 filled cells are dates"')
    set_by_uploader: bool = Field(description="true when the mapping sent gave this role")


class PreviewRowOut(BaseModel):
    """One of the file's first records, as it would be stored."""

    row: int
    place: str = Field(description='where it stands: "line 5", "sheet \'Log\' row 7"')
    cells: dict[str, str] = Field(description="each header and the record's cell under it")
    date_text: str | None = Field(description="the date as written")
    date_read: str | None = Field(description='the date as read: "16 Jun 2012 at 01:28"')
    problem: str | None = Field(description="why the row cannot be read (it would be stored)")


class IntakePreviewOut(BaseModel):
    """What an upload would store, shown first: nothing has been stored."""

    stored: Literal[False] = Field(default=False, description="a preview never stores")
    already_held: bool = Field(description="these exact bytes are already held for the agency")
    review: str
    agency: str
    file_name: str
    content_sha256: str
    file_type: str = Field(description="csv, xlsx, xls, ods, docx...: read from the bytes")
    byte_count: int
    encoding: str
    delimiter: str
    date_order: Literal["day/month/year", "month/day/year"]
    tables_read: list[str] = Field(description="the sheets or Word tables read, in order")
    tables_skipped: list[str] = Field(description="the sheets or tables set aside, and why")
    notes: list[str]
    records: int = Field(description="records the file holds (readable or not)")
    columns: list[ColumnOut]
    first_rows: list[PreviewRowOut]
    unreadable_rows: list[UnreadableRowReport]
    skipped_lines: list[SkippedLineReport]
    mapping: list[str] = Field(
        description='the mapping applied, as "Header=field" lines to send with the import'
    )
    roles: list[str] = Field(description="every role a column can be given")

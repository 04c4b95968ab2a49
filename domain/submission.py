"""The submission aggregate: one agency's upload of one file, with how it was read.

A submission records the bytes' fingerprint and everything needed to re-read them the same way
(encoding, delimiter, header, column mapping), so the record explains itself years later.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate


class Submission(Aggregate):
    """One file received from one agency for one review."""

    TOPIC = "chronology:Submission"

    class Event(Aggregate.Event):
        TOPIC = "chronology:Submission.Event"

    class Received(Aggregate.Created):
        """A file was received and read; its rows follow as Entry and UnreadableRow events."""

        TOPIC = "chronology:Submission.Received"
        review_id: UUID
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
        skipped_lines: list[dict[str, Any]]
        supersedes: UUID | None
        # Version 2: workbooks and Word tables, and why each column was read as it was.
        file_type: str
        tables_read: list[str]
        tables_skipped: list[str]
        column_decisions: list[dict[str, Any]]
        header_found: bool

        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Files received before version 2 were CSV with a header, mapped by its words."""
            state["file_type"] = "csv"
            state["tables_read"] = []
            state["tables_skipped"] = []
            state["column_decisions"] = []
            state["header_found"] = True

    def __init__(
        self,
        review_id: UUID,
        agency: str,
        file_name: str,
        content_sha256: str,
        byte_count: int,
        uploaded_by: str,
        uploaded_at: str,
        encoding: str,
        delimiter: str,
        header: list[str],
        column_mapping: dict[str, str],
        row_count: int,
        unreadable_count: int,
        skipped_lines: list[dict[str, Any]],
        supersedes: UUID | None,
        file_type: str = "csv",
        tables_read: list[str] | None = None,
        tables_skipped: list[str] | None = None,
        column_decisions: list[dict[str, Any]] | None = None,
        header_found: bool = True,
    ) -> None:
        self.review_id = review_id
        self.agency = agency
        self.file_name = file_name
        self.content_sha256 = content_sha256
        self.byte_count = byte_count
        self.uploaded_by = uploaded_by
        self.uploaded_at = uploaded_at
        self.encoding = encoding
        self.delimiter = delimiter
        self.header = header
        self.column_mapping = column_mapping
        self.row_count = row_count
        self.unreadable_count = unreadable_count
        self.skipped_lines = skipped_lines
        self.supersedes = supersedes
        self.file_type = file_type
        self.tables_read = tables_read or []
        self.tables_skipped = tables_skipped or []
        self.column_decisions = column_decisions or []
        self.header_found = header_found

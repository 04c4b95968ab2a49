"""Ids derived from natural keys, so that re-importing the same thing finds the same aggregate.

Every id is a uuid5 under one namespace of our own. Changing the namespace or a key's
shape would orphan every stored review, so both are part of the permanent record.
"""

from __future__ import annotations

from collections.abc import Callable
from hashlib import sha1
from uuid import UUID, uuid5

CHRONOLOGY_NAMESPACE = UUID("5f0c3e52-7d1b-4c55-9f43-2d6a1c0e9b71")


def normalise_name(name: str) -> str:
    """Case- and space-insensitive form of a human name ("DHR  7" == "dhr 7")."""
    return " ".join(name.split()).casefold()


def review_id(review_name: str) -> UUID:
    """The id of the review called `review_name`."""
    return uuid5(CHRONOLOGY_NAMESPACE, f"review:{normalise_name(review_name)}")


def submission_id(review: UUID, agency: str, content_sha256: str) -> UUID:
    """The id of one agency's upload of exactly these bytes to one review."""
    return uuid5(
        CHRONOLOGY_NAMESPACE, f"submission:{review}:{normalise_name(agency)}:{content_sha256}"
    )


def entry_id(submission: UUID, row: int) -> UUID:
    """The id of the record at `row` (1-based, non-blank records after the header)."""
    return uuid5(CHRONOLOGY_NAMESPACE, f"entry:{submission}:{row}")


def entry_ids(submission: UUID) -> Callable[[int], UUID]:
    """`entry_id` for the rows of one submission: the same ids, with the start of the key they
    share (namespace and submission) encoded once, not once a row (a file can have 100,000)."""
    shared = CHRONOLOGY_NAMESPACE.bytes + f"entry:{submission}:".encode()

    def of_row(row: int) -> UUID:
        # As uuid5 makes its ids: the first 16 bytes of the name's SHA-1, marked version 5.
        return UUID(bytes=sha1(shared + str(row).encode()).digest()[:16], version=5)

    return of_row


def record_id(review: UUID, agency: str, row: int) -> UUID:
    """The record of row N of an agency's first file. A record follows one agency row across
    that agency's corrected files (the read model matches corrected rows to the rows they
    continue), so decisions about it carry over."""
    return uuid5(CHRONOLOGY_NAMESPACE, f"record:{review}:{normalise_name(agency)}:{row}")


def revised_record_id(review: str | UUID, agency: str, submission: str | UUID, row: int) -> UUID:
    """The record of a row of a corrected file that continues no row of the file it replaces."""
    return uuid5(
        CHRONOLOGY_NAMESPACE, f"record:{review}:{normalise_name(agency)}:{submission}:{row}"
    )

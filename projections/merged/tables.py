"""Tables of the merged chronology. Rows carry [valid_from, valid_to) event positions: a row is
part of the chronology as at position P when valid_from <= P < valid_to (valid_to NULL = still)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from encryption.columns import LookupText, SealedJSON, SealedText

metadata = sa.MetaData()


def _versioned(name: str, *columns: sa.Column[Any] | sa.Index) -> sa.Table:
    plain = [c for c in columns if isinstance(c, sa.Column)]
    indexes = [c for c in columns if isinstance(c, sa.Index)]
    return sa.Table(
        name,
        metadata,
        *plain,
        sa.Column("valid_from", sa.BigInteger, nullable=False),
        sa.Column("valid_to", sa.BigInteger),
        *indexes,
    )


# What the matcher needs of each entry, plus what views show of it (verbatim cells under headers).
facts = _versioned(
    "rm_merge_facts",
    sa.Column("entry_id", sa.String(36), nullable=False),
    sa.Column("record_id", sa.String(36), nullable=False),
    sa.Column("review_id", sa.String(36), nullable=False),
    sa.Column("submission_id", sa.String(36), nullable=False),
    sa.Column("agency", sa.Text, nullable=False),
    sa.Column("file_name", SealedText, nullable=False),
    sa.Column("row", sa.Integer, nullable=False),
    sa.Column("line", sa.Integer, nullable=False),
    sa.Column("earliest", sa.String(10)),
    sa.Column("latest", sa.String(10)),
    sa.Column("precision", sa.String(12), nullable=False),
    sa.Column("approximate", sa.Boolean, nullable=False),
    sa.Column("date_text", SealedText, nullable=False),
    sa.Column("time", sa.String(8)),
    sa.Column("fields", SealedJSON, nullable=False),
    sa.Column("cells", SealedJSON, nullable=False),
    sa.Index("ix_rm_merge_facts_entry", "entry_id"),
    sa.Index("ix_rm_merge_facts_record", "record_id"),
    sa.Index("ix_rm_merge_facts_review", "review_id", "valid_to"),
    sa.Index("ix_rm_merge_facts_submission", "submission_id"),
)

# Each submission's header, once (not on every row): views name the verbatim cells with it.
headers = sa.Table(
    "rm_merge_headers",
    metadata,
    sa.Column("submission_id", sa.String(36), primary_key=True),
    sa.Column("header", sa.JSON, nullable=False),
)

# Blocking keys of current entries only: the index that finds a record's neighbours.
keys = sa.Table(
    "rm_merge_keys",
    metadata,
    sa.Column("review_id", sa.String(36), nullable=False),
    sa.Column("key", LookupText, nullable=False),
    sa.Column("record_id", sa.String(36), nullable=False),
    sa.Column("entry_id", sa.String(36), nullable=False),
    sa.Index("ix_rm_merge_keys_lookup", "review_id", "key"),
    sa.Index("ix_rm_merge_keys_record", "record_id"),
    sa.Index("ix_rm_merge_keys_entry", "entry_id"),
)

incidents = _versioned(
    "rm_incidents",  # entry_ids here, in conflicts, decisions and overrides are record ids
    sa.Column("review_id", sa.String(36), nullable=False),
    sa.Column("incident_id", sa.String(40), nullable=False),
    sa.Column("earliest", sa.String(10)),
    sa.Column("latest", sa.String(10)),
    sa.Column("precision", sa.String(12), nullable=False),
    sa.Column("explanation", SealedText, nullable=False),
    sa.Column("entry_ids", sa.JSON, nullable=False),
    sa.Index("ix_rm_incidents_review", "review_id", "valid_to"),
    sa.Index("ix_rm_incidents_incident", "incident_id", "valid_to"),
)

# Current membership only: which incident a record is in now (for finding what to re-merge).
members = sa.Table(
    "rm_incident_members",
    metadata,
    sa.Column("record_id", sa.String(36), primary_key=True),
    sa.Column("review_id", sa.String(36), nullable=False),
    sa.Column("incident_id", sa.String(40), nullable=False, index=True),
)

conflicts = _versioned(
    "rm_conflicts",
    sa.Column("review_id", sa.String(36), nullable=False),
    sa.Column("conflict_key", sa.String(64), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("incident_id", sa.String(40), nullable=False),
    sa.Column("entry_ids", sa.JSON, nullable=False),
    sa.Column("explanation", SealedText, nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("digest", sa.String(64), nullable=False),
    sa.Index("ix_rm_conflicts_review", "review_id", "valid_to"),
    sa.Index("ix_rm_conflicts_incident", "incident_id", "valid_to"),
    sa.Index("ix_rm_conflicts_key", "conflict_key", "valid_to"),
)

# The review's people as the matcher reads them (pseudonym, role, and the names and words the
# records use for them: aliases and the real name), with the glossary each review keeps.
people = sa.Table(
    "rm_merge_people",
    metadata,
    sa.Column("review_id", sa.String(36), primary_key=True),
    sa.Column("pseudonym", sa.Text, primary_key=True),
    sa.Column("role", sa.Text, nullable=False),
    sa.Column("names", SealedJSON, nullable=False),
)

glossaries = sa.Table(
    "rm_merge_glossaries",
    metadata,
    sa.Column("glossary_id", sa.String(36), primary_key=True),
    sa.Column("review_id", sa.String(36), nullable=False),
)

# The linkage model each merge of the review used (matching/model.py): the weight of every
# comparison level, the link threshold, and the review's size when it was estimated. Versioned
# like the chronology, so "as at" shows the model a past merge was made with.
models = _versioned(
    "rm_merge_models",
    sa.Column("review_id", sa.String(36), nullable=False),
    sa.Column("records", sa.Integer, nullable=False),
    # Weights per comparison level (names from settings.json, no words of the records): plain.
    sa.Column("weights", sa.JSON, nullable=False),
    sa.Column("link_threshold", sa.Float, nullable=False),
    sa.Index("ix_rm_merge_models_review", "review_id", "valid_to"),
)

# Submissions still arriving: a submission's rows are merged once all of them are in, so the
# chronology never shows half a file, however the event log was paged.
arrivals = sa.Table(
    "rm_merge_arrivals",
    metadata,
    sa.Column("submission_id", sa.String(36), primary_key=True),
    sa.Column("review_id", sa.String(36), nullable=False),
    sa.Column("agency", sa.Text, nullable=False),
    sa.Column("file_name", SealedText, nullable=False),
    sa.Column("header", sa.JSON, nullable=False),
    sa.Column("column_mapping", sa.JSON, nullable=False),
    sa.Column("expected_rows", sa.Integer, nullable=False),
    sa.Column("arrived_rows", sa.Integer, nullable=False),
    sa.Column("supersedes", sa.String(36)),
    # Another chronology from an agency whose other files stand: its rows start records of
    # their own (row N of the agency's first file keeps the plain agency-and-row record).
    sa.Column("own_records", sa.Boolean, nullable=False, default=False),
)

decisions = _versioned(
    "rm_decisions",
    sa.Column("review_id", sa.String(36), nullable=False),
    sa.Column("conflict_key", sa.String(64), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("status", sa.String(12), nullable=False),
    sa.Column("decision", sa.String(16)),
    sa.Column("accepted_entry_id", sa.String(36)),
    sa.Column("rationale", SealedText, nullable=False),
    sa.Column("decided_by", SealedText, nullable=False),
    sa.Column("decided_at", sa.Text, nullable=False),
    sa.Column("basis", SealedJSON, nullable=False),
    sa.Index("ix_rm_decisions_review", "review_id", "conflict_key"),
)

# Grouping overrides and notes are append-only: valid from the position they were made.
overrides = sa.Table(
    "rm_overrides",
    metadata,
    sa.Column("position", sa.BigInteger, primary_key=True),
    sa.Column("review_id", sa.String(36), nullable=False, index=True),
    sa.Column("kind", sa.String(8), nullable=False),
    sa.Column("entry_ids", sa.JSON, nullable=False),
    sa.Column("rationale", SealedText, nullable=False),
    sa.Column("decided_by", SealedText, nullable=False),
    sa.Column("decided_at", sa.Text, nullable=False),
)

# Conflicts the chair raised, append-only: each stands as a marker wherever two or more of its
# rows are one incident (matching/raised.py), from the position it was raised.
raised_conflicts = sa.Table(
    "rm_raised_conflicts",
    metadata,
    sa.Column("position", sa.BigInteger, primary_key=True),
    sa.Column("review_id", sa.String(36), nullable=False, index=True),
    sa.Column("conflict_key", sa.String(64), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("entry_ids", sa.JSON, nullable=False),
    sa.Column("description", SealedText, nullable=False),
    sa.Column("raised_by", SealedText, nullable=False),
    sa.Column("raised_at", sa.Text, nullable=False),
)

case_reviews = sa.Table(
    "rm_merge_cases",
    metadata,
    sa.Column("case_id", sa.String(36), primary_key=True),
    sa.Column("review_id", sa.String(36), nullable=False),
    sa.Column("conflict_key", sa.String(64), nullable=False),
)

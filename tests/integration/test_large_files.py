"""Large files on real stores: stored whole, and merged whole, on SQLite and PostgreSQL alike.

Part of the normal run (not a benchmark): a 20,000-row file is well within the upload limit,
and a file that size once took minutes to merge on PostgreSQL, or never stored at all.
"""

from __future__ import annotations

from collections import Counter

import pytest
import sqlalchemy as sa

from api.workspace import Workspace
from domain.application import ImportStatus
from projections.entries import entries
from tests.long_chronology import long_chronology

pytestmark = pytest.mark.postgres

ROWS = 20_000


def test_a_20000_row_file_is_stored_and_merged_whole(workspace: Workspace) -> None:
    content = long_chronology(ROWS)

    report = workspace.import_file(content, "police.csv", "DHR 20", "Police", uploaded_by="alice")

    assert report.outcome.status is ImportStatus.STORED
    assert report.outcome.rows_stored == ROWS
    with workspace.engine.connect() as connection:
        stored = set(
            connection.execute(
                sa.select(entries.c.entry_id).where(
                    entries.c.submission_id == str(report.outcome.submission_id)
                )
            ).scalars()
        )
    assert len(stored) == ROWS
    merged = workspace.merged("DHR 20")
    appearances = Counter(e.entry_id for i in merged.incidents for e in i.entries)
    assert set(appearances) == stored
    assert set(appearances.values()) == {1}

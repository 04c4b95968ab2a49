"""Four `chronology import` processes storing four agencies' files into one review at once,
on PostgreSQL: each file is stored whole, every row once, and the merged chronology shows all."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from adapters.store import StoreSettings
from api.workspace import Workspace
from tests.long_chronology import long_chronology
from tests.whole_files import stored_files

pytestmark = pytest.mark.postgres

CHRONOLOGY = str(Path(sys.executable).parent / "chronology")
AGENCIES = ["Police", "Hospital", "Housing", "Probation"]
ROWS = 1000


def test_four_processes_importing_into_one_review_at_once_store_every_file_whole(
    postgres_url: str, tmp_path: Path
) -> None:
    paths = []
    for number, agency in enumerate(AGENCIES):
        path = tmp_path / f"{agency.lower()}.csv"
        # Overlapping periods, so the files also meet in the merged chronology.
        path.write_bytes(long_chronology(ROWS, agency[:3].upper(), date(2000 + number, 1, 1)))
        paths.append(path)

    importing = [
        subprocess.Popen(
            [CHRONOLOGY, "import", "--review", "DHR 4", "--agency", agency, "--db", postgres_url]
            + ["--as", "panel.admin", str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for agency, path in zip(AGENCIES, paths, strict=True)
    ]
    finished = [process.communicate(timeout=600) for process in importing]

    assert [p.returncode for p in importing] == [0] * len(AGENCIES), finished
    workspace = Workspace(StoreSettings.resolve(postgres_url, environ={}))
    try:
        assert stored_files(workspace, "DHR 4") == {agency: ROWS for agency in AGENCIES}
        assert workspace.verify().intact
    finally:
        workspace.close()

"""`chronology import --dry-run`: the preview an uploader checks, printed, and nothing stored."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.test_cli import run


def test_a_dry_run_prints_the_roles_and_first_rows_and_stores_nothing(
    tmp_path: Path, dhr7: Path
) -> None:
    run(
        "import",
        "--review",
        "DHR 7",
        "--agency",
        "WMAS",
        str(dhr7 / "wmas_ambulance.csv"),
        cwd=tmp_path,
    )
    police = str(dhr7 / "staffordshire_police.csv")

    dry = run(
        "import",
        "--review",
        "DHR 7",
        "--agency",
        "Staffordshire Police",
        "--dry-run",
        police,
        cwd=tmp_path,
    )
    police_entries = run(
        "entries",
        "--review",
        "DHR 7",
        "--agency",
        "Staffordshire Police",
        "--format",
        "json",
        cwd=tmp_path,
    )
    every_entry = run("entries", "--review", "DHR 7", "--format", "json", cwd=tmp_path)

    assert dry.returncode == 0, dry.stderr
    assert "Dry run: nothing stored" in dry.stdout
    assert "'Summary of Contact' -> summary" in dry.stdout
    assert "First 10 rows, dates as read:" in dry.stdout
    assert "row 1 (line 2): " in dry.stdout
    assert "Stored" not in dry.stdout
    assert json.loads(police_entries.stdout)["entries"] == []
    assert len(json.loads(every_entry.stdout)["entries"]) == 14


def test_a_dry_run_on_a_fresh_machine_creates_no_store_and_shows_a_mapping(
    tmp_path: Path, dhr7: Path
) -> None:
    police = str(dhr7 / "staffordshire_police.csv")

    dry = run(
        "import",
        "--review",
        "DHR 7",
        "--agency",
        "Staffordshire Police",
        "--dry-run",
        "--map",
        "Summary of Contact=comment",
        police,
        cwd=tmp_path,
    )

    assert dry.returncode == 0, dry.stderr
    assert "'Summary of Contact' -> comment: set by the uploader's mapping" in dry.stdout
    assert "--map 'Summary of Contact=comment'" in dry.stdout
    assert not (tmp_path / "chronology.sqlite3").exists()

"""The `chronology` command as a user runs it: a real process, a real store, real files."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

CHRONOLOGY = str(Path(sys.executable).parent / "chronology")


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    base_env = {"PATH": "/usr/bin:/bin", "CHRONOLOGY_USER": "panel.admin", "HOME": str(cwd)}
    return subprocess.run(
        [CHRONOLOGY, *args],
        cwd=cwd,
        env={**base_env, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_importing_a_police_chronology_reports_rows_and_mapping(tmp_path: Path, dhr7: Path) -> None:
    police = dhr7 / "staffordshire_police.csv"

    result = run(
        "import", "--review", "DHR 7", "--agency", "Staffordshire Police", str(police), cwd=tmp_path
    )

    assert result.returncode == 0, result.stderr
    assert "Stored 78 entries" in result.stdout
    assert "Unreadable rows: 0" in result.stdout
    assert "'Summary of Contact' -> summary" in result.stdout
    assert (tmp_path / "chronology.sqlite3").exists()


def test_importing_the_same_file_twice_says_it_is_already_held(tmp_path: Path, dhr7: Path) -> None:
    police = str(dhr7 / "wmas_ambulance.csv")
    run("import", "--review", "DHR 7", "--agency", "WMAS", police, cwd=tmp_path)

    again = run("import", "--review", "DHR 7", "--agency", "WMAS", police, cwd=tmp_path)
    listed = run("entries", "--review", "DHR 7", "--format", "json", cwd=tmp_path)

    assert "Already held" in again.stdout
    assert len(json.loads(listed.stdout)["entries"]) == 14


def test_entries_list_provenance_and_verbatim_cells_as_json(tmp_path: Path, dhr7: Path) -> None:
    run(
        "import",
        "--review",
        "DHR 7",
        "--agency",
        "GP",
        str(dhr7 / "nhs_primary_care.csv"),
        "--as",
        "dr.who",
        cwd=tmp_path,
    )

    result = run("entries", "--review", "DHR 7", "--format", "json", cwd=tmp_path)

    entry = json.loads(result.stdout)["entries"][0]
    assert {
        "agency",
        "file",
        "row",
        "line",
        "submission_id",
        "uploaded_by",
        "uploaded_at",
        "cells",
    } <= set(entry)
    assert entry["uploaded_by"] == "dr.who"
    assert entry["precision"] == "month"
    assert "\u2013 moderate depression" in entry["cells"]["Details"]  # cp1252 en dash decoded


def test_entries_as_csv_defuse_cells_that_excel_would_run(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.csv"
    hostile.write_text('Date,Summary\n01/02/2015,=HYPERLINK("http://x")\n', encoding="utf-8")
    run("import", "--review", "SAR 1", "--agency", "Care Home", str(hostile), cwd=tmp_path)

    result = run("entries", "--review", "SAR 1", "--format", "csv", cwd=tmp_path)

    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["summary"].startswith("'=")


def test_a_workbook_and_a_word_document_import_with_their_sheet_and_table_rows(
    tmp_path: Path, dhr7: Path
) -> None:
    from tests.office_files import csv_records, document_from_rows, workbook_from_rows

    rows = csv_records((dhr7 / "uhnm_hospital.csv").read_bytes(), "uhnm_hospital.csv")
    workbook, document = tmp_path / "hospital.xlsx", tmp_path / "hospital.docx"
    workbook.write_bytes(workbook_from_rows(rows, title="ED attendances"))
    document.write_bytes(document_from_rows(rows))

    from_workbook = run("import", "--review", "R", "--agency", "UHNM", str(workbook), cwd=tmp_path)
    from_document = run("import", "--review", "S", "--agency", "UHNM", str(document), cwd=tmp_path)
    again = run("import", "--review", "R", "--agency", "UHNM", str(workbook), cwd=tmp_path)
    listed = run("entries", "--review", "R", "--format", "json", cwd=tmp_path)

    assert from_workbook.returncode == 0, from_workbook.stderr
    assert "Stored 12 entries" in from_workbook.stdout
    assert "read as xlsx" in from_workbook.stdout and "Read: ED attendances" in from_workbook.stdout
    assert "Stored 12 entries" in from_document.stdout and "Read: table 1" in from_document.stdout
    assert "Already held" in again.stdout
    entries = json.loads(listed.stdout)["entries"]
    assert len(entries) == 12 and entries[0]["earliest"] == "2012-06-16"


def test_a_binary_file_is_refused_with_its_name_and_nothing_is_stored(tmp_path: Path) -> None:
    fake = tmp_path / "chronology.xlsx"
    fake.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)))

    result = run("import", "--review", "DHR 7", "--agency", "Police", str(fake), cwd=tmp_path)
    listed = run("entries", "--review", "DHR 7", cwd=tmp_path)

    assert result.returncode == 2
    assert "chronology.xlsx" in result.stderr and "the file is damaged" in result.stderr
    assert "no review called 'DHR 7'" in listed.stderr


def test_the_date_column_is_found_by_its_cells_and_a_user_can_still_say_which_it_is(
    tmp_path: Path,
) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("Happened,Narrative\n16/06/2012,Assault reported\n", encoding="utf-8")

    unmapped = run("import", "--review", "R", "--agency", "A", str(odd), cwd=tmp_path)
    mapped = run(
        "import",
        "--review",
        "R",
        "--agency",
        "A",
        str(odd),
        "--map",
        "Narrative=comment",
        "--map",
        "happened=date",
        cwd=tmp_path,
    )

    assert unmapped.returncode == 0, unmapped.stderr
    assert "'Happened' -> date: 1 of 1 filled cells are dates" in unmapped.stdout
    assert "'Narrative' -> summary: header 'Narrative' names the narrative" in unmapped.stdout
    assert mapped.returncode == 0, mapped.stderr
    assert "'Happened' -> date: set by the uploader's mapping" in mapped.stdout
    assert "'Narrative' -> comment: set by the uploader's mapping" in mapped.stdout


def test_the_database_url_variable_selects_postgresql(
    tmp_path: Path, dhr7: Path, postgres_url: str
) -> None:
    env = {"CHRONOLOGY_DATABASE_URL": postgres_url}

    run(
        "import",
        "--review",
        "DHR 7",
        "--agency",
        "Arch",
        str(dhr7 / "arch_da_service.csv"),
        cwd=tmp_path,
        env=env,
    )
    listed = run("entries", "--review", "DHR 7", "--format", "json", cwd=tmp_path, env=env)

    assert len(json.loads(listed.stdout)["entries"]) == 9
    assert not (tmp_path / "chronology.sqlite3").exists()


def test_rebuild_reproduces_the_listing_from_events_alone(tmp_path: Path, dhr7: Path) -> None:
    run(
        "import",
        "--review",
        "DHR 7",
        "--agency",
        "SHA",
        str(dhr7 / "sha_housing.csv"),
        cwd=tmp_path,
    )
    before = run("entries", "--review", "DHR 7", "--format", "json", cwd=tmp_path).stdout

    rebuilt = run("rebuild", cwd=tmp_path)
    after = run("entries", "--review", "DHR 7", "--format", "json", cwd=tmp_path).stdout

    assert "rebuilt from" in rebuilt.stdout
    assert after == before


def test_the_demo_imports_the_example_review_and_shows_it(tmp_path: Path) -> None:
    result = run("demo", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "Riverside Police" in result.stdout
    assert "already held" in result.stdout
    assert "31/09/2016" in result.stdout  # the example's deliberately impossible date is reported
    assert list((tmp_path / "demo-store").glob("*.sqlite3"))


def test_the_model_command_shows_each_levels_m_u_and_weight(tmp_path: Path, dhr7: Path) -> None:
    for path in sorted(dhr7.glob("*.csv")):
        run("import", "--review", "DHR 7", "--agency", path.stem, str(path), cwd=tmp_path)

    table = run("model", "--review", "DHR 7", cwd=tmp_path)
    listed = run("model", "--review", "DHR 7", "--format", "json", cwd=tmp_path)

    assert table.returncode == 0, table.stderr
    assert "estimated on 178 records" in table.stdout
    same_day = next(line for line in table.stdout.splitlines() if " same_day " in line)
    assert same_day.split()[:2] == ["date", "same_day"]
    levels = json.loads(listed.stdout)["levels"]
    assert levels and all({"m", "u", "weight"} <= set(level) for level in levels)

"""Intake on files nobody here wrote: tests/fixtures/intake_blind (see its README).

Each file is read as an agency would send it, with no column mapping, and held to its writer's
record count and to the date a person reads for every record.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from adapters.intake import read_chronology

SET = Path(__file__).resolve().parents[1] / "fixtures" / "intake_blind" / "set1"
EXPECTED: dict[str, Any] = json.loads((SET / "expected.json").read_text(encoding="utf-8"))["files"]
# Where intake reads a date differently from the writer and both readings are fair, with why.
READ_OTHERWISE = {
    ("13_family_account_summary.docx", 6): (
        "'mid July 2021' is read as the middle third of July (from the 11th); the writer gave "
        "the 1st and said 'mid' could be argued either way"
    ),
}


def test_the_blind_set_is_all_there() -> None:
    assert len(EXPECTED) == 14
    assert all((SET / name).exists() for name in EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_blind_file_imports_with_its_records_and_dates(name: str) -> None:
    expected = EXPECTED[name]

    reading = read_chronology((SET / name).read_bytes(), name)

    assert len(reading.rows) == expected["records"]
    typed_mistakes = set(expected["unreadable_on_purpose"])
    for number, (row, wanted) in enumerate(zip(reading.rows, expected["dates"], strict=True), 1):
        if number in typed_mistakes:
            # Kept verbatim and reported, naming where it stands and the column at fault.
            assert row.problem is not None and row.problem.startswith(f"row {number},")
            assert row.problem_column is not None and row.raw_text
            continue
        assert row.problem is None, row.problem
        read = row.when.earliest.isoformat() if row.when else None
        if (name, number) in READ_OTHERWISE:
            assert read != wanted
            continue
        assert read == wanted, f"record {number}: {row.cells}"

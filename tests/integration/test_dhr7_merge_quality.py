"""Merge quality on the DHR 7 development fixture: grouping F1 and conflict recall/precision.

The fixture is read through the product's own intake (`adapters.intake.read_chronology`) and
turned into `EntryFacts` exactly as the merged projection does, so the figures are the ones a
review chair would see.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from adapters.intake import read_chronology
from domain.readings import fields_from_cells
from projections.evaluation import Evaluation, evaluate, format_report
from projections.matching import EntryFacts, merge

FIXTURE = Path("/work/shared/fixtures/dhr7")


def load_fixture_entries(directory: Path) -> list[EntryFacts]:
    """Every readable record of every CSV in `directory`, as the merged projection builds
    its matcher input (`_fact_row` then `to_facts`): fields derived from the verbatim cells,
    header and column mapping; date, precision and time from intake's reading."""
    entries: list[EntryFacts] = []
    for path in sorted(directory.glob("*.csv")):
        agency = path.stem.replace("_", " ").title()
        reading = read_chronology(path.read_bytes(), path.name)
        for row in reading.rows:
            if not row.is_readable:
                continue
            fields = fields_from_cells(row.cells, reading.header, reading.column_mapping)
            if row.fields.get("end_date"):
                fields["end_date"] = row.fields["end_date"]
            when = row.when.to_dict() if row.when else {}
            entries.append(
                EntryFacts(
                    entry_id=f"{path.name}#{row.row}",
                    agency=agency,
                    file_name=path.name,
                    row=row.row,
                    earliest=date.fromisoformat(when["earliest"]) if when else None,
                    latest=date.fromisoformat(when["latest"]) if when else None,
                    precision=str(when.get("precision") or "unknown"),
                    approximate=bool(when.get("approximate")),
                    date_text=str(when.get("text") or ""),
                    time=row.time,
                    fields=fields,
                )
            )
    return entries


@pytest.fixture(scope="module")
def dhr7_evaluation() -> Evaluation:
    if not FIXTURE.exists():
        pytest.skip("DHR 7 fixture not present")
    entries = load_fixture_entries(FIXTURE)
    truth = json.loads((FIXTURE / "ground_truth.json").read_text(encoding="utf-8"))
    evaluation = evaluate(merge(entries), entries, truth)
    print(format_report(evaluation, detail=False))
    return evaluation


def test_dhr7_grouping_reaches_pairwise_f1_of_0_90(dhr7_evaluation: Evaluation) -> None:
    f1 = dhr7_evaluation.pair_f1

    assert f1 >= 0.90, format_report(dhr7_evaluation)


def test_dhr7_conflict_precision_reaches_0_70(dhr7_evaluation: Evaluation) -> None:
    precision = dhr7_evaluation.conflict_precision

    assert precision >= 0.70, format_report(dhr7_evaluation)


def test_dhr7_conflict_recall_reaches_0_90(dhr7_evaluation: Evaluation) -> None:
    recall = dhr7_evaluation.conflict_recall

    assert recall >= 0.90, format_report(dhr7_evaluation)

"""The synthetic review's rows as the matcher's input: each file read by intake, as an agency sends
it, into EntryFacts, with the review's ground truth (benchmarks/synthetic_review.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from adapters.intake import read_chronology
from benchmarks.synthetic_review import generate
from domain.readings import fields_from_cells
from projections.matching import EntryFacts


def synthetic_facts(entries: int, seed: int = 11) -> tuple[list[EntryFacts], dict[str, Any]]:
    """About `entries` rows of the synthetic review read into entry facts, and its truth.

    Entry ids are "file#row", the labels the scorer (projections/evaluation.py) matches the
    truth by, so any grouping of these ids can be scored against the same truth."""
    review = generate(entries, seed=seed)
    facts: list[EntryFacts] = []
    for file_name, content in review.files.items():
        reading = read_chronology(content, file_name)
        for row in reading.rows:
            if not row.is_readable:
                continue
            when = row.when.to_dict() if row.when else {}
            facts.append(
                EntryFacts(
                    entry_id=f"{file_name}#{row.row}",
                    agency=review.agencies[file_name],
                    file_name=file_name,
                    row=row.row,
                    earliest=date.fromisoformat(when["earliest"]) if when else None,
                    latest=date.fromisoformat(when["latest"]) if when else None,
                    precision=str(when.get("precision") or "unknown"),
                    approximate=bool(when.get("approximate")),
                    date_text=str(when.get("text") or ""),
                    time=row.time,
                    fields=fields_from_cells(row.cells, reading.header, reading.column_mapping),
                )
            )
    return facts, dict(review.truth)

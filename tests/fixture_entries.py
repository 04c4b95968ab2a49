"""Agency files read as the merged projection reads them, for the matcher's quality tests."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from adapters.errors import UnreadableFileError
from adapters.intake import read_chronology
from domain.readings import fields_from_cells
from projections.evaluation import Evaluation, evaluate
from projections.matching import EntryFacts, merge

# The invented example reviews, each a folder of agency files with its ground_truth.json.
EXAMPLES = Path(__file__).resolve().parent / "fixtures"


def load_fixture_entries(directory: Path) -> list[EntryFacts]:
    """Every readable record of every CSV in `directory` (the agency named after the file)."""
    return read_files(
        {
            path.name: (path.stem.replace("_", " ").title(), path.read_bytes())
            for path in sorted(directory.glob("*.csv"))
        }
    )


def review_entries(directory: Path) -> list[EntryFacts]:
    """Every readable record of the files a review's ground truth names, each imported as its
    agency sent it; a file intake refuses adds none (its rows count as missed)."""
    truth = json.loads((directory / "ground_truth.json").read_text(encoding="utf-8"))
    named = {file_name for incident in truth["incidents"] for file_name, _ in incident["entries"]}
    entries: list[EntryFacts] = []
    for path in sorted(p for p in directory.iterdir() if p.name in named):
        agency = path.stem.replace("_", " ").title()
        try:
            entries += read_files({path.name: (agency, path.read_bytes())})
        except UnreadableFileError:
            continue
    return entries


def evaluate_folder(directory: Path) -> Evaluation:
    """The product's merge of a folder's files, scored against its ground_truth.json."""
    entries = load_fixture_entries(directory)
    truth = json.loads((directory / "ground_truth.json").read_text(encoding="utf-8"))
    return evaluate(merge(entries), entries, truth)


def read_files(files: Mapping[str, tuple[str, bytes]]) -> list[EntryFacts]:
    """Every readable record of each file (name -> (agency, bytes)), as the merged projection
    builds its matcher input (`_fact_row` then `to_facts`): fields derived from the verbatim
    cells, header and column mapping; date, precision and time from intake's reading. Entry
    ids are "file#row", as ground truths name records."""
    entries: list[EntryFacts] = []
    for file_name, (agency, content) in files.items():
        reading = read_chronology(content, file_name)
        for row in reading.rows:
            if not row.is_readable:
                continue
            fields = fields_from_cells(row.cells, reading.header, reading.column_mapping)
            if row.fields.get("end_date"):
                fields["end_date"] = row.fields["end_date"]
            when = row.when.to_dict() if row.when else {}
            entries.append(
                EntryFacts(
                    entry_id=f"{file_name}#{row.row}",
                    agency=agency,
                    file_name=file_name,
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

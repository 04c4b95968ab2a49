"""Score the product on every example review: intake (files read, rows read) and matching.

    python benchmarks/blind_reviews.py [--detail] [--reviews dhr7,sar_b1,...] [FOLDER ...]

Each review folder holds agency files (CSV, XLSX, DOCX...) and a ground_truth.json. Every file is
imported as an agency would send it, with no column mapping; the readable rows are merged by the
product's matcher and scored against the truth (pairwise precision/recall/F1 over same-incident
pairs, conflict recall and precision). Rows of files that could not be read count as missed.
`--detail` prints the misses of the development reviews; held-out reviews only ever print their
figures (tests/fixtures/blind/README.md).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIXTURES = ROOT / "tests" / "fixtures"
BLIND = FIXTURES / "blind"
HELD_OUT = frozenset(
    {"dhr_b2", "sar_b2", "cspr_b2", "dhr_b3", "sar_b3", "dhr_b4", "cspr_b3", "sar_b4"}
    | {"dhr_b5", "sar_b5", "cspr_b4"}
    | {"dhr_b6", "sar_b6", "cspr_b5"}
    | {"dhr_b7", "sar_b7", "cspr_b6"}
    | {"dhr_b8", "sar_b8", "cspr_b7"}
    | {"dhr_b9", "sar_b9", "cspr_b8"}
    | {"dhr_b10", "sar_b10", "cspr_b9"}
)
DEFAULT = [
    *("dhr7", "dhr_b1", "sar_b1", "cspr_b1", "dhr_b2", "sar_b2", "cspr_b2", "dhr_b3", "sar_b3"),
    *("dhr_b4", "cspr_b3", "sar_b4"),
    *("dhr_b5", "sar_b5", "cspr_b4"),
    *("dhr_b6", "sar_b6", "cspr_b5"),
    *("dhr_b7", "sar_b7", "cspr_b6"),
    *("dhr_b8", "sar_b8", "cspr_b7"),
    *("dhr_b9", "sar_b9", "cspr_b8"),
    *("dhr_b10", "sar_b10", "cspr_b9"),
]


def folder_of(name: str) -> Path:
    """A review's folder: a blind review, another fixture, or a path."""
    for candidate in (BLIND / name, FIXTURES / name, Path(name)):
        if (candidate / "ground_truth.json").exists():
            return candidate
    raise SystemExit(f"no review called {name!r} (looked in {BLIND} and {FIXTURES})")


@dataclass
class LoadedReview:
    """A review's files read as an agency would send them, with its ground truth."""

    entries: list[Any]
    truth: dict[str, Any]
    files: int
    rows: int
    refused: list[str]
    unreadable: int
    miscounted: int


def load_review(folder: Path, detail: bool = False) -> LoadedReview:
    """Read every file of the review with no column mapping into the matcher's entry facts."""
    from datetime import date

    from adapters.intake import read_chronology
    from domain.readings import fields_from_cells
    from projections.matching import EntryFacts

    truth = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    truth_rows: dict[str, int] = {}
    for incident in truth["incidents"]:
        for file_name, _row in incident["entries"]:
            truth_rows[file_name] = truth_rows.get(file_name, 0) + 1
    entries: list[Any] = []
    refused: list[str] = []
    unreadable = wrong_count = 0
    for path in sorted(p for p in folder.iterdir() if p.name in truth_rows):
        try:
            reading = read_chronology(path.read_bytes(), path.name)
        except Exception as error:  # noqa: BLE001 - a benchmark reports every refusal
            refused.append(f"{path.name}: {error}")
            continue
        wrong_count += len(reading.rows) != truth_rows[path.name]
        if detail and len(reading.rows) != truth_rows[path.name]:
            print(
                f"  {path.name}: {len(reading.rows)} rows read, truth has {truth_rows[path.name]}"
            )
        for row in reading.rows:
            if not row.is_readable:
                unreadable += 1
                if detail:
                    print(f"  unreadable: {row.problem}")
                continue
            fields = fields_from_cells(row.cells, reading.header, reading.column_mapping)
            if row.fields.get("end_date"):
                fields["end_date"] = row.fields["end_date"]
            when = row.when.to_dict() if row.when else {}
            entries.append(
                EntryFacts(
                    entry_id=f"{path.name}#{row.row}",
                    agency=path.stem.replace("_", " ").title(),
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
    return LoadedReview(
        entries, truth, len(truth_rows), sum(truth_rows.values()), refused, unreadable, wrong_count
    )


def score(folder: Path, detail: bool) -> dict[str, float]:
    from projections.evaluation import evaluate, format_report
    from projections.matching import merge

    review = load_review(folder, detail)
    entries, truth, refused = review.entries, review.truth, review.refused
    started = time.perf_counter()
    result = merge(entries)
    seconds = time.perf_counter() - started
    evaluation = evaluate(result, entries, truth)
    if detail:
        for line in refused:
            print(f"  refused {line}")
        print("\n".join("  " + line for line in format_report(evaluation).splitlines()[2:]))
    return {
        "files": review.files,
        "refused": len(refused),
        "miscounted": review.miscounted,
        "rows": review.rows,
        "read": len(entries),
        "unreadable": review.unreadable,
        "precision": evaluation.pair_precision,
        "recall": evaluation.pair_recall,
        "f1": evaluation.pair_f1,
        "conflicts_found": evaluation.conflicts_found,
        "conflicts": evaluation.conflicts_total,
        "conflict_precision": evaluation.conflict_precision,
        "seconds": seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", help="review names or folders (default: all)")
    parser.add_argument("--detail", action="store_true", help="misses of development reviews")
    parser.add_argument("--json", action="store_true", help="one JSON object per review")
    args = parser.parse_args()
    print(
        f"{'review':10} {'files':>5} {'refused':>7} {'rows':>5} {'read':>5} {'unread':>6}"
        f" {'P':>6} {'R':>6} {'F1':>6} {'conflicts':>9} {'cP':>6}"
    )
    totals: list[dict[str, float]] = []
    for name in args.folders or DEFAULT:
        folder = folder_of(name)
        show = args.detail and folder.name not in HELD_OUT
        if show:
            print(f"--- {folder.name}")
        figures = score(folder, show)
        totals.append(figures)
        if args.json:
            print(json.dumps({"review": folder.name, **figures}))
        print(
            f"{folder.name:10} {figures['files']:5.0f} {figures['refused']:7.0f}"
            f" {figures['rows']:5.0f} {figures['read']:5.0f} {figures['unreadable']:6.0f}"
            f" {figures['precision']:6.3f} {figures['recall']:6.3f} {figures['f1']:6.3f}"
            f" {figures['conflicts_found']:4.0f}/{figures['conflicts']:<4.0f}"
            f" {figures['conflict_precision']:6.3f}"
        )
    blind = [
        f
        for name, f in zip(args.folders or DEFAULT, totals, strict=True)
        if folder_of(name).parent == BLIND
    ]
    if blind:
        mean_f1 = sum(f["f1"] for f in blind) / len(blind)
        found = sum(f["conflicts_found"] for f in blind)
        total = sum(f["conflicts"] for f in blind)
        print(f"blind mean F1 {mean_f1:.3f}; conflicts {found:.0f}/{total:.0f}")


if __name__ == "__main__":
    main()

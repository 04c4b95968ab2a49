"""Benchmark: the product's matcher side by side with a plain Splink model, on the synthetic review
(benchmarks/synthetic_review.py) whose ground truth is known.

For each size: the review's rows are read by intake into entry facts once (benchmarks/
review_facts.py); then, each in a process of its own so its peak memory is its own,
  * the matcher: `projections.matching.merge` on the facts (linking and conflict detection);
  * Splink (DuckDB, one thread): date levels, narrative token Jaccard, people overlap; blocking
    on a date window; u by random sampling, m by EM; clusters at match probability 0.5
    (benchmarks/splink_linkage.py).
Both groupings are scored by the same pairwise scorer (projections/evaluation.py). Times are of
the linkage alone (Splink's from building its input table to its clusters; imports and reading
the files excluded); peak memory is the process's maximum RSS, which includes what every child
holds before it starts (the interpreter, the libraries and the entry facts: "base").

Usage: python benchmarks/splink_compare.py ROWS [ROWS ...]   (needs `pip install -e '.[bench]'`)
"""

from __future__ import annotations

import pickle
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.phases import run_phase, serve_phase_if_asked  # noqa: E402


def prepare(store: str, rows: int) -> dict[str, float]:
    """Read the synthetic review of about `rows` rows into entry facts; pickle them with the truth."""
    from benchmarks.review_facts import synthetic_facts

    entries, truth = synthetic_facts(rows)
    Path(store).write_bytes(pickle.dumps((entries, truth)))
    return {"entries": float(len(entries))}


def _load(store: str) -> tuple[list[Any], dict[str, Any]]:
    entries, truth = pickle.loads(Path(store).read_bytes())
    return entries, truth


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _scored(groups: list[list[str]], entries: list[Any], truth: dict[str, Any]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of `groups` (lists of entry ids) against `truth`."""
    from projections.evaluation import evaluate
    from projections.matching import Incident, MergeResult

    incidents = [
        Incident(id=str(n), entry_ids=tuple(g), earliest=None, latest=None, precision="day")
        for n, g in enumerate(groups)
    ]
    evaluation = evaluate(MergeResult(incidents=incidents, conflicts=[]), entries, truth)
    return {
        "f1": evaluation.pair_f1,
        "precision": evaluation.pair_precision,
        "recall": evaluation.pair_recall,
    }


def matcher(store: str, rows: int) -> dict[str, float]:
    """The product's merge of the facts, timed, and its grouping scored."""
    from projections.matching import merge

    entries, truth = _load(store)
    base = _peak_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    result = merge(entries)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    groups = [list(incident.entry_ids) for incident in result.incidents]
    return {
        "seconds": wall,
        "cpu": cpu,
        "base_mb": base,
        "conflicts": float(len(result.conflicts)),
        **_scored(groups, entries, truth),
    }


def splink(store: str, rows: int) -> dict[str, float]:
    """Splink's clusters of the facts, timed, and scored."""
    from benchmarks.splink_linkage import splink_groups  # Splink imported before the clock

    entries, truth = _load(store)
    base = _peak_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    groups, model = splink_groups(entries)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "seconds": wall,
        "cpu": cpu,
        "base_mb": base,
        **model,
        **_scored(groups, entries, truth),
    }


PHASES = {"prepare": prepare, "matcher": matcher, "splink": splink}

HEADER = (
    f"{'rows':>7}  {'matcher s':>9}  {'F1':>5}  {'peak MB':>7}  "
    f"{'Splink s':>8}  {'F1':>5}  {'peak MB':>7}  {'time ratio':>10}  {'CPU ratio':>9}"
)


def _progress(line: str) -> None:
    """A long run says how far it has got (on stderr, apart from the table)."""
    print(f"{time.strftime('%H:%M:%S')} {line}", file=sys.stderr, flush=True)


def _brief(side: dict[str, float]) -> str:
    return (
        f"{side['seconds']:.1f} s (CPU {side['cpu']:.1f} s), F1 {side['f1']:.3f}, "
        f"peak {side['peak_rss_mb']:.0f} MB"
    )


def main() -> None:
    if serve_phase_if_asked(PHASES):
        return
    sizes = [int(a) for a in sys.argv[1:]]
    if not sizes:
        raise SystemExit("usage: python benchmarks/splink_compare.py ROWS [ROWS ...]")
    table, notes = [], []
    with tempfile.TemporaryDirectory() as folder:
        for rows in sizes:
            store = str(Path(folder) / f"facts-{rows}.pickle")
            entries = int(run_phase(__file__, "prepare", store, rows)["entries"])
            _progress(f"{entries:,} rows read into entry facts")
            ours = run_phase(__file__, "matcher", store, rows)
            _progress(f"{entries:,} rows: matcher {_brief(ours)}")
            theirs = run_phase(__file__, "splink", store, rows)
            _progress(f"{entries:,} rows: Splink {_brief(theirs)}")
            table.append(
                f"{entries:>7,}  {ours['seconds']:>9.1f}  {ours['f1']:>5.3f}  "
                f"{ours['peak_rss_mb']:>7.0f}  {theirs['seconds']:>8.1f}  {theirs['f1']:>5.3f}  "
                f"{theirs['peak_rss_mb']:>7.0f}  {ours['seconds'] / theirs['seconds']:>10.2f}  "
                f"{ours['cpu'] / theirs['cpu']:>9.2f}"
            )
            notes.append(
                f"{entries:,} rows: matcher P {ours['precision']:.3f} R {ours['recall']:.3f}, "
                f"{ours['conflicts']:,.0f} conflicts, CPU {ours['cpu']:.1f} s, "
                f"base {ours['base_mb']:.0f} MB; Splink P {theirs['precision']:.3f} "
                f"R {theirs['recall']:.3f}, {theirs['pairs']:,.0f} pairs scored, "
                f"prior {theirs['prior']:.2e}, CPU {theirs['cpu']:.1f} s, "
                f"base {theirs['base_mb']:.0f} MB"
            )
    print(HEADER)
    print("\n".join(table))
    print("ratios are matcher / Splink; s = wall seconds of the linkage alone")
    print("\n".join(notes))


if __name__ == "__main__":
    main()

"""Benchmark: the merged chronology at scale, on a synthetic review with a known ground truth.

1. Full build ("rebuild") of the merged read model from the events of a review of N entries, at
   N/2 and N: seconds, entries/second, peak memory, and the time ratio (target <= 2.5).
2. Incremental: one more 200-row submission imported into the review of N entries: seconds until
   the merged chronology is up to date (target < 2 s).
3. Replay: the merged chronology as it stood at earlier positions of that review (target < 5 s).
Each phase runs in its own process so its peak memory is its own. Each full build is also scored
(pairwise F1 of the read model it built against the review's truth, in a process of its own after
the build), to show the speed is not bought with quality.
With --db postgresql://..., phases 1-3 run on SQLite and then on fresh databases of that
PostgreSQL server, and the report adds each size's PostgreSQL / SQLite build time (target <= 1.5).
Usage: python benchmarks/merge.py [N] [--db postgresql://USER@HOST:PORT/DBNAME]   (default 100000)
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.phases import run_phase, serve_phase_if_asked  # noqa: E402
from benchmarks.stores import fresh_store, size_and_server, store_label  # noqa: E402

REVIEW = "Synthetic Review"


def load_events(store: str, entries: int) -> dict[str, float]:
    """Store a synthetic review's events (no read models yet)."""
    from adapters.intake import read_chronology
    from adapters.store import StoreSettings, open_application
    from benchmarks.synthetic_review import generate

    review = generate(entries)
    application = open_application(StoreSettings.resolve(store, environ={}))
    for file_name, content in review.files.items():
        application.import_submission(
            REVIEW,
            review.agencies[file_name],
            read_chronology(content, file_name),
            "bench",
            datetime.now(UTC),
        )
    return {"events": float(application.recorder.max_notification_id() or 0)}


def build_merged(store: str, entries: int) -> dict[str, float]:
    """Build the merged read model from the stored events alone; time it."""
    from adapters.store import StoreSettings, open_application, open_engine
    from projections import follower
    from projections.merged.projection import MergedChronology

    settings = StoreSettings.resolve(store, environ={})
    application, engine, projection = (
        open_application(settings),
        open_engine(settings),
        MergedChronology(),
    )
    follower.create_tables(engine, [projection])
    started = time.perf_counter()
    follower.catch_up(application, engine, projection)
    return {"seconds": time.perf_counter() - started}


def add_submission(store: str, entries: int) -> dict[str, float]:
    """Import one more 200-row submission and time until the merged chronology is up to date."""
    from adapters.intake import read_chronology
    from adapters.store import StoreSettings, open_application, open_engine
    from benchmarks.synthetic_review import generate
    from projections import follower
    from projections.merged.projection import MergedChronology

    extra = generate(200, seed=99, agencies=1)
    file_name, content = next(iter(extra.files.items()))
    settings = StoreSettings.resolve(store, environ={})
    application, engine, projection = (
        open_application(settings),
        open_engine(settings),
        MergedChronology(),
    )
    follower.create_tables(engine, [projection])  # as the product does when it starts
    started = time.perf_counter()
    application.import_submission(
        REVIEW, "Late Agency", read_chronology(content, file_name), "bench", datetime.now(UTC)
    )
    follower.catch_up(application, engine, projection)
    return {"seconds": time.perf_counter() - started}


def score_build(store: str, entries: int) -> dict[str, float]:
    """Pairwise F1 of the merged read model that `build` just built, against the review's truth."""
    from adapters.store import StoreSettings, open_application, open_engine
    from benchmarks.synthetic_review import generate
    from domain.identity import review_id
    from projections.merged.scoring import evaluate_view
    from projections.merged.view import merged_view

    settings = StoreSettings.resolve(store, environ={})
    application = open_application(settings)  # held: a discarded application closes its pool
    last = application.recorder.max_notification_id() or 0
    view = merged_view(open_engine(settings), str(review_id(REVIEW)), REVIEW, last)
    evaluation = evaluate_view(view, generate(entries).truth)  # the review `load` stored
    return {
        "f1": evaluation.pair_f1,
        "precision": evaluation.pair_precision,
        "recall": evaluation.pair_recall,
    }


def replay(store: str, entries: int) -> dict[str, float]:
    """The merged chronology as it stood at an earlier position (issue 4's "as at"): the worst
    case over a few positions through the review, each read from the versioned read model."""
    from adapters.store import StoreSettings, open_application, open_engine
    from domain.identity import review_id
    from projections.merged.view import merged_view

    settings = StoreSettings.resolve(store, environ={})
    application = open_application(settings)  # held: a discarded application closes its pool
    last = application.recorder.max_notification_id() or 0
    engine = open_engine(settings)
    slowest = 0.0
    for fraction in (0.25, 0.5, 0.75, 1.0):
        started = time.perf_counter()
        view = merged_view(engine, str(review_id(REVIEW)), REVIEW, int(last * fraction))
        slowest = max(slowest, time.perf_counter() - started)
    return {"seconds": slowest, "events": float(last), "incidents": float(len(view.incidents))}


PHASES = {
    "load": load_events,
    "build": build_merged,
    "add": add_submission,
    "score": score_build,
    "replay": replay,
}


def main() -> None:
    if serve_phase_if_asked(PHASES):
        return
    full, server = size_and_server(100_000, "merged chronology benchmark")
    sizes = (full // 2, full)
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        builds = {
            target: run_on_store(target, folder, sizes) for target in dict.fromkeys([None, server])
        }
        if server:
            for size in sizes:
                ratio = builds[server][size] / builds[None][size]
                print(f"PostgreSQL / SQLite full build of {size:,}: {ratio:.2f}  (target <= 1.5)")


def run_on_store(server: str | None, folder: Path, sizes: tuple[int, int]) -> dict[int, float]:
    """Phases 1-3 on one kind of store; each size's full-build seconds."""
    print(f"{store_label(server)} store:")
    builds: dict[int, dict[str, float]] = {}
    for size in sizes:
        with fresh_store(server, folder, f"review-{size}") as store:
            run_phase(__file__, "load", store, size)
            builds[size] = run_phase(__file__, "build", store, size)
            scored = run_phase(__file__, "score", store, size)  # before `add` changes it
            print(
                f"full build of {size:>7,} entries: {builds[size]['seconds']:7.1f} s  "
                f"({size / builds[size]['seconds']:,.0f} entries/s, "
                f"peak {builds[size]['peak_rss_mb']:.0f} MB); pairwise F1 {scored['f1']:.3f} "
                f"(precision {scored['precision']:.3f}, recall {scored['recall']:.3f})",
                flush=True,
            )
            if size != sizes[-1]:
                continue
            added = run_phase(__file__, "add", store, size)
            print(
                f"one more 200-row submission into {size:,}: {added['seconds']:.2f} s  (target < 2 s)"
            )
            replayed = run_phase(__file__, "replay", store, size)
            print(
                f"chronology as at an earlier position ({replayed['events']:,.0f} events): "
                f"{replayed['seconds']:.2f} s at worst of four positions  (target < 5 s)"
            )
    small, full = sizes
    ratio = builds[full]["seconds"] / builds[small]["seconds"]
    print(f"time ratio {full:,} / {small:,}: {ratio:.2f}  (target <= 2.5)", flush=True)
    return {size: figures["seconds"] for size, figures in builds.items()}


if __name__ == "__main__":
    main()

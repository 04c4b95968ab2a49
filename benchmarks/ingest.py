"""Benchmark: intake of 100,000 synthetic rows across 10 agencies into a fresh SQLite store.

Prints end-to-end intake rows/second (read CSV, map, parse dates, build and save the events
atomically per file), the entries read-model build rate, peak memory of each phase, and in the
same run the practical ceiling: eventsourcing's batch save of exactly the same events, built
beforehand, in the same batches (and, for reference, of as many minimal two-field events).
Intake and the ceiling take turns three times and the fastest run of each is compared. Then
one agency's 100,000 rows as a single file, once as CSV and once as an Excel workbook (real date
cells), each imported into a fresh store: rows/s and peak memory side by side (target: the
workbook under 1 GB). Each phase runs in its own process so its peak memory is its own.
Usage: python benchmarks/ingest.py [ROWS] [--db postgresql://USER@HOST:PORT/DBNAME]
(with --db, every phase runs on a fresh database of that PostgreSQL server instead of SQLite)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid4

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.phases import run_phase, serve_phase_if_asked  # noqa: E402
from benchmarks.stores import fresh_store, size_and_server, store_label  # noqa: E402

AGENCIES = 10
# Rounds of intake against the bare save (see main).
ROUNDS = 3
# The workbook the one-file phase imports instead of CSV, when set (the child inherits it).
WORKBOOK_VARIABLE = "BENCHMARK_WORKBOOK"


def phase_intake(store: str, rows: int) -> dict[str, float]:
    from adapters.intake import read_chronology
    from adapters.store import StoreSettings, open_application
    from benchmarks.synthetic import agency_csv, agency_name

    files = [agency_csv(i, rows // AGENCIES) for i in range(AGENCIES)]
    application = open_application(StoreSettings.resolve(store, environ={}))
    started = time.perf_counter()
    for index, content in enumerate(files):
        reading = read_chronology(content, f"agency{index}.csv")
        assert not reading.unreadable_rows
        application.import_submission(
            "Benchmark Review", agency_name(index), reading, "bench", datetime.now(UTC)
        )
    elapsed = time.perf_counter() - started
    return {"seconds": elapsed, "rows_per_second": rows / elapsed}


def phase_catch_up(store: str, rows: int) -> dict[str, float]:
    """The entries read model (issue 2's listing) built from the events alone."""
    from adapters.store import StoreSettings, open_application, open_engine
    from projections import follower
    from projections.entries import EntriesProjection

    settings = StoreSettings.resolve(store, environ={})
    application, engine, projection = (
        open_application(settings),
        open_engine(settings),
        EntriesProjection(),
    )
    follower.create_tables(engine, [projection])
    started = time.perf_counter()
    position = follower.catch_up(application, engine, projection)
    elapsed = time.perf_counter() - started
    return {"seconds": elapsed, "events_per_second": position / elapsed}


def phase_bare_save(store: str, rows: int) -> dict[str, float]:
    """The practical ceiling: the very events intake would write, built beforehand (untimed),
    then saved with eventsourcing's batch save in the same per-file batches. Only saving is timed."""
    from adapters.intake import read_chronology
    from adapters.store import StoreSettings, open_application
    from benchmarks.synthetic import agency_csv, agency_name
    from domain.identity import review_id, submission_id
    from domain.row_events import row_events

    application = open_application(StoreSettings.resolve(store, environ={}))
    batches = []
    for index in range(AGENCIES):
        reading = read_chronology(agency_csv(index, rows // AGENCIES), f"agency{index}.csv")
        rid = review_id("Benchmark Review")
        sid = submission_id(rid, agency_name(index), reading.content_sha256)
        batches.append(row_events(rid, sid, agency_name(index), reading.rows))
    started = time.perf_counter()
    for batch in batches:
        application.save(*batch)
    elapsed = time.perf_counter() - started
    return {"seconds": elapsed, "rows_per_second": rows / elapsed}


def phase_minimal_save(store: str, rows: int) -> dict[str, float]:
    """For reference: the same number of small events (two fields), built and saved."""
    from eventsourcing.domain import Aggregate

    from adapters.store import StoreSettings, open_application
    from domain.entry import creation_event

    class BareRow(Aggregate):
        def __init__(self, cells: list[str], row: int) -> None:
            self.cells = cells
            self.row = row

    application = open_application(StoreSettings.resolve(store, environ={}))
    cells = ["16/06/2012", "0128", "POL-000001", "Adult A", "word " * 30, "action taken"]
    started = time.perf_counter()
    for _ in range(AGENCIES):
        batch = [
            creation_event(BareRow, BareRow.Created, uuid4(), cells=cells, row=i)
            for i in range(rows // AGENCIES)
        ]
        application.save(*batch)
    elapsed = time.perf_counter() - started
    return {"seconds": elapsed, "rows_per_second": rows / elapsed}


def phase_write_workbook(path: str, rows: int) -> dict[str, float]:
    """Not timed against anything: writes the one-file workbook the next phase imports."""
    from benchmarks.synthetic import agency_workbook

    started = time.perf_counter()
    agency_workbook(0, rows, path)
    return {"seconds": time.perf_counter() - started, "bytes": Path(path).stat().st_size}


def phase_one_file(store: str, rows: int) -> dict[str, float]:
    """One agency's `rows` rows as one file (the workbook named by WORKBOOK_VARIABLE, else
    CSV): read, mapped, dated and saved as one submission. Times and peak memory are the whole
    import's."""
    from adapters.intake import read_chronology
    from adapters.store import StoreSettings, open_application
    from benchmarks.synthetic import agency_csv, agency_name

    workbook = Path(os.environ[WORKBOOK_VARIABLE]) if os.environ.get(WORKBOOK_VARIABLE) else None
    name = workbook.name if workbook else "agency0.csv"
    content = workbook.read_bytes() if workbook else agency_csv(0, rows)
    application = open_application(StoreSettings.resolve(store, environ={}))
    started = time.perf_counter()
    reading = read_chronology(content, name)
    read = time.perf_counter() - started
    assert len(reading.rows) == rows and not reading.unreadable_rows
    application.import_submission(
        "Benchmark Review", agency_name(0), reading, "bench", datetime.now(UTC)
    )
    elapsed = time.perf_counter() - started
    return {"seconds": elapsed, "read_seconds": read, "rows_per_second": rows / elapsed}


PHASES = {
    "intake": phase_intake,
    "write_workbook": phase_write_workbook,
    "one_file": phase_one_file,
    "catch_up": phase_catch_up,
    "bare_save": phase_bare_save,
    "minimal_save": phase_minimal_save,
}


def _seconds(runs: list[dict[str, float]]) -> str:
    return ", ".join(f"{figures['seconds']:.1f}" for figures in runs)


def main() -> None:
    if serve_phase_if_asked(PHASES):
        return
    rows, server = size_and_server(100_000, "intake benchmark")
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        # Intake and the bare save take turns, each on a fresh store, and the fastest of each
        # is compared: on a shared machine a neighbour's load only ever slows a run down.
        intakes, bares = [], []
        for round_number in range(ROUNDS):
            with fresh_store(server, folder, f"intake{round_number}") as intake_store:
                intakes.append(run_phase(__file__, "intake", intake_store, rows))
                if round_number == 0:
                    catch_up = run_phase(__file__, "catch_up", intake_store, rows)
            with fresh_store(server, folder, f"bare{round_number}") as store:
                bares.append(run_phase(__file__, "bare_save", store, rows))
        intake = min(intakes, key=lambda figures: figures["seconds"])
        bare = min(bares, key=lambda figures: figures["seconds"])
        with fresh_store(server, folder, "minimal") as store:
            minimal = run_phase(__file__, "minimal_save", store, rows)
        with fresh_store(server, folder, "one-csv") as store:
            one_csv = run_phase(__file__, "one_file", store, rows)
        workbook = str(folder / "one_xlsx.xlsx")
        written = run_phase(__file__, "write_workbook", workbook, rows)
        os.environ[WORKBOOK_VARIABLE] = workbook
        try:
            with fresh_store(server, folder, "one-xlsx") as store:
                one_xlsx = run_phase(__file__, "one_file", store, rows)
        finally:
            del os.environ[WORKBOOK_VARIABLE]
    print(f"rows: {rows} across {AGENCIES} agencies, {store_label(server)} store")
    print(
        f"intake and bare save each run {ROUNDS} times, in turns; the fastest of each: "
        f"intake {_seconds(intakes)} s; bare {_seconds(bares)} s"
    )
    print(
        f"intake end to end : {intake['rows_per_second']:>9,.0f} rows/s  ({intake['seconds']:.1f} s, "
        f"peak {intake['peak_rss_mb']:.0f} MB)"
    )
    print(
        f"bare batch save   : {bare['rows_per_second']:>9,.0f} rows/s  ({bare['seconds']:.1f} s)  "
        "the same events, pre-built; only save() timed"
    )
    print(
        f"intake / bare     : {intake['rows_per_second'] / bare['rows_per_second']:.2f}  (target >= 0.50)"
    )
    print(
        f"minimal events    : {minimal['rows_per_second']:>9,.0f} rows/s  ({minimal['seconds']:.1f} s)  "
        f"two-field events, built and saved (reference: intake / minimal = "
        f"{intake['rows_per_second'] / minimal['rows_per_second']:.2f})"
    )
    print(
        f"entries read model: {catch_up['events_per_second']:>9,.0f} events/s ({catch_up['seconds']:.1f} s, "
        f"peak {catch_up['peak_rss_mb']:.0f} MB)"
    )
    print(f"one file of {rows} rows, imported into a fresh store:")
    for label, figures in (("CSV ", one_csv), ("XLSX", one_xlsx)):
        print(
            f"  {label}            : {figures['rows_per_second']:>9,.0f} rows/s  ({figures['seconds']:.1f} s, "
            f"of which reading {figures['read_seconds']:.1f} s; peak {figures['peak_rss_mb']:.0f} MB)"
        )
    print(
        f"  XLSX / CSV      : {one_xlsx['rows_per_second'] / one_csv['rows_per_second']:.2f} of the rate; "
        f"workbook {written['bytes'] / 1e6:.1f} MB on disk; peak {one_xlsx['peak_rss_mb']:.0f} MB (target < 1024 MB)"
    )


if __name__ == "__main__":
    main()

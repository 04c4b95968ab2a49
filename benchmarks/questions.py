"""Benchmark: one answer of the chair's queue on a 2,000-row synthetic review (target < 1 s).

Times, on a fresh SQLite store holding benchmarks/synthetic_review.py's review of ROWS entries,
what a chair waits for after pressing an answer: the answer and its decision stored, the merged
chronology re-merged with it (a review this size is re-merged whole), the queue re-ranked, and
the next question with its accounts read back. Prints each of five answers and the median.
An incident check is answered with its rows as held: one link and a split of each row nearby.
Usage: python benchmarks/questions.py [ROWS] [--db postgresql://USER@HOST:PORT/DBNAME]
(default 2000 rows on a SQLite file; with --db, on a new database of that server)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REVIEW = "Synthetic Review"
ANSWERS = 5


def main() -> None:
    from adapters.store import StoreSettings
    from api.workspace import Workspace
    from benchmarks.stores import fresh_store, size_and_server, store_label
    from benchmarks.synthetic_review import generate
    from domain.questions import ANSWERS_FOR

    rows, server = size_and_server(2000, "one answer of the chair's queue")
    review = generate(rows)
    print(f"store: {store_label(server)}")
    with (
        tempfile.TemporaryDirectory() as folder,
        fresh_store(server, Path(folder), "questions") as url,
    ):
        workspace = Workspace(StoreSettings.resolve(url, {}))
        started = time.perf_counter()
        for file_name, content in review.files.items():
            workspace.import_file(content, file_name, REVIEW, review.agencies[file_name], "bench")
        loaded = time.perf_counter() - started
        queue, shown = workspace.questions(REVIEW, 1)
        print(f"{rows} rows imported and merged in {loaded:.1f} s; {queue.remaining} questions")
        timings = []
        for number in range(ANSWERS):
            if not shown:
                break
            question = shown[0].question
            answers = ANSWERS_FOR[question.kind]
            answer = answers[number % len(answers)]
            started = time.perf_counter()
            workspace.answer(REVIEW, question.id, answer, "", "bench", question.fingerprint)
            queue, shown = workspace.questions(REVIEW, 1)
            timings.append(time.perf_counter() - started)
            shown_rows = len(question.entry_ids)
            print(
                f"answer {number + 1} ({question.kind} of {shown_rows} rows, {answer.value}): "
                f"{timings[-1]:.3f} s "
                f"to store it, re-merge, re-rank and read the next question"
            )
        workspace.close()
    print(f"median {statistics.median(timings):.3f} s per answer (target < 1 s)")


if __name__ == "__main__":
    main()

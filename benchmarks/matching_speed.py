"""Quick speed check for the matching engine: synthetic entries in, entries/second out.

Run: .venv/bin/python benchmarks/matching_speed.py [entries ...]   (default 20000 50000 100000)

Wall time depends on what else the machine runs; CPU time is the steadier figure.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta

from projections.matching import EntryFacts, MatchSettings, load_settings, merge

AGENCIES = (
    "Police",
    "Hospital",
    "Housing",
    "GP",
    "Ambulance",
    "Probation",
    "DA Service",
    "Social Care",
)
WORDS = [
    "assault",
    "call",
    "neighbour",
    "argument",
    "injury",
    "referral",
    "attended",
    "arrested",
    "discharged",
    "visit",
    "letter",
    "concern",
    "safety",
    "shouting",
    "door",
    "flat",
    "address",
    "partner",
    "mother",
    "phone",
    "text",
    "abuse",
    "bruise",
    "face",
    "appointment",
    "review",
    "medication",
    "support",
    "declined",
    "contact",
    "message",
    "risk",
    "assessment",
]


def synthetic_entries(count: int, seed: int = 7) -> list[EntryFacts]:
    """Entries spread over years with occasional shared incidents and references."""
    rng = random.Random(seed)
    start = date(2010, 1, 1)
    span_days = max(365, count // 2)  # two records a day: denser than any real review
    entries = []
    rows: dict[str, int] = {}
    for i in range(count):
        day = start + timedelta(days=rng.randrange(span_days))
        agency = rng.choice(AGENCIES)
        rows[agency] = rows.get(agency, 0) + 1
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30)))
        person = rng.choice("ABCDEFGHJK")
        entries.append(
            EntryFacts(
                entry_id=f"e{i:07d}",
                agency=agency,
                file_name=f"{agency}.csv",
                row=rows[agency],
                earliest=day,
                latest=day,
                precision="day",
                approximate=False,
                date_text=day.isoformat(),
                time=f"{rng.randrange(24):02d}:{rng.randrange(60):02d}"
                if rng.random() < 0.4
                else None,
                fields={
                    "summary": f"{person} {text}",
                    "reference": f"REF-{i // 5}" if agency == "Police" else "",
                },
            )
        )
    return entries


def _timed(entries: list[EntryFacts], settings: MatchSettings) -> tuple[float, float, int, int]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = merge(entries, settings=settings)
    return (
        time.perf_counter() - wall,
        time.process_time() - cpu,
        len(result.incidents),
        len(result.conflicts),
    )


def main() -> None:
    """Merge 20k, 50k and 100k synthetic entries (or the sizes given), then re-merge the
    smallest set: per-entry work is memoised across merges, so a re-merge after an upload
    pays mostly for the pairwise work."""
    sizes = [int(a) for a in sys.argv[1:]] or [20_000, 50_000, 100_000]
    settings = load_settings()
    seconds: dict[int, float] = {}
    for count in sizes:
        entries = synthetic_entries(count)
        wall, cpu, incidents, conflicts = _timed(entries, settings)
        seconds[count] = cpu
        print(
            f"{count:>7} entries: {wall:6.2f}s wall, {cpu:6.2f}s CPU = {count / cpu:,.0f} "
            f"entries/s (CPU); {incidents} incidents, {conflicts} conflicts",
            flush=True,
        )
    if 50_000 in seconds and 100_000 in seconds:
        print(f"100k/50k CPU time ratio: {seconds[100_000] / seconds[50_000]:.2f}")
    remerge = min(sizes)
    entries = synthetic_entries(remerge)
    _timed(entries, settings)
    wall, cpu, _, _ = _timed(entries, settings)
    print(f"re-merge of {remerge} entries: {wall:.2f}s wall, {cpu:.2f}s CPU")


if __name__ == "__main__":
    main()

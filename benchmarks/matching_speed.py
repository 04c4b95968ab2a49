"""Quick speed check for the matching engine: synthetic entries in, entries/second out.

Run: .venv/bin/python benchmarks/matching_speed.py [entries]
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta

from projections.matching import EntryFacts, load_settings, merge

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


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    entries = synthetic_entries(count)
    settings = load_settings()
    began = time.perf_counter()
    result = merge(entries, settings=settings)
    elapsed = time.perf_counter() - began
    print(
        f"{count} entries in {elapsed:.2f}s = {count / elapsed:,.0f} entries/s; "
        f"{len(result.incidents)} incidents, {len(result.conflicts)} conflicts"
    )


if __name__ == "__main__":
    main()

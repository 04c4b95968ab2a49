"""A synthetic review with a known ground truth: incidents seen by one to three agencies, each in
its own layout and words, so the merge can be benchmarked (and scored) at any size.

Entirely fictional. Deterministic for a seed. The truth is in the DHR 7 fixture's format.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

# Each kind of incident, in the words each kind of agency would use for it.
KINDS = {
    "assault": (
        "reports being assaulted by {p2} at home; injury to {site}",
        "attended with injury to {site}; states {p2} hit her",
        "domestic assault reported; {p2} arrested at the address",
    ),
    "welfare": (
        "concern for welfare call about {p1}; not seen for days",
        "neighbour worried about {p1}; welfare check requested",
        "officers attended for a welfare check; {p1} safe and well",
    ),
    "referral": (
        "referral received for {p1} from {agency}",
        "safeguarding referral about {p1} sent to adult social care",
        "referral for {p1} discussed; risk assessment completed",
    ),
    "overdose": (
        "{p1} taken to hospital after an overdose of tablets",
        "ambulance called: {p1} unresponsive after taking tablets",
        "{p1} seen in ED after an overdose; mental health team informed",
    ),
    "missed": (
        "{p1} did not attend appointment",
        "letter sent after missed appointment for {p1}",
        "no contact with {p1}; appointment not kept",
    ),
}
SITES = ("left arm", "face", "ribs", "right hand", "head", "neck")
AGENCIES = [
    ("Police", ["Date", "Time", "Incident Ref", "Subject(s)", "Summary of Contact"], "%d/%m/%Y"),
    ("Hospital", ["Date of Contact", "Time", "Patient", "Presenting Complaint"], "%d/%m/%Y"),
    ("Housing", ["Date", "Tenant/Subject", "Details", "Action"], "%d %b %Y"),
    ("Ambulance", ["date", "time", "call_ref", "summary"], "%Y-%m-%d"),
    ("GP", ["Date", "Practice Contact", "Patient", "Details"], "%d.%m.%Y"),
    ("Probation", ["Date", "Event", "Details"], "%d/%m/%Y"),
    (
        "Children's Services",
        ["Date", "Referral/Contact", "Child/Young Person", "Details"],
        "%d/%m/%Y",
    ),
    ("DA Service", ["Date", "Contact Type", "Client", "Notes"], "%d/%m/%Y"),
    ("Mental Health", ["Date", "Time", "Patient", "Notes"], "%d %B %Y"),
    ("Adult Social Care", ["Date", "Contact", "Person", "Details"], "%d/%m/%Y"),
]


@dataclass
class SyntheticReview:
    """Agency files (name -> CSV bytes) and the ground truth of which rows are one incident."""

    files: dict[str, bytes]
    agencies: dict[str, str]
    truth: dict[str, object] = field(default_factory=dict)


def generate(
    entries: int, seed: int = 11, agencies: int = 10, start: date = date(2008, 1, 1)
) -> SyntheticReview:
    """About `entries` rows across `agencies` agencies, over a period that grows with the size
    (about eight rows a day, as in a busy multi-person review)."""
    rng = random.Random(seed)
    days = max(365, entries // 8)
    # Many people, as a large multi-family review would name: the same two people in the same
    # kind of incident a day apart is rare in real reviews, so it should be rare here.
    pool = [
        f"{title} {_letters(n)}"
        for n, title in zip(
            range(max(12, entries // 30)), ["Adult", "Mr", "Ms", "Child"] * entries, strict=False
        )
    ]
    # Per agency: (day, order made, cells); each file is written in date order, as agencies'
    # chronologies are, so a row's number is its place in the sorted file.
    rows: dict[int, list[tuple[date, int, list[str]]]] = {i: [] for i in range(agencies)}
    incidents: list[dict[str, object]] = []
    produced = 0
    number = 0
    while produced < entries:
        number += 1
        kind = rng.choice(sorted(KINDS))
        when = start + timedelta(days=rng.randrange(days))
        people = rng.sample(pool, 2)
        seen_by = rng.sample(
            range(agencies), min(agencies, rng.choices((1, 2, 3), (55, 30, 15))[0])
        )
        members = []
        for agency in seen_by:
            day = when + timedelta(days=1) if rng.random() < 0.1 else when  # next-day records
            text = rng.choice(KINDS[kind]).format(
                p1=people[0],
                p2=people[1],
                site=rng.choice(SITES),
                agency=AGENCIES[rng.randrange(len(AGENCIES))][0],
            )
            rows[agency].append((day, produced, _row(agency, day, number, people, text, rng)))
            members.append((agency, produced))
            produced += 1
        incidents.append(
            {
                "id": f"S{number:06d}",
                "date": when.isoformat(),
                "date_precision": "day",
                "entries": members,
            }
        )
    row_number: dict[tuple[int, int], int] = {}
    for agency, made in rows.items():
        made.sort(key=lambda row: (row[0], row[1]))
        for number_in_file, (_, order, _) in enumerate(made, start=1):
            row_number[(agency, order)] = number_in_file
    files, names = {}, {}
    for agency, made in rows.items():
        agency_rows = [cells for _, _, cells in made]
        name, header, _ = AGENCIES[agency % len(AGENCIES)]
        file_name = (
            f"synthetic_{agency:02d}_{name.lower().replace(' ', '_').replace(chr(39), '')}.csv"
        )
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([header, *agency_rows])
        files[file_name] = out.getvalue().encode("utf-8")
        names[file_name] = f"{name} {agency // len(AGENCIES) + 1}"
    file_of = {agency: name for agency, name in enumerate(files)}
    truth = {
        "case": "synthetic",
        "incidents": [
            {
                **incident,
                "entries": [[file_of[a], row_number[(a, o)]] for a, o in incident["entries"]],  # type: ignore[attr-defined]
            }
            for incident in incidents
        ],
        "conflicts": [],
    }
    return SyntheticReview(files=files, agencies=names, truth=truth)


def _letters(number: int) -> str:
    """A, B, ..., Z, AA, AB, ... for the n-th person."""
    text = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def _row(
    agency: int, day: date, number: int, people: list[str], text: str, rng: random.Random
) -> list[str]:
    _, header, date_format = AGENCIES[agency % len(AGENCIES)]
    cells = []
    for column in header:
        lowered = column.lower()
        if "date" in lowered:
            cells.append(day.strftime(date_format))
        elif "time" in lowered:
            cells.append(
                f"{rng.randrange(24):02d}{rng.randrange(60):02d}" if rng.random() < 0.4 else ""
            )
        elif "ref" in lowered:
            cells.append(f"R-{agency:02d}-{number:07d}")
        elif lowered in {
            "subject(s)",
            "patient",
            "tenant/subject",
            "client",
            "person",
            "child/young person",
        }:
            cells.append("; ".join(people))
        elif lowered in {
            "practice contact",
            "event",
            "referral/contact",
            "contact type",
            "contact",
        }:
            cells.append(text.split(";")[0][:40])
        elif lowered == "action":
            cells.append(
                rng.choice(["No further action.", "Advice given.", "Referred on.", "Letter sent."])
            )
        else:
            cells.append(text[0].upper() + text[1:] + ".")
    return cells

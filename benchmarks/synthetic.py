"""Synthetic agency chronologies for benchmarks: deterministic, fictional, any size."""

from __future__ import annotations

import random
from datetime import date, timedelta

AGENCY_STYLES = [
    ("Police", "Date,Time,Incident Ref,Subject(s),Summary of Contact,Action Taken", "%d/%m/%Y"),
    ("Hospital", "Date of Contact,Time,Patient,Presenting Complaint,Outcome", "%d/%m/%Y"),
    ("Housing", "Entry No,Date,Tenant/Subject,Details,Action", "%d %b %Y"),
    ("Probation", "Date,Event,Details", "%d/%m/%Y"),
    ("Ambulance", "date,time,call_ref,summary,action", "%Y-%m-%d"),
    ("GP", "Date,Practice Contact,Patient,Details", "%d.%m.%Y"),
    (
        "Children's Services",
        "Date,Referral/Contact,Child/Young Person,Details,Decision",
        "%d/%m/%Y",
    ),
    ("DA Service", "Date,Contact Type,Client,Notes,Outcome", "%d/%m/%Y"),
    ("Mental Health", "Date,Time,Service,Patient,Notes", "%d %B %Y"),
    ("Adult Social Care", "Date,Contact,Person,Details,Action", "%d/%m/%Y"),
]

_WORDS = [
    "call",
    "concern",
    "safety",
    "assault",
    "partner",
    "neighbour",
    "report",
    "arrest",
    "referral",
    "visit",
    "injury",
    "hospital",
    "bruising",
    "argument",
    "shouting",
    "welfare",
    "check",
    "risk",
    "assessment",
    "letter",
    "appointment",
    "attended",
    "declined",
    "advised",
    "safeguarding",
    "MARAC",
    "IDVA",
    "housing",
    "police",
    "officer",
]


def agency_csv(agency_index: int, rows: int, seed: int = 7) -> bytes:
    """One agency's chronology of `rows` records in that agency's own layout."""
    rng = random.Random(seed * 1000 + agency_index)
    name, header, date_format = AGENCY_STYLES[agency_index % len(AGENCY_STYLES)]
    columns = header.split(",")
    start = date(2010, 1, 1)
    lines = [header]
    for number in range(1, rows + 1):
        day = start + timedelta(days=rng.randrange(0, 3650))
        cells = []
        for column in columns:
            lowered = column.lower()
            if "date" in lowered:
                cells.append(day.strftime(date_format))
            elif "time" in lowered:
                cells.append(
                    f"{rng.randrange(24):02d}{rng.randrange(60):02d}" if rng.random() < 0.5 else ""
                )
            elif "ref" in lowered or "entry no" in lowered:
                cells.append(f"{name[:3].upper()}-{number:06d}")
            elif lowered in {
                "patient",
                "client",
                "subject(s)",
                "tenant/subject",
                "person",
                "child/young person",
            }:
                cells.append(rng.choice(["Adult A", "Adult B", "Adult A; Adult B", "Child C"]))
            else:
                text = " ".join(rng.choice(_WORDS) for _ in range(rng.randrange(8, 40)))
                cells.append(f'"{text}, {rng.choice(_WORDS)}"')
        lines.append(",".join(cells))
    return ("\n".join(lines) + "\n").encode("utf-8")


def agency_name(agency_index: int) -> str:
    """The synthetic agency's name."""
    return f"{AGENCY_STYLES[agency_index % len(AGENCY_STYLES)][0]} {agency_index // len(AGENCY_STYLES) + 1}"


def agency_workbook(agency_index: int, rows: int, path: str, seed: int = 7) -> None:
    """The same chronology as `agency_csv` written as an Excel workbook at `path`: dates as
    real Excel date cells (dd/mm/yyyy), the rest as text. Streamed (openpyxl's write-only
    mode), so a workbook of any size is written in little memory."""
    import csv
    import io
    from datetime import datetime

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    _, _, date_format = AGENCY_STYLES[agency_index % len(AGENCY_STYLES)]
    text = agency_csv(agency_index, rows, seed).decode("utf-8")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Chronology")
    for number, cells in enumerate(csv.reader(io.StringIO(text))):
        row: list[object] = []
        for cell in cells:
            try:
                day = datetime.strptime(cell, date_format) if number else None
            except ValueError:
                day = None
            if day is None:
                row.append(cell)
                continue
            dated = WriteOnlyCell(sheet, value=day.date())
            dated.number_format = "dd/mm/yyyy"
            row.append(dated)
        sheet.append(row)
    workbook.save(path)

"""A long agency chronology for tests of large files: one fictional row a day, in date order."""

from __future__ import annotations

from datetime import date, timedelta

_CONTACTS = ["Welfare check", "Call from neighbour", "Referral received", "Home visit", "Letter"]
_PEOPLE = ["Adult A", "Adult B", "Mr C", "Ms D", "Child E"]
_OUTCOMES = ["advice given", "no further action", "referred to IDVA", "risk assessed"]


def long_chronology(rows: int, prefix: str = "POL", start: date = date(1960, 1, 1)) -> bytes:
    """A CSV of `rows` rows, one a day from `start`, each with its own reference: as large as
    the upload limit allows in a test, yet sparse enough that merging it stays near-linear."""
    lines = ["Date,Time,Incident Ref,Subject,Summary of Contact"]
    for number in range(rows):
        day = start + timedelta(days=number)
        contact = _CONTACTS[number % len(_CONTACTS)]
        person = _PEOPLE[(number // 7) % len(_PEOPLE)]
        outcome = _OUTCOMES[(number // 3) % len(_OUTCOMES)]
        lines.append(
            f"{day:%d/%m/%Y},{number % 24:02d}{number % 60:02d},{prefix}-{number:06d},{person},"
            f'"{contact} about {person}, {outcome} (entry {number})"'
        )
    return ("\n".join(lines) + "\n").encode()

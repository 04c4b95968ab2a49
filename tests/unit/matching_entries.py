"""Hand-made entries for the matching tests: one agency row, with only the fields a test needs."""

from __future__ import annotations

from datetime import date

from projections.matching import EntryFacts


def entry(
    entry_id: str,
    agency: str,
    day: date | None,
    summary: str,
    *,
    time: str | None = None,
    reference: str = "",
    precision: str = "day",
    latest: date | None = None,
    row: int = 1,
    subjects: str = "",
    event_type: str = "",
    action: str = "",
    iso_dates: bool = False,
) -> EntryFacts:
    """An entry of `agency` dated `day` (written dd/mm/yyyy, or ISO with `iso_dates`)."""
    fields = {
        "summary": summary,
        "reference": reference,
        "subjects": subjects,
        "event_type": event_type,
        "action": action,
    }
    return EntryFacts(
        entry_id=entry_id,
        agency=agency,
        file_name=f"{agency.lower()}.csv",
        row=row,
        earliest=day,
        latest=latest or day,
        precision=precision,
        approximate=False,
        date_text=(day.isoformat() if iso_dates else day.strftime("%d/%m/%Y")) if day else "",
        time=time,
        fields={name: value for name, value in fields.items() if value or name == "summary"},
    )

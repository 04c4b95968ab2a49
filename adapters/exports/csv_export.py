"""The combined chronology as CSV: one line per agency account, for people who filter in Excel.

Written as UTF-8 with a byte order mark so Excel opens the accents and dashes correctly, and with
formula-looking cells defused, because Excel runs a CSV cell that begins with `=`.
"""

from __future__ import annotations

import csv
import io

from adapters.exports.cells import defused
from adapters.exports.model import ExportDocument

HEADER = (
    "incident",
    "incident_date",
    "date_as_recorded",
    "precision",
    "earliest",
    "latest",
    "time",
    "agency",
    "file",
    "row",
    "subjects",
    "account",
    "action",
    "comment",
    "conflicts",
    "entry_id",
)


# Headers of the columns as sent carry the agency's own header after this prefix, so a panel
# column called "account" never collides with one of ours.
SENT_PREFIX = "as sent: "


def render_csv(document: ExportDocument) -> bytes:
    """The chronology as CSV bytes, incidents in date order, each account on its own line."""
    conflict_summaries = {conflict.number: conflict.summary for conflict in document.conflicts}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    sent = document.sent_headers  # then every column as the agencies sent it, under its header
    writer.writerow([*HEADER, *(defused(f"{SENT_PREFIX}{h}") for h in sent)])
    for incident in document.incidents:
        for entry in incident.entries:
            conflicts = "; ".join(conflict_summaries[n] for n in entry.conflict_numbers)
            texts = (
                incident.incident_id,
                _iso(incident.earliest),
                entry.date_text,
                entry.precision,
                _iso(entry.earliest),
                _iso(entry.latest),
                entry.time,
                entry.agency,
                entry.file,
            )
            more = (
                entry.subjects,
                entry.account,
                entry.action,
                entry.comment,
                conflicts,
                entry.entry_id,
            )
            cells = dict(entry.cells)
            as_sent = [defused(cells.get(header, "")) for header in sent]
            writer.writerow([*map(defused, texts), entry.row, *map(defused, more), *as_sent])
    return out.getvalue().encode("utf-8-sig")


def _iso(day: object) -> str:
    return "" if day is None else str(day)

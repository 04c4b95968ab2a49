"""Turning listings and reports into text for a terminal, JSON for tools, or CSV for Excel."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from api.workspace import ImportReport
from projections.entry_listing import ListedEntry

# A cell beginning with one of these would run as a formula when a CSV is opened in Excel.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def import_report(report: ImportReport) -> str:
    """A short human report of one import: stored or already held, unreadable rows, mapping."""
    outcome, reading = report.outcome, report.reading
    read_as = (
        f"encoding {reading.encoding}, delimiter {_delimiter_name(reading.delimiter)}"
        if reading.file_type == "csv"
        else f"read as {reading.file_type}"
    )
    lines = [
        f"{reading.file_name}: {len(reading.rows)} records, {read_as}"
        + (
            ""
            if reading.day_first
            else ", dates month first (a date such as 10/23/2014 can only be)"
        )
    ]
    if outcome.status == "already_held":
        lines.append(
            "Already held: this agency sent exactly these bytes before; nothing new stored."
        )
    else:
        lines.append(f"Stored {outcome.rows_stored} entries as submission {outcome.submission_id}.")
        if outcome.supersedes:
            lines.append(
                f"Supersedes the agency's earlier submission {outcome.supersedes} "
                "(kept in the record)."
            )
    if reading.tables_read:
        lines.append(f"Read: {', '.join(reading.tables_read)}")
    lines.extend(f"Set aside: {skipped}" for skipped in reading.tables_skipped)
    lines.extend(f"Note: {note}" for note in reading.notes)
    lines.append("Columns:")
    reasons = {d.column: d.reason for d in reading.decisions}
    if not reading.header_found:
        lines.append("  (the file has no header row: columns are named by position)")
    for name in reading.header:
        field = reading.column_mapping.get(name, "(kept verbatim, not mapped)")
        reason = reasons.get(name)
        lines.append(f"  {name!r} -> {field}" + (f": {reason}" if reason else ""))
    unreadable = reading.unreadable_rows
    lines.append(
        f"Unreadable rows: {len(unreadable)}"
        + (" (stored verbatim with the reason)" if unreadable else "")
    )
    lines.extend(f"  {row.problem}" for row in unreadable)
    for skipped in reading.skipped:
        place = skipped.place or f"line {skipped.line}"
        lines.append(f"Not a record, {place} ({skipped.reason}): {skipped.text[:80]!r}")
    return "\n".join(lines)


def entries_json(review: str, listed: Sequence[ListedEntry]) -> str:
    """Entries as a JSON document: the review and each entry with provenance and verbatim cells."""
    payload = {"review": review, "entries": [_entry_dict(e) for e in listed]}
    return json.dumps(payload, indent=2, ensure_ascii=False)


def entries_csv(listed: Sequence[ListedEntry]) -> str:
    """Entries as CSV, one line per entry; cells that Excel would run as formulas are defused."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            "agency",
            "file",
            "row",
            "line",
            "status",
            "date",
            "precision",
            "time",
            "summary",
            "submission_id",
            "uploaded_by",
            "uploaded_at",
            "entry_id",
            "cells",
            "reason",
        ]
    )
    for e in listed:
        writer.writerow(
            [
                safe_cell(v)
                for v in (
                    e.agency,
                    e.file_name,
                    e.row,
                    e.line,
                    e.status,
                    e.date_text or "",
                    e.precision or "",
                    e.time or "",
                    e.fields.get("summary", ""),
                    e.submission_id,
                    e.uploaded_by,
                    e.uploaded_at,
                    e.entry_id,
                    json.dumps(e.verbatim(), ensure_ascii=False),
                    e.reason or "",
                )
            ]
        )
    return out.getvalue()


def entries_table(listed: Sequence[ListedEntry]) -> str:
    """Entries as a fixed-width table that fits the terminal."""
    width = shutil.get_terminal_size((120, 20)).columns
    heads = ("Date", "Time", "Agency", "File:row (line)", "Account")
    rows = [
        (
            e.date_text or ("(undated)" if e.status == "recorded" else "UNREADABLE"),
            e.time or "",
            e.agency,
            f"{e.file_name}:{e.row} ({e.line})",
            (e.fields.get("summary") or e.fields.get("event_type") or e.reason or "").replace(
                "\n", " "
            ),
        )
        for e in listed
    ]
    fixed = [min(28, max([len(heads[i])] + [len(r[i]) for r in rows])) for i in range(4)]
    account_width = max(20, width - sum(fixed) - 2 * len(fixed) - 1)
    out = [
        _table_line(heads, fixed, account_width),
        "-" * min(width, sum(fixed) + account_width + 8),
    ]
    out += [_table_line(r, fixed, account_width) for r in rows]
    out.append(f"{len(listed)} entries")
    return "\n".join(out)


def _table_line(cells: Sequence[str], fixed: Sequence[int], last: int) -> str:
    parts = [_clip(c, w).ljust(w) for c, w in zip(cells, fixed, strict=False)]
    return "  ".join(parts + [_clip(cells[-1], last)])


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def _entry_dict(e: ListedEntry) -> dict[str, Any]:
    data = asdict(e)
    data.pop("header")
    data["file"] = data.pop("file_name")
    data["cells"] = e.verbatim()
    return data


def safe_cell(value: object) -> str:
    """A cell Excel will show as text: a leading =, +, -, @ is prefixed with an apostrophe."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text


def _delimiter_name(delimiter: str) -> str:
    return {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}.get(
        delimiter, repr(delimiter)
    )

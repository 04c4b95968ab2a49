"""The intake preview as text for a terminal (`chronology import --dry-run`)."""

from __future__ import annotations

from adapters.intake_preview import IntakePreview

# A narrative cell is cut at this many characters: the preview checks columns, not accounts.
_CELL_CHARACTERS = 60


def preview_report(preview: IntakePreview) -> str:
    """What would be stored, and how each column and the first rows were read."""
    read_as = (
        f"encoding {preview.encoding}, delimiter {_delimiter_name(preview.delimiter)}"
        if preview.file_type == "csv"
        else f"read as {preview.file_type}"
    )
    order = "day/month/year" if preview.day_first else "month/day/year"
    lines = [
        f"{preview.file_name}: {preview.records} records, {read_as}, numeric dates {order}",
        "Dry run: nothing stored. Check the roles and rows below, then import without --dry-run "
        '(correct a column with --map "Header=field").',
    ]
    if preview.tables_read:
        lines.append(f"Read: {', '.join(preview.tables_read)}")
    lines.extend(f"Set aside: {skipped}" for skipped in preview.tables_skipped)
    lines.extend(f"Note: {note}" for note in preview.notes)
    lines.append("Columns:")
    for column in preview.columns:
        role = column.role or "(kept verbatim, not read)"
        lines.append(f"  {column.name!r} -> {role}: {column.reason}")
    lines.append(f"First {len(preview.first_rows)} rows, dates as read:")
    for row in preview.first_rows:
        read = row.problem or f"{row.date_read or 'undated'}"
        cells = " | ".join(_cut(cell) for cell in row.cells)
        lines.append(f"  row {row.row} ({row.place}): {read}")
        lines.append(f"    {cells}")
    lines.append(
        f"Unreadable rows: {len(preview.unreadable)}"
        + (" (would be stored verbatim with the reason)" if preview.unreadable else "")
    )
    lines.extend(f"  {row.problem}" for row in preview.unreadable)
    for skipped in preview.skipped:
        lines.append(f"Not a record, {skipped.place or f'line {skipped.line}'}: {skipped.reason}")
    if preview.mapping_lines:
        lines.append("Mapping given: " + ", ".join(f"--map {m!r}" for m in preview.mapping_lines))
    return "\n".join(lines)


def _cut(cell: str) -> str:
    flat = " ".join(cell.split())
    return flat if len(flat) <= _CELL_CHARACTERS else flat[: _CELL_CHARACTERS - 1] + "…"


def _delimiter_name(delimiter: str) -> str:
    return {"\t": "tab", ",": "comma", ";": "semicolon", "|": "pipe"}.get(
        delimiter, repr(delimiter)
    )

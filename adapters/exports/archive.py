"""Rewriting an Office zip package so the same content always gives the same bytes.

zipfile stamps each member with the current time; a report regenerated from the same event
position must be byte-identical, so every member gets one fixed timestamp in a fixed order.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

# The earliest time a zip file can record; it says plainly "no meaningful time".
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def stable_zip(package: bytes) -> bytes:
    """`package` rewritten with fixed member timestamps and attributes, members in stored order."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            stamped = zipfile.ZipInfo(member.filename, date_time=FIXED_ZIP_TIME)
            stamped.compress_type = zipfile.ZIP_DEFLATED
            stamped.external_attr = 0o600 << 16
            target.writestr(stamped, source.read(member.filename))
    return out.getvalue()


# Stamped into document properties when no generation time is given, so bytes stay stable.
UNDATED = datetime(2000, 1, 1)


def document_timestamp(generated_at: datetime | None) -> datetime:
    """The created/modified time for Office properties: the generation time in UTC, or UNDATED."""
    if generated_at is None:
        return UNDATED
    return generated_at.astimezone(UTC).replace(tzinfo=None, microsecond=0)

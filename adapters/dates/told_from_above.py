"""Dates a record gives by the record above it, as recollections do: "That afternoon", "Later
that day", "The next morning". A person reads them as the day of the row above, or the day
after; the cell alone dates nothing.
"""

from __future__ import annotations

import re

_PART = r"(?:day|morning|afternoon|evening|night)"
_SAME_DAY = re.compile(
    rf"(?:later |earlier |also )?(?:that|the same|same) {_PART}(?: too)?|later on|later",
    re.IGNORECASE,
)
_NEXT_DAY = re.compile(rf"(?:the )?(?:next|following) {_PART}|(?:the )?day after", re.IGNORECASE)


def days_after_above(text: str) -> int | None:
    """0 for a cell that names the day of the record above ("That afternoon"), 1 for the day
    after it ("The next morning"), None for any other cell."""
    written = " ".join(text.strip().rstrip(".").split())
    if _SAME_DAY.fullmatch(written):
        return 0
    if _NEXT_DAY.fullmatch(written):
        return 1
    return None

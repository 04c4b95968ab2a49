"""Which row of an agency's previous file each row of its corrected file continues.

A record is one agency row followed across that agency's resubmissions: decisions, links and
splits name records, so a chair's work carries over to the corrected row. Row numbers alone
are a poor guide: a corrected file often gains a row near the top, and every row below would
then continue the wrong one. So rows are matched by what they say, in this order:

1. the same cells, word for word (the row did not change, wherever it now stands);
2. the same date and time and much the same words, most alike first (a corrected row);
3. the same position with the same date and time, or with much the same words (a row
   corrected in place: its date, or much of its wording);

and a row that continues none is a new record. Each previous row is continued at most once.
Deterministic, so a rebuild gives every row the record it had.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from domain.revisions import plain_cells

# Two rows' words (cells joined) sharing at least this fraction (Jaccard) are "much the same".
SIMILAR_WORDS = 0.5

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class RowContent:
    """What lineage compares of one row: its place, cells and reading of the date and time."""

    row: int
    cells: tuple[str, ...]
    earliest: str | None
    time: str | None

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset(w.casefold() for cell in self.cells for w in _WORD.findall(cell))


def continued_rows(
    previous: Sequence[RowContent], corrected: Sequence[RowContent]
) -> dict[int, int]:
    """{corrected row number: previous row number it continues}; rows absent are new."""
    taken: set[int] = set()
    found: dict[int, int] = {}

    by_cells: dict[tuple[str, ...], list[int]] = {}
    for old in previous:
        by_cells.setdefault(plain_cells(old.cells), []).append(old.row)
    for new in corrected:
        for row in by_cells.get(plain_cells(new.cells), ()):
            if row not in taken:
                found[new.row] = row
                taken.add(row)
                break

    at_moment: dict[tuple[str | None, str | None], list[RowContent]] = {}
    for old in previous:
        if old.row not in taken:
            at_moment.setdefault(_moment(old), []).append(old)
    candidates = sorted(
        (-_similarity(old, new), new.row, old.row)
        for new in corrected
        if new.row not in found
        for old in at_moment.get(_moment(new), ())
    )
    for negative_similarity, new_row, old_row in candidates:
        if -negative_similarity < SIMILAR_WORDS:
            break
        if new_row not in found and old_row not in taken:
            found[new_row] = old_row
            taken.add(old_row)

    old_at = {old.row: old for old in previous}
    for new in corrected:
        in_place = old_at.get(new.row)
        if new.row in found or in_place is None or in_place.row in taken:
            continue
        if _same_moment(in_place, new) or _similarity(in_place, new) >= SIMILAR_WORDS:
            found[new.row] = in_place.row
            taken.add(in_place.row)
    return found


def _moment(row: RowContent) -> tuple[str | None, str | None]:
    return row.earliest, row.time or None


def _same_moment(old: RowContent, new: RowContent) -> bool:
    return _moment(old) == _moment(new)


def _similarity(old: RowContent, new: RowContent) -> float:
    a, b = old.words, new.words
    return len(a & b) / len(a | b) if a or b else 1.0

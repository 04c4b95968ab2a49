"""Whether an agency's new file corrects a file it sent before, or is another chronology.

Agencies resend a chronology when the panel asks for corrections ("police_v2.csv", "Police
chronology - revised.csv"), and some send two chronologies at once (incident logs and custody
records). A corrected file replaces the one it corrects; another file stands beside it. A new
file corrects an earlier one when their names differ only by version marks, or when most of
the earlier file's rows are in the new one word for word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath

# Words and numbers in a file name that mark a version of the same file, not another file.
_VERSION_MARKS = re.compile(
    r"\b(?:v\d+|version \d+|final|corrected|correction|revised|revision|updated|update|"
    r"amended|latest|copy|new|draft|resubmitted|resubmission)\b"
    r"|\(\d+\)|\b\d{4} \d{2} \d{2}\b|\b\d{8}\b|\b\d{1,2} \d{1,2} \d{2,4}\b"
)
# Share of the earlier file's (sampled) rows found word for word in the new file that makes it
# a correction of that file.
SAME_ROWS = 0.5


def file_family(file_name: str) -> str:
    """A file name without its extension, separators and version marks: "Police_v2 (1).csv"
    and "police.csv" are both "police"."""
    stem = PurePath(file_name).stem.lower()
    spaced = re.sub(r"[_\-.\s]+", " ", stem)
    return " ".join(_VERSION_MARKS.sub(" ", spaced).split())


def corrects(
    new_file: str,
    new_rows: Sequence[Sequence[str]],
    old_file: str,
    old_rows_sample: Sequence[Sequence[str]],
) -> bool:
    """Whether the new file corrects the old one: the same name but for version marks, or most
    of a sample of the old file's rows (their cells) found word for word in the new file."""
    if file_family(new_file) == file_family(old_file):
        return True
    if not old_rows_sample:
        return False
    present = {plain_cells(cells) for cells in new_rows}
    found = sum(1 for cells in old_rows_sample if plain_cells(cells) in present)
    return found >= SAME_ROWS * len(old_rows_sample)


def plain_cells(cells: Sequence[str]) -> tuple[str, ...]:
    """A row's cells with runs of whitespace made single: two rows with the same plain cells
    say the same words."""
    return tuple(" ".join(cell.split()) for cell in cells)

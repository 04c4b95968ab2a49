"""A plain progress bar on standard error, shown only for long work on a terminal."""

from __future__ import annotations

import sys
from typing import TextIO

_BAR_WIDTH = 30


class ProgressBar:
    """Draws `label [#####.....] done/total` in place; silent when not on a terminal."""

    def __init__(self, label: str, stream: TextIO | None = None, minimum_total: int = 2000) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.minimum_total = minimum_total
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        """Report progress; draws only when the work is long enough to be worth watching."""
        if total < self.minimum_total or not self.stream.isatty():
            return
        filled = int(_BAR_WIDTH * done / max(total, 1))
        self.stream.write(
            f"\r{self.label} [{'#' * filled}{'.' * (_BAR_WIDTH - filled)}] {done}/{total}"
        )
        self.stream.flush()
        self.drawn = True

    def finish(self) -> None:
        """End the bar's line, if one was drawn."""
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()

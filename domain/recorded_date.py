"""A date as an agency recorded it: the original text, the span it can mean, and its precision.

Agencies write `16/06/2012`, `Dec 2012`, `c. Spring 2016` or `26/07/2012 - 26/07/2013`.
We keep the span the text allows (never more precise than written) and say how precise it is,
so that `Dec 2012` and `12/12/2012` can later be seen to agree rather than conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any


class Precision(StrEnum):
    """How much of a date the agency actually wrote down."""

    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"
    RANGE = "range"


@dataclass(frozen=True)
class RecordedDate:
    """The span [earliest, latest] that a recorded date text can mean.

    `approximate` marks words such as "c.", "around" or a leading "?": the agency itself
    was unsure, so the span is a best reading, not a fact.
    """

    text: str
    earliest: date
    latest: date
    precision: Precision
    approximate: bool = False

    def __post_init__(self) -> None:
        if self.latest < self.earliest:
            raise ValueError(f"date span ends before it starts: {self.text!r}")

    def to_dict(self) -> dict[str, Any]:
        """Plain values for an event payload (events hold only JSON-friendly types)."""
        return {
            "text": self.text,
            "earliest": self.earliest.isoformat(),
            "latest": self.latest.isoformat(),
            "precision": self.precision.value,
            "approximate": self.approximate,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RecordedDate:
        """Inverse of `to_dict`."""
        return cls(
            text=data["text"],
            earliest=date.fromisoformat(data["earliest"]),
            latest=date.fromisoformat(data["latest"]),
            precision=Precision(data["precision"]),
            approximate=bool(data.get("approximate", False)),
        )

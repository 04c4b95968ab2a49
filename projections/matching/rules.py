"""The matcher's numeric settings as typed sections, each value read from settings.json alone.

Every field is required: `settings.json` is the one place a default lives, and a key missing
from it, misspelt, or of the wrong type is refused when the settings are loaded (naming the key)
instead of being quietly replaced by a number written somewhere in the code. Keys starting with
"_" are the file's own notes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Blocking(_Section):
    """Which pairs of records are compared at all (blocking.py)."""

    date_bucket_days: int
    max_block_size: int
    window: int
    max_span_key_days: int
    file_neighbour_rows: int
    question_window_days: int  # the queue's reach beyond blocking (blocking.queue_pairs)
    question_window_max_rows: int  # ...in a merge of at most this many records


class TextLevels(_Section):
    """The wording similarity each text level starts at (scoring.py)."""

    high: float
    good: float
    some: float
    low: float


class TimeLevels(_Section):
    """Minutes apart for each clock-time level (scoring.py)."""

    exact: int
    close: int
    hour_slack: int
    near: int


class DateRules(_Section):
    """Days: the date levels' bounds, how far an approximate date is widened, how long one log
    reference stays one log, and the longest span of day-precise dates one incident may take."""

    approx_widen_days: int
    ref_max_gap_days: int
    within_short: int
    within_mid: int
    within_long: int
    within_fortnight: int
    max_incident_span_days: int


class ConflictRules(_Section):
    """The detectors' thresholds (detectors.py, findings.py)."""

    time_min_similarity: float
    time_tolerance_minutes: int
    time_max_gap_minutes: int
    cue_partner_similarity: float
    cue_partners: int
    identity_min_similarity: float
    # How many days before the incident's day a row may be dated and be read as giving it
    # another day (detectors.earlier_dates); further back it is another occurrence.
    earlier_date_days: int


class ModelEstimation(_Section):
    """How a review's own records move the priors (model.py)."""

    min_records: int
    min_pairs: int
    min_gap_days: int
    sample_pairs: int
    prior_pairs: float


Section = TypeVar("Section", bound=_Section)


def section(kind: type[Section], raw: Mapping[str, Any], name: str) -> Section:
    """The section `name` of a settings file, as `kind`; raises ValueError naming what is wrong."""
    if name not in raw:
        raise ValueError(f"the matching settings have no {name!r} section")
    values = {key: value for key, value in raw[name].items() if not key.startswith("_")}
    try:
        return kind.model_validate(values)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc'])}: {problem['msg'].lower()}"
            for problem in error.errors()
        )
        raise ValueError(f"the matching settings' {name!r} section: {problems}") from None

"""Which column holds what: each column's role, read from its cells first and its header second.

The header's words are a hint (the synonym table in `columns.py`), never a gate: agencies' systems
call the date column "Attended", "Logged" or "Rec'd". Every column is profiled from what its cells
hold (dates, clock times, reference numbers, long text); each role then goes to the column that
explains it best, and every decision carries its reason for the import report.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache

from adapters.columns import IGNORE, apply_overrides, map_columns, normalise_header
from adapters.dates import (
    TimeReadError,
    day_alone,
    is_date_qualifier,
    moment_in_some_year,
    read_time,
    recalls_when,
)
from adapters.source_table import SourceRecord
from domain.readings import ColumnDecision

# A column is read as dates (or times, or references) when at least this share of its filled
# cells are: one odd cell ("see above", a typo) must not cost a column its role.
CONTENT_SHARE = 0.6
# Columns whose cells average this many characters are narrative text.
NARRATIVE_CHARACTERS = 20
# Cells averaging this many characters are sentences: not a member of staff's name, a place or
# a list of people, whatever the header says ("Clinician narrative", "What she told the author").
SENTENCE_CHARACTERS = 60
# A column filled on at least this share of rows is the row's own date rather than a date
# written on some rows only (a log's call date on its first entry).
_FULL_COLUMN = 0.8
# A column the header names keeps its role unless fewer than this share of its cells hold it.
_HINT_SHARE = 0.3
# Cells enough to say a column holds numbers rather than mistyped times.
_SAMPLE_OF_NUMBERS = 3
# Times are written in at most this many characters on average ("approx 2.30pm").
_LONGEST_TIME = 15
# At most this many records are profiled: enough to judge a column, cheap on a 100,000-row file.
PROFILE_SAMPLE = 400

_REFERENCE = re.compile(r"(?=.*\d)[A-Za-z0-9][A-Za-z0-9/\-_.:#]{2,}(?: [A-Za-z0-9/\-_.:#]+){0,2}")
_INTEGER = re.compile(r"\d{1,6}")
_NUMBER = re.compile(r"\d{1,6}(?:\.\d+)?")
# Any digit the date readers' own `\d` would read (Unicode decimal digits, as they are).
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_CLOCK = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")
# Header words that say a column of dates records when something was written down, not when it
# happened; between two full columns of dates, the other one is the event's date.
# Words of a column dating a later look at the record (a review for the IMR), which cannot
# stand in for the date of a row that leaves its own empty.
_LATER_HANDLING = frozenset({"reviewed", "updated"})
# Words of a column that dates the record's own handling, not the contact it records.
_RECORDING_WORDS = frozenset(
    {"entered", "created", "input", "inputted", "printed", "exported", *_LATER_HANDLING}
)


@dataclass(frozen=True)
class ColumnProfile:
    """What one column's cells hold, over the profiled records."""

    name: str
    position: int
    records: int
    filled: int
    dates: int
    day_dates: int
    dated_times: int
    times: int
    references: int
    qualifiers: int
    mean_length: float
    distinct: int
    sequence: bool
    years: int = 0
    # Cells no date reads that say when in a person's words ("The night of the fire").
    recollections: int = 0
    # Cells that are a plain number ("3", "2.5"): an amount or a count, where no time is one.
    numbers: int = 0

    def share(self, count: int) -> float:
        """`count` as a share of the column's filled cells."""
        return count / self.filled if self.filled else 0.0

    @property
    def constant(self) -> bool:
        """One value on every row (an export date, a client's date of birth)."""
        return self.filled >= 3 and self.distinct == 1


def profile_columns(names: Sequence[str], records: Sequence[SourceRecord]) -> list[ColumnProfile]:
    """Profile every column over an even sample of `records`."""
    sample = _even_sample(records, PROFILE_SAMPLE)
    return [_profile(name, position, sample) for position, name in enumerate(names)]


def is_date_cell(cell: str, value: object = None) -> bool:
    """True when a cell holds a date a person could read (either numeric order)."""
    if isinstance(value, date | datetime):
        return True
    return _reads_as_date(cell.strip()) is not None


def assign_roles(
    names: Sequence[str],
    profiles: Sequence[ColumnProfile],
    overrides: Mapping[str, str] | None = None,
) -> tuple[dict[str, str], list[ColumnDecision]]:
    """The column -> field mapping for a table, and a decision with its reason per column.

    The user's `overrides` (`--map`) are applied first and never second-guessed; then the date,
    time, end date, qualifier and reference go to the columns whose cells hold them, preferring
    a column whose header names the role; then the other header words; then the longest text
    is the narrative."""
    chosen = _Choice(names, {p.name: p for p in profiles}, map_columns(names, overrides))
    for name, field in apply_overrides(names, overrides or {}).items():
        chosen.fix(name, field, _UPLOADERS)
    chosen.date()
    chosen.recorded_date()
    chosen.year_column()
    chosen.time()
    chosen.dated_role("end_date", "end date")
    chosen.qualifier()
    chosen.reference()
    chosen.other_hints()
    chosen.narrative()
    return chosen.result()


class _Choice:
    """The roles decided so far for one table, and the reasons."""

    def __init__(
        self, names: Sequence[str], profiles: Mapping[str, ColumnProfile], hints: dict[str, str]
    ) -> None:
        self.names = list(names)
        self.profiles = profiles
        self.hints = hints
        self.mapping: dict[str, str] = {}
        self.reasons: dict[str, str] = {}

    def fix(self, name: str, field: str, reason: str) -> None:
        self.mapping[name] = field
        self.reasons[name] = reason

    def free(self, name: str) -> bool:
        return name not in self.mapping

    def taken(self, field: str) -> bool:
        return field in self.mapping.values()

    def hinted(self, name: str, field: str) -> bool:
        return self.hints.get(name) == field

    def date(self) -> None:
        if self.taken("date"):
            return
        hinted = self._hinted_column("date")
        candidates = [
            p
            for p in self.profiles.values()
            if self.free(p.name)
            and p.filled
            and p.share(p.dates) >= CONTENT_SHARE
            and self.hints.get(p.name) not in ("end_date", "date_qualifier")
            and not _avoided_for_date(p.name)
        ]
        full = [
            c
            for c in candidates
            if c.filled >= _FULL_COLUMN * c.records and not _dates_the_recording(c.name)
        ]
        hinted_sparse = hinted is not None and hinted.filled < _FULL_COLUMN * hinted.records
        if hinted_sparse and full:
            # "Call Date/Time" filled on a log's first row only, beside "Entry Date/Time" on
            # every row: the row's own date is the column every row fills.
            hinted = None
        if hinted is not None and (not candidates or hinted.share(hinted.dates) >= _HINT_SHARE):
            # The header names the date and its cells do not say otherwise: rows whose date
            # cannot be read are then unreadable rows with their reasons, never lost.
            counted = _count(hinted.dates, hinted.filled, "are dates")
            self.fix(hinted.name, "date", f"header names the date; {counted}")
            return
        if not candidates:
            return
        best = max(candidates, key=self._date_rank)
        words = "header names the date; " if self.hinted(best.name, "date") else ""
        self.fix(best.name, "date", f"{words}{_count(best.dates, best.filled, 'are dates')}")

    def recorded_date(self) -> None:
        """Where the date column leaves rows empty (a MARAC noted on a log without an
        occurrence date), a second column of dates filled on every row gives their date."""
        dated = next((self.profiles[n] for n, f in self.mapping.items() if f == "date"), None)
        if dated is None or dated.filled >= dated.records or self.taken("recorded_date"):
            return
        for p in sorted(self.profiles.values(), key=lambda p: p.position):
            if (
                self.free(p.name)
                and p.filled >= _FULL_COLUMN * p.records
                and p.filled > dated.filled
                and p.share(p.dates) >= CONTENT_SHARE
                and self.hints.get(p.name) not in ("end_date", "date_qualifier")
                and not _LATER_HANDLING & set(normalise_header(p.name).split())
            ):
                counted = _count(p.dates, p.filled, "are dates")
                self.fix(
                    p.name,
                    "recorded_date",
                    f"the date of rows whose {dated.name!r} is empty; {counted}",
                )
                return

    def year_column(self) -> None:
        """A column of years alone ("Year": 2023) beside the date gives dates written without
        a year their year."""
        if not self.taken("date") or self.taken("year"):
            return
        # "2023" reads as a clock time too: only a header naming the year says which it is.
        hinted = self._hinted_column("year")
        if hinted is not None and hinted.filled and hinted.years == hinted.filled:
            counted = _count(hinted.years, hinted.filled, "are years")
            self.fix(hinted.name, "year", f"header names the year; {counted}")

    def _hinted_column(self, field: str) -> ColumnProfile | None:
        name = next((n for n, f in self.hints.items() if f == field and self.free(n)), None)
        return None if name is None else self.profiles[name]

    def _date_rank(self, p: ColumnProfile) -> tuple[int, int, int, float, int, int]:
        recording = _dates_the_recording(p.name)
        return (
            int(p.filled >= _FULL_COLUMN * p.records),
            int(self.hinted(p.name, "date")),
            int(not p.constant and not recording),
            round(p.filled / max(1, p.records), 1),
            p.day_dates,
            -p.position,
        )

    def time(self) -> None:
        if self.taken("time"):
            return
        hinted = self._hinted_column("time")
        # A column whose header names the time, none of whose cells is one and whose cells are
        # longer than times are written ("Accommodation at the time": "12 Coronation Terrace")
        # says where or what, not when: its rows are not made unreadable by it. Nor are they by
        # one of plain numbers none of which is a time ("Hrs": 3, 2.5), hours of support given.
        if hinted is not None and _numbers_not_times(hinted):
            hinted = None
        if hinted is not None and (
            not hinted.filled
            or hinted.share(hinted.times) >= _HINT_SHARE
            or (
                (hinted.times or hinted.mean_length <= _LONGEST_TIME)
                and hinted.share(hinted.dates) < CONTENT_SHARE
            )
        ):
            counted = _count(hinted.times, hinted.filled, "are clock times")
            self.fix(hinted.name, "time", f"header names the time; {counted}")
            return
        for p in sorted(self.profiles.values(), key=lambda p: (not self.hinted(p.name, "time"),)):
            if (
                not self.free(p.name)
                or not p.filled
                or self.hints.get(p.name) not in (None, "time")
            ):
                continue
            if p.share(p.times) >= CONTENT_SHARE and p.share(p.dates) < CONTENT_SHARE:
                words = "header names the time; " if self.hinted(p.name, "time") else ""
                self.fix(p.name, "time", f"{words}{_count(p.times, p.filled, 'are clock times')}")
                return
            if self.hinted(p.name, "time") and p.filled == 0:
                self.fix(p.name, "time", "header names the time; every cell is empty")
                return

    def dated_role(self, field: str, words: str) -> None:
        """A role only a header can give (an end date): its bad cells make rows unreadable.
        A column so named whose cells are clock times and no dates ("End": "10:45" beside
        "Start") holds when a contact ended, not an end date: it is kept as it is."""
        hinted = None if self.taken(field) else self._hinted_column(field)
        if hinted is None:
            return
        if _times_not_dates(hinted):
            counted = _count(hinted.times, hinted.filled, "are clock times")
            self.reasons[hinted.name] = f"kept as it is: header names the {words}, but {counted}"
            return
        counted = _count(hinted.dates, hinted.filled, "are dates")
        self.fix(hinted.name, field, f"header names the {words}; {counted}")

    def qualifier(self) -> None:
        if self.taken("date_qualifier") or not self.taken("date"):
            return
        for p in self.profiles.values():
            if self.free(p.name) and p.filled and p.share(p.qualifiers) >= CONTENT_SHARE:
                counted = _count(p.qualifiers, p.filled, "say how exact the date is")
                self.fix(p.name, "date_qualifier", counted)
                return

    def reference(self) -> None:
        if self.taken("reference"):
            return
        ranked = sorted(
            self.profiles.values(),
            key=lambda p: (not self.hinted(p.name, "reference"), p.position),
        )
        for p in ranked:
            if not self.free(p.name) or not p.filled:
                continue
            hinted = self.hinted(p.name, "reference")
            if p.sequence:
                if hinted:
                    self.reasons[p.name] = "kept as it is: its numbers count the rows (1, 2, 3...)"
                continue
            shaped = hinted or p.share(p.references) >= 0.9
            # "08:52" has the shape of a reference too: a column of clock times (a visit's
            # end, a crew's arrival) numbers no log.
            clock = not hinted and p.share(p.times) >= CONTENT_SHARE
            if shaped and not clock and p.mean_length <= 30 and p.share(p.dates) < CONTENT_SHARE:
                words = "header names a reference; " if hinted else ""
                counted = _count(p.references, p.filled, "look like reference numbers")
                self.fix(p.name, "reference", f"{words}{counted}")
                return

    def other_hints(self) -> None:
        for name, field in self.hints.items():
            if field in _DATED or field == "reference" or not self.free(name):
                continue
            if self.taken(field):
                continue
            profile = self.profiles[name]
            if profile.filled and profile.share(profile.dates) >= CONTENT_SHARE:
                continue  # a column of dates is not a narrative, whatever its header says
            if field in _SHORT_FIELDS and profile.mean_length >= SENTENCE_CHARACTERS:
                continue  # sentences are an account, not a name: the narrative may take it
            self.fix(name, field, f"header {name!r} names the {_FIELD_WORDS.get(field, field)}")

    def narrative(self) -> None:
        """With no column the header calls the narrative, the longest text is the account of
        what happened, even under a header such as "Remarks" that would make it a comment."""
        if self.taken("summary"):
            self._longer_narrative()
            return
        texts = [
            p
            for p in self.profiles.values()
            if (self.free(p.name) or self.mapping.get(p.name) in _SECONDARY_TEXT)
            and p.filled
            and p.mean_length >= NARRATIVE_CHARACTERS
            and p.share(p.dates) < CONTENT_SHARE
            and self.reasons.get(p.name) != _UPLOADERS
        ]
        if texts:
            best = max(texts, key=lambda p: (p.mean_length * p.filled, -p.position))
            self.fix(
                best.name,
                "summary",
                f"the longest text ({best.mean_length:.0f} characters a cell on average)",
            )

    def _longer_narrative(self) -> None:
        """A free column of sentences far longer than the column the header named the
        narrative ("Clinical summary" beside "Presenting complaint", "Clinician narrative"
        beside "Chief complaint") is the account of what happened; the short one then says
        what kind of contact it was (or, when that is taken, is the agency's comment)."""
        named = next(n for n, f in self.mapping.items() if f == "summary")
        short = self.profiles[named]
        longer = [
            p
            for p in self.profiles.values()
            if self.free(p.name)
            and p.filled
            and p.mean_length >= max(SENTENCE_CHARACTERS, 2 * short.mean_length)
            and p.share(p.dates) < CONTENT_SHARE
            and self.reasons.get(p.name) != _UPLOADERS
        ]
        if not longer or self.reasons.get(named) == _UPLOADERS:
            return
        best = max(longer, key=lambda p: (p.mean_length * p.filled, -p.position))
        moved = next((f for f in ("event_type", "comment", "action") if not self.taken(f)), None)
        if moved is None:  # every other text role is taken: the account still goes first
            del self.mapping[named]
            self.reasons[named] = f"shorter than {best.name!r}, the account: kept as it is"
        else:
            self.fix(
                named,
                moved,
                f"shorter than {best.name!r}, the account: read as the {_FIELD_WORDS[moved]}",
            )
        self.fix(
            best.name,
            "summary",
            f"the longest text ({best.mean_length:.0f} characters a cell on average)",
        )

    def result(self) -> tuple[dict[str, str], list[ColumnDecision]]:
        mapping = {n: self.mapping[n] for n in self.names if self.mapping.get(n, IGNORE) != IGNORE}
        decisions = []
        for name in self.names:
            field = mapping.get(name)
            reason = self.reasons.get(name) or "kept as it is, under its own header"
            decisions.append(ColumnDecision(name, field, reason))
        return mapping, decisions


# The reason of a role the uploader set (`--map`): never second-guessed.
_UPLOADERS = "set by the uploader's mapping"
_DATED = frozenset({"date", "time", "end_date", "date_qualifier"})
# Text fields a header may give a column that is in fact the file's only narrative.
_SECONDARY_TEXT = frozenset({"comment", "action"})
# Fields that hold a name or a few words, never an account.
_SHORT_FIELDS = frozenset({"staff", "source", "location", "subjects"})
_FIELD_WORDS = {
    "subjects": "people involved",
    "event_type": "kind of contact",
    "summary": "narrative",
    "action": "action taken",
    "comment": "agency's comment",
    "source": "source of the account",
    "staff": "member of staff",
    "location": "place",
}


def _times_not_dates(p: ColumnProfile) -> bool:
    return p.filled > 0 and not p.dates and p.share(p.times) >= _FULL_COLUMN


def _numbers_not_times(p: ColumnProfile) -> bool:
    return p.filled >= _SAMPLE_OF_NUMBERS and not p.times and p.numbers == p.filled


def _dates_the_recording(name: str) -> bool:
    """A header such as "Created On" or "Date reviewed by IMR author": when the record was
    handled, which a sparse column of the contacts' own dates is not to give way to."""
    return bool(_RECORDING_WORDS & set(normalise_header(name).split()))


def _avoided_for_date(name: str) -> bool:
    words = set(normalise_header(name).split())
    return bool(words & {"birth", "dob", "d o b"})


def _count(count: int, filled: int, what: str) -> str:
    return f"{count} of {filled} filled cells {what}"


def _even_sample(records: Sequence[SourceRecord], size: int) -> list[SourceRecord]:
    if len(records) <= size:
        return list(records)
    step = len(records) / size
    return [records[int(i * step)] for i in range(size)]


def _profile(name: str, position: int, records: Sequence[SourceRecord]) -> ColumnProfile:
    filled = dates = day_dates = dated_times = times = references = qualifiers = years = 0
    recollections = numbers = 0
    length = 0
    values: set[str] = set()
    integers: list[int] = []
    for record in records:
        cell = record.cells[position].strip() if position < len(record.cells) else ""
        if not cell:
            continue
        filled += 1
        length += len(cell)
        values.add(cell)
        typed = record.value(position)
        # "2140" is a clock time far more often than the year 2140 (or 1930).
        moment = _typed_moment(typed) or (None if _CLOCK.fullmatch(cell) else _reads_as_date(cell))
        if moment is not None:
            dates += 1
            day_dates += moment[0]
            dated_times += moment[1]
        elif _reads_as_time(cell) or isinstance(typed, time):
            times += 1
        else:
            recollections += recalls_when(cell)
        if moment is None and _REFERENCE.fullmatch(cell):
            references += 1
        qualifiers += is_date_qualifier(cell)
        years += bool(_YEAR.fullmatch(cell))
        if _INTEGER.fullmatch(cell):
            integers.append(int(cell))
        numbers += bool(_NUMBER.fullmatch(cell))
    return ColumnProfile(
        name=name,
        position=position,
        records=len(records),
        filled=filled,
        dates=dates,
        day_dates=day_dates,
        dated_times=dated_times,
        times=times,
        references=references,
        qualifiers=qualifiers,
        mean_length=length / filled if filled else 0.0,
        distinct=len(values),
        sequence=_counts_rows(integers, filled),
        years=years,
        recollections=recollections,
        numbers=numbers,
    )


def _typed_moment(value: object) -> tuple[bool, bool] | None:
    if isinstance(value, datetime):
        return True, value.time() != time(0)
    if isinstance(value, date):
        return True, False
    return None


# The layout (found twice for a CSV: choosing its delimiter, then reading it), the column
# profiles and the footer checks judge many of the same cells: each is judged once.
_JUDGED_CELLS = 16384


@lru_cache(maxsize=_JUDGED_CELLS)
def _reads_as_date(cell: str) -> tuple[bool, bool] | None:
    """(day precise, has a clock time) when `cell` reads as a date in either order, or would
    with a year ("19/07" under a section heading "2021") or a month ("11th" under "May 2021"),
    else None."""
    # The numeric order only decides between digits ("03/04"): a cell without one (most are
    # narratives) reads the same either way, so it is read once.
    if day_alone(cell):  # "11th" under a heading that names the month
        return True, False
    orders = (True, False) if _DIGIT.search(cell) else (True,)
    for day_first in orders:
        moment = moment_in_some_year(cell, day_first=day_first)
        if moment is not None:
            return moment.when.precision.value == "day", moment.time is not None
    return None


def _reads_as_time(cell: str) -> bool:
    try:
        return read_time(cell) is not None
    except TimeReadError:
        return False


def _counts_rows(integers: Sequence[int], filled: int) -> bool:
    """Whether a column's numbers just count the rows (1, 2, 3...): a row number, no reference."""
    if len(integers) < 3 or len(integers) < filled:
        return False
    steps = sum(1 for a, b in zip(integers, integers[1:], strict=False) if b == a + 1)
    return steps >= 0.8 * (len(integers) - 1)

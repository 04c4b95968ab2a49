"""Blocking: the keys that decide which entries are ever compared, and candidate pair generation.

Two entries are compared only if they share a key, so the cost stays near-linear and the
result depends only on the connected components of the shared-key graph.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date, timedelta

from projections.matching.facts import EntryFacts, MatchSettings
from projections.matching.forms import form_status
from projections.matching.profile import entry_text, normalised_reference, widened_span
from projections.matching.text import mentioned_dates, normalise


def blocking_keys(
    entry: EntryFacts, settings: MatchSettings, forms: Mapping[str, str] | None = None
) -> frozenset[str]:
    """Keys for one entry: date buckets (own and next, so neighbours meet), same day-month in
    adjacent years, day/month transposed, dates the text mentions, its reference number, its
    neighbourhood of rows in its own file, and the forms it says were sent or never received."""
    cfg = settings.blocking
    size = max(1, cfg.date_bucket_days)
    keys: set[str] = set()
    ref = normalised_reference(entry, settings)
    if ref:
        keys.add(f"ref:{ref}")
    rows = max(1, cfg.file_neighbour_rows)
    file_key = normalise(entry.file_name)
    keys.add(f"row:{file_key}:{entry.row // rows}")
    keys.add(f"row:{file_key}:{entry.row // rows + 1}")
    start, end = widened_span(entry, settings)
    if start is None or end is None:
        return frozenset(keys)
    first, last = start.toordinal() // size, end.toordinal() // size
    if last - first > cfg.max_span_key_days // size:
        # A long period only meets entries near its two ends; comparing it with every entry
        # inside would make one block of the whole period.
        buckets = [first, last]
    else:
        buckets = list(range(first, last + 1))
    for bucket in buckets:
        keys.add(f"d:{bucket}")
        keys.add(f"d:{bucket + 1}")
    if entry.precision == "day" and entry.earliest == entry.latest and entry.earliest is not None:
        day = entry.earliest
        keys.add(f"ym:{day.month:02d}-{day.day:02d}:{day.year}")
        keys.add(f"ym:{day.month:02d}-{day.day:02d}:{day.year + 1}")
        if day.day <= 12 and day.day != day.month:
            low, high = sorted((day.day, day.month))
            keys.add(f"tr:{day.year}:{low:02d}-{high:02d}")
    narrative = entry.fields.get("event_type", "") + ". " + entry.fields.get("summary", "")
    for mentioned in mentioned_dates(narrative, entry.latest):
        if entry.latest is None or mentioned <= entry.latest:
            keys.add(f"d:{mentioned.toordinal() // size}")
    # A form said to be sent and the same form said never received are often a week or two
    # apart (the receiver notes it later): rows with a form's status meet within ~two weeks.
    week = start.toordinal() // 7
    if forms is None:  # a profile, when the caller has one, already knows them
        forms = form_status(normalise(entry_text(entry)), settings.lexicon)
    for form in forms:
        keys.add(f"f:{form}:{week}")
        keys.add(f"f:{form}:{week + 1}")
    return frozenset(keys)


def candidate_pairs(
    members: Sequence[int], starts: Sequence[date | None], settings: MatchSettings
) -> Iterator[tuple[int, int]]:
    """Pairs to compare inside one block: all of them while the block is small, otherwise a
    sorted-neighbourhood window over date so an oversized block stays linear."""
    limit = settings.blocking.max_block_size
    if len(members) <= limit:
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                yield (a, b) if a < b else (b, a)
        return
    window = settings.blocking.window
    floor = date.min + timedelta(days=1)
    ordered = sorted(members, key=lambda m: (starts[m] or floor, m))
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 : i + 1 + window]:
            yield (a, b) if a < b else (b, a)


def queue_pairs(days: Sequence[int | None], settings: MatchSettings) -> Iterator[tuple[int, int]]:
    """Pairs of day-dated records up to about two of `question_window_days` apart, for the
    chair's queue only: an incident check may show a row a week or two away that blocking never
    compares (a return interview days after the missing episode, a discharge letter a week on).
    `days` are the records' day ordinals (None for a record not dated to the day). A bucket too
    full to compare whole (a dense review: many rows a day) is left out, so this stays cheap."""
    size = max(1, settings.blocking.question_window_days)
    buckets: dict[int, list[int]] = {}
    for index, day in enumerate(days):
        if day is not None:
            buckets.setdefault(day // size, []).append(index)
            buckets.setdefault(day // size + 1, []).append(index)
    seen: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) > settings.blocking.max_block_size:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pair = (a, b) if a < b else (b, a)
                if pair not in seen:
                    seen.add(pair)
                    yield pair

"""Per-entry derived features (tokens, people, times, event types) computed once per merge.

Profiles are private to the engine; they are rebuilt from EntryFacts on every call.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

from projections.matching.facts import EntryFacts, MatchSettings, PersonAlias
from projections.matching.forms import form_status
from projections.matching.lexicon import classify, phrase_pattern
from projections.matching.text import (
    joined,
    mentioned_dates,
    minutes,
    normalise,
    people,
    text_times,
    tokens,
)

TEXT_FIELDS = ("event_type", "summary", "action", "comment", "location", "subjects")
# The narrative beyond the row's event type and account (commentary left out).
_NARRATIVE_REST = ("action", "location", "subjects")
DAY_PRECISIONS = frozenset({"day"})


@dataclass
class Profile:
    """Everything the comparators need about one entry."""

    index: int
    entry: EntryFacts
    text: str
    headline: str
    tf: Counter[str]
    people: frozenset[str]
    time: int | None
    text_times: tuple[int, ...]
    mentions: tuple[date, ...]
    events: frozenset[str]
    headline_events: frozenset[str]
    # Headline event types found only in the outcome ("MASH referral submitted"), nowhere in
    # the row's event type or account: what was done next, weaker evidence of what the row is
    # about than its event type or opening words.
    outcome_events: frozenset[str]
    # The kinds of event the sending agency's name says all its rows are: a GP practice's rows
    # are GP contacts and a probation service's are probation contacts, though no row says so.
    agency_events: frozenset[str]
    # What the row says happened to a form (referral, DIAL...): "positive", "negative", "both".
    forms: Mapping[str, str]
    repeat: tuple[int, ...] | None
    ref: str | None
    start: date | None
    end: date | None
    day_level: bool
    out_of_sequence: bool = False
    vector: dict[str, float] = field(default_factory=dict)
    # Which run of its agency's rows of its reference the row is in, and the hospital stay it
    # belongs to ("admitted 16/02/2023"); None when it has none (logs.py).
    log_run: int | None = None
    stay: str | None = None


def entry_text(entry: EntryFacts) -> str:
    """The free text the engine reads, in a fixed field order."""
    return joined(entry.fields.get(name, "") for name in TEXT_FIELDS)


_REFERENCE_LIST = re.compile(r"\s+/\s+|[;,]|\s+\(")


def normalised_reference(entry: EntryFacts, settings: MatchSettings) -> str | None:
    """The entry's reference number in comparable form, or None when it has none."""
    # A cell listing more than one ("Occ 44220087311 / SG", "CR/22/0418; PVP 22/117") is
    # known by its first: the log the row belongs to, whatever else it was flagged with.
    raw = _REFERENCE_LIST.split(entry.fields.get("reference") or "", maxsplit=1)[0].strip()
    pattern = str(settings.lexicon.get("reference_pattern", r"^\S{4,}$"))
    if not raw or not re.match(pattern, raw):
        return None
    return re.sub(r"\s+", "", raw.upper())


def widened_span(entry: EntryFacts, settings: MatchSettings) -> tuple[date | None, date | None]:
    """The recorded span, widened by a few days when the source marked it approximate."""
    if entry.earliest is None:
        return None, None
    latest = entry.latest or entry.earliest
    if entry.approximate:
        pad = timedelta(days=settings.date_rules.approx_widen_days)
        return entry.earliest - pad, latest + pad
    return entry.earliest, latest


# Entries whose derived features are remembered between merges. A re-merge mostly meets the same
# entries again; beyond this many the memory costs more than recomputing (about 4 KB an entry).
CACHE_LIMIT = 20_000
_PROFILE_CACHE: dict[tuple[object, ...], Profile] = {}
_FINGERPRINTS: dict[int, tuple[object, str]] = {}


def settings_fingerprint(settings: MatchSettings) -> str:
    """A content hash of what profiles and cues depend on (all but the weights, which a merge
    may calibrate to its review), so caches survive reloading the same JSON (load_settings
    builds new objects each time) but never mix two configurations."""
    held = _FINGERPRINTS.get(id(settings))
    if held is not None and held[0] is settings:
        return held[1]
    import hashlib
    import json

    content = json.dumps(
        [
            settings.blocking.model_dump(),
            settings.text_levels.model_dump(),
            settings.time_levels.model_dump(),
            settings.date_rules.model_dump(),
            settings.conflict_rules.model_dump(),
            settings.lexicon,
        ],
        sort_keys=True,
        default=str,
    )
    digest = hashlib.sha1(content.encode("utf-8")).hexdigest()
    if len(_FINGERPRINTS) > 64:
        _FINGERPRINTS.clear()
    _FINGERPRINTS[id(settings)] = (settings, digest)
    return digest


def entry_key(entry: EntryFacts) -> tuple[object, ...]:
    """Everything an entry's profile depends on, as a hashable value."""
    return (
        entry.entry_id,
        entry.agency,
        entry.file_name,
        entry.row,
        entry.earliest,
        entry.latest,
        entry.precision,
        entry.approximate,
        entry.date_text,
        entry.time,
        tuple(sorted(entry.fields.items())),
    )


def build_profile(
    index: int, entry: EntryFacts, people_list: Sequence[PersonAlias], settings: MatchSettings
) -> Profile:
    """Derive one entry's comparable features. The per-entry part is memoised across merges
    (keyed by the entry's content, the people and the settings' content), so a re-merge of a
    review only pays for the pairwise work; the component-level parts (IDF vector,
    out-of-sequence flag) are always recomputed."""
    key = (entry_key(entry), tuple(people_list), settings_fingerprint(settings))
    template = _PROFILE_CACHE.get(key)
    if template is None:
        template = _build_profile(entry, people_list, settings)
        if len(_PROFILE_CACHE) >= CACHE_LIMIT:
            _PROFILE_CACHE.clear()
        _PROFILE_CACHE[key] = template
    return replace(template, index=index, vector={}, out_of_sequence=False)


def _build_profile(
    entry: EntryFacts, people_list: Sequence[PersonAlias], settings: MatchSettings
) -> Profile:
    index = -1
    lex = settings.lexicon
    stopwords = _word_set(tuple(lex.get("stopwords", [])))
    excluded = _word_set(tuple(lex.get("person_exclusions", [])))
    text = entry_text(entry)
    norm = normalise(text)
    head_words = int(lex.get("headline_words", 10))
    summary_head = " ".join(normalise(entry.fields.get("summary", "")).split()[:head_words])
    action_head = " ".join(
        normalise(entry.fields.get("action", "")).split()[
            : int(lex.get("headline_action_words", 6))
        ]
    )
    headline = " | ".join(
        (normalise(entry.fields.get("event_type", "")), summary_head, action_head)
    )
    who = people(text, people_list, excluded)
    tf = Counter(tokens(text, stopwords))
    for person in who:
        tf["@" + person] += 1
    types = lex.get("event_types", {})
    # Event types the row's own type and account name anywhere (not just in their opening).
    described = classify(
        normalise(entry.fields.get("event_type", ""))
        + " | "
        + normalise(entry.fields.get("summary", "")),
        types,
    )
    # Event types come from the record's own narrative; agency commentary often names other
    # occurrences ("referral made 22/02") and would blur what this row is about.
    rest = normalise(joined(entry.fields.get(n, "") for n in _NARRATIVE_REST))
    events = described | classify(rest, types) if rest else described
    head_events = classify(headline, types)
    other = phrase_pattern(lex.get("other_occurrence_cues", []))
    if other is not None and other.search(headline):
        head_events = head_events | {"other_occurrence"}
    start, end = widened_span(entry, settings)
    return Profile(
        index=index,
        entry=entry,
        text=norm,
        headline=headline,
        tf=tf,
        people=who,
        time=minutes(entry.time),
        text_times=text_times(text),
        mentions=_past_mentions(entry),
        events=events,
        headline_events=head_events,
        outcome_events=head_events - described - {"other_occurrence"},
        agency_events=classify(normalise(entry.agency), types),
        forms=form_status(norm, lex),
        repeat=_repeat_marker(norm, lex.get("repeat_markers", [])),
        ref=normalised_reference(entry, settings),
        start=start,
        end=end,
        day_level=entry.precision in DAY_PRECISIONS and entry.earliest == entry.latest,
    )


@lru_cache(maxsize=32)
def _word_set(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(words)


def _past_mentions(entry: EntryFacts) -> tuple[date, ...]:
    """Dates the narrative refers back to. Commentary fields and future dates (bail dates,
    listed hearings) are left out: they point at other occurrences, not at this one."""
    text = joined(entry.fields.get(name, "") for name in ("event_type", "summary"))
    limit = entry.latest
    return tuple(d for d in mentioned_dates(text, limit) if limit is None or d <= limit)


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}


def _repeat_marker(text: str, patterns: Sequence[str]) -> tuple[int, ...] | None:
    """Which attempt of a repeated contact the row is ("attempt 2 of 3", "second attempt")."""
    for raw in patterns:
        match = re.search(raw, text)
        if match:
            return tuple(
                int(g) if g.isdigit() else _ORDINALS.get(g, 0)
                for g in match.groups()
                if g is not None
            )
    return None


def apply_idf(profiles: Sequence[Profile]) -> None:
    """Weight each profile's terms by IDF over `profiles` (one component of the review),
    so words common in this review's own records count for little."""
    df: Counter[str] = Counter()
    for p in profiles:
        df.update(p.tf.keys())
    total = len(profiles)
    # A small floor keeps shared words from counting for nothing when the set is tiny
    # (IDF over two records is zero for every word they share).
    floor = 0.1 + 0.9 * max(0.0, 1.0 - total / 50)
    for p in profiles:
        vec = {
            t: (1.0 + math.log(c)) * (math.log((1 + total) / (1 + df[t])) + floor)
            for t, c in p.tf.items()
        }
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        p.vector = {t: v / norm for t, v in vec.items() if v > 0}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two unit vectors held as sparse dicts."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def mark_out_of_sequence(profiles: Sequence[Profile], gap_days: int = 60) -> None:
    """Flag entries whose date jumps away from both neighbours in their own file while the
    neighbours agree with each other: a sign the date, not the order, is wrong."""
    by_file: dict[str, list[Profile]] = {}
    for p in profiles:
        if p.day_level and p.start is not None:
            by_file.setdefault(p.entry.file_name, []).append(p)
    for rows in by_file.values():
        rows.sort(key=lambda p: p.entry.row)
        for before, here, after in zip(rows, rows[1:], rows[2:], strict=False):
            assert before.start and here.start and after.start
            neighbours_agree = abs((after.start - before.start).days) <= gap_days
            far_before = abs((here.start - before.start).days) > gap_days
            far_after = abs((here.start - after.start).days) > gap_days
            here.out_of_sequence = neighbours_agree and far_before and far_after

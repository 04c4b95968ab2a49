"""Normalising and tokenising record text, and reading people, times and dates out of it.

Pure string functions; which words count for what comes from the lexicon, not from here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from functools import lru_cache

from projections.matching.facts import PersonAlias

_WORD_RE = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
# A lone capital letter used as a pseudonym ("N", "Z's"), but not an initialism like "S.I.A.D.A."
_LETTER_RE = re.compile(r"(?<![\w.&])([A-Z])(?![\w&]|\.\w)")
# A titled pseudonym as published reviews write them ("Adult A", "Mr B", "Child AB", "Ms Smith"):
# the letters after the title tell people apart where a lone capital would not exist.
_TITLED_RE = re.compile(
    r"\b(Adult|Child|Person|Subject|Baby|Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+([A-Z][A-Za-z'’-]{0,30})\b"
)
_POSSESSIVE_RE = re.compile(r"['’]s$")
# Times written into the text after a word that anchors them to the event ("at 0236").
_CUED_TIME_RE = re.compile(
    r"\b(?:at|about|approx\.?|approximately|around|circa|c\.)\s+(\d{1,2}):?(\d{2})\b(?!\s*(?:/|hours))"
)
_CLOCK_RE = re.compile(r"\b(\d{1,2}):(\d{2})\b")
_NUMERIC_DATE_RE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b")
# A year-less "13/06", only after a word that makes it a date ("on 13/06", "of 20/02"), so
# ratios and scores ("3/4 of the way", "scored 2/5") are not read as dates.
_SHORT_NUMERIC_DATE_RE = re.compile(
    r"\b(?:on|of|dated|from|since|the|admitted|attended|seen|discharged|died)\s+"
    r"(\d{1,2})/(\d{1,2})\b(?!/)"
)
# Days counted back from the record's own date: "last night", "yesterday", "four days ago".
_DAYS_BACK = {
    "last night": 1,
    "yesterday": 1,
    "the night before": 1,
    "the previous day": 1,
    "the day before": 1,
}
# Numbers written as words (counts in cues.py, days back here).
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
# "Four days ago", "a few days earlier": up to a week back.
_DAYS_IN_WORDS = {
    **{word: n for word, n in NUMBER_WORDS.items() if n <= 7},
    "a couple of": 2,
    "a few": 3,
}
_DAYS_AGO_RE = re.compile(
    r"\b(\d{1,2}|" + "|".join(_DAYS_IN_WORDS) + r")\s+days?\s+(?:ago|before|earlier|previously)\b"
)
_DAYS_BACK_RE = re.compile(r"\b(" + "|".join(_DAYS_BACK) + r")\b")
# "On Saturday", "last Friday night": the latest such weekday before the record's own date.
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_RE = re.compile(r"\b(?:on|last|on the|since)\s+(" + "|".join(_WEEKDAYS) + r")\b")
# "Last week": any day four to ten days back (people say it loosely).
_LAST_WEEK_RE = re.compile(r"\b(?:last week|the previous week|the week before)\b")
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
_WORD_DATE_RE = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"(?:\s+(\d{4}))?\b"
)
_SUFFIXES = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "edly",
    "ed",
    "ies",
    "es",
    "ly",
    "s",
)


def normalise(text: str) -> str:
    """Lower-case, NFKC, straight apostrophes and single spaces."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return " ".join(text.lower().split())


# Irregular forms the suffix stripper cannot meet halfway ("fell" and "a fall").
_IRREGULAR = {
    "fell": "fall", "fallen": "fall", "falls": "fall", "falling": "fall",
    "hits": "hit", "hitting": "hit",
    "threw": "throw", "thrown": "throw", "throws": "throw",
    "struck": "strike", "strikes": "strike",
    "took": "take", "taken": "take",
    "children": "child", "men": "man", "women": "woman",
    "died": "death", "dead": "death", "dies": "death",
}  # fmt: skip


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A deliberately crude suffix stripper: enough to meet 'assaulted'/'assault' halfway,
    with the commonest irregular forms mapped first."""
    word = word.split("'")[0]
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def tokens(text: str, stopwords: frozenset[str]) -> list[str]:
    """Stemmed content words of normalised text (stopwords and 1-letter tokens dropped)."""
    out: list[str] = []
    for raw in _WORD_RE.findall(normalise(text)):
        base = raw.split("'")[0]
        if len(base) < 2 or base in stopwords:
            continue
        out.append(base if base.isdigit() else stem(base))
    return out


def people(text: str, aliases: Sequence[PersonAlias], excluded: frozenset[str]) -> frozenset[str]:
    """Pseudonyms named in `text`: lone capitals, titled pseudonyms ("Adult A", "Mr B") and any
    alias the chair has entered."""
    found = _pseudonyms(text, excluded)
    if aliases:
        lowered = " " + normalise(text) + " "
        for person in aliases:
            # The glossary's pseudonym stands for the forms the text gives it ("Adult A" is
            # read as "A"), so one person is one name whichever way a record writes it.
            forms = _pseudonyms(person.pseudonym, excluded)
            if found & forms:
                found -= forms
                found.add(person.pseudonym)
                continue
            for name in (person.pseudonym, *person.aliases):
                if len(name) > 1 and re.search(
                    rf"(?<![\w]){re.escape(name.lower())}(?![\w])", lowered
                ):
                    found.add(person.pseudonym)
                    break
    return frozenset(found)


def _pseudonyms(text: str, excluded: frozenset[str]) -> set[str]:
    """Lone capitals and titled pseudonyms in `text`."""
    found = {m for m in _LETTER_RE.findall(text) if m not in excluded}
    for title, written in _TITLED_RE.findall(text):
        name = _POSSESSIVE_RE.sub("", written)  # "Child C's cheek" names Child C
        # "Adult A" and a lone "A" elsewhere are the same person; "Ms AB" is its own.
        found.discard(name)
        found.add(name if len(name) == 1 else f"{title.lower()} {name.lower()}")
    return found


def minutes(hhmm: str | None) -> int | None:
    """Minutes after midnight for 'HH:MM', 'HH:MM:SS' or 'HHMM'; None if absent or invalid."""
    if not hhmm:
        return None
    digits = hhmm.strip().replace(".", ":")
    parts = digits.split(":")
    try:
        if len(parts) == 1 and len(parts[0]) in (3, 4):
            hour, minute = int(parts[0][:-2]), int(parts[0][-2:])
        else:
            hour, minute = int(parts[0]), int(parts[1])
    except (ValueError, IndexError):
        return None
    return hour * 60 + minute if 0 <= hour < 24 and 0 <= minute < 60 else None


def text_times(text: str) -> tuple[int, ...]:
    """Event times written in the text with an anchoring word ("about 0200") or as HH:MM."""
    found: list[int] = []
    for hour, minute in [*_CUED_TIME_RE.findall(text), *_CLOCK_RE.findall(text)]:
        value = minutes(f"{hour}:{minute}")
        if value is not None and value not in found:
            found.append(value)
    return tuple(found)


def mentioned_dates(text: str, anchor: date | None) -> tuple[date, ...]:
    """Day-precision dates the text refers to; a year-less '29 Sep' takes the latest year
    that does not put it after the record's own date (records look back, not forward)."""
    found: set[date] = set()
    lowered = normalise(text)
    for day, month, year in _NUMERIC_DATE_RE.findall(lowered):
        full_year = int(year) + 2000 if len(year) == 2 else int(year)
        _add_date(found, full_year, int(month), int(day))
    for day, month_name, year in _WORD_DATE_RE.findall(lowered):
        month = _MONTHS[month_name]
        if year:
            _add_date(found, int(year), month, int(day))
        elif anchor is not None:
            _add_date(found, _year_before(anchor, month, int(day)), month, int(day))
    if anchor is not None:
        for day, month in _SHORT_NUMERIC_DATE_RE.findall(lowered):
            if 1 <= int(month) <= 12:
                _add_date(found, _year_before(anchor, int(month), int(day)), int(month), int(day))
        for phrase in _DAYS_BACK_RE.findall(lowered):
            found.add(anchor - timedelta(days=_DAYS_BACK[phrase]))
        for count in _DAYS_AGO_RE.findall(lowered):
            days = int(count) if count.isdigit() else _DAYS_IN_WORDS[count]
            found.add(anchor - timedelta(days=days))
        for weekday in _WEEKDAY_RE.findall(lowered):
            back = (anchor.weekday() - _WEEKDAYS.index(weekday)) % 7 or 7
            found.add(anchor - timedelta(days=back))
        if _LAST_WEEK_RE.search(lowered):
            found.update(anchor - timedelta(days=back) for back in range(4, 11))
    return tuple(sorted(found))


def _year_before(anchor: date, month: int, day: int) -> int:
    """The year of a year-less day-month: the latest not after `anchor` (records look back)."""
    return anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1


def _add_date(found: set[date], year: int, month: int, day: int) -> None:
    try:
        found.add(date(year, month, day))
    except ValueError:
        return


def joined(parts: Iterable[str]) -> str:
    """Non-empty parts joined as one sentence-separated text."""
    return ". ".join(p.strip() for p in parts if p and p.strip())


_SENTENCE_RE = re.compile(r"(?<=[.;!?])\s+")


def sentences(text: str) -> list[str]:
    """Text split into sentences (after . ; ! or ?)."""
    return [s for s in _SENTENCE_RE.split(text) if s]

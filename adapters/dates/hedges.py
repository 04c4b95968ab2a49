"""Dates hedged with words around them, as people recall them: "March 2021 (she thinks)",
"Late 2019, I think", "October 2022, before half term", "most of 2023".

A person reads the date and hears the doubt, so a hedged date is read as the date inside it,
marked approximate; the whole text is kept as written. Only the words around a date are dropped,
never the date's own words, so nothing is read more precisely than it was written.
"""

from __future__ import annotations

import re
from functools import lru_cache

from adapters.dates.named_days import NAMED_DAYS
from adapters.dates.words import MONTHS, SEASON_STARTS, UNKNOWN, WEEKDAY_NAMES, normalise

# A remark in words, in brackets or after a comma or semicolon, after the date ("(she thinks)",
# ", before half term"), or after a spaced dash when it holds words and no digit ("Spring 2020 -
# just as the first lockdown started"), or up to three words straight after the date's last
# digit ("09/12/2022 am clinic"); a second date or time after a dash is a range, never a remark.
_TRAILING_REMARK = re.compile(
    r"\s*(?:\((?=[^)]*[a-z]{3})[^)]*\)|[,;]\s(?=.*[a-z]{3}).*|\s[-–—]\s+(?=[^\d]*[a-z]{3})[^\d]*)$"
    r"|(?<=\d)\s+[a-z]+(?:\s+[a-z]+){0,2}$",
    re.I,
)
# Doubt said after the date.
_TRAILING_DOUBT = re.compile(
    r"\s*(?:,\s*)?(?:i|she|he|they|we)\s+(?:think|thinks|believe|believes|recall|recalls)\s*\??$"
    r"|\s*(?:or so|roughly|approx(?:imately)?|at a guess|possibly|probably|maybe|\?)$"
    # "2020 onwards": from then on, read as the time it starts, approximately.
    r"|\s*(?:onwards?|and after|and since|or later)$",
    re.IGNORECASE,
)
# Doubt or vagueness said before it.
_LEADING_DOUBT = re.compile(
    r"^(?:sometime|some time|at some point|probably|possibly|maybe|perhaps|roughly|most|much"
    r"|throughout|through|during|over|around|about|circa|since|from)"
    r"(?:\s+(?:in|of|during|around))?\s+",
    re.IGNORECASE,
)
# "Late summer 2022", "early spring", "the end of the summer holidays 2022": a part of a season
# or of a holiday is still that season or holiday, approximately.
_PART_OF_SEASON = re.compile(
    r"^(?:the\s+)?(?:early|mid|late|end of|start of|beginning of)[\s-]+(?:the\s+)?(?=(?:"
    + "|".join((*SEASON_STARTS, "christmas", "xmas", "easter"))
    + r")\b)",
    re.IGNORECASE,
)


# "Before Christmas 2021", "shortly before 3 March": the weeks leading up to that day.
BEFORE = re.compile(
    r"^(?:just |shortly |not long |in the weeks |the (?:week|weeks|days|month|weekend) |a week )?"
    r"before\s+(?P<rest>.+)$",
    re.I,
)
# How far back "before" a day reaches, as people use it of a day they remember.
BEFORE_DAYS = 28


# Every cell that fails to read as a date is tried for hedges, narratives included; these are
# remembered since the same cells are judged twice (each numeric order) and again as rows.
_CACHE_SIZE = 16384
# The words _TRAILING_DOUBT can end on. It tries a match at every position, costly on a long
# narrative cell, yet can only match a text ending in one of these (`$`: the text is stripped).
# Kept in step with _TRAILING_DOUBT: a word it ends on is added here too.
_DOUBT_ENDINGS = (
    "?",
    "think",
    "thinks",
    "believe",
    "believes",
    "recall",
    "recalls",
    "or so",
    "roughly",
    "approx",
    "approximately",
    "at a guess",
    "possibly",
    "probably",
    "maybe",
    "onwards",
    "onward",
    "and after",
    "and since",
    "or later",
)


@lru_cache(maxsize=_CACHE_SIZE)
def hedged_forms(text: str) -> tuple[str, ...]:
    """The date a hedged text holds, with the hedges dropped one at a time, most kept first;
    then a date given in brackets or after a comma beside words that date nothing by
    themselves ("The summer before the wedding (2019)", "At the wedding, 14 September 2019")."""
    forms: list[str] = []
    current = text.strip()
    # "About February (2022)": a year in brackets after the month is that month's year.
    unbracketed = _BRACKETED_YEAR.sub(r" \1", current)
    if unbracketed != current:
        current = unbracketed
        forms.append(current)
    for pattern in (_TRAILING_REMARK, _TRAILING_DOUBT, _LEADING_DOUBT, _PART_OF_SEASON):
        if pattern is _TRAILING_DOUBT and not _may_end_in_doubt(current):
            continue
        stripped = pattern.sub("", current).strip()
        if stripped and stripped != current:
            current = stripped
            forms.append(current)
    if _DIGIT.search(text):  # a bracketed date holds a digit
        for inner in _BRACKETED.findall(text):
            forms.append(inner.strip())
            # "(Lorraine thought February 2021)": the date someone gave, after they gave it.
            forms += [m["when"].strip() for m in [_GIVEN.search(inner)] if m is not None]
    forms += [part.strip() for part in text.split(",")[1:] if part.strip()]
    forms += [m["when"] for m in [_IN_WHEN.search(_after_last_break(text))] if m is not None]
    return tuple(forms)


def _after_last_break(text: str) -> str:
    """The text after its last comma or bracket, where any _IN_WHEN match lies (its words hold
    none of them); the character cut off is no letter, so `\\b` sees the same boundary."""
    cut = max(text.rfind(","), text.rfind("("), text.rfind(")"))
    return text[cut + 1 :]


def _may_end_in_doubt(text: str) -> bool:
    """False only when _TRAILING_DOUBT cannot match `text`. Beyond ASCII, IGNORECASE matches
    letters `lower()` does not fold ("ſ" for "s"), so such a text is always tried."""
    return not text.isascii() or text.lower().endswith(_DOUBT_ENDINGS)


# "around his birthday in May": the month or year a recollection is placed in.
_IN_WHEN = re.compile(r"\bin\s+(?P<when>[^,()]+?)\s*$", re.I)


_BRACKETED = re.compile(r"\(([^)]*\d[^)]*)\)")
_BRACKETED_YEAR = re.compile(r"\s*\((\d{4})\)")
# Someone giving a date: "she thought", "Lorraine said", "he believes it was".
_GIVEN = re.compile(
    r"\b(?:thought|thinks|think|believed|believes|believe|recalled|recalls|recall|said|says"
    r"|guessed|guesses|reckoned|reckons)(?:\s+(?:it\s+was|it's|about|around))?\s+(?P<when>.+)$",
    re.I,
)
_DIGIT = re.compile(r"\d")


# Words that name a day of the calendar ("a week", "that night" name none on their own, and
# nor does a weekday: "the Sunday before she died" places nothing without the event).
_HOLIDAY_WORDS = (
    "christmas xmas easter boxing new year halloween bonfire valentine mothering mother father"
    " bank holiday term half-term"
)
_DATE_WORDS = frozenset([*MONTHS, *SEASON_STARTS, *_HOLIDAY_WORDS.split()])
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")


def holds_no_date(text: str) -> bool:
    """True for a phrase in a date cell that names no day, month, season, holiday or year at
    all ("the week of her birthday", "not long after they met"): a person's recollection, so
    the row is undated, not unreadable. A lone word ("banana", a typo) is no recollection and
    stays unreadable, with its reason."""
    # A date cell's first character is mostly a digit: that is answered before anything is
    # built to look at the rest.
    if text[:1].isdigit() or any(ch.isdigit() for ch in text):
        return False
    words = _WORD.findall(text.lower().replace("'", "").replace("\u2019", ""))
    if len(words) < _PHRASE_WORDS or any(word in _DATE_WORDS for word in words):
        return False
    said = f" {' '.join(words)} "  # a named day is a phrase: "palm sunday", "burns night"
    return not any(f" {name} " in said for name in NAMED_DAYS)


# A recollection of when is a phrase of at least this many words.
_PHRASE_WORDS = 3

# Words that place a recollection in time: a part of a day or of the calendar ("the night of
# the fire", "a couple of days before", "the winter before", "the Thursday before").
# Only whole words: "fall" and "mother" say when in some phrases and not in most.
_TIME_WORDS = frozenset(
    {"night", "nights", "morning", "mornings", "afternoon", "evening", "evenings", "time"}
    | {"day", "days", "week", "weeks", "weekend", "fortnight", "month", "months", "year", "years"}
    | {"spring", "summer", "autumn", "winter", "christmas", "xmas", "easter", "halloween"}
    | {"holiday", "holidays", "term", "half-term"}
) | frozenset(name.lower() for name in WEEKDAY_NAMES)


def recalls_when(text: str) -> bool:
    """True for a phrase without a digit that says when in a person's words, by a part of a
    day or of the calendar ("The night of the fire", "A couple of days before the fire", "The
    winter before (the fire)"): a date a person gives, though no day can be read from it. A
    name ("Mr K (nephew)") or an account ("Seen at home") says no when."""
    if any(ch.isdigit() for ch in text):
        return False
    words = _WORD.findall(text.lower().replace("'", "").replace("\u2019", ""))
    return len(words) >= _PHRASE_WORDS and any(word in _TIME_WORDS for word in words)


def states_no_date(text: str) -> bool:
    """True for a date cell that says in words the date was not known or not kept ("Unknown",
    "Not recorded", "n/k"): the record is read as undated, as a person reads it, not refused.
    (The date reader itself refuses such a cell as a date, saying why.)"""
    if text[:1].isdigit():
        return False
    return UNKNOWN.fullmatch(normalise(text)) is not None

"""The words dates are written with (months, weekdays, seasons, uncertainty marks) and the one
normal form every reader matches against: lower case, single spaces, no ordinals or filler words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from adapters.dates.spans import expand_year

MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
# Reviews in Wales receive chronologies written in Welsh ("14 Mawrth 2018", a heading "Ebrill").
WELSH_MONTH_NAMES = (
    "ionawr", "chwefror", "mawrth", "ebrill", "mai", "mehefin",
    "gorffennaf", "awst", "medi", "hydref", "tachwedd", "rhagfyr",
)  # fmt: skip
MONTHS: dict[str, int] = {
    **{name: number for number, name in enumerate(WELSH_MONTH_NAMES, start=1)},
    **{name: number for number, name in enumerate(MONTH_NAMES, start=1)},
    **{name[:3]: number for number, name in enumerate(MONTH_NAMES, start=1)},
    "sept": 9,
}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(WEEKDAY_NAMES)},
    **{name[:3].lower(): number for number, name in enumerate(WEEKDAY_NAMES)},
    "tues": 1, "weds": 2, "thur": 3, "thurs": 3,
}  # fmt: skip
# Meteorological seasons, by their first month; winter starts in December of its named year.
SEASON_STARTS: dict[str, int] = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
# "early/mid/late" split a year or month into thirds; the words are vague, so always approximate.
THIRDS: dict[str, int] = {
    "early": 0, "start": 0, "beginning": 0,
    "mid": 1, "middle": 1,
    "late": 2, "end": 2,
}  # fmt: skip
ORDINALS: dict[str, int] = {
    "1": 1, "2": 2, "3": 3, "4": 4, "5": 5,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
}  # fmt: skip


def alternation(words: dict[str, int] | frozenset[str]) -> str:
    """A regex alternation of the words, longest first so `june` wins over `jun`."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


MONTH = alternation(MONTHS)
SEASON = alternation(SEASON_STARTS)
THIRD = alternation(THIRDS)
WEEKDAY = alternation(WEEKDAYS)
ORDINAL = alternation(ORDINALS)

_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))
_APOSTROPHES = str.maketrans(dict.fromkeys("\u2018\u2019\u02bc\u0060\u00b4", "'"))
_SHORT_YEAR = re.compile(r"(?<![\w'])'(\d{2})\b")
_ORDINAL_SUFFIX = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b")
_ABBREVIATION_DOT = re.compile(r"\b([a-z]{2,})\.")
_FILLER = re.compile(r"\b(?:the|of|on)\b")
UNKNOWN = re.compile(
    r"unknown|not known|date unknown|unknown date|date not known|date n/?k|n/?k|n/?a|unk|tbc|tbd"
    r"|undated|no date|not recorded|date not recorded|not stated|date not stated|\?+|-+"
)
# "On or about 14/06/2021" (a statement's phrase) is met as "or about ...": `normalise` has
# already dropped the "on".
APPROX_LEADING = re.compile(
    r"(?:~|\?|(?:or about|or around|c|ca|circa|approx|approximately|about|abt|around|roughly"
    r"|est|estimated)\b\.?)\s*"
)
APPROX_TRAILING = re.compile(
    r"\s*(?:\?|[(\[]\s*(?:approx|approximate|approximately|estimated|est|circa|ca|c\.?|\?)\s*[)\]]"
    r"|\b(?:approx|approximate|approximately|estimated))$"
)


_MONTH_DASH_YEAR = re.compile(rf"^({MONTH})-(\d{{2}})$")


def _one_slip_from(word: str) -> set[str]:
    """Every spelling one typing slip away from `word`: a letter left out, doubled, swapped
    with its neighbour, or struck in place of another."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return (
        {a + b[1:] for a, b in splits if b}
        | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        | {a + c + b[1:] for a, b in splits if b for c in letters}
        | {a + c + b for a, b in splits for c in letters}
    )


# A long month name typed with one slip ("Janaury", "Novmber") is read as that month, as a
# person reads it. Short names are left alone: one slip from "June" is "Jane".
_MISTYPED_MONTHS = {
    slip: name
    for name in MONTH_NAMES
    if len(name) >= 6
    for slip in _one_slip_from(name)
    if len(slip) >= 6 and slip not in MONTHS
}
_LONG_WORD = re.compile(r"[a-z]{6,}")


# A cell is normalised once for each numeric order and assumed year it is tried in; the
# answer depends on the text alone, so it is remembered.
_NORMALISED = 16384


@lru_cache(maxsize=_NORMALISED)
def normalise(text: str) -> str:
    """Lower-case, one space between words, plain hyphens and apostrophes, four-digit years,
    no ordinal suffixes, commas, stray dots or filler words ("the 3rd of March" -> "3 march")."""
    s = " ".join(text.translate(_DASHES).translate(_APOSTROPHES).split()).lower()
    s = s.rstrip(".").replace(",", " ")
    # `Summer '20`, `3 March '22`: an apostrophe before two digits marks a shortened year.
    s = _SHORT_YEAR.sub(lambda found: str(expand_year(found[1])), s)
    s = s.replace("'", "")  # "New Year's Day", "Hallowe'en"
    s = _LONG_WORD.sub(lambda found: _MISTYPED_MONTHS.get(found[0], found[0]), s)
    # `Nov-23`, `Jun-16`: Excel's month-year form (mmm-yy) with its year shortened. (A day is
    # written first, `23-Nov`, and a space, `Nov 23`, may be a day in an American order.)
    s = _MONTH_DASH_YEAR.sub(lambda found: f"{found[1]} {expand_year(found[2])}", s)
    s = _ORDINAL_SUFFIX.sub("", s)
    # Dots after words are abbreviation marks (`Sept.`, `approx.`); a lone `c.` keeps its dot.
    s = _ABBREVIATION_DOT.sub(r"\1 ", s)
    # "16th of June", "summer of 2014", "the middle of 2015", "on Christmas Day": no meaning.
    s = _FILLER.sub(" ", s)
    return " ".join(s.split())


def strip_approximate(s: str) -> tuple[str, bool]:
    """Remove leading and trailing uncertainty marks, saying whether there were any."""
    approximate = False
    while True:
        stripped = APPROX_TRAILING.sub("", s)
        leading = APPROX_LEADING.match(stripped)
        if leading is not None:
            stripped = stripped[leading.end() :]
        if stripped == s:
            return s, approximate
        s, approximate = stripped.strip(), True

"""The people a review's records name, read off the records themselves.

Agencies name people as they know them: a hospital writes "Hannah", the police "HANNAH
SMITH", a school "Mia's mum". No list of first names can be complete, and the glossary is
only filled in by the chair later, so names are found from how the review's own records write
words: a name is a word that is capitalised wherever it stands, including mid-sentence, and is
never written in lower case anywhere in the review ("Update" at the start of a cell and
"update" in a sentence is a word; "Dean" is a name). Capitals alone ("DEAN") count as the name
when the review also writes it capitalised. A word in a record's staff column is a member of
staff, not a person the review is about, wherever else it appears; a word in its place column
names a place.

A name is kept when records of at least two agencies use it and it is not in more than a
share of the records (a place or service that most records name links nothing; measured on
the training reviews, keeping such words cost F1).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from projections.matching.profile import Profile

# Fields that hold what happened; the staff column names who recorded it.
_NARRATIVE_FIELDS = ("summary", "action", "subjects", "comment", "event_type", "location")
_STAFF_FIELDS = ("staff",)
# The place column names streets, towns and wards ("Flat 14 Marsh Court, Haverleigh"), not
# people. A possessive there ("Jade's flat") stays a word of its own ("jade's") and so keeps
# the person it names.
_PLACE_FIELDS = ("location",)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
# A word that starts a sentence or a cell is capitalised whatever it is.
_SENTENCE_END = re.compile(r"[.!?:;|\"(\[]\s*$")
_MIN_LENGTH = 3
# Days and months are capitalised wherever they stand too, and name nobody.
_CALENDAR = frozenset(
    {
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"),
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december"),
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
    }
)
_MAX_SHARE = 0.3
# ...but in a review of a handful of rows, any name is in a third of them.
_MIN_CAP = 5


def review_names(profiles: Sequence[Profile]) -> list[frozenset[str]]:
    """Per profile (in order), the review's names its narrative uses, in lower case."""
    lowered: set[str] = set()
    capitalised_inside: set[str] = set()
    not_people: set[str] = set()  # the words of staff and place columns
    words_of: list[list[tuple[str, bool]]] = []
    for p in profiles:
        words: list[tuple[str, bool]] = []
        for name in _NARRATIVE_FIELDS:
            cell = p.entry.fields.get(name, "")
            for match in _WORD_RE.finditer(cell):
                word = match.group().rstrip("'’").removesuffix("'s").removesuffix("’s")
                initial = not cell[: match.start()].strip() or bool(
                    _SENTENCE_END.search(cell[: match.start()])
                )
                words.append((word, initial))
                if word.islower():
                    lowered.add(word)
                elif word[0].isupper() and word[1:].islower() and not initial:
                    capitalised_inside.add(word.lower())
        for name in (*_STAFF_FIELDS, *_PLACE_FIELDS):
            not_people.update(w.lower() for w in _WORD_RE.findall(p.entry.fields.get(name, "")))
        words_of.append(words)
    candidates = {
        w for w in capitalised_inside - lowered - not_people if w not in _CALENDAR and "'" not in w
    }
    found: list[frozenset[str]] = []
    records: Counter[str] = Counter()
    agencies: dict[str, set[str]] = {}
    for p, words in zip(profiles, words_of, strict=True):
        names = frozenset(
            w.lower()
            for w, _initial in words
            if len(w) >= _MIN_LENGTH and w.lower() in candidates and not w.islower()
        )
        found.append(names)
        records.update(names)
        for name in names:
            agencies.setdefault(name, set()).add(p.entry.agency)
    most = max(_MIN_CAP, int(_MAX_SHARE * len(profiles)))
    kept = {n for n, count in records.items() if len(agencies[n]) >= 2 and count <= most}
    return [names & kept for names in found]

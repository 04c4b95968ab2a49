"""Plain-English wording for incidents and conflicts, so a review chair can check each claim.

Only formatting lives here; the decisions are made in scoring.py and conflicts.py. Whatever a
person reads quotes the records as written (their own case and words), never the engine's
lower-cased text or its word stems.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from projections.matching.logs import same_stay
from projections.matching.profile import Profile, entry_text
from projections.matching.scoring import PairScore
from projections.matching.text import sentences, stem

_DATE_WORDS = {
    "same_day": "the same day",
    "within_1": "dates one day apart",
    "within_3": "dates within three days",
    "within_7": "dates within a week",
    "within_14": "dates within a fortnight",
    "compatible": "dates compatible at the precision recorded",
    "year_out": "the same day and month, one year apart",
    "transposed": "day and month transposed",
    "mentioned": "one record refers to the other's date",
    "out_of_sequence": "a date out of sequence in its own file",
    "far": "dates far apart",
    "undated": "one record undated",
}
_TIME_WORDS = {
    "exact": "the same time",
    "close": "times within minutes",
    "hour_offset": "times a whole hour apart",
}
# The first word of a conflict's headline: what the accounts disagree about.
HEADLINE_KINDS = {
    "date": "Date",
    "time": "Time",
    "identity": "Who it was",
    "status": "Status",
    "location": "Place",
    "attribution": "Who did it",
    "account": "Account",
    "count": "Number",
    "other": "Finding",
}
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
QUOTE_WIDTH = 140
PARTNER_WIDTH = 90
HEADLINE_ROWS = 3

# One side of a disagreement: the record and what it says, in its own words.
Side = tuple[Profile, str]


def written(p: Profile) -> str:
    """The entry's text as the agency wrote it: its own case, spaces tidied."""
    text = unicodedata.normalize("NFKC", entry_text(p.entry))
    return " ".join(text.replace("’", "'").replace("‘", "'").split())


def verbatim(p: Profile, phrase: str, width: int = QUOTE_WIDTH) -> str:
    """The sentence of `p` that contains `phrase` (found in the engine's lower-cased reading),
    as the agency wrote it, shortened for an explanation."""
    own = sentences(written(p))
    for n, sentence in enumerate(sentences(p.text)):
        if phrase in sentence:
            found = own[n] if n < len(own) and len(own[n]) == len(sentence) else sentence
            return _shortened(found, width)
    return phrase


def opening(p: Profile, width: int = PARTNER_WIDTH) -> str:
    """The first sentence of what `p` says, as written, shortened."""
    own = sentences(written(p))
    return _shortened(own[0], width) if own else ""


def quoted(p: Profile, phrase: str) -> str:
    """'"…the sentence…"': what `p` says about `phrase`, quoted as written."""
    return f"“{verbatim(p, phrase)}”"


def _shortened(text: str, width: int) -> str:
    text = re.sub(r"\.{2}$", ".", text)  # fields joined after a full stop
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def describe_entry(p: Profile) -> str:
    """'Agency row 12 (23/10/2014 23:43)'."""
    when = p.entry.date_text.strip() or "undated"
    if p.entry.time and p.entry.time not in when:  # a "Date/Time" column holds both
        when += f" {p.entry.time}"
    return f"{p.entry.agency} row {p.entry.row} ({when})"


def shared_words(p: Profile, q: Profile, limit: int = 5) -> list[str]:
    """The most informative words the two records share (highest combined TF-IDF weight),
    as the first of them writes the word, never as the engine's stem."""
    common = set(p.vector) & set(q.vector)
    ranked = sorted(common, key=lambda t: (-(p.vector[t] * q.vector[t]), t))
    return [as_written(t, p, q) for t in ranked[:limit]]


def in_own_case(p: Profile, phrase: str) -> str:
    """`phrase` (from the engine's lower-cased reading) as `p` writes it, where it can be found."""
    found = re.search(re.escape(phrase), written(p), flags=re.IGNORECASE)
    return found.group(0) if found else phrase


def as_written(term: str, *profiles: Profile) -> str:
    """A vector term as a record writes it: 'categoris' -> 'categorised', '@N' -> 'N'."""
    if term.startswith("@"):
        return term[1:]
    for p in profiles:
        for word in _WORD.findall(written(p)):
            base = word.lower().split("'")[0]
            if base == term or (not base.isdigit() and stem(base) == term):
                return str(word)
    return term


def why_linked(score: PairScore, p: Profile, q: Profile) -> str:
    """Why the engine believes two records describe the same occurrence."""
    reasons: list[str] = []
    if score.levels.get("reference") == "same_near":
        reasons.append(
            f"the same hospital stay ({p.stay})"
            if same_stay(p, q)
            else f"the same reference {p.ref}"
        )
    reasons.append(_DATE_WORDS.get(score.levels.get("date", ""), "dates that differ"))
    if score.levels.get("time") in _TIME_WORDS:
        reasons.append(_TIME_WORDS[score.levels["time"]])
    shared_events = sorted(p.events & q.events)
    if shared_events:
        reasons.append("both describe " + ", ".join(e.replace("_", " ") for e in shared_events))
    words = shared_words(p, q)
    if words:
        reasons.append("words in common: " + ", ".join(words))
    return "; ".join(reasons)


def headline(kind: str, sides: Iterable[Side]) -> str:
    """One line a chair can check at a glance, in the records' own words:
    'Date: Ipcc Investigation says 23/10/2013; Staffordshire Police says 23/10/2014'.
    Rows of one agency are gathered under its name; the same words are said once."""
    by_agency: dict[str, dict[int, list[str]]] = {}
    sides = list(sides)
    rows_told = list(dict.fromkeys(p.entry.entry_id for p, words in sides if words))
    short = all(len(words) <= 12 for _, words in sides)  # dates and times fit on one line
    more = len(rows_told) - HEADLINE_ROWS if len(rows_told) > HEADLINE_ROWS + 1 else 0
    more = 0 if short else more
    if more:  # long findings name the first rows; the evidence below names them all
        kept = set(rows_told[:HEADLINE_ROWS])
        sides = [(p, w) for p, w in sides if p.entry.entry_id in kept]
    for p, words in sides:
        rows = by_agency.setdefault(p.entry.agency, {})
        said = rows.setdefault(p.entry.row, [])
        if words and words not in said:
            said.append(words)
    parts = []
    unsaid = []
    for agency, rows in by_agency.items():
        told = {row: ", ".join(words) for row, words in rows.items() if words}
        if not told:
            unsaid.append(agency)
        elif len(told) == 1 or len(set(told.values())) == 1:
            many = len(told) > 1
            verb = f"rows {_rows(list(told))} say" if many else "says"
            parts.append(f"{agency} {verb} {next(iter(told.values()))}")
        elif all(len(words) <= 12 for words in told.values()):  # dates, times: one list
            parts.append(f"{agency} rows {_rows(list(told))} say {', '.join(told.values())}")
        else:
            parts.append(
                f"{agency} "
                + "; ".join(f"row {row} says {words}" for row, words in sorted(told.items()))
            )
    if unsaid:
        parts.append("against " + ", ".join(unsaid))
    if more:
        parts.append(f"and {more} more accounts")
    text = "; ".join(parts).replace(" says names ", " names ").replace(" say names ", " name ")
    return f"{HEADLINE_KINDS.get(kind, 'Finding')}: {text}"


def _rows(numbers: Sequence[int]) -> str:
    shown = [str(n) for n in sorted(numbers)]
    return ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]


def incident_explanation(
    profiles: Sequence[Profile], links: Sequence[tuple[PairScore, Profile, Profile]]
) -> str:
    """A one-paragraph account of an incident's membership."""
    agencies = sorted({p.entry.agency for p in profiles})
    if len(profiles) == 1:
        return f"single record from {agencies[0]}; no other record matched it closely enough"
    head = f"{len(profiles)} records from {', '.join(agencies)}"
    parts = [
        f"{describe_entry(p)} ~ {describe_entry(q)}: {why_linked(s, p, q)}" for s, p, q in links[:4]
    ]
    more = f"; and {len(links) - 4} more links" if len(links) > 4 else ""
    return head + ". Linked by: " + " | ".join(parts) + more

"""Plain-English wording for incidents and conflicts, so a review chair can check each claim.

Only formatting lives here; the decisions are made in scoring.py and conflicts.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from projections.matching.profile import Profile
from projections.matching.scoring import PairScore

_DATE_WORDS = {
    "same_day": "same day",
    "within_1": "dates one day apart",
    "within_3": "dates within three days",
    "within_7": "dates within a week",
    "compatible": "dates compatible at the precision recorded",
    "year_out": "same day and month, one year apart",
    "transposed": "day and month transposed",
    "mentioned": "one record refers to the other's date",
    "out_of_sequence": "date out of sequence in its own file",
    "far": "dates far apart",
    "undated": "one record undated",
}
_TIME_WORDS = {
    "exact": "same time",
    "close": "times within minutes",
    "hour_offset": "times a whole hour apart",
}


def describe_entry(p: Profile) -> str:
    """'Agency row 12 (23/10/2014 23:43)'."""
    when = p.entry.date_text.strip() or "undated"
    if p.entry.time and p.entry.time not in when:  # a "Date/Time" column holds both
        when += f" {p.entry.time}"
    return f"{p.entry.agency} row {p.entry.row} ({when})"


def shared_words(p: Profile, q: Profile, limit: int = 5) -> list[str]:
    """The most informative terms the two records share (highest combined TF-IDF weight)."""
    common = set(p.vector) & set(q.vector)
    ranked = sorted(common, key=lambda t: (-(p.vector[t] * q.vector[t]), t))
    return [t.lstrip("@") for t in ranked[:limit]]


def why_linked(score: PairScore, p: Profile, q: Profile) -> str:
    """Why the engine believes two records describe the same occurrence."""
    reasons: list[str] = []
    if score.levels.get("reference") == "same_near":
        reasons.append(f"same reference {p.ref}")
    reasons.append(_DATE_WORDS.get(score.levels.get("date", ""), "dates differ"))
    if score.levels.get("time") in _TIME_WORDS:
        reasons.append(_TIME_WORDS[score.levels["time"]])
    shared_events = sorted(p.events & q.events)
    if shared_events:
        reasons.append("both describe " + ", ".join(e.replace("_", " ") for e in shared_events))
    words = shared_words(p, q)
    if words:
        reasons.append("shared words: " + ", ".join(words))
    return "; ".join(reasons)


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

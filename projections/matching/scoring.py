"""Fellegi–Sunter pair scoring: each feature picks a comparison level, each level adds log2(m/u).

Levels and their m/u probabilities live in settings.json; this module only decides levels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from projections.matching.facts import MatchSettings
from projections.matching.forms import opposed
from projections.matching.logs import same_stay
from projections.matching.profile import Profile, cosine


@dataclass(frozen=True, slots=True)
class PairScore:
    """The levels chosen for one compared pair and the summed match weight.

    `levels` dicts are shared between pairs with the same levels (see `_interned`): treat them
    as read-only (relevel builds a new one)."""

    a: int
    b: int
    levels: dict[str, str]
    similarity: float
    time_gap: int | None
    total: float
    reference_weight: float = 0.0
    # "year_out"/"transposed" when the dates relate so but the pair did not earn belief on its
    # own (the date level is then "far"); see engine._lone_misdated_rows.
    misdated: str = ""

    @property
    def without_reference(self) -> float:
        """The weight of everything except a shared reference number."""
        return self.total - self.reference_weight


def date_level(p: Profile, q: Profile, settings: MatchSettings) -> str:
    """How the two recorded dates relate, from 'same_day' down to 'far'."""
    if p.start is None or q.start is None or p.end is None or q.end is None:
        return "undated"
    rules = settings.date_rules
    e1, e2 = p.entry.earliest, q.entry.earliest
    if p.day_level and q.day_level and e1 == e2:
        return "same_day"
    gap = max((q.start - p.end).days, (p.start - q.end).days, 0)
    overlap = gap == 0
    if overlap and not (p.day_level and q.day_level):
        return "compatible"
    if _mentions(p, q) or _mentions(q, p):
        # An explicit reference to the other's date beats mere closeness in time.
        return "mentioned"
    if gap <= rules.within_short:
        return "within_1"
    if gap <= rules.within_mid:
        return "within_3"
    if gap <= rules.within_long:
        return "within_7"
    if gap <= rules.within_fortnight:
        return "within_14"
    if p.day_level and q.day_level and e1 is not None and e2 is not None:
        if (e1.month, e1.day) == (e2.month, e2.day) and abs(e1.year - e2.year) == 1:
            return "year_out"
        if (
            e1.year == e2.year
            and (e1.day, e1.month) == (e2.month, e2.day)
            and (_ambiguous_day_month(p.entry.date_text) or _ambiguous_day_month(q.entry.date_text))
        ):
            return "transposed"
    if _mentions(p, q) or _mentions(q, p):
        return "mentioned"
    same_file = p.entry.file_name == q.entry.file_name
    near_rows = abs(p.entry.row - q.entry.row) <= settings.blocking.file_neighbour_rows
    if (p.out_of_sequence or q.out_of_sequence) and same_file and near_rows:
        return "out_of_sequence"
    return "far"


# A date written as two numbers up to 12 then a year ("03/04/2013", "3.4.13"): the only form in
# which a day and month can be swapped by whoever typed it. "3 April 2013" or "2013-04-03"
# cannot be, so two such dates a transposition apart are simply different days.
_AMBIGUOUS_DAY_MONTH = re.compile(
    r"^\s*(0?[1-9]|1[0-2])\s*[/.\-]\s*(0?[1-9]|1[0-2])\s*[/.\-]\s*\d{2,4}\b"
)


def _ambiguous_day_month(date_text: str) -> bool:
    return bool(_AMBIGUOUS_DAY_MONTH.match(date_text))


def _mentions(p: Profile, q: Profile) -> bool:
    """`p` names a day in `q`'s span, or both look back to the same earlier day ("fell on
    20/02" and "fell four days ago" written on the 24th)."""
    if q.start is None or q.end is None:
        return False
    return any(q.start <= d <= q.end for d in p.mentions) or not set(p.mentions).isdisjoint(
        q.mentions
    )


def time_level(p: Profile, q: Profile, settings: MatchSettings) -> tuple[str, int | None]:
    """Recorded times: exact, close, a whole hour apart (UTC vs local), near or different."""
    if p.time is None or q.time is None:
        return "missing", None
    gap = abs(p.time - q.time)
    gap = min(gap, 1440 - gap)
    lv = settings.time_levels
    if gap <= lv.exact:
        return "exact", gap
    if gap <= lv.close:
        return "close", gap
    if abs(gap - 60) <= lv.hour_slack:
        return "hour_offset", gap
    if gap <= lv.near:
        return "near", gap
    return "different", gap


def text_level(similarity: float, settings: MatchSettings) -> str:
    """Bucket a TF-IDF cosine into the configured levels."""
    lv = settings.text_levels
    for name, floor in (("high", lv.high), ("good", lv.good), ("some", lv.some), ("low", lv.low)):
        if similarity >= floor:
            return name
    return "none"


def event_level(p: Profile, q: Profile, settings: MatchSettings) -> str:
    """Event types: shared, disjoint, or a stand-alone kind of event (MARAC, hearing, referral,
    contact attempt) on one side that the other does not describe."""
    if p.repeat and q.repeat and p.repeat != q.repeat:
        return "repeat_mismatch"
    if p.entry.agency == q.entry.agency and p.day_level and q.day_level and p.start != q.start:
        # One agency writing the very same words on two days ("absent - no reason given"), or
        # words as alike as the `high` text level ("Lunch call. Made sandwich & soup, D ate
        # all."), outside one log of its own, is a routine contact made twice, never one
        # occurrence recorded twice.
        if p.text == q.text:
            return "repeat_mismatch"
        alike = cosine(p.vector, q.vector) >= settings.text_levels.high
        if alike and reference_level(p, q, settings) != "same_near":
            return "repeat_mismatch"
    if ("other_occurrence" in p.headline_events) != ("other_occurrence" in q.headline_events):
        return "other_occurrence"
    own = _own_types(tuple(settings.lexicon.get("own_occurrence_types", [])))
    p_opening, q_opening = (
        p.headline_events - p.outcome_events,
        q.headline_events - q.outcome_events,
    )
    # A kind the other row's agency is (a GP practice for "GP e-referral") is not missing.
    p_known, q_known = p.events | p.agency_events, q.events | q.agency_events
    if (p_opening & own) - q_known or (q_opening & own) - p_known:
        return "own_occurrence_mismatch"
    if (p.outcome_events & own) - q.events or (q.outcome_events & own) - p.events:
        # One row went on to a referral (say) the other does not mention: telling only when
        # what the rows open with does not already describe the same kind of event.
        return "shared" if p_opening & q.events or q_opening & p.events else "outcome_mismatch"
    common = p.events & q.events
    if len(common) > 1:
        return "shared_several"  # a fall taken to hospital, an assault reported by a 999 call
    if common:
        return "shared"
    if p.events and q.events:
        return "disjoint"
    return "unknown"


@lru_cache(maxsize=16)
def _own_types(types: tuple[str, ...]) -> frozenset[str]:
    return frozenset(types)


def reference_level(p: Profile, q: Profile, settings: MatchSettings) -> str:
    """Same reference close in time (one log), same reference far apart, or two different
    references from one agency (two logs: never the same incident). Near means in one run of
    the agency's rows of that reference, and two rows of one hospital stay are one log whatever
    reference each gives (logs.py)."""
    if same_stay(p, q):
        return "same_near"
    if p.ref and q.ref:
        if p.ref == q.ref:
            one_agency = p.entry.agency == q.entry.agency
            if one_agency and p.log_run is not None and q.log_run is not None:
                return "same_near" if p.log_run == q.log_run else "same_far"
            if p.start is None or q.start is None or p.end is None or q.end is None:
                return "same_far"
            gap = max((q.start - p.end).days, (p.start - q.end).days, 0)
            return "same_near" if gap <= settings.date_rules.ref_max_gap_days else "same_far"
        if p.entry.agency == q.entry.agency:
            return "different"
    return "none"


def people_level(p: Profile, q: Profile) -> str:
    """Whether the named people overlap; unknown when either names nobody. Two records that
    each name several people, none in common ("disjoint_several"), are about different
    households far more often than two that each name one: an agency's record of one incident
    often names only its own client (the victim to the hospital, the suspect to probation)."""
    if not p.people or not q.people:
        return "unknown"
    shared = p.people & q.people
    if len(shared) > 1:
        # Two people named by both: far rarer by chance than one (the victim every record of
        # one family names), so a level of its own.
        return "overlap_several"
    if shared:
        return "overlap"
    return "disjoint_several" if len(p.people) > 1 and len(q.people) > 1 else "disjoint"


def _believes_misdated(levels: dict[str, str]) -> bool:
    """A date one year out is believed on its own only when the account itself matches
    closely or the clock time agrees; otherwise it is just another year (routine events recur
    on anniversaries). engine._lone_misdated_rows may still believe it for a row with no
    company of its own on its day.

    A day and month transposed asks only for some wording in common: nothing recurs on the
    swapped date. Asked the anniversary's proof, 9 conflicts of the 26 blind reviews were
    missed (found 212 -> 221 of 471 with the lighter proof, mean F1 0.742 -> 0.743); with no
    proof at all, the same conflicts and more false links; dropping the proof for a year out
    costs mean F1 0.742 -> 0.724 and mean conflict precision 0.521 -> 0.464 (docs/matching.md,
    "Dates typed wrong")."""
    if levels["date"] == "transposed":
        return levels["text"] != "none"
    return levels["text"] in ("high", "good") or levels["time"] == "exact"


def relevel(score: PairScore, feature: str, level: str, settings: MatchSettings) -> PairScore:
    """The same pair with one feature moved to another level and the weight re-summed."""
    levels = _interned({**score.levels, feature: level})
    total = sum(settings.weights.get(f, {}).get(lv, 0.0) for f, lv in levels.items())
    misdated = "" if feature == "date" else score.misdated
    return replace(score, levels=levels, total=total, misdated=misdated)


def score_pair(
    p: Profile, q: Profile, settings: MatchSettings, floor: float | None = None
) -> PairScore | None:
    """Compare two profiles and sum their Fellegi–Sunter weights.

    With `floor`, return None for a pair that cannot reach it even with the best possible
    text score and carries no veto: the costly text comparison is then skipped."""
    weights = settings.weights
    flat, best_text = _flat_weights(settings)
    t_level, gap = time_level(p, q, settings)
    levels = {
        "date": date_level(p, q, settings),
        "time": t_level,
        "people": people_level(p, q),
        "event": event_level(p, q, settings),
        "reference": reference_level(p, q, settings),
        "agency": "same" if p.entry.agency == q.entry.agency else "different",
        "form": "opposed" if p.forms and q.forms and opposed(p.forms, q.forms) else "none",
    }
    if (
        floor is not None
        and levels["reference"] != "different"
        and levels["event"] != "repeat_mismatch"
    ):
        partial = (
            flat.get(("date", levels["date"]), 0.0)
            + flat.get(("time", t_level), 0.0)
            + flat.get(("people", levels["people"]), 0.0)
            + flat.get(("event", levels["event"]), 0.0)
            + flat.get(("reference", levels["reference"]), 0.0)
            + flat.get(("agency", levels["agency"]), 0.0)
            + flat.get(("form", levels["form"]), 0.0)
        )
        if partial + best_text < floor:
            return None
    similarity = cosine(p.vector, q.vector)
    levels["text"] = text_level(similarity, settings)
    misdated = ""
    if levels["date"] in ("year_out", "transposed") and not _believes_misdated(levels):
        misdated, levels["date"] = levels["date"], "far"
    total = 0.0
    for feature, level in levels.items():
        total += flat.get((feature, level), 0.0)
    ref_weight = weights.get("reference", {}).get(levels["reference"], 0.0)
    return PairScore(
        p.index, q.index, _interned(levels), similarity, gap, total, ref_weight, misdated
    )


_LEVELS: dict[tuple[tuple[str, str], ...], dict[str, str]] = {}


def _interned(levels: dict[str, str]) -> dict[str, str]:
    """One shared dict per distinct combination of levels (there are a few thousand at most),
    so a merge holding many pair scores does not hold a dict for each."""
    key = tuple(levels.items())
    held = _LEVELS.get(key)
    if held is None:
        if len(_LEVELS) >= 50_000:
            _LEVELS.clear()
        _LEVELS[key] = held = levels
    return held


_FLAT: dict[int, tuple[MatchSettings, dict[tuple[str, str], float], float]] = {}


def _flat_weights(settings: MatchSettings) -> tuple[dict[tuple[str, str], float], float]:
    """(feature, level) -> weight, and the best text weight; built once per settings object."""
    held = _FLAT.get(id(settings))
    if held is not None and held[0] is settings:
        return held[1], held[2]
    flat = {(f, lv): w for f, levels in settings.weights.items() for lv, w in levels.items()}
    best_text = max(settings.weights.get("text", {}).values(), default=0.0)
    if len(_FLAT) > 64:
        _FLAT.clear()
    _FLAT[id(settings)] = (settings, flat, best_text)
    return flat, best_text

"""The individual conflict detectors; each reads one kind of disagreement from an incident.

Detectors pair a cue-bearing entry with the entries most like it in wording, so a conflict
names the specific records that disagree rather than the whole incident.
"""

from __future__ import annotations

from collections.abc import Callable

from projections.matching.claim_detectors import (
    attributions,
    injuries,
    locations,
    oppositions,
    statuses,
)
from projections.matching.conflicts import _Context, _Found, quote
from projections.matching.explanations import describe_entry
from projections.matching.profile import Profile


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def dates(ctx: _Context) -> list[_Found]:
    """Year-out, transposed and out-of-sequence dates between directly compared entries."""
    reasons = {
        "year_out": "same day and month, one year apart",
        "transposed": "day and month transposed",
        "out_of_sequence": "the date is out of sequence with its neighbours in its own file",
    }
    out = []
    for i, p in enumerate(ctx.group):
        for q in ctx.group[i + 1 :]:
            level = ctx.score(p, q).levels.get("date", "")
            if level in reasons:
                claim = (
                    f"{p.entry.agency} dates it {p.entry.date_text}, {q.entry.agency} "
                    f"{q.entry.date_text} — {reasons[level]}"
                )
                out.append(
                    _Found("date", (p, q), claim, 0.8 if level != "out_of_sequence" else 0.6)
                )
    return out


def _event_times(p: Profile) -> set[int]:
    return set(p.text_times) | ({p.time} if p.time is not None else set())


def _anchored(ctx: _Context, p: Profile, q: Profile, tolerance: int) -> bool:
    """True when `p` has a same-time counterpart from `q`'s agency: the time difference with
    `q` is then two different moments of one log, not two versions of one moment."""
    tp = _event_times(p)
    for other in ctx.group:
        if other is p or other.entry.agency != q.entry.agency:
            continue
        if any(
            min(abs(x - y), 1440 - abs(x - y)) <= tolerance for x in tp for y in _event_times(other)
        ):
            return True
    return False


def times(ctx: _Context) -> list[_Found]:
    """Different times for the same act by sources that otherwise describe it alike."""
    tolerance = int(ctx.rules.get("time_tolerance_minutes", 10))
    floor = ctx.rules.get("time_min_similarity", 0.2)
    out = []
    for i, p in enumerate(ctx.group):
        for q in ctx.group[i + 1 :]:
            tp, tq = _event_times(p), _event_times(q)
            if not tp or not tq or (p.ref and p.ref == q.ref) or p.entry.agency == q.entry.agency:
                continue
            if ctx.score(p, q).levels.get("date") != "same_day" or ctx.similarity(p, q) < floor:
                continue
            if _anchored(ctx, p, q, tolerance) or _anchored(ctx, q, p, tolerance):
                continue
            gap, a, b = min((min(abs(x - y), 1440 - abs(x - y)), x, y) for x in tp for y in tq)
            if gap <= tolerance:
                continue
            note = ""
            if abs(gap - 60) <= 1 or abs(gap - 120) <= 1:
                note = (
                    " — a whole-hour offset: possibly one system in UTC and the other"
                    " in local time (BST)"
                )
            claim = (
                f"{describe_entry(p)} gives {_hhmm(a)}, {describe_entry(q)} gives {_hhmm(b)}{note}"
            )
            out.append(_Found("time", (p, q), claim, 0.7 if not note else 0.5))
    return out


def _cue_partner(
    ctx: _Context, family: str, kind: str, keep: Callable[[Profile], bool] | None, conf: float
) -> list[_Found]:
    out = []
    for p in ctx.group:
        phrases = ctx.readings[p.index].cues.get(family)
        if not phrases:
            continue
        partners = ctx.partners(p, keep=lambda q: keep is None or keep(q))
        if partners:
            claim = (
                quote(p, phrases[0]) + "; against " + ", ".join(describe_entry(q) for q in partners)
            )
            out.append(_Found(kind, (p, *partners), claim, conf))
    return out


def denials(ctx: _Context) -> list[_Found]:
    """A denial or minimising account set against the entries that assert the act."""
    out = []
    for p in ctx.group:
        phrases = ctx.readings[p.index].cues.get("denial")
        if not phrases:
            continue

        def asserts(q: Profile) -> bool:
            r = ctx.readings[q.index]
            return (
                r.violent or r.injured or "domestic_incident" in q.events
            ) and "denial" not in r.cues

        # Prefer the entries that name as the doer someone this entry names: the denial is
        # most likely answering exactly that allegation.
        accusing = ctx.partners(
            p,
            keep=lambda q, named=p.people: (
                asserts(q) and bool(ctx.readings[q.index].agents & named)
            ),
        )
        partners = accusing or ctx.partners(p, keep=asserts)
        if partners:
            claim = (
                quote(p, phrases[0]) + "; against " + ", ".join(describe_entry(q) for q in partners)
            )
            out.append(_Found("account", (p, *partners), claim, 0.6))
    return out


def contrasts(ctx: _Context) -> list[_Found]:
    """Reviewers' contrast words ('although', 'misquoted') point at a disagreement."""
    return _cue_partner(ctx, "contrast", "other", None, 0.45)


def identities(ctx: _Context) -> list[_Found]:
    """Explicit misidentification, or two entries each naming a person no other entry names."""
    out = _cue_partner(ctx, "identity", "identity", None, 0.8)
    counts: dict[str, int] = {}
    for p in ctx.group:
        for person in p.people:
            counts[person] = counts.get(person, 0) + 1
    floor = ctx.rules.get("identity_min_similarity", 0.1)
    for i, p in enumerate(ctx.group):
        for q in ctx.group[i + 1 :]:
            only_p = {x for x in p.people - q.people if counts[x] == 1}
            only_q = {x for x in q.people - p.people if counts[x] == 1}
            if only_p and only_q and p.people & q.people and ctx.similarity(p, q) >= floor:
                claim = (
                    f"{describe_entry(p)} names {', '.join(sorted(only_p))} where "
                    f"{describe_entry(q)} names {', '.join(sorted(only_q))}"
                )
                out.append(_Found("identity", (p, q), claim, 0.5))
    return out


ALL: tuple[Callable[[_Context], list[_Found]], ...] = (
    dates,
    times,
    denials,
    contrasts,
    identities,
    statuses,
    attributions,
    injuries,
    locations,
    oppositions,
)

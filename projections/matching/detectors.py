"""The individual conflict detectors; each reads one kind of disagreement from an incident.

Detectors pair a cue-bearing entry with the entries most like it in wording, so a conflict
names the specific records that disagree rather than the whole incident.
"""

from __future__ import annotations

from collections.abc import Callable

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
                out.append(_Found("date", (p, q), claim, 0.8 if level != "out_of_sequence" else 0.6))
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
        if any(min(abs(x - y), 1440 - abs(x - y)) <= tolerance for x in tp for y in _event_times(other)):
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
                note = " — a whole-hour offset: possibly one system in UTC and the other in local time (BST)"
            claim = f"{describe_entry(p)} gives {_hhmm(a)}, {describe_entry(q)} gives {_hhmm(b)}{note}"
            out.append(_Found("time", (p, q), claim, 0.7 if not note else 0.5))
    return out


def _cue_partner(ctx: _Context, family: str, kind: str, keep: Callable[[Profile], bool] | None, conf: float) -> list[_Found]:
    out = []
    for p in ctx.group:
        phrases = ctx.readings[p.index].cues.get(family)
        if not phrases:
            continue
        partners = ctx.partners(p, keep=lambda q: keep is None or keep(q))
        if partners:
            claim = quote(p, phrases[0]) + "; against " + ", ".join(describe_entry(q) for q in partners)
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
            return (r.violent or r.injured or "domestic_incident" in q.events) and "denial" not in r.cues

        # Prefer the entries that name as the doer someone this entry names: the denial is
        # most likely answering exactly that allegation.
        accusing = ctx.partners(p, keep=lambda q: asserts(q) and bool(ctx.readings[q.index].agents & p.people))
        partners = accusing or ctx.partners(p, keep=asserts)
        if partners:
            claim = quote(p, phrases[0]) + "; against " + ", ".join(describe_entry(q) for q in partners)
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


def statuses(ctx: _Context) -> list[_Found]:
    """A form said to be sent/submitted against one said not received; risk or
    classification recorded differently."""
    out = []
    for p in ctx.group:
        rp = ctx.readings[p.index]
        for form, value in sorted(rp.form_status.items()):
            if value not in ("negative", "both"):
                continue
            positives = ctx.partners(
                p, keep=lambda q, f=form: ctx.readings[q.index].form_status.get(f) in ("positive", "both"), limit=2
            )
            if positives:
                claim = f"{describe_entry(p)} records the {form} as not sent/received; " + ", ".join(
                    describe_entry(q) for q in positives
                ) + f" record it as sent/submitted"
                out.append(_Found("status", (p, *positives), claim, 0.75))
        if "risk_low" in rp.cues:
            highs = ctx.partners(p, keep=lambda q: "risk_high" in ctx.readings[q.index].cues, limit=2)
            if highs:
                claim = quote(p, rp.cues["risk_low"][0]) + "; " + "; ".join(
                    quote(q, ctx.readings[q.index].cues["risk_high"][0]) for q in highs
                )
                out.append(_Found("status", (p, *highs), claim, 0.6))
    for i, p in enumerate(ctx.group):
        for q in ctx.group[i + 1 :]:
            cp, cq = ctx.readings[p.index].classifications, ctx.readings[q.index].classifications
            if cp and cq and not (cp & cq):
                claim = (
                    f"{describe_entry(p)} classifies it as {', '.join(sorted(cp))}; "
                    f"{describe_entry(q)} as {', '.join(sorted(cq))}"
                )
                out.append(_Found("status", (p, q), claim, 0.6))
    return out


def attributions(ctx: _Context) -> list[_Found]:
    """Different people or kinds of person named as the one who did the violent act."""
    out = []
    for i, p in enumerate(ctx.group):
        for q in ctx.group[i + 1 :]:
            ap, aq = ctx.readings[p.index].agents, ctx.readings[q.index].agents
            if _attribution_differs(ap, aq):
                claim = (
                    f"{describe_entry(p)} names {_agents(ap)} as responsible; "
                    f"{describe_entry(q)} names {_agents(aq)}"
                )
                out.append(_Found("attribution", (p, q), claim, 0.6))
    return out


def _attribution_differs(ap: frozenset[str], aq: frozenset[str]) -> bool:
    """Named people who do not overlap, or a non-intimate role set against a named person or
    partner. 'Partner' against a named person is not a conflict: the partner may be them."""
    if not ap or not aq or ap & aq:
        return False
    def named(a: frozenset[str]) -> set[str]:
        return {x for x in a if not x.startswith("role:")}
    def other_roles(a: frozenset[str]) -> set[str]:
        return {x for x in a if x.startswith("role:other:")}
    def intimate(a: frozenset[str]) -> set[str]:
        return {x for x in a if x.startswith("role:intimate:")}
    if named(ap) and named(aq):
        return not (named(ap) & named(aq))
    if other_roles(ap) and (named(aq) or intimate(aq)) and not other_roles(aq):
        return True
    return bool(other_roles(aq) and (named(ap) or intimate(ap)) and not other_roles(ap))


def _agents(agents: frozenset[str]) -> str:
    return ", ".join(a.split(":")[-1] for a in sorted(agents))


def injuries(ctx: _Context) -> list[_Found]:
    """Injuries placed on entirely different parts of the body."""
    out = []
    for i, p in enumerate(ctx.group):
        for q in ctx.group[i + 1 :]:
            rp, rq = ctx.readings[p.index], ctx.readings[q.index]
            if rp.injured and rq.injured and rp.sites and rq.sites and not (rp.sites & rq.sites):
                claim = (
                    f"{describe_entry(p)} places the injury at {', '.join(sorted(rp.sites))}; "
                    f"{describe_entry(q)} at {', '.join(sorted(rq.sites))}"
                )
                out.append(_Found("account", (p, q), claim, 0.55))
    return out


def locations(ctx: _Context) -> list[_Found]:
    """'Not from the address' against 'at the address'; a public place against a home."""
    out = []
    for p in ctx.group:
        rp = ctx.readings[p.index]
        if "location_negative" in rp.cues:
            partners = ctx.partners(p, keep=lambda q: "location_positive" in ctx.readings[q.index].cues)
            if partners:
                claim = quote(p, rp.cues["location_negative"][0]) + "; " + "; ".join(
                    quote(q, ctx.readings[q.index].cues["location_positive"][0]) for q in partners
                )
                out.append(_Found("location", (p, *partners), claim, 0.6))
        if "location_public" in rp.cues and (rp.violent or rp.injured) and "location_home" not in rp.cues:
            homes = ctx.partners(
                p,
                keep=lambda q: "location_home" in ctx.readings[q.index].cues
                and "location_public" not in ctx.readings[q.index].cues
                and (ctx.readings[q.index].violent or ctx.readings[q.index].injured),
                limit=1,
            )
            if homes:
                claim = quote(p, rp.cues["location_public"][0]) + "; " + quote(
                    homes[0], ctx.readings[homes[0].index].cues["location_home"][0]
                )
                out.append(_Found("location", (p, homes[0]), claim, 0.5))
    return out


def oppositions(ctx: _Context) -> list[_Found]:
    """Opposed claims from the lexicon (e.g. 'unprovoked' against 'revenge')."""
    out = []
    for p in ctx.group:
        for side in sorted(ctx.readings[p.index].opposition_sides):
            if not side.endswith(":a"):
                continue
            other = side[:-1] + "b"
            partners = ctx.partners(p, keep=lambda q, o=other: o in ctx.readings[q.index].opposition_sides, limit=1)
            if partners:
                claim = f"{describe_entry(p)} and {describe_entry(partners[0])} disagree on {side[:-2]}"
                out.append(_Found("account", (p, partners[0]), claim, 0.5))
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

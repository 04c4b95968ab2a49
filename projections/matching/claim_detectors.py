"""Detectors for disagreements about facts recorded in the text: form statuses and
classifications, who did it, where on the body, where it happened, opposed claims.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from projections.matching.explanations import (
    as_written,
    describe_entry,
    in_own_case,
    quoted,
)
from projections.matching.findings import Finding, IncidentContext, quote
from projections.matching.lexicon import phrase_pattern
from projections.matching.profile import Profile


def statuses(ctx: IncidentContext) -> list[Finding]:
    """A form said to be sent/submitted against one said not received; risk or
    classification recorded differently."""
    out = []
    for p in ctx.group:
        rp = ctx.readings[p.index]
        for form, value in sorted(rp.form_status.items()):
            if value not in ("negative", "both"):
                continue
            positives = ctx.partners(
                p,
                keep=lambda q, f=form: (
                    ctx.readings[q.index].form_status.get(f) in ("positive", "both")
                ),
                limit=2,
            )
            if positives:
                claim = (
                    f"{describe_entry(p)} records the {form} as not sent/received; "
                    + ", ".join(describe_entry(q) for q in positives)
                    + " record it as sent/submitted"
                )
                sides = (
                    (p, f"the {as_written(form, p)} was not sent or received"),
                    *((q, f"the {as_written(form, q)} was sent") for q in positives),
                )
                out.append(Finding("status", (p, *positives), claim, 0.75, sides))
        if "risk_low" in rp.cues:
            highs = ctx.partners(
                p, keep=lambda q: "risk_high" in ctx.readings[q.index].cues, limit=2
            )
            if highs:
                claim = (
                    quote(p, rp.cues["risk_low"][0])
                    + "; "
                    + "; ".join(quote(q, ctx.readings[q.index].cues["risk_high"][0]) for q in highs)
                )
                sides = (
                    (p, quoted(p, rp.cues["risk_low"][0])),
                    *((q, quoted(q, ctx.readings[q.index].cues["risk_high"][0])) for q in highs),
                )
                out.append(Finding("status", (p, *highs), claim, 0.6, sides))
    out.extend(_risk_grades(ctx))
    for i, p in enumerate(ctx.group):
        for q in ctx.group[i + 1 :]:
            cp, cq = ctx.readings[p.index].classifications, ctx.readings[q.index].classifications
            if cp and cq and not (cp & cq):
                claim = (
                    f"{describe_entry(p)} classifies it as {', '.join(sorted(cp))}; "
                    f"{describe_entry(q)} as {', '.join(sorted(cq))}"
                )
                sides = ((p, f"it was {_labels(cp)}"), (q, f"it was {_labels(cq)}"))
                out.append(Finding("status", (p, q), claim, 0.6, sides))
    return out


# A risk grade recorded this many days apart may be a re-assessment, not the same one.
_SAME_ASSESSMENT_DAYS = 7


def _risk_grades(ctx: IncidentContext) -> list[Finding]:
    """Two agencies giving the incident's risk different grades ("DASH MEDIUM" against
    "police DASH risk: HIGH"). A record giving two grades (a re-grading) disagrees with
    neither."""
    out = []
    for i, p in enumerate(ctx.group):
        gp = ctx.readings[p.index].risk_grades
        if not gp:
            continue
        for q in ctx.group[i + 1 :]:
            gq = ctx.readings[q.index].risk_grades
            if not gq or gp.keys() & gq.keys() or p.entry.agency == q.entry.agency:
                continue
            if p.start and q.start and abs((p.start - q.start).days) > _SAME_ASSESSMENT_DAYS:
                continue
            wp = in_own_case(p, next(iter(gp.values())))
            wq = in_own_case(q, next(iter(gq.values())))
            claim = f"{describe_entry(p)} says “{wp}”; {describe_entry(q)} says “{wq}”"
            sides = ((p, f"the risk was graded “{wp}”"), (q, f"the risk was graded “{wq}”"))
            out.append(Finding("status", (p, q), claim, 0.65, sides))
    return out


def attributions(ctx: IncidentContext) -> list[Finding]:
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
                sides = ((p, f"{_agents(ap)} did it"), (q, f"{_agents(aq)} did it"))
                out.append(Finding("attribution", (p, q), claim, 0.6, sides))
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


def _labels(classes: frozenset[str]) -> str:
    return ", ".join(c.replace("_", " ") for c in sorted(classes))


def _agents(agents: frozenset[str]) -> str:
    return ", ".join(a.split(":")[-1] for a in sorted(agents))


def injuries(ctx: IncidentContext) -> list[Finding]:
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
                sides = (
                    (p, f"the injury was to the {', '.join(sorted(rp.sites))}"),
                    (q, f"the injury was to the {', '.join(sorted(rq.sites))}"),
                )
                out.append(Finding("account", (p, q), claim, 0.55, sides))
    return out


def locations(ctx: IncidentContext) -> list[Finding]:
    """'Not from the address' against 'at the address'; a public place, or somebody else's
    home (a grandmother's, a friend's), against the home."""
    out = []
    for p in ctx.group:
        rp = ctx.readings[p.index]
        if "location_negative" in rp.cues:
            partners = ctx.partners(
                p, keep=lambda q: "location_positive" in ctx.readings[q.index].cues
            )
            if partners:
                claim = (
                    quote(p, rp.cues["location_negative"][0])
                    + "; "
                    + "; ".join(
                        quote(q, ctx.readings[q.index].cues["location_positive"][0])
                        for q in partners
                    )
                )
                sides = (
                    (p, quoted(p, rp.cues["location_negative"][0])),
                    *(
                        (q, quoted(q, ctx.readings[q.index].cues["location_positive"][0]))
                        for q in partners
                    ),
                )
                out.append(Finding("location", (p, *partners), claim, 0.6, sides))
        for elsewhere in ("location_public", "location_elsewhere"):
            found = _place_against_home(ctx, p, elsewhere)
            if found is not None:
                out.append(found)
        found = _outside_against_inside(ctx, p)
        if found is not None:
            out.append(found)
    return out


def _outside_against_inside(ctx: IncidentContext, p: Profile) -> Finding | None:
    """`p` keeps it outside ("did not enter the address", "in the street outside") against
    the most alike row of another agency that puts it inside ("forced his way into the
    hallway", "from inside flat 14"), where one of the two tells of harm."""
    rp = ctx.readings[p.index]
    if "location_outside" not in rp.cues or "location_inside" in rp.cues:
        return None

    def inside(q: Profile) -> bool:
        rq = ctx.readings[q.index]
        return (
            q.entry.agency != p.entry.agency
            and "location_inside" in rq.cues
            and "location_outside" not in rq.cues
            and (_about_harm(ctx, p) or _about_harm(ctx, q))
        )

    partners = ctx.partners(p, keep=inside, limit=1)
    if not partners:
        return None
    q = partners[0]
    said_inside = ctx.readings[q.index].cues["location_inside"][0]
    claim = quote(p, rp.cues["location_outside"][0]) + "; " + quote(q, said_inside)
    sides = ((p, quoted(p, rp.cues["location_outside"][0])), (q, quoted(q, said_inside)))
    return Finding("location", (p, q), claim, 0.5, sides)


def _place_against_home(ctx: IncidentContext, p: Profile, family: str) -> Finding | None:
    """`p` puts a violent or injuring event in a place of `family` (a public place, somebody
    else's home) and not at home, against the most alike row that puts it at home."""
    rp = ctx.readings[p.index]
    if family not in rp.cues or "location_home" in rp.cues:
        return None
    # Somebody else's home is a place of harm only where the words say what happened there
    # ("fell at his grandmother's", "the knife incident at her mother's"), not where someone
    # was arrested or seen later; a public place, wherever the row tells of violence or injury.
    strict = family == "location_elsewhere"
    if not (_near_harm(ctx, p, rp.cues[family]) if strict else rp.violent or rp.injured):
        return None

    def at_home(q: Profile) -> bool:
        rq = ctx.readings[q.index]
        if "location_home" not in rq.cues or family in rq.cues:
            return False
        if strict:
            return _near_harm(ctx, q, rq.cues["location_home"])
        return rq.violent or rq.injured

    homes = ctx.partners(p, keep=at_home, limit=1)
    if not homes:
        return None
    home = ctx.readings[homes[0].index].cues["location_home"][0]
    claim = quote(p, rp.cues[family][0]) + "; " + quote(homes[0], home)
    sides = ((p, quoted(p, rp.cues[family][0])), (homes[0], quoted(homes[0], home)))
    return Finding("location", (p, homes[0]), claim, 0.5, sides)


# How near (in characters) a place must stand to the words of harm it is the place of.
_HARM_REACH = 50


def _near_harm(ctx: IncidentContext, p: Profile, places: Sequence[str]) -> bool:
    """Whether a violent act, an injury, a fall or a weapon is told within _HARM_REACH
    characters of one of `places` in `p`'s text."""
    lexicon = ctx.settings.lexicon
    harm = phrase_pattern(
        [
            *lexicon.get("violence_verbs", []),
            *lexicon.get("injury_words", []),
            *lexicon.get("event_types", {}).get("fall", []),
            *lexicon.get("harm_words", []),
        ]
    )
    if harm is None:
        return False
    for place in dict.fromkeys(places):
        for found in re.finditer(re.escape(place), p.text):
            around = p.text[max(0, found.start() - _HARM_REACH) : found.end() + _HARM_REACH]
            if harm.search(around):
                return True
    return False


def rooms(ctx: IncidentContext) -> list[Finding]:
    """Two accounts of one fall, injury or assault placing it in different parts of a home
    ("fallen in the kitchen" against "fell out of bed")."""
    out = []
    harmed = [p for p in ctx.group if _about_harm(ctx, p) and ctx.readings[p.index].rooms]
    for i, p in enumerate(harmed):
        for q in harmed[i + 1 :]:
            rp, rq = ctx.readings[p.index].rooms, ctx.readings[q.index].rooms
            if not rp & rq:
                claim = (
                    f"{describe_entry(p)} places it in the {', '.join(sorted(rp))}; "
                    f"{describe_entry(q)} in the {', '.join(sorted(rq))}"
                )
                sides = (
                    (p, f"in the {', '.join(sorted(rp))}"),
                    (q, f"in the {', '.join(sorted(rq))}"),
                )
                out.append(Finding("location", (p, q), claim, 0.5, sides))
    return out


def _about_harm(ctx: IncidentContext, p: Profile) -> bool:
    reading = ctx.readings[p.index]
    return reading.violent or reading.injured or "fall" in p.events


def oppositions(ctx: IncidentContext) -> list[Finding]:
    """Opposed claims from the lexicon (e.g. 'unprovoked' against 'revenge')."""
    out = []
    for p in ctx.group:
        for side in sorted(ctx.readings[p.index].opposition_sides):
            if not side.endswith(":a"):
                continue
            other = side[:-1] + "b"
            partners = ctx.partners(
                p, keep=lambda q, o=other: o in ctx.readings[q.index].opposition_sides, limit=1
            )
            if partners:
                q = partners[0]
                claim = (
                    f"{side[:-2]}: "
                    + quote(p, _opposition_phrase(ctx, side, p))
                    + "; "
                    + quote(q, _opposition_phrase(ctx, other, q))
                )
                sides = (
                    (p, quoted(p, _opposition_phrase(ctx, side, p))),
                    (q, quoted(q, _opposition_phrase(ctx, other, q))),
                )
                out.append(Finding("account", (p, q), claim, 0.5, sides))
    return out


def counts(ctx: IncidentContext) -> list[Finding]:
    """Two accounts giving a different number of the same thing ("three children" against
    "two children")."""
    out = []
    for i, p in enumerate(ctx.group):
        for q in ctx.group[i + 1 :]:
            cp, cq = ctx.readings[p.index].counts, ctx.readings[q.index].counts
            for thing in sorted(set(cp) & set(cq)):
                if cp[thing][0] != cq[thing][0]:
                    wp, wq = in_own_case(p, cp[thing][1]), in_own_case(q, cq[thing][1])
                    claim = f"{describe_entry(p)} says “{wp}”; {describe_entry(q)} says “{wq}”"
                    sides = ((p, f"“{wp}”"), (q, f"“{wq}”"))
                    out.append(Finding("count", (p, q), claim, 0.55, sides))
    return out


def _opposition_phrase(ctx: IncidentContext, side: str, p: Profile) -> str:
    """The words of `p` that put it on `side` ("<name>:a") of a lexicon opposition."""
    name, letter = side.rsplit(":", 1)
    for opposition in ctx.settings.lexicon.get("oppositions", []):
        if opposition.get("name") == name:
            pattern = phrase_pattern(opposition.get(letter, []))
            found = pattern.search(p.text) if pattern is not None else None
            if found:
                return found
    return name

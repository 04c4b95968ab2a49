"""The individual conflict detectors; each reads one kind of disagreement from an incident.

Detectors pair a cue-bearing entry with the entries most like it in wording, so a conflict
names the specific records that disagree rather than the whole incident.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from projections.matching.claim_detectors import (
    attributions,
    counts,
    injuries,
    locations,
    oppositions,
    rooms,
    statuses,
)
from projections.matching.explanations import Side, describe_entry, opening, quoted
from projections.matching.findings import Finding, IncidentContext, quote
from projections.matching.lexicon import classify
from projections.matching.profile import Profile
from projections.matching.text import mentioned_dates, sentences


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def dates(ctx: IncidentContext) -> list[Finding]:
    """Year-out, transposed and out-of-sequence dates between directly compared entries.
    An out-of-sequence row is set only against rows dated at the incident's own day, not
    against later follow-ups that merely sit near it."""
    reasons = {
        "year_out": "same day and month, one year apart",
        "transposed": "day and month transposed",
        "out_of_sequence": "the date is out of sequence with its neighbours in its own file",
    }
    modal = ctx.modal_day()
    out = []
    for p, q, score in ctx.scored_pairs():
        level = score.levels.get("date", "")
        if level not in reasons:
            continue
        if level == "out_of_sequence" and modal is not None:
            anchor = q if p.out_of_sequence else p
            if anchor.start is None or abs((anchor.start - modal).days) > 3:
                continue
        claim = (
            f"{p.entry.agency} dates it {p.entry.date_text}, {q.entry.agency} "
            f"{q.entry.date_text} — {reasons[level]}"
        )
        sides = ((p, p.entry.date_text), (q, q.entry.date_text))
        topic = f"{level}:{'|'.join(sorted({p.entry.agency, q.entry.agency}))}"
        confidence = 0.8 if level != "out_of_sequence" else 0.6
        out.append(Finding("date", (p, q), claim, confidence, sides, topic))
    return out


def stated_dates(ctx: IncidentContext) -> list[Finding]:
    """A row that says in words when the incident happened, and says a different day from
    the rows dated at it ("notified of the death ... on 01/09/2019" when the others record
    02/09). Only where at least two other rows are dated that day (so it is the day of the
    event, not of a follow-up contact), the sentence naming the day describes a kind of event
    those rows record, and no row of the incident is dated, or says, that day. The finding
    names up to `cue_partners` of the rows dated the incident's day, most alike first."""
    modal = ctx.modal_day()
    if modal is None:
        return []
    types = ctx.settings.lexicon.get("event_types", {})
    dated = {p.start for p in ctx.group if p.day_level and p.start is not None}
    on_day = {q.index for q in ctx.group if q.day_level and q.start == modal}
    out = []
    for p in ctx.group:
        if not p.mentions:
            continue
        others = [q for q in ctx.group if q is not p and q.index in on_day]
        if len(others) < 2:
            continue
        said = {d for q in ctx.group if q is not p for d in q.mentions}
        dated_or_said = dated | said
        described = set().union(*(q.events for q in others))
        for sentence in sentences(p.text):
            told = [
                d
                for d in mentioned_dates(sentence, p.entry.latest)
                if d not in dated_or_said and 0 < abs((d - modal).days) <= 7
            ]
            if told and classify(sentence, types) & described:
                witnesses = ctx.partners(p, keep=lambda q: q.index in on_day)
                claim = (
                    f"{describe_entry(p)} says {quoted(p, sentence[:40])} — "
                    f"{told[0].strftime('%d/%m/%Y')}; "
                    + ", ".join(describe_entry(q) for q in witnesses)
                    + f" record {modal.strftime('%d/%m/%Y')}"
                )
                sides = (
                    (p, f"{told[0]:%d/%m/%Y} ({quoted(p, sentence[:40])})"),
                    *((q, q.entry.date_text) for q in witnesses),
                )
                out.append(Finding("date", (p, *witnesses), claim, 0.6, sides))
                break
    return out


def earlier_dates(ctx: IncidentContext) -> list[Finding]:
    """A row dated days before the day the other agencies record the incident. Later rows are
    what follow an incident (a notification, a GP seeing the injury, a relative's account);
    a row dated before it gives the incident another day ("Christmas Day" where the police log
    the report on Boxing Day). Only where at least two agencies record that day and one of them
    gives a clock time (it is the day things happened, not a day of notifications), and only
    for a row of another agency within `earlier_date_days`."""
    modal = ctx.recorded_day()
    if modal is None:
        return []
    on_modal = [q for q in ctx.group if q.day_level and q.entry.earliest == modal]
    agencies = {q.entry.agency for q in on_modal}
    if len(agencies) < 2 or all(q.time is None for q in on_modal):
        return []
    on_day = {q.index for q in on_modal}
    out = []
    for p in ctx.group:
        day = p.entry.earliest
        if not p.day_level or day is None or day >= modal or p.entry.agency in agencies:
            continue
        if (modal - day).days > ctx.rules.earlier_date_days:
            continue
        others = ctx.partners(p, keep=lambda q: q.index in on_day)
        claim = (
            f"{describe_entry(p)} dates it {p.entry.date_text}; "
            + ", ".join(describe_entry(q) for q in others)
            + f" record {modal:%d/%m/%Y}"
        )
        sides = ((p, p.entry.date_text), *((q, q.entry.date_text) for q in others))
        out.append(Finding("date", (p, *others), claim, 0.5, sides))
    return out


def _event_times(p: Profile) -> set[int]:
    return set(p.text_times) | ({p.time} if p.time is not None else set())


def _gap(x: int, y: int) -> int:
    return min(abs(x - y), 1440 - abs(x - y))


def times(ctx: IncidentContext) -> list[Finding]:
    """Different times for the same act by sources that otherwise describe it alike (similar
    wording, or a pair that links on its own evidence with times within the `close` level),
    a few minutes to an hour apart, or
    whole hours apart (possibly UTC against local time). A difference is not a conflict when
    either row has a same-time counterpart from the other's agency: the two rows are then two
    moments of one log, not two versions of one moment."""
    tolerance = ctx.rules.time_tolerance_minutes
    widest = ctx.rules.time_max_gap_minutes
    floor = ctx.rules.time_min_similarity
    close = ctx.settings.time_levels.close
    timed = [(p, _event_times(p)) for p in ctx.group]
    timed = [(p, t) for p, t in timed if t and p.day_level]
    if len(timed) < 2:
        return []
    by_agency: dict[str, list[set[int]]] = {}
    for p, t in timed:
        by_agency.setdefault(p.entry.agency, []).append(t)

    def anchored(p: Profile, tp: set[int], agency: str) -> bool:
        return any(
            other is not tp and any(_gap(x, y) <= tolerance for x in tp for y in other)
            for other in by_agency.get(agency, ())
        )

    out = []
    for i, (p, tp) in enumerate(timed):
        for q, tq in timed[i + 1 :]:
            if p.entry.agency == q.entry.agency or (p.ref and p.ref == q.ref):
                continue
            if p.entry.earliest != q.entry.earliest:
                continue
            gap, a, b = min((_gap(x, y), x, y) for x in tp for y in tq)
            hours = gap >= 59 and min(gap % 60, 60 - gap % 60) <= 1
            if gap <= tolerance or (gap > widest and not hours):
                continue
            alike = ctx.similarity(p, q) >= floor or (gap <= close and ctx.links_directly(p, q))
            if not alike or anchored(p, tp, q.entry.agency) or anchored(q, tq, p.entry.agency):
                continue
            if not hours and gap > close and _arrival_after(ctx, p, a, q, b):
                continue
            note = _hour_note(p) if hours else ""
            claim = (
                f"{describe_entry(p)} gives {_hhmm(a)}, {describe_entry(q)} gives {_hhmm(b)}{note}"
            )
            sides = ((p, _hhmm(a)), (q, _hhmm(b)))
            out.append(Finding("time", (p, q), claim, 0.7 if not note else 0.5, sides))
    return out


def _hour_note(p: Profile) -> str:
    """Why two times may be whole hours apart: in British Summer Time, one system keeping UTC
    and the other local time; in winter UTC is local time, so the hour is left unexplained."""
    day = p.entry.earliest
    if day is not None and _in_british_summer_time(day) and p.entry.precision == "day":
        return (
            " — a whole-hour offset: possibly one system in UTC and the other in local time (BST)"
        )
    return " — a whole-hour difference"


def _in_british_summer_time(day: date) -> bool:
    """From the last Sunday of March to the day before the last Sunday of October."""
    return _last_sunday(day.year, 3) <= day < _last_sunday(day.year, 10)


def _last_sunday(year: int, month: int) -> date:
    last = date(year, month, 31)
    return last - timedelta(days=(last.weekday() + 1) % 7)


def _arrival_after(ctx: IncidentContext, p: Profile, a: int, q: Profile, b: int) -> bool:
    """A hospital's record of a patient's arrival, later than another agency's time for the
    incident, is the next moment of the story (the call, then the arrival at hospital), not a
    second time for the same moment. A row is a hospital's by what it opens with or by the
    name of the agency that sent it."""
    types = ctx.settings.lexicon.get("event_types", {})

    def at_hospital(r: Profile) -> bool:
        opening = r.headline_events - r.outcome_events
        return "hospital" in opening or "hospital" in classify(r.entry.agency.lower(), types)

    p_at, q_at = at_hospital(p), at_hospital(q)
    if p_at == q_at:
        return False
    return b > a if q_at else a > b


def _cue_partner(
    ctx: IncidentContext,
    family: str,
    kind: str,
    keep: Callable[[Profile], bool] | None,
    conf: float,
) -> list[Finding]:
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
            out.append(
                Finding(kind, (p, *partners), claim, conf, _cue_sides(p, phrases[0], partners))
            )
    return out


def _cue_sides(p: Profile, phrase: str, partners: list[Profile]) -> tuple[Side, ...]:
    """The cue-bearing row's own sentence, against what each partner opens with."""
    return ((p, quoted(p, phrase)), *((q, f"“{opening(q)}”") for q in partners))


def denials(ctx: IncidentContext) -> list[Finding]:
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
        # Then the rows asserting the act no later than the denial (a denial or retraction
        # answers what was already said), up to `cue_partners` in all.
        earlier = ctx.partners(
            p,
            keep=lambda q, p=p, first=accusing: asserts(q) and q not in first and _not_later(q, p),
        )
        partners = accusing + earlier
        partners = partners[: ctx.rules.cue_partners]
        if partners:
            claim = (
                quote(p, phrases[0]) + "; against " + ", ".join(describe_entry(q) for q in partners)
            )
            sides = _cue_sides(p, phrases[0], partners)
            out.append(Finding("account", (p, *partners), claim, 0.6, sides))
    return out


def _not_later(q: Profile, p: Profile) -> bool:
    return q.start is None or p.start is None or q.start <= p.start


def contrasts(ctx: IncidentContext) -> list[Finding]:
    """Reviewers' contrast words ('although', 'misquoted') point at a disagreement."""
    return _cue_partner(ctx, "contrast", "other", None, 0.45)


def identities(ctx: IncidentContext) -> list[Finding]:
    """Explicit misidentification, or two entries each naming a person no other entry names."""
    out = _misidentifications(ctx)
    counts: dict[str, int] = {}
    for p in ctx.group:
        for person in p.people:
            counts[person] = counts.get(person, 0) + 1
    floor = ctx.rules.identity_min_similarity
    for i, p in enumerate(ctx.group):
        for q in ctx.group[i + 1 :]:
            only_p = {x for x in p.people - q.people if counts[x] == 1}
            only_q = {x for x in q.people - p.people if counts[x] == 1}
            if not (only_p and only_q and p.people & q.people):
                continue
            if ctx.similarity(p, q) >= floor or ctx.date_level(p, q) == "mentioned":
                claim = (
                    f"{describe_entry(p)} names {', '.join(sorted(only_p))} where "
                    f"{describe_entry(q)} names {', '.join(sorted(only_q))}"
                )
                sides = (
                    (p, f"names {', '.join(sorted(only_p))}"),
                    (q, f"names {', '.join(sorted(only_q))}"),
                )
                out.append(Finding("identity", (p, q), claim, 0.45, sides))
    out.extend(_lone_names(ctx, counts))
    return out


def _misidentifications(ctx: IncidentContext) -> list[Finding]:
    """A row saying someone was recorded wrongly ("R was erroneously recorded as the victim"),
    set against the rows most like it. A partner that records the same person in the same role
    ("R (victim)") says the same thing about that person: the row is then a finding about the
    record, not people differing, and is marked as a finding."""
    out = []
    for p in ctx.group:
        phrases = ctx.readings[p.index].cues.get("identity")
        if not phrases:
            continue
        partners = ctx.partners(p)
        agreeing = {q.index: _same_person_in_role(ctx, p, q, phrases) for q in partners}
        same = [q for q in partners if agreeing[q.index]]
        differ = [q for q in partners if not agreeing[q.index]]
        for kind, chosen, confidence in (("identity", differ, 0.8), ("other", same, 0.5)):
            if chosen:
                claim = (
                    quote(p, phrases[0])
                    + ("; against " if kind == "identity" else "; recorded the same way by ")
                    + ", ".join(describe_entry(q) for q in chosen)
                )
                sides = _cue_sides(p, phrases[0], chosen)
                if kind == "other":  # what each partner records about the person
                    sides = (sides[0], *((q, quoted(q, agreeing[q.index])) for q in chosen))
                out.append(Finding(kind, (p, *chosen), claim, confidence, sides))
    return out


def _same_person_in_role(
    ctx: IncidentContext, p: Profile, q: Profile, phrases: tuple[str, ...]
) -> str:
    """The sentence of `q` naming a person that a misidentification sentence of `p` names, in
    the same recorded role (victim, suspect...) as that sentence; '' when there is none."""
    roles = ctx.settings.lexicon.get("recorded_roles", [])
    for sentence in sentences(p.text):
        if not any(phrase in sentence for phrase in phrases):
            continue
        named = {x for x in p.people & q.people if _word_in(x, sentence)}
        given = {r for r in roles if _word_in(r, sentence)}
        if named and given:
            for other in sentences(q.text):
                if any(_word_in(x, other) for x in named) and any(
                    _word_in(r, other) for r in given
                ):
                    return other
    return ""


def _word_in(word: str, text: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(word.lower())}(?![\w])", text) is not None


def _lone_names(ctx: IncidentContext, counts: dict[str, int]) -> list[Finding]:
    """A row naming, by a single letter, someone no other row names, in place of the person
    the other rows name ("Child E" where every other account says "Child D"): recorded wrongly,
    or a different person. Only where most of at least three other rows name that person."""
    out: list[Finding] = []
    others = len(ctx.group) - 1
    if others < 3:
        return out
    for q in ctx.group:
        lone = {x for x in q.people if counts[x] == 1 and len(x) == 1}
        usual = {
            y
            for y, n in counts.items()
            if len(y) == 1 and y not in q.people and n * 2 > others and n >= 3
        }
        if not lone or not usual or not q.people - lone:
            continue
        named = [p for p in ctx.group if p is not q and p.people & usual]
        best = max(named, key=lambda p: (ctx.similarity(p, q), p.entry.entry_id))
        claim = (
            f"{describe_entry(q)} names {', '.join(sorted(lone))} where the other accounts "
            f"name {', '.join(sorted(usual))}"
        )
        sides = (
            (q, f"names {', '.join(sorted(lone))}"),
            (best, f"names {', '.join(sorted(usual))}"),
        )
        out.append(Finding("identity", (q, best), claim, 0.5, sides))
    return out


ALL: tuple[Callable[[IncidentContext], list[Finding]], ...] = (
    dates,
    stated_dates,
    earlier_dates,
    times,
    denials,
    contrasts,
    identities,
    statuses,
    attributions,
    injuries,
    locations,
    oppositions,
    counts,
    rooms,
)

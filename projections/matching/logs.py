"""Which rows of one agency make one log: a reference's rows chained in time, and a hospital stay.

**A reference's run.** A police log's follow-ups come every few days for weeks (the report, the
arrest, the interview, the charging decision): two of its rows may be a fortnight apart while
no step between them is. So an agency's rows giving one reference are read in date order, and
each row continues the run of the one before unless more than `ref_max_gap_days` lie between
them; two rows of one run are one log, two runs of one reference (a case number given again a
year later) are not.

**A hospital stay.** A ward writes its own rows about one admission (clerking, ward rounds, a
tissue-viability review, the discharge) on different days and in different words, and seldom
repeats the attendance number on each: compared two at a time they look like separate contacts
of one agency days apart. Read in the agency's own order they are one stay, as its staff would
read them. So a row saying the person was admitted opens a stay, the agency's next rows belong
to it, and the first row saying the person left (discharged, died, transferred) closes it. Both
are read in what a row says it did (its first words), not in what it reports ("Contact from the
hospital: Mr D admitted 19/06"). A stay with no such row within the longest incident is not a
stay (a hostel's "Admission - Rm 12" starts a tenancy, and no discharge follows).

Two rows of one stay are one log to the scoring, whatever reference each gives (a hospital often
gives the patient's number, or none). The stay is not a reference the agency gave: the rules
that read how an agency uses its references do not see it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from projections.matching.facts import MatchSettings
from projections.matching.lexicon import Phrases, phrase_pattern
from projections.matching.profile import Profile
from projections.matching.text import normalise

# How many first words of a row's kind, account and outcome say what the row itself did.
_OPENING_WORDS = 4


def same_stay(p: Profile, q: Profile) -> bool:
    """Two rows of one agency's one hospital stay."""
    return p.stay is not None and p.stay == q.stay and p.entry.agency == q.entry.agency


def with_logs(profiles: list[Profile], settings: MatchSettings) -> list[Profile]:
    """The profiles with each referenced row's run and each stay's rows marked (copies: the
    cached profiles stay as built)."""
    return _with_stays(_with_runs(profiles, settings.date_rules.ref_max_gap_days), settings)


def _with_runs(profiles: list[Profile], gap_days: int) -> list[Profile]:
    """Each dated row with a reference given the number of its run among its agency's rows of
    that reference (0, 1, ...)."""
    by_log: dict[tuple[str, str], list[Profile]] = {}
    for p in profiles:
        if p.ref and p.start is not None and p.end is not None:
            by_log.setdefault((p.entry.agency, p.ref), []).append(p)
    out = list(profiles)
    for rows in by_log.values():
        rows.sort(key=lambda p: (p.start, p.entry.file_name, p.entry.row))
        run, reach = 0, rows[0].end
        for p in rows:
            assert p.start is not None and p.end is not None and reach is not None
            if (p.start - reach).days > gap_days:
                run += 1
            reach = max(reach, p.end)
            out[p.index] = replace(out[p.index], log_run=run)
    return out


def _with_stays(profiles: list[Profile], settings: MatchSettings) -> list[Profile]:
    """Each row of a stay given it ("admitted 16/02/2023")."""
    opens = phrase_pattern(settings.lexicon.get("stay_opens", []))
    closes = phrase_pattern(settings.lexicon.get("stay_closes", []))
    if opens is None or closes is None:
        return profiles
    longest = settings.date_rules.max_incident_span_days
    by_agency: dict[str, list[Profile]] = {}
    for p in profiles:
        if p.day_level and p.start is not None:
            by_agency.setdefault(p.entry.agency, []).append(p)
    out = list(profiles)
    for rows in by_agency.values():
        rows.sort(key=lambda p: (p.start, p.entry.file_name, p.entry.row))
        for stay in _stays(rows, opens, closes, longest):
            key = f"admitted {(stay[0].start or date.min):%d/%m/%Y}"
            for p in stay:
                out[p.index] = replace(out[p.index], stay=key)
    return out


def _stays(
    rows: Sequence[Profile], opens: Phrases, closes: Phrases, longest: int
) -> list[list[Profile]]:
    """One agency's stays, its rows in date order: each from a row that opens one to the first
    row that closes it, within `longest` days."""
    found: list[list[Profile]] = []
    current: list[Profile] = []
    for p in rows:
        said = _opening_words(p)
        opening, closing = bool(opens.search(said)), bool(closes.search(said))
        if current:
            assert current[0].start is not None and p.start is not None
            if (p.start - current[0].start).days > longest:
                current = []  # no discharge within the longest incident: not a stay
            else:
                current.append(p)
                if closing:
                    found.append(current)
                    current = []
                continue
        if opening and not closing:
            current = [p]
    return found


def _opening_words(p: Profile) -> str:
    """What a row says it did, in the first words of its kind, account and outcome: a ward's
    "Admitted from ED", an ED's outcome "Admit Ward 7". Further in, "admitted" is as often a
    report of someone else's admission ("Contact from the hospital: Mr D admitted 19/06")."""
    return " | ".join(
        " ".join(normalise(p.entry.fields.get(name, "")).split()[:_OPENING_WORDS])
        for name in ("event_type", "summary", "action")
    )

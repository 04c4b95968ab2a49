"""Conflicts the chair raises: the decision's rules, and the marker a merge shows for it."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from domain.decisions import DecisionRefusedError, Reconciliation
from domain.questions import CheckedRows, Disagreement, checked_disagreements
from projections.matching import RaisedConflict, merge, raised_key
from projections.matching.facts import Incident
from projections.matching.raised import raised_markers
from tests.unit.matching_entries import entry

DAY = date(2016, 3, 4)
POLICE = entry("p1", "Police", DAY, "Called to the flat: she said he pushed her down the stairs")
HOSPITAL = entry("h1", "Hospital", DAY, "Attended ED: says she fell down the stairs at home")
GP = entry("g1", "GP", date(2016, 9, 20), "Routine review of asthma medication")
ENTRIES = {e.entry_id: e for e in (POLICE, HOSPITAL, GP)}


def raised(kind: str, *rows: str, said: str = "") -> RaisedConflict:
    return RaisedConflict(raised_key(kind, rows), kind, rows, said, "Carys", "2026-12-03T09:00")


def incident(ident: str, *rows: str) -> Incident:
    return Incident(ident, rows, DAY, DAY, "day")


def test_a_raised_conflict_needs_a_known_kind_and_two_different_entries() -> None:
    record = Reconciliation.start(uuid4())

    with pytest.raises(DecisionRefusedError, match="a conflict is one of: date, time"):
        record.raise_conflict(["p1", "h1"], "colour", "", "Carys", "2026-12-03")
    with pytest.raises(DecisionRefusedError, match="at least two different entries"):
        record.raise_conflict(["p1", "p1"], "account", "", "Carys", "2026-12-03")
    record.raise_conflict(["p1", "h1", "p1"], "account", " pushed or fell ", "Carys", "2026-12-03")

    events = [e for e in record.collect_events() if isinstance(e, Reconciliation.ConflictRaised)]
    assert [(e.entry_ids, e.kind, e.description) for e in events] == [
        (["p1", "h1"], "account", "pushed or fell")
    ]


def test_rows_marked_in_a_check_must_be_two_or_more_rows_of_one_incident() -> None:
    kept = CheckedRows(("p1", "h1"), (("g1", "s1"),), ("g1", "s1", "a1"))

    with pytest.raises(DecisionRefusedError, match="not kept: g1"):
        checked_disagreements(kept, [Disagreement(("p1", "g1"), "date")])
    with pytest.raises(DecisionRefusedError, match="not kept: a1"):
        checked_disagreements(kept, [Disagreement(("g1", "a1"), "date")])
    with pytest.raises(DecisionRefusedError, match="at least two rows"):
        checked_disagreements(kept, [Disagreement(("p1", "p1"), "date")])
    checked_disagreements(kept, [Disagreement(("h1", "p1"), "account")])
    checked_disagreements(kept, [Disagreement(("s1", "g1"), "time")])


def test_the_same_kind_on_the_same_rows_is_the_same_marker_whatever_the_order() -> None:
    assert raised_key("account", ["p1", "h1"]) == raised_key("account", ["h1", "p1"])
    assert raised_key("account", ["p1", "h1"]) != raised_key("date", ["p1", "h1"])
    assert raised_key("date", ["p1", "h1"]).startswith("cr-")


def test_a_raised_marker_stands_where_two_of_its_rows_are_one_incident_and_not_elsewhere() -> None:
    together = [incident("inc-a", "p1", "h1"), incident("inc-b", "g1")]
    apart = [incident("inc-a", "p1"), incident("inc-c", "h1"), incident("inc-b", "g1")]
    wide = raised("account", "p1", "h1", "g1", said="pushed, or fell")

    stands = raised_markers(together, [wide], ENTRIES)
    gone = raised_markers(apart, [wide], ENTRIES)

    assert [(m.incident_id, m.entry_ids, m.confidence) for m in stands] == [
        ("inc-a", ("p1", "h1"), 1.0)
    ]
    assert stands[0].explanation == (
        "Account: pushed, or fell\n"
        "Raised by the chair, Carys, on 2026-12-03, between Police (police.csv row 1); "
        "Hospital (hospital.csv row 1)."
    )
    assert gone == []


def test_a_merge_shows_the_raised_marker_beside_the_detectors_and_never_asks_about_it() -> None:
    marked = raised("account", "p1", "h1", said="pushed, or fell")

    result = merge(list(ENTRIES.values()), must_link=[("p1", "h1")], raised=[marked])

    chairs = [c for c in result.conflicts if c.key == marked.key]
    assert [(c.kind, sorted(c.entry_ids)) for c in chairs] == [("account", ["h1", "p1"])]
    assert all(q.conflict_key != marked.key for q in result.questions)

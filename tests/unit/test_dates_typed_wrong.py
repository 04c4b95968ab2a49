"""Rows of one incident whose dates were typed wrong: a day and month swapped is believed on
some wording in common, a year out to the day only with closer proof (anniversaries recur)."""

from __future__ import annotations

from datetime import date

from projections.matching import merge
from tests.unit.matching_entries import entry

POLICE = entry(
    "p1",
    "Police",
    date(2022, 6, 9),
    "Neighbour called: Mrs Kerr says her husband pushed her down the stairs at home.",
)
# The ambulance service's row, typed 06/09 for 09/06, tells the fall in its own words.
AMBULANCE_SWAPPED = entry(
    "a1",
    "Ambulance",
    date(2022, 9, 6),
    "Female pushed on the stairs by husband, pain in left wrist. Conveyed to ED.",
)
AMBULANCE_A_YEAR_OUT = entry(
    "a2", "Ambulance", date(2021, 6, 9), AMBULANCE_SWAPPED.fields["summary"]
)
ROUTINE = [
    entry("g1", "GP", date(2022, 5, 3), "Medication review, no concerns raised."),
    entry("h1", "Housing", date(2022, 7, 14), "Rent account in arrears; letter sent."),
    entry("g2", "GP", date(2022, 10, 20), "Flu vaccination given."),
]


def test_a_day_and_month_swapped_is_one_incident_with_a_date_conflict() -> None:
    result = merge([POLICE, AMBULANCE_SWAPPED, *ROUTINE])

    together = [i.entry_ids for i in result.incidents if "p1" in i.entry_ids]
    dated = [c for c in result.conflicts if c.kind == "date"]
    assert together == [("a1", "p1")]
    assert [c.entry_ids for c in dated] == [("a1", "p1")]
    assert "day and month transposed" in dated[0].explanation


def test_a_year_out_to_the_day_with_wording_only_somewhat_alike_stays_apart() -> None:
    result = merge([POLICE, AMBULANCE_A_YEAR_OUT, *ROUTINE])

    assert [i.entry_ids for i in result.incidents if "p1" in i.entry_ids] == [("p1",)]

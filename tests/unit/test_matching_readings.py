"""What the matcher reads out of a record's words: dates it looks back to, counts, people."""

from __future__ import annotations

from datetime import date

from projections.matching import load_settings
from projections.matching.cues import _counts
from projections.matching.text import mentioned_dates, people

LEXICON = load_settings().lexicon
THINGS = LEXICON["counted_things"]
NOT_PEOPLE = frozenset(LEXICON["person_exclusions"])
WRITTEN = date(2021, 6, 15)


def test_last_night_yesterday_and_days_ago_count_back_from_the_records_own_date() -> None:
    assert mentioned_dates("She said there was a row last night.", WRITTEN) == (date(2021, 6, 14),)
    assert mentioned_dates("Seen yesterday by the GP.", WRITTEN) == (date(2021, 6, 14),)
    assert mentioned_dates("He fell four days ago.", WRITTEN) == (date(2021, 6, 11),)
    assert mentioned_dates("Injured 3 days earlier.", WRITTEN) == (date(2021, 6, 12),)


def test_a_day_and_month_without_a_year_is_a_date_only_after_a_word_that_makes_it_one() -> None:
    assert mentioned_dates("Visit after the incident on 13/06.", WRITTEN) == (date(2021, 6, 13),)
    assert mentioned_dates("Follow-up of 20/12.", WRITTEN) == (date(2020, 12, 20),)
    assert mentioned_dates("Scored 3/4 on the screening tool.", WRITTEN) == ()


def test_counts_of_the_same_thing_are_read_with_a_word_between() -> None:
    assert _counts("three children present in the house", THINGS) == {
        "children": (3, "three children")
    }
    assert _counts("two young children were asleep", THINGS)["children"][0] == 2
    assert _counts("2 officers attended", THINGS) == {"officers": (2, "2 officers")}


def test_labels_and_contradictory_counts_in_one_row_are_not_counts() -> None:
    assert _counts("section 47 enquiry; flat 2 officers", THINGS) == {}
    assert _counts("one child, later three children", THINGS) == {}


def test_a_possessive_names_the_person() -> None:
    assert people("A bruise to Child C's cheek.", (), NOT_PEOPLE) == frozenset({"C"})


def test_a_weekday_and_last_week_look_back_from_the_records_own_date() -> None:
    monday = date(2018, 3, 12)

    assert mentioned_dates("Assaulted on Saturday night.", monday) == (date(2018, 3, 10),)
    assert mentioned_dates("He hit her last Monday.", monday) == (date(2018, 3, 5),)
    assert date(2018, 3, 4) in mentioned_dates("Assaulted her last week.", monday)

"""The linkage model: priors fitted from labelled reviews, moved by each review's own records
(projections/matching/model.py, levels.py, names.py)."""

from __future__ import annotations

import random
import string
from datetime import date, timedelta

from benchmarks.synthetic_review import SyntheticReview, generate
from projections.matching import EntryFacts, load_settings, merge, review_model
from projections.matching.levels import NO_EVIDENCE, monotone
from projections.matching.names import review_names
from projections.matching.profile import build_profile
from tests.fixture_entries import read_files
from tests.unit.matching_entries import entry

SETTINGS = load_settings()


def read_review(review: SyntheticReview) -> list[EntryFacts]:
    """A synthetic review's files read by intake, as the merged projection reads them."""
    return read_files({name: (review.agencies[name], data) for name, data in review.files.items()})


def varied_entries(count: int) -> list[EntryFacts]:
    """Records whose wording shares little by chance: each draws its words from a large
    vocabulary (made-up words), as free-text narratives by different writers do."""
    rng = random.Random(4)
    vocabulary = [
        "".join(rng.choice(string.ascii_lowercase) for _ in range(7)) for _ in range(3000)
    ]
    start = date(2015, 1, 1)
    return [
        entry(
            f"v{i:04d}",
            rng.choice(["Police", "Hospital", "Housing", "GP"]),
            start + timedelta(days=rng.randrange(900)),
            " ".join(rng.choice(vocabulary) for _ in range(rng.randint(8, 25))),
        )
        for i in range(count)
    ]


def test_templated_records_make_close_wording_worth_less_than_the_prior_says() -> None:
    templated = review_model(read_review(generate(1000, seed=2))).weights["text"]

    assert templated["high"] < SETTINGS.weights["text"]["high"]


def test_varied_records_make_shared_wording_worth_more_than_templated_ones() -> None:
    varied = review_model(varied_entries(600)).weights["text"]
    templated = review_model(read_review(generate(1000, seed=2))).weights["text"]

    assert varied["good"] > templated["good"] + 1
    assert varied["high"] >= SETTINGS.weights["text"]["high"]


def test_a_review_that_names_many_households_makes_other_people_strong_evidence_apart() -> None:
    # In the synthetic review every record names two of many people: two records of
    # different incidents rarely name the same person, so naming others weighs far apart.
    weights = review_model(read_review(generate(1000, seed=2))).weights["people"]

    assert weights["disjoint"] < SETTINGS.weights["people"]["disjoint"] - 0.5
    assert weights["overlap"] > SETTINGS.weights["people"]["overlap"] + 1


def test_a_short_review_keeps_the_priors() -> None:
    assert review_model(varied_entries(60)).weights == SETTINGS.weights


def test_a_level_with_nothing_to_compare_is_no_evidence() -> None:
    estimated = review_model(read_review(generate(1000, seed=2)))

    assert estimated.weights["time"]["missing"] == 0.0
    assert estimated.weights["people"]["unknown"] == 0.0
    assert all(SETTINGS.weights[f][level] == 0.0 for f, level in NO_EVIDENCE.items())


def test_ordered_levels_never_weigh_more_further_down() -> None:
    made = monotone({"text": {"high": 1.0, "good": 2.0, "some": 0.5, "low": 0.0, "none": -1.0}})

    assert made["text"] == {"high": 1.5, "good": 1.5, "some": 0.5, "low": 0.0, "none": -1.0}


def test_the_merge_names_the_model_it_used() -> None:
    entries = read_review(generate(400, seed=3))

    result = merge(entries)

    assert result.weights == review_model(entries).weights
    assert result.link_threshold == SETTINGS.link_threshold


def test_names_are_words_written_capitalised_wherever_they_stand() -> None:
    rows = [
        entry("e1", "Police", date(2021, 5, 8), "Update: Hannah says Dean pushed her. PC Lowe."),
        entry("e2", "Hospital", date(2021, 5, 8), "Seen with Hannah; no update on the police."),
        entry("e3", "School", date(2021, 5, 10), "Mia said DEAN was shouting on Saturday."),
        entry("e4", "GP", date(2021, 5, 11), "Telephone call from Dean about Mia."),
    ]
    staffed = [
        e
        if e.entry_id != "e1"
        else EntryFacts(**{**e.__dict__, "fields": {**e.fields, "staff": "PC Lowe"}})
        for e in rows
    ]
    profiles = [build_profile(i, e, (), SETTINGS) for i, e in enumerate(staffed)]

    names = review_names(profiles)

    # "Update" is written in lower case elsewhere, "Saturday" is a day, Lowe is staff.
    assert names == [
        frozenset({"hannah", "dean"}),
        frozenset({"hannah"}),
        frozenset({"mia", "dean"}),
        frozenset({"dean", "mia"}),
    ]


def test_the_words_of_a_place_column_name_places_not_people() -> None:
    def at(e: EntryFacts, place: str) -> EntryFacts:
        return EntryFacts(**{**e.__dict__, "fields": {**e.fields, "location": place}})

    rows = [
        at(
            entry("e1", "Ambulance", date(2021, 5, 8), "Crew to Hannah, fallen on the stairs."),
            "Flat 14 Marsh Court, Haverleigh",
        ),
        at(
            entry("e2", "Police", date(2021, 5, 8), "Hannah says Dean pushed her on the stairs."),
            "Marsh Court, Haverleigh",
        ),
        at(
            entry("e3", "Housing", date(2021, 5, 9), "Dean reported the stair light broken."),
            "Dean's flat, Marsh Court",
        ),
        entry("e4", "GP", date(2021, 5, 11), "Hannah seen about her wrist; lives in Haverleigh."),
    ]
    profiles = [build_profile(i, e, (), SETTINGS) for i, e in enumerate(rows)]

    names = review_names(profiles)

    # "Marsh" and "Haverleigh" are where things happened; "Dean's flat" still names Dean.
    assert names == [
        frozenset({"hannah"}),
        frozenset({"hannah", "dean"}),
        frozenset({"dean"}),
        frozenset({"hannah"}),
    ]

"""A second, invented review with its own ground truth, to show the matching rules are general.

Other agencies, headers, delimiters, pseudonyms ("Adult A", "Mr B", "Ms C"), words and dates
than DHR 7; read through the product's intake like a real upload. It exercises each rule
added for DHR 7: a time difference on one call, injury sites, a denial, an investigator's
file misdated by a year (one row matched on time and wording, its neighbour only on rare
shared terms), a status disagreement, and a later interview that names another woman for a
disturbance it dates in its text. Distractors: an anniversary contact with other words, and a
court result and a clinic review that stand alone.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from projections.evaluation import Evaluation, evaluate, format_report
from projections.matching import EntryFacts, PersonAlias, merge
from tests.fixture_entries import read_files

PEOPLE = (
    PersonAlias("Adult A", aliases=("Ms A",)),
    PersonAlias("Mr B", role="partner"),
    PersonAlias("Ms C"),
)

FILES: dict[str, tuple[str, str]] = {
    "constabulary.csv": (
        "County Constabulary",
        "Occurred On|Call Time|Log Number|Persons Involved|Narrative|Disposal\n"
        "14/03/2019|2210|CC-19-0311|Adult A; Mr B|999 call from Adult A: Mr B punched her at "
        "their home address. Officers attended; cut above her eye.|Mr B arrested for "
        "assault.\n"
        "15/03/2019|0930|CC-19-0311|Mr B|Mr B interviewed under caution: denies assault, says "
        "Adult A fell against a door.|Released under investigation. Referral form submitted "
        "to the safeguarding hub.\n"
        "20/04/2019|0140|CC-19-0502|Adult A; Mr B|Neighbour reports shouting and a woman "
        "screaming at Mr B's flat. Officers spoke with Mr B and Adult A at the flat; Adult A "
        "had a swollen lip and would not say how.|No offences disclosed.\n"
        "02/06/2019|||Mr B|Magistrates court: Mr B convicted of common assault; community "
        "order and restraining order.|\n"
        "14/03/2020|1000|CC-20-0101|Adult A|Adult A attends front counter to report a lost "
        "bank card.|Lost property report.\n"
        "08/11/2020|0312|CC-20-0877|Adult A; Mr B|Adult A called 999 saying Mr B was kicking "
        "the door of her flat in breach of the restraining order.|Mr B arrested for breach; "
        "remanded.\n",
    ),
    "ambulance_service.csv": (
        "Regional Ambulance Service",
        "Date of Call,Time of Call,Incident Number,Description,Outcome\n"
        "2019-03-14,22:19:00,AMB-7781,999 call from Adult A reporting she was punched by her "
        "partner Mr B; cut above eye.,Crew attended home address; conveyed to ED.\n"
        "2020-11-08,03:20:00,AMB-9120,Crew attended flat of Adult A after police request; "
        "kicking at the door reported.,Not conveyed.\n",
    ),
    "acute_trust.csv": (
        "Acute Trust",
        "Date Seen,Time,Patient,Presenting Complaint,Plan\n"
        "14/03/2019,23:40,Adult A,Attended ED by ambulance after assault: laceration to "
        "forehead.,Wound glued; discharged home.\n"
        "09/07/2019,10:15,Adult A,Fracture clinic review of old wrist fracture.,Discharged "
        "from clinic.\n",
    ),
    "housing_association.csv": (
        "Housing Association",
        "Contact Date,Type of Contact,Notes,Next Steps\n"
        '03/05/2019,Tenancy interview,"Interview with Mr B about the disturbance on 20 April '
        'at his flat: says the woman there was his ex-partner Ms C.",Warning '
        "letter.\n",
    ),
    "professional_standards.csv": (
        "Professional Standards",
        "Date,Time,Finding,Observations\n"
        "14/03/2018,22:10,999 call handling,999 call from Adult A reporting Mr B punched her; "
        "officers attended the home address.\n"
        "15/03/2018,,Referral not received,Log records the referral form as submitted to the "
        "safeguarding hub; no referral form was received by the hub.\n",
    ),
}

TRUTH: dict[str, Any] = {
    "incidents": [
        {
            "id": "S1",
            "entries": [
                ["constabulary.csv", 1],
                ["constabulary.csv", 2],
                ["ambulance_service.csv", 1],
                ["acute_trust.csv", 1],
                ["professional_standards.csv", 1],
                ["professional_standards.csv", 2],
            ],
        },
        {"id": "S2", "entries": [["constabulary.csv", 3], ["housing_association.csv", 1]]},
        {"id": "S3", "entries": [["constabulary.csv", 4]]},
        {"id": "S4", "entries": [["constabulary.csv", 5]]},
        {"id": "S5", "entries": [["constabulary.csv", 6], ["ambulance_service.csv", 2]]},
        {"id": "S6", "entries": [["acute_trust.csv", 2]]},
    ],
    "conflicts": [
        {
            "id": "K1",
            "kind": "time",
            "entries": [["constabulary.csv", 1], ["ambulance_service.csv", 1]],
            "description": "22:10 against 22:19 for the same 999 call",
        },
        {
            "id": "K2",
            "kind": "account",
            "entries": [
                ["constabulary.csv", 1],
                ["ambulance_service.csv", 1],
                ["acute_trust.csv", 1],
            ],
            "description": "cut above the eye (police, ambulance) against a laceration to the "
            "forehead (hospital)",
        },
        {
            "id": "K3",
            "kind": "account",
            "entries": [["constabulary.csv", 1], ["constabulary.csv", 2]],
            "description": "punched against a denial (fell against a door)",
        },
        {
            "id": "K4",
            "kind": "date",
            "entries": [
                ["constabulary.csv", 1],
                ["ambulance_service.csv", 1],
                ["professional_standards.csv", 1],
            ],
            "description": "the standards file dates the call a year early",
        },
        {
            "id": "K5",
            "kind": "status",
            "entries": [["constabulary.csv", 2], ["professional_standards.csv", 2]],
            "description": "referral form submitted against never received",
        },
        {
            "id": "K6",
            "kind": "identity",
            "entries": [["constabulary.csv", 3], ["housing_association.csv", 1]],
            "description": "officers saw Adult A; Mr B says it was Ms C",
        },
    ],
}


def synthetic_review_entries() -> list[EntryFacts]:
    """The files above read by intake and turned into matcher input as the product does."""
    entries = read_files(
        {name: (agency, text.encode("utf-8")) for name, (agency, text) in FILES.items()}
    )
    assert all(e.earliest is not None for e in entries)
    return entries


@pytest.fixture(scope="module")
def synthetic_evaluation() -> Evaluation:
    entries = synthetic_review_entries()
    return evaluate(merge(entries, people=PEOPLE), entries, TRUTH)


def test_synthetic_review_is_read_by_intake_into_thirteen_dated_entries() -> None:
    entries = synthetic_review_entries()

    assert len(entries) == 13 and all(e.earliest is not None for e in entries)


def test_synthetic_review_grouping_reaches_pairwise_f1_of_0_65(
    synthetic_evaluation: Evaluation,
) -> None:
    f1 = synthetic_evaluation.pair_f1

    # The hand-set weights this review was written against reached 0.90; the model fitted
    # on the training reviews (docs/matching.md) keeps the police interview of the next day
    # and the investigator's misdated second row apart from the call (the investigator's
    # file is a year out, and the pairs across the two years weigh against joining).
    assert f1 >= 0.65, format_report(synthetic_evaluation)


def test_synthetic_review_finds_five_of_its_six_conflicts(
    synthetic_evaluation: Evaluation,
) -> None:
    found = synthetic_evaluation.conflicts_found

    assert found >= 5, format_report(synthetic_evaluation)


def test_synthetic_review_conflict_precision_reaches_0_70(
    synthetic_evaluation: Evaluation,
) -> None:
    precision = synthetic_evaluation.conflict_precision

    assert precision >= 0.70, format_report(synthetic_evaluation)


def test_anniversary_contact_with_other_words_stays_apart_from_the_assault() -> None:
    entries = synthetic_review_entries()

    result = merge(entries, people=PEOPLE)

    together = [i for i in result.incidents if "constabulary.csv#5" in i.entry_ids]
    assert together[0].entry_ids == ("constabulary.csv#5",)
    assert date(2020, 3, 14) == together[0].earliest

"""The general rules added for restated dates, misdated files, time and identity conflicts,
each shown on a few invented rows (and shown to stay quiet where the signal is absent)."""

from __future__ import annotations

from datetime import date, timedelta

from projections.matching import EntryFacts, PersonAlias, merge
from tests.unit.matching_entries import entry


def together(result_ids: list[tuple[str, ...]], a: str, b: str) -> bool:
    return any(a in group and b in group for group in result_ids)


PEOPLE = (PersonAlias("Mr D"), PersonAlias("Ms E"), PersonAlias("Ms F"))
DISTURBANCE = entry(
    "p1",
    "Constabulary",
    date(2021, 7, 3),
    "Officers attended a disturbance at Mr D's house and spoke with Mr D and Ms E; Ms E had a "
    "bruised cheek and declined to explain it.",
    time="01:15",
    reference="LOG-2107-0033",
)


def test_later_interview_naming_the_incident_date_joins_it_despite_other_words() -> None:
    interview = entry(
        "h1",
        "Landlord",
        date(2021, 7, 19),
        "Tenancy meeting with Mr D about the incident on 3 July: he said the visitor that night "
        "was his former partner Ms F.",
        row=4,
    )

    result = merge([DISTURBANCE, interview], people=PEOPLE)

    assert together([i.entry_ids for i in result.incidents], "p1", "h1")
    assert "identity" in {c.kind for c in result.conflicts}


def test_later_row_without_the_date_in_its_text_stays_apart() -> None:
    interview = entry(
        "h1",
        "Landlord",
        date(2021, 7, 19),
        "Tenancy meeting with Mr D about rent arrears: he said his former partner Ms F visits.",
        row=4,
    )

    result = merge([DISTURBANCE, interview], people=PEOPLE)

    assert not together([i.entry_ids for i in result.incidents], "p1", "h1")


FILLER_WORDS = (
    "Officer visit to Ms E at her flat, no reply, card left",
    "Phone call to Ms E: declined support, will call back tomorrow morning",
    "Mr D seen at the flat by the officer; no concerns raised",
    "Ms E attended the clinic; routine review, no concerns",
    "Letter sent to Ms E offering an appointment next week",
    "Mr D reported his phone lost; crime reference given",
)


def _fillers() -> list[EntryFacts]:
    """Routine rows on other days, so the review's common words weigh little (as in a real
    review, where IDF is taken over many rows)."""
    return [
        entry(f"f{i:02d}", "Outreach", date(2020 + i % 2, 5 + i % 6, 1 + i), text, row=10 + i)
        for i, text in enumerate(FILLER_WORDS * 3)
    ]


def _misdated_pair(second_summary: str) -> list[EntryFacts]:
    return [
        *_fillers(),
        entry(
            "p1",
            "Constabulary",
            date(2021, 3, 9),
            "Emergency call from Ms E: Mr D smashed the kitchen window and threatened her.",
            time="20:41",
            reference="LOG-2103-0410",
        ),
        entry(
            "p2",
            "Constabulary",
            date(2021, 3, 11),
            "Log update: safeguarding notification emailed to the hub. Officer tried to visit "
            "Ms E at her sister's flat, no reply; will try again tomorrow morning.",
            reference="LOG-2103-0410",
            row=2,
        ),
        entry(
            "r1",
            "Reviewer",
            date(2020, 3, 9),
            "Emergency call from Ms E: Mr D smashed the kitchen window and threatened her.",
            time="20:41",
        ),
        entry("r2", "Reviewer", date(2020, 3, 11), second_summary, row=2),
    ]


def test_year_out_row_sharing_only_common_words_stays_another_year() -> None:
    rows = _misdated_pair("Annual review letter sent to Ms E.")

    result = merge(rows, people=PEOPLE)

    assert not any(c.kind == "date" and {"p2", "r2"} <= set(c.entry_ids) for c in result.conflicts)


def test_summary_row_minutes_from_the_call_it_summarises_is_a_time_conflict() -> None:
    call = entry(
        "a1",
        "Ambulance",
        date(2022, 1, 5),
        "Emergency call from Mr D: states Ms E stabbed him; line cut off.",
        time="02:54",
        reference="AMB-22-118",
    )
    summary = entry(
        "p1",
        "Constabulary",
        date(2022, 1, 5),
        "Ambulance service received an emergency call from Mr D saying Ms E stabbed him.",
        time="02:45",
    )

    result = merge([call, summary], people=PEOPLE)

    assert [c.kind for c in result.conflicts] == ["time"]


def test_two_moments_of_one_night_an_hour_and_a_half_apart_are_not_a_time_conflict() -> None:
    call = entry(
        "a1",
        "Ambulance",
        date(2022, 1, 5),
        "Emergency call from Mr D: states Ms E stabbed him; line cut off.",
        time="02:54",
        reference="AMB-22-118",
    )
    later = entry(
        "p1",
        "Constabulary",
        date(2022, 1, 5),
        "Ambulance service asks police to attend: emergency call from Mr D, Ms E stabbed him.",
        time="04:25",
    )

    result = merge([call, later], people=PEOPLE)

    assert "time" not in {c.kind for c in result.conflicts}


def test_a_form_sent_and_the_same_form_never_received_a_week_later_are_one_occurrence() -> None:
    sent = entry(
        "n1",
        "Nursery",
        date(2021, 2, 23),
        "Child C arrived with bruising to his cheek.",
        subjects="Child C",
        action="MASH referral submitted.",
    )
    never = entry(
        "c1",
        "Social Care",
        date(2021, 3, 1),
        "Contact from the health visitor about Child C's cheek. No referral from the nursery "
        "has been received.",
        subjects="Child C",
    )

    result = merge([sent, never])

    assert together([i.entry_ids for i in result.incidents], "n1", "c1")
    assert "status" in {c.kind for c in result.conflicts}


def test_an_outcome_referral_does_not_split_a_row_from_the_account_it_follows() -> None:
    call = entry(
        "p1", "Police", date(2021, 6, 13), "Ms M called 999: Mr P punched her at home.",
        time="22:40",
    )  # fmt: skip
    visit = entry(
        "h1",
        "Health Visiting",
        date(2021, 6, 13),
        "Home visit: Ms M says Mr P punched her at home tonight.",
        action="Referred to the DA service.",
    )

    result = merge([call, visit])

    assert together([i.entry_ids for i in result.incidents], "p1", "h1")


def test_a_lone_row_a_year_out_from_an_incident_of_the_same_people_and_kind_is_misdated() -> None:
    call = entry(
        "p1",
        "Police",
        date(2021, 6, 13),
        "Ms M called 999: Mr P punched her during an argument at home. Mr P arrested.",
        time="22:40",
    )
    crew = entry(
        "a1", "Ambulance", date(2021, 6, 13), "Assault at home; police on scene.", time="22:48"
    )
    lone = entry(
        "h1",
        "Housing",
        date(2020, 6, 13),
        "Neighbour reported shouting late at night and police attending; Mr P arrested.",
    )

    result = merge([call, crew, lone])

    assert together([i.entry_ids for i in result.incidents], "p1", "h1")
    assert "date" in {c.kind for c in result.conflicts}


def test_a_row_a_year_out_with_company_of_its_own_is_its_own_occurrence() -> None:
    call = entry(
        "p1",
        "Police",
        date(2021, 6, 13),
        "Ms M called 999: Mr P punched her during an argument at home. Mr P arrested.",
    )
    last_year = entry(
        "h1",
        "Housing",
        date(2020, 6, 13),
        "Neighbour reported shouting late at night and police attending; Mr P arrested.",
    )
    same_night = entry(
        "p0",
        "Police",
        date(2020, 6, 13),
        "Officers attended a disturbance; Mr P arrested for a public order offence.",
    )

    result = merge([call, last_year, same_night])

    assert not together([i.entry_ids for i in result.incidents], "p1", "h1")


def test_a_hospitals_later_arrival_time_is_the_next_moment_not_a_time_conflict() -> None:
    call = entry(
        "p1",
        "Police",
        date(2016, 3, 14),
        "999 call from Adult A: partner Adult B pushed her down the stairs; injury to left arm.",
        time="01:40",
    )
    arrival = entry(
        "h1",
        "Riverside Hospital Trust",
        date(2016, 3, 14),
        "Injury to left arm; Adult A states she fell down the stairs at home.",
        time="02:35",
    )

    result = merge([call, arrival])

    assert together([i.entry_ids for i in result.incidents], "p1", "h1")
    assert "time" not in {c.kind for c in result.conflicts}
    assert "account" in {c.kind for c in result.conflicts}


def _hour_apart(day: date) -> str:
    call = entry("p1", "Police", day, "999 call: Ms M says Mr P punched her at home.", time="22:40")
    crew = entry(
        "a1", "Ambulance", day, "999 call: female punched by partner at home.", time="21:40"
    )
    result = merge([call, crew])
    return next(c.explanation for c in result.conflicts if c.kind == "time")


def test_an_hour_apart_in_summer_may_be_utc_against_bst_but_not_in_winter() -> None:
    assert "UTC" in _hour_apart(date(2021, 6, 13))
    assert "UTC" not in _hour_apart(date(2021, 1, 13))
    assert "whole-hour difference" in _hour_apart(date(2021, 1, 13))


def test_a_log_of_one_row_joins_the_incident_another_log_of_its_agency_is_part_of() -> None:
    # The police number every log; a public protection notice raised after the discharge has
    # a number of its own that no other row gives. It says nothing of which other police log
    # it goes with, so the hospital's discharge carries it into the assault's incident.
    people = (PersonAlias("Ms E"), PersonAlias("Mr D"))
    day = date(2021, 3, 1)
    rows = [
        entry(
            "p1",
            "Police",
            day,
            "Ms E assaulted by Mr D at home, facial injury, ambulance called",
            time="22:00",
            reference="OCC/21/100",
            row=1,
        ),
        entry(
            "p2",
            "Police",
            day,
            "Mr D arrested at the address for the assault on Ms E",
            time="23:30",
            reference="OCC/21/100",
            row=2,
        ),
        entry(
            "a1",
            "Ambulance",
            day,
            "Ms E facial injury after assault by partner Mr D, conveyed to ED",
            time="22:10",
        ),
        entry(
            "h1", "Hospital", date(2021, 3, 2), "Ms E admitted with facial fracture after assault"
        ),
        entry(
            "h2",
            "Hospital",
            date(2021, 3, 4),
            "Ms E discharged home after repair of facial fracture; police informed",
            row=2,
        ),
        entry(
            "p9",
            "Police",
            date(2021, 3, 5),
            "Hospital report: Ms E discharged after facial fracture repair; PPN raised",
            reference="PPN/21/77",
            row=9,
        ),
    ]
    rows += [
        entry(
            f"f{n}",
            "Police",
            date(2021, 3, 1) + timedelta(days=40 * n),
            f"Noise complaint about a party at a house in another street, number {n}",
            reference=f"OCC/21/{n}00",
            row=10 + n,
        )
        for n in range(3, 9)
    ]

    groups = [i.entry_ids for i in merge(rows, people=people).incidents]

    assert ("a1", "h1", "h2", "p1", "p2", "p9") in groups
    assert all(len(g) == 1 for g in groups if g[0].startswith("f"))


def test_two_calls_of_an_agency_that_numbers_every_call_can_be_one_incident() -> None:
    # An ambulance service gives every call its own number, so a duplicate call about the same
    # patient has a number of its own: two numbers are two calls, not two incidents.
    people = (PersonAlias("Baby N"), PersonAlias("Ms M"))
    day = date(2023, 2, 16)
    rows = [
        entry(
            "a1",
            "Ambulance",
            day,
            "999 call: Baby N fell off the sofa, floppy and vomited; crew on scene, conveyed "
            "to ED with Ms M",
            time="19:42",
            reference="CAD-0457",
            row=5,
        ),
        entry(
            "a2",
            "Ambulance",
            day,
            "Duplicate call: second 999 call from the same address, Ms M says Baby N is not "
            "breathing right; crew already on scene",
            time="19:49",
            reference="CAD-0461",
            row=6,
        ),
        entry(
            "h1",
            "Hospital",
            day,
            "Baby N brought in by ambulance after a fall from the sofa; vomited twice, "
            "irritable; Ms M present",
            time="20:06",
        ),
    ]
    rows += [
        entry(
            f"o{n}",
            "Ambulance",
            date(2022, n, 3),
            f"999 call: Ms M with breathing problems, treated at home, call {n}",
            time="10:00",
            reference=f"CAD-10{n}",
            row=n,
        )
        for n in range(1, 5)
    ]

    groups = [i.entry_ids for i in merge(rows, people=people).incidents]

    assert ("a1", "a2", "h1") in groups
    assert all(len(g) == 1 for g in groups if g[0].startswith("o"))


def test_a_referral_the_gp_sent_and_the_service_received_from_the_gp_is_one_referral() -> None:
    # The service's row opens with "GP e-referral"; the practice's own row never says "GP",
    # because every row of a GP practice is the GP's.
    sent = entry(
        "g1",
        "Moorside GP Practice",
        date(2021, 3, 2),
        "Tel consult. Low mood through lockdown, poor sleep. Referral to talking therapies by "
        "e-referral.",
        event_type="Referral",
    )
    received = entry(
        "t1",
        "Talking Therapies",
        date(2021, 3, 2),
        "GP e-referral received: low mood through lockdown, poor sleep.",
        event_type="Referral received",
        time="09:40",
    )

    result = merge([sent, received])

    assert together([i.entry_ids for i in result.incidents], "g1", "t1")


def test_a_care_agencys_alike_calls_on_two_days_are_two_visits() -> None:
    # The same hour, the same person, nearly the same words: a routine call made each day.
    monday, tuesday = (
        entry(
            f"c{n}",
            "Hearthside Care",
            date(2022, 6, 27 + n),
            f"Lunch call. Made sandwich & soup, Mr D ate {eaten}. Fluids left out. No concerns.",
            time="12:30",
            row=n + 1,
        )
        for n, eaten in enumerate(("all", "most"))
    )

    result = merge([monday, tuesday])

    assert not together([i.entry_ids for i in result.incidents], "c0", "c1")

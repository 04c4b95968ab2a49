"""Conflict detection: each kind of disagreement is flagged on the entries that disagree."""

from __future__ import annotations

from datetime import date

from projections.matching import Conflict, MergeResult, merge
from tests.unit.matching_entries import entry


def kinds(conflicts: list[Conflict]) -> set[str]:
    return {c.kind for c in conflicts}


DAY = date(2015, 5, 30)


def test_a_nine_minute_difference_for_the_same_call_is_a_time_conflict() -> None:
    police = entry(
        "p1",
        "Police",
        DAY,
        "Ambulance service received a 999 call from B, caller distressed, call cut off.",
        time="03:45",
    )
    ambulance = entry(
        "a1",
        "Ambulance",
        DAY,
        "999 call from B: caller distressed, call cut off before triage.",
        time="03:54",
    )

    result = merge([police, ambulance])

    assert "time" in kinds(result.conflicts)


def test_a_whole_hour_difference_is_explained_as_possible_utc_and_bst() -> None:
    police = entry(
        "p1",
        "Police",
        DAY,
        "999 call from B: caller distressed, call cut off, address confirmed.",
        time="03:54",
    )
    ambulance = entry(
        "a1",
        "Ambulance",
        DAY,
        "999 call from B: caller distressed, call cut off, address confirmed.",
        time="04:54",
    )

    result = merge([police, ambulance])

    times = [c for c in result.conflicts if c.kind == "time"]
    assert times and "UTC" in times[0].explanation


def test_denial_against_an_allegation_is_an_account_conflict() -> None:
    neighbour = entry(
        "h1",
        "Housing",
        date(2013, 9, 29),
        "Neighbour report: witnessed B kick a girl in the car park outside his flat.",
        row=1,
    )
    interview = entry(
        "h2",
        "Housing",
        date(2013, 9, 29),
        "Interview with B re neighbour report: B admits an argument but denies assaulting her in "
        "the car park.",
        row=2,
    )

    result = merge([neighbour, interview])

    assert "account" in kinds(result.conflicts)


def test_form_recorded_as_submitted_but_never_received_is_a_status_conflict() -> None:
    police = entry(
        "p1",
        "Police",
        date(2014, 4, 13),
        "B called police; C taken to mother's. Log closed. DIAL submitted to MASH: YES.",
        time="04:18",
    )
    review = entry(
        "i1",
        "Investigator",
        date(2014, 4, 13),
        "Log records that a DIAL was submitted to MASH; no DIAL was received by MASH.",
        time="04:18",
    )

    result = merge([police, review])

    assert "status" in kinds(result.conflicts)


def test_different_doers_of_the_same_injury_are_an_attribution_conflict() -> None:
    hospital = entry(
        "h1",
        "Hospital",
        date(2013, 9, 29),
        "Facial swelling. States a male friend punched her in the face at a party.",
    )
    review = entry(
        "r1",
        "Review",
        date(2013, 9, 29),
        "Her eye was badly swollen: B punched her in the face through the night at the party.",
    )

    result = merge([hospital, review])

    assert "attribution" in kinds(result.conflicts)


def test_explicit_misidentification_against_another_person_recorded_is_an_identity_conflict() -> (
    None
):
    police = entry(
        "p1",
        "Police",
        date(2012, 9, 29),
        "Second neighbour call: female shouting at B's flat. C recorded as victim.",
    )
    review = entry(
        "i1",
        "Investigator",
        date(2012, 9, 29),
        "Second neighbour call: female shouting at B's flat; R was erroneously recorded as the "
        "victim.",
    )

    result = merge([police, review])

    assert "identity" in kinds(result.conflicts)


def test_a_misidentification_both_accounts_record_alike_is_a_finding_not_people_differing() -> None:
    # The police log records R as the victim; the investigator says R was recorded as the
    # victim in error. Both say the same thing about R: the people do not differ.
    police = entry(
        "p1",
        "Police",
        date(2012, 9, 29),
        "Second neighbour call: female shouting at B's flat. Previous partner R recorded as "
        "victim.",
    )
    review = entry(
        "i1",
        "Investigator",
        date(2012, 9, 29),
        "Second neighbour call: female shouting at B's flat; R was erroneously recorded as the "
        "victim although B's partner was C.",
    )

    result = merge([police, review])

    assert result.conflicts
    assert "identity" not in kinds(result.conflicts)
    finding = result.conflicts[0]
    assert finding.kind == "other"
    assert finding.explanation.splitlines()[0].startswith("Finding: Investigator says “")
    assert "R was erroneously recorded as the victim" in finding.explanation
    assert "Previous partner R recorded as victim." in finding.explanation


def test_call_not_from_the_address_against_confirmed_at_that_address_is_a_location_conflict() -> (
    None
):
    ambulance = entry(
        "a1",
        "Ambulance",
        DAY,
        "Police asked whether caller confirmed he was at that address: confirmed, mobile number "
        "checked.",
        time="09:18",
    )
    police = entry(
        "p1",
        "Police",
        DAY,
        "Officers will not force entry: no evidence the call was made from the address; mobile "
        "number not answered.",
        time="09:40",
    )

    result = merge([ambulance, police])

    assert "location" in kinds(result.conflicts)


def test_stab_wound_to_the_chest_against_the_shoulder_is_an_account_conflict() -> None:
    caller = entry(
        "i1",
        "Investigator",
        DAY,
        "999 call recording: caller B said he had been stabbed in the chest by C.",
    )
    account = entry(
        "r1",
        "Review",
        DAY,
        "C stabbed B in the shoulder area during the 999 call; blood everywhere.",
    )

    result = merge([caller, account])

    assert "account" in kinds(result.conflicts)


def test_dates_a_year_apart_in_agreeing_accounts_get_a_date_conflict_with_both_dates() -> None:
    police = entry(
        "p1",
        "Police",
        date(2014, 10, 31),
        "Log status altered from appointment to resolved: grade given in error.",
        time="09:26",
    )
    review = entry(
        "i1",
        "Investigator",
        date(2013, 10, 31),
        "Status altered from appointment to resolved (grade given in error).",
        time="09:26",
    )

    result = merge([police, review])

    dated = [c for c in result.conflicts if c.kind == "date"]
    assert dated and "31/10/2014" in dated[0].explanation and "31/10/2013" in dated[0].explanation


def test_agreeing_accounts_raise_no_conflict() -> None:
    police = entry(
        "p1",
        "Police",
        date(2012, 6, 16),
        "A assaulted by partner B: cut to forehead; taken to hospital by officers.",
    )
    hospital = entry(
        "h1",
        "Hospital",
        date(2012, 6, 16),
        "Brought in by police: assault by partner, cut to forehead.",
    )

    result = merge([police, hospital])

    assert result.conflicts == []


def test_conflict_names_only_the_disagreeing_entries_and_has_a_confidence() -> None:
    police = entry(
        "p1",
        "Police",
        date(2014, 4, 13),
        "B called police; C taken to mother's. DIAL submitted to MASH: YES.",
        time="04:18",
    )
    review = entry(
        "i1",
        "Investigator",
        date(2014, 4, 13),
        "Log records a DIAL was submitted; no DIAL was received by MASH.",
        time="04:18",
    )
    hospital = entry(
        "h1",
        "Hospital",
        date(2014, 4, 13),
        "C attended with B, minor graze; discharged.",
        time="06:10",
    )

    result = merge([police, review, hospital])

    status = [c for c in result.conflicts if c.kind == "status"]
    assert status and set(status[0].entry_ids) == {"p1", "i1"}
    assert 0.0 <= status[0].confidence <= 1.0


def _graded_by_police_and_social_care(social_care_grade: str) -> MergeResult:
    """A police DASH graded MEDIUM and social care's note of the same incident two days on."""
    police = entry(
        "p1",
        "Police",
        date(2021, 3, 6),
        "Attended flat 3 after 999 call: B pushed C against the wall. DASH completed, MEDIUM (11).",
        time="22:40",
    )
    social_care = entry(
        "s1",
        "Children's Social Care",
        date(2021, 3, 8),
        f"PPN received: B pushed C against the wall at flat 3 on 06/03. {social_care_grade}.",
    )
    return merge([police, social_care])


def test_two_agencies_grading_the_same_risk_assessment_differently_is_a_status_conflict() -> None:
    result = _graded_by_police_and_social_care("Police DASH risk: HIGH")

    status = [c for c in result.conflicts if c.kind == "status"]
    assert [c.entry_ids for c in status] == [("p1", "s1")]
    assert "MEDIUM" in status[0].explanation and "HIGH" in status[0].explanation


def test_the_same_risk_grade_written_two_ways_is_no_conflict() -> None:
    result = _graded_by_police_and_social_care("Medium risk")

    assert [i.entry_ids for i in result.incidents] == [("p1", "s1")]
    assert not [c for c in result.conflicts if c.kind == "status"]


def test_a_referral_one_agency_emailed_and_the_other_has_no_record_of_is_a_status_conflict() -> (
    None
):
    bank = entry(
        "b1",
        "Bank",
        date(2022, 2, 1),
        "Safeguarding referral emailed to the council's adult safeguarding team: repeated large "
        "cash withdrawals from the customer's account by a relative.",
    )
    council = entry(
        "c1",
        "Adult Social Care",
        date(2022, 2, 1),
        "Adult safeguarding team checked inbox after the bank's call about large cash "
        "withdrawals by a relative: no record of any referral received.",
    )

    result = merge([bank, council])

    assert [c.entry_ids for c in result.conflicts if c.kind == "status"] == [("b1", "c1")]


def test_a_different_number_of_any_counted_thing_is_a_count_conflict_but_not_of_minutes() -> None:
    nurse = entry(
        "n1",
        "Community Nursing",
        date(2023, 5, 2),
        "Falls review meeting with the GP and the care agency: 4 falls in the last year, "
        "fall clinic referral agreed; meeting lasted 40 minutes.",
    )
    care = entry(
        "a1",
        "Care Agency",
        date(2023, 5, 2),
        "Falls review meeting with the GP and community nursing: 2 falls in the last year, "
        "fall clinic referral agreed; meeting lasted 30 minutes.",
    )

    result = merge([nurse, care])

    counts = [c for c in result.conflicts if c.kind == "count"]
    assert [c.entry_ids for c in counts] == [("a1", "n1")]
    assert "4 falls" in counts[0].explanation and "2 falls" in counts[0].explanation
    assert "minutes" not in counts[0].explanation.splitlines()[0]


def test_kept_outside_by_one_agency_and_inside_by_another_is_a_location_conflict() -> None:
    police = entry(
        "p1",
        "Police",
        date(2022, 3, 12),
        "999 from C: B kicking the front door and shouting. B pushed C in the chest at the door, "
        "then remained outside on the path until he left. B did not enter the address.",
        time="00:40",
    )
    support = entry(
        "d1",
        "Domestic Abuse Service",
        date(2022, 3, 14),
        "C says on Saturday B kicked the front door until she opened it, forced his way in and "
        "pushed her against the wall in the hallway.",
    )

    result = merge([police, support])

    location = [c for c in result.conflicts if c.kind == "location"]
    assert [c.entry_ids for c in location] == [("d1", "p1")]
    assert "did not enter" in location[0].explanation


def test_a_ward_writing_despite_treatment_is_no_finding() -> None:
    # "Despite" is how clinicians write an outcome ("hip pain despite analgesia"), not a
    # reviewer setting one account against another.
    rows = [
        entry(
            "p1",
            "Police",
            DAY,
            "Concern for welfare: elderly male B found on kitchen floor by carer, ambulance called",
            time="07:10",
        ),
        entry(
            "h1",
            "Hospital",
            DAY,
            "B brought in by ambulance, found on kitchen floor by carer, long lie.",
            action="Admitted ward 9",
            time="08:05",
            row=1,
        ),
        entry(
            "h2",
            "Hospital",
            date(2015, 5, 31),
            "Ward round: B confused overnight, hip pain despite analgesia.",
            time="10:00",
            row=2,
        ),
        entry(
            "h3", "Hospital", date(2015, 6, 2), "Discharged home, care package restarted.", row=3
        ),
    ]

    result = merge(rows)

    assert [i.entry_ids for i in result.incidents] == [("h1", "h2", "h3", "p1")]
    assert "other" not in kinds(result.conflicts), result.conflicts


def test_a_relative_dating_the_incident_the_day_before_the_agencies_is_a_date_conflict() -> None:
    police = entry(
        "p1",
        "Police",
        date(2022, 12, 26),
        "IP reports B came to the front door with presents for the children, in breach of bail, "
        "and shouted through the letterbox.",
        time="16:30",
    )
    idva = entry(
        "i1",
        "IDVA",
        date(2022, 12, 26),
        "A rang: B came to the front door with presents for the children and shouted through "
        "the letterbox. Police called.",
    )
    sister = entry(
        "s1",
        "Sister's account",
        date(2022, 12, 25),
        "B turned up at the door with presents for the children and shouted through the letterbox.",
    )
    later = entry(
        "g1",
        "GP",
        date(2022, 12, 28),
        "A seen: anxious after B came to the front door with presents and shouted through the "
        "letterbox.",
    )

    result = merge([police, idva, sister, later])

    assert [i.entry_ids for i in result.incidents] == [("g1", "i1", "p1", "s1")]
    dated = [c for c in result.conflicts if c.kind == "date"]
    assert [set(c.entry_ids) for c in dated] == [{"s1", "p1", "i1"}]
    assert "Sister's account row 1 (25/12/2022) dates it 25/12/2022" in dated[0].explanation


def test_a_row_against_the_day_names_every_agency_that_records_the_day() -> None:
    # Whichever of the rows on the day a reader would check first, the marker holds it.
    on_the_day = [
        entry(
            "p1",
            "Police",
            date(2022, 12, 26),
            "IP reports B came to the front door with presents for the children, in breach of "
            "bail, and shouted through the letterbox.",
            time="16:30",
        ),
        entry(
            "i1",
            "IDVA",
            date(2022, 12, 26),
            "A rang: B came to the front door with presents and shouted through the letterbox.",
        ),
        entry(
            "c1",
            "Children's Social Care",
            date(2022, 12, 26),
            "PPN: father came to the front door with presents for the children and shouted.",
        ),
    ]
    sister = entry(
        "s1",
        "Sister's account",
        date(2022, 12, 25),
        "B turned up at the door with presents for the children and shouted through the letterbox.",
    )

    result = merge([*on_the_day, sister])

    assert [i.entry_ids for i in result.incidents] == [("c1", "i1", "p1", "s1")]
    dated = [c for c in result.conflicts if c.kind == "date"]
    assert [set(c.entry_ids) for c in dated] == [{"s1", "p1", "i1", "c1"}]

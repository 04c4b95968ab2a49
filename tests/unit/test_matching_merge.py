"""Matching behaviours of merge(): what must group together and what must stay apart."""

from __future__ import annotations

from datetime import date
from typing import Any

from projections.matching import EntryFacts, merge
from tests.unit.matching_entries import entry as build_entry


def entry(entry_id: str, agency: str, day: date | None, summary: str, **given: Any) -> EntryFacts:
    return build_entry(entry_id, agency, day, summary, iso_dates=True, **given)


def grouped(result_ids: list[tuple[str, ...]], *ids: str) -> bool:
    return any(set(ids) <= set(group) for group in result_ids)


def test_same_assault_told_by_police_and_hospital_is_one_incident() -> None:
    police = entry(
        "p1",
        "Police",
        date(2012, 6, 16),
        "Call from A: assaulted by partner B, punched to the face, cut to forehead. Conveyed to "
        "hospital.",
        time="01:28",
        subjects="A; B",
    )
    hospital = entry(
        "h1",
        "Hospital",
        date(2012, 6, 16),
        "Brought in by police. Reports assault by partner. Cut to forehead.",
        subjects="A",
    )

    result = merge([police, hospital])

    assert grouped([i.entry_ids for i in result.incidents], "p1", "h1")


def test_rows_of_one_police_log_over_several_days_stay_together() -> None:
    rows = [
        entry(
            f"p{n}",
            "Police",
            date(2014, 10, 23 + n),
            f"Log update {n}: officers tried to contact C.",
            reference="REF-1163",
            row=n,
            subjects="C",
        )
        for n in range(5)
    ]

    result = merge(rows)

    assert grouped([i.entry_ids for i in result.incidents], *(r.entry_id for r in rows))


def test_month_precision_entry_is_compatible_with_a_day_in_that_month() -> None:
    gp = entry(
        "g1",
        "GP",
        date(2012, 12, 1),
        "GP consultation: low mood, fluoxetine prescribed for depression.",
        precision="month",
        latest=date(2012, 12, 31),
        subjects="C",
    )
    review = entry(
        "r1",
        "Review",
        date(2012, 12, 12),
        "Felt better after the fluoxetine from her GP for low mood depression.",
        subjects="C",
    )

    result = merge([gp, review])

    assert grouped([i.entry_ids for i in result.incidents], "g1", "r1")
    assert not [c for c in result.conflicts if c.kind == "date"]


def test_contact_attempts_one_and_two_of_three_stay_apart() -> None:
    first = entry(
        "a1",
        "DA Service",
        date(2012, 7, 27),
        "Telephone - outgoing. No reply. No contact (attempt 1 of 3)",
        subjects="A",
        row=1,
    )
    second = entry(
        "a2",
        "DA Service",
        date(2012, 7, 29),
        "Telephone - outgoing. No reply. No contact (attempt 2 of 3)",
        subjects="A",
        row=2,
    )

    result = merge([first, second])

    assert not grouped([i.entry_ids for i in result.incidents], "a1", "a2")


def test_two_police_logs_on_the_same_day_are_different_incidents() -> None:
    assault = entry(
        "p1",
        "Police",
        date(2012, 6, 16),
        "A reports assault by B at her home; B left.",
        reference="REF-0031",
        time="01:28",
        subjects="A; B",
    )
    forced = entry(
        "p2",
        "Police",
        date(2012, 6, 16),
        "Afternoon: neighbour reports B returned home. Entry forced, B not at home.",
        reference="REF-0388",
        subjects="B",
    )

    result = merge([assault, forced])

    assert not grouped([i.entry_ids for i in result.incidents], "p1", "p2")


def test_a_marac_that_mentions_an_earlier_assault_is_its_own_incident() -> None:
    assault = entry(
        "p1",
        "Police",
        date(2014, 11, 9),
        "C alleges B punched her; B arrested for assault.",
        subjects="C; B",
    )
    marac = entry(
        "m1",
        "Police",
        date(2014, 12, 9),
        "MARAC held. C alleged assault by partner at ED on 09/11/2014.",
        subjects="C; B",
        row=2,
    )

    result = merge([assault, marac])

    assert not grouped([i.entry_ids for i in result.incidents], "p1", "m1")


def test_monthly_gp_reviews_are_not_merged() -> None:
    reviews = [
        entry(
            f"g{m}", "GP", date(2013, m, 5), "Medication review. Mood stable.", subjects="C", row=m
        )
        for m in range(1, 5)
    ]

    result = merge(reviews)

    assert all(len(i.entry_ids) == 1 for i in result.incidents)


def test_entry_a_year_out_with_the_same_time_and_account_joins_with_a_date_conflict() -> None:
    police = entry(
        "p1",
        "Police",
        date(2014, 10, 23),
        "999 call: female heard to say hello, scream, then call ended. Patrols got no reply at "
        "the address.",
        time="23:43",
        subjects="C",
    )
    review = entry(
        "i1",
        "Investigator",
        date(2013, 10, 23),
        "999 call from phone used by C: female heard to say hello, scream, call ended. No reply "
        "at the address.",
        time="23:43",
        subjects="C",
    )

    result = merge([police, review])

    assert grouped([i.entry_ids for i in result.incidents], "p1", "i1")
    assert [c.kind for c in result.conflicts] == ["date"]
    assert "one year apart" in result.conflicts[0].explanation


def _infant_fall() -> list[EntryFacts]:
    """One fall told by an ambulance's call with its crew's update (one CAD log) and its
    duplicate call (a CAD reference of its own), the hospital and the police."""
    day = date(2023, 2, 16)
    return [
        entry(
            "a1",
            "Ambulance",
            day,
            "999 call: infant fallen from changing table, unresponsive briefly, vomiting. "
            "Conveyed to ED.",
            time="19:42",
            reference="CAD-5512",
        ),
        entry("a2", "Ambulance", day, "Duplicate call", time="19:49", reference="CAD-5513"),
        entry(
            "a3",
            "Ambulance",
            day,
            "Crew update: infant handed over at ED, mother travelled with crew.",
            time="20:04",
            reference="CAD-5512",
        ),
        entry(
            "h1",
            "Hospital",
            day,
            "4 month old brought in by ambulance after a fall from a changing table; vomited "
            "twice, admitted for neuro obs.",
            time="20:06",
        ),
        entry(
            "p1",
            "Police",
            date(2023, 2, 17),
            "Hospital safeguarding nurse reports infant admitted last night after a fall from a "
            "changing table; injuries not consistent.",
            time="06:32",
            reference="PN-77",
        ),
    ]


def test_a_row_the_chair_links_joins_the_incident_whatever_its_own_reference_says() -> None:
    rows = _infant_fall()

    before = merge(rows)
    linked = merge(rows, must_link=[("a2", "h1")])

    assert [i.entry_ids for i in before.incidents] == [("a2",), ("a1", "a3", "h1", "p1")]
    assert [i.entry_ids for i in linked.incidents] == [("a1", "a2", "a3", "h1", "p1")]


def test_the_chairs_split_still_holds_against_a_row_the_chair_linked() -> None:
    linked = merge(_infant_fall(), must_link=[("a2", "h1")], cannot_link=[("a2", "a1")])

    incident_of = {e: i.id for i in linked.incidents for e in i.entry_ids}
    assert incident_of["a2"] == incident_of["h1"]
    assert incident_of["a2"] != incident_of["a1"]


def test_a_code_on_every_row_of_a_long_file_is_not_a_log_reference() -> None:
    # A GP practice code on each of a year's consultations says whose file it is.
    days = [
        date(2022, 1, 5),
        date(2022, 1, 7),
        date(2022, 3, 1),
        date(2022, 6, 9),
        date(2022, 9, 2),
    ]
    topics = [
        "Review of blood pressure medication",
        "Asthma inhaler technique checked",
        "Flu vaccination given",
        "Knee pain, referred to physiotherapy",
        "Annual diabetic foot check",
    ]
    rows = [
        entry(f"g{n}", "GP", day, topic, reference="M85071", row=n + 1)
        for n, (day, topic) in enumerate(zip(days, topics, strict=True))
    ]

    result = merge(rows)

    assert len(result.incidents) == 5


def test_a_reference_cell_listing_two_is_known_by_its_first() -> None:
    first = entry(
        "p1",
        "Police",
        date(2022, 4, 18),
        "Report of harassment by ex-partner",
        reference="CR/22/0418; PVP/22/117",
        row=1,
    )
    update = entry(
        "p2", "Police", date(2022, 4, 21), "Update: statement taken", reference="CR/22/0418", row=2
    )

    result = merge([first, update])

    assert grouped([i.entry_ids for i in result.incidents], "p1", "p2")


def test_a_word_in_the_reference_column_is_no_reference() -> None:
    call = entry("h1", "Housing", date(2022, 5, 3), "Repair to boiler booked", reference="Phone")
    other = entry("h2", "Housing", date(2022, 5, 4), "Rent arrears letter sent", reference="Phone")

    result = merge([call, other])

    assert not grouped([i.entry_ids for i in result.incidents], "h1", "h2")


def test_a_police_reference_written_with_a_space_names_its_log() -> None:
    # Police systems write their occurrence numbers "OCC 22/110940": the report, the arrest
    # two days later and the interview are one log, whatever their words.
    rows = [
        entry(
            "p1",
            "Police",
            date(2022, 10, 3),
            "IP reports over 40 texts and calls from the suspect since Saturday",
            reference="OCC 22/110940",
            row=1,
        ),
        entry(
            "p2",
            "Police",
            date(2022, 10, 5),
            "Susp arrested at his address; mobile phone seized",
            reference="OCC 22/110940",
            row=2,
        ),
        entry(
            "p3",
            "Police",
            date(2022, 10, 6),
            "Interviewed under caution: admits sending the messages, denies threats",
            reference="OCC 22/110940",
            row=3,
        ),
    ]

    result = merge(rows)

    assert [i.entry_ids for i in result.incidents] == [("p1", "p2", "p3")]


def _ward_rows() -> list[EntryFacts]:
    # One admission as a hospital writes it: the ED's decision, then the ward's own rows on
    # the days after, in other words each time and without the attendance number.
    return [
        entry(
            "h1",
            "Hospital",
            date(2023, 2, 16),
            "4/12 M. Hx per mum: rolled off changing table approx 19:30. Vomited x2",
            action="Admit Ward 7 for neuro obs",
            reference="ED23/0412",
            row=1,
        ),
        entry("h2", "Hospital", date(2023, 2, 17), "WR: settled overnight, feeding well", row=2),
        entry("h3", "Hospital", date(2023, 2, 19), "TVN review: skin intact, plan reviewed", row=3),
        entry(
            "h4",
            "Hospital",
            date(2023, 2, 21),
            "Discharged home with mum, safety netting given",
            row=4,
        ),
    ]


def test_a_ward_s_rows_from_admission_to_discharge_are_one_stay() -> None:
    result = merge(_ward_rows())

    assert [i.entry_ids for i in result.incidents] == [("h1", "h2", "h3", "h4")]
    assert "the same hospital stay (admitted 16/02/2023)" in result.incidents[0].explanation


def test_an_admission_with_no_discharge_is_no_stay() -> None:
    # A hostel's "Admission" starts a tenancy: its daily rows after it are their own contacts.
    rows = [
        entry("a1", "Hostel", date(2021, 4, 16), "Admission - Rm 12. Licence signed", row=1),
        entry("a2", "Hostel", date(2021, 4, 18), "Key work session: budgeting plan", row=2),
        entry("a3", "Hostel", date(2021, 4, 21), "Room check: tidy, no concerns", row=3),
    ]

    result = merge(rows)

    assert len(result.incidents) == 3


def test_a_report_of_someone_s_admission_opens_no_stay() -> None:
    # Social care hears of the admission: its own later rows are its own contacts, not a ward's.
    rows = [
        entry(
            "s1",
            "Adult Social Care",
            date(2023, 6, 21),
            "Contact from the hospital safeguarding team: Mr D admitted 19/06 with a hip fracture",
            row=1,
        ),
        entry("s2", "Adult Social Care", date(2023, 6, 23), "Care package suspended", row=2),
        entry("s3", "Adult Social Care", date(2023, 6, 26), "Discharged from duty team", row=3),
    ]

    result = merge(rows)

    assert len(result.incidents) == 3


def test_a_police_log_followed_up_for_weeks_is_one_incident() -> None:
    # No step between the report and the charging decision is more than a few days, though the
    # first and last rows are three weeks apart.
    steps = [
        (date(2022, 10, 3), "IP reports over 40 texts and calls from the suspect since Saturday"),
        (date(2022, 10, 5), "Susp arrested at his address; mobile phone seized"),
        (date(2022, 10, 6), "Interviewed under caution: admits sending the messages"),
        (date(2022, 10, 12), "Download of phone complete; file submitted for a decision"),
        (date(2022, 10, 17), "OIC updated IP by phone; bail conditions explained"),
        (date(2022, 10, 24), "Susp charged with harassment; IP informed"),
    ]
    rows = [
        entry(f"p{n}", "Police", day, words, reference="OCC22/110940", row=n)
        for n, (day, words) in enumerate(steps, start=1)
    ]

    result = merge(rows)

    assert [i.entry_ids for i in result.incidents] == [tuple(f"p{n}" for n in range(1, 7))]


def test_a_reference_given_again_months_later_is_another_run() -> None:
    rows = [
        entry("p1", "Police", date(2022, 1, 3), "Report of harassment by text", reference="R1"),
        entry("p2", "Police", date(2022, 1, 5), "Suspect arrested", reference="R1", row=2),
        entry("p3", "Police", date(2022, 6, 20), "Breach of bail reported", reference="R1", row=3),
    ]

    result = merge(rows)

    assert not grouped([i.entry_ids for i in result.incidents], "p1", "p3")

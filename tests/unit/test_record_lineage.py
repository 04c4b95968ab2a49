"""Which row of an agency's previous file each row of its corrected file continues."""

from __future__ import annotations

from projections.merged.lineage import RowContent, continued_rows


def rows(*contents: tuple[str, str | None, str]) -> list[RowContent]:
    return [
        RowContent(number, (day or "", text), day, None)
        for number, (day, _, text) in enumerate(contents, start=1)
        if day is not None or text
    ]


PREVIOUS = rows(
    ("2015-01-03", None, "999 call from Adult A: partner kicked the door"),
    ("2015-02-10", None, "Referral to the MARAC made by the DA service"),
    ("2015-03-01", None, "GP review: low mood, sertraline started"),
)


def test_unchanged_rows_continue_wherever_a_new_row_pushed_them() -> None:
    corrected = rows(
        ("2014-12-20", None, "Housing visit: neighbour reports shouting"),
        *[(r.earliest, None, r.cells[1]) for r in PREVIOUS],
    )

    assert continued_rows(PREVIOUS, corrected) == {2: 1, 3: 2, 4: 3}


def test_a_reworded_row_that_moved_continues_the_row_of_its_date_and_words() -> None:
    corrected = rows(
        ("2014-12-20", None, "Housing visit: neighbour reports shouting"),
        ("2015-01-03", None, "999 call from Adult A: her partner kicked the front door in"),
        ("2015-02-10", None, "Referral to the MARAC made by the DA service"),
        ("2015-03-01", None, "GP review: low mood, sertraline started"),
    )

    assert continued_rows(PREVIOUS, corrected) == {2: 1, 3: 2, 4: 3}


def test_a_row_corrected_in_place_keeps_its_record_even_with_a_new_date() -> None:
    corrected = rows(
        ("2014-01-03", None, "999 call from Adult A: partner kicked the door"),
        ("2015-02-10", None, "Referral to the MARAC made by the DA service"),
        ("2015-03-01", None, "GP review: low mood, sertraline started"),
    )

    assert continued_rows(PREVIOUS, corrected) == {1: 1, 2: 2, 3: 3}


def test_a_new_row_where_a_deleted_one_stood_is_a_new_record() -> None:
    corrected = rows(
        ("2015-01-03", None, "999 call from Adult A: partner kicked the door"),
        ("2015-02-17", None, "Probation supervision appointment attended"),
        ("2015-03-01", None, "GP review: low mood, sertraline started"),
    )

    assert continued_rows(PREVIOUS, corrected) == {1: 1, 3: 3}


def test_identical_rows_each_continue_one_previous_row_in_order() -> None:
    previous = rows(
        ("2015-05-01", None, "Telephone call - no reply"),
        ("2015-05-01", None, "Telephone call - no reply"),
    )
    corrected = rows(
        ("2015-04-30", None, "Letter sent"),
        ("2015-05-01", None, "Telephone call - no reply"),
        ("2015-05-01", None, "Telephone call - no reply"),
    )

    assert continued_rows(previous, corrected) == {2: 1, 3: 2}

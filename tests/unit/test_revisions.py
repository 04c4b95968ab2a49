"""Telling a corrected file from another chronology of the same agency (domain.revisions)."""

from __future__ import annotations

import pytest

from domain.revisions import corrects, file_family


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("police.csv", "police"),
        ("Police_v2.csv", "police"),
        ("police (1).csv", "police"),
        ("Police chronology - REVISED.csv", "police chronology"),
        ("police_corrected_2019-05-01.csv", "police"),
        ("police_custody.csv", "police custody"),
    ],
)
def test_a_file_name_without_version_marks(name: str, family: str) -> None:
    assert file_family(name) == family


def test_a_renamed_file_repeating_most_rows_corrects_the_earlier_one() -> None:
    old = [["01/06/2012", "call"], ["02/06/2012", "visit"], ["03/06/2012", "letter"]]
    new = [["01/06/2012", "call"], ["02/06/2012", "visit (corrected)"], ["03/06/2012", "letter"]]

    assert corrects("panel export.csv", new, "police.csv", old)
    assert not corrects("custody.csv", [["01/06/2012", "booked in"]], "police.csv", old)

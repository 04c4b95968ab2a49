"""Conflict explanations a chair can check at a glance: a headline in the records' own words and
case, the evidence beneath it, one marker per disagreement, no word stems anywhere."""

from __future__ import annotations

import re
from datetime import date

from projections.matching import merge
from tests.fixture_entries import load_fixture_entries
from tests.unit.matching_entries import entry


def _year_out_story() -> list:  # type: ignore[type-arg]
    call = "999 call: female heard to say Hello, scream, then call ended. Graded as Priority."
    update = "Log status altered from Appointment to Resolved; grade given in error by Sergeant."
    return [
        entry("p1", "Police", date(2014, 10, 23), call, time="23:43", row=40),
        entry("p2", "Police", date(2014, 10, 31), update, time="09:26", row=47),
        entry("i1", "IPCC", date(2013, 10, 23), call, time="23:43", row=2),
        entry("i2", "IPCC", date(2013, 10, 31), update, time="09:26", row=3),
    ]


def test_a_year_out_date_has_a_headline_quoting_each_agencys_date_as_written() -> None:
    result = merge(_year_out_story())

    dated = [c for c in result.conflicts if c.kind == "date" and "i1" in c.entry_ids]
    assert len(dated) == 1
    headline = dated[0].explanation.splitlines()[0]
    assert headline == "Date: IPCC says 23/10/2013; Police says 23/10/2014"


def test_evidence_names_the_words_in_common_as_the_records_write_them() -> None:
    result = merge(_year_out_story())

    evidence = result.conflicts[0].explanation
    assert "words in common:" in evidence
    listed = evidence.split("words in common: ")[1].rstrip(".").split(", ")
    assert listed
    written = " ".join(e.fields["summary"] for e in _year_out_story())
    assert all(word in written for word in listed), listed


def test_a_quoted_sentence_keeps_the_records_case() -> None:
    police = entry(
        "p1",
        "Police",
        date(2012, 10, 11),
        "S calls from N's address: he has battered me. N calls alleging S attacked him.",
        reference="SP-2012-10-11-0014",
    )
    officer = entry(
        "p2",
        "Police",
        date(2012, 10, 11),
        "Counter-allegation policy applied - evidence indicated N was the primary aggressor. "
        "N denies assaulting S.",
        reference="SP-2012-10-11-0014",
        row=2,
    )

    result = merge([police, officer])

    texts = " ".join(c.explanation for c in result.conflicts)
    assert result.conflicts
    assert "N denies assaulting S." in texts or "N was the primary aggressor" in texts
    assert " n was " not in texts and " n denies" not in texts


def test_no_dhr7_explanation_shows_a_word_stem() -> None:
    from tests.conftest import fixture_dir

    entries = load_fixture_entries(fixture_dir())
    result = merge(entries)

    stems = ("categoris", "identifi", "ambulanc", "submitt", "previou", "polic", "grad")
    texts = [c.explanation for c in result.conflicts] + [i.explanation for i in result.incidents]
    assert result.conflicts
    assert not [t for t in texts for s in stems if re.search(rf"\b{s}\b", t)]
    assert all(c.explanation.splitlines()[0].split(":")[0] for c in result.conflicts)

"""Splitting text into records: delimiters, quoting, physical line numbers and footer lines."""

from __future__ import annotations

import pytest

from adapters.csv_table import (
    is_footer,
    is_page_marker,
    rank_delimiters,
    read_records,
    sniff_delimiter,
)
from adapters.source_table import SourceRecord


def records(text: str, delimiter: str = ",") -> list[SourceRecord]:
    return list(read_records(text, delimiter))


# --- delimiters --------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_sniffs_each_delimiter_agencies_use(delimiter: str) -> None:
    text = delimiter.join(["Date", "Type", "Details"]) + "\n"
    text += delimiter.join(["16/06/2012", "Call", "Assault reported"]) + "\n"

    found = sniff_delimiter(text)

    assert found == delimiter


def test_sniffs_semicolons_when_the_text_is_full_of_commas() -> None:
    text = (
        "Date;Details;Action\n"
        "16/06/2012;Called, no reply, left message;None, closed\n"
        "17/06/2012;Seen at home, bruising noted;Referred, MARAC\n"
        "18/06/2012;Phoned;Nothing\n"
    )

    found = sniff_delimiter(text)

    assert found == ";"


def test_sniffs_tabs_when_every_cell_has_the_same_number_of_commas() -> None:
    text = "Date\tDetails\n" + "".join(f"1{n}/06/2012\tA, b, c\n" for n in range(5))

    found = sniff_delimiter(text)

    assert found == "\t"


def test_sniffs_commas_when_a_few_cells_hold_semicolons() -> None:
    text = (
        "Date,Details,Action\n"
        "16/06/2012,Assault; arrest,Charged\n"
        "17/06/2012,Interview,None\n"
        "18/06/2012,Bail; conditions,None\n"
    )

    found = sniff_delimiter(text)

    assert found == ","


def test_sniffs_the_delimiter_past_a_title_line_that_holds_another_one() -> None:
    text = (
        "Chronology for DHR 7, Stoke-on-Trent\n"
        "Date;Details;Action\n"
        "16/06/2012;Called;None\n"
        "17/06/2012;Seen;Referred\n"
    )

    found = sniff_delimiter(text)

    assert found == ";"


def test_sniffs_commas_for_a_file_with_quoted_cells_holding_semicolons_and_line_breaks() -> None:
    text = 'Date,Details\n16/06/2012,"a; b\nc; d"\n17/06/2012,"e; f"\n'

    found = sniff_delimiter(text)

    assert found == ","


def test_an_excel_sep_line_decides_the_delimiter() -> None:
    text = "sep=|\r\nDate,Details|Action\r\n16/06/2012,a|b\r\n"

    ranked = rank_delimiters(text)

    assert ranked[0] == "|"
    assert sorted(ranked) == sorted([",", ";", "\t", "|"])


def test_ranks_every_delimiter_with_ties_keeping_commas_first() -> None:
    text = "Just one cell\n"

    ranked = rank_delimiters(text)

    assert ranked == [",", ";", "\t", "|"]


# --- records and lines -------------------------------------------------------------------------


def test_gives_each_record_its_physical_start_line_past_quoted_line_breaks() -> None:
    text = 'Date,Details\n16/06/2012,"first line\nsecond line\nthird"\n17/06/2012,next\n'

    found = records(text)

    assert [(r.line, r.cells) for r in found] == [
        (1, ["Date", "Details"]),
        (2, ["16/06/2012", "first line\nsecond line\nthird"]),
        (5, ["17/06/2012", "next"]),
    ]


def test_counts_crlf_as_one_line_break_and_keeps_crlf_inside_quoted_cells() -> None:
    text = 'Date,Details\r\n16/06/2012,"a\r\nb"\r\n17/06/2012,c\r\n'

    found = records(text)

    assert [(r.line, r.cells) for r in found] == [
        (1, ["Date", "Details"]),
        (2, ["16/06/2012", "a\r\nb"]),
        (4, ["17/06/2012", "c"]),
    ]


def test_counts_mixed_line_endings_one_break_each() -> None:
    text = "Date,Details\r\n16/06/2012,a\n17/06/2012,b\r18/06/2012,c\r\n"

    found = records(text)

    assert [(r.line, r.cells[1]) for r in found[1:]] == [(2, "a"), (3, "b"), (4, "c")]


def test_keeps_blank_lines_as_blank_records_so_later_lines_stay_physical() -> None:
    text = "Date,Details\n\n16/06/2012,a\n   \n,,\n17/06/2012,b\n"

    found = records(text)

    assert [(r.line, r.is_blank) for r in found] == [
        (1, False),
        (2, True),
        (3, False),
        (4, True),
        (5, True),
        (6, False),
    ]


def test_keeps_the_verbatim_text_of_each_record_without_its_line_break() -> None:
    text = 'Date,Details\r\n16/06/2012,"said ""no"", left"\r\n'

    found = records(text)

    assert found[1].raw_text == '16/06/2012,"said ""no"", left"'
    assert found[1].cells == ["16/06/2012", 'said "no", left']


def test_reads_a_last_line_without_a_line_break() -> None:
    text = "Date,Details\n16/06/2012,last"

    found = records(text)

    assert found[-1].cells == ["16/06/2012", "last"]
    assert found[-1].raw_text == "16/06/2012,last"


def test_a_quote_that_never_closes_does_not_swallow_the_records_after_it() -> None:
    text = 'Date,Details\n16/06/2012,"unclosed text\n17/06/2012,next\n18/06/2012,last\n'

    found = records(text)

    assert [(r.line, r.cells) for r in found] == [
        (1, ["Date", "Details"]),
        (2, ["16/06/2012", "unclosed text"]),
        (3, ["17/06/2012", "next"]),
        (4, ["18/06/2012", "last"]),
    ]
    assert found[1].raw_text == '16/06/2012,"unclosed text'


def test_a_huge_unclosed_quoted_cell_is_read_line_by_line_rather_than_failing() -> None:
    text = 'Date,Details\n16/06/2012,"' + "x" * 200_000 + "\n17/06/2012,next\n"

    found = records(text)

    assert [r.line for r in found] == [1, 2, 3]
    assert found[2].cells == ["17/06/2012", "next"]


def test_a_quote_inside_an_unquoted_cell_is_text() -> None:
    text = "Date,Details\n16/06/2012,5'10\" tall male\n"

    found = records(text)

    assert found[1].cells == ["16/06/2012", "5'10\" tall male"]


# --- footers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cells",
    [
        ["Total entries: 57"],
        ["Total entries: 57", "", ""],
        ["Total entries", "57"],
        ["End of report"],
        ["Page 3 of 3"],
        ["Printed 01/02/2016 09:14"],
        ["-----------"],
    ],
)
def test_recognises_summary_lines_below_the_records(cells: list[str]) -> None:
    record = SourceRecord(line=60, cells=cells, raw_text=",".join(cells))

    assert is_footer(record)


@pytest.mark.parametrize(
    "cells",
    [
        ["16/06/2012", "Total entries: 57"],
        ["Total entries", "were checked by the officer"],
        ["Reviewed case notes"],
        [""],
    ],
)
def test_does_not_take_a_record_for_a_summary_line(cells: list[str]) -> None:
    record = SourceRecord(line=60, cells=cells, raw_text=",".join(cells))

    assert not is_footer(record)


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["Page 2 of 5"], True),
        (["page 2", "", ""], True),
        (["Page 2/5"], True),
        (["Page 2 of 5", "16/06/2012"], False),
        (["Paged the duty officer"], False),
    ],
)
def test_recognises_page_markers_left_by_printed_reports(cells: list[str], expected: bool) -> None:
    record = SourceRecord(line=30, cells=cells, raw_text=",".join(cells))

    assert is_page_marker(record) is expected

"""The one check of text every command makes: what is refused, what is kept, what is said."""

from __future__ import annotations

import pytest

from domain.text import (
    UnstorableTextError,
    check_cells,
    checked_line,
    checked_text,
    holds_unstorable,
)


@pytest.mark.parametrize("text", ["a\x00b", "bell\x07", "esc\x1b", "del\x7f", "\ud800", "\uffff"])
def test_typed_text_with_a_control_character_is_refused_naming_the_field_not_the_text(
    text: str,
) -> None:
    with pytest.raises(UnstorableTextError) as refused:
        checked_text(text, "the note")

    assert str(refused.value).startswith("the note contains a control character (U+")
    assert text not in str(refused.value)
    assert refused.value.field == "the note"


def test_a_note_keeps_tabs_and_line_breaks_but_a_name_may_not_hold_them() -> None:
    assert checked_text("one\n\ttwo\r\n", "the note") == "one\n\ttwo\r\n"
    with pytest.raises(UnstorableTextError, match="the agency name .*U\\+0009"):
        checked_line("West\tMidlands", "the agency name")


def test_any_language_is_text() -> None:
    assert checked_line("Siân Ó Dálaigh – 王芳 ✓", "the real name") == "Siân Ó Dálaigh – 王芳 ✓"


def test_cells_refuse_only_what_no_store_holds_and_say_where() -> None:
    check_cells(["page\x0cbreak", "tab\there", "\x1a"], "column 'Summary'")

    with pytest.raises(UnstorableTextError) as refused:
        check_cells(["fine", "not\x00fine"], "column 'Summary'", "sheet 'Log' row 4")

    assert str(refused.value).startswith(
        "column 'Summary' (sheet 'Log' row 4) contains a control character (U+0000)"
    )


@pytest.mark.parametrize(
    ("texts", "holds"),
    [
        (["plain", "ascii"], False),
        (["Siân – 王芳 ✓", "😀"], False),
        (["fine", "not\x00fine"], True),
        (["王芳", "\x00"], True),
        (["a lone \ud800 surrogate"], True),
        (["\udfff"], True),
        (["\ud83d", "\ude00"], True),  # two halves of a pair, each alone in its cell
        ([], False),
    ],
)
def test_a_whole_file_is_searched_for_what_no_store_holds_as_its_cells_would_be(
    texts: list[str], holds: bool
) -> None:
    assert holds_unstorable(texts) is holds
    assert refused_cell_by_cell(texts) is holds


def refused_cell_by_cell(texts: list[str]) -> bool:
    try:
        check_cells(texts, "column 'Summary'")
    except UnstorableTextError:
        return True
    return False

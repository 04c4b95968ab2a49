"""Word chronologies written as dated paragraphs, one contact a paragraph:

    14 March 2022 - Key-work session at the refuge. M spoke about ...
    The worker agreed to chase the housing application.
    21/03/22: Attempted call, no answer.

Small services often write their IMR so, with no table. Each paragraph that begins with a date
starts a record: its date, and the rest of it as the entry. The paragraphs below it continue it
up to the next dated paragraph or heading; a heading that is only a year or a month ("2021",
"March 2022") gives its year to dates written without one, as a section-heading row of a table
does. Paragraphs before the first date (the IMR's scope, terms, author) and under a heading
that is not a date (a conclusion) are not records, as text around a chronology table is not.
Used only when no table of the document reads as a chronology.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from adapters.dates import moment_in_some_year
from adapters.dates.words import MONTHS, WEEKDAYS
from adapters.page_furniture import section_heading
from adapters.source_table import SourceRecord, SourceTable, TableKind

HEADER = ["Date", "Entry"]
# Fewer dated paragraphs than this are a letter's or a report's dates, not a chronology: such a
# document stays refused as no chronology.
MIN_ENTRIES = 3
NOTE = (
    "each paragraph beginning with a date read as one record, continued by the paragraphs "
    "below it up to the next date or heading"
)
# What stands between a leading date and the entry: a dash with spaces, a colon and space, a
# tab or a line break. A colon without a space is part of a time ("14:30").
_SEPARATOR = re.compile(r"\s+[-\u2013\u2014]+\s*|:\s+|\t|\n|\s*\|\s*")
# A date written first with nothing between it and the entry ("16/06/2012 Call from S") is found
# by its words: the longest run of at most this many words that reads as a date.
_DATE_WORDS = 6
# How far into a paragraph its date may reach: a date first, not one met in a sentence.
_LEADING_CHARACTERS = 60
_TRAILING = " \t-\u2013\u2014:,.|"


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a document's body outside its tables."""

    number: int  # 1-based, in document order, counting only paragraphs outside tables
    text: str
    heading: bool  # styled as a heading or title
    lead: str = ""  # the text of its leading bold runs, where it begins in bold


def dated_paragraphs(
    paragraphs: Iterable[Paragraph], name: str = "paragraphs"
) -> SourceTable | None:
    """The document's dated paragraphs as a table of records ("Date", "Entry"), or None when
    fewer than MIN_ENTRIES paragraphs begin with a date."""
    records: list[SourceRecord] = []
    current: list[Paragraph] | None = None  # the record being gathered, its paragraphs
    opening: tuple[str, str] = ("", "")

    def close() -> None:
        if current:
            records.append(_record(current, *opening))

    for paragraph in paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        dated = _leading_date(paragraph)
        if dated is not None and (dated[1] or not _is_section(dated[0])):
            close()  # a date alone on its line starts a record the paragraphs below write
            current, opening = [paragraph], dated
        elif dated is not None or paragraph.heading:
            close()
            current = None
            if dated is not None:  # a year or month alone: a section heading, kept as one
                records.append(_heading(paragraph, dated[0]))
        elif current is not None:
            current.append(paragraph)
    close()
    if sum(1 for r in records if r.cells[1]) < MIN_ENTRIES:
        return None
    header = SourceRecord(0, list(HEADER), ",".join(HEADER), place="the paragraphs' dates")
    return SourceTable(TableKind.WORD_PARAGRAPHS, name, [header, *records], notes=[NOTE])


def _leading_date(paragraph: Paragraph) -> tuple[str, str] | None:
    """The date the paragraph begins with and the text after it, or None."""
    text = paragraph.text.strip()
    lead = paragraph.lead.strip().rstrip(_TRAILING)
    if lead and _reads_as_date(lead):
        return lead, text[len(paragraph.lead.strip()) :].lstrip(_TRAILING + "\n")
    for match in _SEPARATOR.finditer(text[:_LEADING_CHARACTERS]):
        written = text[: match.start()].strip()
        if written and _reads_as_date(written):
            return written, text[match.end() :].strip()
    words = text[:_LEADING_CHARACTERS].split(" ")
    if not _date_word(words[0]):  # "On 12 May the service..." is a sentence, not a date first
        return None
    for count in range(min(_DATE_WORDS, len(words)), 0, -1):
        written = " ".join(words[:count]).rstrip(_TRAILING)
        if _date_word(written.rsplit(" ", 1)[-1]) and _reads_as_date(written):
            return written, text[len(" ".join(words[:count])) :].lstrip(_TRAILING + "\n")
    return None


def _date_word(word: str) -> bool:
    """A word a written date begins or ends with: one with a digit, a month or a weekday."""
    word = word.strip(_TRAILING).lower()
    return any(c.isdigit() for c in word) or word[:3] in _NAMES


_NAMES = frozenset(name[:3] for name in (*MONTHS, *WEEKDAYS))


def _reads_as_date(written: str) -> bool:
    """True when `written` reads as a date, or would with a year ("9 January" under a
    heading "2023")."""
    return moment_in_some_year(written) is not None


def _is_section(written: str) -> bool:
    """True for a year or month alone ("2021", "March 2022"): a heading, not a contact."""
    return section_heading(SourceRecord(0, [written], written)) is not None


def _record(paragraphs: list[Paragraph], written: str, entry: str) -> SourceRecord:
    first = paragraphs[0]
    rest = [p.text.strip() for p in paragraphs[1:]]
    return SourceRecord(
        first.number,
        [written, "\n".join([entry, *rest]).strip()],
        "\n".join(p.text for p in paragraphs),
        place=_place(paragraphs),
    )


def _heading(paragraph: Paragraph, written: str) -> SourceRecord:
    return SourceRecord(paragraph.number, [written, ""], paragraph.text, place=_place([paragraph]))


def _place(paragraphs: list[Paragraph]) -> str:
    first, last = paragraphs[0].number, paragraphs[-1].number
    return f"paragraph {first}" if first == last else f"paragraphs {first}-{last}"

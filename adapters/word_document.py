"""Reading a Word document (.docx, .docm) into tables: every table of its body, in document order.

Agencies' IMR templates put the chronology in a Word table, often after a table of agency
details and with paragraphs around it; text outside tables is not a record, unless the
chronology is written as paragraphs that begin with dates (dated_paragraphs.py). A cell merged
across columns is written once and followed by empty cells (as a CSV of the table would be); a
cell merged with the cell above is empty and its position marked in `merged_above`, so intake
can join a record written over two rows. The document is streamed, table by table.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree

from adapters.dated_paragraphs import Paragraph, dated_paragraphs
from adapters.errors import UnreadableFileError
from adapters.intake_limits import IntakeLimits
from adapters.office_package import BROKEN_PACKAGE, damaged, main_part
from adapters.source_table import SourceFile, SourceRecord, SourceTable, TableKind, cells_record

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Elements that only wrap rows or cells (content controls, custom XML): looked through.
_WRAPPERS = frozenset({f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag"})
# What each text element of a run stands for in the cell's text.
_RUN_TEXT = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}


def read_word_document(
    package: zipfile.ZipFile, file_name: str, kind: str, limits: IntakeLimits | None = None
) -> SourceFile:
    """Every top-level table of the document body, named "table 1", "table 2"..., and its
    paragraphs that begin with dates (dated_paragraphs.py); a table wider or longer than
    `limits` (a cell spanning a billion grid columns, say) is refused before its rows are
    built."""
    part = main_part(package, file_name) or "word/document.xml"
    limits = limits or IntakeLimits()
    tables: list[SourceTable] = []
    paragraphs: list[Paragraph] = []
    try:
        for element in _body_parts(package, part):
            if element.tag == f"{_W}p":
                paragraphs.append(_body_paragraph(len(paragraphs) + 1, element))
                continue
            name = f"table {len(tables) + 1}"
            tables.append(
                SourceTable(TableKind.WORD_TABLE, name, _records(name, element, limits, file_name))
            )
    except BROKEN_PACKAGE:
        raise UnreadableFileError(file_name, damaged("its text cannot be read")) from None
    dated = dated_paragraphs(paragraphs)
    if not tables and dated is None:
        raise UnreadableFileError(
            file_name,
            "this Word document has no table and no paragraphs that begin with a date; a "
            "chronology in Word must be a table with one row per contact, or a paragraph per "
            "contact that begins with its date (or save it from Excel as .xlsx or CSV)",
        )
    return SourceFile(file_type=kind, tables=tables, dated_paragraphs=dated)


def _body_parts(package: zipfile.ZipFile, part: str) -> Iterator[ElementTree.Element]:
    """Each table not inside another table, once it is whole, and each paragraph outside
    tables; read parts are let go once the caller has them."""
    depth = 0
    with package.open(part) as stream:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            if element.tag != f"{_W}tbl":
                if event == "end" and depth == 0 and element.tag == f"{_W}p":
                    yield element
                    element.clear()
                continue
            if event == "start":
                depth += 1
                continue
            depth -= 1
            if depth == 0:
                yield element
                element.clear()


def _body_paragraph(number: int, paragraph: ElementTree.Element) -> Paragraph:
    style = paragraph.find(f"{_W}pPr/{_W}pStyle")
    style_id = (style.get(f"{_W}val", "") if style is not None else "").lower()
    outline = paragraph.find(f"{_W}pPr/{_W}outlineLvl")
    heading = style_id.startswith(("heading", "title")) or outline is not None
    return Paragraph(number, _paragraph_text(paragraph), heading, _bold_lead(paragraph))


def _bold_lead(paragraph: ElementTree.Element) -> str:
    """The text of the runs in bold the paragraph begins with ("14 March 2022 -" in bold, the
    entry after it not), or "" when it does not begin in bold."""
    parts: list[str] = []
    for run in paragraph.iter(f"{_W}r"):
        text: list[str] = []
        _collect(run, text)
        written = "".join(text)
        if not written.strip():
            parts.append(written)
            continue
        bold = run.find(f"{_W}rPr/{_W}b")
        if bold is None or bold.get(f"{_W}val", "true").lower() in {"0", "false", "off"}:
            break
        parts.append(written)
    return "".join(parts)


def _records(
    name: str, table: ElementTree.Element, limits: IntakeLimits, file_name: str
) -> list[SourceRecord]:
    grid = _grid_size(table)
    limits.check_shape(0, grid, file_name, f"{name}'s grid")
    rows = []
    for number, row in enumerate(_children(table, f"{_W}tr"), start=1):
        limits.check_shape(number, _declared_width(row), file_name, f"{name} row {number}")
        rows.append(_row(row))
    width = max([grid] + [len(cells) for cells, _ in rows])
    return [
        cells_record(
            TableKind.WORD_TABLE, name, number, cells + [""] * (width - len(cells)), (), merged
        )
        for number, (cells, merged) in enumerate(rows, start=1)
    ]


def _grid_size(table: ElementTree.Element) -> int:
    grid = table.find(f"{_W}tblGrid")
    return len(grid.findall(f"{_W}gridCol")) if grid is not None else 0


def _declared_width(row: ElementTree.Element) -> int:
    """How many grid columns a row says it covers, counted before any cell is built."""
    spans = (
        max(1, _count(cell.find(f"{_W}tcPr"), "gridSpan") or 1)
        for cell in _children(row, f"{_W}tc")
    )
    return _count(row.find(f"{_W}trPr"), "gridBefore") + sum(spans)


def _row(row: ElementTree.Element) -> tuple[list[str], frozenset[int]]:
    """A row's cells along the table's grid, and the positions merged with the row above."""
    cells = [""] * _count(row.find(f"{_W}trPr"), "gridBefore")
    merged: set[int] = set()
    for cell in _children(row, f"{_W}tc"):
        properties = cell.find(f"{_W}tcPr")
        span = max(1, _count(properties, "gridSpan") or 1)
        vertical = properties.find(f"{_W}vMerge") if properties is not None else None
        horizontal = properties.find(f"{_W}hMerge") if properties is not None else None
        continues_above = vertical is not None and vertical.get(f"{_W}val", "continue") != "restart"
        continues_left = horizontal is not None and horizontal.get(f"{_W}val") != "restart"
        if continues_above:
            merged.update(range(len(cells), len(cells) + span))
        text = "" if continues_above or continues_left else _cell_text(cell)
        cells.extend([text] + [""] * (span - 1))
    return cells, frozenset(merged)


def _count(properties: ElementTree.Element | None, name: str) -> int:
    found = properties.find(f"{_W}{name}") if properties is not None else None
    value = found.get(f"{_W}val", "") if found is not None else ""
    return int(value) if value.isdigit() else 0


def _children(parent: ElementTree.Element, tag: str) -> Iterator[ElementTree.Element]:
    """`parent`'s children called `tag`, looking through content controls around them."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _cell_text(cell: ElementTree.Element) -> str:
    """The cell's paragraphs (a table inside it too), one line each, as Word shows them."""
    return "\n".join(_paragraph_text(p) for p in _paragraphs(cell))


def _paragraphs(element: ElementTree.Element) -> Iterator[ElementTree.Element]:
    for child in element:
        if child.tag == f"{_W}p":
            yield child
        elif child.tag != _FALLBACK:
            yield from _paragraphs(child)


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    parts: list[str] = []
    _collect(paragraph, parts)
    return "".join(parts)


def _collect(element: ElementTree.Element, parts: list[str]) -> None:
    for child in element:
        if child.tag == f"{_W}t":
            parts.append(child.text or "")
        elif child.tag in _RUN_TEXT:
            parts.append(_RUN_TEXT[child.tag])
        elif child.tag not in {_FALLBACK, f"{_W}p"}:
            # Deleted text (w:delText) and field codes (w:instrText) are not shown: not read.
            _collect(child, parts)

"""Word table mechanics python-docx leaves to raw XML: shading, fixed widths, repeated headings.

Text goes through `xml_safe` here, once, because python-docx refuses control characters.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell, _Row

from adapters.exports.cells import xml_safe

HEADING_SHADE = "D9D9D9"
INCIDENT_SHADE = "DCE6F1"
CONFLICT_SHADE = "FCE4D6"
TABLE_TEXT_SIZE = 8.0  # points: eight columns across a landscape page


def new_table(document: Document, headings: Sequence[tuple[str, float]]) -> Table:
    """A bordered table with fixed column widths (cm) and a heading row repeated on every page."""
    table: Table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    table.autofit = False
    for column, (_, width) in zip(table.columns, headings, strict=True):
        column.width = Cm(width)
    row = table.rows[0]
    for cell, (heading, _) in zip(row.cells, headings, strict=True):
        write(cell, heading, bold=True)
        shade(cell, HEADING_SHADE)
    _repeat_as_heading(row)
    _fix_widths(row, headings)
    return table


def add_row(table: Table, headings: Sequence[tuple[str, float]], texts: Sequence[str]) -> _Row:
    """A row of plain text cells under the table's fixed widths."""
    row: _Row = table.add_row()  # type: ignore[no-untyped-call]
    for cell, text in zip(row.cells, texts, strict=True):
        write(cell, text)
    _fix_widths(row, headings)
    return row


def add_spanning_row(table: Table, text: str, shade_with: str) -> _Cell:
    """A row whose single shaded cell spans the table: an incident heading, say."""
    row: _Row = table.add_row()  # type: ignore[no-untyped-call]
    cell: _Cell = row.cells[0].merge(row.cells[-1])
    write(cell, text, bold=True)
    shade(cell, shade_with)
    return cell


def write(cell: _Cell, text: str, bold: bool = False, size: float = TABLE_TEXT_SIZE) -> None:
    """Replace a cell's text; newlines become line breaks."""
    paragraph = cell.paragraphs[0]
    for extra in cell.paragraphs[1:]:
        extra._element.getparent().remove(extra._element)
    for run in paragraph.runs:
        run._element.getparent().remove(run._element)
    run = paragraph.add_run(xml_safe(text))
    run.bold = bold or None
    run.font.size = Pt(size)


def shade(cell: _Cell, fill: str) -> None:
    """Give a cell a solid background colour (hex RGB)."""
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _repeat_as_heading(row: _Row) -> None:
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _fix_widths(row: _Row, headings: Sequence[tuple[str, float]]) -> None:
    # Word reads each cell's own width, not the grid, so every cell is told.
    for cell, (_, width) in zip(row.cells, headings, strict=True):
        cell.width = Cm(width)

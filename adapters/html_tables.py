"""Reading a web page's tables: the "Excel" export of case systems that write an HTML table and
name it `.xls` (Excel opens it as a sheet), or a report saved from a browser.

Each top-level `<table>` is a table, each `<tr>` a record and each `<td>`/`<th>` a cell, with the
text a person sees in it: entities decoded, `<br>` a line break, runs of spaces one space. A cell
spanning several columns is written once and followed by empty cells, as a workbook's merged
cell is. Nothing outside the tables is a record.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from adapters.source_table import SourceFile, SourceTable, TableKind, cells_record

# How a text file is recognised as a web page: what one opens with, past any blank or BOM.
_OPENINGS = ("<html", "<!doctype html", "<table", "<?xml")
_SPACES = re.compile(r"[ \t\r\n\u00a0]+")
# How far one cell may span: no real export spans more, and a hostile `colspan` cannot make a
# row of a billion cells.
_WIDEST_SPAN = 256


def looks_like_html(text: str) -> bool:
    """True for a text that is a web page holding a table."""
    opening = text.lstrip("\ufeff \t\r\n")[:200].lower()
    return opening.startswith(_OPENINGS) and "<table" in text[:65536].lower()


def read_html_tables(text: str, encoding: str) -> SourceFile:
    """Every top-level table of the page, named "table 1", "table 2"..."""
    parser = _TableParser()
    parser.feed(text)
    parser.close()
    tables = [
        SourceTable(
            TableKind.WORD_TABLE,
            f"table {number}",
            [
                cells_record(TableKind.WORD_TABLE, f"table {number}", line, cells)
                for line, cells in enumerate(rows, start=1)
            ],
        )
        for number, rows in enumerate(parser.tables, start=1)
    ]
    return SourceFile(file_type="html", tables=tables, encoding=encoding)


class _TableParser(HTMLParser):
    """Collects the rows of each top-level table; tables inside a cell add to that cell's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._depth = 0
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._span = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            if self._cell is not None:
                self._cell.append("\n")
        elif tag == "table":
            self._depth += 1
            if self._depth == 1:
                self.tables.append([])
        elif self._depth != 1:
            return  # a nested table's rows and cells are text of the cell that holds it
        elif tag == "tr":
            self._end_row()
            self._row = []
        elif tag in ("td", "th"):
            self._end_cell()
            if self._row is None:
                self._row = []
            self._cell = []
            self._span = _span(dict(attrs).get("colspan"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            if self._depth == 1:
                self._end_row()
            self._depth = max(0, self._depth - 1)
        elif self._depth == 1 and tag in ("td", "th"):
            self._end_cell()
        elif self._depth == 1 and tag == "tr":
            self._end_row()

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def _end_cell(self) -> None:
        if self._cell is None or self._row is None:
            return
        lines = "".join(self._cell).split("\n")
        text = "\n".join(_SPACES.sub(" ", line).strip() for line in lines).strip()
        self._row += [text] + [""] * (self._span - 1)
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is not None and self.tables:
            self.tables[-1].append(self._row)
        self._row = None


def _span(value: str | None) -> int:
    try:
        return max(1, min(_WIDEST_SPAN, int(value or "1")))
    except ValueError:
        return 1

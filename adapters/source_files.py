"""Reading an upload's bytes into tables of records, whatever kind of file it is.

Owns telling the kinds apart (by their bytes, never trusting the name alone) and reading a CSV
export into one table. Workbooks and Word documents are read by their own modules.
"""

from __future__ import annotations

from adapters.csv_table import rank_delimiters, read_records
from adapters.decoding import decode
from adapters.layout import find_layout
from adapters.source_table import SourceFile, SourceRecord, SourceTable, TableKind


def read_source(content: bytes, file_name: str) -> SourceFile:
    """The upload as tables; raises UnreadableFileError for a file that is none of the kinds
    we read (or is damaged, or locked with a password)."""
    text, encoding = decode(content, file_name)
    delimiter, records = _split(text)
    return SourceFile(
        file_type="csv",
        tables=[SourceTable(TableKind.CSV, "", records)],
        encoding=encoding,
        delimiter=delimiter,
    )


def _split(text: str) -> tuple[str, list[SourceRecord]]:
    """Records split by the likeliest delimiter under which a column holds dates.

    The sniffed delimiter is usually right; when no column reads as dates under it (a title
    line and a header alone look alike split any way), the others are tried in turn."""
    ranked = rank_delimiters(text)
    for delimiter in ranked:
        records = list(read_records(text, delimiter))
        if find_layout(records, {}) is not None:
            return delimiter, records
    return ranked[0], list(read_records(text, ranked[0]))

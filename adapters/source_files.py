"""Reading an upload's bytes into tables of records, whatever kind of file it is.

Owns choosing the reader by the file's bytes (`file_kinds.py`; never the name alone) and
reading a CSV export into one table. Workbooks (`workbook.py`), Word documents
(`word_document.py`) and web pages' tables (`html_tables.py`) are read by their own modules.
"""

from __future__ import annotations

from adapters.csv_table import rank_delimiters, read_records
from adapters.decoding import decode
from adapters.file_kinds import FileKind, identify
from adapters.html_tables import looks_like_html, read_html_tables
from adapters.intake_limits import IntakeLimits, UploadTooLargeToReadError
from adapters.layout import find_layout
from adapters.ods_workbook import read_ods_workbook
from adapters.office_package import open_package
from adapters.source_table import SourceFile, SourceRecord, SourceTable, TableKind
from adapters.word_document import read_word_document
from adapters.workbook import read_workbook
from adapters.xls_workbook import read_xls_workbook


def read_source(content: bytes, file_name: str, limits: IntakeLimits | None = None) -> SourceFile:
    """The upload as tables; raises UnreadableFileError for a file that is none of the kinds
    we read (or is damaged, or locked with a password, or over one of `limits`)."""
    limits = limits or IntakeLimits()
    kind = identify(content, file_name)
    if kind.is_workbook or kind is FileKind.ODS or kind is FileKind.XLS or kind.is_word_document:
        source = _read_office_file(content, file_name, kind, limits)
        limits.check_tables(source.tables, file_name)
        if source.dated_paragraphs is not None:
            limits.check_tables([source.dated_paragraphs], file_name)
        return source
    text, encoding = decode(content, file_name)
    if looks_like_html(text):
        # A case system's "Excel" export that is a web page's table under an .xls name.
        source = read_html_tables(text, encoding)
        limits.check_tables(source.tables, file_name)
        return source
    delimiter, records = _split(text, file_name, limits)
    return SourceFile(
        file_type="csv",
        tables=[SourceTable(TableKind.CSV, "", records)],
        encoding=encoding,
        delimiter=delimiter,
    )


def _read_office_file(
    content: bytes, file_name: str, kind: FileKind, limits: IntakeLimits
) -> SourceFile:
    if kind.is_workbook:
        package = open_package(content, file_name)
        return read_workbook(content, file_name, package, kind.value, limits)
    if kind is FileKind.ODS:
        return read_ods_workbook(open_package(content, file_name), file_name, limits)
    if kind is FileKind.XLS:
        return read_xls_workbook(content, file_name)
    return read_word_document(open_package(content, file_name), file_name, kind.value, limits)


def _split(text: str, file_name: str, limits: IntakeLimits) -> tuple[str, list[SourceRecord]]:
    """Records split by the likeliest delimiter under which a column holds dates.

    The sniffed delimiter is usually right; when no column reads as dates under it (a title
    line and a header alone look alike split any way), the others are tried in turn. A split
    over the limits is never judged (judging is what costs); the file is refused if the
    likeliest split is over them and no other reads as a chronology."""
    ranked = rank_delimiters(text)
    refusal: UploadTooLargeToReadError | None = None
    for delimiter in ranked:
        records = list(read_records(text, delimiter))
        try:
            limits.check_records(records, file_name)
        except UploadTooLargeToReadError as error:
            refusal = refusal or (error if delimiter == ranked[0] else None)
            continue
        if find_layout(records, {}) is not None:
            return delimiter, records
    if refusal is not None:
        raise refusal
    return ranked[0], list(read_records(text, ranked[0]))

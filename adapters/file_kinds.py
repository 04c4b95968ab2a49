"""Telling what kind of file an upload is from its bytes, never from its name alone.

Owns the refusals that come before reading: a file locked with a password, an old binary Word
or Excel file, a macro project, an add-in, a damaged package, a zip or OLE file of a kind that
holds no chronology. A zip is judged by its declared content types, an OLE file by its streams.
"""

from __future__ import annotations

import io
import zipfile
from enum import StrEnum

import olefile

from adapters.errors import UnreadableFileError
from adapters.office_package import (
    BROKEN_PACKAGE,
    content_types,
    damaged,
    main_part,
    open_package,
)

ACCEPTED = "a CSV export, a spreadsheet (.xlsx, .xlsm, .xls or .ods) or a Word document (.docx)"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class FileKind(StrEnum):
    """The kinds of upload intake reads."""

    CSV = "csv"
    XLSX = "xlsx"
    XLSM = "xlsm"
    XLS = "xls"
    ODS = "ods"
    DOCX = "docx"
    DOCM = "docm"

    @property
    def is_workbook(self) -> bool:
        """True for an Excel workbook in the Office Open XML format (.xlsx, .xlsm)."""
        return self in {FileKind.XLSX, FileKind.XLSM}

    @property
    def is_word_document(self) -> bool:
        """True for a Word document."""
        return self in {FileKind.DOCX, FileKind.DOCM}


_OFFICE = "application/vnd.openxmlformats-officedocument."
_MAIN_PARTS = {
    f"{_OFFICE}spreadsheetml.sheet.main+xml": FileKind.XLSX,
    f"{_OFFICE}spreadsheetml.template.main+xml": FileKind.XLSX,
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": FileKind.XLSM,
    "application/vnd.ms-excel.template.macroEnabled.main+xml": FileKind.XLSM,
    f"{_OFFICE}wordprocessingml.document.main+xml": FileKind.DOCX,
    f"{_OFFICE}wordprocessingml.template.main+xml": FileKind.DOCX,
    "application/vnd.ms-word.document.macroEnabled.main+xml": FileKind.DOCM,
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": FileKind.DOCM,
}
_REFUSED_PARTS = {
    "application/vnd.ms-excel.addin.macroEnabled.main+xml": (
        "this is an Excel add-in (.xlam): it holds macros, not a chronology"
    ),
    "application/vnd.ms-excel.sheet.binary.macroEnabled.main": (
        "this is an Excel binary workbook (.xlsb); open it in Excel and save it as an "
        "Excel Workbook (.xlsx), then upload that"
    ),
    f"{_OFFICE}presentationml.presentation.main+xml": (
        f"this is a PowerPoint presentation, not a chronology; upload {ACCEPTED}"
    ),
}
_SPREADSHEET = "application/vnd.oasis.opendocument.spreadsheet"
_OPEN_DOCUMENT = {
    "application/vnd.oasis.opendocument.text": (
        "this is an OpenDocument text file (.odt); save it as a Word Document (.docx), "
        "then upload that"
    ),
}
LOCKED = (
    "the file is locked with a password, so it cannot be read; open it, remove the password "
    "(File > Info > Protect > Encrypt with Password, and clear it), save it and upload it again"
)


def identify(content: bytes, file_name: str) -> FileKind:
    """The upload's kind; raises UnreadableFileError for a kind intake refuses."""
    if content.startswith(_ZIP):
        return _package_kind(content, file_name)
    if content.startswith(_OLE):
        refusal = _ole_refusal(content)
        if refusal is None:
            return FileKind.XLS
        raise UnreadableFileError(file_name, refusal)
    return FileKind.CSV


def _package_kind(content: bytes, file_name: str) -> FileKind:
    package = open_package(content, file_name)
    open_document = _open_document_type(package)
    if open_document == _SPREADSHEET:
        return FileKind.ODS
    if open_document is not None:
        raise UnreadableFileError(
            file_name,
            _OPEN_DOCUMENT.get(open_document, f"this is an OpenDocument file; upload {ACCEPTED}"),
        )
    declared = content_types(package, file_name)
    main = main_part(package, file_name)
    main_type = declared.get(main, "") if main else ""
    candidates = [main_type] if main_type else list(declared.values())
    for content_type in candidates:
        if content_type in _MAIN_PARTS:
            return _MAIN_PARTS[content_type]
        if content_type in _REFUSED_PARTS:
            raise UnreadableFileError(file_name, _REFUSED_PARTS[content_type])
    if not declared:
        raise UnreadableFileError(
            file_name, f"this is a zip archive, not a workbook or document; upload {ACCEPTED}"
        )
    raise UnreadableFileError(
        file_name,
        damaged("it is a zip of Office parts, but neither a workbook nor a Word document")
        if main is not None
        else f"this zip holds no workbook or Word document; upload {ACCEPTED}",
    )


def _open_document_type(package: zipfile.ZipFile) -> str | None:
    try:
        return package.read("mimetype")[:100].decode("ascii", "replace").strip()
    except BROKEN_PACKAGE:
        return None


def _ole_refusal(content: bytes) -> str | None:
    """Why an OLE (old binary Office) file is refused, judged by the streams it holds; None
    for an old Excel workbook (.xls), which is read."""
    try:
        with olefile.OleFileIO(io.BytesIO(content)) as ole:
            streams = {"/".join(path) for path in ole.listdir(streams=True, storages=True)}
    except (OSError, ValueError, IndexError, TypeError):
        return damaged("its old-style Office structure cannot be read")
    if {"EncryptionInfo", "EncryptedPackage"} <= streams:
        return LOCKED
    if "WordDocument" in streams:
        return (
            "this is an old Word document (.doc); open it in Word and save it as a Word "
            "Document (.docx), then upload that"
        )
    if streams & {"Workbook", "Book"}:
        return None
    if "PowerPoint Document" in streams:
        return f"this is a PowerPoint presentation, not a chronology; upload {ACCEPTED}"
    if any(name.startswith("__substg1.0_") for name in streams):
        return "this is an Outlook message; save the chronology attached to it and upload that"
    if any(name.split("/")[0] in {"VBA", "_VBA_PROJECT_CUR", "Macros"} for name in streams) or (
        "PROJECT" in streams
    ):
        return "this file holds only macros (a VBA project), not a chronology"
    return f"this is an old-style Office file of a kind that holds no chronology; upload {ACCEPTED}"

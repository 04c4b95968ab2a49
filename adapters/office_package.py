"""Opening an Office Open XML package (.xlsx, .docx): its zip, its parts and their relationships.

Owns the guards every reader of a package needs: a damaged zip is refused in words an admin
understands, a package that would unpack to far more than any chronology (a zip bomb) is
refused before it is unpacked, and XML is parsed without fetching anything it names.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from xml.etree import ElementTree

from adapters.errors import UnreadableFileError

# No chronology unpacks to more than this; a package claiming to is refused unread (a zip bomb).
MAX_UNPACKED_BYTES = 2 * 1024**3
# Parts read whole into memory (content types, relationships, the workbook's sheet list).
MAX_SMALL_PART_BYTES = 64 * 1024**2

RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
OFFICE_DOCUMENT = "/officeDocument"
# What reading a damaged package raises, from zipfile, zlib and the XML parsers (lxml's errors
# are SyntaxErrors too); each reader turns them into a refusal that names the file.
BROKEN_PACKAGE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    KeyError,
    NotImplementedError,
    SyntaxError,
)


def open_package(content: bytes, file_name: str) -> zipfile.ZipFile:
    """The upload as a zip; refused when it is damaged or would unpack to a zip bomb."""
    try:
        package = zipfile.ZipFile(io.BytesIO(content))
        unpacked = sum(info.file_size for info in package.infolist())
    except BROKEN_PACKAGE:
        raise UnreadableFileError(
            file_name, damaged("the zip inside it cannot be opened")
        ) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableFileError(
            file_name,
            f"it would unpack to {unpacked:,} bytes, far more than any chronology; "
            "it is refused unread",
        )
    return package


def damaged(detail: str) -> str:
    """The refusal for a file that is broken, in the words an admin acts on."""
    return (
        f"the file is damaged ({detail}); open it on the computer it came from, save it again "
        "and upload the new copy"
    )


def read_small_part(package: zipfile.ZipFile, name: str, file_name: str) -> bytes | None:
    """A part read whole, or None when the package has no such part."""
    try:
        info = package.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_SMALL_PART_BYTES:
        raise UnreadableFileError(file_name, damaged(f"its part {name} is implausibly large"))
    try:
        return package.read(info)
    except BROKEN_PACKAGE:
        raise UnreadableFileError(file_name, damaged(f"its part {name} cannot be read")) from None


def parse_part(package: zipfile.ZipFile, name: str, file_name: str) -> ElementTree.Element | None:
    """A small XML part parsed, or None when it is missing."""
    data = read_small_part(package, name, file_name)
    if data is None:
        return None
    try:
        # The standard library's parser never fetches external entities, and limits expansion.
        return ElementTree.fromstring(data)
    except ElementTree.ParseError:
        raise UnreadableFileError(file_name, damaged(f"its part {name} is not XML")) from None


def content_types(package: zipfile.ZipFile, file_name: str) -> dict[str, str]:
    """Each part's declared content type (by part name, without the leading slash)."""
    root = parse_part(package, "[Content_Types].xml", file_name)
    if root is None:
        return {}
    return {
        element.get("PartName", "").lstrip("/"): element.get("ContentType", "")
        for element in root.iter(f"{CONTENT_TYPES}Override")
    }


def relationships(
    package: zipfile.ZipFile, part: str, file_name: str
) -> dict[str, tuple[str, str]]:
    """The relationships of `part` ("" for the package itself): id -> (type, target part)."""
    folder, base = posixpath.split(part)
    rels = parse_part(package, posixpath.join(folder, "_rels", f"{base}.rels"), file_name)
    if rels is None:
        return {}
    found = {}
    for element in rels.iter(f"{RELATIONSHIPS}Relationship"):
        if element.get("TargetMode") == "External":
            continue
        target = element.get("Target", "")
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        found[element.get("Id", "")] = (element.get("Type", ""), posixpath.normpath(resolved))
    return found


def main_part(package: zipfile.ZipFile, file_name: str) -> str | None:
    """The package's main part (the workbook or the document), from its root relationships."""
    for kind, target in relationships(package, "", file_name).values():
        if kind.endswith(OFFICE_DOCUMENT):
            return target
    return None

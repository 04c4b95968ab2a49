"""Exports the panel can put in its report: Word, Excel, CSV and JSON from one neutral document.

`model` holds the plain-data export document (built by `api.exporting` from the read models);
each `*_export` module turns that document into the bytes of one file format. `render` picks one.
"""

from __future__ import annotations

from collections.abc import Callable

from adapters.exports import csv_export, docx_export, json_export, xlsx_export
from adapters.exports.model import ExportDocument

Renderer = Callable[[ExportDocument], bytes]

RENDERERS: dict[str, Renderer] = {
    "docx": docx_export.render_docx,
    "xlsx": xlsx_export.render_xlsx,
    "csv": csv_export.render_csv,
    "json": json_export.render_json,
}

FORMATS: tuple[str, ...] = tuple(RENDERERS)


class UnknownExportFormatError(ValueError):
    """Raised when asked for an export format we do not write."""


def render(document: ExportDocument, export_format: str) -> bytes:
    """The bytes of `document` written as `export_format` (one of FORMATS)."""
    try:
        renderer = RENDERERS[export_format]
    except KeyError:
        raise UnknownExportFormatError(
            f"unknown export format {export_format!r}; choose one of {', '.join(FORMATS)}"
        ) from None
    return renderer(document)

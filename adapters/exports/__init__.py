"""Exports the panel can put in its report: Word, Excel, CSV and JSON from one neutral document.

`model` holds the plain-data export document (built by `api.exporting` from the read models);
each `*_export` module turns that document into the bytes of one file format. `render` picks one.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from adapters.exports.model import ExportDocument

Renderer = Callable[[ExportDocument], bytes]

# Module and function per format, imported on first use: the Word and Excel libraries take about
# half a second to load, which every other command of the CLI should not pay.
RENDERERS: dict[str, tuple[str, str]] = {
    "docx": ("adapters.exports.docx_export", "render_docx"),
    "xlsx": ("adapters.exports.xlsx_export", "render_xlsx"),
    "csv": ("adapters.exports.csv_export", "render_csv"),
    "json": ("adapters.exports.json_export", "render_json"),
}

FORMATS: tuple[str, ...] = tuple(RENDERERS)


class UnknownExportFormatError(ValueError):
    """Raised when asked for an export format we do not write."""


def render(document: ExportDocument, export_format: str) -> bytes:
    """The bytes of `document` written as `export_format` (one of FORMATS)."""
    try:
        module, function = RENDERERS[export_format]
    except KeyError:
        raise UnknownExportFormatError(
            f"unknown export format {export_format!r}; choose one of {', '.join(FORMATS)}"
        ) from None
    renderer: Renderer = getattr(importlib.import_module(module), function)
    return renderer(document)

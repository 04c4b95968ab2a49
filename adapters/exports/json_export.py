"""The export document as JSON: every field, dates as ISO 8601, keys in a stable order."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime

from adapters.exports.model import ExportDocument

FORMAT_VERSION = 1


def render_json(document: ExportDocument) -> bytes:
    """The document as UTF-8 JSON bytes; the same document always gives the same bytes."""
    payload = {"format": "chronology-export", "format_version": FORMAT_VERSION, **asdict(document)}
    text = json.dumps(payload, indent=2, ensure_ascii=False, default=_iso)
    return (text + "\n").encode("utf-8")


def _iso(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")

"""Filling in the web upload's preview form as a browser would, for tests without a browser."""

from __future__ import annotations

import html
import re

_HIDDEN = re.compile(r'<input type="hidden" name="([a-z_0-9]+)" value="([^"]*)">')
_SELECTED = re.compile(
    r'<select id="role-\d+" name="role"[^>]*>.*?<option value="([a-z_]+)" selected', re.S
)


def confirmation(
    page: str, action: str = "store", roles: dict[str, str] | None = None
) -> dict[str, list[str]]:
    """The preview form's fields as submitted with `action`, a column's role changed per `roles`."""
    form = page[page.index('action="/web/reviews/') :]
    fields: dict[str, list[str]] = {}
    for name, value in _HIDDEN.findall(form):
        fields.setdefault(name, []).append(html.unescape(value))
    chosen = _SELECTED.findall(form)
    columns = fields.get("column", [])
    assert len(chosen) == len(columns), "every column has a role chosen"
    changed = roles or {}
    fields["role"] = [
        changed.get(column, role) for column, role in zip(columns, chosen, strict=True)
    ]
    fields["action"] = [action]
    return fields

"""Mapping each agency's column headers onto the canonical fields of a chronology entry.

The synonym table is data (`column_synonyms.json`), so a new agency's words are added without
code. Users correct a mapping per file with `Header=field`; the mapping used is recorded.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from adapters.errors import ColumnMappingError

IGNORE = "ignore"
_WORDS = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class FieldSynonyms:
    """The words that point to one canonical field."""

    field: str
    exact: frozenset[str]
    keywords: frozenset[str]


@cache
def synonym_table() -> tuple[FieldSynonyms, ...]:
    """The shipped synonym table, in the priority order its fields are listed."""
    raw = json.loads(resources.files("adapters").joinpath("column_synonyms.json").read_text("utf-8"))
    return tuple(
        FieldSynonyms(
            field=name,
            exact=frozenset(normalise_header(h) for h in spec["exact"]),
            keywords=frozenset(spec["keywords"]),
        )
        for name, spec in raw["fields"].items()
    )


def canonical_fields() -> tuple[str, ...]:
    """Every field a column can map to."""
    return tuple(entry.field for entry in synonym_table())


def normalise_header(header: str) -> str:
    """Lower-case words only: 'Subject(s)' -> 'subject s', 'call_ref' -> 'call ref'."""
    return " ".join(_WORDS.findall(header.casefold()))


def unique_headers(header: Sequence[str]) -> list[str]:
    """Header cells made usable as keys: blanks named by position, repeats numbered."""
    seen: dict[str, int] = {}
    result = []
    for position, cell in enumerate(header, start=1):
        name = cell.strip().lstrip("\ufeff") or f"Column {position}"
        seen[name] = seen.get(name, 0) + 1
        result.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return result


def map_columns(header: Sequence[str], overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """Map header names to canonical fields: overrides first, then exact synonyms, then keywords.

    Each field is claimed by at most one column; columns nobody claims stay unmapped (their
    cells are still kept verbatim with every entry).
    """
    mapping = _apply_overrides(header, overrides or {})
    claimed = set(mapping.values())
    for pass_name in ("exact", "keywords"):
        for synonyms in synonym_table():
            if synonyms.field in claimed:
                continue
            for name in header:
                if name in mapping or not _matches(name, synonyms, pass_name):
                    continue
                mapping[name] = synonyms.field
                claimed.add(synonyms.field)
                break
    return {name: mapping[name] for name in header if mapping.get(name, IGNORE) != IGNORE}


def parse_overrides(instructions: Sequence[str]) -> dict[str, str]:
    """Turn `["Occurred On=date", "Notes=ignore"]` into a dict, checking each field name."""
    overrides = {}
    allowed = set(canonical_fields()) | {IGNORE}
    for instruction in instructions:
        header, sep, field = instruction.rpartition("=")
        field = field.strip().lower()
        if not sep or not header.strip():
            raise ColumnMappingError(f"--map {instruction!r}: write it as 'Column header=field'")
        if field not in allowed:
            raise ColumnMappingError(
                f"--map {instruction!r}: unknown field {field!r}; use one of {', '.join(sorted(allowed))}"
            )
        overrides[header.strip()] = field
    return overrides


def _apply_overrides(header: Sequence[str], overrides: Mapping[str, str]) -> dict[str, str]:
    by_normal_form = {normalise_header(name): name for name in header}
    mapping: dict[str, str] = {}
    for wanted, field in overrides.items():
        name = by_normal_form.get(normalise_header(wanted))
        if name is None:
            raise ColumnMappingError(
                f"--map names a column {wanted!r} that this file does not have; "
                f"its columns are: {', '.join(header)}"
            )
        # A field given to one column by the user is taken away from any other column.
        for other, other_field in list(mapping.items()):
            if other_field == field and field != IGNORE:
                del mapping[other]
        mapping[name] = field
    return mapping


def _matches(name: str, synonyms: FieldSynonyms, pass_name: str) -> bool:
    normal = normalise_header(name)
    if pass_name == "exact":
        return normal in synonyms.exact
    return any(word in synonyms.keywords for word in normal.split())

"""Mapping each agency's column headers onto the canonical fields of a chronology entry.

Owns the header names (made unique and usable as keys), the synonym table and the user's
per-file corrections. The synonym table is data (`column_synonyms.json`), so a new agency's words
are added without code. Users correct a mapping per file with `Header=field`; the mapping used is
recorded with the submission.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from adapters.errors import ColumnMappingError

IGNORE = "ignore"
_WORDS = re.compile(r"[a-z0-9]+")
# Where a capital begins a word inside a run-together name: after a small letter or a digit
# ("CallReceived", "Line2Date"), or as the last capital before small letters ("NHSNumber").
_CAPITALISED_WORD = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


@dataclass(frozen=True)
class FieldSynonyms:
    """The words that point to one canonical field.

    `exact` is ranked: when two headers both name the field exactly, the one listed first wins
    ("Date of Contact" over "Date of Entry"). `avoid` words stop a keyword match ("Date of
    Birth" holds a date, but never the date of the event).
    """

    field: str
    exact: tuple[str, ...]
    keywords: frozenset[str]
    avoid: frozenset[str] = frozenset()


@cache
def synonym_table() -> tuple[FieldSynonyms, ...]:
    """The shipped synonym table, in the priority order its fields are listed."""
    source = resources.files("adapters").joinpath("column_synonyms.json")
    raw = json.loads(source.read_text("utf-8"))
    return tuple(
        FieldSynonyms(
            field=name,
            exact=tuple(normalise_header(h) for h in spec["exact"]),
            keywords=frozenset(spec["keywords"]),
            avoid=frozenset(spec.get("avoid", ())),
        )
        for name, spec in raw["fields"].items()
    )


def canonical_fields() -> tuple[str, ...]:
    """Every field a column can map to."""
    return tuple(entry.field for entry in synonym_table())


def normalise_header(header: str) -> str:
    """Lower-case words only: 'Subject(s)' -> 'subject s', 'call_ref' -> 'call ref', and a
    database's run-together names split where a capital starts a word: 'IncidentNo' ->
    'incident no', 'NHSNumber' -> 'nhs number'.

    Accents are dropped first, so 'Détails' is 'details' rather than 'd tails'.
    """
    decomposed = unicodedata.normalize("NFKD", _CAPITALISED_WORD.sub(" ", header).casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_WORDS.findall(plain))


def unique_headers(header: Sequence[str]) -> list[str]:
    """Header cells made usable as keys: blanks named by position, repeats numbered.

    Every name is unique even when a file already has a column called "Notes (2)" or
    "Column 3", because the cells of each column are looked up by its name.
    """
    wanted = [cell.strip().lstrip("\ufeff").strip() for cell in header]
    taken = {name for name in wanted if name}
    result: list[str] = []
    for position, name in enumerate(wanted, start=1):
        if not name:
            name = _free_name(f"Column {position}", taken)
        elif name in result:
            name = _free_name(name, taken)
        taken.add(name)
        result.append(name)
    return result


def map_columns(
    header: Sequence[str], overrides: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Map header names to canonical fields: overrides first, then exact synonyms, then keywords.

    Each field is claimed by at most one column; columns nobody claims stay unmapped (their
    cells are still kept verbatim with every entry).
    """
    mapping = apply_overrides(header, overrides or {})
    for synonyms in synonym_table():
        _claim_exact(header, synonyms, mapping)
    for synonyms in synonym_table():
        _claim_by_keyword(header, synonyms, mapping)
    return {name: mapping[name] for name in header if mapping.get(name, IGNORE) != IGNORE}


def parse_overrides(instructions: Sequence[str]) -> dict[str, str]:
    """Turn `["Occurred On=date", "Notes=ignore"]` into a dict, checking each field name."""
    overrides = {}
    for instruction in instructions:
        header, sep, field = instruction.rpartition("=")
        if not sep or not header.strip():
            raise ColumnMappingError(f"--map {instruction!r}: write it as 'Column header=field'")
        overrides[header.strip()] = _checked_field(field, f"--map {instruction!r}")
    return overrides


def headers_named_by(header: Sequence[str], overrides: Mapping[str, str]) -> bool:
    """True when every column an override names is in `header` (so it can be the header)."""
    present = {normalise_header(name) for name in header}
    return all(normalise_header(wanted) in present for wanted in overrides)


def _free_name(name: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    number = 2
    while f"{name} ({number})" in taken:
        number += 1
    return f"{name} ({number})"


def _checked_field(field: str, context: str) -> str:
    allowed = set(canonical_fields()) | {IGNORE}
    cleaned = field.strip().lower()
    if cleaned not in allowed:
        raise ColumnMappingError(
            f"{context}: unknown field {field.strip()!r}; use one of {', '.join(sorted(allowed))}"
        )
    return cleaned


def apply_overrides(header: Sequence[str], overrides: Mapping[str, str]) -> dict[str, str]:
    """The user's `--map` instructions as a mapping of this header's columns (checked)."""
    by_normal_form = {normalise_header(name): name for name in header}
    mapping: dict[str, str] = {}
    for wanted, field in overrides.items():
        context = f"--map {wanted!r}={field!r}"
        checked = _checked_field(field, context)
        name = by_normal_form.get(normalise_header(wanted))
        if name is None:
            raise ColumnMappingError(
                f"--map names a column {wanted!r} that this file does not have; "
                f"its columns are: {', '.join(header)}"
            )
        rival = next((n for n, f in mapping.items() if f == checked and f != IGNORE), None)
        if rival is not None and rival != name:
            raise ColumnMappingError(
                f"--map gives the field {checked!r} to two columns, {rival!r} and {name!r}; "
                "each field can come from one column only"
            )
        mapping[name] = checked
    return mapping


def _claim_exact(header: Sequence[str], synonyms: FieldSynonyms, mapping: dict[str, str]) -> None:
    if synonyms.field in mapping.values():
        return
    ranked = [
        (synonyms.exact.index(normal), name)
        for name in header
        if name not in mapping and (normal := normalise_header(name)) in synonyms.exact
    ]
    if ranked:
        mapping[min(ranked, key=lambda item: item[0])[1]] = synonyms.field


def _claim_by_keyword(
    header: Sequence[str], synonyms: FieldSynonyms, mapping: dict[str, str]
) -> None:
    if synonyms.field in mapping.values():
        return
    for name in header:
        normal = normalise_header(name)
        words = set(normal.split())
        if (
            name not in mapping
            and words & synonyms.keywords
            and not words & synonyms.avoid
            and _names_a_field(normal)
            and _head_word_claimed_by(name) in (None, synonyms.field)
        ):
            mapping[name] = synonyms.field
            return


# Words in brackets qualify a header ("Analysis (IMR author)"); they are not its head.
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# "No. of patients", "Number of calls": a count, whatever field its words name.
_COUNT = re.compile(r"\b(?:no|number|count|total)\s+of\b")


def _names_a_field(normal: str) -> bool:
    return _COUNT.search(normal) is None


def _head_word_claimed_by(name: str) -> str | None:
    """The field one of whose keywords is the header's head word, if any: a header names what
    its last word names ("Log type" is a kind, "Incident no" a reference), or, in a phrase with
    "of", the word before it ("Type of contact"); words in brackets only qualify it ("Analysis
    (IMR author)")."""
    words = normalise_header(_BRACKETED.sub(" ", name)).split()
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1] if words else ""
    return next((s.field for s in synonym_table() if head in s.keywords), None)

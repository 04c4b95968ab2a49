"""Loads settings and lexicons from the package JSON and compiles phrase lists into patterns.

This is the only module that reads files; everything else receives a MatchSettings value.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from projections.matching.facts import MatchSettings

_PACKAGE_DIR = Path(__file__).resolve().parent


def _read_json(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def load_settings(path: str | None = None) -> MatchSettings:
    """Settings from `path` (a directory holding settings.json/lexicon.json, or a settings file).

    A settings file may name its lexicon with a "lexicon_file" key (relative to itself);
    otherwise the package lexicon is used, so a review can override weights alone.
    """
    if path is None:
        settings_path = _PACKAGE_DIR / "settings.json"
    else:
        given = Path(path)
        settings_path = given / "settings.json" if given.is_dir() else given
    raw = _read_json(settings_path)
    lexicon_name = raw.get("lexicon_file")
    if lexicon_name:
        lexicon_path = settings_path.parent / str(lexicon_name)
    elif settings_path.parent != _PACKAGE_DIR and (settings_path.parent / "lexicon.json").exists():
        lexicon_path = settings_path.parent / "lexicon.json"
    else:
        lexicon_path = _PACKAGE_DIR / "lexicon.json"
    return settings_from_dicts(raw, _read_json(lexicon_path))


def settings_from_dicts(raw: Mapping[str, Any], lexicon: Mapping[str, Any]) -> MatchSettings:
    """Build MatchSettings from already-parsed JSON (used by tests and tuning scripts)."""
    weights = {
        feature: {level: float(pair[0]) / float(pair[1]) for level, pair in levels.items()}
        for feature, levels in raw["weights"].items()
    }
    return MatchSettings(
        blocking={k: int(v) for k, v in raw["blocking"].items()},
        weights={f: {lvl: _log2(r) for lvl, r in lv.items()} for f, lv in weights.items()},
        link_threshold=float(raw["link_threshold"]),
        text_levels={k: float(v) for k, v in raw["text_levels"].items()},
        time_levels={k: int(v) for k, v in raw["time_levels"].items()},
        date_rules={k: int(v) for k, v in raw["date_rules"].items()},
        conflict_rules={k: float(v) for k, v in raw["conflict_rules"].items()},
        lexicon=dict(lexicon),
    )


def _log2(ratio: float) -> float:
    import math

    return math.log2(ratio)


def _phrase_regex(phrase: str) -> str:
    """One lexicon phrase as a regex: `word*` matches word endings, a lone `*` up to 4 words."""
    parts: list[str] = []
    for token in phrase.lower().split():
        if token == "*":
            parts.append(r"(?:\S+\s+){0,4}?")
            continue
        escaped = re.escape(token.rstrip("*"))
        if token.endswith("*"):
            escaped += r"[\w-]*"
        parts.append(escaped + r"\s+")
    body = "".join(parts)
    body = body[: -len(r"\s+")] if body.endswith(r"\s+") else body
    return r"(?<![\w])" + body + r"(?![\w])"


_TOKEN_RE = re.compile(r"[\w&]+(?:[-'][\w&]+)*")


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    words = tuple(_TOKEN_RE.findall(text))
    return frozenset(words), words


class Phrases:
    """A lexicon phrase list compiled for speed: single words by set lookup, `word*` by
    prefix test, and only multi-word phrases by regex (run when their first word occurs)."""

    def __init__(self, phrases: tuple[str, ...]) -> None:
        self.words: frozenset[str] = frozenset(
            p.lower() for p in phrases if " " not in p.strip() and "*" not in p and _simple(p)
        )
        self.prefixes: tuple[str, ...] = tuple(
            p.lower().rstrip("*")
            for p in phrases
            if " " not in p.strip() and p.endswith("*") and _simple(p)
        )
        rest = [
            p
            for p in phrases
            if p.lower() not in self.words and p.lower().rstrip("*") not in self.prefixes
        ]
        self.complex: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
            (p.lower().split()[0].rstrip("*").strip(":"), re.compile(_phrase_regex(p)))
            for p in rest
        )

    def findall(self, text: str) -> list[str]:
        """Every matched phrase occurrence, in text order for regex phrases."""
        vocab, words = _tokens(text)
        found = [
            w for w in words if w in self.words or (self.prefixes and w.startswith(self.prefixes))
        ]
        for first, pattern in self.complex:
            if first in text:
                found.extend(m.group(0) for m in pattern.finditer(text))
        return found

    def search(self, text: str) -> str | None:
        """The first phrase found, or None."""
        vocab, words = _tokens(text)
        if self.words & vocab:
            return next(w for w in words if w in self.words)
        if self.prefixes:
            for w in words:
                if w.startswith(self.prefixes):
                    return w
        for first, pattern in self.complex:
            if first in text:
                match = pattern.search(text)
                if match:
                    return match.group(0)
        return None


def _simple(phrase: str) -> bool:
    return bool(re.fullmatch(r"[\w&]+(?:[-'][\w&]+)*\*?", phrase.lower()))


@lru_cache(maxsize=4096)
def _compiled(phrases: tuple[str, ...]) -> Phrases | None:
    return Phrases(phrases) if phrases else None


def phrase_pattern(phrases: Iterable[str]) -> Phrases | None:
    """The compiled form of a lexicon phrase list (cached; None when the list is empty)."""
    return _compiled(tuple(phrases))


def classify(text: str, families: Mapping[str, Iterable[str]]) -> frozenset[str]:
    """Names of the families with a phrase in `text`."""
    found = set()
    for name, phrases in families.items():
        pattern = phrase_pattern(phrases)
        if pattern is not None and pattern.search(text) is not None:
            found.add(name)
    return frozenset(found)

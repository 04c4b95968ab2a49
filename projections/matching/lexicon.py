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
from projections.matching.levels import monotone
from projections.matching.rules import (
    Blocking,
    ConflictRules,
    DateRules,
    ModelEstimation,
    TextLevels,
    TimeLevels,
    section,
)

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
        blocking=section(Blocking, raw, "blocking"),
        weights=monotone(
            {f: {lvl: _log2(r) for lvl, r in lv.items()} for f, lv in weights.items()}
        ),
        link_threshold=float(raw["link_threshold"]),
        text_levels=section(TextLevels, raw, "text_levels"),
        time_levels=section(TimeLevels, raw, "time_levels"),
        date_rules=section(DateRules, raw, "date_rules"),
        conflict_rules=section(ConflictRules, raw, "conflict_rules"),
        lexicon=dict(lexicon),
        probabilities={
            feature: {level: (float(pair[0]), float(pair[1])) for level, pair in levels.items()}
            for feature, levels in raw["weights"].items()
        },
        model_estimation=section(ModelEstimation, raw, "model_estimation"),
        disagreement_share=float(raw["disagreement_share"]),
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


class Classifier:
    """Several named phrase lists read in one pass over a text's words: single words by one
    dict lookup per word, `word*` by one lookup per distinct prefix length, and multi-word
    phrases by regex only for families not yet found whose first word occurs."""

    def __init__(self, families: tuple[tuple[str, tuple[str, ...]], ...]) -> None:
        self.words: dict[str, set[str]] = {}
        self.prefixes: dict[int, dict[str, set[str]]] = {}
        complex_: list[tuple[str, str, re.Pattern[str]]] = []
        for name, phrases in families:
            compiled = Phrases(phrases)
            for w in compiled.words:
                self.words.setdefault(w, set()).add(name)
            for prefix in compiled.prefixes:
                by_len = self.prefixes.setdefault(len(prefix), {})
                by_len.setdefault(prefix, set()).add(name)
            complex_.extend((name, first, pattern) for first, pattern in compiled.complex)
        self.complex = tuple(complex_)
        self.lengths = tuple(sorted(self.prefixes))
        # word -> families it matches on its own (memoised: a review's vocabulary is small).
        self.memo: dict[str, frozenset[str]] = {}

    def _word_families(self, w: str) -> frozenset[str]:
        found = set(self.words.get(w, ()))
        for length in self.lengths:
            if len(w) >= length:
                found |= self.prefixes[length].get(w[:length], set())
        return frozenset(found)

    def families(self, text: str) -> frozenset[str]:
        """Names of the families with a phrase in `text`."""
        vocab, _ = _tokens(text)
        found: set[str] = set()
        memo = self.memo
        for w in vocab:
            hit = memo.get(w)
            if hit is None:
                hit = memo[w] = self._word_families(w)
            if hit:
                found |= hit
        for name, first, pattern in self.complex:
            if name not in found and first in text and pattern.search(text):
                found.add(name)
        return frozenset(found)


@lru_cache(maxsize=256)
def _classifier(families: tuple[tuple[str, tuple[str, ...]], ...]) -> Classifier:
    return Classifier(families)


def family_key(families: Mapping[str, Iterable[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A hashable form of a family -> phrases mapping (for caching its Classifier)."""
    return tuple((name, tuple(phrases)) for name, phrases in families.items())


_BY_IDENTITY: dict[int, tuple[Mapping[str, Iterable[str]], Classifier]] = {}


def classifier_for(families: Mapping[str, Iterable[str]]) -> Classifier:
    """The Classifier of a family mapping; looked up by identity first (settings hold the
    same mapping object for a whole merge), by content otherwise."""
    held = _BY_IDENTITY.get(id(families))
    if held is not None and held[0] is families:
        return held[1]
    found = _classifier(family_key(families))
    if len(_BY_IDENTITY) > 256:
        _BY_IDENTITY.clear()
    _BY_IDENTITY[id(families)] = (families, found)
    return found


def classify(text: str, families: Mapping[str, Iterable[str]]) -> frozenset[str]:
    """Names of the families with a phrase in `text`."""
    if not families:
        return frozenset()
    return classifier_for(families).families(text)

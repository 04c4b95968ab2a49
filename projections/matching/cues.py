"""Per-entry readings used by conflict detection: cue phrases, form statuses, agents of
violence, injury sites, places and classifications, each found with lexicon patterns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from projections.matching.facts import MatchSettings, PersonAlias
from projections.matching.lexicon import Phrases, classify, phrase_pattern
from projections.matching.profile import CACHE_LIMIT, Profile, entry_key, settings_fingerprint
from projections.matching.text import NUMBER_WORDS, sentences

# Words that may stand between the doer and the verb ("N has repeatedly hit",
# "a friend who punched").
_FILLERS = frozenset(
    {
        "has",
        "had",
        "have",
        "been",
        "then",
        "who",
        "repeatedly",
        "allegedly",
        "also",
        "was",
        "is",
        "and",
    }
)
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "him", "her"})
# Auxiliaries that, right before a violence verb, make it passive: the one before is the victim.
_PASSIVE = frozenset({"was", "were", "is", "are", "been", "being", "got", "get", "gets"})


@dataclass(frozen=True)
class Reading:
    """What one entry asserts, as far as the lexicons can tell."""

    cues: Mapping[str, tuple[str, ...]]  # cue family -> matched phrases
    form_status: Mapping[str, str]  # form -> "positive" | "negative" | "both"
    agents: frozenset[str]  # pseudonyms or "role:<category>:<word>"
    sites: frozenset[str]
    violent: bool
    injured: bool
    classifications: frozenset[str]
    opposition_sides: frozenset[str]  # "<name>:a" / "<name>:b"
    counts: Mapping[str, tuple[int, str]] = field(default_factory=dict)  # thing -> (n, words)
    rooms: frozenset[str] = frozenset()  # where in a home ("kitchen", "bedroom")
    risk_grades: Mapping[str, str] = field(default_factory=dict)  # grade -> words as written


def snippet(p: Profile, phrase: str, width: int = 140) -> str:
    """The sentence of `p` that contains `phrase`, shortened for an explanation."""
    for sentence in sentences(p.text):
        if phrase in sentence:
            return sentence if len(sentence) <= width else sentence[: width - 1] + "…"
    return phrase


_READING_CACHE: dict[tuple[object, ...], Reading] = {}


def read_entry(p: Profile, settings: MatchSettings, people: Sequence[PersonAlias]) -> Reading:
    """Extract the cue readings for one profile (memoised on the entry's content, the people
    and the settings' content, so re-merges reuse them)."""
    key = (entry_key(p.entry), tuple(people), settings_fingerprint(settings))
    found = _READING_CACHE.get(key)
    if found is None:
        found = _read_entry(p, settings, people)
        if len(_READING_CACHE) >= CACHE_LIMIT:
            _READING_CACHE.clear()
        _READING_CACHE[key] = found
    return found


def _read_entry(p: Profile, settings: MatchSettings, people: Sequence[PersonAlias]) -> Reading:
    lex = settings.lexicon
    cue_lists: Mapping[str, Sequence[str]] = lex.get("cues", {})
    found: dict[str, tuple[str, ...]] = {}
    # One pass finds which cue families occur; only those are searched for their phrases.
    for family in sorted(classify(p.text, cue_lists)):
        pattern = phrase_pattern(cue_lists[family])
        hits = tuple(pattern.findall(p.text)) if pattern else ()
        if hits:
            found[family] = hits
    violence = phrase_pattern(lex.get("violence_verbs", []))
    injury = phrase_pattern(lex.get("injury_words", []))
    sides = classify(p.text, _opposition_families(lex.get("oppositions", [])))
    return Reading(
        cues=found,
        form_status=p.forms,  # read once, with the profile
        agents=_agents(p, violence, lex.get("roles", {}), people),
        sites=_sites(p.text, lex.get("body_sites", {})),
        violent=bool(violence and violence.search(p.text)),
        injured=bool(injury and injury.search(p.text)),
        classifications=_classifications(p, lex),
        opposition_sides=frozenset(sides),
        counts=_counts(
            p.text, lex.get("counted_things", {}), lex.get("count_measures", {}).get("words", ())
        ),
        rooms=_rooms(p.text, lex.get("rooms", {})),
        risk_grades=_risk_grades(p.text, lex.get("risk_grades", {})),
    )


def _rooms(text: str, rooms: Mapping[str, Sequence[str]]) -> frozenset[str]:
    named = _derived(rooms, lambda: {k: tuple(v) for k, v in rooms.items() if k != "_doc"})
    return classify(text, named)


# Number words of a count: "both children" counts two, as "two children" does.
_COUNT_WORDS = {**NUMBER_WORDS, "both": 2}
# Words before a number that make it a label, not a count ("section 47", "flat 2").
_LABELS = frozenset({"section", "s", "flat", "room", "no", "number", "ward", "bed", "para", "page"})


def _counts(
    text: str, things: Mapping[str, Sequence[str]], measures: Sequence[str] = ()
) -> dict[str, tuple[int, str]]:
    """How many of each counted thing the text gives ("three children", "2 officers"), with
    at most one word between number and thing ("two young children"). A thing counted
    twice with different numbers in one row says nothing (it is not one claim). Any other
    plural noun after a number is counted too ("5 falls"), unless it is one of `measures`."""
    words_of = _derived(
        things, lambda: {w: (name,) for name, ws in things.items() if name != "_doc" for w in ws}
    )
    if not words_of:
        return {}
    pattern = _count_pattern(tuple(sorted(words_of, key=len, reverse=True)))
    counted = [(m, words_of[m.group(2)][0]) for m in pattern.finditer(text)]
    counted += [
        (m, f"noun:{m.group(2)}")
        for m in _PLURAL_COUNT.finditer(text)
        if m.group(2) not in words_of and m.group(2) not in measures
    ]
    found: dict[str, tuple[int, str]] = {}
    ambiguous: set[str] = set()
    for match, thing in counted:
        before = text[: match.start()].split()[-1:] or [""]
        if before[0].strip(".,") in _LABELS:
            continue
        number_text = match.group(1)
        number = int(number_text) if number_text.isdigit() else _COUNT_WORDS[number_text]
        if thing in found and found[thing][0] != number:
            ambiguous.add(thing)
        found.setdefault(thing, (number, match.group(0)))
    return {thing: n for thing, n in found.items() if thing not in ambiguous}


_PLURAL_COUNT = re.compile(
    r"(?<![\w/.:£$-])(\d{1,2}|" + "|".join(_COUNT_WORDS) + r")\s+(?:x\s+)?([a-z]{3,}s)(?![\w-])"
)


_COUNT_PATTERNS: dict[tuple[str, ...], re.Pattern[str]] = {}


def _risk_grades(text: str, risk: Mapping[str, Any]) -> dict[str, str]:
    """The risk grades the text gives ("DASH MEDIUM (13)", "police DASH risk: HIGH", "high
    risk"): a grade word right before "risk", or a few words after a word that names a risk
    grade. Grade -> the words as matched."""
    grades: Mapping[str, Sequence[str]] = risk.get("grades", {})
    if not grades:
        return {}
    grade_of = {w: grade for grade, words in grades.items() for w in words}
    found: dict[str, str] = {}
    for pattern in _risk_patterns(
        tuple(sorted(grade_of, key=len, reverse=True)), tuple(risk.get("graded_by", []))
    ):
        for match in pattern.finditer(text):
            found.setdefault(grade_of[match.group("grade")], match.group(0))
    return found


_RISK_PATTERNS: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[re.Pattern[str], ...]] = {}


def _risk_patterns(
    grade_words: tuple[str, ...], graded_by: tuple[str, ...]
) -> tuple[re.Pattern[str], ...]:
    held = _RISK_PATTERNS.get((grade_words, graded_by))
    if held is None:
        grade = "(?P<grade>" + "|".join(re.escape(w) for w in grade_words) + ")"
        before_risk = re.compile(rf"\b{grade}[ -](?:level )?risk\b")
        named = "|".join(re.escape(w) for w in sorted(graded_by, key=len, reverse=True))
        # At most 24 characters between ("dash completed - score 15, high"), none a full stop.
        after_name = re.compile(rf"\b(?:{named})\b[^.;\n]{{0,24}}?\b{grade}\b")
        held = (before_risk, after_name) if graded_by else (before_risk,)
        _RISK_PATTERNS[(grade_words, graded_by)] = held
    return held


def _count_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    held = _COUNT_PATTERNS.get(words)
    if held is None:
        numbers = "|".join(["\\d{1,2}", *_COUNT_WORDS])
        things = "|".join(re.escape(w) for w in words)
        held = re.compile(rf"(?<![\w/.:-])({numbers})\s+(?:[a-z-]+\s+)?({things})(?![\w-])")
        _COUNT_PATTERNS[words] = held
    return held


_DERIVED: dict[int, tuple[object, dict[str, tuple[str, ...]]]] = {}


def _derived(
    source: object, build: Callable[[], dict[str, tuple[str, ...]]]
) -> Mapping[str, tuple[str, ...]]:
    """A family mapping derived from a lexicon value, built once per value object."""
    held = _DERIVED.get(id(source))
    if held is not None and held[0] is source:
        return held[1]
    made = build()
    if len(_DERIVED) > 256:
        _DERIVED.clear()
    _DERIVED[id(source)] = (source, made)
    return made


def _opposition_families(oppositions: Sequence[Mapping[str, Any]]) -> Mapping[str, tuple[str, ...]]:
    """Oppositions as families named '<name>:a' / '<name>:b'."""
    return _derived(
        oppositions,
        lambda: {
            f"{o['name']}:{side}": tuple(o.get(side, []))
            for o in oppositions
            for side in ("a", "b")
            if o.get(side)
        },
    )


def _agents(
    p: Profile,
    violence: Phrases | None,
    roles: Mapping[str, Sequence[str]],
    people: Sequence[PersonAlias],
) -> frozenset[str]:
    """Who the entry says did the violent act: the nearest named person or role word in the
    few words before a violence verb, or after 'by'. Pronouns say nothing and are skipped."""
    if violence is None:
        return frozenset()
    role_of = {w: cat for cat, words in roles.items() for w in words}
    alias_role = {r.role.lower(): r.pseudonym for r in people if r.role}
    agents: set[str] = set()
    raw = p.entry.fields.get("summary", "") + " " + p.entry.fields.get("comment", "")
    for start, end in _spans(p.text, violence.findall(p.text)):
        # The doer is the word just before the verb in its own clause ("N punched her", "N has
        # repeatedly hit"), or after "by"; a passive verb ("was slapped") has none before it.
        # (Looking further back finds more doers but more wrong ones: on DHR 7 three words back
        # cost a fifth of the conflict precision.)
        before = re.split(r"[.;:!?]", p.text[max(0, start - 60) : start])[-1]
        after = p.text[end : end + 30]
        by = re.match(
            r"\s+by\s+(?:a\s+|an\s+|her\s+|his\s+|the\s+)?([a-z-]+(?:\s+[a-z-]+)?)", after
        )
        candidates = list(reversed(by.group(1).split())) + [by.group(1)] if by else []
        words = list(reversed(re.findall(r"[a-z][a-z-]*(?:\s+friend)?", before)))
        passive = bool(words) and words[0] in _PASSIVE and not p.text[start:end].endswith("ing")
        while words and words[0] in _FILLERS:
            words.pop(0)
        if not passive:
            candidates += words[:1]
        for word in candidates:
            agent = _agent_word(word, role_of, alias_role, p.people, raw)
            if agent:
                agents.add(agent)
                break
    return frozenset(agents)


def _spans(text: str, phrases: Sequence[str]) -> list[tuple[int, int]]:
    """Positions of each found phrase occurrence as a whole word, in order."""
    spans: list[tuple[int, int]] = []
    for phrase in dict.fromkeys(phrases):
        for m in re.finditer(rf"(?<![\w]){re.escape(phrase)}(?![\w])", text):
            spans.append((m.start(), m.end()))
    return sorted(spans)


def _agent_word(
    word: str,
    role_of: Mapping[str, str],
    alias_role: Mapping[str, str],
    named: frozenset[str],
    raw: str,
) -> str | None:
    if word in _PRONOUNS:
        return None
    if len(word) == 1 and word.upper() in named:
        return word.upper()
    for candidate in (word, word.split()[-1]):
        if candidate in alias_role:
            return alias_role[candidate]
        if candidate in role_of:
            return f"role:{role_of[candidate]}:{candidate}"
    return None


def _sites(text: str, sites: Mapping[str, Sequence[str]]) -> frozenset[str]:
    return classify(text, sites)


def _classifications(p: Profile, lex: Mapping[str, object]) -> frozenset[str]:
    """How the row classifies the occurrence: a label in a sentence with a classification cue
    ("recorded as ASB"), except a label denied there ("as domestic, not ASB"), or a whole
    classification column ("ASB", "Domestic - crime": its first part)."""
    cue = phrase_pattern(lex.get("classification_cues", []))  # type: ignore[arg-type]
    labels: Mapping[str, Sequence[str]] = lex.get("classification_labels", {})  # type: ignore[assignment]
    found = _column_classification(p.entry.fields.get("event_type", ""), labels)
    if cue is None or cue.search(p.text) is None:
        return frozenset(found)
    for sentence in sentences(p.text):
        if not cue.search(sentence):
            continue
        for label, words in labels.items():
            pattern = phrase_pattern(words)
            said = pattern.findall(sentence) if pattern is not None else []
            if any(not _denied(sentence, phrase) for phrase in said):
                found.add(label)
    return frozenset(found)


_DENIAL_BEFORE = re.compile(r"(?:\bnot|\brather than|\binstead of)\s+(?:an?\s+|as\s+)?$")


def _denied(sentence: str, phrase: str) -> bool:
    """Whether every occurrence of `phrase` in `sentence` follows "not", "rather than"..."""
    places = [m.start() for m in re.finditer(rf"(?<![\w]){re.escape(phrase)}", sentence)]
    return bool(places) and all(_DENIAL_BEFORE.search(sentence[:at]) for at in places)


def _column_classification(value: str, labels: Mapping[str, Sequence[str]]) -> set[str]:
    first = re.split(r"\s[-/–]\s|[/(]", value.lower())[0].strip()
    return {label for label, words in labels.items() if first and first in words}

"""What a record says happened to a form: a referral, DIAL, risk assessment "submitted", or
"never received". Read once per record: the matcher uses it as evidence that two records tell
of the same form (one sent it, the other never had it), the status detector as a conflict."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from projections.matching.lexicon import classify, phrase_pattern
from projections.matching.text import sentences


def form_status(text: str, lex: Mapping[str, Any]) -> dict[str, str]:
    """Form -> "positive" (sent, submitted, made), "negative" (not received, never sent) or
    "both", from each sentence of normalised `text` that names the form. A sentence that only
    says a form should or must be sent ("to be submitted") asserts nothing."""
    cues: Mapping[str, Sequence[str]] = lex.get("cues", {})
    all_forms: Sequence[str] = lex.get("status_forms", [])
    present = classify(text, _families(tuple(all_forms)))
    forms = [f for f in all_forms if f in present]
    status: dict[str, str] = {}
    if not forms:
        return status
    positive = phrase_pattern(cues.get("status_positive", []))
    negative = phrase_pattern(cues.get("status_negative", []))
    modal = phrase_pattern(cues.get("modal_exclusions", []))
    for sentence in sentences(text):
        for form in forms:
            form_re = phrase_pattern([form])
            if form_re is None or not form_re.search(sentence):
                continue
            neg = bool(negative and negative.search(sentence))
            pos = bool(positive and positive.search(sentence)) and not neg
            if pos and modal is not None and modal.search(sentence):
                pos = False
            for value, flag in (("negative", neg), ("positive", pos)):
                if flag:
                    before = status.get(form)
                    status[form] = value if before in (None, value) else "both"
    return status


def opposed(p: Mapping[str, str], q: Mapping[str, str]) -> bool:
    """One record has a form as sent and the other has the same form as never sent/received."""
    return any({p[form], q[form]} == {"positive", "negative"} for form in p.keys() & q.keys())


@lru_cache(maxsize=16)
def _families(forms: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    return {f: (f,) for f in forms}

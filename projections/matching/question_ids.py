"""Ids and fingerprints of the queue's questions: stable across re-merges, changed by content."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable


def question_id(kind: str, subject: Iterable[str]) -> str:
    """A stable id from what the question is about, so it survives re-merges."""
    text = kind + ":" + ":".join(sorted(subject))
    return "q-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def digest(content: object) -> str:
    """A short digest of what the chair is shown: it changes whenever that does."""
    text = json.dumps(content, ensure_ascii=False, default=list)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

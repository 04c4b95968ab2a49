"""Subcommands for the chair's queue: `questions` lists what to answer, `answer` answers one."""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import asdict
from typing import Any

from api.cli_common import actor, add_actor, add_command, opened
from api.workspace import ShownQuestion
from domain.conflict_kinds import CONFLICT_KINDS
from domain.questions import Answer, Disagreement
from projections.merged.check_markers import CheckMarker

KIND_WORDS = {
    "incident": "incident check: which of these rows are one incident?",
    "link": "possible link",
    "split": "possible split",
    "conflict": "doubtful conflict",
}

# How each kind of question heads its evidence (an incident check's is how it is held, and the
# pairs the model is least sure of).
EVIDENCE_WORDS = {"incident": ("as held", "least sure"), "conflict": ("found", "doubt")}


def register(commands: Any) -> None:
    """Add the queue subcommands."""
    questions = add_command(
        commands,
        "questions",
        "the chair's queue: the questions worth answering first",
        run_questions,
    )
    questions.add_argument("--review", required=True)
    questions.add_argument("--limit", type=int, default=10, help="how many (default 10)")
    questions.add_argument("--format", choices=("table", "json"), default="table")

    answer = add_command(commands, "answer", "answer a question of the queue", run_answer)
    answer.add_argument("question", metavar="QUESTION", help="the question id (q-...)")
    answer.add_argument("answer", choices=[a.value for a in Answer])
    answer.add_argument("--review", required=True)
    answer.add_argument("--note", default="", help="why (kept with the decision)")
    answer.add_argument(
        "--together",
        default="",
        help="answer 'together': the rows that are one incident, as their numbers in the "
        "listing or record ids, comma-separated (default: the rows as held)",
    )
    answer.add_argument(
        "--another-incident",
        dest="other_incidents",
        action="append",
        default=[],
        metavar="ROWS",
        help="answer 'together': rows not kept that are one incident of their own, e.g. '5,7' "
        "(numbers or record ids); repeat for each such incident",
    )
    answer.add_argument(
        "--disagree",
        action="append",
        default=[],
        type=disagreement,
        metavar="'ROWS KIND[: WHAT]'",
        help="answer 'together': rows kept together whose accounts disagree, e.g. "
        "'2,5 date: the police put it a day later' (kinds: " + ", ".join(CONFLICT_KINDS) + "); "
        "repeat for each disagreement",
    )
    answer.add_argument(
        "--not-a-conflict",
        dest="not_conflicts",
        action="append",
        default=[],
        metavar="KEY",
        help="answer 'together': a marker listed with the check that is not a conflict "
        "(its key); repeat for each",
    )
    answer.add_argument(
        "--fingerprint", help="refuse if the question changed since you saw this fingerprint"
    )
    add_actor(answer)


def run_questions(arguments: argparse.Namespace) -> int:
    """`chronology questions`."""
    with opened(arguments) as workspace:
        queue, shown = workspace.questions(arguments.review, arguments.limit)
    if arguments.format == "json":
        print(
            json.dumps(
                {
                    "remaining": queue.remaining,
                    "incidents": queue.incidents,
                    "incidents_in_doubt": queue.incidents_in_doubt,
                    "questions": [_as_json(s) for s in shown],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    print(f"{queue.remaining} questions open; {queue.answered} answered so far.")
    print(sureness(queue.incidents, queue.incidents_in_doubt))
    for number, item in enumerate(shown, 1):
        print(_as_text(number, item))
    return 0


def run_answer(arguments: argparse.Namespace) -> int:
    """`chronology answer`."""
    with opened(arguments) as workspace:
        question = workspace.answer(
            arguments.review,
            arguments.question,
            Answer(arguments.answer),
            arguments.note,
            actor(arguments),
            arguments.fingerprint,
            rows_given(arguments.together),
            arguments.disagree,
            arguments.not_conflicts,
            [rows_given(rows) for rows in arguments.other_incidents],
        )
        queue, shown = workspace.questions(arguments.review, 1)
    print(f"Question {question.id} answered ({arguments.answer}) by {actor(arguments)}.")
    if arguments.other_incidents:
        print(f"Further incidents sorted out: {len(arguments.other_incidents)}.")
    if arguments.disagree:
        print(f"Conflict markers raised: {len(arguments.disagree)}.")
    if arguments.not_conflicts:
        print(f"Markers resolved as not a conflict: {len(set(arguments.not_conflicts))}.")
    following = f"next: {shown[0].question.id}" if shown else "none left"
    print(f"{queue.remaining} questions open; {following}.")
    return 0


def rows_given(given: str) -> list[str]:
    """'1,3, R-ab12' as the rows it names."""
    return [row.strip() for row in given.split(",") if row.strip()]


_DISAGREEMENT = re.compile(
    r"^\s*(?P<rows>[^\s:]+)\s+(?P<kind>[a-z]+)\s*(?::\s*(?P<what>.*))?$", re.S
)


def disagreement(given: str) -> Disagreement:
    """`--disagree '2,5 date: what differs'` as a Disagreement (rows as given, resolved later)."""
    found = _DISAGREEMENT.match(given)
    if found is None or found["kind"] not in CONFLICT_KINDS:
        raise argparse.ArgumentTypeError(
            f"{given!r}: give the rows, a kind ({', '.join(CONFLICT_KINDS)}) and, after a "
            "colon, what the accounts disagree on, e.g. '2,5 date: the police put it a day later'"
        )
    rows = tuple(row.strip() for row in found["rows"].split(",") if row.strip())
    return Disagreement(rows, found["kind"], (found["what"] or "").strip())


def sureness(held: int, in_doubt: int) -> str:
    """How sure the chronology now is, in a line."""
    return (
        f"The chronology holds {held} incident{'' if held == 1 else 's'}; the model is unsure "
        f"of {in_doubt} of them (an incident check is open for each)."
    )


def _as_json(item: ShownQuestion) -> dict[str, Any]:
    return {
        **asdict(item.question),
        "accounts": [
            {
                "record_id": e.record_id,
                "agency": e.agency,
                "file": e.file,
                "row": e.row,
                "date": e.date,
                "time": e.time,
                "cells": e.cells,
            }
            for e in item.accounts
        ],
        "markers": [_marker_json(item, m) for m in item.markers],
    }


def _marker_json(item: ShownQuestion, marker: CheckMarker) -> dict[str, Any]:
    return {
        "key": marker.key,
        "kind": marker.kind,
        "rows": marker.numbers(item.question.entry_ids),
        "record_ids": list(marker.entry_ids),
        "explanation": marker.explanation,
    }


def _as_text(number: int, item: ShownQuestion) -> str:
    q = item.question
    sure = f"{round(q.probability * 100)}%"
    lines = [
        f"\n{number}. {q.id}  {KIND_WORDS.get(q.kind, q.kind)}  "
        f"(model {sure}; settles {q.settles}; fingerprint {q.fingerprint})"
    ]
    held = set(q.held_together)
    for e in item.accounts:
        said = " | ".join(v for v in e.cells.values() if v)
        where = f"{e.agency}, {e.file} row {e.row}: {said}"
        if q.kind == "incident":
            number = q.entry_ids.index(e.record_id) + 1
            place = "held as one" if e.record_id in held else "nearby, apart"
            where = f"[{number}] {place}: {where}"
        lines.append(f"   {where}")
    for marker in item.markers:
        rows = ", ".join(str(n) for n in marker.numbers(q.entry_ids))
        lines.append(f"   marker {marker.key} on rows {rows}: {marker.headline}")
    said_for, said_against = EVIDENCE_WORDS.get(q.kind, ("for", "against"))
    lines += [f"   {said_for}: {words}" for words in q.evidence_for]
    lines += [f"   {said_against}: {words}" for words in q.evidence_against]
    return "\n".join(lines)

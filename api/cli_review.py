"""Subcommands for reading a review: merged, model, evaluate, audit, history, verify."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from api import merged_rendering
from api.cli_common import add_command, opened
from domain.errors import ChronologyError
from projections.evaluation import format_report
from projections.merged.regrouping import review_inputs
from projections.merged.scoring import evaluate_view
from projections.simulated_chair import format_curve, simulate_chair

# Reviews in England and Wales: a time typed without a zone means local time there.
LOCAL_ZONE = ZoneInfo("Europe/London")


def register(commands: Any) -> None:
    """Add the reading subcommands."""
    merged = add_command(
        commands, "merged", "the merged chronology with its conflict markers", run_merged
    )
    merged.add_argument("--review", required=True)
    merged.add_argument("--format", choices=("table", "json", "csv"), default="table")
    merged.add_argument(
        "--conflicts-only", action="store_true", help="only incidents with a conflict marker"
    )
    merged.add_argument("--agency", help="only incidents with an entry from this agency")
    merged.add_argument("--person", help="only incidents naming this person (pseudonym)")
    merged.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    merged.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    when = merged.add_mutually_exclusive_group()
    when.add_argument(
        "--as-at",
        metavar="2018-01-15T12:00",
        help="as it stood then (UK local time unless a zone is given)",
    )
    when.add_argument("--as-at-position", type=int, metavar="N", help="as it stood after event N")

    model = add_command(
        commands,
        "model",
        "the linkage model the merge used: each level's m, u and weight",
        run_model,
    )
    model.add_argument("--review", required=True)
    model.add_argument("--format", choices=("table", "json"), default="table")
    model_when = model.add_mutually_exclusive_group()
    model_when.add_argument("--as-at", metavar="2018-01-15T12:00", help="the model then")
    model_when.add_argument("--as-at-position", type=int, metavar="N", help="after event N")

    scoring = add_command(
        commands, "evaluate", "score the merge against a ground truth file", run_evaluate
    )
    scoring.add_argument("--review", required=True)
    scoring.add_argument("--truth", required=True, type=Path, help="ground_truth.json")
    scoring.add_argument("--format", choices=("text", "json"), default="text")
    scoring.add_argument(
        "--simulate-chair",
        type=int,
        metavar="N",
        help="answer the queue's top question N times from the truth, re-merging after each, "
        "and print the scores after 0, 5, 10, 20, ... answers (nothing is recorded)",
    )

    audit = add_command(
        commands,
        "audit",
        "every event of a review, in order: who, what, when, from where",
        run_audit,
    )
    audit.add_argument("--review", required=True)
    audit.add_argument("--format", choices=("table", "json"), default="table")

    history = add_command(
        commands, "history", "every version of one agency row and every decision on it", run_history
    )
    history.add_argument("entry", metavar="ENTRY_ID")
    history.add_argument("--review", required=True)

    add_command(
        commands, "verify", "prove the event record is intact since it was written", run_verify
    )


def run_merged(arguments: argparse.Namespace) -> int:
    """`chronology merged`: incidents in date order with conflicts and decisions, now or as at."""
    chosen = merged_rendering.MergedFilter(
        conflicts_only=arguments.conflicts_only,
        agency=arguments.agency,
        person=arguments.person,
        date_from=arguments.date_from,
        date_to=arguments.date_to,
    )
    with opened(arguments) as workspace:
        position = arguments.as_at_position
        if arguments.as_at:
            position = workspace.position_at(parse_moment(arguments.as_at))
        view = merged_rendering.filtered(workspace.merged(arguments.review, position), chosen)
    if arguments.format == "json":
        print(merged_rendering.merged_json(view))
    elif arguments.format == "csv":
        sys.stdout.write(merged_rendering.merged_csv(view))
    else:
        print(merged_rendering.merged_table(view))
    return 0


def run_model(arguments: argparse.Namespace) -> int:
    """`chronology model`: the comparison levels the merge weighed, with m, u and weight."""
    with opened(arguments) as workspace:
        position = arguments.as_at_position
        if arguments.as_at:
            position = workspace.position_at(parse_moment(arguments.as_at))
        view = workspace.model(arguments.review, position)
    if view is None:
        print(f"No merge of {arguments.review!r} yet: import a file first.")
        return 0
    if arguments.format == "json":
        print(json.dumps(dataclasses.asdict(view), indent=2))
        return 0
    print(
        f"Model of {arguments.review!r}, estimated on {view.records} records "
        f"(since event {view.since_position}); a pair links above {view.link_threshold:g}"
    )
    print(f"{'comparison':<11}{'level':<25}{'m':>8}{'u':>9}{'weight':>8}  (prior)")
    for level in view.levels:
        bar = ("+" if level.weight > 0 else "-") * min(20, round(abs(level.weight) * 2))
        print(
            f"{level.comparison:<11}{level.level:<25}{level.m:>8.4f}{level.u:>9.4f}"
            f"{level.weight:>8.2f}  ({level.prior_weight:+.2f}) {bar}"
        )
    return 0


def run_evaluate(arguments: argparse.Namespace) -> int:
    """`chronology evaluate`: pairwise F1 of grouping and conflict recall/precision."""
    truth = json.loads(arguments.truth.read_text("utf-8"))
    if arguments.simulate_chair is not None:
        return _simulate_chair(arguments, truth)
    with opened(arguments) as workspace:
        evaluation = evaluate_view(workspace.merged(arguments.review), truth)
    if arguments.format == "json":
        print(
            json.dumps(
                {
                    "pair_precision": evaluation.pair_precision,
                    "pair_recall": evaluation.pair_recall,
                    "pair_f1": evaluation.pair_f1,
                    "conflict_recall": evaluation.conflict_recall,
                    "conflict_precision": evaluation.conflict_precision,
                },
                indent=2,
            )
        )
    else:
        print(format_report(evaluation))
    return 0


def _simulate_chair(arguments: argparse.Namespace, truth: dict[str, Any]) -> int:
    """`chronology evaluate --simulate-chair N`: the quality curve of a chair's answers."""
    with opened(arguments) as workspace:
        review = workspace.review(arguments.review)
        workspace.catch_up()
        inputs = review_inputs(workspace.engine, str(review.id))
    curve = simulate_chair(
        inputs.entries,
        truth,
        arguments.simulate_chair,
        inputs.people,
        inputs.must_link,
        inputs.cannot_link,
        inputs.raised,
    )
    if arguments.format == "json":
        print(json.dumps([asdict(point) for point in curve], indent=2))
    else:
        print(format_curve(curve))
    return 0


def run_audit(arguments: argparse.Namespace) -> int:
    """`chronology audit`: the event trail of a review."""
    with opened(arguments) as workspace:
        lines = workspace.audit(arguments.review)
    if arguments.format == "json":
        print(json.dumps([line.__dict__ for line in lines], indent=2, ensure_ascii=False))
        return 0
    for line in lines:
        where = (
            f" {line.file_name}" + (f" row {line.row}" if line.row else "")
            if line.file_name
            else ""
        )
        print(
            f"{line.position:>7}  {line.recorded_at[:19]}  {line.actor:<18} "
            f"{line.action:<22}{where}"
            f"{'  ' + line.detail if line.detail else ''}"
        )
    return 0


def run_history(arguments: argparse.Namespace) -> int:
    """`chronology history`: the versions of one row and the decisions that touched it."""
    with opened(arguments) as workspace:
        history = workspace.history(arguments.review, arguments.entry)
    print(json.dumps(history.__dict__, indent=2, ensure_ascii=False, default=str))
    return 0


def run_verify(arguments: argparse.Namespace) -> int:
    """`chronology verify`: recompute the hash chain; exit 1 naming where it breaks."""
    with opened(arguments) as workspace:
        result = workspace.verify()
    if result.intact:
        print(f"Intact: {result.events_checked} events, hash chain head {result.head_seal}")
        return 0
    print(
        f"NOT INTACT after {result.events_checked} good events: {result.problem}", file=sys.stderr
    )
    return 1


def parse_moment(text: str) -> datetime:
    """An ISO date-time; without a zone it is UK local time (what a chair in England means)."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ChronologyError(f"--as-at {text!r}: write it as 2018-01-15T12:00") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=LOCAL_ZONE)

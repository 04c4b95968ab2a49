"""Subcommands for agency files: import, entries, rebuild, demo."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from adapters.columns import parse_overrides
from adapters.intake_preview import preview_chronology
from api import rendering
from api.cli_common import actor, add_actor, add_command, opened
from api.preview_text import preview_report
from api.progress import ProgressBar


def register(commands: Any) -> None:
    """Add the intake subcommands."""
    importing = add_command(commands, "import", "store one agency's chronology file", run_import)
    importing.add_argument(
        "file",
        type=Path,
        metavar="FILE",
        help="a CSV export, a spreadsheet (.xlsx, .xlsm, .xls, .ods) or a Word document (.docx)",
    )
    importing.add_argument(
        "--review", required=True, help='the review, e.g. "DHR 7" (opened on first use)'
    )
    importing.add_argument(
        "--agency", required=True, help='the sending agency, e.g. "Staffordshire Police"'
    )
    importing.add_argument(
        "--map",
        action="append",
        default=[],
        metavar='"Header=field"',
        help="say which canonical field a column holds (or =ignore); repeatable",
    )
    importing.add_argument(
        "--dry-run",
        action="store_true",
        help="show how the file would be read (columns, first rows, dates) and store nothing",
    )
    add_actor(importing)

    listing = add_command(
        commands, "entries", "list a review's stored entries in date order", run_entries
    )
    listing.add_argument("--review", required=True)
    listing.add_argument("--agency")
    listing.add_argument("--format", choices=("table", "json", "csv"), default="table")
    listing.add_argument(
        "--include-superseded",
        action="store_true",
        help="also list rows of submissions an agency has since replaced",
    )

    add_command(commands, "rebuild", "rebuild every read model from the events alone", run_rebuild)

    demo = add_command(
        commands,
        "demo",
        "import the shipped example review into a fresh store and show it",
        run_demo,
        with_db=False,
    )
    demo.add_argument(
        "--db", help="where to create the demo store (default: a new file in ./demo-store)"
    )


def run_import(arguments: argparse.Namespace) -> int:
    """`chronology import`: read, store and report one file."""
    overrides = parse_overrides(arguments.map)
    content = arguments.file.read_bytes()
    if arguments.dry_run:
        # The store is not even opened: a dry run can be tried on any machine, and stores nothing.
        print(preview_report(preview_chronology(content, arguments.file.name, overrides)))
        return 0
    bar = ProgressBar("Updating read models")
    with opened(arguments) as workspace:
        try:
            report = workspace.import_file(
                content,
                arguments.file.name,
                arguments.review,
                arguments.agency,
                uploaded_by=actor(arguments),
                overrides=overrides,
                progress=bar,
            )
        finally:
            bar.finish()
    print(rendering.import_report(report))
    return 0


def run_entries(arguments: argparse.Namespace) -> int:
    """`chronology entries`: list what is stored, with provenance."""
    with opened(arguments) as workspace:
        listed = workspace.entries(arguments.review, arguments.agency, arguments.include_superseded)
    if arguments.format == "json":
        print(rendering.entries_json(arguments.review, listed))
    elif arguments.format == "csv":
        sys.stdout.write(rendering.entries_csv(listed))
    else:
        print(rendering.entries_table(listed))
    return 0


def run_rebuild(arguments: argparse.Namespace) -> int:
    """`chronology rebuild`: drop and rebuild the read models from the event log."""
    bar = ProgressBar("Rebuilding", minimum_total=0)
    with opened(arguments) as workspace:
        try:
            position = workspace.rebuild(bar)
        finally:
            bar.finish()
    print(f"Read models rebuilt from {position} events.")
    return 0


def run_demo(arguments: argparse.Namespace) -> int:
    """`chronology demo`: the main job on the shipped example review."""
    from api.demo import run_demo_review

    return run_demo_review(arguments.db)

"""The `chronology` command: import agency files, list entries, rebuild read models, run the demo.

Every subcommand opens the store named by `--db` (else CHRONOLOGY_DATABASE_URL, else
./chronology.sqlite3). Errors are printed as one clear line and exit with status 2.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from adapters.columns import parse_overrides
from adapters.store import StoreSettings
from api import rendering
from api.progress import ProgressBar
from api.workspace import Workspace
from domain.errors import ChronologyError

USER_VARIABLE = "CHRONOLOGY_USER"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    parser = build_parser()
    arguments = parser.parse_args(argv)
    try:
        return int(arguments.run(arguments))
    except ChronologyError as error:
        print(f"chronology: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0  # the reader (e.g. `| head`) stopped listening; not an error of ours
    except OSError as error:
        print(f"chronology: {error.strerror}: {error.filename}", file=sys.stderr)
        return 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="chronology", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    importing = _command(commands, "import", "store one agency's chronology file", run_import)
    importing.add_argument("file", type=Path, metavar="FILE.csv")
    importing.add_argument("--review", required=True, help='the review, e.g. "DHR 7" (opened on first use)')
    importing.add_argument("--agency", required=True, help='the sending agency, e.g. "Staffordshire Police"')
    importing.add_argument("--map", action="append", default=[], metavar='"Header=field"',
                           help="say which canonical field a column holds (or =ignore); repeatable")
    importing.add_argument("--as", dest="user", help="who is uploading (default: $CHRONOLOGY_USER or login)")

    listing = _command(commands, "entries", "list a review's stored entries in date order", run_entries)
    listing.add_argument("--review", required=True)
    listing.add_argument("--agency")
    listing.add_argument("--format", choices=("table", "json", "csv"), default="table")
    listing.add_argument("--include-superseded", action="store_true",
                         help="also list rows of submissions an agency has since replaced")

    _command(commands, "rebuild", "rebuild every read model from the events alone", run_rebuild)

    demo = _command(commands, "demo", "import the shipped example review into a fresh store and show it",
                    run_demo, with_db=False)
    demo.add_argument("--db", help="where to create the demo store (default: a new file in ./demo-store)")
    return parser


def run_import(arguments: argparse.Namespace) -> int:
    """`chronology import`: read, store and report one file."""
    overrides = parse_overrides(arguments.map)
    content = arguments.file.read_bytes()
    workspace = Workspace(StoreSettings.resolve(arguments.db))
    bar = ProgressBar("Updating read models")
    try:
        report = workspace.import_file(
            content, arguments.file.name, arguments.review, arguments.agency,
            uploaded_by=_user(arguments), overrides=overrides, progress=bar,
        )
    finally:
        bar.finish()
        workspace.close()
    print(rendering.import_report(report))
    return 0


def run_entries(arguments: argparse.Namespace) -> int:
    """`chronology entries`: list what is stored, with provenance."""
    workspace = Workspace(StoreSettings.resolve(arguments.db))
    try:
        listed = workspace.entries(arguments.review, arguments.agency, arguments.include_superseded)
    finally:
        workspace.close()
    if arguments.format == "json":
        print(rendering.entries_json(arguments.review, listed))
    elif arguments.format == "csv":
        sys.stdout.write(rendering.entries_csv(listed))
    else:
        print(rendering.entries_table(listed))
    return 0


def run_rebuild(arguments: argparse.Namespace) -> int:
    """`chronology rebuild`: drop and rebuild the read models from the event log."""
    workspace = Workspace(StoreSettings.resolve(arguments.db))
    bar = ProgressBar("Rebuilding", minimum_total=0)
    try:
        position = workspace.rebuild(bar)
    finally:
        bar.finish()
        workspace.close()
    print(f"Read models rebuilt from {position} events.")
    return 0


def run_demo(arguments: argparse.Namespace) -> int:
    """`chronology demo`: the main job on the shipped example review."""
    from api.demo import run_demo_review

    return run_demo_review(arguments.db)


def _command(commands, name, help_text, handler, with_db=True):  # type: ignore[no-untyped-def]
    command = commands.add_parser(name, help=help_text, description=help_text)
    if with_db:
        command.add_argument("--db", help="SQLite file or postgresql:// URL (default: $CHRONOLOGY_DATABASE_URL "
                                          "or ./chronology.sqlite3)")
    command.set_defaults(run=handler)
    return command


def _user(arguments: argparse.Namespace) -> str:
    return str(arguments.user or os.environ.get(USER_VARIABLE) or getpass.getuser())


if __name__ == "__main__":
    sys.exit(main())

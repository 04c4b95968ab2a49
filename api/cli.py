"""The `chronology` command line: one subcommand per use case, every one on the same store.

Every subcommand opens the store named by `--db` (else CHRONOLOGY_DATABASE_URL, else
./chronology.sqlite3). Errors are printed as one clear line and exit with status 2.
Subcommands live in cli_intake (agency files), cli_review (reading) and cli_chair (decisions).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from adapters.store_outage import STORE_UNAVAILABLE_ERRORS, outage_kind
from api import (
    cli_chair,
    cli_export,
    cli_intake,
    cli_questions,
    cli_rekey,
    cli_review,
    cli_server,
    cli_status,
)
from domain.errors import ChronologyError


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    arguments = build_parser().parse_args(argv)
    try:
        return int(arguments.run(arguments))
    except ChronologyError as error:
        print(f"chronology: {error}", file=sys.stderr)
        return 2
    except STORE_UNAVAILABLE_ERRORS as error:
        # Nothing half-done is left (every use case writes in one transaction): run it again.
        print(
            f"chronology: the store is unavailable, try again shortly ({outage_kind(error)})",
            file=sys.stderr,
        )
        return 2
    except BrokenPipeError:
        return 0  # the reader (e.g. `| head`) stopped listening; not an error of ours
    except OSError as error:
        print(f"chronology: {error.strerror}: {error.filename}", file=sys.stderr)
        return 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="chronology",
        description="Merge agencies' chronologies for a statutory review: import files, read "
        "the merged "
        "chronology and its conflict markers, record the chair's decisions, audit and export. "
        "Every command works on the store named by --db (else $CHRONOLOGY_DATABASE_URL, else "
        "./chronology.sqlite3).",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    for module in (
        cli_intake,
        cli_review,
        cli_chair,
        cli_questions,
        cli_server,
        cli_export,
        cli_rekey,
        cli_status,
    ):
        module.register(commands)
    return parser


if __name__ == "__main__":
    sys.exit(main())

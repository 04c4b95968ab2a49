"""Subcommands for what leaves the system: `export` (Word, Excel, CSV, JSON) and `people` (the
review's glossary of pseudonyms, which decides what names an export shows)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from adapters.exports import FORMATS
from api.cli_common import actor, add_actor, add_command, opened
from api.cli_review import LOCAL_ZONE, parse_moment
from api.exporting import ExportOptions, build_document, render_export


def register(commands: Any) -> None:
    """Add the export and people subcommands."""
    export = add_command(
        commands, "export", "the merged chronology as a Word, Excel, CSV or JSON file", run_export
    )
    export.add_argument("out", metavar="OUT", help="the file to write (- for standard output)")
    export.add_argument("--review", required=True)
    export.add_argument("--format", dest="export_format", choices=FORMATS, required=True)
    export.add_argument(
        "--conflicts-only", action="store_true", help="only incidents with a conflict marker"
    )
    export.add_argument(
        "--show-real-names",
        action="store_true",
        help="show real names instead of pseudonyms (only for readers allowed to see them)",
    )
    export.add_argument(
        "--generated-at",
        metavar="2024-01-15T12:00",
        help="the generation time printed in the file (default: now); fix it to reproduce a file",
    )
    when = export.add_mutually_exclusive_group()
    when.add_argument(
        "--as-at",
        metavar="2018-01-15T12:00",
        help="as it stood then (UK local time unless a zone is given)",
    )
    when.add_argument("--as-at-position", type=int, metavar="N", help="as it stood after event N")

    people = commands.add_parser(
        "people",
        help="the people a review names: pseudonyms, roles, aliases",
        description="the people a review names: pseudonyms, roles, aliases",
    )
    actions = people.add_subparsers(required=True, metavar="ACTION")
    add = add_command(
        actions,
        "add",
        "add or update a person (recording a pseudonym again replaces it)",
        run_people_add,
    )
    add.add_argument("--review", required=True)
    add.add_argument(
        "--pseudonym", required=True, help="the name the review publishes, e.g. N or Adult A"
    )
    add.add_argument(
        "--real-name", default="", help="replaced by the pseudonym wherever it appears in exports"
    )
    add.add_argument("--role", default="", help="e.g. victim, perpetrator, child")
    add.add_argument(
        "--alias",
        action="append",
        default=[],
        help="another way records refer to them (repeatable)",
    )
    add_actor(add)
    listing = add_command(actions, "list", "list the review's people", run_people_list)
    listing.add_argument("--review", required=True)
    listing.add_argument("--show-real-names", action="store_true")
    listing.add_argument("--format", choices=("table", "json"), default="table")


def run_export(arguments: argparse.Namespace) -> int:
    """`chronology export`: write the merged chronology as the panel will read it."""
    generated_at = (
        parse_moment(arguments.generated_at) if arguments.generated_at else datetime.now(LOCAL_ZONE)
    )
    options = ExportOptions(
        review=arguments.review,
        export_format=arguments.export_format,
        position=arguments.as_at_position,
        as_at=parse_moment(arguments.as_at) if arguments.as_at else None,
        conflicts_only=arguments.conflicts_only,
        show_real_names=arguments.show_real_names,
        generated_at=generated_at,
    )
    with opened(arguments) as workspace:
        document = build_document(workspace, options)
    content = render_export(document, options.export_format)
    if arguments.out == "-":
        sys.stdout.buffer.write(content)
        return 0
    Path(arguments.out).write_bytes(content)
    names = "real names" if document.shows_real_names else "pseudonyms"
    print(
        f"Wrote {arguments.out}: {len(document.incidents)} incidents, "
        f"{len(document.conflicts)} conflict markers, as at event {document.position}; {names}."
    )
    return 0


def run_people_add(arguments: argparse.Namespace) -> int:
    """`chronology people add`."""
    with opened(arguments) as workspace:
        workspace.record_person(
            arguments.review,
            arguments.pseudonym,
            arguments.real_name,
            arguments.role,
            arguments.alias,
            actor(arguments),
        )
    print(f"Recorded {arguments.pseudonym.strip()} in {arguments.review}.")
    return 0


def run_people_list(arguments: argparse.Namespace) -> int:
    """`chronology people list`: pseudonyms, roles and aliases; real names only when asked."""
    with opened(arguments) as workspace:
        people = workspace.people(arguments.review)
    rows = [
        {
            "pseudonym": p.pseudonym,
            "role": p.role,
            "aliases": list(p.aliases),
            **({"real_name": p.real_name} if arguments.show_real_names else {}),
        }
        for p in people
    ]
    if arguments.format == "json":
        print(
            json.dumps({"review": arguments.review, "people": rows}, indent=2, ensure_ascii=False)
        )
        return 0
    for row in rows:
        real = f"  real name: {row['real_name']}" if "real_name" in row else ""
        aliases = ", ".join(row["aliases"]) or "-"
        print(f"{row['pseudonym']:<14} {row['role'] or '-':<20} aliases: {aliases}{real}")
    print(f"{len(rows)} people")
    return 0

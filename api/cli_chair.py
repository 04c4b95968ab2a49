"""Subcommands for the chair's decisions: resolve, reopen, link, unlink, raise-conflict, note."""

from __future__ import annotations

import argparse
from typing import Any

from api.cli_common import actor, add_actor, add_command, opened
from domain.conflict_kinds import CONFLICT_KINDS
from domain.decisions import Decision


def register(commands: Any) -> None:
    """Add the decision subcommands."""
    resolve = add_command(
        commands, "resolve", "resolve a conflict, with a written rationale", run_resolve
    )
    resolve.add_argument("key", metavar="KEY", help="the conflict key (see `chronology merged`)")
    resolve.add_argument("--review", required=True)
    resolve.add_argument("--decision", required=True, choices=[d.value for d in Decision])
    resolve.add_argument(
        "--accept", metavar="ENTRY", help="with --decision accept: the account that stands"
    )
    resolve.add_argument("--rationale", required=True)
    resolve.add_argument(
        "--expected-version", type=int, help="refuse if the conflict's decisions moved on since"
    )
    add_actor(resolve)

    reopen = add_command(commands, "reopen", "reopen a resolved conflict", run_reopen)
    reopen.add_argument("key", metavar="KEY")
    reopen.add_argument("--review", required=True)
    reopen.add_argument("--rationale", required=True)
    reopen.add_argument("--expected-version", type=int)
    add_actor(reopen)

    link = add_command(commands, "link", "say that entries are the same incident", run_link)
    link.add_argument("entries", nargs="+", metavar="ENTRY")
    link.add_argument("--review", required=True)
    link.add_argument("--rationale", default="")
    add_actor(link)

    unlink = add_command(commands, "unlink", "split an entry out of its incident", run_unlink)
    unlink.add_argument("entry", metavar="ENTRY")
    unlink.add_argument("--review", required=True)
    unlink.add_argument("--rationale", default="")
    add_actor(unlink)

    raised = add_command(
        commands,
        "raise-conflict",
        "mark a disagreement between entries of one incident that no detector marked",
        run_raise_conflict,
    )
    raised.add_argument("entries", nargs="+", metavar="ENTRY")
    raised.add_argument("--review", required=True)
    raised.add_argument("--kind", required=True, choices=CONFLICT_KINDS)
    raised.add_argument("--description", default="", help="what the accounts disagree on")
    add_actor(raised)

    note = add_command(
        commands, "note", "add a panel note to an entry, incident or conflict", run_note
    )
    note.add_argument("target", metavar="ENTRY|INCIDENT|KEY")
    note.add_argument("text")
    note.add_argument("--review", required=True)
    add_actor(note)


def run_resolve(arguments: argparse.Namespace) -> int:
    """`chronology resolve`."""
    with opened(arguments) as workspace:
        version = workspace.resolve(
            arguments.review,
            arguments.key,
            Decision(arguments.decision),
            arguments.accept,
            arguments.rationale,
            actor(arguments),
            arguments.expected_version,
        )
    print(
        f"Conflict {arguments.key} resolved ({arguments.decision}) by {actor(arguments)}; "
        f"decision version {version}."
    )
    return 0


def run_reopen(arguments: argparse.Namespace) -> int:
    """`chronology reopen`."""
    with opened(arguments) as workspace:
        version = workspace.reopen(
            arguments.review,
            arguments.key,
            arguments.rationale,
            actor(arguments),
            arguments.expected_version,
        )
    print(f"Conflict {arguments.key} reopened by {actor(arguments)}; decision version {version}.")
    return 0


def run_link(arguments: argparse.Namespace) -> int:
    """`chronology link`."""
    with opened(arguments) as workspace:
        workspace.link(arguments.review, arguments.entries, arguments.rationale, actor(arguments))
    print(f"Linked {len(arguments.entries)} entries as one incident.")
    return 0


def run_unlink(arguments: argparse.Namespace) -> int:
    """`chronology unlink`."""
    with opened(arguments) as workspace:
        workspace.unlink(arguments.review, arguments.entry, arguments.rationale, actor(arguments))
    print(f"Entry {arguments.entry} split out of its incident.")
    return 0


def run_raise_conflict(arguments: argparse.Namespace) -> int:
    """`chronology raise-conflict`."""
    with opened(arguments) as workspace:
        key = workspace.raise_conflict(
            arguments.review,
            arguments.entries,
            arguments.kind,
            arguments.description,
            actor(arguments),
        )
    print(f"Conflict {key} raised by {actor(arguments)} ({arguments.kind}).")
    return 0


def run_note(arguments: argparse.Namespace) -> int:
    """`chronology note`."""
    with opened(arguments) as workspace:
        workspace.note(arguments.review, arguments.target, arguments.text, actor(arguments))
    print("Note added.")
    return 0

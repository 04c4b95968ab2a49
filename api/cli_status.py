"""`chronology status`: how far each read model has followed the events, and any that stopped."""

from __future__ import annotations

import argparse
from typing import Any

from api.cli_common import add_command, opened
from api.workspace import ReadModelStatus

# Exit status when a read model has stopped, so a monitoring check can tell without parsing.
DEGRADED_EXIT = 1


def register(commands: Any) -> None:
    """Add the status subcommand."""
    add_command(
        commands,
        "status",
        "show each read model's position and any that stopped on an event (exit 1 if so)",
        run_status,
    )


def run_status(arguments: argparse.Namespace) -> int:
    """`chronology status`: one line per read model; a stopped one says where and why."""
    with opened(arguments) as workspace:
        workspace.catch_up()
        statuses = workspace.read_model_status()
    for status in statuses:
        print(status_line(status))
    stopped = [s for s in statuses if s.failure is not None]
    if stopped:
        print(
            f"{len(stopped)} read model{'s' if len(stopped) != 1 else ''} stopped; fix the cause "
            "(see the log), then run `chronology rebuild`."
        )
        return DEGRADED_EXIT
    print("Every read model is following the events.")
    return 0


def status_line(status: ReadModelStatus) -> str:
    """`merged: 1,234 of 1,234 events` or the stop: `people: STOPPED at notification 57 ...`."""
    if status.failure is None:
        return f"{status.name}: {status.position:,} of {status.latest:,} events"
    failure = status.failure
    return (
        f"{status.name}: STOPPED at notification {failure.notification_id} ({failure.topic}), "
        f"{status.position:,} of {status.latest:,} events applied, since {failure.failed_at}: "
        f"{failure.reason}"
    )

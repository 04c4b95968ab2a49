"""What every subcommand shares: the --db option, opening the workspace, and who is acting."""

from __future__ import annotations

import argparse
import getpass
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from adapters.store import StoreSettings
from api.http.settings import ServerSettings
from api.workspace import Workspace

USER_VARIABLE = "CHRONOLOGY_USER"

Handler = Callable[[argparse.Namespace], int]


def add_command(
    commands: Any, name: str, help_text: str, handler: Handler, with_db: bool = True
) -> argparse.ArgumentParser:
    """Add a subcommand that runs `handler`, with the --db option unless told otherwise."""
    command: argparse.ArgumentParser = commands.add_parser(
        name, help=help_text, description=help_text
    )
    if with_db:
        command.add_argument(
            "--db",
            help="SQLite file or postgresql:// URL (default: $CHRONOLOGY_DATABASE_URL "
            "or ./chronology.sqlite3)",
        )
    command.set_defaults(run=handler)
    return command


def add_actor(command: argparse.ArgumentParser) -> None:
    """The --as option: who is acting (default: $CHRONOLOGY_USER, else the login name)."""
    command.add_argument(
        "--as", dest="user", help="who is acting (default: $CHRONOLOGY_USER or your login)"
    )


def actor(arguments: argparse.Namespace) -> str:
    """Who is acting, from --as, the environment, or the login name."""
    return str(
        getattr(arguments, "user", None) or os.environ.get(USER_VARIABLE) or getpass.getuser()
    )


@contextmanager
def opened(arguments: argparse.Namespace) -> Iterator[Workspace]:
    """The workspace on the store the command names, closed afterwards; uploads are bounded by
    the same CHRONOLOGY_MAX_* settings as the server's."""
    workspace = Workspace(StoreSettings.resolve(arguments.db), ServerSettings().intake_limits())
    try:
        yield workspace
    finally:
        workspace.close()

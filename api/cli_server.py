"""Subcommands for running the HTTP API: `serve`, `follow` (the read-model follower `serve`
starts beside several workers), and `users add|list|revoke` for its tokens."""

from __future__ import annotations

import argparse
import copy
import logging.config
import os
import signal
import threading
from types import FrameType
from typing import Any

from adapters.store import DATABASE_URL_VARIABLE, StoreSettings
from adapters.users import Role, UserStore
from api.cli_common import add_command, opened

# How a worker process learns that a follower applies the events (api.http.settings.catch_up).
CATCH_UP_VARIABLE = "CHRONOLOGY_CATCH_UP"


def register(commands: Any) -> None:
    """Add the server and user-management subcommands."""
    serve = add_command(commands, "serve", "serve the HTTP API (docs at /docs)", run_serve)
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1, help="server processes sharing the store")
    serve.add_argument(
        "--follower",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="run a follower process that brings the read models up to date, so uploads answer "
        "once stored (default: with more than one worker)",
    )
    serve.add_argument(
        "--proxy-headers",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="trust X-Forwarded-* from --forwarded-allow-ips (behind a TLS proxy)",
    )
    serve.add_argument(
        "--forwarded-allow-ips",
        default="127.0.0.1",
        help="proxies whose X-Forwarded-* headers are trusted (default 127.0.0.1)",
    )

    follow = add_command(
        commands,
        "follow",
        "keep every read model up to date with the events until stopped (as `serve` does "
        "beside several workers)",
        run_follow,
    )
    # The server that started it (`serve`): the follower stops once that process has gone.
    follow.add_argument("--parent", type=int, help=argparse.SUPPRESS)

    users = commands.add_parser(
        "users", help="API users and their tokens", description="API users and tokens"
    )
    user_commands = users.add_subparsers(required=True, metavar="ACTION")
    add = add_command(
        user_commands, "add", "issue a token to a new user (printed once)", run_users_add
    )
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--agency", help="with --role agency: the agency it uploads for")
    add.add_argument(
        "--review", action="append", default=[], help="a review the user may act on; repeatable"
    )
    add_command(user_commands, "list", "list users (never their tokens)", run_users_list)
    revoke = add_command(user_commands, "revoke", "stop a user's token working", run_users_revoke)
    revoke.add_argument("name", metavar="NAME")


def run_serve(arguments: argparse.Namespace) -> int:
    """`chronology serve`: the HTTP API under uvicorn (and, with several workers, a follower)."""
    from api.follower_process import follower_command, running_follower
    from api.http import ServerSettings, create_app

    store = StoreSettings.resolve(arguments.db)
    with_follower = arguments.workers > 1 if arguments.follower is None else arguments.follower
    # Worker processes read their settings from the environment, so the store travels there.
    os.environ[DATABASE_URL_VARIABLE] = store.url
    if with_follower:
        os.environ[CATCH_UP_VARIABLE] = "follower"  # else as set (a follower run apart, say)
    options: dict[str, Any] = {
        "host": arguments.host,
        "port": arguments.port,
        "access_log": False,  # its lines hold query values
        "log_config": _log_config(),
        "proxy_headers": arguments.proxy_headers,
        "forwarded_allow_ips": arguments.forwarded_allow_ips,
    }
    application = create_app(ServerSettings())  # refuses a bad store before listening
    if not with_follower:
        _serve(application, arguments.workers, options)
        return 0
    logging.config.dictConfig(options["log_config"])
    with running_follower(follower_command(store.url, os.getpid())):
        _serve(application, arguments.workers, options)
    return 0


def _serve(application: Any, workers: int, options: dict[str, Any]) -> None:
    import uvicorn

    if workers > 1:
        application.state.workspace.close()
        uvicorn.run("api.http.app:app_from_environment", factory=True, workers=workers, **options)
    else:
        uvicorn.run(application, **options)


def run_follow(arguments: argparse.Namespace) -> int:
    """`chronology follow`: apply new events to the read models until SIGTERM or Ctrl-C."""
    from api.follower_process import follow
    from api.http import ServerSettings

    settings = ServerSettings()
    if settings.follower_niceness:
        os.nice(settings.follower_niceness)  # merges yield the cores to requests being answered
    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(message)s")
    stop = threading.Event()

    def stopping(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, stopping)
    signal.signal(signal.SIGINT, stopping)
    with opened(arguments) as workspace:
        follow(workspace, stop, settings.follower_poll_seconds, parent=arguments.parent)
    return 0


def run_users_add(arguments: argparse.Namespace) -> int:
    """`chronology users add`: print the new token once."""
    with opened(arguments) as workspace:
        token = UserStore(workspace.engine).add(
            arguments.name, Role(arguments.role), arguments.agency, tuple(arguments.review)
        )
    print(
        f"Added {arguments.role} {arguments.name.strip()!r}. "
        "Their API token (shown only now; store it safely):"
    )
    print(token)
    return 0


def run_users_list(arguments: argparse.Namespace) -> int:
    """`chronology users list`."""
    with opened(arguments) as workspace:
        users = UserStore(workspace.engine).users()
    for user in users:
        scope = "all reviews" if user.role is Role.ADMINISTRATOR else ", ".join(user.reviews)
        agency = f" ({user.agency})" if user.agency else ""
        state = f"revoked {user.revoked_at[:19]}" if user.revoked_at else "active"
        print(f"{user.name:<20} {user.role.value:<14}{agency:<30} {scope:<30} {state}")
    return 0


def run_users_revoke(arguments: argparse.Namespace) -> int:
    """`chronology users revoke`."""
    with opened(arguments) as workspace:
        UserStore(workspace.engine).revoke(arguments.name)
    print(f"Revoked {arguments.name!r}: their token no longer works.")
    return 0


def _log_config() -> dict[str, Any]:
    """uvicorn's logging, plus our request log (method, route template, status, who)."""
    from uvicorn.config import LOGGING_CONFIG

    config: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    for logger in ("chronology.http", "chronology.follower"):
        config["loggers"][logger] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config

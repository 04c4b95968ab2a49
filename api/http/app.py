"""Building the FastAPI application from settings: no globals, one Workspace per app.

`create_app(settings)` opens the store (refusing an encrypted store without its key) and wires the
routers, error handlers and middleware. `app_from_environment` is the import-string factory
uvicorn calls in each worker process when serving with several workers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import timedelta

from fastapi import FastAPI

from adapters.held_uploads import HeldUploads
from adapters.sessions import Clock, SessionStore, utc_now
from adapters.users import UserStore
from api.http.errors import install_error_handlers
from api.http.request_log import RequestLogMiddleware
from api.http.routers import (
    chair,
    exports,
    merged,
    people,
    questions,
    records,
    reviews,
    submissions,
)
from api.http.settings import ServerSettings
from api.http.text_guard import TextGuardMiddleware
from api.http.upload_limit import UploadLimitMiddleware
from api.web import install_web
from api.workspace import Workspace

DESCRIPTION = """The chronology merger for statutory death reviews, over HTTP.

**Authentication.** Every endpoint except `/health` needs `Authorization: Bearer TOKEN`, a token
issued by `chronology users add`. A missing, unknown or revoked token is 401; a token whose role or
reviews do not allow the action is 403. Nothing is stored in either case.

**Roles.** administrator: everything. chair (of given reviews): read everything of them, decide,
manage people, upload a file an agency sent them (recorded as from that agency). panel: read-only
of given reviews. agency: upload for its own agency and read only its own submissions and
entries, for the reviews it is given. auditor: audit trail, verify, history.

**Uploads** are limited to CHRONOLOGY_MAX_UPLOAD_BYTES (default 20 MiB; currently {limit:,} bytes):
larger files get 413. A file with more than {columns:,} columns (CHRONOLOGY_MAX_COLUMNS), a cell
of more than {cell:,} characters (CHRONOLOGY_MAX_CELL_CHARACTERS) or more than {rows:,} rows
(CHRONOLOGY_MAX_ROWS) gets 422 naming where. Text no store can keep gets 422 naming the field:
NUL in any cell or parameter, a control character in a name, or one other than tab or line
break in a note or rationale.

**Errors** are JSON `{{"detail": "..."}}` naming the problem: 400/422 bad input, 404 unknown review
or entry, 409 a decision someone else made first (look again and retry)."""


def create_app(settings: ServerSettings | None = None, clock: Clock = utc_now) -> FastAPI:
    """The HTTP API on the store `settings` name (default: from CHRONOLOGY_* variables).

    `clock` tells web sessions the time (tests pass one they can move on).
    """
    settings = settings or ServerSettings()
    workspace = Workspace(
        settings.store(), settings.intake_limits(), follower_runs=settings.catch_up == "follower"
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        workspace.close()

    app = FastAPI(
        title="Chronology merger",
        version="1",
        lifespan=lifespan,
        description=DESCRIPTION.format(
            limit=settings.max_upload_bytes,
            columns=settings.max_columns,
            cell=settings.max_cell_characters,
            rows=settings.max_rows,
        ),
    )
    app.state.settings = settings
    app.state.workspace = workspace
    app.state.users = UserStore(workspace.engine)
    app.state.held_uploads = HeldUploads(
        workspace.engine,
        timedelta(minutes=settings.upload_hold_minutes),
        workspace.settings.encryption_key,
    )
    app.state.sessions = SessionStore(workspace.engine, settings.session_policy(), clock)
    for module in (reviews, submissions, merged, chair, questions, people, records, exports):
        app.include_router(module.router)
    app.add_api_route(
        "/health",
        health_of(workspace),
        methods=["GET"],
        tags=["health"],
        summary="Is the server up, and is every read model following the events?",
    )
    install_web(app)  # the chair's workspace in the browser, under /web/
    install_error_handlers(app)
    app.add_middleware(UploadLimitMiddleware, max_upload_bytes=settings.max_upload_bytes)
    app.add_middleware(TextGuardMiddleware)
    app.add_middleware(RequestLogMiddleware)
    return app


def app_from_environment() -> FastAPI:
    """The app configured from CHRONOLOGY_* environment variables (for `uvicorn --factory`)."""
    return create_app(ServerSettings())


def health_of(workspace: Workspace) -> Callable[[], dict[str, object]]:
    """The `/health` check: "ok", or "degraded" naming the read models that stopped and where,
    with how many stored events the read models still following have yet to apply.

    Still 200 when degraded: the event store and the other read models keep serving, and every
    process shares the store, so taking them out of a load balancer would only stop those too.
    It needs no token and says nothing about reviews.
    """

    def health() -> dict[str, object]:
        stopped = workspace.stopped_read_models()
        to_apply = workspace.events_to_apply()
        if not stopped:
            return {"status": "ok", "events_to_apply": to_apply}
        return {
            "status": "degraded",
            "events_to_apply": to_apply,
            "stopped_read_models": [
                {"name": f.name, "notification_id": f.notification_id} for f in stopped
            ],
        }

    return health

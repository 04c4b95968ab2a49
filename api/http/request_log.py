"""Request logging without personal data: method, route template, status, duration and who.

Chronologies are about real people, so the log never holds a URL's values (review names, entry
ids, query strings), request bodies or file contents: only the route's template, e.g.
`GET /reviews/{review}/merged 200 12.3ms user=alice role=chair`.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("chronology.http")


class RequestLogMiddleware:
    """ASGI middleware that logs one line per HTTP request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status_code = 500  # what the client sees if the app fails before responding

        async def send_and_note_status(message: Message) -> None:
            nonlocal status_code
            if message["type"] == "http.response.start":
                status_code = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_and_note_status)
        finally:
            logger.info(
                "%s %s %d %.1fms user=%s role=%s",
                scope["method"],
                route_template(scope),
                status_code,
                (time.perf_counter() - started) * 1000,
                *_who(scope),
            )


def route_template(scope: Scope) -> str:
    """The matched route's path template, or a fixed placeholder (never the raw path)."""
    route: Any = scope.get("route")
    template = getattr(route, "path", None)
    return str(template) if template else "(no matching route)"


def _who(scope: Scope) -> tuple[str, str]:
    state = scope.get("state") or {}
    return str(state.get("user_name", "-")), str(state.get("user_role", "-"))

"""Refusing a request whose path or query holds a character no store can take (NUL), with 422.

Writes are checked by the domain, field by field; this guards the lookups. A review name or a
search with NUL in it would reach a PostgreSQL query and fail there, where SQLite just finds
nothing, so both stores answer it alike: a clear 422 before any route runs.
"""

from __future__ import annotations

import html
import json
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

from domain.text import UnstorableTextError, check_cells


class TextGuardMiddleware:
    """ASGI middleware answering 422 for a path or query parameter no store can hold."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        problem = _problem(scope) if scope["type"] == "http" else None
        if problem is None:
            await self.app(scope, receive, send)
            return
        if str(scope.get("path", "")).startswith("/web/"):  # a person, not a program
            body, media = _page(problem), b"text/html; charset=utf-8"
        else:
            body, media = json.dumps({"detail": problem}).encode(), b"application/json"
        await send(
            {
                "type": "http.response.start",
                "status": 422,
                "headers": [
                    (b"content-type", media),
                    (b"content-length", str(len(body)).encode()),
                    (b"content-security-policy", b"default-src 'none'; style-src 'self'"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _problem(scope: Scope) -> str | None:
    """What is wrong with the path or query, in words naming where; None when all is well."""
    try:
        check_cells([str(scope.get("path", ""))], "the address")
        query = bytes(scope.get("query_string", b"")).decode("latin-1")
        for name, value in parse_qsl(query, keep_blank_values=True):
            check_cells([name], "a query parameter's name")
            check_cells([value], f"query parameter {name!r}")
    except UnstorableTextError as error:
        return str(error)
    return None


def _page(message: str) -> bytes:
    return (
        '<!doctype html><html lang="en-GB"><head><meta charset="utf-8">'
        "<title>That cannot be looked up – Chronology merger</title>"
        '<link rel="stylesheet" href="/web/static/web.css"></head><body>'
        '<main id="main"><h1>That cannot be looked up</h1>'
        f'<p class="problem" role="alert">{html.escape(message)}</p>'
        '<p><a href="/web/">Return to your reviews</a>.</p></main></body></html>'
    ).encode()

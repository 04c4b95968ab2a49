"""Refusing request bodies over the upload limit before reading them (413).

The handler checks the file's exact size too; this middleware saves reading (and spooling to
disk) a body whose declared length is already too large.
"""

from __future__ import annotations

import html
import json
import logging

from starlette.types import ASGIApp, Receive, Scope, Send

log = logging.getLogger("chronology.upload")

# Room for the multipart boundaries and the small form fields around the file.
FORM_OVERHEAD_BYTES = 64 * 1024


class UploadLimitMiddleware:
    """ASGI middleware answering 413 when Content-Length exceeds the limit plus form overhead."""

    def __init__(self, app: ASGIApp, max_upload_bytes: int) -> None:
        self.app = app
        self.max_upload_bytes = max_upload_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        declared = _content_length(scope) if scope["type"] == "http" else None
        if declared is not None and declared > self.max_upload_bytes + FORM_OVERHEAD_BYTES:
            if str(scope.get("path", "")).startswith("/web/"):  # a person, not a program
                body, media = _page(too_large_in_words(self.max_upload_bytes)), b"text/html"
                log.warning(
                    "upload refused: %s bytes declared, limit %s (CHRONOLOGY_MAX_UPLOAD_BYTES)",
                    declared,
                    self.max_upload_bytes,
                )
            else:
                body = json.dumps({"detail": too_large_message(self.max_upload_bytes)}).encode()
                media = b"application/json"
            await send(
                {
                    "type": "http.response.start",
                    "status": 413,
                    "headers": [
                        (
                            b"content-type",
                            media + (b"; charset=utf-8" if media == b"text/html" else b""),
                        ),
                        (b"content-length", str(len(body)).encode()),
                        (b"connection", b"close"),
                        (b"content-security-policy", b"default-src 'none'; style-src 'self'"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


def too_large_message(max_upload_bytes: int) -> str:
    """What an API client is told when its file is too large (operators read the API too)."""
    return (
        f"the file is larger than this server accepts ({max_upload_bytes:,} bytes; "
        "set CHRONOLOGY_MAX_UPLOAD_BYTES to change it)"
    )


def too_large_in_words(max_upload_bytes: int) -> str:
    """What a person in the browser is told: what went wrong and what to do, no settings."""
    size = (
        f"{max_upload_bytes / 1_000_000:,.0f} MB"
        if max_upload_bytes >= 1_000_000
        else f"{max(1, max_upload_bytes // 1000):,} KB"
    )
    return (
        f"That file is larger than this workspace accepts (at most {size}). "
        "Split the chronology into two files by date and upload each, or ask your administrator "
        "to raise the limit."
    )


def _page(message: str) -> bytes:
    """A small page in the workspace's own style, for a body refused before any route runs."""
    return (
        '<!doctype html><html lang="en-GB"><head><meta charset="utf-8">'
        "<title>That file is too large – Chronology merger</title>"
        '<link rel="stylesheet" href="/web/static/web.css"></head><body>'
        '<main id="main"><h1>That file is too large</h1>'
        f'<p class="problem" role="alert">{html.escape(message)}</p>'
        "<p>Go back to the upload form, or "
        '<a href="/web/">return to your reviews</a>.</p></main></body></html>'
    ).encode()


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None

"""Refusing request bodies over the upload limit before reading them (413).

The handler checks the file's exact size too; this middleware saves reading (and spooling to
disk) a body whose declared length is already too large.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Receive, Scope, Send

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
            body = json.dumps({"detail": too_large_message(self.max_upload_bytes)}).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 413,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                        (b"connection", b"close"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


def too_large_message(max_upload_bytes: int) -> str:
    """What a client is told when its file is too large."""
    return (
        f"the file is larger than this server accepts ({max_upload_bytes:,} bytes; "
        "set CHRONOLOGY_MAX_UPLOAD_BYTES to change it)"
    )


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None

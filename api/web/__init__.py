"""The chair's workspace in the browser: server-rendered pages over the same Workspace as the API.

`install_web(app)` adds the page routers and the static files (CSS and a little JavaScript) to
the FastAPI app. Pages authenticate with a server-side session, opened by signing in with the
user's API token (api.web.session), and allow exactly what the API allows (api.web.permissions).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api.web import (
    audit_pages,
    chronology_pages,
    conflict_pages,
    export_pages,
    incident_pages,
    people_pages,
    review_pages,
    session_pages,
    upload_pages,
)
from api.web.rendering import page_environment

STATIC = Path(__file__).parent / "static"


def install_web(app: FastAPI) -> None:
    """Serve the web pages under /web/ (and redirect / there)."""
    app.state.web_pages = page_environment()
    for module in (
        session_pages,
        review_pages,
        upload_pages,
        chronology_pages,
        conflict_pages,
        incident_pages,
        people_pages,
        audit_pages,
        export_pages,
    ):
        app.include_router(module.router)
    app.mount("/web/static", StaticFiles(directory=STATIC), name="web-static")


__all__ = ["install_web"]

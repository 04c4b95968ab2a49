"""The HTTP API for agencies, chairs, panels and auditors, over the same Workspace as the CLI.

Map: `app` builds the application (create_app), `settings` reads configuration, `access` says
which role may do what, `dependencies` authenticates and checks access per request, `errors`
turns domain errors into 4xx JSON, `request_log` logs requests without personal data, and
`routers/` (one per resource) use `schemas/` for their request and response bodies.
"""

from __future__ import annotations

from api.http.app import app_from_environment, create_app
from api.http.settings import ServerSettings

__all__ = ["ServerSettings", "app_from_environment", "create_app"]

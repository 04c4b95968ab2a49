"""Turning errors into clear 4xx JSON (`{"detail": "..."}`) that names the problem.

Domain errors map by kind: a file or decision the rules refuse is 422, something not found is
404, a decision someone else made first is 409. Request validation errors become one sentence.
A store that cannot be reached (PostgreSQL restarting) is 503 with Retry-After: nothing was
half-stored, and the same request succeeds once the store is back.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from adapters.errors import ColumnMappingError, UnreadableFileError
from adapters.store_outage import RETRY_AFTER_SECONDS, STORE_UNAVAILABLE_ERRORS, outage_kind
from adapters.users import UserError
from api.http.access import AccessDeniedError
from domain.decisions import ConcurrentDecisionError, DecisionRefusedError
from domain.errors import (
    ChronologyError,
    ReviewNotFoundError,
    SubmissionNotSavedError,
    SubmissionRaceError,
)
from domain.text import UnstorableTextError
from projections.merged.lookup import EntryNotFoundError

STORE_UNAVAILABLE = "the store is unavailable, try again shortly"
log = logging.getLogger("chronology.http")

# Most specific first: the first class the error is an instance of decides the status.
STATUS_OF: list[tuple[type[Exception], int]] = [
    (AccessDeniedError, status.HTTP_403_FORBIDDEN),
    (ReviewNotFoundError, status.HTTP_404_NOT_FOUND),
    (EntryNotFoundError, status.HTTP_404_NOT_FOUND),
    (ConcurrentDecisionError, status.HTTP_409_CONFLICT),
    (SubmissionRaceError, status.HTTP_409_CONFLICT),
    (SubmissionNotSavedError, status.HTTP_409_CONFLICT),
    (UnreadableFileError, status.HTTP_422_UNPROCESSABLE_CONTENT),
    (ColumnMappingError, status.HTTP_422_UNPROCESSABLE_CONTENT),
    (DecisionRefusedError, status.HTTP_422_UNPROCESSABLE_CONTENT),
    (UserError, status.HTTP_422_UNPROCESSABLE_CONTENT),
    (UnstorableTextError, status.HTTP_422_UNPROCESSABLE_CONTENT),
    (ChronologyError, status.HTTP_400_BAD_REQUEST),
]


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that shape every error response."""
    for error_class, _ in STATUS_OF:
        app.add_exception_handler(error_class, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    for error_class in STORE_UNAVAILABLE_ERRORS:
        app.add_exception_handler(error_class, _store_unavailable)


async def _domain_error(request: Request, error: Exception) -> JSONResponse:
    code = next(code for error_class, code in STATUS_OF if isinstance(error, error_class))
    return JSONResponse({"detail": str(error)}, status_code=code)


async def _store_unavailable(request: Request, error: Exception) -> JSONResponse:
    log.warning("store unavailable: %s", outage_kind(error))
    return JSONResponse(
        {"detail": STORE_UNAVAILABLE},
        status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


async def _validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    problems = [_problem(e) for e in error.errors()]
    return JSONResponse(
        {"detail": "; ".join(problems) or "the request is not valid"},
        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
    )


def _problem(error: dict[str, object]) -> str:
    location = error.get("loc") or ()
    parts = [str(p) for p in location] if isinstance(location, (list, tuple)) else [str(location)]
    where = (
        {
            "query": "query parameter",
            "path": "path parameter",
            "body": "body field",
            "header": "header",
            "cookie": "cookie",
        }.get(parts[0], parts[0])
        if parts
        else "request"
    )
    name = ".".join(parts[1:])
    # The message only: the input itself is left out, as it may hold personal data.
    return (
        f"{where} {name!r}: {error.get('msg', 'is not valid')}"
        if name
        else f"{where}: {error.get('msg')}"
    )

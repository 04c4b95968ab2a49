"""Turning errors into clear 4xx JSON (`{"detail": "..."}`) that names the problem.

Domain errors map by kind: a file or decision the rules refuse is 422, something not found is
404, a decision someone else made first is 409. Request validation errors become one sentence.
"""

from __future__ import annotations

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from adapters.errors import ColumnMappingError, UnreadableFileError
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


async def _domain_error(request: Request, error: Exception) -> JSONResponse:
    code = next(code for error_class, code in STATUS_OF if isinstance(error, error_class))
    return JSONResponse({"detail": str(error)}, status_code=code)


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

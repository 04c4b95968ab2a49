"""Errors on the web pages become HTML pages (the API's own handlers answer in JSON).

Every web router uses `PageRoute`: no session sends the browser to sign in; a refused action,
an unknown review or a rule the domain refuses is shown as a page naming the problem; a store
that cannot be reached (PostgreSQL restarting) as a 503 page saying to try again shortly.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute

from adapters.errors import ColumnMappingError, UnreadableFileError
from adapters.intake_limits import UploadTooLargeToReadError
from adapters.store_outage import RETRY_AFTER_SECONDS, STORE_UNAVAILABLE_ERRORS, outage_kind
from adapters.users import User
from api.http.access import AccessDeniedError
from api.web.rendering import render
from api.web.session import CsrfError, SignInRequiredError, signed_in_user
from domain.decisions import ConcurrentDecisionError, DecisionRefusedError
from domain.errors import ChronologyError, ReviewNotFoundError
from domain.questions import StaleAnswerError
from domain.text import UnstorableTextError
from projections.merged.lookup import EntryNotFoundError

Handler = Callable[[Request], Coroutine[Any, Any, Response]]
log = logging.getLogger("chronology.web")


class PageNotFoundError(ChronologyError):
    """Raised when a page names an incident or conflict the review does not hold (any more)."""


class UploadTooLargeError(ChronologyError):
    """Raised when an uploaded file is larger than the server accepts."""


# Most specific first, as in api.http.errors: (error class, status, page heading).
PROBLEMS: list[tuple[type[Exception], int, str]] = [
    (AccessDeniedError, 403, "Not allowed"),
    (CsrfError, 403, "This form has expired"),
    (ReviewNotFoundError, 404, "Not found"),
    (EntryNotFoundError, 404, "Not found"),
    (PageNotFoundError, 404, "Not found"),
    (StaleAnswerError, 409, "That answer was not recorded"),
    (ConcurrentDecisionError, 409, "Someone else decided this first"),
    (UploadTooLargeError, 413, "That file is too large"),
    (UploadTooLargeToReadError, 422, "That file is too large to read"),
    (UnreadableFileError, 422, "That file is not a chronology"),
    (ColumnMappingError, 422, "The column mapping is not valid"),
    (DecisionRefusedError, 422, "That decision cannot be recorded"),
    (UnstorableTextError, 422, "Something you entered cannot be stored"),
    (RequestValidationError, 422, "Something in the request is not valid"),
    (ChronologyError, 400, "That cannot be done"),
]


class PageRoute(APIRoute):
    """A route whose errors are answered with an HTML page (or a redirect to sign in)."""

    def get_route_handler(self) -> Handler:
        original = super().get_route_handler()

        async def handler(request: Request) -> Response:
            try:
                response = await original(request)
            except SignInRequiredError:
                return _to_sign_in(request)
            except STORE_UNAVAILABLE_ERRORS as error:
                return _store_unavailable_page(request, error)
            except tuple(error for error, _, _ in PROBLEMS) as error:
                return _problem_page(request, error)
            return response

        return handler


def _to_sign_in(request: Request) -> Response:
    # The path as sent (still percent-encoded), so "DHR%207" comes back as it went.
    raw = request.scope.get("raw_path", b"").decode("latin-1") or request.url.path
    wanted = raw + (f"?{request.url.query}" if request.url.query else "")
    target = "/web/sign-in" + (f"?next={quote(wanted, safe='')}" if request.method == "GET" else "")
    return RedirectResponse(target, status_code=303)


def _problem_page(request: Request, error: Exception) -> Response:
    code, heading = next((c, h) for cls, c, h in PROBLEMS if isinstance(error, cls))
    message = _message(error)
    review = request.path_params.get("review")
    user = _user_if_signed_in(request)
    context = {"heading": heading, "message": message, "review": review if user else None}
    return render(request, "problem.html", context, user=user, status_code=code)


def _store_unavailable_page(request: Request, error: Exception) -> Response:
    """The page for a store that cannot be reached; it asks the store nothing (not even who is
    signed in), since the store is what is missing."""
    log.warning("store unavailable: %s", outage_kind(error))
    context = {
        "heading": "The chronology cannot be reached just now",
        "message": (
            "The store that holds the chronology is unavailable, usually for a minute or less. "
            "Please try again shortly. Nothing is stored half-way: anything you were sending "
            "was either stored whole or not at all, so it is safe to send it again."
        ),
        "review": None,
    }
    response = render(request, "problem.html", context, status_code=503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _message(error: Exception) -> str:
    if isinstance(error, CsrfError):
        return (
            "The page was open too long or came from elsewhere. Go back, reload it and try again."
        )
    if isinstance(error, StaleAnswerError):
        return in_web_words(str(error))  # it says who answered, and when
    if isinstance(error, ConcurrentDecisionError):
        return (
            "Someone else decided this conflict since you opened the page; nothing was recorded. "
            "Reload the conflict to see their decision, then decide again if you still need to."
        )
    if isinstance(error, RequestValidationError):
        fields = sorted({str(e.get("loc", ("", "?"))[-1]) for e in error.errors()})
        return "Please check: " + ", ".join(fields) + "."
    return in_web_words(str(error))


# The domain and intake explain themselves to the command line too; a person in the browser is
# told the same thing in the page's own words (the form field, the page), never a flag or a
# setting. The operator's detail goes to the log.
_WEB_WORDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"--map names a column"), "the column instructions name a column"),
    (re.compile(r"--map gives"), "the column instructions give"),
    (re.compile(r"--map "), "the column instruction "),
    (re.compile(r"--map"), "the column instructions"),
    (
        re.compile(r";? ?list them with `chronology merged --conflicts-only`"),
        "; see the Conflicts page",
    ),
    (re.compile(r" ?\(see `chronology entries`\)"), ""),
    (re.compile(r"`chronology [^`]*`"), "the workspace"),
    (re.compile(r" ?[(;][^();]*\bCHRONOLOGY_[A-Z_]+\b[^()]*\)?"), ""),
]


def in_web_words(message: str) -> str:
    """`message` without command-line flags, commands or environment variables."""
    worded = message
    for pattern, words in _WEB_WORDS:
        worded = pattern.sub(words, worded)
    if worded != message:
        log.info("web problem shown in web words (operator detail): %s", message[:300])
    worded = worded.strip()
    return worded[:1].upper() + worded[1:] if worded else worded


def _user_if_signed_in(request: Request) -> User | None:
    try:
        return signed_in_user(request)
    except SignInRequiredError:
        return None

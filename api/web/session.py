"""Signing in to the web pages: the session cookie (which holds the API token) and CSRF tokens.

The browser keeps the user's own API token in an HttpOnly, SameSite=Strict cookie, so the pages
authenticate exactly as the API does. Every state-changing form carries a CSRF token derived from
that token with HMAC: unforgeable without the token, and the same in every server process.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import Request, Response

from adapters.users import User, UserStore

SESSION_COOKIE = "chronology_session"
# Before sign-in there is no token to derive from: a random double-submit value guards the form.
SIGN_IN_COOKIE = "chronology_sign_in"
COOKIE_PATH = "/web"
SESSION_SECONDS = 8 * 60 * 60  # a working day; the chair signs in again tomorrow


class SignInRequiredError(Exception):
    """Raised when a page needs a signed-in user and the request has no valid session."""


class CsrfError(Exception):
    """Raised when a form arrives without the CSRF token of the session it claims to come from."""


def signed_in_user(request: Request) -> User:
    """The active user whose token the session cookie holds (raises SignInRequiredError)."""
    token = request.cookies.get(SESSION_COOKIE)
    users: UserStore = request.app.state.users
    user = users.authenticate(token) if token else None
    if user is None:
        raise SignInRequiredError()
    # For the request log: who, never what they sent.
    request.state.user_name, request.state.user_role = user.name, user.role.value
    return user


def csrf_token(request: Request) -> str:
    """The CSRF token of the current session (or of the sign-in form, before there is one)."""
    session = request.cookies.get(SESSION_COOKIE)
    if session:
        return _derive(session)
    return request.cookies.get(SIGN_IN_COOKIE, "")


def check_csrf(request: Request, submitted: str) -> None:
    """Raise CsrfError unless `submitted` is the session's CSRF token."""
    expected = csrf_token(request)
    if not expected or not hmac.compare_digest(expected.encode(), submitted.encode()):
        raise CsrfError()


def sign_in_value(request: Request) -> str:
    """The sign-in form's double-submit value (the browser's own, or a new one)."""
    return request.cookies.get(SIGN_IN_COOKIE) or secrets.token_urlsafe(24)


def remember_sign_in(request: Request, response: Response, value: str) -> None:
    """Give the browser the sign-in form's double-submit value as a cookie."""
    _set(request, response, SIGN_IN_COOKIE, value, max_age=60 * 60)


def check_sign_in_form(request: Request, submitted: str) -> None:
    """Raise CsrfError unless the sign-in form came back with the browser's own value."""
    expected = request.cookies.get(SIGN_IN_COOKIE, "")
    if not expected or not hmac.compare_digest(expected.encode(), submitted.encode()):
        raise CsrfError()


def open_session(request: Request, response: Response, token: str) -> None:
    """Remember the token in the session cookie."""
    _set(request, response, SESSION_COOKIE, token, max_age=SESSION_SECONDS)
    response.delete_cookie(SIGN_IN_COOKIE, path=COOKIE_PATH, httponly=True, samesite="strict")


def close_session(response: Response) -> None:
    """Forget the session."""
    response.delete_cookie(SESSION_COOKIE, path=COOKIE_PATH, httponly=True, samesite="strict")


def _set(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=COOKIE_PATH,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


def _derive(session_token: str) -> str:
    return hmac.new(session_token.encode(), b"chronology web csrf v1", hashlib.sha256).hexdigest()

"""Signing in to the web pages: the session cookie (a server-side session's id) and CSRF tokens.

Signing in with an API token opens a session in the store (adapters.sessions); the browser keeps
only the session's random id, in an HttpOnly, SameSite=Strict cookie (Secure over TLS). The token
itself never goes into a cookie, and a session id is no bearer token: the API accepts tokens only.
Every state-changing form carries a CSRF token derived from the session id with HMAC:
unforgeable without the id, and the same in every server process.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import Request, Response

from adapters.sessions import SessionStore
from adapters.users import User, UserStore, token_digest

SESSION_COOKIE = "chronology_session"
# Before sign-in there is no token to derive from: a random double-submit value guards the form.
SIGN_IN_COOKIE = "chronology_sign_in"
COOKIE_PATH = "/web"


class SignInRequiredError(Exception):
    """Raised when a page needs a signed-in user and the request has no valid session."""


class CsrfError(Exception):
    """Raised when a form arrives without the CSRF token of the session it claims to come from."""


def signed_in_user(request: Request) -> User:
    """The active user of the live session the cookie names (raises SignInRequiredError)."""
    session_id = request.cookies.get(SESSION_COOKIE)
    user_key = _sessions(request).user_key(session_id) if session_id else None
    users: UserStore = request.app.state.users
    user = users.holder_of(user_key) if user_key else None
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
    """Open a session for the holder of `token` and give the browser its id (never the token)."""
    sessions = _sessions(request)
    session_id = sessions.open(token_digest(token))
    max_age = int(sessions.policy.absolute.total_seconds())
    _set(request, response, SESSION_COOKIE, session_id, max_age=max_age)
    response.delete_cookie(SIGN_IN_COOKIE, path=COOKIE_PATH, httponly=True, samesite="strict")


def close_sessions(request: Request, response: Response) -> None:
    """End every session of this browser's user, in every browser, and forget the cookie here."""
    session_id = request.cookies.get(SESSION_COOKIE)
    sessions = _sessions(request)
    user_key = sessions.user_key(session_id) if session_id else None
    if user_key:
        sessions.end_all(user_key)
    response.delete_cookie(SESSION_COOKIE, path=COOKIE_PATH, httponly=True, samesite="strict")


def _sessions(request: Request) -> SessionStore:
    sessions: SessionStore = request.app.state.sessions
    return sessions


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


def _derive(session_id: str) -> str:
    return hmac.new(session_id.encode(), b"chronology web csrf v2", hashlib.sha256).hexdigest()

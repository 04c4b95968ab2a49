"""Signing in and out, and the list of reviews a signed-in user may open."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from adapters.users import UserStore
from api.http.dependencies import WorkspaceDep
from api.http.listings import review_rows
from api.web.page_route import PageRoute
from api.web.permissions import SignedInDep
from api.web.rendering import render
from api.web.session import (
    check_csrf,
    check_sign_in_form,
    close_sessions,
    open_session,
    remember_sign_in,
    sign_in_value,
)

router = APIRouter(route_class=PageRoute, include_in_schema=False)

TokenField = Annotated[str, Form(max_length=500)]
CsrfField = Annotated[str, Form(max_length=200)]


@router.get("/")
def root() -> Response:
    """The web pages live under /web/."""
    return RedirectResponse("/web/", status_code=303)


@router.get("/web/sign-in")
def sign_in_form(request: Request, next: str = "") -> Response:
    """The sign-in form: paste the token `chronology users add` issued."""
    value = sign_in_value(request)
    context = {"next": _safe_next(next), "problem": "", "sign_in_value": value}
    response = render(request, "sign_in.html", context)
    remember_sign_in(request, response, value)
    return response


@router.post("/web/sign-in")
def sign_in(
    request: Request, token: TokenField, csrf: CsrfField, next: Annotated[str, Form()] = ""
) -> Response:
    """Check the token like the API does; on success open a session (the cookie holds its id)."""
    check_sign_in_form(request, csrf)
    users: UserStore = request.app.state.users
    if users.authenticate(token.strip()) is None:
        problem = "That token is unknown or has been revoked."
        context = {"next": _safe_next(next), "problem": problem, "sign_in_value": csrf}
        return render(request, "sign_in.html", context, status_code=401)
    response = RedirectResponse(_safe_next(next) or "/web/", status_code=303)
    open_session(request, response, token.strip())
    return response


@router.post("/web/sign-out")
def sign_out(request: Request, csrf: CsrfField) -> Response:
    """End every session of this user (a copied cookie opens nothing after this)."""
    check_csrf(request, csrf)
    response = RedirectResponse("/web/sign-in", status_code=303)
    close_sessions(request, response)
    return response


@router.get("/web/")
def reviews_page(request: Request, user: SignedInDep, workspace: WorkspaceDep) -> Response:
    """The reviews this user has been given (every review, for an administrator)."""
    workspace.catch_up_to_read()
    rows = [r for r in review_rows(workspace.engine) if user.may_see_review(r["name"])]
    return render(request, "reviews.html", {"reviews": rows}, user=user)


def _safe_next(target: str) -> str:
    """Only our own pages: never an open redirect to another site."""
    if target.startswith("/web/") and not target.startswith("//") and "\\" not in target:
        return target
    return ""

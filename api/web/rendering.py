"""Rendering pages: the Jinja2 environment (autoescaping everything), shared context and headers.

Every page gets the signed-in user, the CSRF token for its forms and the navigation that user's
role allows. Agency data is only ever inserted through autoescaped expressions.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from adapters.users import User
from api.http.access import Permission
from api.web.markers import KIND_LABELS
from api.web.permissions import may
from api.web.session import csrf_token

TEMPLATES = Path(__file__).parent / "templates"
LOCAL_ZONE = ZoneInfo("Europe/London")

# The pages load nothing from elsewhere and run no inline script: a strict policy costs nothing.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # page addresses can hold names (?person=...)
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}


def page_environment() -> Environment:
    """The template environment: autoescape on for every template, undefined names are errors."""
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["uk_time"] = uk_time
    environment.filters["long_date"] = long_date
    environment.filters["seg"] = quote_path
    environment.filters["span"] = incident_span
    environment.filters["kind_label"] = lambda kind: KIND_LABELS.get(kind, kind)
    return environment


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    user: User | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """One page, with the shared context (user, csrf token, navigation) and security headers."""
    environment: Environment = request.app.state.web_pages
    review = context.get("review")
    shared = {
        "request": request,
        "user": user,
        "csrf": csrf_token(request),
        "nav": _marked(navigation(user, review), request.url.path) if user else [],
        "review": review,
    }
    html = environment.get_template(template).render({**shared, **context})
    return with_security_headers(HTMLResponse(html, status_code=status_code))


def with_security_headers(response: HTMLResponse) -> HTMLResponse:
    """The response with the headers every page carries."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def navigation(user: User, review: str | None) -> list[tuple[str, str]]:
    """(label, path) of the pages this user may open, for this review if one is in view."""
    items = [("Reviews", "/web/")]
    if review is None:
        return items
    base = f"/web/reviews/{quote_path(review)}"
    pages = [
        ("Overview", "", (Permission.SHOW_REVIEW, Permission.READ_SUBMISSIONS)),
        ("Chronology", "/chronology", (Permission.READ_MERGED,)),
        ("Timeline", "/timeline", (Permission.READ_MERGED,)),
        ("Conflicts", "/conflicts", (Permission.READ_MERGED,)),
        ("Questions", "/questions", (Permission.READ_MERGED,)),
        ("People", "/people", (Permission.MANAGE_PEOPLE,)),
        ("Audit", "/audit", (Permission.READ_AUDIT,)),
        ("Export", "/export", (Permission.READ_MERGED,)),
    ]
    for label, suffix, needs in pages:
        if any(may(user, permission, review) for permission in needs):
            items.append((label, base + suffix))
    return items


# Pages under no tab of their own, shown as part of the tab that leads to them.
_PART_OF = {"incidents": "chronology", "upload": ""}


def _marked(items: list[tuple[str, str]], path: str) -> list[tuple[str, str, bool]]:
    """Each navigation item with whether it is the current page's tab (one at most)."""
    section = None
    for _, target in items:
        if target.startswith("/web/reviews/") and target.count("/") == 3:  # the overview
            base = unquote(target)
            if path == base:
                section = ""
            elif path.startswith(base + "/"):
                part = path[len(base) + 1 :].split("/")[0]
                section = _PART_OF.get(part, part)
    current = "/web/" if path == "/web/" else None
    for _, target in items:
        if section is not None and target.startswith("/web/reviews/"):
            suffix = unquote(target).split("/", 4)[4] if target.count("/") > 3 else ""
            if suffix == section:
                current = target
    return [(label, target, target == current) for label, target in items]


def quote_path(text: str) -> str:
    """A review name or key as one URL path segment."""
    return quote(text, safe="")


def uk_time(value: str | None) -> str:
    """An ISO instant as UK local time, e.g. '16 Jun 2024, 14:03:09'."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is None:
        return moment.strftime("%d %b %Y, %H:%M:%S")
    return moment.astimezone(LOCAL_ZONE).strftime("%d %b %Y, %H:%M:%S")


def incident_span(earliest: str | None, latest: str | None, precision: str) -> str:
    """When an incident happened, as precisely as written: '16 Jun 2012', 'May 2011', '2013'."""
    if not earliest:
        return "undated"
    end = latest or earliest
    if precision == "month" and earliest[:7] == end[:7]:
        return date.fromisoformat(earliest[:10]).strftime("%B %Y")
    if precision == "year" and earliest[:4] == end[:4]:
        return earliest[:4]
    if end == earliest:
        return long_date(earliest)
    return f"{long_date(earliest)} to {long_date(end)}"


def long_date(value: str | None) -> str:
    """An ISO date as '16 Jun 2012' (anything else unchanged)."""
    if not value:
        return "undated"
    try:
        return date.fromisoformat(value[:10]).strftime("%d %b %Y")
    except ValueError:
        return value

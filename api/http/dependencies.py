"""Per-request dependencies: the workspace, the user behind the bearer token, and access checks.

Handlers declare what they need with the typed aliases at the bottom (`WorkspaceDep`,
`CurrentUserDep`, `ChairDep`...), so each route states its permission in its signature.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from adapters.users import User, UserStore
from api.http.access import Permission, ReviewAccess, check
from api.http.settings import ServerSettings
from api.workspace import Workspace

bearer = HTTPBearer(auto_error=False, description="An API token from `chronology users add`.")

ReviewName = Annotated[
    str, Path(description='The review\'s name, URL-encoded (e.g. "DHR%207").', examples=["DHR 7"])
]


def workspace(request: Request) -> Workspace:
    """The workspace the app was created with."""
    opened: Workspace = request.app.state.workspace
    return opened


def user_store(request: Request) -> UserStore:
    """The API users table of the app's store."""
    users: UserStore = request.app.state.users
    return users


def server_settings(request: Request) -> ServerSettings:
    """The settings the app was created with."""
    settings: ServerSettings = request.app.state.settings
    return settings


WorkspaceDep = Annotated[Workspace, Depends(workspace)]
UserStoreDep = Annotated[UserStore, Depends(user_store)]
SettingsDep = Annotated[ServerSettings, Depends(server_settings)]


def current_user(
    request: Request,
    users: UserStoreDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> User:
    """The active user whose token the request bears; 401 without one."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise _unauthenticated("send an API token as `Authorization: Bearer TOKEN`")
    user = users.authenticate(credentials.credentials)
    if user is None:
        raise _unauthenticated("the API token is unknown or has been revoked")
    # For the request log: who, never what they sent.
    request.state.user_name, request.state.user_role = user.name, user.role.value
    return user


CurrentUserDep = Annotated[User, Depends(current_user)]


def allowed(permission: Permission) -> Callable[[User], User]:
    """A dependency that lets the request through only if the user holds `permission`."""

    def dependency(user: CurrentUserDep) -> User:
        check(user, permission)
        return user

    return dependency


def review_access(permission: Permission) -> Callable[[str, User], ReviewAccess]:
    """A dependency that checks `permission` on the review named in the path."""

    def dependency(review: ReviewName, user: CurrentUserDep) -> ReviewAccess:
        check(user, permission, review)
        return ReviewAccess(user=user, review=review)

    return dependency


OpenerDep = Annotated[User, Depends(allowed(Permission.OPEN_REVIEW))]
VerifierDep = Annotated[User, Depends(allowed(Permission.VERIFY))]
ReviewSummaryDep = Annotated[ReviewAccess, Depends(review_access(Permission.SHOW_REVIEW))]
UploaderDep = Annotated[ReviewAccess, Depends(review_access(Permission.UPLOAD))]
SubmissionReaderDep = Annotated[ReviewAccess, Depends(review_access(Permission.READ_SUBMISSIONS))]
MergedReaderDep = Annotated[ReviewAccess, Depends(review_access(Permission.READ_MERGED))]
HistoryReaderDep = Annotated[ReviewAccess, Depends(review_access(Permission.READ_HISTORY))]
AuditReaderDep = Annotated[ReviewAccess, Depends(review_access(Permission.READ_AUDIT))]
ChairDep = Annotated[ReviewAccess, Depends(review_access(Permission.DECIDE))]
PeopleManagerDep = Annotated[ReviewAccess, Depends(review_access(Permission.MANAGE_PEOPLE))]


def _unauthenticated(detail: str) -> HTTPException:
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, detail, headers={"WWW-Authenticate": "Bearer"}
    )

"""The API's own permission checks, asked as questions (may this user...?) and as page guards."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Path

from adapters.users import User
from api.http.access import AccessDeniedError, Permission, ReviewAccess, check
from api.web.session import signed_in_user

SignedInDep = Annotated[User, Depends(signed_in_user)]
ReviewInPath = Annotated[str, Path(min_length=1, max_length=200)]


def may(user: User, permission: Permission, review: str | None = None) -> bool:
    """True when the API would let `user` do `permission` (on `review`, if given)."""
    try:
        check(user, permission, review)
    except AccessDeniedError:
        return False
    return True


def page_access(*permissions: Permission) -> Callable[[str, User], ReviewAccess]:
    """A page guard: the user must hold one of `permissions` on the review in the path."""

    def dependency(review: ReviewInPath, user: SignedInDep) -> ReviewAccess:
        if not any(may(user, p, review) for p in permissions):
            check(user, permissions[0], review)  # raises with the API's own explanation
        return ReviewAccess(user=user, review=review)

    return dependency


OverviewDep = Annotated[
    ReviewAccess,
    Depends(
        page_access(Permission.SHOW_REVIEW, Permission.READ_SUBMISSIONS, Permission.READ_AUDIT)
    ),
]
UploaderDep = Annotated[ReviewAccess, Depends(page_access(Permission.UPLOAD))]
MergedReaderDep = Annotated[ReviewAccess, Depends(page_access(Permission.READ_MERGED))]
AuditReaderDep = Annotated[ReviewAccess, Depends(page_access(Permission.READ_AUDIT))]
HistoryReaderDep = Annotated[ReviewAccess, Depends(page_access(Permission.READ_HISTORY))]
ChairDep = Annotated[ReviewAccess, Depends(page_access(Permission.DECIDE))]
PeopleManagerDep = Annotated[ReviewAccess, Depends(page_access(Permission.MANAGE_PEOPLE))]

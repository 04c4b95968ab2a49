"""Who may do what: each role's permissions, and how far (which reviews, which agency) they reach.

Administrators may do everything everywhere. Everyone else acts only on the reviews they were
given; an agency user sees only its own agency's submissions and entries, never the merged view.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from adapters.users import Role, User


class Permission(StrEnum):
    """One kind of action the API offers."""

    OPEN_REVIEW = "open a review"
    SHOW_REVIEW = "see a review's summary"
    UPLOAD = "upload an agency chronology"
    READ_SUBMISSIONS = "read submissions and entries"
    READ_MERGED = "read the merged chronology"
    READ_HISTORY = "read an entry's history"
    READ_AUDIT = "read the audit trail"
    VERIFY = "verify the event record"
    DECIDE = "record the chair's decisions"
    MANAGE_PEOPLE = "manage the people glossary"


_READ_ALL = {
    Permission.SHOW_REVIEW,
    Permission.READ_SUBMISSIONS,
    Permission.READ_MERGED,
    Permission.READ_HISTORY,
    Permission.READ_AUDIT,
}

PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMINISTRATOR: frozenset(Permission),
    Role.CHAIR: frozenset(
        {
            *_READ_ALL,
            Permission.OPEN_REVIEW,
            Permission.VERIFY,
            Permission.DECIDE,
            Permission.MANAGE_PEOPLE,
            # Agencies often email the chair their file: the chair uploads it for them, and the
            # submission records the agency it is from and the chair who uploaded it.
            Permission.UPLOAD,
        }
    ),
    Role.PANEL: frozenset(_READ_ALL),
    Role.AGENCY: frozenset({Permission.UPLOAD, Permission.READ_SUBMISSIONS}),
    Role.AUDITOR: frozenset({Permission.READ_AUDIT, Permission.READ_HISTORY, Permission.VERIFY}),
}


class AccessDeniedError(Exception):
    """Raised when an authenticated user asks for something its role or grants do not allow."""


@dataclass(frozen=True)
class ReviewAccess:
    """A user's checked access to one review: who, which review, and which agency's rows."""

    user: User
    review: str

    @property
    def agency_scope(self) -> str | None:
        """The only agency whose rows this user may see, or None for every agency."""
        return self.user.agency if self.user.role is Role.AGENCY else None

    @property
    def actor(self) -> str:
        """The name recorded in events as who acted (always the authenticated user)."""
        return self.user.name


def check(user: User, permission: Permission, review: str | None = None) -> None:
    """Raise AccessDeniedError unless `user` may do `permission` (on `review`, if given)."""
    if permission not in PERMISSIONS[user.role]:
        raise AccessDeniedError(f"the {user.role.value} role may not {permission.value}")
    if review is not None and not user.may_see_review(review):
        raise AccessDeniedError(
            f"user {user.name!r} has not been given access to review {review!r}"
        )

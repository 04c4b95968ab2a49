"""API users and their bearer tokens, in a table beside the read models in the same database.

A token is shown once, when issued; only its SHA-256 is stored, so a copy of the database does not
let anyone act as a user. Each user has one role, and (except administrators) the reviews it may
touch; an agency user also names its agency.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

import sqlalchemy as sa

from adapters import sessions
from domain.errors import ChronologyError
from domain.identity import normalise_name
from encryption.columns import LookupText

metadata = sa.MetaData()

api_users = sa.Table(
    "api_users",
    metadata,
    # Looked up by name (add, revoke), so sealed deterministically when cells are encrypted.
    sa.Column("name", LookupText, primary_key=True),
    sa.Column("token_sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("agency", sa.Text),
    sa.Column("reviews", sa.JSON, nullable=False),
    sa.Column("created_at", sa.Text, nullable=False),
    sa.Column("revoked_at", sa.Text),
)

# 32 random bytes: guessing is hopeless, so a plain (unsalted) hash is enough to store.
_TOKEN_BYTES = 32
_TABLE_LOCK_KEY = 7_240_511_003


class Role(StrEnum):
    """What a user is, which decides what it may do (see api.http.access)."""

    ADMINISTRATOR = "administrator"
    CHAIR = "chair"
    PANEL = "panel"
    AGENCY = "agency"
    AUDITOR = "auditor"


class UserError(ChronologyError):
    """Raised when a user cannot be added or revoked as asked."""


@dataclass(frozen=True)
class User:
    """An API user as stored (never with its token)."""

    name: str
    role: Role
    agency: str | None
    reviews: tuple[str, ...]
    created_at: str
    revoked_at: str | None

    @property
    def active(self) -> bool:
        """True until the user's token is revoked."""
        return self.revoked_at is None

    def may_see_review(self, review_name: str) -> bool:
        """True when the user is an administrator or was given this review."""
        wanted = normalise_name(review_name)
        return self.role is Role.ADMINISTRATOR or any(
            normalise_name(r) == wanted for r in self.reviews
        )

    def is_agency(self, agency: str) -> bool:
        """True when `agency` is this user's own agency (case and spacing aside)."""
        return self.agency is not None and normalise_name(self.agency) == normalise_name(agency)


class UserStore:
    """Issuing, listing, revoking and checking API tokens."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # Server processes starting together would race to CREATE the table; take turns.
                connection.execute(sa.select(sa.func.pg_advisory_xact_lock(_TABLE_LOCK_KEY)))
            metadata.create_all(connection)
            sessions.metadata.create_all(connection)  # revoking a user ends its sessions

    def add(
        self, name: str, role: Role, agency: str | None = None, reviews: tuple[str, ...] = ()
    ) -> str:
        """Add a user and return its new token (the only time the token is ever seen)."""
        name = name.strip()
        _check_new_user(name, role, agency, reviews)
        token = secrets.token_urlsafe(_TOKEN_BYTES)
        row = {
            "name": name,
            "token_sha256": token_digest(token),
            "role": role.value,
            "agency": agency.strip() if agency else None,
            "reviews": [r.strip() for r in reviews],
            "created_at": _now(),
            "revoked_at": None,
        }
        with self.engine.begin() as connection:
            if connection.execute(
                sa.select(api_users.c.name).where(api_users.c.name == name)
            ).first():
                raise UserError(
                    f"a user called {name!r} already exists (revoked users keep their name)"
                )
            connection.execute(api_users.insert().values(**row))
        return token

    def users(self) -> list[User]:
        """Every user, revoked or not, by name."""
        # Sorted here: an encrypted name column has no order SQL could use.
        with self.engine.connect() as connection:
            found = [_user(r) for r in connection.execute(sa.select(api_users))]
        return sorted(found, key=lambda user: user.name)

    def revoke(self, name: str) -> None:
        """Stop `name`'s token working, for good, and end every web session it opened."""
        with self.engine.begin() as connection:
            row = connection.execute(
                sa.select(api_users.c.token_sha256).where(
                    api_users.c.name == name, api_users.c.revoked_at.is_(None)
                )
            ).first()
            if row is None:
                raise UserError(f"no active user called {name!r}")
            connection.execute(
                api_users.update()
                .where(api_users.c.token_sha256 == row.token_sha256)
                .values(revoked_at=_now())
            )
            sessions.end_sessions_of(connection, row.token_sha256)

    def authenticate(self, token: str) -> User | None:
        """The active user holding `token`, or None for an unknown or revoked token."""
        return self.holder_of(token_digest(token))

    def holder_of(self, digest: str) -> User | None:
        """The active user whose token has SHA-256 `digest` (a web session's user key), or None."""
        with self.engine.connect() as connection:
            row = connection.execute(
                sa.select(api_users).where(api_users.c.token_sha256 == digest)
            ).first()
        # Found by digest; compared again in constant time so no timing hints how close a guess was.
        if row is None or not hmac.compare_digest(row.token_sha256, digest):
            return None
        user = _user(row)
        return user if user.active else None


def token_digest(token: str) -> str:
    """The SHA-256 (hex) under which a token is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _check_new_user(name: str, role: Role, agency: str | None, reviews: tuple[str, ...]) -> None:
    if not name:
        raise UserError("a user needs a name")
    if role is Role.AGENCY and not (agency and agency.strip()):
        raise UserError("an agency user needs --agency (the agency it uploads for)")
    if role is not Role.AGENCY and agency:
        raise UserError("only agency users belong to an agency")
    if role is not Role.ADMINISTRATOR and not any(r.strip() for r in reviews):
        raise UserError(f"a {role.value} user needs at least one --review")


def _user(row: sa.Row[tuple[object, ...]]) -> User:
    values = row._mapping
    return User(
        name=str(values["name"]),
        role=Role(values["role"]),
        agency=values["agency"],
        reviews=tuple(values["reviews"] or ()),
        created_at=str(values["created_at"]),
        revoked_at=values["revoked_at"],
    )


def _now() -> str:
    return datetime.now(UTC).isoformat()

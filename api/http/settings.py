"""The server's settings, read from CHRONOLOGY_* environment variables or given explicitly."""

from __future__ import annotations

from datetime import timedelta
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from adapters.intake_limits import (
    DEFAULT_MAX_CELL_CHARACTERS,
    DEFAULT_MAX_COLUMNS,
    DEFAULT_MAX_ROWS,
    IntakeLimits,
)
from adapters.sessions import SessionPolicy
from adapters.store import StoreSettings
from adapters.store_keys import ENCRYPTION_KEY_VARIABLE

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# Long enough to check a preview and correct a column or two; short, as the bytes are personal.
DEFAULT_UPLOAD_HOLD_MINUTES = 30
# A chair reads for a while between clicks; a working day later, they sign in again.
DEFAULT_SESSION_IDLE_SECONDS = 60 * 60
DEFAULT_SESSION_ABSOLUTE_SECONDS = 8 * 60 * 60
# How long an idle follower waits before looking for new events again: short beside a page load.
DEFAULT_FOLLOWER_POLL_SECONDS = 0.2
# The follower's niceness: the merges it runs yield the cores to requests being answered.
DEFAULT_FOLLOWER_NICENESS = 10


class ServerSettings(BaseSettings):
    """Where the store is, its key, how large an uploaded file may be (bytes, and the work it
    asks for: columns, characters in a cell, rows), how long held uploads and sessions last, and
    who brings the read models up to date after a write."""

    model_config = SettingsConfigDict(env_prefix="CHRONOLOGY_", extra="ignore")

    database_url: str | None = Field(
        default=None, description="SQLite file or postgresql:// URL (default ./chronology.sqlite3)"
    )
    encryption_key: SecretStr | None = Field(
        default=None, description="AES key of an encrypted store"
    )
    max_upload_bytes: int = Field(
        default=DEFAULT_MAX_UPLOAD_BYTES, gt=0, description="largest CSV accepted"
    )
    session_idle_seconds: float = Field(
        default=DEFAULT_SESSION_IDLE_SECONDS,
        gt=0,
        description="a web session ends after this long without a request",
    )
    session_absolute_seconds: float = Field(
        default=DEFAULT_SESSION_ABSOLUTE_SECONDS,
        gt=0,
        description="a web session ends this long after sign-in, however busy",
    )

    def session_policy(self) -> SessionPolicy:
        """How long web sessions last."""
        return SessionPolicy(
            idle=timedelta(seconds=self.session_idle_seconds),
            absolute=timedelta(seconds=self.session_absolute_seconds),
        )

    upload_hold_minutes: int = Field(
        default=DEFAULT_UPLOAD_HOLD_MINUTES,
        gt=0,
        le=24 * 60,
        description="how long the web upload holds a previewed file awaiting confirmation",
    )

    max_columns: int = Field(
        default=DEFAULT_MAX_COLUMNS, gt=0, description="most columns read from one file"
    )
    max_cell_characters: int = Field(
        default=DEFAULT_MAX_CELL_CHARACTERS, gt=0, description="most characters in one cell"
    )
    max_rows: int = Field(
        default=DEFAULT_MAX_ROWS, gt=0, description="most rows read from one file (all sheets)"
    )

    catch_up: Literal["inline", "follower"] = Field(
        default="inline",
        description="inline: every write brings the read models up to date before it answers; "
        "follower: a follower process does (`chronology serve` with several workers starts one), "
        "so an upload answers once its events are stored and reads show what the read models hold",
    )
    follower_poll_seconds: float = Field(
        default=DEFAULT_FOLLOWER_POLL_SECONDS,
        gt=0,
        le=60,
        description="how long an idle follower waits before it looks for new events again",
    )
    follower_niceness: int = Field(
        default=DEFAULT_FOLLOWER_NICENESS,
        ge=0,
        le=19,
        description="the follower process's CPU niceness (0: as requests; 19: lowest priority)",
    )

    def intake_limits(self) -> IntakeLimits:
        """The work one upload may ask for, as intake checks it."""
        return IntakeLimits(
            max_columns=self.max_columns,
            max_cell_characters=self.max_cell_characters,
            max_rows=self.max_rows,
        )

    def store(self) -> StoreSettings:
        """The store these settings name."""
        key = self.encryption_key.get_secret_value() if self.encryption_key else ""
        return StoreSettings.resolve(
            self.database_url, environ={ENCRYPTION_KEY_VARIABLE: key} if key else {}
        )

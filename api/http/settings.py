"""The server's settings, read from CHRONOLOGY_* environment variables or given explicitly."""

from __future__ import annotations

from datetime import timedelta

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from adapters.sessions import SessionPolicy
from adapters.store import StoreSettings
from adapters.store_keys import ENCRYPTION_KEY_VARIABLE

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# Long enough to check a preview and correct a column or two; short, as the bytes are personal.
DEFAULT_UPLOAD_HOLD_MINUTES = 30
# A chair reads for a while between clicks; a working day later, they sign in again.
DEFAULT_SESSION_IDLE_SECONDS = 60 * 60
DEFAULT_SESSION_ABSOLUTE_SECONDS = 8 * 60 * 60


class ServerSettings(BaseSettings):
    """Where the store is, its key, how large an uploaded file may be, how long sessions last."""

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

    def store(self) -> StoreSettings:
        """The store these settings name."""
        key = self.encryption_key.get_secret_value() if self.encryption_key else ""
        return StoreSettings.resolve(
            self.database_url, environ={ENCRYPTION_KEY_VARIABLE: key} if key else {}
        )

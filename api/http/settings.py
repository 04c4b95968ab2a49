"""The server's settings, read from CHRONOLOGY_* environment variables or given explicitly."""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from adapters.store import ENCRYPTION_KEY_VARIABLE, StoreSettings

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# Long enough to check a preview and correct a column or two; short, as the bytes are personal.
DEFAULT_UPLOAD_HOLD_MINUTES = 30


class ServerSettings(BaseSettings):
    """Where the store is, its key, and how large an uploaded file may be."""

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

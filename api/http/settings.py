"""The server's settings, read from CHRONOLOGY_* environment variables or given explicitly."""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from adapters.intake_limits import (
    DEFAULT_MAX_CELL_CHARACTERS,
    DEFAULT_MAX_COLUMNS,
    DEFAULT_MAX_ROWS,
    IntakeLimits,
)
from adapters.store import ENCRYPTION_KEY_VARIABLE, StoreSettings

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class ServerSettings(BaseSettings):
    """Where the store is, its key, and how large an uploaded file may be (bytes, and the work
    it asks for: columns, characters in a cell, rows)."""

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

    max_columns: int = Field(
        default=DEFAULT_MAX_COLUMNS, gt=0, description="most columns read from one file"
    )
    max_cell_characters: int = Field(
        default=DEFAULT_MAX_CELL_CHARACTERS, gt=0, description="most characters in one cell"
    )
    max_rows: int = Field(
        default=DEFAULT_MAX_ROWS, gt=0, description="most rows read from one file (all sheets)"
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

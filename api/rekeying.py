"""Re-encrypting a PostgreSQL store under a new key (placeholder until column encryption lands)."""

from __future__ import annotations

from adapters.store import StoreSettings
from adapters.store_keys import StoreKeyError


def rekey_postgres(settings: StoreSettings, new_key: str) -> None:
    """Re-encrypt every encrypted value of the PostgreSQL store in one transaction."""
    raise StoreKeyError("rekeying a PostgreSQL store is not supported yet")

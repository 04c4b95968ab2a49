"""Keys derived from CHRONOLOGY_ENCRYPTION_KEY, one per use; the check that a file opens with one.

The configured key (base64, as `AESCipher.create_key` prints it) is never used directly: HKDF
derives a separate key for each purpose, so the SQLCipher file key, the event cipher and the
column ciphers never share key material.
"""

from __future__ import annotations

import base64
import binascii
import sqlite3
from pathlib import Path

import sqlcipher3
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from adapters import sqlcipher_store
from domain.errors import ChronologyError
from encryption.cell_cipher import CellCipher, CellKeys

ENCRYPTION_KEY_VARIABLE = "CHRONOLOGY_ENCRYPTION_KEY"
SQLCIPHER_PURPOSE = b"chronology sqlcipher file v1"
CELL_PURPOSE = b"chronology cells v1"
LOOKUP_NONCE_PURPOSE = b"chronology lookup nonces v1"
HELD_UPLOADS_PURPOSE = b"chronology held uploads v1"


class StoreKeyError(ChronologyError):
    """Raised when a store cannot be opened with the key given (or without one)."""


def derived_key(key: str, purpose: bytes) -> bytes:
    """32 bytes for `purpose`, derived from the configured key."""
    try:
        material = base64.b64decode(key.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise StoreKeyError(
            f"{ENCRYPTION_KEY_VARIABLE} is not a base64 key; make one with "
            '`python -c "from eventsourcing.cipher import AESCipher; '
            'print(AESCipher.create_key(32))"`'
        ) from None
    if len(material) < 16:
        raise StoreKeyError(f"{ENCRYPTION_KEY_VARIABLE} is too short: use 32 random bytes")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(material)


def held_uploads_key(key: str) -> str:
    """The AES key (base64, as AESCipher takes it) that seals files held awaiting confirmation."""
    return base64.b64encode(derived_key(key, HELD_UPLOADS_PURPOSE)).decode("ascii")


def sqlcipher_key_pragma(key: str) -> str:
    """The SQLCipher raw-key literal for `key` (raw: no passphrase stretching per connection)."""
    return "\"x'" + derived_key(key, SQLCIPHER_PURPOSE).hex() + "'\""


def cell_cipher(key: str) -> CellCipher:
    """The cipher for a PostgreSQL store's personal-data columns."""
    return CellCipher(
        CellKeys(
            encryption=derived_key(key, CELL_PURPOSE),
            lookup_nonce=derived_key(key, LOOKUP_NONCE_PURPOSE),
        )
    )


def check_sqlite_file_opens(path: Path, key: str | None) -> None:
    """Raise StoreKeyError unless the SQLite file at `path` opens with `key` (None: unencrypted).

    Checked before anything else opens the file, so a server never starts half-working on a store
    it was not given the right key for, and the message says which mistake it is.
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    if key is None:
        if not _opens_plain(path):
            raise StoreKeyError(
                f"this store is encrypted: set {ENCRYPTION_KEY_VARIABLE} "
                "to the key it was written with"
            )
        return
    if _opens_with(path, sqlcipher_key_pragma(key)):
        return
    if _opens_plain(path):
        raise StoreKeyError(
            f"this store is not encrypted, but {ENCRYPTION_KEY_VARIABLE} is set: unset it, or "
            "encrypt the store first with `chronology rekey` (see docs/deployment.md)"
        )
    raise StoreKeyError(
        f"the store cannot be decrypted with the configured {ENCRYPTION_KEY_VARIABLE}: "
        "it is not the key this store was written with"
    )


def _opens_with(path: Path, key_pragma: str) -> bool:
    try:
        connection = sqlcipher_store.connect(f"file:{path}?mode=ro", key_pragma)
    except sqlcipher3.Error:
        return False
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.DatabaseError:
        return False
    finally:
        connection.close()


def _opens_plain(path: Path) -> bool:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlite3.DatabaseError:
        return False
    finally:
        connection.close()

"""Re-encrypting a SQLite store under a new key, all or nothing (`chronology rekey`).

The store is exported, under the new key, into a file beside it; only when that copy is complete
and on disk does it replace the store, in one rename. Interrupted before the rename, the store is
as it was (and the half-made copy is cleared away by the next attempt); after it, it is rekeyed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import sqlcipher3

from adapters import sqlcipher_store
from adapters.store_keys import StoreKeyError, check_sqlite_file_opens, sqlcipher_key_pragma

# SQLCipher's empty key: the database is read and written as plain SQLite.
_NO_KEY = "''"


def staged_copy(path: Path) -> Path:
    """Where the rekeyed copy of `path` is built before it replaces the store."""
    return path.with_name(path.name + ".rekey")


def rekey_sqlite(
    path: Path,
    old_key: str | None,
    new_key: str | None,
    before_swap: Callable[[], None] = lambda: None,
) -> None:
    """Re-encrypt the SQLite store at `path` from `old_key` to `new_key` (None: unencrypted).

    Stop every server on the store first: the copy is taken from the file as it stands.
    `before_swap` runs when the copy is complete, just before it replaces the store.
    """
    if not path.exists():
        raise StoreKeyError(f"there is no store at {path}")
    check_sqlite_file_opens(path, old_key)
    staged = staged_copy(path)
    staged.unlink(missing_ok=True)  # left by an interrupted attempt: never the store itself
    try:
        _export(path, staged, old_key, new_key)
        _flush(staged)
        before_swap()
        os.replace(staged, path)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    _flush(path.parent)
    for leftover in (Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        # Checkpointed into the old file before the copy; they belong to no file now.
        leftover.unlink(missing_ok=True)


def _export(path: Path, staged: Path, old_key: str | None, new_key: str | None) -> None:
    connection = sqlcipher_store.connect(
        str(path), sqlcipher_key_pragma(old_key) if old_key else None
    )
    new_pragma = sqlcipher_key_pragma(new_key) if new_key else _NO_KEY
    try:
        # Everything written ahead goes into the file first, so the copy misses nothing.
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute(f"ATTACH DATABASE ? AS rekeyed KEY {new_pragma}", (str(staged),))
        connection.execute("SELECT sqlcipher_export('rekeyed')")
        connection.execute("DETACH DATABASE rekeyed")
    except sqlcipher3.Error as error:
        raise StoreKeyError(f"the store could not be re-encrypted: {error}") from None
    finally:
        connection.close()


def _flush(path: Path) -> None:
    """Make `path` (a file, or a folder's entries) durable before anything depends on it."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)

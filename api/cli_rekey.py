"""The `rekey` subcommand: re-encrypt a store under a new key, all or nothing.

Keys come from the environment only (never the command line, where `ps` and shell history would
show them): the current one from CHRONOLOGY_ENCRYPTION_KEY (unset for an unencrypted store), the
new one from CHRONOLOGY_NEW_ENCRYPTION_KEY.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from adapters.sqlite_rekey import rekey_sqlite
from adapters.store import StoreSettings
from adapters.store_keys import ENCRYPTION_KEY_VARIABLE, StoreKeyError, derived_key
from api.cli_common import add_command
from api.rekeying import rekey_postgres

NEW_KEY_VARIABLE = "CHRONOLOGY_NEW_ENCRYPTION_KEY"


def register(commands: Any) -> None:
    """Add the rekey subcommand."""
    add_command(
        commands,
        "rekey",
        f"re-encrypt the store from ${ENCRYPTION_KEY_VARIABLE} to ${NEW_KEY_VARIABLE} "
        "(stop the servers first)",
        run_rekey,
    )


def run_rekey(arguments: argparse.Namespace) -> int:
    """`chronology rekey`: the store, re-encrypted under the new key, or left as it was."""
    settings = StoreSettings.resolve(arguments.db)
    new_key = os.environ.get(NEW_KEY_VARIABLE) or None
    if new_key is None:
        raise StoreKeyError(f"set {NEW_KEY_VARIABLE} to the key the store should have")
    derived_key(new_key, b"check")  # a malformed new key is refused before anything is touched
    if settings.is_postgres:
        done = rekey_postgres(settings, new_key)
        print(
            f"Re-encrypted {done.events} events and sealed them again: the head seal was "
            f"{done.old_head_seal} and is now {done.new_head_seal} (record both in the minutes). "
            "The read models are rebuilt the next time the store is opened."
        )
    else:
        rekey_sqlite(settings.sqlite_path, settings.encryption_key, new_key)
    print(
        f"Re-encrypted the store under the new key. Set {ENCRYPTION_KEY_VARIABLE} to it "
        "from now on (and keep the old key until every backup made with it has expired)."
    )
    return 0

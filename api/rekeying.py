"""Re-encrypting a PostgreSQL store under a new key, in one transaction (`chronology rekey`).

Inside one transaction: every event payload is decrypted with the old key and encrypted with the
new one; the integrity seal, which vouches for the stored bytes, is checked first and then
computed again over the new bytes (so `verify` still holds, and the new head seal is printed for
the minutes); API user names are sealed again; the read models are dropped, to be rebuilt from
the events under the new key the next time the store is opened. Interrupted anywhere before the
commit, PostgreSQL rolls it all back and the store is as it was under the old key.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from eventsourcing.cipher import AESCipher
from eventsourcing.persistence import Notification
from eventsourcing.utils import Environment
from sqlalchemy.pool import NullPool

from adapters.store import StoreSettings
from adapters.store_keys import StoreKeyError, cell_cipher
from adapters.users import api_users
from api.workspace import Workspace
from encryption.cell_cipher import CellCipher, is_sealed
from projections import follower
from projections.integrity import GENESIS, seal, seals

# eventsourcing names the events table after the application ("Chronology").
EVENTS_TABLE = "chronology_events"
_PAGE = 1000


@dataclass(frozen=True)
class Rekeyed:
    """What a rekey did: how many events it re-encrypted, and the seal before and after."""

    events: int
    old_head_seal: str
    new_head_seal: str


def rekey_postgres(
    settings: StoreSettings, new_key: str, before_commit: Callable[[], None] = lambda: None
) -> Rekeyed:
    """Re-encrypt the PostgreSQL store from its configured key (or none) to `new_key`.

    Stop every server on the store first. `before_commit` runs when everything is rewritten,
    just before the commit.
    """
    workspace = Workspace(settings)  # refuses an old key the store was not written with
    try:
        workspace.catch_up()
        checked = workspace.verify()
        if not checked.intact:
            raise StoreKeyError(
                f"the record fails verification, so it is not rekeyed: {checked.problem}"
            )
        projections = [*workspace.projections]
    finally:
        workspace.close()
    old_key = settings.encryption_key
    # An engine without a cell cipher: it reads and writes the stored cells exactly as they are.
    engine = sa.create_engine(settings.sqlalchemy_url(), poolclass=NullPool)
    try:
        with engine.begin() as connection:
            connection.execute(sa.text(f"LOCK TABLE {EVENTS_TABLE} IN EXCLUSIVE MODE"))
            events, head = _reencrypt_events(connection, old_key, new_key)
            _reseal_user_names(connection, cell_cipher(old_key) if old_key else None, new_key)
            _drop_read_models(connection, projections)
            before_commit()
    finally:
        engine.dispose()
    return Rekeyed(events=events, old_head_seal=checked.head_seal, new_head_seal=head)


def _reencrypt_events(
    connection: sa.Connection, old_key: str | None, new_key: str
) -> tuple[int, str]:
    old = _payload_cipher(old_key) if old_key else None
    new = _payload_cipher(new_key)
    events = sa.table(
        EVENTS_TABLE,
        sa.column("notification_id"),
        sa.column("originator_id"),
        sa.column("originator_version"),
        sa.column("topic"),
        sa.column("state"),
    )
    previous, count, after = GENESIS, 0, 0
    while True:
        page = connection.execute(
            sa.select(events)
            .where(events.c.notification_id > after)
            .order_by(events.c.notification_id)
            .limit(_PAGE)
        ).all()
        if not page:
            return count, previous
        for row in page:
            # Payloads are compressed, then encrypted (as eventsourcing's mapper writes them).
            compressed = old.decrypt(bytes(row.state)) if old else zlib.compress(bytes(row.state))
            state = new.encrypt(compressed)
            connection.execute(
                events.update()
                .where(events.c.notification_id == row.notification_id)
                .values(state=state)
            )
            stored = Notification(
                id=row.notification_id,
                originator_id=row.originator_id,
                originator_version=row.originator_version,
                topic=row.topic,
                state=state,
            )
            previous = seal(previous, stored)
            connection.execute(
                seals.update()
                .where(seals.c.position == row.notification_id)
                .values(chain_hash=previous)
            )
            count += 1
        after = page[-1].notification_id


def _reseal_user_names(connection: sa.Connection, old: CellCipher | None, new_key: str) -> None:
    new = cell_cipher(new_key)
    names = sa.table(api_users.name, sa.column("name"))
    for (stored,) in connection.execute(sa.select(names.c.name)).all():
        # Names written before user names were sealed are plain: an upgrade seals them here.
        plain = old.open(stored) if old and is_sealed(stored) else stored
        connection.execute(
            names.update().where(names.c.name == stored).values(name=new.seal_for_lookup(plain))
        )


def _drop_read_models(connection: sa.Connection, projections: list[follower.Projection]) -> None:
    """Drop every read model (not the seal): rebuilt from the events under the new key on open."""
    for projection in projections:
        projection.metadata.drop_all(connection)
        connection.execute(
            follower.positions.delete().where(follower.positions.c.name == projection.name)
        )


def _payload_cipher(key: str) -> AESCipher:
    return AESCipher(Environment(env={AESCipher.CIPHER_KEY: key}))

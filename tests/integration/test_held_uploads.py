"""Files held between the web preview and the confirmation, on each real store: found only by
their uploader for their review, gone once expired, released or crowded out, encrypted when the
store has a key."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from adapters.held_uploads import HeldUploads, held_uploads
from adapters.store import StoreSettings, open_engine

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
CONTENT = b"Date,Summary\r\n16/06/2012,Call from S about her partner N\r\n"


def test_a_held_file_is_found_by_its_uploader_for_its_review_until_it_expires(
    store: StoreSettings,
) -> None:
    holding = HeldUploads(open_engine(store), timedelta(minutes=30))

    held = holding.hold(CONTENT, "police.csv", "pc.smith", "DHR 7", NOW)
    found = holding.take(held.content_sha256, "pc.smith", "dhr  7", NOW + timedelta(minutes=29))

    assert found is not None and found.content == CONTENT and found.file_name == "police.csv"
    assert holding.take(held.content_sha256, "mallory", "DHR 7", NOW) is None
    assert holding.take(held.content_sha256, "pc.smith", "DHR 8", NOW) is None
    assert (
        holding.take(held.content_sha256, "pc.smith", "DHR 7", NOW + timedelta(minutes=31)) is None
    )


def test_a_released_file_is_gone_and_a_user_holds_only_the_latest_few(store: StoreSettings) -> None:
    engine = open_engine(store)
    holding = HeldUploads(engine, timedelta(minutes=30))
    first = holding.hold(CONTENT, "a.csv", "pc.smith", "DHR 7", NOW)
    for minute in range(1, 4):
        holding.hold(
            CONTENT + b"x" * minute, "b.csv", "pc.smith", "DHR 7", NOW + timedelta(minutes=minute)
        )
    last = holding.hold(
        b"Date\r\n2012\r\n", "c.csv", "pc.smith", "DHR 7", NOW + timedelta(minutes=5)
    )

    holding.release(last.content_sha256, "pc.smith")

    with engine.connect() as connection:
        count = connection.execute(sa.select(sa.func.count()).select_from(held_uploads)).scalar()
    assert holding.take(first.content_sha256, "pc.smith", "DHR 7", NOW) is None
    assert holding.take(last.content_sha256, "pc.smith", "DHR 7", NOW) is None
    assert count == 2


def test_held_bytes_are_encrypted_with_the_stores_key(store: StoreSettings) -> None:
    engine = open_engine(store)
    key = base64.b64encode(b"k" * 32).decode()
    holding = HeldUploads(engine, timedelta(minutes=30), encryption_key=key)

    held = holding.hold(CONTENT, "police.csv", "pc.smith", "DHR 7", NOW)

    with engine.connect() as connection:
        raw = connection.execute(sa.select(held_uploads.c.content)).scalar_one()
    assert b"her partner" not in raw
    assert holding.take(held.content_sha256, "pc.smith", "DHR 7", NOW) is not None

"""Data at rest: with CHRONOLOGY_ENCRYPTION_KEY the stored events hold none of the agencies' text,
and a server refuses to start on an encrypted store without the key."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from eventsourcing.cipher import AESCipher
from fastapi.testclient import TestClient
from pydantic import SecretStr

from adapters.intake import read_chronology
from adapters.store import StoreConfigurationError, StoreSettings, open_application
from adapters.users import Role
from api.http import ServerSettings, create_app

KEY = AESCipher.create_key(32)


def distinctive_phrases(folder: Path) -> list[str]:
    """Long cells of the fixture (summaries, names of places): text that must not leak."""
    phrases = set()
    for path in folder.glob("*.csv"):
        reading = read_chronology(path.read_bytes(), path.name)
        phrases |= {
            cell.strip() for row in reading.rows for cell in row.cells if len(cell.strip()) >= 24
        }
    return sorted(phrases)


def import_events_only(store: StoreSettings, folder: Path) -> int:
    """Store every DHR 7 file as events only (test_store_encryption.py builds read models too)."""
    application = open_application(store)
    try:
        for path in sorted(folder.glob("*.csv")):
            reading = read_chronology(path.read_bytes(), path.name)
            application.import_submission(
                "DHR 7", path.stem, reading, uploaded_by="t", uploaded_at=datetime.now(UTC)
            )
        return int(application.recorder.max_notification_id() or 0)
    finally:
        application.close()


def raw_bytes(sqlite_file: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sqlite_file.parent.glob(sqlite_file.name + "*"))


def test_with_a_key_the_stored_events_hold_none_of_the_fixture_text(
    tmp_path: Path, dhr7: Path
) -> None:
    store = StoreSettings.resolve(
        str(tmp_path / "store.sqlite3"), environ={"CHRONOLOGY_ENCRYPTION_KEY": KEY}
    )
    phrases = distinctive_phrases(dhr7)

    events = import_events_only(store, dhr7)

    on_disk = raw_bytes(store.sqlite_path)
    assert events > 150 and len(phrases) > 100
    leaked = [p for p in phrases if p.encode("utf-8") in on_disk]
    assert leaked == []


def test_without_a_key_the_same_import_is_readable_on_disk(tmp_path: Path, dhr7: Path) -> None:
    store = StoreSettings.resolve(str(tmp_path / "store.sqlite3"), environ={})
    phrases = distinctive_phrases(dhr7)

    import_events_only(store, dhr7)

    on_disk = raw_bytes(store.sqlite_path)
    assert (
        sum(p.encode("utf-8") in on_disk for p in phrases) > len(phrases) // 2
    )  # the test above means something


def test_a_server_refuses_to_start_on_an_encrypted_store_without_the_key(
    tmp_path: Path, dhr7: Path
) -> None:
    path = str(tmp_path / "store.sqlite3")
    import_events_only(
        StoreSettings.resolve(path, environ={"CHRONOLOGY_ENCRYPTION_KEY": KEY}), dhr7
    )

    with pytest.raises(StoreConfigurationError, match="CHRONOLOGY_ENCRYPTION_KEY"):
        create_app(ServerSettings(database_url=path, encryption_key=None))


def test_a_server_with_the_key_serves_the_encrypted_store(tmp_path: Path, dhr7: Path) -> None:
    path = str(tmp_path / "store.sqlite3")
    import_events_only(
        StoreSettings.resolve(path, environ={"CHRONOLOGY_ENCRYPTION_KEY": KEY}), dhr7
    )
    app = create_app(ServerSettings(database_url=path, encryption_key=SecretStr(KEY)))
    token = app.state.users.add("root", Role.ADMINISTRATOR)

    with TestClient(app) as client:
        entries = client.get("/reviews/DHR 7/entries", headers={"Authorization": f"Bearer {token}"})

    assert entries.status_code == 200 and len(entries.json()) > 100

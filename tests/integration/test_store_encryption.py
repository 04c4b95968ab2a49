"""With CHRONOLOGY_ENCRYPTION_KEY, no personal data of DHR 7 is readable in the store without it:
not in the SQLite file (nor its -wal and -journal), not in a pg_dump of the PostgreSQL database;
`rekey` moves a store to a new key, all or nothing."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from eventsourcing.cipher import AESCipher

from adapters.sqlite_rekey import rekey_sqlite, staged_copy
from adapters.store import StoreConfigurationError, StoreSettings
from adapters.users import Role, UserStore
from api.rekeying import rekey_postgres
from api.workspace import Workspace
from tests.conftest import fixture_dir

KEY = AESCipher.create_key(32)
NEW_KEY = AESCipher.create_key(32)
REVIEW = "DHR 7"
# Personal data the chair and the operator add beside the agencies' files.
REAL_NAME = "Quentin Zebedee Example"
NOTE = "Spoke to the IDVA about Quentin's sister on Tuesday"
USER = "Carys Llewellyn-Pryce"


def keyed(store: StoreSettings, key: str | None) -> StoreSettings:
    return StoreSettings(url=store.url, encryption_key=key)


def distinctive_phrases(folder: Path) -> list[str]:
    """Long cells of DHR 7's files (accounts, names of places and people): what must not leak."""
    from adapters.intake import read_chronology

    phrases = set()
    for path in folder.glob("*.csv"):
        reading = read_chronology(path.read_bytes(), path.name)
        phrases |= {
            cell.strip() for row in reading.rows for cell in row.cells if len(cell.strip()) >= 24
        }
    return sorted(phrases)


def fill(store: StoreSettings) -> int:
    """DHR 7 imported with its read models built, a person, a note and a user: the entry count."""
    workspace = Workspace(store)
    try:
        for path in sorted(fixture_dir().glob("*.csv")):
            agency = path.stem.replace("_", " ").title()
            workspace.import_file(path.read_bytes(), path.name, REVIEW, agency, USER)
        workspace.record_person(REVIEW, "Adult Q", REAL_NAME, "neighbour", ["Quentin"], USER)
        first = workspace.entries(REVIEW)[0]
        workspace.note(REVIEW, first.entry_id, NOTE, USER)
        UserStore(workspace.engine).add(USER, Role.CHAIR, reviews=(REVIEW,))
        return len(workspace.entries(REVIEW))
    finally:
        workspace.close()


def raw_store(store: StoreSettings) -> bytes:
    """Every byte the store keeps: the SQLite file and its companions, or a pg_dump."""
    if store.is_postgres:
        dump = subprocess.run(
            ["pg_dump", "--no-owner", store.url], capture_output=True, check=True, timeout=120
        )
        return dump.stdout
    path = store.sqlite_path
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def entry_count(store: StoreSettings) -> int:
    """How many entries the store holds, read back through its read models (rebuilt if need be)."""
    workspace = Workspace(store)
    try:
        workspace.catch_up()
        assert workspace.verify().intact
        assert [u.name for u in UserStore(workspace.engine).users()] == [USER]
        return len(workspace.entries(REVIEW))
    finally:
        workspace.close()


def test_with_a_key_no_phrase_or_name_of_dhr7_is_readable_in_the_store(
    store: StoreSettings,
) -> None:
    secret = keyed(store, KEY)
    phrases = [*distinctive_phrases(fixture_dir()), REAL_NAME, NOTE, USER]

    fill(secret)

    stored = raw_store(secret)
    leaked = [p for p in phrases if p.encode("utf-8") in stored]
    assert len(phrases) > 100
    assert leaked == []


def test_without_a_key_the_same_store_is_plain_so_the_test_above_means_something(
    store: StoreSettings,
) -> None:
    phrases = [*distinctive_phrases(fixture_dir()), REAL_NAME, NOTE, USER]

    fill(store)

    stored = raw_store(store)
    assert sum(p.encode("utf-8") in stored for p in phrases) > len(phrases) // 2


def test_after_rekey_the_old_key_is_refused_and_the_new_one_reads_everything(
    tmp_path: Path,
) -> None:
    store = StoreSettings.resolve(str(tmp_path / "store.sqlite3"), environ={})
    entries = fill(keyed(store, KEY))

    rekey_sqlite(store.sqlite_path, KEY, NEW_KEY)

    with pytest.raises(StoreConfigurationError, match="CHRONOLOGY_ENCRYPTION_KEY"):
        Workspace(keyed(store, KEY))
    assert entry_count(keyed(store, NEW_KEY)) == entries


def test_an_interrupted_rekey_leaves_the_store_readable_with_its_old_key(tmp_path: Path) -> None:
    store = StoreSettings.resolve(str(tmp_path / "store.sqlite3"), environ={})
    entries = fill(keyed(store, KEY))

    def power_cut() -> None:
        raise KeyboardInterrupt  # the moment the new copy is complete, before it replaces the store

    with pytest.raises(KeyboardInterrupt):
        rekey_sqlite(store.sqlite_path, KEY, NEW_KEY, before_swap=power_cut)

    assert not staged_copy(store.sqlite_path).exists()
    assert entry_count(keyed(store, KEY)) == entries
    with pytest.raises(StoreConfigurationError):
        Workspace(keyed(store, NEW_KEY))


def test_a_plain_store_is_encrypted_by_rekey(tmp_path: Path) -> None:
    store = StoreSettings.resolve(str(tmp_path / "store.sqlite3"), environ={})
    entries = fill(store)

    rekey_sqlite(store.sqlite_path, None, NEW_KEY)

    assert REAL_NAME.encode() not in raw_store(store)
    assert entry_count(keyed(store, NEW_KEY)) == entries
    with pytest.raises(StoreConfigurationError, match="encrypted"):
        Workspace(store)


def test_after_a_postgres_rekey_the_old_key_is_refused_and_the_new_one_reads_everything(
    postgres_url: str,
) -> None:
    store = StoreSettings.resolve(postgres_url, environ={})
    entries = fill(keyed(store, KEY))

    done = rekey_postgres(keyed(store, KEY), NEW_KEY)

    assert done.events > 150 and done.new_head_seal != done.old_head_seal
    with pytest.raises(StoreConfigurationError, match="CHRONOLOGY_ENCRYPTION_KEY"):
        Workspace(keyed(store, KEY))
    assert entry_count(keyed(store, NEW_KEY)) == entries
    assert REAL_NAME.encode() not in raw_store(store)


def test_an_interrupted_postgres_rekey_leaves_the_store_readable_with_its_old_key(
    postgres_url: str,
) -> None:
    store = StoreSettings.resolve(postgres_url, environ={})
    entries = fill(keyed(store, KEY))

    def power_cut() -> None:
        raise KeyboardInterrupt  # everything rewritten, not yet committed

    with pytest.raises(KeyboardInterrupt):
        rekey_postgres(keyed(store, KEY), NEW_KEY, before_commit=power_cut)

    assert entry_count(keyed(store, KEY)) == entries
    with pytest.raises(StoreConfigurationError):
        Workspace(keyed(store, NEW_KEY))


def test_an_unencrypted_postgres_store_is_encrypted_by_rekey(postgres_url: str) -> None:
    store = StoreSettings.resolve(postgres_url, environ={})
    entries = fill(store)

    rekey_postgres(store, NEW_KEY)

    assert entry_count(keyed(store, NEW_KEY)) == entries
    assert REAL_NAME.encode() not in raw_store(store)


def test_an_encrypted_store_serves_the_merged_chronology_and_its_web_pages(
    store: StoreSettings,
) -> None:
    from fastapi.testclient import TestClient
    from pydantic import SecretStr

    from api.http import ServerSettings, create_app

    fill(keyed(store, KEY))
    app = create_app(ServerSettings(database_url=store.url, encryption_key=SecretStr(KEY)))
    token = app.state.users.add("root", Role.ADMINISTRATOR)

    with TestClient(app, follow_redirects=False) as client:
        merged = client.get("/reviews/DHR 7/merged", headers={"Authorization": f"Bearer {token}"})
        form = client.get("/web/sign-in")
        csrf = form.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        client.post("/web/sign-in", data={"token": token, "csrf": csrf})
        page = client.get("/web/reviews/DHR%207/people")
    app.state.workspace.close()

    assert merged.status_code == 200, merged.text
    assert len(merged.json()["incidents"]) > 50 and merged.json()["conflicts"]
    assert page.status_code == 200 and REAL_NAME in page.text

"""`chronology rekey` as an operator runs it: keys from the environment, the store re-encrypted."""

from __future__ import annotations

import subprocess
from pathlib import Path

from eventsourcing.cipher import AESCipher

from tests.e2e.live_server import CHRONOLOGY


def chronology(cwd: Path, *args: str, **keys: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CHRONOLOGY, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": str(cwd), **keys},
    )


def test_rekey_moves_a_sqlite_store_to_the_new_key_and_the_old_one_stops_working(
    tmp_path: Path, dhr7: Path
) -> None:
    old, new = AESCipher.create_key(32), AESCipher.create_key(32)
    db = str(tmp_path / "store.sqlite3")
    police = str(dhr7 / "staffordshire_police.csv")
    imported = chronology(
        tmp_path,
        "import",
        "--db",
        db,
        "--review",
        "DHR 7",
        "--agency",
        "Police",
        police,
        CHRONOLOGY_ENCRYPTION_KEY=old,
    )
    assert imported.returncode == 0, imported.stderr

    rekeyed = chronology(
        tmp_path, "rekey", "--db", db,
        CHRONOLOGY_ENCRYPTION_KEY=old, CHRONOLOGY_NEW_ENCRYPTION_KEY=new,
    )  # fmt: skip

    with_old = chronology(tmp_path, "verify", "--db", db, CHRONOLOGY_ENCRYPTION_KEY=old)
    with_new = chronology(tmp_path, "verify", "--db", db, CHRONOLOGY_ENCRYPTION_KEY=new)
    assert rekeyed.returncode == 0, rekeyed.stderr
    assert with_old.returncode != 0 and "not the key" in with_old.stderr
    assert with_new.returncode == 0 and "Intact" in with_new.stdout
    assert not (tmp_path / "store.sqlite3.rekey").exists()

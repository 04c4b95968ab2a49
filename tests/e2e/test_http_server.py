"""`chronology serve` as a user runs it: a real server process on a loopback port, real HTTP."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.e2e.live_server import add_user, caught_up, run_chronology, serving


def chronology(*args: str, cwd: Path) -> str:
    return run_chronology(cwd, *args)


def issue_token(db: str, cwd: Path, *args: str) -> str:
    return add_user(cwd, db, *args)


def test_an_agency_uploads_and_a_chair_reads_the_merged_chronology_over_real_http(
    tmp_path: Path, dhr7: Path
) -> None:
    db = str(tmp_path / "served.sqlite3")
    admin = issue_token(db, tmp_path, "--name", "root", "--role", "administrator")
    police = issue_token(
        db,
        tmp_path,
        "--name",
        "pc.smith",
        "--role",
        "agency",
        "--agency",
        "Staffordshire Police",
        "--review",
        "DHR 7",
    )
    chair = issue_token(db, tmp_path, "--name", "chair", "--role", "chair", "--review", "DHR 7")

    with serving(db, tmp_path) as (base, process):
        with httpx.Client(base_url=base, timeout=60) as client:
            opened = client.post(
                "/reviews", json={"name": "DHR 7"}, headers={"Authorization": f"Bearer {admin}"}
            )
            content = (dhr7 / "staffordshire_police.csv").read_bytes()
            uploaded = client.post(
                "/reviews/DHR 7/submissions",
                headers={"Authorization": f"Bearer {police}"},
                files={"file": ("staffordshire_police.csv", content, "text/csv")},
            )
            merged = client.get(
                "/reviews/DHR 7/merged",
                params={"person": "Rachel"},
                headers={"Authorization": f"Bearer {chair}"},
            )
            refused = client.get(
                "/reviews/DHR 7/merged", headers={"Authorization": f"Bearer {police}"}
            )
            docs = client.get("/openapi.json")
        process.terminate()
        log = process.communicate(timeout=30)[0]

    assert opened.status_code == 201
    assert uploaded.status_code == 201 and uploaded.json()["rows_stored"] == 78
    assert merged.status_code == 200 and merged.json()["review"] == "DHR 7"
    assert refused.status_code == 403
    assert "CHRONOLOGY_MAX_UPLOAD_BYTES" in docs.json()["info"]["description"]
    assert "POST /reviews/{review}/submissions 201" in log and "user=pc.smith role=agency" in log
    assert (
        "Rachel" not in log and "DHR 7" not in log and "DHR%207" not in log
    )  # no personal data or values


@pytest.mark.postgres
def test_several_server_processes_share_one_postgresql_store(
    tmp_path: Path, postgres_url: str
) -> None:
    admin = issue_token(postgres_url, tmp_path, "--name", "root", "--role", "administrator")
    headers = {"Authorization": f"Bearer {admin}"}

    with (
        serving(postgres_url, tmp_path, workers=3) as (base, _),
        httpx.Client(base_url=base, timeout=60) as client,
    ):
        client.post("/reviews", json={"name": "DHR 7"}, headers=headers)
        for n in range(6):
            csv = f"Date,Summary\r\n0{n + 1}/02/2012,visit {n}\r\n".encode()
            stored = client.post(
                "/reviews/DHR 7/submissions",
                headers=headers,
                data={"agency": f"Agency {n}"},
                files={"file": (f"a{n}.csv", csv, "text/csv")},
            )
            assert stored.status_code == 201, stored.text
        caught_up(base)  # the server's follower applies the uploads after they have answered
        entries = [client.get("/reviews/DHR 7/entries", headers=headers).json() for _ in range(6)]

    assert all(len(listed) == 6 for listed in entries)

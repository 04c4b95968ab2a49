"""The intake preview over real HTTP: a file shown as it would be read, nothing stored, then
imported with a corrected mapping."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.e2e.live_server import add_user, serving

LOG = (
    b"Attended,Logged by,What happened\r\n"
    b"16/06/2012,PC 123,Call from S: assaulted by her partner N at home\r\n"
    b"Dec 2012,PC 456,N arrested at the custody suite for the assault on S\r\n"
)


def test_a_preview_stores_nothing_and_the_import_takes_the_corrected_mapping(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "served.sqlite3")
    admin = add_user(tmp_path, db, "--name", "root", "--role", "administrator")
    police = add_user(
        tmp_path,
        db,
        "--name",
        "pc.smith",
        "--role",
        "agency",
        "--agency",
        "Police",
        "--review",
        "DHR 7",
    )
    as_police = {"Authorization": f"Bearer {police}"}
    upload = {"file": ("police log.csv", LOG, "text/csv")}

    with serving(db, tmp_path) as (base, process):
        with httpx.Client(base_url=base, timeout=60) as client:
            client.post(
                "/reviews", json={"name": "DHR 7"}, headers={"Authorization": f"Bearer {admin}"}
            )
            previewed = client.post(
                "/reviews/DHR 7/submissions/preview", headers=as_police, files=upload
            )
            after_preview = client.get("/reviews/DHR 7/entries", headers=as_police)
            corrected = client.post(
                "/reviews/DHR 7/submissions/preview",
                headers=as_police,
                files=upload,
                data={"map": ["Logged by=staff", "What happened=comment"]},
            )
            imported = client.post(
                "/reviews/DHR 7/submissions",
                headers=as_police,
                files=upload,
                data={"map": corrected.json()["mapping"]},
            )
            previewed_again = client.post(
                "/reviews/DHR 7/submissions/preview", headers=as_police, files=upload
            )
            entries = client.get("/reviews/DHR 7/entries", headers=as_police)
            bad_map = client.post(
                "/reviews/DHR 7/submissions/preview",
                headers=as_police,
                files=upload,
                data={"map": ["Nope=date"]},
            )
        process.terminate()
        log = process.communicate(timeout=30)[0]

    body = previewed.json()
    assert previewed.status_code == 200, previewed.text
    assert body["stored"] is False and body["already_held"] is False
    assert body["agency"] == "Police" and body["file_type"] == "csv" and body["records"] == 2
    columns = {c["name"]: c for c in body["columns"]}
    assert columns["Attended"]["role"] == "date"
    assert columns["Attended"]["reason"] == "2 of 2 filled cells are dates"
    assert body["first_rows"][0]["cells"]["Attended"] == "16/06/2012"
    assert body["first_rows"][1]["date_read"] == "Dec 2012 (the month)"
    assert "comment" in body["roles"] and body["mapping"] == []
    assert after_preview.json() == []
    assert corrected.json()["mapping"] == ["Logged by=staff", "What happened=comment"]
    assert {c["name"]: c["role"] for c in corrected.json()["columns"]}["What happened"] == "comment"
    assert imported.status_code == 201 and imported.json()["rows_stored"] == 2
    assert imported.json()["column_mapping"]["What happened"] == "comment"
    assert previewed_again.json()["already_held"] is True
    assert [e["fields"].get("comment") for e in entries.json()][0].startswith("Call from S")
    assert bad_map.status_code == 422 and "Nope" in bad_map.json()["detail"]
    assert "POST /reviews/{review}/submissions/preview 200" in log
    assert "assaulted" not in log and "police log" not in log  # no file contents or names

"""Access control over HTTP: tokens (401), roles and grants (403), nothing stored when refused."""

# ruff: noqa: F811  (the fixtures come from test_http_support by name; pytest needs them imported)

from __future__ import annotations

from pathlib import Path

from test_http_support import REVIEW, Api, api, small_chronology  # noqa: F401  (fixtures)


def test_a_request_without_a_token_is_refused_with_401_and_stores_nothing(api: Api) -> None:
    before = api.event_count()

    response = api.upload(
        None, ("police.csv", small_chronology("police")), agency="Staffordshire Police"
    )

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "Bearer" in response.json()["detail"]
    assert api.event_count() == before


def test_a_wrong_token_is_refused_with_401(api: Api) -> None:
    api.tokens["intruder"] = "not-a-real-token"

    response = api.get("intruder", "/reviews")

    assert response.status_code == 401
    assert "unknown or has been revoked" in response.json()["detail"]


def test_a_revoked_token_stops_working_and_stores_nothing(api: Api) -> None:
    api.client.app.state.users.revoke("police")  # type: ignore[attr-defined]
    before = api.event_count()

    response = api.upload("police", ("police.csv", small_chronology("police")))

    assert response.status_code == 401
    assert api.event_count() == before


def test_an_agency_cannot_upload_as_another_agency(api: Api) -> None:
    before = api.event_count()

    response = api.upload("police", ("wmas.csv", small_chronology("ambulance")), agency="WMAS")

    assert response.status_code == 403
    assert "Staffordshire Police" in response.json()["detail"]
    assert api.event_count() == before


def test_an_agency_upload_is_recorded_as_its_own_agency_and_user(api: Api) -> None:
    response = api.upload(
        "police", ("police.csv", small_chronology("police")), uploaded_by="someone.else"
    )

    assert response.status_code == 201
    assert response.json()["agency"] == "Staffordshire Police"
    assert response.json()["uploaded_by"] == "police"
    trail = api.get("root", f"/reviews/{REVIEW}/audit").json()
    assert {line["actor"] for line in trail if line["action"] != "review opened"} == {"police"}


def test_an_agency_sees_only_its_own_submissions_and_entries(api: Api) -> None:
    api.upload("police", ("police.csv", small_chronology("police")))
    ambulance = api.upload("ambulance", ("wmas.csv", small_chronology("ambulance"))).json()

    submissions = api.get("police", f"/reviews/{REVIEW}/submissions").json()
    entries = api.get("police", f"/reviews/{REVIEW}/entries").json()
    other_file = api.get("police", f"/reviews/{REVIEW}/submissions/{ambulance['submission_id']}")
    other_rows = api.get("police", f"/reviews/{REVIEW}/entries", params={"agency": "WMAS"})

    assert [s["agency"] for s in submissions] == ["Staffordshire Police"]
    assert {e["agency"] for e in entries} == {"Staffordshire Police"} and len(entries) == 3
    assert other_file.status_code == 403
    assert other_rows.status_code == 403
    assert "ambulance" not in (other_file.text + other_rows.text)


def test_an_agency_never_sees_the_merged_chronology_nor_acts_as_chair(api: Api) -> None:
    api.upload("police", ("police.csv", small_chronology("police")))
    before = api.event_count()

    merged = api.get("police", f"/reviews/{REVIEW}/merged")
    conflicts = api.get("police", f"/reviews/{REVIEW}/conflicts")
    note = api.post("police", f"/reviews/{REVIEW}/notes", json={"target": "inc-1", "text": "mine"})
    resolve = api.post(
        "police",
        f"/reviews/{REVIEW}/conflicts/cf-1/resolve",
        json={"decision": "disputed", "rationale": "because"},
    )

    assert [r.status_code for r in (merged, conflicts, note, resolve)] == [403, 403, 403, 403]
    assert api.event_count() == before


def test_an_agency_cannot_upload_to_a_review_it_was_not_given(api: Api) -> None:
    api.post("root", "/reviews", json={"name": "DHR 8"})
    before = api.event_count()

    response = api.upload("police", ("police.csv", small_chronology("police")), review="DHR 8")

    assert response.status_code == 403
    assert "DHR 8" in response.json()["detail"]
    assert api.event_count() == before


def test_a_panel_member_reads_but_cannot_write(api: Api) -> None:
    api.upload("police", ("police.csv", small_chronology("police")))
    before = api.event_count()

    reads = [
        api.get("panel", f"/reviews/{REVIEW}/{what}") for what in ("merged", "entries", "audit")
    ]
    writes = [
        api.upload("panel", ("p.csv", small_chronology("panel")), agency="Panel"),
        api.post("panel", f"/reviews/{REVIEW}/notes", json={"target": "inc-1", "text": "x"}),
        api.post("panel", f"/reviews/{REVIEW}/links", json={"entries": ["aaaa", "bbbb"]}),
        api.post(
            "panel",
            f"/reviews/{REVIEW}/conflicts",
            json={"entries": ["aaaa", "bbbb"], "kind": "date"},
        ),
        api.put("panel", f"/reviews/{REVIEW}/people/Adult A", json={"real_name": "Jane"}),
        api.post("panel", "/reviews", json={"name": REVIEW}),
    ]

    assert [r.status_code for r in reads] == [200, 200, 200]
    assert [r.status_code for r in writes] == [403] * 6
    assert api.event_count() == before


def test_a_chair_of_another_review_is_refused_this_one(api: Api) -> None:
    response = api.get("other.chair", f"/reviews/{REVIEW}/merged")

    assert response.status_code == 403
    assert "has not been given access to review 'DHR 7'" in response.json()["detail"]


def test_a_chair_may_open_only_the_reviews_it_was_given(api: Api) -> None:
    refused = api.post("chair", "/reviews", json={"name": "DHR 9"})
    allowed = api.post("other.chair", "/reviews", json={"name": "DHR 8"})

    assert refused.status_code == 403
    assert allowed.status_code == 201 and allowed.json()["opened_by"] == "other.chair"


def test_an_auditor_reads_the_trail_and_verifies_but_not_the_merged_view(api: Api) -> None:
    api.upload("police", ("police.csv", small_chronology("police")))

    trail = api.get("auditor", f"/reviews/{REVIEW}/audit")
    verified = api.get("auditor", "/verify")
    merged = api.get("auditor", f"/reviews/{REVIEW}/merged")
    entries = api.get("auditor", f"/reviews/{REVIEW}/entries")

    assert trail.status_code == 200 and len(trail.json()) > 3
    assert verified.status_code == 200 and verified.json()["intact"] is True
    assert merged.status_code == 403 and entries.status_code == 403


def test_reviews_listing_shows_only_the_reviews_a_user_was_given(api: Api) -> None:
    api.post("root", "/reviews", json={"name": "DHR 8"})

    everything = [r["name"] for r in api.get("root", "/reviews").json()]
    police = [r["name"] for r in api.get("police", "/reviews").json()]

    assert everything == ["DHR 7", "DHR 8"]
    assert police == ["DHR 7"]


def test_the_health_check_needs_no_token_and_says_nothing_of_reviews(
    api: Api, tmp_path: Path
) -> None:
    response = api.get(None, "/health")

    assert response.json() == {"status": "ok", "events_to_apply": 0}

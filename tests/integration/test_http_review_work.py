"""A chair's and panel's work over HTTP: the merged view (filters, as-at), conflicts and decisions
(with 409 on a stale version), links, notes, people, history, audit, evaluation."""

# ruff: noqa: F811  (the fixtures come from test_http_support by name; pytest needs them imported)

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_http_support import REVIEW, Api, api, sqlite_api  # noqa: F401

R = f"/reviews/{REVIEW}"


@pytest.fixture
def uploaded(api: Api, dhr7: Path) -> Api:
    """DHR 7 with the police and IPCC files, which disagree about dates."""
    api.upload("police", dhr7 / "staffordshire_police.csv")
    api.upload("root", dhr7 / "ipcc_investigation.csv", agency="IPCC")
    return api


def first_open_conflict(api: Api) -> dict[str, object]:
    conflicts = api.get("chair", f"{R}/conflicts", params={"status": "open"}).json()["conflicts"]
    assert conflicts, "the police and IPCC files should disagree somewhere"
    return dict(conflicts[0])


def test_the_chair_resolves_a_conflict_and_a_stale_version_gets_409(uploaded: Api) -> None:
    conflict = first_open_conflict(uploaded)
    path = f"{R}/conflicts/{conflict['key']}/resolve"

    first = uploaded.post(
        "chair",
        path,
        json={
            "decision": "disputed",
            "rationale": "both stand",
            "expected_version": conflict["version"],
            "decided_by": "mallory",
        },
    )
    stale = uploaded.post(
        "chair",
        path,
        json={
            "decision": "not-a-conflict",
            "rationale": "no, wait",
            "expected_version": conflict["version"],
        },
    )

    assert first.status_code == 200
    assert first.json()["decided_by"] == "chair" and first.json()["version"] > int(
        conflict["version"]
    )  # type: ignore[call-overload]
    assert stale.status_code == 409
    assert "changed since you looked" in stale.json()["detail"]
    decided = uploaded.get("panel", f"{R}/conflicts").json()["conflicts"]
    mine = next(c for c in decided if c["key"] == conflict["key"])
    assert mine["status"] == "resolved" and mine["decision"]["by"] == "chair"


def test_a_resolution_without_a_rationale_is_refused(uploaded: Api) -> None:
    conflict = first_open_conflict(uploaded)

    response = uploaded.post(
        "chair",
        f"{R}/conflicts/{conflict['key']}/resolve",
        json={"decision": "disputed", "rationale": "   "},
    )

    assert response.status_code == 422
    assert "rationale" in response.json()["detail"]


def test_a_decision_on_an_unknown_conflict_or_entry_names_the_problem(uploaded: Api) -> None:
    unknown = uploaded.post(
        "chair", f"{R}/conflicts/cf-nope/resolve", json={"decision": "disputed", "rationale": "x"}
    )
    bad_entry = uploaded.post("chair", f"{R}/links", json={"entries": ["ffffffff", "eeeeeeee"]})

    assert unknown.status_code == 422 and "cf-nope" in unknown.json()["detail"]
    assert bad_entry.status_code == 404 and "ffffffff" in bad_entry.json()["detail"]


def test_the_chair_reopens_a_resolved_conflict(uploaded: Api) -> None:
    conflict = first_open_conflict(uploaded)
    resolved = uploaded.post(
        "chair",
        f"{R}/conflicts/{conflict['key']}/resolve",
        json={"decision": "disputed", "rationale": "x"},
    ).json()

    reopened = uploaded.post(
        "chair",
        f"{R}/conflicts/{conflict['key']}/reopen",
        json={"rationale": "new evidence", "expected_version": resolved["version"]},
    )

    assert reopened.status_code == 200 and reopened.json()["version"] == resolved["version"] + 1


def test_link_unlink_and_note_are_recorded_as_the_chair(uploaded: Api) -> None:
    incidents = uploaded.get("chair", f"{R}/merged").json()["incidents"]
    single = [i["entries"][0]["entry_id"] for i in incidents if len(i["entries"]) == 1][:2]

    linked = uploaded.post(
        "chair", f"{R}/links", json={"entries": single, "rationale": "same call"}
    )
    unlinked = uploaded.post(
        "chair", f"{R}/unlinks", json={"entry": single[0], "rationale": "not after all"}
    )
    noted = uploaded.post(
        "chair", f"{R}/notes", json={"target": single[1], "text": "ask the police"}
    )

    assert [r.status_code for r in (linked, unlinked, noted)] == [200, 200, 200]
    actors = {line["actor"] for line in uploaded.get("auditor", f"{R}/audit").json()[-3:]}
    assert actors == {"chair"}


def test_the_chair_keeps_the_people_glossary_and_the_panel_cannot_see_it(uploaded: Api) -> None:
    put = uploaded.put(
        "chair", f"{R}/people/Adult R", json={"real_name": "Rachel", "role": "victim"}
    )
    listed = uploaded.get("chair", f"{R}/people")
    panel = uploaded.get("panel", f"{R}/people")

    assert put.status_code == 200
    assert listed.json() == [
        {"pseudonym": "Adult R", "real_name": "Rachel", "role": "victim", "aliases": []}
    ]
    assert panel.status_code == 403


def test_the_merged_view_is_filtered_by_agency_conflicts_and_dates(uploaded: Api) -> None:
    everything = uploaded.get("panel", f"{R}/merged").json()
    ipcc = uploaded.get("panel", f"{R}/merged", params={"agency": "IPCC"}).json()
    conflicted = uploaded.get("panel", f"{R}/merged", params={"conflicts_only": True}).json()
    in_2016 = uploaded.get(
        "panel", f"{R}/merged", params={"from": "2016-01-01", "to": "2016-12-31"}
    ).json()

    assert len(ipcc["incidents"]) < len(everything["incidents"])
    assert all(any(e["agency"] == "IPCC" for e in i["entries"]) for i in ipcc["incidents"])
    assert 0 < len(conflicted["incidents"]) < len(everything["incidents"])
    assert all(
        (i["end_date"] or i["date"]) >= "2016-01-01" and i["date"] <= "2016-12-31"
        for i in in_2016["incidents"]
    )


def test_the_merged_view_as_at_a_moment_shows_only_what_was_held_then(
    sqlite_api: Api, dhr7: Path
) -> None:
    sqlite_api.upload("police", dhr7 / "staffordshire_police.csv")
    time.sleep(0.05)
    between = datetime.now(UTC)
    time.sleep(0.05)
    sqlite_api.upload("ambulance", dhr7 / "wmas_ambulance.csv")

    then = sqlite_api.get("chair", f"{R}/merged", params={"as_at": between.isoformat()}).json()
    by_position = sqlite_api.get(
        "chair", f"{R}/merged", params={"as_at_position": then["as_at_position"]}
    ).json()
    now = sqlite_api.get("chair", f"{R}/merged").json()

    agencies_then = {e["agency"] for i in then["incidents"] for e in i["entries"]}
    agencies_now = {e["agency"] for i in now["incidents"] for e in i["entries"]}
    assert agencies_then == {"Staffordshire Police"}
    assert agencies_now == {"Staffordshire Police", "WMAS"}
    assert by_position == then


def test_as_at_and_as_at_position_together_or_malformed_are_422(sqlite_api: Api) -> None:
    both = sqlite_api.get(
        "chair", f"{R}/merged", params={"as_at": "2020-01-01T00:00", "as_at_position": 3}
    )
    malformed = sqlite_api.get("chair", f"{R}/merged", params={"as_at": "last tuesday"})

    assert both.status_code == 422 and "not both" in both.json()["detail"]
    assert malformed.status_code == 422 and "as_at" in malformed.json()["detail"]
    assert "last tuesday" not in malformed.text  # values are not echoed


def test_evaluating_against_the_ground_truth_gives_scores(uploaded: Api, dhr7: Path) -> None:
    truth = json.loads((dhr7 / "ground_truth.json").read_text("utf-8"))

    scores = uploaded.post("chair", f"{R}/evaluate", json=truth)
    malformed = uploaded.post("chair", f"{R}/evaluate", json={"conflicts": [{"entries": "x"}]})

    assert scores.status_code == 200
    assert 0 < scores.json()["pair_precision"] <= 1
    assert malformed.status_code == 422


def test_history_audit_and_verify_tell_the_record(uploaded: Api) -> None:
    entry = uploaded.get("chair", f"{R}/entries").json()[0]["entry_id"]

    history = uploaded.get("auditor", f"{R}/entries/{entry}/history")
    audit = uploaded.get("auditor", f"{R}/audit", params={"up_to": 2})
    verify = uploaded.get("chair", "/verify")
    missing = uploaded.get("auditor", f"{R}/entries/ffffffff/history")

    assert history.status_code == 200 and history.json()["versions"][0]["entry_id"] == entry
    assert [line["position"] for line in audit.json()] == [1, 2]
    assert verify.json()["intact"] is True
    assert missing.status_code == 404


def test_an_unknown_review_is_404_for_an_administrator(sqlite_api: Api) -> None:
    response = sqlite_api.get("root", "/reviews/DHR 404/merged")

    assert response.status_code == 404
    assert "DHR 404" in response.json()["detail"]

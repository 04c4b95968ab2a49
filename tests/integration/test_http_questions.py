"""The chair's queue over HTTP on both stores: who may read and answer it, an answer that
re-merges and re-ranks, a stale answer refused with 409 and the reason, answers in the trail."""

# ruff: noqa: F811  (the fixtures come from test_http_support by name; pytest needs them imported)

from __future__ import annotations

from pathlib import Path

import pytest
from test_http_support import REVIEW, Api, api  # noqa: F401

Q = f"/reviews/{REVIEW}/questions"


@pytest.fixture
def uploaded(api: Api, dhr7: Path) -> Api:
    """DHR 7 with the police, IPCC and ambulance files."""
    api.upload("police", dhr7 / "staffordshire_police.csv")
    api.upload("root", dhr7 / "ipcc_investigation.csv", agency="IPCC")
    api.upload("ambulance", dhr7 / "wmas_ambulance.csv")
    return api


def test_chair_and_panel_read_the_queue_and_agencies_and_auditors_do_not(uploaded: Api) -> None:
    chair = uploaded.get("chair", Q, params={"limit": 3})
    panel = uploaded.get("panel", Q)
    agency = uploaded.get("police", Q)
    auditor = uploaded.get("auditor", Q)

    assert chair.status_code == 200 and panel.status_code == 200
    assert agency.status_code == 403 and auditor.status_code == 403
    queue = chair.json()
    assert queue["remaining"] >= 1 and len(queue["questions"]) <= 3
    first = queue["questions"][0]
    assert first["id"].startswith("q-") and first["fingerprint"]
    assert len(first["accounts"]) >= 2 and first["accounts"][0]["cells"]
    assert first["evidence_for"] or first["evidence_against"]


def test_the_queue_says_how_many_incidents_the_model_is_unsure_of(uploaded: Api) -> None:
    queue = uploaded.get("chair", Q, params={"limit": 500}).json()
    merged = uploaded.get("panel", f"/reviews/{REVIEW}/merged").json()
    checks = [q for q in queue["questions"] if q["kind"] == "incident"]

    assert checks and queue["remaining"] <= 500
    assert queue["incidents"] == len(merged["incidents"])
    assert queue["incidents_in_doubt"] == len(checks) < queue["incidents"]


def test_an_answer_is_recorded_the_queue_moves_on_and_a_stale_answer_gets_409(
    uploaded: Api,
) -> None:
    questions = uploaded.get("chair", Q, params={"limit": 500}).json()["questions"]
    first = next(q for q in questions if q["kind"] != "incident")
    answer = first["answers"][1]  # "different" or "not-a-conflict"
    body = {"answer": answer, "fingerprint": first["fingerprint"], "note": "checked the logs"}

    recorded = uploaded.post("chair", f"{Q}/{first['id']}/answer", json=body)
    stale = uploaded.post("root", f"{Q}/{first['id']}/answer", json=body)
    panel_answer = uploaded.post("panel", f"{Q}/{first['id']}/answer", json=body)

    assert recorded.status_code == 200, recorded.text
    assert recorded.json()["answered_by"] == "chair"
    assert recorded.json()["next_question"] != first["id"]
    assert stale.status_code == 409
    assert "already answered by chair" in stale.json()["detail"]
    assert panel_answer.status_code == 403
    after = uploaded.get("chair", Q).json()
    assert first["id"] not in [q["id"] for q in after["questions"]]
    assert after["answered"] == 1
    trail = uploaded.get("panel", f"/reviews/{REVIEW}/audit").json()
    answered = [line for line in trail if line["action"] == "question answered"]
    assert answered and answered[0]["actor"] == "chair"
    assert "checked the logs" in answered[0]["detail"]


def test_an_answer_to_a_question_as_it_no_longer_stands_gets_409(uploaded: Api) -> None:
    first = uploaded.get("chair", Q).json()["questions"][0]

    response = uploaded.post(
        "chair",
        f"{Q}/{first['id']}/answer",
        json={"answer": first["answers"][0], "fingerprint": "0000000000000000"},
    )

    assert response.status_code == 409
    assert "changed since it was shown" in response.json()["detail"]


def test_a_same_answer_joins_the_two_rows_in_one_incident(uploaded: Api) -> None:
    queue = uploaded.get("chair", Q, params={"limit": 50}).json()["questions"]
    link = next(q for q in queue if q["kind"] == "link")
    ids = {a["record_id"] for a in link["accounts"]}

    recorded = uploaded.post(
        "chair",
        f"{Q}/{link['id']}/answer",
        json={"answer": "same", "fingerprint": link["fingerprint"]},
    )

    assert recorded.status_code == 200, recorded.text
    merged = uploaded.get("panel", f"/reviews/{REVIEW}/merged").json()
    together = [i for i in merged["incidents"] if ids <= {e["record_id"] for e in i["entries"]}]
    assert together, "the two rows the chair called the same incident should be one incident"


def test_not_a_conflict_resolves_the_marker_and_takes_it_out_of_the_queue(uploaded: Api) -> None:
    queue = uploaded.get("chair", Q, params={"limit": 500}).json()["questions"]
    doubtful = next(q for q in queue if q["kind"] == "conflict")

    recorded = uploaded.post(
        "chair",
        f"{Q}/{doubtful['id']}/answer",
        json={"answer": "not-a-conflict", "fingerprint": doubtful["fingerprint"]},
    )
    wrong_kind = uploaded.post(
        "chair",
        f"{Q}/{next(q for q in queue if q['kind'] in ('link', 'split'))['id']}/answer",
        json={"answer": "real"},
    )

    assert recorded.status_code == 200, recorded.text
    assert wrong_kind.status_code == 422 and "answered same or different" in wrong_kind.text
    conflicts = uploaded.get("panel", f"/reviews/{REVIEW}/conflicts").json()["conflicts"]
    marker = next(c for c in conflicts if c["key"] == doubtful["conflict_key"])
    assert marker["status"] == "resolved" and marker["decision"]["decision"] == "not-a-conflict"
    assert marker["decision"]["by"] == "chair"
    after = uploaded.get("chair", Q, params={"limit": 500}).json()["questions"]
    assert doubtful["id"] not in [q["id"] for q in after]


def test_an_incident_check_keeps_the_ticked_rows_together_and_the_rest_apart(
    uploaded: Api,
) -> None:
    queue = uploaded.get("chair", Q).json()["questions"]
    check = queue[0]
    assert check["kind"] == "incident" and check["answers"] == ["together"]
    held = check["held_together"]
    nearby = [a["record_id"] for a in check["accounts"] if a["record_id"] not in held]
    assert len(held) >= 2 and nearby, check
    kept = [held[0], nearby[0]]
    url = f"{Q}/{check['id']}/answer"

    unknown = uploaded.post("chair", url, json={"answer": "together", "together": ["99"]})
    recorded = uploaded.post(
        "chair",
        url,
        json={"answer": "together", "together": kept, "fingerprint": check["fingerprint"]},
    )
    again = uploaded.post("root", url, json={"answer": "together", "together": held})

    assert unknown.status_code == 422 and "give their numbers (1 to" in unknown.text
    assert recorded.status_code == 200, recorded.text
    assert again.status_code == 409 and "already answered by chair" in again.json()["detail"]
    after = uploaded.get("chair", Q, params={"limit": 500}).json()
    assert after["answered"] == 1 and after["questions"]
    assert check["id"] not in [q["id"] for q in after["questions"]]
    assert after["remaining"] == len(after["questions"])
    merged = uploaded.get("panel", f"/reviews/{REVIEW}/merged").json()
    incident_of = {
        e["record_id"]: n for n, i in enumerate(merged["incidents"]) for e in i["entries"]
    }
    assert incident_of[held[0]] == incident_of[nearby[0]]
    assert all(incident_of[row] != incident_of[held[0]] for row in held[1:])
    trail = uploaded.get("panel", f"/reviews/{REVIEW}/audit").json()
    answered = [line for line in trail if line["action"] == "question answered"]
    assert answered and answered[0]["actor"] == "chair"
    assert answered[0]["detail"].startswith(f"incident check of {len(check['accounts'])} rows")
    assert f"together {held[0]}, {nearby[0]};" in answered[0]["detail"]


def test_an_incident_check_sorts_the_rows_not_kept_into_an_incident_of_their_own(
    uploaded: Api,
) -> None:
    check = uploaded.get("chair", Q).json()["questions"][0]
    held = check["held_together"]
    assert check["kind"] == "incident" and len(held) >= 3, check
    url = f"{Q}/{check['id']}/answer"
    number = {a["record_id"]: n for n, a in enumerate(check["accounts"], 1)}
    said = "the second account names another address"

    twice = uploaded.post(
        "chair",
        url,
        json={"answer": "together", "together": held[:2], "other_incidents": [held[1:3]]},
    )
    recorded = uploaded.post(
        "chair",
        url,
        json={
            "answer": "together",
            "together": [held[0]],
            "other_incidents": [[str(number[held[1]]), held[2]]],
            "disagreements": [{"rows": held[1:3], "kind": "location", "description": said}],
            "fingerprint": check["fingerprint"],
        },
    )

    assert twice.status_code == 422 and f"put in two: row {number[held[1]]}" in twice.text
    assert recorded.status_code == 200, recorded.text
    merged = uploaded.get("panel", f"/reviews/{REVIEW}/merged").json()
    incident_of = {
        e["record_id"]: n for n, i in enumerate(merged["incidents"]) for e in i["entries"]
    }
    assert incident_of[held[1]] == incident_of[held[2]] != incident_of[held[0]]
    conflicts = uploaded.get("panel", f"/reviews/{REVIEW}/conflicts").json()["conflicts"]
    raised = [c for c in conflicts if c["key"].startswith("cr-")]
    assert [sorted(e["record_id"] for e in c["entries"]) for c in raised] == [sorted(held[1:3])]
    trail = uploaded.get("panel", f"/reviews/{REVIEW}/audit").json()
    answered = [line for line in trail if line["action"] == "question answered"]
    assert len(answered) == 1
    assert f"together {held[0]}; another incident {held[1]}, {held[2]};" in answered[0]["detail"]


def test_rows_marked_as_disagreeing_in_a_check_become_a_marker_the_chair_raised(
    uploaded: Api,
) -> None:
    check = uploaded.get("chair", Q).json()["questions"][0]
    assert check["kind"] == "incident"
    held = check["held_together"]
    assert len(held) >= 3, check
    url = f"{Q}/{check['id']}/answer"
    nearby_row = next(n for n, a in enumerate(check["accounts"], 1) if a["record_id"] not in held)
    said = "the police log puts the call later than the ambulance log"
    before = uploaded.get("panel", f"/reviews/{REVIEW}/conflicts").json()["as_at_position"]

    outside = uploaded.post(
        "chair",
        url,
        json={
            "answer": "together",
            "disagreements": [{"rows": ["1", str(nearby_row)], "kind": "time"}],
        },
    )
    unknown_kind = uploaded.post(
        "chair",
        url,
        json={"answer": "together", "disagreements": [{"rows": ["1", "2"], "kind": "colour"}]},
    )
    recorded = uploaded.post(
        "chair",
        url,
        json={
            "answer": "together",
            "disagreements": [{"rows": [held[0], held[2]], "kind": "time", "description": said}],
        },
    )

    assert outside.status_code == 422, outside.text
    assert f"not kept: row {nearby_row}" in outside.json()["detail"]
    assert unknown_kind.status_code == 422 and "kind" in unknown_kind.text
    assert recorded.status_code == 200, recorded.text
    conflicts = uploaded.get("panel", f"/reviews/{REVIEW}/conflicts").json()["conflicts"]
    raised = [c for c in conflicts if c["key"].startswith("cr-")]
    assert len(raised) == 1, conflicts
    assert raised[0]["kind"] == "time" and raised[0]["confidence"] == 1.0
    assert sorted(e["record_id"] for e in raised[0]["entries"]) == sorted([held[0], held[2]])
    assert raised[0]["explanation"].startswith(f"Time: {said}\nRaised by the chair, chair, on ")
    assert raised[0]["status"] == "open"
    earlier = uploaded.get(
        "panel", f"/reviews/{REVIEW}/conflicts", params={"as_at_position": before}
    ).json()["conflicts"]
    assert earlier and not [c for c in earlier if c["key"].startswith("cr-")]
    trail = uploaded.get("panel", f"/reviews/{REVIEW}/audit").json()
    lines = [line for line in trail if line["action"] == "conflict raised"]
    assert [(line["actor"], line["detail"]) for line in lines] == [("chair", f"time: {said}")]
    dismissed = uploaded.post(
        "chair",
        f"/reviews/{REVIEW}/conflicts/{raised[0]['key']}/resolve",
        json={"decision": "not-a-conflict", "rationale": "read again: the same minute"},
    )
    assert dismissed.status_code == 200, dismissed.text
    after = uploaded.get("panel", f"/reviews/{REVIEW}/conflicts").json()["conflicts"]
    assert [c["status"] for c in after if c["key"] == raised[0]["key"]] == ["resolved"]


def test_a_chair_raises_a_conflict_between_rows_of_one_incident_and_not_across_two(
    uploaded: Api,
) -> None:
    merged = uploaded.get("panel", f"/reviews/{REVIEW}/merged").json()
    shared = [i for i in merged["incidents"] if len(i["entries"]) >= 2]
    assert len(shared) >= 2
    first, second = shared[0]["entries"], shared[1]["entries"]
    url = f"/reviews/{REVIEW}/conflicts"

    across = uploaded.post(
        "chair",
        url,
        json={"entries": [first[0]["record_id"], second[0]["record_id"]], "kind": "date"},
    )
    by_panel = uploaded.post(
        "panel",
        url,
        json={"entries": [first[0]["record_id"], first[1]["record_id"]], "kind": "date"},
    )
    raised = uploaded.post(
        "chair",
        url,
        json={
            "entries": [first[0]["record_id"], first[1]["record_id"]],
            "kind": "account",
            "description": "she told one agency she fell and the other that she was pushed",
        },
    )
    again = uploaded.post(
        "chair",
        url,
        json={"entries": [first[1]["record_id"], first[0]["record_id"]], "kind": "account"},
    )

    assert across.status_code == 422 and "in 2 incidents" in across.json()["detail"]
    assert by_panel.status_code == 403
    assert raised.status_code == 201, raised.text
    key = raised.json()["conflict"]
    assert key.startswith("cr-") and again.json()["conflict"] == key
    conflicts = uploaded.get("panel", f"/reviews/{REVIEW}/conflicts").json()["conflicts"]
    marked = [c for c in conflicts if c["key"] == key]
    assert len(marked) == 1 and marked[0]["incident"] == shared[0]["id"]
    assert marked[0]["explanation"].startswith("Account: she told one agency she fell")


def test_markers_shown_with_a_check_that_the_chair_dismisses_are_resolved_not_a_conflict(
    uploaded: Api,
) -> None:
    check = uploaded.get("chair", Q).json()["questions"][0]
    assert check["kind"] == "incident" and len(check["markers"]) >= 2, check["markers"]
    shown = {a["record_id"] for a in check["accounts"]}
    assert all(set(m["rows"]) <= shown for m in check["markers"])
    dismissed, kept = check["markers"][0]["key"], check["markers"][1]["key"]
    url = f"{Q}/{check['id']}/answer"

    unknown = uploaded.post(
        "chair", url, json={"answer": "together", "not_conflicts": ["cf-0000000000000000"]}
    )
    recorded = uploaded.post(
        "chair",
        url,
        json={
            "answer": "together",
            "not_conflicts": [dismissed],
            "note": "the two logs time the same call differently",
        },
    )

    assert unknown.status_code == 422
    assert "marker cf-0000000000000000 is not one this check shows" in unknown.json()["detail"]
    assert recorded.status_code == 200, recorded.text
    conflicts = {
        c["key"]: c
        for c in uploaded.get("panel", f"/reviews/{REVIEW}/conflicts").json()["conflicts"]
    }
    assert conflicts[dismissed]["status"] == "resolved"
    assert conflicts[dismissed]["decision"]["decision"] == "not-a-conflict"
    assert (
        conflicts[dismissed]["decision"]["rationale"]
        == "the two logs time the same call differently"
    )
    assert conflicts[kept]["status"] == "open"
    trail = uploaded.get("panel", f"/reviews/{REVIEW}/audit").json()
    resolved = [line for line in trail if line["action"] == "conflict resolved"]
    assert [line["actor"] for line in resolved] == ["chair"]

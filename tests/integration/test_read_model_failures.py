"""A read model that cannot apply an event stops there and says so, while the event store and the
other read models go on serving; `chronology rebuild` with the code fixed brings it back.

The fault is real code: a people read model whose apply raises on one person, as a bug would.
"""

# ruff: noqa: F811  (the fixtures come from test_http_support by name; pytest needs them imported)

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pytest
import sqlalchemy as sa
from eventsourcing.persistence import Notification
from test_http_support import REVIEW, Api, api, small_chronology  # noqa: F401

from adapters.store import StoreSettings
from api.cli import main
from api.workspace import Workspace
from domain.decisions import Reconciliation
from domain.people import PeopleGlossary
from projections.people import PeopleProjection

R = f"/reviews/{REVIEW}"


class PeopleWithABug(PeopleProjection):
    """The people read model with a bug that only one person's record brings out."""

    def apply(self, events: Sequence[tuple[Notification, Any]], connection: sa.Connection) -> None:
        for _, event in events:
            if isinstance(event, PeopleGlossary.PersonRecorded) and event.pseudonym == "Adult B":
                raise KeyError(event.real_name)  # the message would quote a real name
        super().apply(events, connection)


def install(workspace: Workspace, people: PeopleProjection) -> None:
    """Serve with `people` as the people read model (the code of the next release, say)."""
    workspace.projections = [people if p.name == "people" else p for p in workspace.projections]


def pseudonyms(api: Api) -> list[str]:
    answer = api.get("chair", f"{R}/people")
    assert answer.status_code == 200
    return sorted(p["pseudonym"] for p in answer.json())


def person(api: Api, pseudonym: str, real_name: str) -> None:
    answer = api.put("chair", f"{R}/people/{pseudonym}", json={"real_name": real_name})
    assert answer.status_code == 200, answer.text


def web_overview(api: Api) -> str:
    form = api.client.get("/web/sign-in")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert csrf
    api.client.post(
        "/web/sign-in",
        data={"token": api.tokens["chair"], "csrf": csrf.group(1)},
        follow_redirects=False,
    )
    page = api.client.get("/web/reviews/DHR%207")
    assert page.status_code == 200
    return page.text


@pytest.fixture
def stopped(api: Api) -> tuple[Api, int]:
    """DHR 7 with a file and three people, the people read model stopped on the second."""
    workspace = api.client.app.state.workspace  # type: ignore[attr-defined]
    assert api.upload("police", ("police.csv", small_chronology("police"))).status_code == 201
    install(workspace, PeopleWithABug())
    person(api, "Adult A", "Alice Example")
    person(api, "Adult B", "Beatrice Example")
    failed_at = api.event_count()
    person(api, "Adult C", "Carol Example")
    return api, failed_at


def test_a_read_model_that_fails_stops_at_that_event_and_the_rest_keep_serving(
    stopped: tuple[Api, int],
) -> None:
    api, failed_at = stopped

    health = api.client.get("/health").json()

    assert health == {
        "status": "degraded",
        "events_to_apply": 0,  # the read models still following have applied every event
        "stopped_read_models": [{"name": "people", "notification_id": failed_at}],
    }
    assert pseudonyms(api) == ["Adult A"]  # stopped before Adult B: nothing after is applied
    assert api.get("chair", f"{R}/merged").status_code == 200
    trail = api.get("chair", f"{R}/audit").json()
    assert sum(1 for line in trail if line["action"] == "person recorded") == 3
    assert api.upload("ambulance", ("wmas.csv", small_chronology("wmas"))).status_code == 201


def test_the_web_overview_says_part_of_the_workspace_stopped_in_plain_words(
    stopped: tuple[Api, int],
) -> None:
    api, _ = stopped

    page = web_overview(api)

    assert "Part of this workspace has stopped updating" in page
    assert "The people the review names may not show the latest changes" in page
    assert "rebuild" not in page and "notification" not in page


def test_status_names_the_event_and_why_without_personal_data_and_rebuild_recovers(
    stopped: tuple[Api, int], capsys: pytest.CaptureFixture[str]
) -> None:
    api, failed_at = stopped
    store = api.client.app.state.workspace.settings.url  # type: ignore[attr-defined]

    degraded = main(["status", "--db", store])
    report = capsys.readouterr().out
    install(api.client.app.state.workspace, PeopleProjection())  # type: ignore[attr-defined]
    rebuilt = main(["rebuild", "--db", store])
    healthy = main(["status", "--db", store])
    after = capsys.readouterr().out

    assert degraded == 1
    assert (
        f"people: STOPPED at notification {failed_at} (chronology:PeopleGlossary.PersonRecorded)"
        in report
    )
    assert "KeyError raised in" in report
    assert "Example" not in report
    assert re.search(r"^merged: (\d[\d,]*) of \1 events$", report, re.MULTILINE)
    assert rebuilt == 0 and healthy == 0
    assert "Every read model is following the events." in after
    assert api.client.get("/health").json() == {"status": "ok", "events_to_apply": 0}
    assert pseudonyms(api) == ["Adult A", "Adult B", "Adult C"]


def test_a_failing_event_inside_one_page_keeps_the_events_before_it(
    stopped: tuple[Api, int],
) -> None:
    api, failed_at = stopped
    workspace: Workspace = api.client.app.state.workspace  # type: ignore[attr-defined]

    workspace.rebuild()  # every event in one page, the buggy read model still installed

    (failure,) = workspace.stopped_read_models()
    assert failure.name == "people" and failure.notification_id == failed_at
    people = next(s for s in workspace.read_model_status() if s.name == "people")
    assert people.position == failed_at - 1
    assert pseudonyms(api) == ["Adult A"]


def test_an_event_stored_before_text_was_checked_stops_only_the_read_models_it_breaks(
    postgres_url: str,
) -> None:
    # A note with NUL, saved as older versions did (without the check): PostgreSQL's read model
    # tables cannot hold it. Before, every later request on every review failed on it.
    workspace = Workspace(StoreSettings.resolve(postgres_url, environ={}))
    try:
        workspace.import_file(small_chronology("police"), "p.csv", REVIEW, "Police", "root")
        review = workspace.review(REVIEW)
        record = Reconciliation.start(review.id)
        record.trigger_event(
            Reconciliation.NoteAdded,
            target="conflict:x",
            text="asked\x00again",
            written_by="chair",
            written_at="2026-01-01T00:00:00+00:00",
        )
        workspace.application.save(record)
        latest = workspace.application.recorder.max_notification_id()

        workspace.catch_up()
        workspace.record_person(REVIEW, "Adult A", "Alice Example", "", [], "chair")

        stopped = {f.name: f for f in workspace.stopped_read_models()}
        assert "audit" in stopped and stopped["audit"].notification_id == latest
        assert "DataError" in stopped["audit"].reason
        assert "entries" not in stopped and "people" not in stopped
        assert [p.pseudonym for p in workspace.people(REVIEW)] == ["Adult A"]
        assert len(workspace.entries(REVIEW)) == 3
    finally:
        workspace.close()

"""The web pages over a real SQLite store holding DHR 7: who sees what, forms, escaping, speed.

Driven through FastAPI's TestClient (no browser); tests/e2e/test_web_browser.py does the same
journeys in headless Chromium.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from adapters.users import Role, UserStore
from api.http import ServerSettings, create_app
from tests.web_upload_form import confirmation

REVIEW = "DHR 7"
BASE = "/web/reviews/DHR%207"


@dataclass(frozen=True)
class Site:
    """The app and a token per role."""

    app: FastAPI
    tokens: dict[str, str]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    from tests.conftest import fixture_dir

    folder = fixture_dir()
    store = tmp_path_factory.mktemp("web") / "store.sqlite3"
    app = create_app(ServerSettings(database_url=str(store)))
    workspace = app.state.workspace
    for path in sorted(folder.glob("*.csv")):
        agency = path.stem.replace("_", " ").title()
        workspace.import_file(path.read_bytes(), path.name, REVIEW, agency, "loader")
    users = UserStore(workspace.engine)
    tokens = {
        "chair": users.add("Chair Carys", Role.CHAIR, reviews=(REVIEW,)),
        "panel": users.add("Panel Pat", Role.PANEL, reviews=(REVIEW,)),
        "agency": users.add("PC Patel", Role.AGENCY, "Staffordshire Police", (REVIEW,)),
        "auditor": users.add("Auditor Ade", Role.AUDITOR, reviews=(REVIEW,)),
        "stranger": users.add("Other Chair", Role.CHAIR, reviews=("DHR 9",)),
    }
    yield Site(app=app, tokens=tokens)
    workspace.close()


def browser(site: Site, who: str | None = None, base_url: str = "http://testserver") -> TestClient:
    client = TestClient(site.app, base_url=base_url, follow_redirects=False)
    if who:
        form = client.get("/web/sign-in")
        answer = client.post(
            "/web/sign-in", data={"token": site.tokens[who], "csrf": csrf_of(form.text)}
        )
        assert answer.status_code == 303, answer.text
    return client


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def first_open_conflict(client: TestClient) -> str:
    register = client.get(f"{BASE}/conflicts?status=open").text
    found = re.search(r'href="conflicts/(cf-[^"]+)"', register)
    assert found, "no open conflict"
    return found.group(1)


def test_signing_in_keeps_the_token_in_an_http_only_strict_secure_cookie(site: Site) -> None:
    client = TestClient(site.app, base_url="https://testserver", follow_redirects=False)
    form = client.get("/web/sign-in")

    answer = client.post(
        "/web/sign-in", data={"token": site.tokens["chair"], "csrf": csrf_of(form.text)}
    )

    cookie = next(c for c in answer.headers.get_list("set-cookie") if "chronology_session" in c)
    assert answer.status_code == 303 and answer.headers["location"] == "/web/"
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" in cookie


def test_a_wrong_token_is_refused_on_the_sign_in_page(site: Site) -> None:
    client = browser(site)
    form = client.get("/web/sign-in")

    answer = client.post("/web/sign-in", data={"token": "not-a-token", "csrf": csrf_of(form.text)})

    assert answer.status_code == 401
    assert "unknown or has been revoked" in answer.text


def test_a_visitor_without_a_session_is_sent_to_sign_in_and_brought_back(site: Site) -> None:
    client = browser(site)

    answer = client.get(f"{BASE}/chronology?conflicts=1")

    assert answer.status_code == 303
    assert (
        answer.headers["location"]
        == "/web/sign-in?next=%2Fweb%2Freviews%2FDHR%25207%2Fchronology%3Fconflicts%3D1"
    )


def test_a_form_without_the_sessions_csrf_token_changes_nothing(site: Site) -> None:
    client = browser(site, "chair")
    key = first_open_conflict(client)

    answer = client.post(
        f"{BASE}/conflicts/{key}/resolve",
        data={"choice": "disputed", "rationale": "forged", "expected_version": "0", "csrf": "x"},
    )

    assert answer.status_code == 403
    assert "This form has expired" in answer.text
    assert "forged" not in client.get(f"{BASE}/conflicts/{key}").text


def test_an_agency_user_sees_only_its_own_submissions_and_never_the_merged_view(site: Site) -> None:
    client = browser(site, "agency")

    overview = client.get(BASE).text
    merged = client.get(f"{BASE}/chronology")
    conflicts = client.get(f"{BASE}/conflicts")

    assert "staffordshire_police.csv" in overview
    assert "uhnm_hospital.csv" not in overview and "incidents from" not in overview
    assert 'action="/web/reviews/DHR%207/upload"' in overview
    assert merged.status_code == 403 and conflicts.status_code == 403
    assert "may not read the merged chronology" in merged.text


def test_an_auditor_reads_the_audit_trail_and_verify_but_not_the_chronology(site: Site) -> None:
    client = browser(site, "auditor")

    audit = client.get(f"{BASE}/audit")
    verify = client.get("/web/verify")
    merged = client.get(f"{BASE}/chronology")

    assert audit.status_code == 200 and "entry recorded" in audit.text
    assert verify.status_code == 200 and "Intact." in verify.text
    assert merged.status_code == 403


def test_a_reviewer_of_another_review_is_refused(site: Site) -> None:
    client = browser(site, "stranger")

    answer = client.get(f"{BASE}/chronology")

    assert answer.status_code == 403
    assert "has not been given access to review" in answer.text


def test_a_panel_member_reads_conflicts_but_gets_no_decision_forms_and_cannot_decide(
    site: Site,
) -> None:
    client = browser(site, "panel")
    key = first_open_conflict(client)
    page = client.get(f"{BASE}/conflicts/{key}")

    answer = client.post(
        f"{BASE}/conflicts/{key}/resolve",
        data={
            "choice": "disputed",
            "rationale": "no",
            "expected_version": "0",
            "csrf": csrf_of(page.text),
        },
    )

    assert page.status_code == 200 and "Resolve this conflict" not in page.text
    assert answer.status_code == 403


def test_a_panel_member_reads_an_incident_check_with_no_boxes_to_tick(site: Site) -> None:
    page = browser(site, "panel").get(f"{BASE}/questions").text

    assert "Incident check: Which of these accounts are one incident?" in page
    assert "held as one incident" in page and "nearby, held apart" in page
    assert 'name="together"' not in page and "The ticked accounts" not in page
    sureness = re.search(r"holds <strong>(\d+)</strong> incidents; the model is unsure of", page)
    assert sureness and int(sureness.group(1)) > 0


def question_shown(client: TestClient) -> tuple[str, str, str]:
    """The questions page, the answer address of the question it shows, and its fingerprint."""
    page = client.get(f"{BASE}/questions").text
    question = re.search(r'data-question="(q-[0-9a-f]+)"', page)
    fingerprint = re.search(r'name="fingerprint" value="([0-9a-f]+)"', page)
    assert question and fingerprint, "no question shown"
    return page, f"{BASE}/questions/{question.group(1)}/answer", fingerprint.group(1)


def test_an_incident_check_with_no_row_ticked_is_refused_with_the_reason(site: Site) -> None:
    client = browser(site, "chair")
    page, url, fingerprint = question_shown(client)
    assert 'name="together"' in page

    answer = client.post(
        url, data={"answer": "together", "fingerprint": fingerprint, "csrf": csrf_of(page)}
    )

    assert answer.status_code == 422
    assert "Tick at least one account: those that are one incident" in answer.text


def test_accounts_ticked_as_disagreeing_in_a_check_become_the_chairs_own_marker(
    site: Site,
) -> None:
    client = browser(site, "chair")
    page, url, fingerprint = question_shown(client)
    held = re.findall(r'name="together" value="([0-9a-f-]{36})" checked', page)
    assert len(held) >= 2 and 'name="disagree"' in page
    form = {
        "answer": "together",
        "fingerprint": fingerprint,
        "csrf": csrf_of(page),
        "together": held,
        "disagreement_kind": "account",
        "disagreement": "the hospital was told she fell; the police that she was pushed",
    }

    one = client.post(url, data=form | {"disagree": held[:1]})
    both = client.post(url, data=form | {"disagree": held[:2]})
    conflicts = client.get(f"{BASE}/conflicts").text

    assert one.status_code == 422 and "Tick two or more accounts under" in one.text
    assert both.status_code == 303, both.text
    assert "the hospital was told she fell; the police that she was pushed" in conflicts
    key = re.search(r'conflicts/(cr-[0-9a-f]{16})"', conflicts)
    assert key, conflicts
    marker = client.get(f"{BASE}/conflicts/{key.group(1)}").text
    assert "Raised by the chair, Chair Carys, on" in marker
    assert "Resolve this conflict" in marker


def test_unticked_accounts_given_one_letter_in_a_check_become_an_incident_of_their_own(
    site: Site,
) -> None:
    client = browser(site, "chair")
    page, url, fingerprint = question_shown(client)
    shown = re.findall(r'name="together" value="([0-9a-f-]{36})"', page)
    assert len(shown) >= 3 and 'name="another"' in page
    assert f'<option value="B|{shown[1]}">B</option>' in page
    form = {
        "answer": "together",
        "fingerprint": fingerprint,
        "csrf": csrf_of(page),
        "together": shown[:1],
        "another": ["", f"B|{shown[1]}", f"B|{shown[2]}"],
    }

    twice = client.post(url, data=form | {"another": [f"B|{shown[0]}", f"B|{shown[1]}"]})
    sorted_out = client.post(url, data=form)

    assert twice.status_code == 422 and "put in two: row 1" in twice.text
    assert sorted_out.status_code == 303, sorted_out.text
    incident_of = {
        e.record_id: n
        for n, incident in enumerate(site.app.state.workspace.merged(REVIEW).incidents)
        for e in incident.entries
    }
    assert incident_of[shown[1]] == incident_of[shown[2]] != incident_of[shown[0]]
    trail = client.get(f"{BASE}/audit", params={"what": "question answered"}).text
    assert "; another incident " in trail


def test_a_marker_ticked_not_a_conflict_in_a_check_is_resolved_so(site: Site) -> None:
    client = browser(site, "chair")
    page, url, fingerprint = question_shown(client)
    markers = re.findall(r'name="not_conflict" value="(c[fr]-[0-9a-f]{16})"', page)
    held = re.findall(r'name="together" value="([0-9a-f-]{36})" checked', page)
    assert markers, "no marker shown with the first check"
    assert "<strong>Not a conflict:</strong> " in page

    answer = client.post(
        url,
        data={
            "answer": "together",
            "fingerprint": fingerprint,
            "csrf": csrf_of(page),
            "together": held,
            "not_conflict": markers[:1],
            "note": "the same call, logged twice",
        },
    )
    marker = client.get(f"{BASE}/conflicts/{markers[0]}").text

    assert answer.status_code == 303, answer.text
    assert "Resolved" in marker and "the same call, logged twice" in marker


def test_the_chair_resolves_a_conflict_and_a_stale_form_is_told_to_reload(site: Site) -> None:
    client = browser(site, "chair")
    key = first_open_conflict(client)
    page = client.get(f"{BASE}/conflicts/{key}").text
    version = re.search(r'name="expected_version" value="(\d+)"', page)
    assert version
    decision = {
        "choice": "disputed",
        "rationale": "Both accounts stand.",
        "expected_version": version.group(1),
        "csrf": csrf_of(page),
    }

    first = client.post(f"{BASE}/conflicts/{key}/resolve", data=decision)
    second = client.post(f"{BASE}/conflicts/{key}/resolve", data=decision)
    following = client.get(first.headers["location"]).text  # on to the next open conflict
    shown = client.get(f"{BASE}/conflicts/{key}").text

    assert first.status_code == 303
    assert "Decision recorded on the" in following and "next open conflict" in following
    assert "Resolved" in shown and "Both accounts stand." in shown
    assert second.status_code == 409
    assert "Someone else decided this first" in second.text and "Reload" in second.text


def test_a_decision_without_a_rationale_is_refused_with_the_reason(site: Site) -> None:
    client = browser(site, "chair")
    key = first_open_conflict(client)
    page = client.get(f"{BASE}/conflicts/{key}").text

    answer = client.post(
        f"{BASE}/conflicts/{key}/resolve",
        data={
            "choice": "disputed",
            "rationale": "  ",
            "expected_version": "0",
            "csrf": csrf_of(page),
        },
    )

    assert answer.status_code == 422
    assert "rationale" in answer.text.lower()


def test_agency_text_is_escaped_on_every_page(site: Site, tmp_path: Path) -> None:
    client = browser(site, "agency")
    hostile = "<script>alert(1)</script>"
    csv = f'Date,Summary,"<b>Header</b>"\n01/01/2016,"{hostile}",x\n'.encode()
    overview = client.get(BASE).text

    preview = client.post(
        f"{BASE}/upload",
        data={"csrf": csrf_of(overview)},
        files={"file": ("<img src=x onerror=alert(2)>.csv", csv, "text/csv")},
    )
    report = client.post(f"{BASE}/upload/confirm", data=confirmation(preview.text))
    chair = browser(site, "chair")
    pages = [preview.text, report.text] + [
        chair.get(f"{BASE}{path}").text
        for path in ("/chronology?q=alert", "/timeline", "/audit", "")
    ]

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[0] and "Stored." in report.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[2]
    assert "&lt;b&gt;Header&lt;/b&gt;" in report.text
    for html in pages:
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>Header" not in html


def test_filters_and_search_are_plain_get_parameters(site: Site) -> None:
    client = browser(site, "chair")

    everything = client.get(f"{BASE}/chronology").text
    police = client.get(f"{BASE}/chronology?agency=Wmas+Ambulance").text
    conflicted = client.get(f"{BASE}/chronology?conflicts=1").text
    searched = client.get(f"{BASE}/chronology?q=fluoxetine&from=2012-01-01&to=2013-12-31").text
    bad = client.get(f"{BASE}/chronology?from=31/02/2012")

    count = re.compile(r"Showing (\d+) of (\d+) incidents")
    assert count.search(police) and count.search(everything)
    assert int(count.search(police).group(1)) < int(count.search(everything).group(1))  # type: ignore[union-attr]
    assert 'class="incident"' not in conflicted  # every shown incident has a conflict
    assert "Fluoxetine" in searched and "Showing 1 of" in searched
    assert bad.status_code == 400 and "is not a date like 2012-06-16" in bad.text


def test_the_timeline_zooms_from_the_whole_review_to_a_year_and_a_month(site: Site) -> None:
    client = browser(site, "chair")

    whole = client.get(f"{BASE}/timeline").text
    year = client.get(f"{BASE}/timeline?window=2012").text
    month = client.get(f"{BASE}/timeline?window=2012-06").text
    wrong = client.get(f"{BASE}/timeline?window=2012-13")

    assert 'href="?window=2012"' in whole
    assert "timeline, 2012" in year and 'href="?window=2012-06"' in year
    assert "timeline, Jun 2012" in month and "Zoom out to the whole of 2012" in month
    assert 'href="incidents/inc-' in month
    assert wrong.status_code == 400


def test_the_chronology_as_at_a_moment_before_everything_is_empty(site: Site) -> None:
    client = browser(site, "chair")

    before = client.get(f"{BASE}/chronology?as_at=2001-01-01T09:00").text
    now = client.get(f"{BASE}/chronology").text

    assert "As it stood at 2001-01-01 09:00" in before and "Showing 0 of 0 incidents" in before
    assert "Showing 0 of 0" not in now


def incident_page_with(client: TestClient, words: str) -> tuple[str, str]:
    """(id, page) of the first of the chronology's first 40 incidents whose page shows `words`."""
    chronology = client.get(f"{BASE}/chronology").text
    incident = re.findall(r'<article class="incident[^"]*" id="(inc-[0-9a-f]+)"', chronology)
    pages = {i: client.get(f"{BASE}/incidents/{i}").text for i in incident[:40]}
    return next((i, p) for i, p in pages.items() if words in p)


def test_the_chair_splits_an_account_out_and_adds_a_note(site: Site) -> None:
    client = browser(site, "chair")
    target, page = incident_page_with(client, "Split out of this incident")
    entry = re.search(r'name="entry" value="([^"]+)"', page)
    assert entry

    noted = client.post(
        f"{BASE}/notes",
        data={
            "csrf": csrf_of(page),
            "target": target,
            "incident": target,
            "text": "Check with CPS.",
        },
    )
    split = client.post(
        f"{BASE}/incidents/{target}/unlink",
        data={"csrf": csrf_of(page), "entry": entry.group(1), "rationale": "Different night."},
    )
    audit = client.get(f"{BASE}/audit").text

    assert (
        noted.status_code == 303 and "Check with CPS." in client.get(noted.headers["location"]).text
    )
    assert split.status_code == 303
    assert "Chair Carys" in audit


def test_the_chair_marks_accounts_of_an_incident_that_disagree(site: Site) -> None:
    client = browser(site, "chair")
    target, page = incident_page_with(client, "Mark accounts that disagree")
    accounts = re.findall(r'name="disagree" value="([0-9a-f-]{36})"', page)
    assert len(accounts) >= 2
    form = {"csrf": csrf_of(page), "kind": "location", "description": "kitchen, or the hall"}
    url = f"{BASE}/incidents/{target}/conflicts"

    one = client.post(url, data=form | {"disagree": accounts[:1]})
    raised = client.post(url, data=form | {"disagree": accounts[:2]})
    shown = client.get(raised.headers["location"]).text

    assert one.status_code == 422 and "Tick two or more accounts" in one.text
    assert raised.status_code == 303
    assert "Conflict marker raised" in shown and "Place: kitchen, or the hall" in shown
    assert (
        browser(site, "panel").post(url, data=form | {"disagree": accounts[:2]}).status_code == 403
    )


def test_the_chair_records_a_person_and_only_the_chair_sees_real_names(site: Site) -> None:
    chair = browser(site, "chair")
    page = chair.get(f"{BASE}/people")

    answer = chair.post(
        f"{BASE}/people",
        data={
            "csrf": csrf_of(page.text),
            "pseudonym": "Adult Q",
            "real_name": "Quentin Example",
            "role": "neighbour",
            "aliases": "the neighbour, Q\nMr Example",
        },
    )
    listed = chair.get(answer.headers["location"])
    panel = browser(site, "panel")

    assert answer.status_code == 303
    assert "Quentin Example" in listed.text and "Person recorded" in listed.text
    assert "Mr Example, Q, the neighbour" in listed.text
    assert panel.get(f"{BASE}/people").status_code == 403
    assert f'href="{BASE}/people"' not in panel.get(f"{BASE}/conflicts").text
    assert f'href="{BASE}/people"' in listed.text


def test_exports_download_in_each_format(site: Site) -> None:
    client = browser(site, "panel")

    downloads = {f: client.get(f"{BASE}/export/{f}") for f in ("docx", "xlsx", "csv", "json")}
    refused = browser(site, "agency").get(f"{BASE}/export/csv")

    for file_format, answer in downloads.items():
        assert answer.status_code == 200, file_format
        assert f'_chronology.{file_format}"' in answer.headers["content-disposition"]
        assert len(answer.content) > 1000
    assert refused.status_code == 403


def test_signing_out_forgets_the_session(site: Site) -> None:
    client = browser(site, "chair")
    page = client.get("/web/").text

    client.post("/web/sign-out", data={"csrf": csrf_of(page)})

    assert client.get("/web/").status_code == 303


def test_pages_carry_a_strict_content_security_policy_and_are_not_cached(site: Site) -> None:
    answer = browser(site, "chair").get(f"{BASE}/chronology")

    assert "script-src 'self'" in answer.headers["content-security-policy"]
    assert answer.headers["cache-control"] == "no-store"
    assert answer.headers["referrer-policy"] == "no-referrer"


def test_web_pages_stay_out_of_the_api_schema(site: Site) -> None:
    schema = TestClient(site.app).get("/openapi.json").json()

    assert not [path for path in schema["paths"] if path.startswith("/web") or path == "/"]


def test_the_dhr7_merged_chronology_renders_in_under_a_second(site: Site) -> None:
    client = browser(site, "chair")
    client.get(f"{BASE}/chronology")  # warm: read models caught up

    started = time.perf_counter()
    answer = client.get(f"{BASE}/chronology")
    elapsed = time.perf_counter() - started

    print(
        f"\nDHR 7 merged chronology page rendered by the server in {elapsed * 1000:.0f} ms "
        f"({len(answer.content):,} bytes)"
    )
    assert answer.status_code == 200
    assert elapsed < 1.0

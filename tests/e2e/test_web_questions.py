"""The Questions page in headless Chromium: a chair answers three questions from the keyboard,
the chronology changes, the audit trail shows the answers, and a second chair's stale answer is
refused with who answered and when. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import fixture_dir
from tests.e2e.live_server import add_user, run_chronology, serving

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip("headless browser tests need Debian's Chromium", allow_module_level=True)
if os.environ.get("CI"):
    from playwright.sync_api import Browser, Page, sync_playwright
else:
    playwright = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    Browser, Page, sync_playwright = playwright.Browser, playwright.Page, playwright.sync_playwright

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
REVIEW = "DHR 7"
QUESTIONS = "/web/reviews/DHR%207/questions"
# The keys a chair who wants the chronology to change presses for each kind of question (on an
# incident check: untick the first row, then answer).
CHANGING_KEYS = {"link": ("s",), "split": ("d",), "conflict": ("r",), "incident": ("1", "t")}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    """DHR 7 loaded through the CLI, two chairs, and a server: base URL and both tokens."""
    cwd = tmp_path_factory.mktemp("questions")
    db = str(cwd / "store.sqlite3")
    for path in sorted(fixture_dir().glob("*.csv")):
        agency = path.stem.replace("_", " ").title()
        run_chronology(cwd, "import", "--db", db, "--review", REVIEW, "--agency", agency, str(path))
    carys = add_user(cwd, db, "--name", "Chair Carys", "--role", "chair", "--review", REVIEW)
    dev = add_user(cwd, db, "--name", "Chair Dev", "--role", "chair", "--review", REVIEW)
    with serving(db, cwd) as (base, _process):
        yield base, carys, dev


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as driver:
        launched = driver.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield launched
        launched.close()


def signed_in(browser: Browser, base: str, token: str) -> Page:
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, locale="en-GB", bypass_csp=True
    )
    page = context.new_page()
    page.goto(f"{base}/web/sign-in")
    page.fill("#token", token)
    page.click("button:has-text('Sign in')")
    page.wait_for_url(f"{base}/web/")
    return page


def shown_question(page: Page) -> tuple[str, str]:
    """(question id, kind) of the question on the page."""
    section = page.locator("section.question")
    kind = (page.locator("#question-heading").inner_text().split(":")[0]).lower()
    kind = {"possible link": "link", "possible split": "split", "incident check": "incident"}.get(
        kind, "conflict"
    )
    return str(section.get_attribute("data-question")), kind


def incidents(base: str, token: str) -> set[frozenset[str]]:
    merged = httpx.get(
        f"{base}/reviews/{REVIEW}/merged", headers={"Authorization": f"Bearer {token}"}
    ).json()
    return {frozenset(e["record_id"] for e in i["entries"]) for i in merged["incidents"]}


def answered_so_far(page: Page) -> int:
    """The count of answers the page says were given so far."""
    found = re.search(r"(\d+) answered so far", page.locator("#remaining").inner_text())
    return int(found.group(1)) if found else 0


def press(page: Page, keys: tuple[str, ...]) -> None:
    """Press each key in turn; the last one answers, and the next question loads."""
    for key in keys[:-1]:
        page.keyboard.press(key)
    with page.expect_navigation():
        page.keyboard.press(keys[-1])


def test_an_incident_check_is_answered_by_ticking_its_rows_and_lettering_another_incident(
    browser: Browser, server: tuple[str, str, str]
) -> None:
    base, carys_token, _ = server
    carys = signed_in(browser, base, carys_token)
    carys.goto(base + QUESTIONS)  # the first of this module's tests: no question answered yet
    question, kind = shown_question(carys)
    boxes = carys.locator("input[name=together]")
    held = [b.get_attribute("value") for b in boxes.all() if b.is_checked()]
    nearby = [b.get_attribute("value") for b in boxes.all() if not b.is_checked()]

    agency = carys.locator("#account-1 label").inner_text().removeprefix("1. ")
    file_row = carys.locator("#account-1 .provenance").inner_text().split(" · ")[1]
    first_row = f"{agency}, {file_row}"  # how the audit trail names a row

    carys.keyboard.press("2")  # untick the second row held
    carys.locator(f"input[name=together][value='{nearby[0]}']").check()
    # The second row held and the second row nearby, both left unticked, are one incident of
    # their own.
    carys.select_option("#another-2", label="B")
    carys.select_option(f"#another-{len(held) + 2}", label="B")
    carys.select_option("#disagreement-kind", "time")
    carys.fill("#disagreement-words", "the ambulance log is an hour behind the police log")
    carys.locator(f"input[name=disagree][value='{held[0]}']").check()  # the two rows kept...
    carys.locator(f"input[name=disagree][value='{nearby[0]}']").check()  # ...tell it apart
    dismissed = carys.locator("input[name=not_conflict]").first
    dismissed_key = dismissed.get_attribute("value")
    dismissed.check()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    carys.screenshot(path=str(SCREENSHOTS / "q00-incident-check.png"), full_page=True)
    carys.screenshot(path=str(SCREENSHOTS / "q00-incident-check-first-screen.png"))
    second_ticked = carys.locator("#row-2").is_checked()
    press(carys, ("t",))
    after = incidents(base, carys_token)
    carys.goto(f"{base}/web/reviews/DHR%207/audit?what=question+answered")
    trail = carys.locator("main").inner_text()
    carys.goto(f"{base}/web/reviews/DHR%207/conflicts")
    listed = carys.locator("main").inner_text()
    carys.goto(f"{base}/web/reviews/DHR%207/conflicts/{dismissed_key}")
    dismissed_page = carys.locator("main").inner_text()

    assert kind == "incident" and len(held) >= 2 and len(nearby) >= 2
    assert not second_ticked
    first = next(group for group in after if held[0] in group)
    assert nearby[0] in first and held[1] not in first
    lettered = next(group for group in after if held[1] in group)
    assert nearby[1] in lettered and held[0] not in lettered
    assert "; another incident " in trail
    assert f"incident check of {len(held) + len(nearby)} rows: together {first_row}," in trail
    assert "; apart " in trail
    assert "Time: the ambulance log is an hour behind the police log" in listed
    assert "Resolved" in dismissed_page and "Not a conflict" in dismissed_page


def test_a_chair_answers_three_questions_by_keyboard_and_a_stale_answer_is_refused(
    browser: Browser, server: tuple[str, str, str]
) -> None:
    base, carys_token, dev_token = server
    carys = signed_in(browser, base, carys_token)
    dev = signed_in(browser, base, dev_token)
    before = incidents(base, carys_token)
    carys.goto(base + QUESTIONS)
    already = answered_so_far(carys)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    carys.screenshot(path=str(SCREENSHOTS / "q01-questions-page.png"), full_page=True)
    carys.evaluate(AXE.read_text(encoding="utf-8"))
    axe = carys.evaluate("axe.run(document, {resultTypes: ['violations']})")

    answered = []
    for _ in range(3):
        question, kind = shown_question(carys)
        press(carys, CHANGING_KEYS[kind])
        assert "answered=" in carys.url
        answered.append(question)
        assert shown_question(carys)[0] != question
    count = answered_so_far(carys)
    after = incidents(base, carys_token)
    dev.goto(base + QUESTIONS)
    stale_question, stale_kind = shown_question(dev)
    press(carys, CHANGING_KEYS[shown_question(carys)[1]])
    assert "answered=" in carys.url
    press(dev, CHANGING_KEYS[stale_kind])
    refusal = dev.locator("p.problem").inner_text()
    dev.screenshot(path=str(SCREENSHOTS / "q02-stale-answer-refused.png"), full_page=True)
    carys.goto(f"{base}/web/reviews/DHR%207/audit?what=question+answered")
    trail = carys.locator("main").inner_text()

    assert not [v for v in axe["violations"] if v["impact"] in ("serious", "critical")]
    assert len(set(answered)) == 3
    assert count == already + 3  # the queue re-ranks: new questions may appear
    assert after != before, "answering should have changed the chronology"
    assert stale_question and "already answered by Chair Carys" in refusal
    assert "not recorded" in refusal
    # "incident check of N rows: ..." or "link|split|conflict question on ROWS: ANSWER"
    assert trail.count(" question on ") + trail.count("incident check of ") >= 4
    assert "Chair Carys" in trail

"""The chair's workspace in a real headless Chromium against a real `chronology serve` process.

Each test signs in through the form like a person would. Screenshots of every page visited go to
artifacts/screenshots/ so a person can look at them. Without /usr/bin/chromium the tests are
skipped, except in CI (CI set), where they must run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.conftest import fixture_dir
from tests.e2e.live_server import add_user, run_chronology, serving

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip(
        "headless browser tests need Debian's Chromium at /usr/bin/chromium "
        "(apt-get install -y chromium); they always run in CI",
        allow_module_level=True,
    )
if os.environ.get("CI"):
    from playwright.sync_api import Browser, Page, sync_playwright
else:
    playwright = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    Browser, Page, sync_playwright = playwright.Browser, playwright.Page, playwright.sync_playwright

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
REVIEW = "DHR 7"
SCRATCH_REVIEW = "DHR 99"
UPLOADING_AGENCY = "Staffordshire Police"
LAPTOP = {"width": 1366, "height": 800}


@dataclass(frozen=True)
class Server:
    """A running server and the tokens of its users."""

    base: str
    tokens: dict[str, str]


def chronology(cwd: Path, *args: str) -> str:
    return run_chronology(cwd, *args)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, dhr7_folder: Path) -> Iterator[Server]:
    """DHR 7 loaded (all agencies but one, which uploads in the browser), users, a live server."""
    cwd = tmp_path_factory.mktemp("web")
    db = str(cwd / "store.sqlite3")
    for path in sorted(dhr7_folder.glob("*.csv")):
        agency = path.stem.replace("_", " ").title()
        if agency != UPLOADING_AGENCY:
            chronology(
                cwd,
                "import",
                "--db",
                db,
                "--review",
                REVIEW,
                "--agency",
                agency,
                "--as",
                "loader",
                str(path),
            )
    (cwd / "opening.csv").write_text("Date,Summary\n01/01/2015,Review opened with a first row\n")
    chronology(
        cwd,
        "import",
        "--db",
        db,
        "--review",
        SCRATCH_REVIEW,
        "--agency",
        "Opening",
        "--as",
        "loader",
        str(cwd / "opening.csv"),
    )
    tokens = {
        "chair": add_user(
            cwd,
            db,
            "--name",
            "Chair Carys",
            "--role",
            "chair",
            "--review",
            REVIEW,
            "--review",
            SCRATCH_REVIEW,
        ),
        "agency": add_user(
            cwd,
            db,
            "--name",
            "PC Patel",
            "--role",
            "agency",
            "--agency",
            UPLOADING_AGENCY,
            "--review",
            REVIEW,
        ),
        "mischief": add_user(
            cwd,
            db,
            "--name",
            "Mallory",
            "--role",
            "agency",
            "--agency",
            "Mischief Agency",
            "--review",
            SCRATCH_REVIEW,
        ),
        "housing": add_user(
            cwd,
            db,
            "--name",
            "Hana Housing",
            "--role",
            "agency",
            "--agency",
            "Kelmshire Homes",
            "--review",
            SCRATCH_REVIEW,
        ),
        "auditor": add_user(
            cwd, db, "--name", "Auditor Ade", "--role", "auditor", "--review", REVIEW
        ),
    }
    with serving(db, cwd) as (base, _process):
        yield Server(base=base, tokens=tokens)


@pytest.fixture(scope="module")
def dhr7_folder() -> Path:
    """The DHR 7 files, as the `dhr7` fixture finds them (that one is per test, this per module)."""
    folder = fixture_dir()
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as driver:
        launched = driver.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context (no cookies) with a laptop-sized window."""
    context = browser.new_context(viewport=LAPTOP, locale="en-GB", timezone_id="Europe/London")
    opened = context.new_page()
    yield opened
    context.close()


def sign_in(page: Page, server: Server, who: str) -> None:
    page.goto(f"{server.base}/web/sign-in")
    page.fill("#token", server.tokens[who])
    page.click("button:has-text('Sign in')")
    page.wait_for_url(f"{server.base}/web/")


def screenshot(page: Page, name: str, full_page: bool = True) -> None:
    """Save what the page shows (long pages: the first screenful, as a person first sees it)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def review_url(server: Server, review: str = REVIEW, page_path: str = "") -> str:
    return f"{server.base}/web/reviews/{review.replace(' ', '%20')}{page_path}"


def test_an_agency_user_uploads_its_chronology_and_sees_the_intake_report(
    page: Page, server: Server, dhr7_folder: Path
) -> None:
    sign_in(page, server, "agency")
    screenshot(page, "01-reviews-agency")
    page.click("text=DHR 7")
    nav = page.locator("header nav").inner_text()

    page.set_input_files("#file", str(dhr7_folder / "staffordshire_police.csv"))
    page.click("button:has-text('Upload')")
    page.click("button:has-text('Store this chronology')")
    report = page.locator("#intake-report")
    screenshot(page, "02-overview-agency-after-upload")

    assert "Chronology" not in nav and "Conflicts" not in nav
    assert "Stored." in report.inner_text()
    assert "How the columns were read" in report.inner_text()
    assert "Subject(s)" in report.inner_text()
    assert "Nhs Primary Care" not in page.content()  # another agency's file stays out of sight
    assert page.goto(review_url(server, page_path="/chronology")).status == 403

    page.goto(review_url(server))
    page.set_input_files("#file", str(dhr7_folder / "staffordshire_police.csv"))
    page.click("button:has-text('Upload')")
    assert "already stored for Staffordshire Police" in page.locator("#intake-preview").inner_text()
    page.click("button:has-text('Store this chronology')")
    assert "Already held." in page.locator("#intake-report").inner_text()


def test_the_chair_sees_conflict_markers_resolves_one_and_finds_it_in_the_audit_trail(
    page: Page, server: Server
) -> None:
    sign_in(page, server, "chair")
    page.goto(review_url(server))
    screenshot(page, "03-overview-chair")
    page.goto(review_url(server, page_path="/chronology"))
    markers = page.locator("article.incident .marker").count()
    screenshot(page, "04-chronology-chair", full_page=False)
    page.goto(review_url(server, page_path="/chronology?conflicts=1&from=2014-01-01"))
    screenshot(page, "04b-chronology-conflicts-only", full_page=False)
    page.goto(review_url(server, page_path="/timeline"))
    screenshot(page, "05-timeline-whole-review")
    page.click(".zoom-in a:text-is('2012')")
    screenshot(page, "06-timeline-2012")

    page.goto(review_url(server, page_path="/conflicts?status=open"))
    screenshot(page, "07-conflicts-open", full_page=False)
    page.locator("table.register tbody a").first.click()
    conflict_url = page.url
    stale = page.context.new_page()
    stale.goto(conflict_url)
    screenshot(page, "08-conflict-before-decision")
    page.check("#disputed")
    page.fill("#rationale", "Both accounts stand; the panel will note the difference.")
    page.click("button:has-text('Record decision')")
    page.wait_for_selector("text=This is the next open conflict")  # on to the next one
    page.goto(conflict_url)
    screenshot(page, "09-conflict-resolved")
    heading = page.locator("h1").inner_text()
    stale.check("#not-a-conflict")
    stale.fill("#rationale", "Decided in a tab left open")
    stale.click("button:has-text('Record decision')")
    stale_text = stale.locator("main").inner_text()
    screenshot(stale, "10-conflict-stale-form")
    page.goto(review_url(server, page_path="/audit?show=decisions"))
    resolved_rows = page.locator("table.audit tr", has_text="conflict resolved").all_inner_texts()
    screenshot(page, "11-audit-trail-decisions")
    page.goto(conflict_url)
    page.locator("a:has-text('History of this entry')").first.click()
    screenshot(page, "11b-entry-history")
    page.goto(conflict_url)
    page.click("a:has-text('This incident in the chronology')")
    page.locator("article:target a:has-text('Incident details')").click()
    screenshot(page, "11c-incident-details")

    assert markers > 0
    assert "Resolved" in heading
    assert "Someone else decided this first" in stale_text
    assert len(resolved_rows) == 1
    assert "Chair Carys" in resolved_rows[0]


def test_an_agency_uploads_a_workbook_and_the_report_says_which_sheet_row_each_line_was(
    page: Page, server: Server, tmp_path: Path
) -> None:
    from tests.office_files import police_log_workbook

    workbook = tmp_path / "police log.xlsx"
    workbook.write_bytes(police_log_workbook())
    sign_in(page, server, "mischief")
    page.goto(review_url(server, SCRATCH_REVIEW))
    hint = page.locator("#file-hint").inner_text()

    page.set_input_files("#file", str(workbook))
    page.click("button:has-text('Upload')")
    preview = page.locator("#intake-preview").inner_text()
    screenshot(page, "02b-workbook-preview")
    page.click("button:has-text('Store this chronology')")
    report = page.locator("#intake-report").inner_text()
    screenshot(page, "02b-overview-after-workbook-upload")

    assert ".xlsx" in hint and ".docx" in hint
    assert "Sheets read" in preview and "Police log" in preview
    assert "16 Jun 2012 at 01:28" in preview  # the date and time cells, as read
    assert "Stored." in report and "xlsx" in report
    assert "sheet 'Police log' row 1" in report
    assert "hidden columns read as any other: E" in report


def test_an_agency_previews_its_file_corrects_a_columns_role_and_then_stores_it(
    page: Page, server: Server, tmp_path: Path
) -> None:
    upload = tmp_path / "tenancy log.csv"
    upload.write_text(
        "Contact date,Officer,What happened,Outcome\n"
        "03/03/2015,HO Reid,Tenancy visit to S: rent arrears discussed with her,Letter sent\n"
        "Spring 2015,HO Reid,S reported her partner N shouting at the door,Referred to police\n"
        "14/06/2015,HO Khan,Repairs to the front door after it was forced,Closed\n"
    )
    sign_in(page, server, "housing")
    page.goto(review_url(server, SCRATCH_REVIEW))
    page.set_input_files("#file", str(upload))
    page.click("button:has-text('Upload')")
    preview = page.locator("#intake-preview")
    shown = preview.inner_text()
    outcome_role = page.locator("select[aria-describedby='why-4']")
    before = outcome_role.input_value()
    screenshot(page, "02c-upload-preview-with-roles")
    token = server.tokens["housing"]
    entries_url = f"{server.base}/reviews/DHR%2099/entries"
    held_back = httpx.get(entries_url, headers={"Authorization": f"Bearer {token}"}).json()

    page.locator("#role-4").focus()
    page.keyboard.type("Agency c")  # a closed select jumps to the option typed, as people do
    chosen = outcome_role.input_value()
    page.locator("button:has-text('Show the rows again with these roles')").focus()
    with page.expect_navigation():  # the form posts: read the page it answers with
        page.keyboard.press("Enter")
    again = page.locator("#intake-preview").inner_text()
    screenshot(page, "02d-upload-preview-role-corrected")
    page.locator("button:has-text('Store this chronology')").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    report = page.locator("#intake-report").inner_text()
    screenshot(page, "02e-overview-after-confirming-the-preview")
    stored = httpx.get(entries_url, headers={"Authorization": f"Bearer {token}"}).json()

    assert "Nothing is stored yet." in shown
    assert "Contact date" in shown and "cells are dates" in shown
    assert "between 1 Mar 2015 and 31 May 2015" in shown  # the season, as read
    assert before == "action" and chosen == "comment"
    assert held_back == []
    assert "Set by you" in again
    assert "Stored." in report and "3 rows stored for Kelmshire Homes" in report
    first_row = next(e for e in stored if e["row"] == 1)
    assert len(stored) == 3
    assert first_row["fields"]["comment"] == "Letter sent"
    assert "action" not in first_row["fields"]


def test_agency_text_with_a_script_tag_is_shown_as_text_and_never_runs(
    page: Page, server: Server, tmp_path: Path
) -> None:
    hostile = "<script>alert(1)</script> and <img src=x onerror=alert(2)>"
    upload = tmp_path / "mischief.csv"
    upload.write_text(f'Date,Summary\n01/01/2015,"{hostile}"\n02/01/2015,"<b>bold?</b>"\n')
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(page, server, "mischief")
    page.goto(review_url(server, SCRATCH_REVIEW))
    page.set_input_files("#file", str(upload))
    page.click("button:has-text('Upload')")
    page.click("button:has-text('Store this chronology')")
    page.locator("header button:has-text('Sign out')").click()

    sign_in(page, server, "chair")
    page.goto(review_url(server, SCRATCH_REVIEW, "/chronology?q=script"))
    page.wait_for_load_state("load")
    screenshot(page, "12-xss-shown-as-text")
    shown = page.get_by_text("<script>alert(1)</script>", exact=False).count()
    injected = page.locator("main script, main img").count()
    page.goto(review_url(server, SCRATCH_REVIEW, "/conflicts"))
    page.goto(review_url(server, SCRATCH_REVIEW, "/timeline"))

    assert dialogs == []
    assert shown == 1
    assert injected == 0


def test_the_workspace_can_be_used_with_the_keyboard_alone(page: Page, server: Server) -> None:
    page.goto(f"{server.base}/web/sign-in")
    page.keyboard.press("Tab")
    skip_link = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    # The skip link moves focus to the main content; wait for that before tabbing on, or the
    # focus change can land after the first Tab and take the focus back from the token field.
    page.wait_for_function("document.activeElement && document.activeElement.id === 'main'")
    tab_until(page, "document.activeElement.id === 'token'")
    page.keyboard.type(server.tokens["chair"])
    page.wait_for_function(
        "document.activeElement.id === 'token' && document.activeElement.value.length > 20"
    )
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server.base}/web/")
    tab_until(page, "document.activeElement.textContent.trim() === 'DHR 7'")
    page.keyboard.press("Enter")
    page.wait_for_url(review_url(server))
    tab_until(page, "document.activeElement.textContent.trim() === 'Timeline'")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    page.keyboard.press("Enter")
    page.wait_for_url("**/timeline")
    tab_until(page, "document.activeElement.classList.contains('mark-link')")
    screenshot(page, "13-keyboard-focus-on-a-timeline-mark")
    detail = page.locator("#mark-detail").inner_text()
    page.keyboard.press("Enter")
    page.wait_for_url("**/incidents/inc-*")
    heading = page.locator("h1").inner_text()

    assert skip_link == "Skip to main content"
    assert outline not in ("", "none")
    assert ".csv:" in detail and "recorded" in detail  # focus says which account it is
    assert heading.startswith("Incident of")


def test_the_chair_records_a_person_on_the_people_page(page: Page, server: Server) -> None:
    sign_in(page, server, "chair")
    page.goto(review_url(server))
    page.click("header nav a:text-is('People')")
    page.fill("#pseudonym", "Adult W")
    page.fill("#real-name", "Winifred Example")
    page.fill("#role", "witness")
    page.fill("#aliases", "the witness")
    page.click("button:has-text('Record person')")
    page.wait_for_selector("text=Person recorded")
    screenshot(page, "14-people")

    row = page.locator("table.people tr", has_text="Adult W").inner_text()
    assert "Winifred Example" in row and "witness" in row


def test_the_dhr7_merged_chronology_opens_in_the_browser_in_under_a_second(
    page: Page, server: Server
) -> None:
    sign_in(page, server, "chair")
    page.goto(review_url(server, page_path="/chronology"))  # warm

    started = time.perf_counter()
    page.goto(review_url(server, page_path="/chronology"), wait_until="load")
    elapsed = time.perf_counter() - started
    incidents = page.locator("article.incident").count()

    print(
        f"\nDHR 7 merged chronology: {incidents} incidents loaded in the browser in "
        f"{elapsed * 1000:.0f} ms"
    )
    assert incidents == 50  # the first page of DHR 7's incidents; the pager leads to the rest
    assert page.locator("nav.pager").count() == 2
    assert elapsed < 1.0


def tab_until(page: Page, condition: str, limit: int = 400) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(condition):
            return
    pytest.fail(f"keyboard focus never reached: {condition}")

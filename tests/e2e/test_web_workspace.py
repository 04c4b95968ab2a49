"""The chair's workspace on DHR 7 in headless Chromium, as a review chair reads it.

What each agency said, where it said it, and nothing else: the timeline at each agency's own
dates, headlines in the records' words, the register's filters and "next open conflict", the
audit trail in people's terms, every column as sent, plain-word errors, a layout that holds, and
axe-core's accessibility rules on every page. Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl
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
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"  # axe-core 4.10.2, MPL-2.0
REVIEW = "DHR 7"
WIDE_REVIEW = "DHR 98"
WIDTH = 1400
UPLOAD_LIMIT = 40_000  # bytes, so an over-limit file is small to make


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """All of DHR 7 loaded through the CLI, a chair, and a server with a small upload limit."""
    cwd = tmp_path_factory.mktemp("workspace")
    db = str(cwd / "store.sqlite3")
    for path in sorted(fixture_dir().glob("*.csv")):
        agency = path.stem.replace("_", " ").title()
        run_chronology(cwd, "import", "--db", db, "--review", REVIEW, "--agency", agency, str(path))
    (cwd / "first.csv").write_text("Date,Summary\n01/01/2015,Review opened with a first row\n")
    run_chronology(
        cwd, "import", "--db", db, "--review", WIDE_REVIEW, "--agency", "Opening", "first.csv"
    )
    token = add_user(
        cwd, db, "--name", "Chair Carys", "--role", "chair", "--review", REVIEW,
        "--review", WIDE_REVIEW,
    )  # fmt: skip
    limit = {"CHRONOLOGY_MAX_UPLOAD_BYTES": str(UPLOAD_LIMIT)}
    with serving(db, cwd, settings=limit) as (base, _process):
        yield base, token


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
def page(browser: Browser, server: tuple[str, str]) -> Iterator[Page]:
    """The chair, signed in, in a 1400 px wide window (axe is injected past the page's CSP)."""
    context = browser.new_context(
        viewport={"width": WIDTH, "height": 900},
        locale="en-GB",
        timezone_id="Europe/London",
        bypass_csp=True,
        accept_downloads=True,
    )
    opened = context.new_page()
    base, token = server
    opened.goto(f"{base}/web/sign-in")
    opened.fill("#token", token)
    opened.click("button:has-text('Sign in')")
    opened.wait_for_url(f"{base}/web/")
    yield opened
    context.close()


def url(server: tuple[str, str], path: str = "", review: str = REVIEW) -> str:
    return f"{server[0]}/web/reviews/{review.replace(' ', '%20')}{path}"


def screenshot(page: Page, name: str, full_page: bool = False) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def mark_x(page: Page, detail_starts: str) -> float:
    """The centre of the timeline mark whose detail begins with `detail_starts`."""
    return float(
        page.evaluate(
            """(wanted) => {
              const link = [...document.querySelectorAll('.mark-link')]
                .find(a => a.dataset.detail.startsWith(wanted));
              const box = link.querySelector('.mark:not(.span)').getBBox();
              return box.x + box.width / 2;
            }""",
            detail_starts,
        )
    )


def test_the_timeline_shows_the_ipcc_account_a_year_away_from_the_rest_of_its_incident(
    page: Page, server: tuple[str, str]
) -> None:
    page.goto(url(server, "/timeline"))
    ticks = page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('.tick-label')]"
        ".map(t => [t.textContent, Number(t.getAttribute('x')) - 3]))"
    )
    year = ticks["2015"] - ticks["2014"]
    ipcc = mark_x(page, "Ipcc Investigation, ipcc_investigation.csv:2, recorded “23/10/2013”")
    police = mark_x(
        page, "Staffordshire Police, staffordshire_police.csv:40, recorded “23/10/2014”"
    )
    long_joins = page.locator("line.join.long").count()
    caption = page.locator("figcaption").inner_text()
    page.locator(".mark-link").first.focus()
    detail = page.locator("#mark-detail").inner_text()
    screenshot(page, "w01-timeline-year-out-account-a-year-away")

    assert year > 50
    assert 0.95 * year <= police - ipcc <= 1.05 * year
    assert long_joins > 0
    assert "177 of 178 accounts drawn" in caption and "1 undated" in caption
    assert re.match(r"^.+, .+\.csv:\d+, recorded “", detail)


def test_the_timeline_marks_only_the_accounts_that_disagree_and_filters_by_kind(
    page: Page, server: tuple[str, str]
) -> None:
    page.goto(url(server, "/timeline?kind=date"))
    conflicted = page.locator(".mark-link[aria-label$='in conflict']").count()
    details = page.eval_on_selector_all(
        ".mark-link[aria-label$='in conflict']", "els => els.map(e => e.dataset.detail)"
    )
    screenshot(page, "w02-timeline-date-conflicts")

    assert conflicted > 0
    assert all("Dates differ" in d for d in details)
    assert not any("Arch Da Service" in d for d in details)


def test_a_conflict_headline_quotes_the_records_in_their_own_case_with_no_stems(
    page: Page, server: tuple[str, str]
) -> None:
    page.goto(url(server, "/conflicts?kind=account&agency=Staffordshire+Police"))
    page.locator("table.register a", has_text="primary aggressor").first.click()
    headline = page.locator("p.headline").inner_text()
    page.locator("details.evidence summary").click()
    text = page.locator("main").inner_text()
    screenshot(page, "w03-conflict-headline-own-words", full_page=True)

    assert headline.startswith("Account: Staffordshire Police")
    assert "N was the primary aggressor" in headline
    assert "n was the primary aggressor" not in text
    assert not re.search(r"\b(categoris|identifi|ambulanc|submitt|grad)\b", text)
    assert "words in common:" in text


def test_the_register_filters_by_kind_and_a_decision_goes_on_to_the_next_open_conflict(
    page: Page, server: tuple[str, str]
) -> None:
    page.goto(url(server, "/conflicts"))
    page.select_option("#c-kind", "date")
    page.click("form.filters button:has-text('Apply')")
    page.wait_for_url("**kind=date**")
    kinds = page.locator("table.register tbody tr td:nth-child(2)").all_inner_texts()
    dates = page.locator("table.register tbody tr td:nth-child(1)").all_inner_texts()
    screenshot(page, "w04-conflicts-filtered-by-kind")
    page.locator("table.register tbody a").first.click()
    first = page.url
    page.check("input[id^='accept-']")
    page.fill("#rationale", "The police log's date is supported by every other record.")
    page.click("button:has-text('Record decision')")
    page.wait_for_selector("text=This is the next open conflict")
    notice = page.locator("p.notice.success").inner_text()
    screenshot(page, "w05-next-open-conflict-after-a-decision")
    page.keyboard.press("n")
    page.wait_for_url(lambda address: address != page.url or True)

    assert kinds and all("Dates differ" in k for k in kinds)
    assert all(re.match(r"\d{2} \w{3} \d{4}", d) for d in dates)
    assert page.url != first
    assert "Decision recorded on the dates differ conflict" in notice


def test_the_audit_trail_names_agency_file_and_row_and_pages(
    page: Page, server: tuple[str, str]
) -> None:
    page.goto(url(server, "/audit?what=conflict+resolved"))
    decided = page.locator("table.audit tbody tr").all_inner_texts()
    screenshot(page, "w06-audit-decision-in-peoples-terms")
    page.goto(url(server, "/audit"))
    first_page = page.locator("table.audit tbody tr").count()
    recorded = page.locator("table.audit tbody tr", has_text="Entry recorded").first.inner_text()
    pages = page.locator("nav.pager").first.inner_text()
    screenshot(page, "w07-audit-paged")

    assert decided and "accept" in decided[0]
    assert re.search(r"accept.*, \w+\.csv row \d+", decided[0]), decided[0]
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", decided[0])
    assert first_page == 50
    assert re.search(r"\.csv row \d+", recorded)
    assert "Next" in pages or "Later" in pages


def test_an_unmapped_column_is_on_the_incident_page_and_in_the_excel_export(
    page: Page, server: tuple[str, str]
) -> None:
    page.goto(url(server, "/chronology?q=SP-2012-09-29-0047"))
    page.locator("article.incident a:has-text('Incident details')").first.click()
    sides = page.locator(".side").all_inner_texts()
    screenshot(page, "w08-incident-every-column-as-sent", full_page=True)
    with page.expect_download() as download:
        page.goto(url(server, "/export"))
        page.click("a:has-text('Download as Excel')")
    sheet = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    headings = [c.value for c in sheet["Chronology"][1]]
    column = headings.index("Incident Ref") + 1
    values = [c.value for c in list(sheet["Chronology"].columns)[column - 1]]

    assert any("Incident Ref" in s and "SP-2012-09-29-0047" in s for s in sides)
    assert "Account Given By" in headings
    assert "SP-2012-09-29-0047" in values


def test_an_over_limit_upload_is_answered_in_plain_words(
    page: Page, server: tuple[str, str], tmp_path: Path
) -> None:
    big = tmp_path / "police_full_log.csv"
    big.write_text("Date,Summary\n" + "01/01/2015,A very long account of the day\n" * 4000)
    page.goto(url(server))
    page.fill("#agency", "Staffordshire Police")
    page.set_input_files("#file", str(big))
    page.click("button:has-text('Upload')")
    page.wait_for_selector("h1:has-text('too large')")
    text = page.locator("main").inner_text()
    screenshot(page, "w09-over-limit-upload-in-plain-words")

    assert "larger than this workspace accepts" in text
    assert "CHRONOLOGY_" not in page.content() and "--" not in text and "{" not in text


def test_a_10000_character_word_does_not_widen_any_page(
    page: Page, server: tuple[str, str], tmp_path: Path
) -> None:
    word = "x" * 10_000
    wide = tmp_path / "longwords.csv"
    wide.write_text(
        "Date,Summary,Unmappedcolumnwithaveryveryverylongheadernamewithoutspaces\n"
        f"02/01/2015,{word},{word}\n"
    )
    page.goto(url(server, review=WIDE_REVIEW))
    page.fill("#agency", "Agencywithaverylongnamewithoutanyspacesatallwhatsoever")
    page.set_input_files("#file", str(wide))
    page.click("button:has-text('Upload')")
    preview_width = page.evaluate("document.documentElement.scrollWidth")
    page.click("button:has-text('Store this chronology')")
    page.wait_for_selector("text=Stored.")
    stored_by = page.locator("table.submissions tr", has_text="longwords.csv").inner_text()
    widths = {"preview": preview_width}
    for path in ("", "/chronology", "/conflicts", "/audit", "/timeline"):
        page.goto(url(server, path, WIDE_REVIEW))
        widths[path] = page.evaluate("document.documentElement.scrollWidth")
        if path == "/chronology":
            page.locator("details.as-sent summary").first.click()
            screenshot(page, "w10-long-word-wraps")
            page.locator("article.incident a:has-text('Incident details')").first.click()
            widths["incident"] = page.evaluate("document.documentElement.scrollWidth")

    assert "Chair Carys" in stored_by  # uploaded by the chair, for the agency named
    assert all(w <= WIDTH for w in widths.values()), widths


def test_the_current_page_is_marked_in_the_navigation_for_a_review_name_with_a_space(
    page: Page, server: tuple[str, str]
) -> None:
    marked = {}
    for path, tab in (("", "Overview"), ("/chronology", "Chronology"), ("/conflicts", "Conflicts")):
        page.goto(url(server, path))
        marked[tab] = page.locator("header nav a[aria-current='page']").all_inner_texts()

    assert marked == {
        "Overview": ["Overview"],
        "Chronology": ["Chronology"],
        "Conflicts": ["Conflicts"],
    }


PAGES = (
    "",
    "/chronology",
    "/chronology?conflicts=1",
    "/timeline",
    "/timeline?window=2014",
    "/conflicts",
    "/audit",
    "/export",
    "/people",
)


def test_axe_finds_no_accessibility_violation_on_the_upload_preview(
    page: Page, server: tuple[str, str], tmp_path: Path
) -> None:
    upload = tmp_path / "preview.csv"
    upload.write_text("Date,Summary,Officer\n02/01/2015,A visit to S at home,PC 1\n")
    page.goto(url(server))
    page.fill("#agency", "Preview Agency")
    page.set_input_files("#file", str(upload))
    page.click("button:has-text('Upload')")
    page.wait_for_selector("#intake-preview")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    screenshot(page, "w11-upload-preview", full_page=True)
    page.click("button:has-text('Discard this file')")

    assert [f"{v['id']}: {v['help']}" for v in result["violations"]] == []
    assert "Preview Agency" not in page.locator("main").inner_text()  # discarded, not stored


def test_axe_finds_no_serious_or_critical_accessibility_violation_on_any_page(
    page: Page, server: tuple[str, str]
) -> None:
    source = AXE.read_text(encoding="utf-8")
    page.goto(url(server, "/conflicts"))
    conflict = page.locator("table.register tbody a").first.get_attribute("href") or ""
    page.goto(url(server, "/chronology"))
    incident = page.locator("a:has-text('Incident details')").first.get_attribute("href") or ""
    visited = [*PAGES, f"/{conflict}", f"/{incident}"]
    found: dict[str, list[str]] = {}
    for path in visited:
        page.goto(url(server, path))
        for element in page.locator("details").all()[:5]:
            element.evaluate("e => e.open = true")  # folded text is checked too
        page.evaluate(source)
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])}, e.g. {v['nodes'][0]['target']})"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        if serious:
            found[path] = serious
    page.goto(f"{server[0]}/web/")
    page.evaluate(source)
    reviews = page.evaluate("axe.run(document, {resultTypes: ['violations']})")

    assert len(visited) > 5
    assert found == {}
    assert not [v for v in reviews["violations"] if v["impact"] in ("serious", "critical")]

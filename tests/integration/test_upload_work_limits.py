"""Bounded work per upload: too many columns, too long a cell or too many rows is refused at once,
naming the file and where, with nothing stored; over HTTP (both stores), the web page (plain
words, the setting in the log) and the CLI (the setting named)."""

from __future__ import annotations

import io
import logging
import re
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient
from openpyxl.worksheet.worksheet import Worksheet

from adapters.store import StoreSettings
from adapters.users import Role
from api.cli import main
from api.http import ServerSettings, create_app
from tests.office_files import document_from_rows, saved, workbook_from_rows

REVIEW = "DHR 7"
R = f"/reviews/{REVIEW}"


@dataclass
class Server:
    """An app with small work limits, an administrator's and a chair's token."""

    client: TestClient
    admin: str
    chair: str

    def upload(self, name: str, content: bytes) -> tuple[int, str]:
        answer = self.client.post(
            f"{R}/submissions",
            headers={"Authorization": f"Bearer {self.admin}"},
            data={"agency": "Police"},
            files={"file": (name, content, "application/octet-stream")},
        )
        return answer.status_code, str(answer.json().get("detail", ""))

    def event_count(self) -> int:
        application = self.client.app.state.workspace.application  # type: ignore[attr-defined]
        return int(application.recorder.max_notification_id() or 0)


def open_server(store: StoreSettings, **limits: int) -> Iterator[Server]:
    app = create_app(ServerSettings(database_url=store.url, max_upload_bytes=1024 * 1024, **limits))
    admin = app.state.users.add("root", Role.ADMINISTRATOR)
    chair = app.state.users.add("chair", Role.CHAIR, reviews=(REVIEW,))
    with TestClient(app) as client:
        server = Server(client, admin, chair)
        opened = client.post(
            "/reviews", json={"name": REVIEW}, headers={"Authorization": f"Bearer {admin}"}
        )
        assert opened.status_code == 201
        yield server


@pytest.fixture
def server(store: StoreSettings) -> Iterator[Server]:
    """The app on each store with the default limits."""
    yield from open_server(store)


@pytest.fixture
def strict(store: StoreSettings) -> Iterator[Server]:
    """The app on each store with limits small enough to reach with a small file."""
    yield from open_server(store, max_columns=8, max_cell_characters=500, max_rows=40)


def chronology(rows: int = 5, columns: int = 3, summary: str = "seen at home") -> bytes:
    header = ["Date", "Time", "Summary"] + [f"Extra {n}" for n in range(columns - 3)]
    lines = [",".join(header)]
    for n in range(rows):
        lines.append(
            ",".join([f"{10 + n % 18:02d}/03/2017", "10:00", summary] + [""] * (columns - 3))
        )
    return ("\r\n".join(lines) + "\r\n").encode()


def test_a_439_kb_csv_of_50000_columns_is_refused_quickly(server: Server) -> None:
    header = ",".join(f"c{n}" for n in range(50_000))
    content = (header + "\r\n" + ",".join(["10/03/2017"] + ["x"] * 49_999) + "\r\n").encode()
    assert 400_000 < len(content) < 450_000
    before = server.event_count()
    started = time.monotonic()

    status, detail = server.upload("wide.csv", content)

    assert time.monotonic() - started < 10  # it took about 40 s before the limit
    assert status == 422
    assert detail.startswith("wide.csv: line 1 has 50,000 columns")
    assert "at most 250" in detail and "CHRONOLOGY_MAX_COLUMNS" in detail
    assert server.event_count() == before


def test_too_many_columns_too_long_a_cell_and_too_many_rows_are_each_refused(
    strict: Server,
) -> None:
    before = strict.event_count()

    columns = strict.upload("wide.csv", chronology(columns=9))
    cell = strict.upload("long.csv", chronology(summary="word " * 101))
    rows = strict.upload("many.csv", chronology(rows=45))
    fits = strict.upload("fits.csv", chronology(rows=30, columns=8, summary="w" * 500))

    assert columns == (
        422,
        "wide.csv: line 1 has 9 columns; this server reads at most 8: remove the empty or "
        "unneeded columns and send it again (set CHRONOLOGY_MAX_COLUMNS to change it)",
    )
    assert cell[0] == 422
    assert cell[1].startswith("long.csv: line 2, column 3, holds 505 characters")
    assert "CHRONOLOGY_MAX_CELL_CHARACTERS" in cell[1]
    assert rows[0] == 422
    assert rows[1].startswith("many.csv: it has more than 40 rows (the next is at line 41)")
    assert "CHRONOLOGY_MAX_ROWS" in rows[1]
    assert fits[0] == 201
    assert strict.event_count() > before  # only the file that fits was stored


def test_a_workbook_over_a_limit_is_refused_naming_its_sheet_and_row(strict: Server) -> None:
    rows = [["Date", "Time", "Summary"]] + [["10/03/2017", "10:00", "seen"]] * 3
    rows.append(["11/03/2017", "11:00", "seen"] + ["x"] * 7)

    status, detail = strict.upload("log.xlsx", workbook_from_rows(rows, title="Police log"))

    assert status == 422
    assert detail.startswith("log.xlsx: sheet 'Police log' row 5 has 10 columns")


def test_the_web_page_says_it_in_plain_words_and_the_log_keeps_the_setting(
    strict: Server, caplog: pytest.LogCaptureFixture
) -> None:
    client = strict.client
    form = client.get("/web/sign-in")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert csrf
    client.post("/web/sign-in", data={"token": strict.chair, "csrf": csrf.group(1)})
    overview = client.get("/web/reviews/DHR%207").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', overview)
    assert csrf
    caplog.set_level(logging.INFO, logger="chronology.web")

    page = client.post(
        "/web/reviews/DHR%207/upload",
        data={"csrf": csrf.group(1), "agency": "Police"},
        files={"file": ("wide.csv", chronology(columns=9), "text/csv")},
    )

    assert page.status_code == 422
    assert "That file is too large to read" in page.text
    assert "has 9 columns; this server reads at most 8" in page.text
    assert "CHRONOLOGY_" not in page.text and "--" not in page.text.split("<main", 1)[1]
    assert "CHRONOLOGY_MAX_COLUMNS" in caplog.text


def test_the_cli_reads_the_same_settings_and_names_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    wide = tmp_path / "wide.csv"
    wide.write_bytes(chronology(columns=6))
    monkeypatch.setenv("CHRONOLOGY_MAX_COLUMNS", "5")
    db = str(tmp_path / "store.sqlite3")

    status = main(["import", str(wide), "--review", REVIEW, "--agency", "Police", "--db", db])

    assert status == 2
    assert "line 1 has 6 columns" in capsys.readouterr().err


def test_a_workbook_with_a_stray_cell_in_its_last_column_is_refused_as_it_streams(
    server: Server,
) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "Log"
    sheet.append(["Date", "Summary"])
    sheet.append(["10/03/2017", "seen at home"])
    sheet.cell(row=2, column=16_384, value="stray")  # column XFD, Excel's last
    started = time.monotonic()

    status, detail = server.upload("stray.xlsx", saved(workbook))

    assert time.monotonic() - started < 10  # padding every row to 16,384 cells is not begun
    assert status == 422
    assert detail.startswith("stray.xlsx: sheet 'Log' row 2 has 16,384 columns")


ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def ods_of(rows_xml: str) -> bytes:
    """A minimal OpenDocument spreadsheet whose one sheet, 'Log', holds `rows_xml`."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NAMESPACES} '
        'office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Log">'
        f"{rows_xml}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    return package.getvalue()


def ods_cell(text: str, repeated: int = 1) -> str:
    return (
        f'<table:table-cell table:number-columns-repeated="{repeated}" '
        f'office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
    )


def test_a_spreadsheet_row_repeated_out_to_a_billion_cells_is_refused_before_it_is(
    server: Server,
) -> None:
    header = f"<table:table-row>{ods_cell('Date')}{ods_cell('Summary')}</table:table-row>"
    repeated = (
        '<table:table-row table:number-rows-repeated="1000000">'
        f"{ods_cell('10/03/2017')}{ods_cell('x', 16_000)}</table:table-row>"
    )
    started = time.monotonic()

    status, detail = server.upload("bomb.ods", ods_of(header + repeated))

    assert time.monotonic() - started < 10
    assert status == 422
    assert detail.startswith("bomb.ods: sheet 'Log' row 2 has 16,001 columns")


def rewritten(package: bytes, part: str, old: bytes, new: bytes) -> bytes:
    """`package` with the first `old` in `part` replaced by `new` (what a crafted file holds)."""
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in source.namelist():
            data = source.read(name)
            archive.writestr(name, data.replace(old, new, 1) if name == part else data)
    return out.getvalue()


def test_a_word_cell_spanning_a_billion_grid_columns_is_refused_before_it_is_built(
    server: Server,
) -> None:
    rows = [["Date", "Summary"], ["10/03/2017", "seen"], ["11/03/2017", "called"]]
    document = rewritten(
        document_from_rows(rows),
        "word/document.xml",
        b"<w:tcW ",
        b'<w:gridSpan w:val="1000000000"/><w:tcW ',
    )
    started = time.monotonic()

    status, detail = server.upload("imr.docx", document)

    assert time.monotonic() - started < 10
    assert status == 422
    assert detail.startswith("imr.docx: table 1 row 1 has 1,000,000,001 columns")

"""Exports over HTTP: the panel downloads the chronology; real names only for the chair."""

# ruff: noqa: F811  (the fixtures come from test_http_support by name; pytest needs them imported)

from __future__ import annotations

import io
import json

from openpyxl import load_workbook
from test_http_support import REVIEW, Api, small_chronology, sqlite_api  # noqa: F401

R = f"/reviews/{REVIEW}"


def test_a_panel_member_downloads_the_chronology_as_excel_and_json(sqlite_api: Api) -> None:
    sqlite_api.upload("police", ("police.csv", small_chronology("police")))

    workbook = sqlite_api.get("panel", f"{R}/export/xlsx")
    as_json = sqlite_api.get("panel", f"{R}/export/json", params={"conflicts_only": "true"})

    assert workbook.status_code == 200
    assert "attachment" in workbook.headers["content-disposition"]
    assert "Chronology" in load_workbook(io.BytesIO(workbook.content)).sheetnames
    assert as_json.status_code == 200 and isinstance(json.loads(as_json.content), dict)


def test_real_names_are_refused_to_a_panel_member_and_given_to_the_chair(sqlite_api: Api) -> None:
    sqlite_api.upload("police", ("police.csv", small_chronology("police")))

    refused = sqlite_api.get("panel", f"{R}/export/csv", params={"real_names": "true"})
    allowed = sqlite_api.get("chair", f"{R}/export/csv", params={"real_names": "true"})

    assert refused.status_code == 403
    assert allowed.status_code == 200


def test_an_agency_cannot_export_the_merged_chronology(sqlite_api: Api) -> None:
    response = sqlite_api.get("police", f"{R}/export/docx")

    assert response.status_code == 403

"""Shared test fixtures: real stores (a SQLite file, a fresh PostgreSQL database), DHR 7 files."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from adapters.store import StoreSettings
from api.workspace import Workspace

POSTGRES_ADMIN_URL = os.environ.get(
    "CHRONOLOGY_TEST_POSTGRES_URL", "postgresql://root@127.0.0.1:5432/test"
)


FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture_dir() -> Path:
    """The DHR 7 fixture, kept in the repository (a copy of the panel's shared files)."""
    return FIXTURES / "dhr7"


@pytest.fixture
def dhr7() -> Path:
    """The folder of DHR 7 agency CSVs and ground truth."""
    return fixture_dir()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A brand-new, empty PostgreSQL database for one test, dropped afterwards."""
    name = f"chronology_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL}: {error}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
        yield f"{base}/{name}"
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> StoreSettings:
    """Each store the product supports: a SQLite file, and a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return StoreSettings.resolve(str(tmp_path / "store.sqlite3"), environ={})
    url: str = request.getfixturevalue("postgres_url")
    return StoreSettings.resolve(url, environ={})


@pytest.fixture
def workspace(store: StoreSettings) -> Iterator[Workspace]:
    """A workspace on each supported store."""
    opened = Workspace(store)
    yield opened
    opened.close()

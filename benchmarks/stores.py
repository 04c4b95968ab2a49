"""Where a benchmark phase stores its events: a new SQLite file, or a new PostgreSQL database.

`--db postgresql://USER@HOST:PORT/DBNAME` names a server (and a database to connect to while
creating others); each store is then a database of its own, dropped when the run ends.
"""

from __future__ import annotations

import argparse
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def size_and_server(default_size: int, description: str) -> tuple[int, str | None]:
    """The benchmark's size argument and its optional --db server."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("size", nargs="?", type=int, default=default_size)
    parser.add_argument("--db", help="a postgresql:// URL: run on PostgreSQL (default SQLite)")
    arguments = parser.parse_args()
    return arguments.size, arguments.db


def store_label(server: str | None) -> str:
    """How the report names the store."""
    return "PostgreSQL" if server else "SQLite file"


@contextmanager
def fresh_store(server: str | None, folder: Path, name: str) -> Iterator[str]:
    """A new, empty store: a SQLite file in `folder`, or a new database on `server`."""
    if not server:
        yield str(folder / f"{name}.sqlite3")
        return
    import psycopg

    admin_url = "postgresql://" + server.split("://", 1)[1]
    database = f"chronology_bench_{name.replace('-', '_')}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{database}"')
        try:
            yield admin_url.rsplit("/", 1)[0] + "/" + database
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')

"""Load benchmark: concurrent HTTP clients against `chronology serve` on a fresh PostgreSQL store.

Creates a throwaway database on the local server, starts a multi-worker server on a loopback port,
and runs CLIENTS threads for SECONDS, each uploading small generated chronologies (some of them
exact duplicates) and reading entries, submissions and the merged view. Prints requests/second,
latency percentiles and errors, then checks that every accepted upload's rows are in the store
exactly once. Stops by itself and drops the database.
Usage: python benchmarks/load.py [--seconds 60] [--clients 20] [--workers 4]
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adapters.users import Role, UserStore  # noqa: E402
from projections.entries import entries as entries_table  # noqa: E402

CHRONOLOGY = str(Path(sys.executable).parent / "chronology")
REVIEWS = ("LOAD 1", "LOAD 2", "LOAD 3")
AGENCIES = tuple(f"Agency {n}" for n in range(8))


@dataclass
class Tally:
    """What the clients saw, shared between threads under a lock."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    accepted: list[dict[str, object]] = field(default_factory=list)
    already_held: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--admin-url", default="postgresql://root@127.0.0.1:5432/postgres")
    arguments = parser.parse_args()
    with fresh_database(arguments.admin_url) as url:
        token = issue_admin_token(url)
        with serving(url, arguments.workers) as base:
            headers = {"Authorization": f"Bearer {token}"}
            for review in REVIEWS:
                httpx.post(
                    f"{base}/reviews", json={"name": review}, headers=headers, timeout=30
                ).raise_for_status()
            tally = Tally()
            started = time.monotonic()
            clients = [
                threading.Thread(
                    target=client_loop, args=(base, headers, started + arguments.seconds, n, tally)
                )
                for n in range(arguments.clients)
            ]
            for client in clients:
                client.start()
            for client in clients:
                client.join()
            elapsed = time.monotonic() - started
            httpx.get(
                f"{base}/reviews/{REVIEWS[0]}/entries", headers=headers, timeout=120
            )  # final catch-up
        report(tally, elapsed, arguments)
        problems = check_stored_exactly_once(url, tally)
    print(
        "Store check      : "
        + (
            "every accepted upload's rows present exactly once"
            if not problems
            else f"{len(problems)} problems: {problems[:5]}"
        )
    )
    return 1 if problems or tally.errors else 0


def client_loop(
    base: str, headers: dict[str, str], deadline: float, number: int, tally: Tally
) -> None:
    """Upload and read until the deadline; a fifth of uploads resend bytes sent before."""
    chooser = random.Random(number)
    sent: list[tuple[str, str, bytes]] = []
    with httpx.Client(base_url=base, headers=headers, timeout=120) as client:
        while time.monotonic() < deadline:
            review = chooser.choice(REVIEWS)
            if chooser.random() < 0.3:
                if sent and chooser.random() < 0.2:
                    review, agency, content = chooser.choice(sent)
                else:
                    agency, content = chooser.choice(AGENCIES), generated_chronology(chooser)
                    sent.append((review, agency, content))
                request = client.build_request(
                    "POST",
                    f"/reviews/{review}/submissions",
                    data={"agency": agency},
                    files={"file": ("load.csv", content, "text/csv")},
                )
                timed(tally, client, request, upload=True)
            else:
                what = chooser.choice(("entries", "submissions", "merged"))
                timed(tally, client, client.build_request("GET", f"/reviews/{review}/{what}"))


def timed(tally: Tally, client: httpx.Client, request: httpx.Request, upload: bool = False) -> None:
    started = time.perf_counter()
    try:
        response = client.send(request)
    except httpx.HTTPError as error:
        with tally.lock:
            tally.errors.append(type(error).__name__)
        return
    took = time.perf_counter() - started
    with tally.lock:
        tally.latencies.append(took)
        if response.status_code >= 400:
            tally.errors.append(f"{response.status_code}: {response.text[:120]}")
        elif upload and response.json()["status"] == "stored":
            tally.accepted.append(response.json())
        elif upload:
            tally.already_held += 1


def generated_chronology(chooser: random.Random) -> bytes:
    """A small valid chronology, distinct from every other (a random token in each summary)."""
    token = uuid.UUID(int=chooser.getrandbits(128)).hex[:12]
    lines = ["Date,Time,Summary of Contact"]
    for n in range(chooser.randint(3, 8)):
        lines.append(
            f"{chooser.randint(1, 28):02d}/{chooser.randint(1, 12):02d}/2017,"
            f"{chooser.randint(0, 23):02d}:{chooser.randint(0, 59):02d},visit {n} ref {token}"
        )
    return ("\r\n".join(lines) + "\r\n").encode()


def report(tally: Tally, elapsed: float, arguments: argparse.Namespace) -> None:
    latencies = sorted(tally.latencies)
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    print(
        f"Clients/workers  : {arguments.clients} clients, {arguments.workers} server processes, "
        f"{elapsed:.0f} s, PostgreSQL"
    )
    print(f"Requests         : {len(latencies)} ({len(latencies) / elapsed:.1f} requests/s)")
    print(
        f"Latency          : p50 {cuts[49] * 1000:.0f} ms, p95 {cuts[94] * 1000:.0f} ms, "
        f"p99 {cuts[98] * 1000:.0f} ms"
    )
    print(f"Uploads          : {len(tally.accepted)} stored, {tally.already_held} already held")
    print(
        f"Errors           : {len(tally.errors)}"
        + (f" e.g. {tally.errors[:3]}" if tally.errors else "")
    )


def check_stored_exactly_once(url: str, tally: Tally) -> list[str]:
    """Every accepted upload's rows are in the entries read model exactly once; nothing else is."""
    engine = sa.create_engine("postgresql+psycopg://" + url.split("://", 1)[1])
    with engine.connect() as connection:
        counts = dict(
            connection.execute(
                sa.select(entries_table.c.submission_id, sa.func.count()).group_by(
                    entries_table.c.submission_id
                )
            ).all()
        )
        events = connection.execute(sa.text("SELECT count(*) FROM rm_audit_trail")).scalar_one()
        last = connection.execute(sa.text("SELECT count(*) FROM chronology_events")).scalar_one()
    engine.dispose()
    problems = [
        f"{a['submission_id']}: {counts.get(str(a['submission_id']), 0)} rows, "
        f"expected {a['rows_stored']}"
        for a in tally.accepted
        if counts.get(str(a["submission_id"]), 0) != a["rows_stored"]
    ]
    if len(counts) != len(tally.accepted):
        problems.append(f"{len(counts)} submissions stored, {len(tally.accepted)} accepted")
    if events != last:
        problems.append(f"audit trail has {events} events, the store {last}")
    return problems


@contextmanager
def fresh_database(admin_url: str) -> Iterator[str]:
    name = f"chronology_load_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{admin_url.rsplit('/', 1)[0]}/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def issue_admin_token(url: str) -> str:
    engine = sa.create_engine("postgresql+psycopg://" + url.split("://", 1)[1])
    token = UserStore(engine).add("load.admin", Role.ADMINISTRATOR)
    engine.dispose()
    return token


@contextmanager
def serving(url: str, workers: int) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            CHRONOLOGY,
            "serve",
            "--db",
            url,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            raise RuntimeError("the server did not start")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    sys.exit(main())

"""Load benchmark: concurrent HTTP clients against `chronology serve` on PostgreSQL.

Starts a multi-worker server on a loopback port against a throwaway database (or the database
`--db` names) and runs CLIENTS threads for SECONDS, each uploading small generated chronologies
(a fifth of them bytes sent before, which must come back "already held") and reading entries,
submissions and the merged view. Reports reads and uploads separately (count, errors, p50/p95/p99
latency), waits for the read models to apply every stored event (the server's follower does so
after uploads have answered; /health counts what is left) and says how long that took, then
checks that every accepted upload's rows are stored exactly once: in the entries read model, row
by row, and over HTTP, review by review. The reviews are named for the run, so
a store that already holds other reviews is checked just as exactly.
Usage: python benchmarks/load.py [--seconds 60] [--clients 20] [--workers 4]
                                 [--db postgresql://user@host:5432/dbname] [--server-log FILE]
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
from domain.identity import review_id  # noqa: E402
from projections.entries import entries as entries_table  # noqa: E402

CHRONOLOGY = str(Path(sys.executable).parent / "chronology")
AGENCIES = tuple(f"Agency {n}" for n in range(8))
# The issue's bar for a read, at the 95th percentile.
READ_P95_BAR_SECONDS = 0.3
# How long the read models may take to apply what the clients stored before the check gives up.
CATCH_UP_TIMEOUT_SECONDS = 900.0


@dataclass
class Kind:
    """What the clients saw of one kind of request (reads, or uploads)."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def line(self, name: str, elapsed: float) -> str:
        """The kind's figures on one line."""
        ordered = sorted(self.latencies)
        cuts = statistics.quantiles(ordered, n=100) if len(ordered) > 1 else [0.0] * 99
        return (
            f"{name:<8}: {len(ordered)} ({len(ordered) / elapsed:.1f}/s), "
            f"{len(self.errors)} errors; p50 {cuts[49] * 1000:.0f} ms, "
            f"p95 {cuts[94] * 1000:.0f} ms, p99 {cuts[98] * 1000:.0f} ms"
            + (f"\n          e.g. {self.errors[:3]}" if self.errors else "")
        )

    def p95(self) -> float:
        """The 95th percentile latency in seconds (0 with fewer than two requests)."""
        ordered = sorted(self.latencies)
        return statistics.quantiles(ordered, n=100)[94] if len(ordered) > 1 else 0.0


@dataclass
class Tally:
    """What the clients saw, shared between threads under a lock."""

    reads: Kind = field(default_factory=Kind)
    uploads: Kind = field(default_factory=Kind)
    accepted: list[dict[str, object]] = field(default_factory=list)
    already_held: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--db", help="a PostgreSQL database to run against (default: a new one)")
    parser.add_argument("--server-log", type=Path, help="write the server's log here")
    parser.add_argument(
        "--admin-url",
        default="postgresql://root@127.0.0.1:5432/postgres",
        help="the server on which a throwaway database is made when --db is not given",
    )
    arguments = parser.parse_args()
    run = uuid.uuid4().hex[:6]
    reviews = tuple(f"LOAD {n} {run}" for n in (1, 2, 3))
    with store_for(arguments) as url:
        token = issue_admin_token(url, f"load.admin.{run}")
        headers = {"Authorization": f"Bearer {token}"}
        with serving(url, arguments.workers, arguments.server_log) as base:
            for review in reviews:
                httpx.post(
                    f"{base}/reviews", json={"name": review}, headers=headers, timeout=30
                ).raise_for_status()
            tally = Tally()
            started = time.monotonic()
            clients = [
                threading.Thread(
                    target=client_loop,
                    args=(base, headers, reviews, started + arguments.seconds, n, tally),
                )
                for n in range(arguments.clients)
            ]
            for client in clients:
                client.start()
            for client in clients:
                client.join()
            elapsed = time.monotonic() - started
            report(tally, elapsed, arguments)
            report_catching_up(base)
            problems = check_over_http(base, headers, reviews, tally)
        problems += check_stored_exactly_once(url, reviews, tally)
    print(
        "Store check: "
        + (
            f"every accepted upload's rows present exactly once ({accepted_rows(tally)} rows "
            f"of {len(tally.accepted)} uploads)"
            if not problems
            else f"{len(problems)} problems: {problems[:5]}"
        )
    )
    read_p95 = tally.reads.p95()
    print(
        f"Read p95 {read_p95 * 1000:.0f} ms: "
        + ("within" if read_p95 < READ_P95_BAR_SECONDS else "OVER")
        + f" the {READ_P95_BAR_SECONDS * 1000:.0f} ms bar"
    )
    return 1 if problems or tally.reads.errors or tally.uploads.errors else 0


def client_loop(
    base: str,
    headers: dict[str, str],
    reviews: tuple[str, ...],
    deadline: float,
    number: int,
    tally: Tally,
) -> None:
    """Upload and read until the deadline; a fifth of uploads resend bytes sent before."""
    chooser = random.Random(number)
    sent: list[tuple[str, str, bytes]] = []
    with httpx.Client(base_url=base, headers=headers, timeout=120) as client:
        while time.monotonic() < deadline:
            review = chooser.choice(reviews)
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
                    files={"file": (f"load-{len(sent)}.csv", content, "text/csv")},
                )
                timed(tally, client, request, upload=True)
            else:
                what = chooser.choice(("entries", "submissions", "merged"))
                timed(tally, client, client.build_request("GET", f"/reviews/{review}/{what}"))


def timed(tally: Tally, client: httpx.Client, request: httpx.Request, upload: bool = False) -> None:
    kind = tally.uploads if upload else tally.reads
    started = time.perf_counter()
    try:
        response = client.send(request)
    except httpx.HTTPError as error:
        with tally.lock:
            kind.errors.append(type(error).__name__)
        return
    took = time.perf_counter() - started
    with tally.lock:
        kind.latencies.append(took)
        if response.status_code >= 400:
            kind.errors.append(f"{response.status_code}: {response.text[:120]}")
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
    print(
        f"Load: {arguments.clients} clients, {arguments.workers} server processes, "
        f"{elapsed:.0f} s, PostgreSQL"
    )
    print(tally.reads.line("Reads", elapsed))
    print(tally.uploads.line("Uploads", elapsed))
    print(f"          {len(tally.accepted)} stored, {tally.already_held} already held")


def report_catching_up(base: str) -> None:
    """Wait until /health says no stored event is left to apply; say how many were, how long."""
    started = time.monotonic()
    with httpx.Client(base_url=base, timeout=30) as client:
        behind = first = int(client.get("/health").json()["events_to_apply"])
        while behind and time.monotonic() - started < CATCH_UP_TIMEOUT_SECONDS:
            time.sleep(0.5)
            behind = int(client.get("/health").json()["events_to_apply"])
    print(
        f"Catch-up : {first} events to apply when the clients stopped; "
        + (f"{behind} still left" if behind else "all applied")
        + f" after {time.monotonic() - started:.0f} s"
    )


def accepted_rows(tally: Tally) -> int:
    return sum(int(str(a["rows_stored"])) for a in tally.accepted)


def check_over_http(
    base: str, headers: dict[str, str], reviews: tuple[str, ...], tally: Tally
) -> list[str]:
    """Each review's entries, read as a client would, are exactly its accepted uploads' rows."""
    problems = []
    with httpx.Client(base_url=base, headers=headers, timeout=300) as client:
        for review in reviews:
            response = client.get(
                f"/reviews/{review}/entries", params={"include_superseded": "true"}
            )
            if response.status_code != 200:
                problems.append(f"{review}: entries over HTTP {response.status_code}")
                continue
            listed = response.json()
            expected = sum(
                int(str(a["rows_stored"])) for a in tally.accepted if a["review"] == review
            )
            distinct = {e["entry_id"] for e in listed}
            if len(listed) != expected or len(distinct) != expected:
                problems.append(
                    f"{review}: {len(listed)} entries over HTTP ({len(distinct)} distinct), "
                    f"expected {expected}"
                )
    return problems


def check_stored_exactly_once(url: str, reviews: tuple[str, ...], tally: Tally) -> list[str]:
    """Every accepted upload's rows are in the entries read model exactly once; nothing else of
    the run's reviews is; and the audit trail holds as many events as the store."""
    ids = [str(review_id(r)) for r in reviews]
    engine = sa.create_engine("postgresql+psycopg://" + url.split("://", 1)[1])
    with engine.connect() as connection:
        counts = dict(
            connection.execute(
                sa.select(entries_table.c.submission_id, sa.func.count())
                .where(entries_table.c.review_id.in_(ids))
                .group_by(entries_table.c.submission_id)
            ).all()
        )
        trail = connection.execute(sa.text("SELECT count(*) FROM rm_audit_trail")).scalar_one()
        events = connection.execute(sa.text("SELECT count(*) FROM chronology_events")).scalar_one()
    engine.dispose()
    problems = [
        f"{a['submission_id']}: {counts.get(str(a['submission_id']), 0)} rows, "
        f"expected {a['rows_stored']}"
        for a in tally.accepted
        if counts.get(str(a["submission_id"]), 0) != a["rows_stored"]
    ]
    if len(counts) != len(tally.accepted):
        problems.append(f"{len(counts)} submissions stored, {len(tally.accepted)} accepted")
    if trail != events:
        problems.append(f"audit trail has {trail} events, the store {events}")
    return problems


@contextmanager
def store_for(arguments: argparse.Namespace) -> Iterator[str]:
    """The database named by --db, else a throwaway one on --admin-url's server, dropped after."""
    if arguments.db:
        yield arguments.db
        return
    name = f"chronology_load_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(arguments.admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{arguments.admin_url.rsplit('/', 1)[0]}/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def issue_admin_token(url: str, name: str) -> str:
    engine = sa.create_engine("postgresql+psycopg://" + url.split("://", 1)[1])
    token = UserStore(engine).add(name, Role.ADMINISTRATOR)
    engine.dispose()
    return token


@contextmanager
def serving(url: str, workers: int, log: Path | None) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    output = log.open("wb") if log else subprocess.DEVNULL
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
        stdout=output,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
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
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if log:
            output.close()  # type: ignore[union-attr]


if __name__ == "__main__":
    sys.exit(main())

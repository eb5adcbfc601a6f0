"""Bounded local load on the web API: N concurrent clients for D seconds against the dyad endpoint.

    .venv/bin/python bench/web_load.py bench/out/ties-1m.duckdb --clients 50 --seconds 20
    .venv/bin/python bench/web_load.py bench/out/ties-1m.duckdb --ingest-every 1

Starts ``detente serve`` on the store (127.0.0.1 only, a free port, in a child process), waits
until it answers, asks once, one after another, for each pair's dyad view (uncached: the
"first request" figures), then runs the clients in one asyncio loop; each client asks in turn,
over one keep-alive connection, for the dyad series of the busiest pairs of the store. With
``--ingest-every S`` a writer submits one short news article through ``POST /api/articles``
every S seconds meanwhile (coded, stored and merged by the server, which drops the cached
answers the write changes: the views of the pairs the article is about, two of the busiest),
so that requests keep finding those pairs uncached. Prints requests,
errors, the latency percentiles and the writes as one JSON line, and exits non-zero when p95
exceeds ``--p95-ms`` or any request failed.

The ingest writer needs a reviewer's API token: the script adds a user ``web-load`` to the
store (use a copy of the store) before it starts the server.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def run_server(db: str, port: int) -> None:
    import logging

    logging.basicConfig(level=logging.WARNING)
    from detente.web import serve

    serve(db, host=LOOPBACK, port=port, access_log=False)


def writer_token(db: str) -> str:
    """A reviewer's API token for the ingest writer (the user ``web-load`` is added)."""
    import secrets

    from detente.store import Store
    from detente.web.auth import add_user, create_token

    with Store(db) as store:
        add_user(store, "web-load", secrets.token_urlsafe(16), "reviewer")
        return create_token(store, "web-load", "bench/web_load.py")


def article(n: int) -> dict:
    """A short wire story between two of the busiest pairs, different at every call."""
    day = f"2024-12-{1 + n % 28:02d}"
    return {
        "title": f"Talks {n}",
        "text": f"Russian Deputy Foreign Minister Igor Morgulov met North Korea's vice foreign "
        f"minister in Moscow on Thursday, the ministry said in statement number {n}. China and "
        f"the United States signed a trade agreement in Beijing, officials said.",
        "source": "Load Wire",
        "published": day,
    }


class Ingester(threading.Thread):
    """Submits one article every ``every`` seconds until stopped, timing each submission."""

    def __init__(self, base: str, token: str, every: float) -> None:
        super().__init__(daemon=True)
        self.base, self.token, self.every = base, token, every
        self.stop = threading.Event()
        self.seconds: list[float] = []
        self.errors: list[str] = []

    def submit(self, client, n: int) -> float:
        import httpx

        started = time.perf_counter()
        try:
            response = client.post(
                "/api/articles",
                json={"articles": [article(n)]},
                headers={"Authorization": f"Bearer {self.token}"},
            )
            if response.status_code != 200:
                self.errors.append(f"ingest {n}: HTTP {response.status_code}")
        except httpx.HTTPError as exc:  # counted and reported: the load goes on
            self.errors.append(f"ingest {n}: {type(exc).__name__}: {exc}")
        return time.perf_counter() - started

    def warm_up(self) -> None:
        """One submission before the clocks start: the server loads its coder on the first."""
        import httpx

        with httpx.Client(base_url=self.base, timeout=300) as client:
            self.submit(client, 0)

    def run(self) -> None:
        import httpx

        with httpx.Client(base_url=self.base, timeout=120) as client:
            start, n = time.monotonic(), 1
            while not self.stop.is_set():
                self.seconds.append(self.submit(client, n))
                n += 1
                self.stop.wait(max(0.0, start + n * self.every - time.monotonic()))


def busiest_pairs(base: str, count: int) -> list[tuple[str, str]]:
    import httpx

    deadline = time.monotonic() + 120
    while True:
        try:
            stats = httpx.get(f"{base}/api/stats", timeout=5)
            if stats.status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit("the server did not answer within 120 s")
        time.sleep(0.25)
    page = httpx.get(f"{base}/", timeout=120).text  # the overview lists the busiest pairs
    pairs = []
    for chunk in page.split('href="/dyad/')[1:]:
        a, b = chunk.split('"', 1)[0].split("/")
        if (a, b) not in pairs:
            pairs.append((a, b))
    return pairs[:count] or [("PRK", "RUS")]


async def client(
    base: str,
    paths: list[str],
    until: float,
    latencies: list[float],
    errors: list[str],
    offset: int,
) -> None:
    """One keep-alive connection sending GETs one after another.

    A minimal HTTP/1.1 client on asyncio streams: the load generator shares the machine's
    cores with the server, and a full client library would spend more CPU than the server.
    """
    host, port = base.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    i = offset
    try:
        while time.monotonic() < until:
            path = paths[i % len(paths)]
            i += 1
            started = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            await writer.drain()
            status, length = await _read_head(reader)
            await reader.readexactly(length)
            latencies.append((time.perf_counter() - started) * 1000)
            if status != 200:
                errors.append(f"{path}: HTTP {status}")
    except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
        errors.append(f"connection {offset}: {type(exc).__name__}: {exc}")
    finally:
        writer.close()


async def _read_head(reader: asyncio.StreamReader) -> tuple[int, int]:
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    headers = dict(line.split(":", 1) for line in head[1:] if ":" in line)
    lengths = {k.strip().lower(): v.strip() for k, v in headers.items()}
    if "content-length" not in lengths:
        raise ValueError("response without Content-Length")
    return status, int(lengths["content-length"])


async def load(
    base: str, paths: list[str], clients: int, seconds: float
) -> tuple[list[float], list[str]]:
    latencies: list[float] = []
    errors: list[str] = []
    until = time.monotonic() + seconds
    await asyncio.gather(
        *(client(base, paths, until, latencies, errors, i) for i in range(clients))
    )
    return latencies, errors


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def first_requests(base: str, paths: list[str]) -> list[float]:
    """Milliseconds of each path's first (uncached) request, one after another."""
    import httpx

    found = []
    with httpx.Client(base_url=base, timeout=120) as client:
        for path in paths:
            started = time.perf_counter()
            client.get(path, headers={"Accept-Encoding": "identity"}).raise_for_status()
            found.append((time.perf_counter() - started) * 1000)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument(
        "--pairs", type=int, default=10, help="Rotate over this many busiest pairs."
    )
    parser.add_argument("--freq", default="month")
    parser.add_argument("--p95-ms", type=float, default=100.0)
    parser.add_argument(
        "--ingest-every",
        type=float,
        default=0.0,
        metavar="S",
        help="Submit one article every S seconds during the load (0: no writes).",
    )
    args = parser.parse_args()
    if not args.db.exists():
        raise SystemExit(f"{args.db}: no such store; build one with bench/make_store.py")
    if not 1 <= args.clients <= 200 or not 0 < args.seconds <= 120:
        raise SystemExit("keep the load bounded: 1-200 clients for at most 120 s")
    token = writer_token(str(args.db)) if args.ingest_every > 0 else ""
    port = free_port()
    base = f"http://{LOOPBACK}:{port}"
    # not a daemon: the server starts a process of its own to code submitted articles
    server = multiprocessing.get_context("spawn").Process(
        target=run_server, args=(str(args.db), port)
    )
    server.start()
    ingester = Ingester(base, token, args.ingest_every) if token else None
    try:
        pairs = busiest_pairs(base, args.pairs)
        paths = [f"/api/dyads/{a}/{b}?freq={args.freq}" for a, b in pairs]
        first = first_requests(base, paths)
        if ingester:
            ingester.warm_up()
            ingester.start()
        latencies, errors = asyncio.run(load(base, paths, args.clients, args.seconds))
    finally:
        if ingester:
            ingester.stop.set()
            ingester.join(timeout=120)
        server.terminate()
        server.join(timeout=10)
    result = {
        "store": str(args.db),
        "clients": args.clients,
        "seconds": args.seconds,
        "pairs": len(paths),
        "first_request_ms": {
            "median": round(statistics.median(first), 1),
            "max": round(max(first), 1),
        },
        "requests": len(latencies),
        "errors": len(errors),
        "rps": round(len(latencies) / args.seconds, 1),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 95), 1) if latencies else None,
        "p99_ms": round(percentile(latencies, 99), 1) if latencies else None,
        "first_errors": errors[:5],
    }
    if ingester:
        writes = ingester.seconds
        result["ingests"] = len(writes)
        result["ingest_s"] = {
            "median": round(statistics.median(writes), 2) if writes else None,
            "max": round(max(writes), 2) if writes else None,
        }
        result["ingest_errors"] = ingester.errors[:5]
        errors += ingester.errors
    print(json.dumps(result))
    return 0 if latencies and not errors and result["p95_ms"] <= args.p95_ms else 1


if __name__ == "__main__":
    sys.exit(main())

"""Bounded local load on the web API: N concurrent clients for D seconds against the dyad endpoint.

    .venv/bin/python bench/web_load.py bench/out/ties-1m.duckdb --clients 50 --seconds 20

Starts ``detente serve`` on the store (127.0.0.1 only, a free port, in a child process), waits
until it answers, then runs the clients in one asyncio loop; each client asks in turn, over
one keep-alive connection, for the dyad series of the busiest pairs of the store. Prints
requests, errors and the latency percentiles as one JSON line, and exits non-zero when p95
exceeds ``--p95-ms`` or any request failed.

Measured 2026-11-29 on the 2-core VM (load average about 5 from other work) against the
one-million-report store of ``bench/make_store.py`` (672,558 merged events), 50 clients for
20 s, 10 pairs: 18,951 requests, 0 errors, 947 req/s, p50 42 ms, p95 95 ms, p99 197 ms.
A pair's first (uncached) request costs 0.2-1.2 s; later ones are served from the read
cache, which every write empties.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import socket
import statistics
import sys
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
    args = parser.parse_args()
    if not args.db.exists():
        raise SystemExit(f"{args.db}: no such store; build one with bench/make_store.py")
    if not 1 <= args.clients <= 200 or not 0 < args.seconds <= 120:
        raise SystemExit("keep the load bounded: 1-200 clients for at most 120 s")
    port = free_port()
    base = f"http://{LOOPBACK}:{port}"
    server = multiprocessing.get_context("spawn").Process(
        target=run_server, args=(str(args.db), port), daemon=True
    )
    server.start()
    try:
        pairs = busiest_pairs(base, args.pairs)
        paths = [f"/api/dyads/{a}/{b}?freq={args.freq}" for a, b in pairs]
        latencies, errors = asyncio.run(load(base, paths, args.clients, args.seconds))
    finally:
        server.terminate()
        server.join(timeout=10)
    result = {
        "store": str(args.db),
        "clients": args.clients,
        "seconds": args.seconds,
        "pairs": len(paths),
        "requests": len(latencies),
        "errors": len(errors),
        "rps": round(len(latencies) / args.seconds, 1),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 95), 1) if latencies else None,
        "p99_ms": round(percentile(latencies, 99), 1) if latencies else None,
        "first_errors": errors[:5],
    }
    print(json.dumps(result))
    return 0 if latencies and not errors and result["p95_ms"] <= args.p95_ms else 1


if __name__ == "__main__":
    sys.exit(main())

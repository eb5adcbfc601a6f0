"""The long reader fuzz: mutated real inputs of every kind, within a bounded budget.

Marked ``fuzz`` (and ``slow``); CI runs it. Each input is a real fixture (a news page with
its chrome, a text with header, JSONL, CSV, RSS, Atom, a WARC built here, gzip of each)
mutated by hypothesis: flipped bytes, cuts, NUL bytes, right-to-left overrides and other
control characters, gigantic lines, deep nesting. Every one must come back as articles or
skip reasons — never an exception, and within the size limit's memory.
"""

from __future__ import annotations

import gzip
import io
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.model import Article, Skipped
from detente.read import ReadOptions, read_bytes

pytestmark = [pytest.mark.fuzz, pytest.mark.slow]

FIXTURES = Path(__file__).parents[1] / "fixtures" / "read"
LIMIT = ReadOptions(max_bytes=200_000)
NASTY = [
    b"\x00",
    "\u202e".encode(),
    "\u200f".encode(),
    b"\x1b[31m",
    b"\xff\xfe",
    b"\xed\xa0\x80",
    b"&lol;",
    b'<!ENTITY lol "lol">',
    b"=cmd()",
    b"\r\n\r\n",
    b"[" * 5000,
    b"9" * 5000,
]


def warc_bytes() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    page = (FIXTURES / "news_page.html").read_bytes()
    headers = StatusAndHeaders(
        "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
    )
    writer.write_record(
        writer.create_warc_record(
            "https://news.example/a", "response", payload=io.BytesIO(page), http_headers=headers
        )
    )
    return out.getvalue()


SEEDS = {path.name: path.read_bytes() for path in sorted(FIXTURES.iterdir())}
SEEDS["archive.warc"] = warc_bytes()


@st.composite
def mutated(draw) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[name])
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "repeat"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "cut":
            del data[at : at + draw(st.integers(1, 400))]
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from(NASTY))
        else:
            data[at:at] = draw(st.sampled_from(NASTY)) * draw(st.integers(10, 2000))
    if draw(st.booleans()):
        return name + ".gz", gzip.compress(bytes(data))
    return name, bytes(data)


@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
@given(case=mutated())
def test_mutated_inputs_of_every_kind_give_articles_or_reasons(case):
    name, data = case
    tracemalloc.start()
    try:
        items = list(read_bytes(data, name, LIMIT))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert all(isinstance(item, (Article, Skipped)) for item in items)
    assert all(item.reason.strip() for item in items if isinstance(item, Skipped))
    assert peak < 200 * 1024 * 1024, f"{name}: {peak / 1e6:.0f} MB for a {len(data)}-byte input"


def test_a_gzip_bomb_is_refused_without_inflating_it():
    bomb = gzip.compress(b"A" * 50_000_000)
    tracemalloc.start()
    try:
        items = list(read_bytes(bomb, "bomb.txt.gz", ReadOptions(max_bytes=1_000_000)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(items) == 1 and isinstance(items[0], Skipped)
    assert peak < 20_000_000

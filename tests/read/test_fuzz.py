from __future__ import annotations

import gzip

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.model import Article, Skipped
from detente.read import ReadOptions, read_bytes

NAMES = st.sampled_from(
    [
        "-",
        "x.html",
        "x.txt",
        "x.json",
        "x.jsonl",
        "x.csv",
        "x.warc",
        "x.rss",
        "x.xml",
        "x.jsonl.gz",
        "x.bin",
    ]
)
OPTIONS = ReadOptions(max_bytes=50_000)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2_000), name=NAMES)
def test_random_bytes_never_raise(data, name):
    for item in read_bytes(data, name, OPTIONS):
        _assert_expected(item)


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=500), name=NAMES)
def test_random_bytes_behind_a_gzip_header_never_raise(data, name):
    packed = gzip.compress(data)
    for cut in (len(packed), len(packed) // 2):
        for item in read_bytes(packed[:cut], name, OPTIONS):
            _assert_expected(item)


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=300), name=NAMES)
def test_random_text_gives_articles_with_clean_text_or_reasons(text, name):
    for item in read_bytes(text.encode("utf-8", "surrogatepass"), name, OPTIONS):
        if isinstance(item, Article):
            assert "\x00" not in item.text and item.text == item.text.strip()
        else:
            _assert_expected(item)


def _assert_expected(item):
    """An article, or a skip with a specific one-line reason (not the catch-all for bugs)."""
    assert isinstance(item, Article | Skipped)
    if isinstance(item, Skipped):
        assert item.reason and "\n" not in item.reason
        assert not item.reason.startswith("could not be read ("), item.reason

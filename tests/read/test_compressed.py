from __future__ import annotations

import gzip

import pytest

from detente.model import Article, Skipped
from detente.read import ReadOptions, read_bytes, read_inputs

KINDS = ["news_page.html", "seoul_tokyo.txt", "wire.jsonl", "wire.csv", "world.rss", "world.atom"]


@pytest.mark.parametrize("name", KINDS)
def test_a_gzipped_file_reads_like_the_plain_one(fixtures, tmp_path, name):
    plain = fixtures / name
    packed = tmp_path / f"{name}.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))

    from_plain = [_strip_origin(item) for item in read_inputs([plain])]
    from_packed = [_strip_origin(item) for item in read_inputs([packed])]

    assert from_packed == from_plain


def _strip_origin(item):
    return (item.text, item.title, item.published) if isinstance(item, Article) else item.reason


def test_gzip_is_recognised_by_its_magic_bytes_when_the_name_hides_it():
    data = gzip.compress(b"Title: Talks\n\nVietnam and China held maritime talks.")

    [article] = list(read_bytes(data, "-"))

    assert article.text == "Vietnam and China held maritime talks."


def test_a_truncated_gzip_of_json_lines_keeps_the_complete_lines():
    lines = b"".join(
        b'{"id": %d, "text": "Record %d: the council met in Addis Ababa and issued a statement."}\n'
        % (i, i)
        for i in range(200)
    )
    data = gzip.compress(lines)

    items = list(read_bytes(data[: len(data) // 2], "cut.jsonl.gz"))

    kept = [item for item in items if isinstance(item, Article)]
    assert 0 < len(kept) < 200
    assert [a.record_id for a in kept] == [str(i) for i in range(len(kept))]
    assert items[-1] == Skipped("cut.jsonl.gz", items[-1].reason) and items[-1].reason.startswith(
        "truncated gzip: the data ends early, after "
    )
    assert items[-1].reason.endswith(f"kept the {len(kept)} articles read before it")


def test_a_truncated_gzipped_page_keeps_what_it_can_and_says_it_was_cut(fixtures):
    data = gzip.compress((fixtures / "news_page.html").read_bytes())

    items = list(read_bytes(data[: int(len(data) * 0.7)], "page.html.gz"))

    assert isinstance(items[0], Article) and "South Korea and Japan agreed" in items[0].text
    assert items[1].reason.startswith("truncated gzip")


def test_a_decompression_bomb_is_stopped_at_the_size_limit():
    bomb = gzip.compress(b"\0" * 5_000_000)  # 5 MB of zeros in about 5 KB
    options = ReadOptions(max_bytes=1_000_000)

    [skip] = list(read_bytes(bomb, "bomb.html.gz", options))

    assert skip == Skipped(
        "bomb.html.gz",
        "decompression bomb: gzip data expands more than 100-fold past the 1 MB limit; "
        "stopped there",
    )


def test_a_bomb_of_json_lines_is_stopped_rather_than_read_through():
    bomb = gzip.compress(b'{"text": "x"}\n' * 100_000)  # 1.4 MB that compresses ~400-fold
    options = ReadOptions(max_bytes=100_000)

    items = list(read_bytes(bomb, "bomb.jsonl.gz", options))

    assert items[-1].origin == "bomb.jsonl.gz"
    assert items[-1].reason.startswith("decompression bomb: ")
    assert len(items) < 20_000


def test_a_gzipped_page_over_the_limit_at_an_ordinary_ratio_is_too_large(fixtures):
    page = (fixtures / "news_page.html").read_bytes()

    [skip] = list(read_bytes(gzip.compress(page), "page.html.gz", ReadOptions(max_bytes=2_000)))

    assert skip.reason == (
        "file decompresses to more than the 2 KB limit; raise it with --max-size if it is genuine"
    )


def test_a_file_that_is_not_gzip_despite_its_name_is_skipped():
    assert list(read_bytes(b"\x1f\x8bnot really gzip", "x.html.gz")) == [
        Skipped("x.html.gz", "not valid gzip data (unknown compression method)"),
    ]

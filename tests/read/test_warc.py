from __future__ import annotations

import gzip
import io
from datetime import date

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from detente.model import Article, Skipped
from detente.read import read_bytes

STORY = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>{body}</p><p>Officials from both governments confirmed the meeting in a joint "
    "statement released later that evening, and said further rounds would follow.</p>"
    "</article></body></html>"
)


def build_warc(pages, gzip_records: bool = False) -> bytes:
    """A WARC with one response per (url, date, content type, html), as a crawler writes it."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip_records)
    for url, warc_date, content_type, html in pages:
        http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(html.encode("utf-8")),
            http_headers=http,
            warc_headers_dict={"WARC-Date": warc_date},
        )
        writer.write_record(record)
    return buffer.getvalue()


PAGES = [
    (
        "https://news.example/kenya-somalia",
        "2024-03-01T10:00:00Z",
        "text/html; charset=utf-8",
        STORY.format(
            title="Kenya and Somalia restore ties",
            body="NAIROBI — Kenya and Somalia agreed on Friday to restore diplomatic relations.",
        ),
    ),
    ("https://news.example/style.css", "2024-03-01T10:00:01Z", "text/css", "body { color: red }"),
    (
        "https://news.example/egypt-sudan",
        "2024-03-02T11:00:00Z",
        "text/html",
        STORY.format(
            title="Egypt hosts Sudan talks",
            body="CAIRO — Egypt hosted talks between Sudan's warring factions on Saturday.",
        ),
    ),
]


def test_html_responses_become_articles_dated_by_the_warc_and_numbered_by_record():
    items = list(read_bytes(build_warc(PAGES), "crawl.warc"))

    assert [(a.title, a.url, a.published, a.origin) for a in items] == [
        (
            "Kenya and Somalia restore ties",
            "https://news.example/kenya-somalia",
            date(2024, 3, 1),
            "crawl.warc#1",
        ),
        (
            "Egypt hosts Sudan talks",
            "https://news.example/egypt-sudan",
            date(2024, 3, 2),
            "crawl.warc#3",
        ),
    ]
    assert "Kenya and Somalia agreed on Friday" in items[0].text


def test_a_gzipped_warc_reads_the_same():
    items = list(read_bytes(build_warc(PAGES, gzip_records=True), "crawl.warc.gz"))

    assert [a.title for a in items] == ["Kenya and Somalia restore ties", "Egypt hosts Sudan talks"]


def test_a_truncated_warc_keeps_the_records_before_the_cut():
    data = build_warc(PAGES)
    cut = data[: data.index(b"https://news.example/egypt-sudan") + 200]

    items = list(read_bytes(cut, "crawl.warc"))

    assert isinstance(items[0], Article) and items[0].title == "Kenya and Somalia restore ties"
    assert isinstance(items[-1], Skipped)
    assert items[-1].origin == "crawl.warc"
    assert (
        "truncated" in items[-1].reason and "kept the 1 article read before it" in items[-1].reason
    )


def test_a_truncated_gzipped_warc_keeps_the_records_before_the_cut():
    data = gzip.compress(build_warc(PAGES))

    items = list(read_bytes(data[: len(data) - 40], "crawl.warc.gz"))

    assert [a.title for a in items if isinstance(a, Article)][:1] == [
        "Kenya and Somalia restore ties"
    ]
    assert "kept the" in items[-1].reason


def test_a_warc_without_html_pages_says_so():
    data = build_warc([PAGES[1]])

    assert list(read_bytes(data, "assets.warc")) == [
        Skipped("assets.warc", "WARC has no HTML response records (read 1 records)"),
    ]

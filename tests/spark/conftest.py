"""Shared fixtures for the Spark tests: one local[2] session, skipped where Spark cannot run."""

from __future__ import annotations

import pytest

from detente.spark import spark_problem


@pytest.fixture(scope="session")
def spark():
    pytest.importorskip("pyspark", reason="PySpark is not installed (the detente[spark] extra)")
    problem = spark_problem()
    if problem:
        pytest.skip(problem)
    from detente.spark import spark_session

    session = spark_session(
        "local[2]",
        app_name="detente tests",
        shuffle_partitions=2,
        conf={"spark.default.parallelism": "2"},
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


# -- a small mixed corpus: every kind of input the job reads ---------------------------------
NEWS_JSONL = [
    {
        "id": "n-1",
        "title": "China and Pakistan discuss trade",
        "url": "https://news.example/cn-pk",
        "source": "Example News",
        "published": "2024-04-10",
        "text": "BEIJING — China's foreign minister met his Pakistani counterpart in Beijing on Tuesday "
        "to discuss trade and a new rail link, the ministry said.",
    },
    {
        "id": "n-2",
        "title": "Japan protests to China",
        "published": "2024-05-07",
        "text": "TOKYO — Japan protested to China on Monday after Chinese coast guard ships entered "
        "waters near islands that both countries claim.",
    },
    {"id": "n-3", "title": "No text here", "published": "2024-05-08"},
    {
        "id": "n-4",
        "title": "Trade pact",
        "source": "Example News",
        "text": "Brazil and Argentina signed an agreement to expand cross-border trade.",
    },
]
WIRE_CSV = (
    "id,title,text,published,url\n"
    "w-1,China and Pakistan discuss trade,\"BEIJING — China's foreign minister met his Pakistani "
    'counterpart in Beijing on Tuesday to discuss trade and a new rail link, the ministry said.",'
    "2024-04-10,https://news.example/cn-pk\n"
    'w-2,Germany to arm Ukraine,"BERLIN — Germany will send more air defence systems to Ukraine '
    "next month, Germany's defence minister said on Thursday.\",2024-05-23,\n"
)
NOTE_TXT = (
    "Title: India condemns Pakistan\nDate: 2024-06-03\nSource: Example Wire\n\n"
    "NEW DELHI — India condemned Pakistan on Sunday for a cross-border attack on an army post "
    "in Kashmir, the foreign ministry said.\n"
)
WARC_PAGE = (
    "<html><head><title>Kenya and Somalia restore ties</title></head><body><article>"
    "<h1>Kenya and Somalia restore ties</h1><p>NAIROBI — Kenya and Somalia agreed on Friday to "
    "restore diplomatic relations after a year-long dispute.</p><p>Officials of both governments "
    "confirmed the decision in a joint statement released later that evening.</p></article></body></html>"
)
PARQUET_RECORDS = [
    {
        "id": "p-1",
        "headline": "Russia and Turkey hold talks",
        "published": "2024-02-14",
        "text": "ANKARA — Russia's foreign minister held talks with his Turkish counterpart in Ankara "
        "on Wednesday about grain exports across the Black Sea.",
    },
    {
        "id": "p-2",
        "headline": "Egypt hosts Sudan talks",
        "published": "2024-03-02",
        "text": "CAIRO — Egypt hosted talks between Sudan's army and its rivals on Saturday, "
        "the foreign ministry said.",
    },
]


def _warc(url: str, when: str, html: str) -> bytes:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    http = StatusAndHeaders(
        "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
    )
    writer.write_record(
        writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(html.encode()),
            http_headers=http,
            warc_headers_dict={"WARC-Date": when},
        )
    )
    return buffer.getvalue()


@pytest.fixture(scope="session")
def news_inputs(tmp_path_factory) -> dict:
    """A folder of JSON lines, CSV, text, a WARC and a stray PDF; and a Parquet table of records."""
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    root = tmp_path_factory.mktemp("spark-news")
    folder = root / "news"
    (folder / "crawl").mkdir(parents=True)
    (folder / "news.jsonl").write_text("\n".join(json.dumps(r) for r in NEWS_JSONL) + "\n")
    (folder / "wire.csv").write_text(WIRE_CSV)
    (folder / "india.txt").write_text(NOTE_TXT)
    (folder / "crawl" / "pages.warc.gz").write_bytes(
        _warc("https://news.example/kenya-somalia", "2024-03-01T10:00:00Z", WARC_PAGE)
    )
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 not an article")
    table = root / "records.parquet"
    pq.write_table(pa.Table.from_pylist(PARQUET_RECORDS), table)
    return {"folder": folder, "table": table, "root": root}

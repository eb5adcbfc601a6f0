"""What the executors run, without Spark: the batches Spark's mapInArrow hands them."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
from factories import coded, event

from detente.model import Article
from detente.read import ReadOptions, read_bytes
from detente.spark.executor import code_articles, coded_row, local_origin, read_files, read_records
from detente.spark.layout import READ_SCHEMA, coded_schema
from detente.store import event_id

WIRE = (
    b'{"id": "a-1", "text": "Kenya and Somalia agreed on Friday to restore diplomatic relations.", '
    b'"published": "2024-03-01"}\n'
    b'{"id": "a-2", "title": "empty"}\n'
)


def files_batch(*files: tuple[str, bytes]) -> pa.RecordBatch:
    """Rows as Spark's binaryFile source gives them."""
    return pa.RecordBatch.from_pylist([{"path": p, "content": c} for p, c in files])


def test_a_file_gives_on_an_executor_what_it_gives_to_detente_ingest():
    (batch,) = read_files([files_batch(("file:/data/wire.jsonl", WIRE))], ReadOptions())
    rows = batch.to_pylist()
    article, skipped = list(read_bytes(WIRE, "/data/wire.jsonl"))
    assert rows[0]["id"] == article.id and rows[0]["origin"] == "/data/wire.jsonl:1"
    assert rows[0]["published"] == date(2024, 3, 1) and rows[0]["skipped_reason"] is None
    assert rows[1] == {
        **{k: None for k in READ_SCHEMA.names},
        "origin": "/data/wire.jsonl:2",
        "skipped_reason": skipped.reason,
    }


def test_a_file_detente_cannot_read_is_recorded_with_the_reason():
    (batch,) = read_files([files_batch(("hdfs://nn/news/scan.pdf", b"%PDF-1.4"))], ReadOptions())
    (row,) = batch.to_pylist()
    assert row["origin"] == "hdfs://nn/news/scan.pdf"
    assert row["skipped_reason"].startswith("unsupported file type '.pdf'")


def test_table_rows_are_read_as_records_named_by_their_file_and_id():
    records = pa.RecordBatch.from_pylist(
        [
            {
                "doc_id": "r-7",
                "body": "Egypt hosted talks between Sudan's rivals on Saturday.",
                "pubdate": "2024-03-02",
                "_origin": "file:///data/records.parquet",
            },
            {
                "doc_id": None,
                "body": "Chile and Peru agreed to open a new border crossing.",
                "pubdate": None,
                "_origin": "s3a://bucket/records.parquet",
            },
        ]
    )
    (batch,) = read_records([records], ReadOptions(), "_origin")
    first, second = batch.to_pylist()
    assert (first["origin"], first["record_id"], first["published"]) == (
        "/data/records.parquet#r-7",
        "r-7",
        date(2024, 3, 2),
    )
    assert second["origin"] == "s3a://bucket/records.parquet" and second["published"] is None


def test_local_file_uris_become_paths_and_other_uris_stay():
    assert local_origin("file:/tmp/a.jsonl") == "/tmp/a.jsonl"
    assert local_origin("file:///tmp/a.jsonl") == "/tmp/a.jsonl"
    assert local_origin("s3a://bucket/a.jsonl") == "s3a://bucket/a.jsonl"


def test_an_article_read_twice_is_coded_once_from_its_first_copy():
    text = "North Korea's foreign minister met Russia's foreign minister in Moscow on Thursday."
    copies = [
        Article(text=text, published=date(2019, 3, 17), origin=origin, language="en")
        for origin in ("a.jsonl:1", "b.csv:2")
    ]
    rows = [
        {
            **{k: None for k in READ_SCHEMA.names},
            "id": a.id,
            "text": a.text,
            "published": a.published,
            "origin": a.origin,
            "language": a.language,
        }
        for a in copies
    ]
    batches = list(
        code_articles([pa.RecordBatch.from_pylist(rows, schema=READ_SCHEMA)], coded_schema())
    )
    (row,) = [r for b in batches for r in b.to_pylist()]
    assert row["id"] == copies[0].id and row["origin"] == "a.jsonl:1"
    assert row["event_count"] == len(row["events"]) >= 1


def test_a_coded_row_holds_the_store_rows_of_its_article():
    visit = coded("North Korea's envoy visited Russia.", event("PRK", "RUS"))
    row = coded_row(visit, "v1", None)
    assert row["id"] == visit.article.id and row["pipeline_version"] == "v1"
    assert [e["id"] for e in row["events"]] == [event_id(visit.article.id, visit.events[0])]
    assert row["evidence"][0]["sentence"] == "North Korea's envoy visited Russia."
    assert set(row) == set(coded_schema().names)


OKAFOR = {"name": "Tamsin Okafor", "aliases": ["Okafor"], "country": "GHA", "sector": "GOV",
          "code": "GHAGOV", "origin": "user"}  # fmt: skip
MEETING = "Tamsin Okafor met Kenyan President William Ruto in Nairobi on Tuesday to discuss trade."


def test_the_executors_code_with_the_registry_they_are_given():
    article = Article(text=MEETING, published=date(2024, 3, 5), language="en", origin="m.txt")
    row = {**{k: None for k in READ_SCHEMA.names}, "id": article.id, "text": article.text,
           "published": article.published, "origin": article.origin}  # fmt: skip
    batch = pa.RecordBatch.from_pylist([row], schema=READ_SCHEMA)

    def sources(**registry) -> set[str]:
        (out,) = code_articles([batch], coded_schema(), **registry)
        return {e["source_code"] for r in out.to_pylist() for e in r["events"]}

    assert "GHAGOV" not in sources()
    assert "GHAGOV" in sources(registry=[OKAFOR], registry_key="okafor")
    assert "GHAGOV" not in sources()  # back to the built-in actors

"""The Spark job in local[2]: the same events as the single-machine pipeline, as Parquet."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from detente.model import Article
from detente.pipeline import Pipeline
from detente.read import ReadOptions, read_inputs
from detente.read.records import record_article
from detente.spark import load_output
from detente.store import Store, write_batch
from detente.ties import merge_new_events

pytestmark = [pytest.mark.spark, pytest.mark.slow]


@pytest.fixture(scope="module")
def output(spark, news_inputs, tmp_path_factory) -> Path:
    from detente.spark.job import run_job

    out = tmp_path_factory.mktemp("spark-out") / "run"
    result = run_job(
        spark, [str(news_inputs["folder"]), str(news_inputs["table"])], str(out), partitions=2
    )
    assert result.articles_coded > 0
    return out


@pytest.fixture(scope="module")
def expected(news_inputs):
    """The single machine on the same input: detente's readers, ``Pipeline.code``, the store's rows."""
    items = list(read_inputs([news_inputs["folder"]]))
    table = news_inputs["table"]
    for record in pq.read_table(table).to_pylist():
        items.append(record_article(record, ReadOptions(), f"{table}#{record['id']}"))
    first: dict[str, Article] = {}
    for article in sorted((a for a in items if isinstance(a, Article)), key=lambda a: a.origin):
        first.setdefault(article.id, article)  # read twice: coded once, from the first origin
    pipeline = Pipeline.load()
    store = Store(":memory:")
    write_batch(store, list(pipeline.code(first.values())), pipeline.version)
    yield store
    store.close()


def spark_rows(output: Path, table: str, order: str, exclude: str = "") -> list[dict]:
    rel = duckdb.sql(
        f"SELECT * {exclude} FROM read_parquet('{output}/{table}/**/*.parquet', "
        f"hive_partitioning = false) ORDER BY {order}"
    )
    return [dict(zip(rel.columns, row)) for row in rel.fetchall()]


def store_rows(store: Store, table: str, order: str, exclude: str = "") -> list[dict]:
    return store.query(f"SELECT * {exclude} FROM {table} ORDER BY {order}")


MENTION_ORDER = "article_id, sentence_index, start_char, text"


def test_spark_codes_the_same_events_as_the_single_machine_pipeline(output, expected):
    events = spark_rows(output, "events", "id")
    assert events == store_rows(expected, "events", "id")
    assert {e["source_country"] for e in events} >= {"CHN", "IND", "KEN"}
    assert spark_rows(output, "event_evidence", "event_id") == store_rows(
        expected, "event_evidence", "event_id"
    )
    assert spark_rows(output, "mentions", MENTION_ORDER) == store_rows(
        expected, "mentions", MENTION_ORDER
    )


def test_articles_from_every_kind_of_input_are_coded_once_each(output, expected):
    articles = spark_rows(output, "articles", "id", "EXCLUDE (ingested_at)")
    assert articles == store_rows(expected, "articles", "id", "EXCLUDE (ingested_at)")
    origins = sorted(Path(a["origin"].split("#")[0].split(":")[0]).name for a in articles)
    # The CSV's first row repeats the first JSON line (same text and URL): coded once.
    assert origins == [
        "india.txt",
        "news.jsonl",
        "news.jsonl",
        "news.jsonl",
        "pages.warc.gz",
        "records.parquet",
        "records.parquet",
        "wire.csv",
    ]


def test_events_are_partitioned_by_event_month_else_publication_month(output):
    for folder in (output / "events").glob("event_month=*"):
        month = folder.name.split("=", 1)[1]
        rows = pq.read_table(folder).to_pylist()
        for row in rows:
            when = row["date_start"] or row["published"]
            assert month == (when.strftime("%Y-%m") if when else "unknown")
    assert (output / "events" / "event_month=unknown").is_dir()  # an undated article


def test_the_dyad_tables_add_up_the_asserted_events_between_two_states(output):
    events = spark_rows(output, "events", "id")
    expected: dict[tuple, list] = {}
    for e in events:
        a, b = e["source_country"], e["target_country"]
        when = e["date_start"] or e["published"]
        if e["modality"] != "asserted" or not a or not b or a == b or not when:
            continue
        key = (min(a, b), max(a, b), when.strftime("%Y-%m"))
        expected.setdefault(key, []).append(e)
    dyads = spark_rows(output, "dyads", "country_a, country_b, month")
    assert expected, "the corpus should hold events between states"
    assert [(d["country_a"], d["country_b"], d["month"]) for d in dyads] == sorted(expected)
    for d in dyads:
        group = expected[(d["country_a"], d["country_b"], d["month"])]
        assert d["events"] == len(group)
        assert d["goldstein_sum"] == pytest.approx(sum(e["goldstein"] for e in group))
        assert d["goldstein_mean"] == pytest.approx(d["goldstein_sum"] / len(group))
        assert sum(
            d[q]
            for q in (
                "verbal_cooperation",
                "material_cooperation",
                "verbal_conflict",
                "material_conflict",
            )
        ) == len(group)
    directed = spark_rows(output, "dyads_directed", "source_country, target_country, month")
    assert sum(d["events"] for d in directed) == sum(d["events"] for d in dyads)


def test_the_run_records_its_counts_and_the_inputs_it_skipped(output):
    run = spark_rows(output, "run", "output")[0]
    assert (run["articles_read"], run["articles_coded"], run["duplicates"]) == (9, 8, 1)
    skipped = {Path(s["origin"]).name: s["reason"] for s in spark_rows(output, "skipped", "origin")}
    assert skipped["news.jsonl:3"] == "record has no text field (tried: text, body, content)"
    assert skipped["scan.pdf"].startswith("unsupported file type '.pdf'")
    assert run["skipped"] == len(skipped) == 2


def test_loading_the_output_gives_the_store_that_ingesting_gives(output, expected):
    with Store(":memory:") as store:
        summary = load_output(output, store)
        again = load_output(output, store)
        assert (summary.articles_new, again.articles_new, again.duplicates) == (8, 0, 8)
        assert store_rows(store, "events", "id") == store_rows(expected, "events", "id")
        assert store_rows(store, "mentions", MENTION_ORDER) == store_rows(
            expected, "mentions", MENTION_ORDER
        )
        merged = merge_new_events(expected).new_merged
        assert summary.merged_events == merged == store.scalar("SELECT count(*) FROM merged_events")


def test_an_output_folder_that_holds_a_run_is_not_overwritten_unless_asked(
    spark, output, news_inputs
):
    from detente.errors import InputError
    from detente.spark.job import run_job

    with pytest.raises(InputError, match="already exists.*--overwrite"):
        run_job(spark, [str(news_inputs["folder"])], str(output))


def test_an_input_that_does_not_exist_is_refused_with_the_path(spark, tmp_path):
    from detente.errors import InputError
    from detente.spark.job import run_job

    with pytest.raises(InputError, match="cannot read the inputs.*missing"):
        run_job(spark, [str(tmp_path / "missing" / "news.jsonl")], str(tmp_path / "out"))


def test_a_store_registry_reaches_the_executors(spark, tmp_path):
    from detente.spark.job import run_job

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "meeting.txt").write_text(
        "Title: Talks in Nairobi\nDate: 2024-03-05\n\n"
        "Tamsin Okafor met Kenyan President William Ruto in Nairobi on Tuesday to discuss trade.\n"
    )
    okafor = {"name": "Tamsin Okafor", "aliases": ["Okafor"], "country": "GHA", "sector": "GOV",
              "code": "GHAGOV", "origin": "user"}  # fmt: skip
    out = tmp_path / "out"
    run_job(spark, [str(tmp_path / "in")], str(out), registry_records=[okafor], partitions=1)
    assert "GHAGOV" in {e["source_code"] for e in spark_rows(out, "events", "id")}

"""`detente load`: a Spark output folder into a store, without Spark (DuckDB reads the Parquet)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from factories import coded, event
from typer.testing import CliRunner

from detente.cli import cmd_spark  # noqa: F401  registers `spark` and `load`
from detente.cli._app import app
from detente.errors import InputError
from detente.spark import load_output
from detente.spark.executor import coded_row
from detente.spark.layout import CODED_LISTS, coded_schema, store_schema
from detente.store import Store, event_id
from detente.store.database import utcnow

VERSION = "detente-test/pipeline"
VISIT = coded("North Korea's envoy visited Russia on Thursday.", event("PRK", "RUS"))
SANCTIONS = coded(
    "The United States sanctioned Chinese firms on Thursday.",
    event("USA", "CHN", code="163", start=date(2019, 3, 21)),
    published=date(2019, 3, 22),
)


def write_output(folder: Path, articles) -> Path:
    """The tables of a Spark run, written as the job writes them (events by month)."""
    rows = pa.Table.from_pylist(
        [coded_row(c, VERSION, utcnow()) for c in articles], schema=coded_schema()
    )
    (folder / "articles").mkdir(parents=True)
    pq.write_table(rows.drop_columns(list(CODED_LISTS)), folder / "articles" / "part-00000.parquet")
    for column, table in CODED_LISTS.items():
        items = [item for items in rows.column(column).to_pylist() for item in items]
        if table == "events":
            for month in {(e["date_start"] or e["published"]).strftime("%Y-%m") for e in items}:
                part = folder / "events" / f"event_month={month}"
                part.mkdir(parents=True)
                chosen = [
                    e
                    for e in items
                    if (e["date_start"] or e["published"]).strftime("%Y-%m") == month
                ]
                pq.write_table(
                    pa.Table.from_pylist(chosen, schema=store_schema(table)),
                    part / "part-0.parquet",
                )
        else:
            (folder / table).mkdir()
            pq.write_table(
                pa.Table.from_pylist(items, schema=store_schema(table)),
                folder / table / "part-00000.parquet",
            )
    return folder


def test_loading_stores_the_articles_with_their_events_and_merges_them(tmp_path):
    output = write_output(tmp_path / "run", [VISIT, SANCTIONS])
    with Store(":memory:") as store:
        summary = load_output(output, store)
        assert (summary.articles_read, summary.articles_new, summary.events_stored) == (2, 2, 2)
        assert summary.merged_events == 2 and summary.pipeline_version == VERSION
        stored = {r["id"]: r["code"] for r in store.query("SELECT id, code FROM events")}
        assert stored == {
            event_id(VISIT.article.id, VISIT.events[0]): "042",
            event_id(SANCTIONS.article.id, SANCTIONS.events[0]): "163",
        }
        assert store.scalar("SELECT count(*) FROM event_reports") == 2
        assert store.scalar("SELECT inputs FROM ingest_runs") == [str(output)]


def test_articles_already_in_the_store_are_skipped_with_their_events(tmp_path):
    first = write_output(tmp_path / "first", [VISIT])
    both = write_output(tmp_path / "both", [VISIT, SANCTIONS])
    with Store(":memory:") as store:
        load_output(first, store)
        summary = load_output(both, store)
        assert (summary.articles_new, summary.duplicates, summary.events_stored) == (1, 1, 1)
        assert store.scalar("SELECT count(*) FROM events") == 2


def test_loaded_articles_are_stamped_with_the_time_of_loading_so_the_next_merge_sees_them(tmp_path):
    output = write_output(tmp_path / "run", [VISIT])
    before = utcnow()
    with Store(":memory:") as store:
        load_output(output, store)
        assert store.scalar("SELECT min(ingested_at) FROM articles") >= before


def test_a_folder_that_is_not_a_spark_output_is_refused_with_what_to_give(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    with Store(":memory:") as store:
        with pytest.raises(InputError, match="not the output of `detente spark`"):
            load_output(tmp_path / "elsewhere", store)
        with pytest.raises(InputError, match="no such folder"):
            load_output(tmp_path / "missing", store)


def test_the_load_command_reports_what_it_stored(tmp_path):
    output = write_output(tmp_path / "run", [VISIT, SANCTIONS])
    result = CliRunner().invoke(app, ["load", str(output), "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 0, result.output
    assert "2 articles in" in result.output and "2 new" in result.output
    assert "2 event reports stored" in result.output


def test_the_spark_command_documents_its_inputs_output_and_master():
    result = CliRunner().invoke(app, ["spark", "--help"])
    assert result.exit_code == 0
    for words in ("{inputs}...", "{output}", "--master", "--partitions", "--overwrite"):
        assert words in result.output

"""`detente load`: a Spark output folder into a store, without Spark (DuckDB reads the Parquet)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from factories import coded, event

import detente as detente_package
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


def detente(*args: str) -> subprocess.CompletedProcess:
    """The command line in its own process, with the `spark` and `load` commands registered
    (importing them here would add them to the app every other test sees)."""
    code = "from detente.cli import cmd_spark, main; main()"
    src = str(Path(detente_package.__file__).parents[1])
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")])),
    }
    return subprocess.run(
        [sys.executable, "-c", code, *args], check=False, capture_output=True, text=True, env=env
    )


def test_the_load_command_reports_what_it_stored(tmp_path):
    output = write_output(tmp_path / "run", [VISIT, SANCTIONS])
    result = detente("load", str(output), "--db", str(tmp_path / "s.duckdb"), "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["articles_new"], summary["events_stored"]) == (2, 2)


def test_the_load_command_says_what_is_wrong_with_a_folder_in_one_line(tmp_path):
    result = detente("load", str(tmp_path), "--db", str(tmp_path / "s.duckdb"))
    assert result.returncode == 1
    assert "[D010]" in result.stderr and "not the output of `detente spark`" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_spark_command_documents_its_inputs_output_and_master():
    result = detente("spark", "--help")
    assert result.returncode == 0
    for words in ("--master", "--partitions", "--overwrite", "--input-format", "--db", "gdelt"):
        assert words in result.stdout


def test_the_load_command_stores_staged_provider_files_as_an_import(tmp_path):
    from dataset_outputs import write_staged
    from event_files import GDELT_FILE

    from detente.spark.provider_files import stage_provider_files

    batch = pa.RecordBatch.from_pylist(
        [{"path": f"file:{GDELT_FILE}", "content": GDELT_FILE.read_bytes()}]
    )
    output = write_staged(list(stage_provider_files([batch], "gdelt", "gdelt")), tmp_path / "run")
    pq.write_table(pa.table({"dataset": ["gdelt"], "format": ["gdelt"]}), _run(output))
    db = str(tmp_path / "s.duckdb")
    result = detente("load", str(output), "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["dataset"], summary["stored"], summary["skipped"]) == ("gdelt", 6, 3)
    assert summary["skipped_rows"][0] == {
        "file": str(GDELT_FILE), "line": 6, "reason": "bad date '20190231'"
    }  # fmt: skip
    again = detente("load", str(output), "--db", db)
    assert again.returncode == 0, again.stderr
    assert "0 stored, 6 already stored" in " ".join(again.stdout.split())


def _run(output: Path) -> Path:
    (output / "run").mkdir()
    return output / "run" / "part-0.parquet"


def test_the_registry_of_a_store_is_read_for_the_job(tmp_path):
    from detente.actors import RegistryEntry
    from detente.spark.job import registry_records
    from detente.store.writer import upsert_actors

    okafor = RegistryEntry("Tamsin Okafor", ("Okafor",), "GHA", "GOV", "GHAGOV", origin="user")
    with Store(tmp_path / "s.duckdb") as store, store.transaction() as con:
        upsert_actors(con, [okafor], utcnow())
    (record,) = registry_records(tmp_path / "s.duckdb")
    assert RegistryEntry.from_record(record) == okafor

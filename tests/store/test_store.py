"""The DuckDB store: creation, migrations, refusing foreign files, atomic idempotent writes."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import duckdb
import pytest
from factories import coded, event

from detente.errors import NotAStoreError, StoreError, StoreLockedError
from detente.store import Store, write_batch
from detente.store.migrations import LATEST_VERSION
from detente.store.queries import EventFilter, busiest_dyads, list_events, store_stats

TEXT = "North Korea's vice foreign minister visited Moscow on Thursday, state media said."


def test_a_new_store_is_created_at_the_latest_schema(tmp_path):
    with Store(tmp_path / "new.duckdb") as store:
        assert store.schema_version == LATEST_VERSION
        assert store.scalar("SELECT value FROM detente_meta WHERE key = 'application'") == "detente"


def test_reopening_a_store_keeps_its_data(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        write_batch(store, [coded(TEXT, event("PRK", "RUS"))], "v1")
    with Store(path, read_only=True) as store:
        assert store_stats(store)["articles"] == 1
        assert store_stats(store)["events"] == 1


def test_a_text_file_is_refused_as_not_a_store_and_left_untouched(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("my notes, not a database\n" * 50)
    with pytest.raises(NotAStoreError, match="notes.duckdb is not a DuckDB database"):
        Store(path)
    assert path.read_text().startswith("my notes")


def test_a_foreign_duckdb_database_is_refused(tmp_path):
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE sales (amount INTEGER)")
    con.close()
    with pytest.raises(NotAStoreError, match="not a detente store .*sales"):
        Store(path)


def test_a_store_held_by_another_process_gets_a_clear_error(tmp_path):
    path = tmp_path / "busy.duckdb"
    Store(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,sys,time; c=duckdb.connect({str(path)!r}); print('held', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(
            StoreLockedError, match=r"busy.duckdb is in use by another process \(process \d+"
        ):
            Store(path)
    finally:
        holder.kill()
        holder.wait()


def test_reading_a_missing_store_says_how_to_create_one(tmp_path):
    with pytest.raises(StoreError, match="no such store. Run `detente ingest`"):
        Store(tmp_path / "absent.duckdb", read_only=True)


def test_writing_the_same_article_twice_stores_it_once(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        first = write_batch(store, [coded(TEXT, event("PRK", "RUS"))], "v1")
        second = write_batch(store, [coded(TEXT, event("PRK", "RUS"))], "v1")
        assert (first.new_articles, first.duplicates, first.events) == (1, 0, 1)
        assert (second.new_articles, second.duplicates, second.events) == (0, 1, 0)
        assert store.scalar("SELECT count(*) FROM events") == 1


def test_the_same_text_differently_spaced_is_the_same_article(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        result = write_batch(store, [coded(TEXT), coded(TEXT.replace(" ", "\n  ", 3))], "v1")
        assert (result.new_articles, result.duplicates) == (1, 1)


def test_a_failed_batch_leaves_nothing_behind(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        bad = coded(TEXT, event("PRK", "RUS"))
        # An event row DuckDB refuses (NOT NULL), inserted after the batch's articles.
        object.__setattr__(bad.events[0], "modality", None)
        with pytest.raises(duckdb.Error):
            write_batch(
                store, [coded("Another article about China.", event("CHN", "USA")), bad], "v1"
            )
        assert store.scalar("SELECT count(*) FROM articles") == 0
        assert store.scalar("SELECT count(*) FROM events") == 0


def test_reads_in_other_threads_run_beside_a_write_and_see_the_last_commit(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        write_batch(store, [coded(TEXT, event("PRK", "RUS"))], "v1")

        def count_elsewhere() -> int:
            with ThreadPoolExecutor(1) as pool:  # would wait for the lock if reads took it
                return pool.submit(store.scalar, "SELECT count(*) FROM events").result(10)

        with store.transaction() as con:
            con.execute("DELETE FROM events")
            assert store.scalar("SELECT count(*) FROM events") == 0  # the writer's own view
            assert count_elsewhere() == 1  # the last commit, while the write is open
        assert count_elsewhere() == 0


def test_events_round_trip_with_their_evidence(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        write_batch(store, [coded(TEXT, event("PRK", "RUS", start=date(2019, 3, 14)))], "v1")
        row = store.query("SELECT * FROM events JOIN event_evidence ON id = event_id")[0]
    assert row["source_code"] == "PRKGOV" and row["target_country"] == "RUS"
    assert row["code"] == "042" and row["quad_class"] == 1 and row["modality"] == "asserted"
    assert row["date_start"] == date(2019, 3, 14) and row["date_precision"] == "day"
    assert row["published"] == date(2019, 3, 17) and row["outlet"] == "Test Wire"
    assert (row["trigger_start"], row["trigger_end"]) == (20, 27)
    assert row["sentence"] == "North Korea's envoy visited Russia."


def test_events_filter_by_dyad_in_either_direction_and_by_modality(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        write_batch(
            store,
            [
                coded("a", event("PRK", "RUS")),
                coded("b", event("RUS", "PRK", code="043")),
                coded("c", event("PRK", "USA", code="112", modality="unconfirmed")),
            ],
            "v1",
        )
        assert len(list_events(store, EventFilter(dyad=("RUS", "PRK")))) == 2
        assert [e["code"] for e in list_events(store, EventFilter(modality="unconfirmed"))] == [
            "112"
        ]
        assert busiest_dyads(store)[0] == {
            "country_a": "PRK",
            "country_b": "RUS",
            "events": 2,
            "cooperation": 2,
            "conflict": 0,
            "mean_goldstein": 1.9,
            "first": date(2019, 3, 14),
            "last": date(2019, 3, 14),
        }

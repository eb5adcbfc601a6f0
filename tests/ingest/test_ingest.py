"""`detente ingest` end to end: real readers, the real coder, a real store."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest

from detente.ingest import ingest, publication_date_flag
from detente.pipeline import Pipeline
from detente.store import Store
from detente.store.queries import store_stats

MEETING = (
    "Title: Envoys meet in Moscow\nDate: 2019-03-17\nSource: Test Wire\n\n"
    "North Korea's vice foreign minister met Russian Deputy Foreign Minister Igor Morgulov "
    "in Moscow on Thursday, the ministry said.\n"
)
SANCTIONS = (
    "Title: New sanctions\nDate: 2019-03-22\nSource: Test Wire\n\n"
    "The United States imposed new sanctions on two Chinese shipping companies on Thursday, "
    "accusing them of helping North Korea evade a United Nations embargo.\n"
)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load()


@pytest.fixture
def news(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    (folder / "deeper").mkdir(parents=True)
    (folder / "meeting.txt").write_text(MEETING)
    (folder / "deeper" / "sanctions.txt").write_text(SANCTIONS)
    return folder


def test_a_directory_is_read_recursively_and_its_events_stored(tmp_path, news, pipeline):
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest([news], store, pipeline=pipeline)
        assert (summary.articles_read, summary.articles_new, summary.duplicates) == (2, 2, 0)
        assert summary.events_stored >= 2
        assert store.scalar("SELECT count(*) FROM events") == summary.events_stored
        codes = {
            r["source_country"] + "-" + r["root"]
            for r in store.query(
                "SELECT source_country, root FROM events WHERE source_country IS NOT NULL"
            )
        }
        assert "USA-16" in codes  # sanctions are coded as such


def test_ingesting_the_same_input_twice_stores_it_once_and_says_so(tmp_path, news, pipeline):
    with Store(tmp_path / "s.duckdb") as store:
        first = ingest([news], store, pipeline=pipeline)
        second = ingest([news], store, pipeline=pipeline)
        assert (second.articles_read, second.articles_new, second.duplicates) == (2, 0, 2)
        assert second.events_stored == 0
        assert store_stats(store)["events"] == first.events_stored
        assert store.scalar("SELECT count(*) FROM ingest_runs") == 2


def test_bad_inputs_are_skipped_with_reasons_and_the_rest_goes_on(tmp_path, news, pipeline):
    (news / "empty.txt").write_text("")
    (news / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (news / "records.jsonl").write_text(
        json.dumps({"id": "a1", "text": SANCTIONS.split("\n\n", 1)[1], "published": "2019-03-22"})
        + "\n{not json\n"
    )
    (news / "cut.jsonl.gz").write_bytes(gzip.compress(b'{"text": "x"}\n' * 50)[:-12])
    (news / "french.txt").write_text(
        "Le ministre des affaires etrangeres a rencontre son homologue russe a Moscou jeudi, "
        "selon un communique publie par le ministere."
    )
    missing = tmp_path / "nowhere.html"
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest([news, missing], store, pipeline=pipeline)
    reasons = {Path(s.origin.split(":")[0]).name: s.reason for s in summary.skipped}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "line 2" in reasons["records.jsonl"]
    assert "truncated" in reasons["cut.jsonl.gz"]
    assert "French" in reasons["french.txt"]
    assert "no such file" in reasons["nowhere.html"]
    assert summary.articles_new == 3  # meeting, sanctions, and the good JSONL record


def test_a_publication_date_in_the_future_or_before_1900_is_flagged():
    today = date(2026, 1, 1)
    assert "in the future" in publication_date_flag(date(2027, 5, 1), today)
    assert "before 1900" in publication_date_flag(date(1850, 5, 1), today)
    assert "no publication date" in publication_date_flag(None, today)
    assert publication_date_flag(date(2019, 3, 17), today) is None


@pytest.mark.slow
def test_two_workers_store_exactly_what_one_worker_stores(tmp_path, news):
    for i in range(6):
        (news / f"copy{i}.txt").write_text(MEETING.replace("Thursday", f"Thursday ({i})"))
    results = {}
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.duckdb") as store:
            ingest([news], store, workers=workers, batch_size=2)
            results[workers] = store.query(
                "SELECT id, article_id, code, source_code, target_code, date_start, modality "
                "FROM events ORDER BY id"
            )
    assert results[1] == results[2]
    assert len(results[1]) > 0

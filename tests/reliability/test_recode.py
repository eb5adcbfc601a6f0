"""Re-coding after a pipeline change: events replaced in place, reviews kept or flagged, resumable."""

from __future__ import annotations

from datetime import date

import pytest

from detente.model import Article
from detente.pipeline import Pipeline
from detente.recode import recode
from detente.store import Store, write_batch
from detente.ties import merge_new_events
from detente.web.review import review_event

VISIT = Article(
    text="Russia's foreign minister visited North Korea on Thursday, officials said.",
    published=date(2019, 3, 17),
    source="Test Wire",
    origin="visit.txt",
)
SANCTIONS = Article(
    text="The United States imposed new sanctions on North Korea on Monday.",
    published=date(2019, 3, 20),
    source="Test Wire",
    origin="sanctions.txt",
)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load()


def stored_by_an_old_pipeline(path, pipeline) -> Store:
    """A store whose articles carry the current coding but an older pipeline version."""
    store = Store(path)
    write_batch(store, list(pipeline.code([VISIT, SANCTIONS])), "detente-0.0.1/old")
    merge_new_events(store)
    return store


def events(store) -> list[tuple]:
    return [
        tuple(r.values())
        for r in store.query(
            "SELECT id, article_id, code, source_country, target_country, pipeline_version FROM events ORDER BY id"
        )
    ]


def test_recode_replaces_each_articles_events_and_stamps_the_new_version(tmp_path, pipeline):
    store = stored_by_an_old_pipeline(tmp_path / "s.duckdb", pipeline)
    before = events(store)
    summary = recode(store, pipeline=pipeline)
    after = events(store)
    assert summary.articles == 2
    assert [e[:5] for e in after] == [e[:5] for e in before]  # the same coding, ids unchanged
    assert {e[5] for e in after} == {pipeline.version}
    assert (
        store.scalar(
            "SELECT count(*) FROM articles WHERE pipeline_version <> ?", [pipeline.version]
        )
        == 0
    )
    assert store.scalar("SELECT count(*) FROM merge_queue") == 0
    assert recode(store, pipeline=pipeline).articles == 0  # nothing left: a rerun is a no-op
    store.close()


def test_a_review_stays_attached_when_its_event_is_found_again(tmp_path, pipeline):
    store = stored_by_an_old_pipeline(tmp_path / "s.duckdb", pipeline)
    merged = store.scalar("SELECT id FROM merged_events WHERE root = '16'")
    review_event(store, merged, "confirm", "rita")
    summary = recode(store, pipeline=pipeline)
    assert summary.reviews_flagged == 0
    assert store.scalar("SELECT count(*) FROM merged_events WHERE id = ?", [merged]) == 1
    assert (
        store.scalar("SELECT review_status FROM reviewed_merged_events WHERE id = ?", [merged])
        == "confirmed"
    )
    store.close()


def test_a_review_whose_event_is_gone_is_flagged_not_lost(tmp_path, pipeline):
    store = stored_by_an_old_pipeline(tmp_path / "s.duckdb", pipeline)
    merged = store.scalar("SELECT id FROM merged_events WHERE root = '16'")
    review_event(store, merged, "reject", "rita")
    # the old coding had an event the current pipeline does not produce: make its report differ
    with store.transaction() as con:
        con.execute(
            "UPDATE event_merge SET event_id = 'gone-' || event_id, merged_id = 'gone-' || merged_id "
            "WHERE merged_id = ?",
            [merged],
        )
        con.execute("UPDATE events SET id = 'gone-' || id WHERE id = ?", [merged])
        con.execute("UPDATE merged_events SET id = 'gone-' || id WHERE id = ?", [merged])
        con.execute(
            "UPDATE event_reviews SET merged_id = 'gone-' || merged_id WHERE merged_id = ?",
            [merged],
        )
    summary = recode(store, pipeline=pipeline)
    assert summary.reviews_flagged == 1
    flag = store.query("SELECT merged_id, reason FROM review_flags")[0]
    assert flag["merged_id"] == "gone-" + merged and "re-coding removed" in flag["reason"]
    assert store.scalar("SELECT count(*) FROM event_reviews") == 1  # the review itself is kept
    store.close()


class StopsAfter:
    """The real pipeline, interrupted (like a killed process) after ``n`` batches."""

    def __init__(self, pipeline: Pipeline, n: int) -> None:
        self.pipeline, self.left = pipeline, n
        self.version = pipeline.version

    def code(self, articles, batch_size=32):
        if self.left == 0:
            raise KeyboardInterrupt
        self.left -= 1
        return self.pipeline.code(articles, batch_size=batch_size)


def test_an_interrupted_recode_resumes_to_the_same_store(tmp_path, pipeline):
    reference = stored_by_an_old_pipeline(tmp_path / "ref.duckdb", pipeline)
    recode(reference, pipeline=pipeline, batch_size=1)
    store = stored_by_an_old_pipeline(tmp_path / "s.duckdb", pipeline)
    with pytest.raises(KeyboardInterrupt):
        recode(store, pipeline=StopsAfter(pipeline, 1), batch_size=1)
    assert (
        store.scalar("SELECT count(*) FROM articles WHERE pipeline_version = ?", [pipeline.version])
        == 1
    )
    recode(store, pipeline=pipeline, batch_size=1)
    assert events(store) == events(reference)
    merged = "SELECT id, code, report_count FROM merged_events ORDER BY id"
    assert store.query(merged) == reference.query(merged)
    store.close()
    reference.close()

"""``detente recode``: code stored articles again when the pipeline has changed.

Articles whose ``pipeline_version`` differs from the current pipeline's are re-coded
in batches. Each batch is one transaction: the articles' old event reports, evidence
and mentions are replaced by the new ones, the merged events that held any old report
are dissolved, and every report they held (the new ones and other articles' reports
alike) is queued to be merged again. Merging then rebuilds them; a merged event is
named after its first report, so an event the new coder still finds comes back under
the same id and its review stays attached. A review whose event is gone is flagged in
``review_flags`` for a person to look at, never silently dropped.

Resumable: an article is re-coded in the same transaction that stamps its new version,
so a run stopped at any point goes on where it stopped; queued reports are merged by
the next merge (this run's, or the next ingest's).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .model import Article, CodedArticle
from .pipeline import Pipeline
from .registry_store import load_registry
from .store import Store, tie_events
from .store.database import utcnow
from .store.writer import insert_rows, rows_for
from .ties import merge_new_events

log = logging.getLogger(__name__)


@dataclass
class RecodeSummary:
    articles: int = 0
    events_before: int = 0
    events_after: int = 0
    merged_dissolved: int = 0
    reviews_flagged: int = 0
    seconds: float = 0.0
    pipeline_version: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "seconds": round(self.seconds, 2)}


def stale_articles(store: Store, version: str, limit: int) -> list[Article]:
    """Up to ``limit`` stored articles coded by another pipeline version, oldest id first."""
    rows = store.query(
        "SELECT text, title, url, source, published, language, origin, record_id FROM articles "
        "WHERE pipeline_version <> ? ORDER BY id LIMIT ?",
        [version, limit],
    )
    return [Article(**row) for row in rows]


def recode(
    store: Store,
    *,
    pipeline: Pipeline | None = None,
    model: str | None = None,
    batch_size: int = 64,
    on_progress: Callable[[RecodeSummary], None] | None = None,
) -> RecodeSummary:
    """Re-code every article the current pipeline did not code; see the module docstring."""
    started = time.perf_counter()
    pipeline = pipeline or Pipeline.load(model, registry=load_registry(store))
    summary = RecodeSummary(pipeline_version=pipeline.version)
    while batch := stale_articles(store, pipeline.version, batch_size):
        coded = list(pipeline.code(batch, batch_size=batch_size))
        replace_coding(store, coded, pipeline.version, summary)
        merge_new_events(store)
        summary.articles += len(batch)
        summary.seconds = time.perf_counter() - started
        if on_progress:
            on_progress(summary)
    summary.reviews_flagged += flag_orphaned_reviews(store)
    summary.seconds = time.perf_counter() - started
    return summary


def replace_coding(
    store: Store, coded: list[CodedArticle], version: str, summary: RecodeSummary
) -> None:
    """Swap the articles' old reports for new ones and queue what must be merged again."""
    ids = [c.article.id for c in coded]
    tables = rows_for(coded, version, utcnow())
    with store.transaction() as con:
        summary.events_before += _count(
            con, "SELECT count(*) FROM events WHERE list_contains(?, article_id)", [ids]
        )
        dissolved = [
            r[0]
            for r in con.execute(
                "SELECT DISTINCT m.merged_id FROM event_merge m JOIN events e ON e.id = m.event_id "
                "WHERE list_contains(?, e.article_id)",
                [ids],
            ).fetchall()
        ]
        summary.merged_dissolved += len(dissolved)
        con.execute(
            """
            INSERT OR IGNORE INTO merge_queue
            SELECT event_id FROM event_merge
            WHERE list_contains(?, merged_id)
              AND event_id NOT IN (SELECT id FROM events WHERE list_contains(?, article_id))
            """,
            [dissolved, ids],
        )
        con.execute("DELETE FROM event_merge WHERE list_contains(?, merged_id)", [dissolved])
        con.execute("DELETE FROM merged_events WHERE list_contains(?, id)", [dissolved])
        tie_events.refresh(con, dissolved)
        for table in ("event_evidence", "mentions", "events"):
            con.execute(f"DELETE FROM {table} WHERE list_contains(?, article_id)", [ids])
        for name in ("events", "event_evidence", "mentions"):
            insert_rows(con, name, tables[name])
        con.execute(
            "INSERT OR IGNORE INTO merge_queue SELECT id FROM events WHERE list_contains(?, article_id)",
            [ids],
        )
        for row in tables["articles"]:
            con.execute(
                "UPDATE articles SET pipeline_version = ?, event_count = ?, warnings = ? WHERE id = ?",
                [version, row["event_count"], row["warnings"], row["id"]],
            )
        summary.events_after += len(tables["events"])


def flag_orphaned_reviews(store: Store) -> int:
    """Flag every review whose merged event no longer exists; returns how many are new flags."""
    with store.transaction() as con:
        before = _count(con, "SELECT count(*) FROM review_flags")
        con.execute(
            """
            INSERT OR IGNORE INTO review_flags
            SELECT r.merged_id, 're-coding removed the event this review was about', ?
            FROM event_reviews r LEFT JOIN merged_events m ON m.id = r.merged_id
            WHERE m.id IS NULL
            """,
            [utcnow()],
        )
        con.execute("DELETE FROM review_flags WHERE merged_id IN (SELECT id FROM merged_events)")
        return _count(con, "SELECT count(*) FROM review_flags") - before


def _count(con, sql: str, params: list[Any] | None = None) -> int:
    (count,) = con.execute(sql, params or []).fetchone() or (0,)
    return int(count)

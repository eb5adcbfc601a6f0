"""``detente ingest``: read → code → store, streaming in batches.

Memory stays flat whatever the corpus size: inputs are read lazily, a batch of
articles is coded and written in one transaction, then dropped. Articles already
in the store are recognised by their id before they are parsed, so re-ingesting
costs little and stores nothing twice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from .model import Article, Skipped
from .parallel import ParallelCoder
from .pipeline import Pipeline, batched
from .read import ReadOptions, read_inputs
from .registry_store import load_registry
from .store import Store, write_batch
from .store.database import utcnow
from .store.writer import not_yet_stored
from .ties import merge_new_events

log = logging.getLogger(__name__)

EARLIEST_PLAUSIBLE = date(1900, 1, 1)


@dataclass
class IngestSummary:
    """What one ingest run did; printed by the CLI and recorded in ``ingest_runs``."""

    inputs: list[str]
    articles_read: int = 0
    articles_new: int = 0
    duplicates: int = 0
    events_stored: int = 0
    merged_events: int = 0
    """New merged events (one happening, many reports) created by this run."""
    skipped: list[Skipped] = field(default_factory=list)
    date_flags: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    pipeline_version: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "inputs": self.inputs,
            "articles_read": self.articles_read,
            "articles_new": self.articles_new,
            "duplicates": self.duplicates,
            "events_stored": self.events_stored,
            "merged_events": self.merged_events,
            "skipped": [{"origin": s.origin, "reason": s.reason} for s in self.skipped],
            "date_flags": self.date_flags,
            "warnings": self.warnings,
            "seconds": round(self.seconds, 2),
            "pipeline_version": self.pipeline_version,
        }


ProgressCallback = Callable[[IngestSummary], None]


def ingest(
    paths: Sequence[str | Path],
    store: Store,
    *,
    pipeline: Pipeline | None = None,
    model: str | None = None,
    read_options: ReadOptions | None = None,
    batch_size: int = 64,
    workers: int = 1,
    on_progress: ProgressCallback | None = None,
    today: date | None = None,
) -> IngestSummary:
    """Read every input, code the new articles and store them with their events.

    With ``workers > 1`` the coding runs in that many processes; the result is the
    same as with one. People learned from articles are stored for later runs but not
    fed back into this one, so the outcome never depends on the order of coding.
    """
    started = time.perf_counter()
    summary = IngestSummary(inputs=[str(p) for p in paths])
    read_options = read_options or ReadOptions()
    today = today or date.today()

    def progress() -> None:
        summary.seconds = time.perf_counter() - started
        if on_progress:
            on_progress(summary)

    fresh_batches = _fresh_batches(paths, store, read_options, batch_size, summary, today, progress)
    for version, coded in _coded_batches(
        fresh_batches, store, pipeline, model, workers, batch_size
    ):
        summary.pipeline_version = version
        for item in coded:
            summary.warnings.extend(f"{item.article.origin}: {w}" for w in item.warnings)
        learned = [entry for item in coded for entry in item.learned]
        result = write_batch(store, coded, version, learned)
        summary.merged_events += merge_new_events(store).new_merged if result.events else 0
        summary.articles_new += result.new_articles
        summary.duplicates += result.duplicates
        summary.events_stored += result.events
        progress()
    progress()
    _record_run(store, summary)
    return summary


def _fresh_batches(
    paths,
    store: Store,
    options: ReadOptions,
    batch_size: int,
    summary: IngestSummary,
    today: date,
    progress,
) -> Iterator[list[Article]]:
    """Batches of articles not yet in the store, read lazily."""
    for chunk in batched(read_inputs(paths, options), batch_size):
        fresh = _not_yet_stored(store, _sort_out(chunk, summary, today), summary)
        progress()
        if fresh:
            yield fresh


def _coded_batches(
    batches: Iterator[list[Article]],
    store: Store,
    pipeline: Pipeline | None,
    model: str | None,
    workers: int,
    batch_size: int,
):
    """(pipeline version, coded batch) pairs, in process or in a pool of workers."""
    registry = load_registry(store)
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None)
    if pipeline is not None or workers <= 1 or second is None:
        # One batch is not worth starting a pool for.
        pipeline = pipeline or Pipeline.load(model, registry=registry)
        for batch in _chain(first, second, batches):
            yield pipeline.version, list(pipeline.code(batch, batch_size=batch_size))
        return
    coder = ParallelCoder(workers, model, registry.to_records())
    try:
        yield from coder.code_batches(_chain(first, second, batches))
    except BaseException:
        coder.terminate()
        raise
    coder.close()


def _chain(first, second, rest) -> Iterator:
    yield first
    if second is not None:
        yield second
    yield from rest


def _sort_out(chunk: list[Article | Skipped], summary: IngestSummary, today: date) -> list[Article]:
    articles = []
    for item in chunk:
        if isinstance(item, Skipped):
            summary.skipped.append(item)
            continue
        summary.articles_read += 1
        flag = publication_date_flag(item.published, today)
        if flag:
            summary.date_flags.append(f"{item.origin}: {flag}")
        articles.append(item)
    return articles


def publication_date_flag(published: date | None, today: date) -> str | None:
    """Why a publication date deserves a second look, or None when it looks right."""
    if published is None:
        return 'no publication date: relative dates in it ("Thursday", "last week") stay unknown'
    if published > today:
        return f"published {published.isoformat()} is in the future"
    if published < EARLIEST_PLAUSIBLE:
        return f"published {published.isoformat()} is before 1900"
    return None


def _not_yet_stored(store: Store, articles: list[Article], summary: IngestSummary) -> list[Article]:
    fresh = not_yet_stored(store, articles, lambda article: article.id)
    summary.duplicates += len(articles) - len(fresh)
    return fresh


def _record_run(store: Store, summary: IngestSummary) -> None:
    with store.transaction() as con:
        (next_id,) = con.execute("SELECT coalesce(max(id), 0) + 1 FROM ingest_runs").fetchone() or (
            1,
        )
        finished = utcnow()
        con.execute(
            "INSERT INTO ingest_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                next_id,
                finished - timedelta(seconds=summary.seconds),
                finished,
                summary.inputs,
                summary.articles_read,
                summary.articles_new,
                summary.duplicates,
                len(summary.skipped),
                summary.events_stored,
                summary.pipeline_version,
            ],
        )

"""Articles submitted over HTTP: coded with the pipeline and written by the server's store.

The server is the store's single writer, so submissions go through it rather than through a
second ``detente ingest`` process. The spaCy pipeline is loaded once, on the first submission.
"""

from __future__ import annotations

import threading
from typing import Any

from ..model import Article
from ..pipeline import Pipeline
from ..registry_store import load_registry
from ..store import Store, write_batch
from ..ties import merge_new_events

_load_lock = threading.Lock()


def pipeline_for(app: Any, store: Store) -> Pipeline:
    """The app's pipeline, loaded on first use (``app.state.pipeline`` may be preset)."""
    with _load_lock:
        if app.state.pipeline is None:
            app.state.pipeline = Pipeline.load(registry=load_registry(store))
        return app.state.pipeline


def submit_articles(app: Any, store: Store, items: list[dict[str, Any]]) -> dict[str, Any]:
    """Code and store submitted articles; returns their ids and what was stored."""
    articles = [
        Article(
            text=i["text"],
            title=i.get("title"),
            url=i.get("url"),
            source=i.get("source"),
            published=i.get("published"),
            origin="web",
        )
        for i in items
    ]
    pipeline = pipeline_for(app, store)
    coded = list(pipeline.code(articles))
    result = write_batch(store, coded, pipeline.version, [e for c in coded for e in c.learned])
    merged = merge_new_events(store) if result.events else None
    return {
        "articles": [
            {"id": c.article.id, "events": len(c.events), "warnings": c.warnings} for c in coded
        ],
        "new_articles": result.new_articles,
        "duplicates": result.duplicates,
        "events_stored": result.events,
        "new_merged_events": merged.new_merged if merged else 0,
    }

"""Articles submitted over HTTP: coded with the pipeline and written by the server's store.

The server is the store's single writer, so submissions go through it rather than through a
second ``detente ingest`` process. Submitted articles are coded in one process of the
server's own (:class:`~detente.parallel.CodingProcess`), started on the first submission:
parsing costs from a tenth of a second of CPU (a short story) to seconds per article, and in
the server's process it would hold the interpreter's lock that the answers to reads need. Submissions queue for it one batch at a
time; the server then writes and merges what it coded. The folder watcher codes with
:func:`pipeline_for`, loaded once in the server's process.
"""

from __future__ import annotations

import threading
from typing import Any

from ..model import Article
from ..parallel import CodingProcess
from ..pipeline import Pipeline
from ..registry_store import load_registry
from ..store import Store, write_batch
from ..ties import merge_new_events
from ..ties.series import DETENTE
from .app import EVERYTHING, Written

_load_lock = threading.Lock()


def pipeline_for(app: Any, store: Store) -> Pipeline:
    """The app's pipeline, loaded on first use (``app.state.pipeline`` may be preset)."""
    with _load_lock:
        if app.state.pipeline is None:
            app.state.pipeline = Pipeline.load(registry=load_registry(store))
        return app.state.pipeline


def coder_for(app: Any, store: Store) -> CodingProcess:
    """The app's process coding submissions, started on first use (and again when the last
    one stopped), with the store's actor registry as it is then: what is learned from
    articles is stored for later runs, never fed back, as in ``detente ingest``."""
    with _load_lock:
        if app.state.coder is None or app.state.coder.stopped:
            app.state.coder = CodingProcess(None, load_registry(store).to_records())
        return app.state.coder


def submit_articles(
    app: Any, store: Store, items: list[dict[str, Any]]
) -> tuple[dict[str, Any], Written | None]:
    """Code and store submitted articles: their ids and what was stored, and what the write
    changed (for the read cache; :data:`~.app.EVERYTHING` when the merge cannot say)."""
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
    version, coded = coder_for(app, store).code(articles)
    result = write_batch(store, coded, version, [e for c in coded for e in c.learned])
    merged = merge_new_events(store) if result.events else None
    if merged is None:
        written: Written | None = Written(DETENTE, frozenset())
    elif merged.countries is None:
        written = EVERYTHING
    else:
        written = Written(DETENTE, merged.countries)
    answer = {
        "articles": [
            {"id": c.article.id, "events": len(c.events), "warnings": c.warnings} for c in coded
        ],
        "new_articles": result.new_articles,
        "duplicates": result.duplicates,
        "events_stored": result.events,
        "new_merged_events": merged.new_merged if merged else 0,
    }
    return answer, written

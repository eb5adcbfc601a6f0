"""The Python API: the same work as the CLI, returning records and DataFrames."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

import pandas as pd

from .ingest import IngestSummary
from .ingest import ingest as _ingest
from .model import Article, CodedArticle
from .pipeline import Pipeline
from .read import ReadOptions
from .store import Store
from .store.queries import EventFilter, list_events, store_stats


def code_text(
    text: str,
    published: date | None = None,
    *,
    title: str | None = None,
    source: str | None = None,
    model: str | None = None,
) -> CodedArticle:
    """Code one article's text (no store): its events with actors, codes, modality and dates."""
    article = Article(text=text, title=title, source=source, published=published, origin="<text>")
    return Pipeline.load(model).code_one(article)


def code_articles(
    articles: Iterable[Article], model: str | None = None, batch_size: int = 32
) -> Iterable[CodedArticle]:
    """Code many articles lazily, in batches, in input order."""
    return Pipeline.load(model).code(articles, batch_size=batch_size)


def ingest(
    paths: Sequence[str | Path],
    db: str | Path | None = None,
    *,
    model: str | None = None,
    published: date | None = None,
    source: str | None = None,
) -> IngestSummary:
    """Read, code and store news files, directories or globs into the store at ``db``."""
    with Store(db) as store:
        return _ingest(
            paths, store, model=model, read_options=ReadOptions(published=published, source=source)
        )


def events(
    db: str | Path | None = None, *, limit: int | None = None, sort: str = "event_date", **filters
) -> pd.DataFrame:
    """Stored events as a DataFrame; ``filters`` are the fields of ``EventFilter``."""
    with Store(db, read_only=True) as store:
        return pd.DataFrame(list_events(store, EventFilter(**filters), sort=sort, limit=limit))


def stats(db: str | Path | None = None) -> dict:
    """Size and coverage of a store."""
    with Store(db, read_only=True) as store:
        return store_stats(store)

"""Shared fixtures for the actor resolver's specifications: the real spaCy model, real sentences."""

from __future__ import annotations

from datetime import date

import pytest

from detente.model import Article


@pytest.fixture(scope="session")
def nlp():
    from detente.errors import ModelError
    from detente.nlp import load_model

    try:
        return load_model()
    except ModelError as exc:  # pragma: no cover - the model is a declared dependency
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def resolver():
    from detente.actors import ActorResolver

    return ActorResolver()


@pytest.fixture(scope="session")
def read_article(nlp, resolver):
    """Parse ``text`` as an article published on ``published``; returns (doc, ArticleActors)."""

    def run(text: str, published: date | None = date(2019, 3, 1), using=None):
        doc = nlp(text)
        article = Article(text=text, published=published)
        return doc, (using or resolver).for_article(doc, article)

    return run


@pytest.fixture(scope="session")
def phrase():
    """``phrase(doc, text, occurrence=1)``: the span of that appearance of ``text`` in ``doc``."""

    def find(doc, text: str, occurrence: int = 1):
        start = -1
        for _ in range(occurrence):
            start = doc.text.index(text, start + 1)
        span = doc.char_span(start, start + len(text), alignment_mode="expand")
        assert span is not None, text
        return span

    return find

"""detente: political event data from raw news, and the ties between states.

    >>> import detente
    >>> coded = detente.code_text("Russia's foreign minister met his Chinese counterpart in Beijing on Monday.",
    ...                           published=datetime.date(2019, 4, 3))
    >>> [e.code for e in coded.events]

The names below are the public API; everything else is internal.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "CodedArticle",
    "DetenteError",
    "Event",
    "EventDate",
    "EventFilter",
    "IngestSummary",
    "Location",
    "Pipeline",
    "ReadOptions",
    "Store",
    "__version__",
    "code_articles",
    "code_text",
    "events",
    "ingest",
    "read_inputs",
    "stats",
]

# Where each public name lives; imported on first use so that `import detente`
# (and `detente --help`) stays fast and does not load spaCy.
_LOCATIONS = {
    "Actor": "model",
    "Article": "model",
    "CodedArticle": "model",
    "Event": "model",
    "EventDate": "model",
    "Location": "model",
    "DetenteError": "errors",
    "EventFilter": "store.queries",
    "IngestSummary": "ingest",
    "Pipeline": "pipeline",
    "ReadOptions": "read",
    "read_inputs": "read",
    "Store": "store",
    "code_articles": "api",
    "code_text": "api",
    "events": "api",
    "ingest": "api",
    "stats": "api",
}


def __getattr__(name: str) -> Any:
    if name in _LOCATIONS:
        import importlib

        module = importlib.import_module(f".{_LOCATIONS[name]}", __name__)
        return getattr(module, name)
    raise AttributeError(f"module 'detente' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)

"""The NLP pipeline: parse articles with spaCy, then run detente's stages over each.

A stage is any object with a ``name``, a ``version`` and a ``__call__(doc, coded)``
that adds to or refines ``coded.events`` / ``coded.mentions``. The default stages
are the event coder (``events``) and the event dater (``when``); ``Pipeline`` only
batches, parses and isolates failures, so a new stage plugs in without touching it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Protocol

from . import __version__
from .model import Article, CodedArticle
from .nlp import DEFAULT_MODEL, load_model

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .actors.registry import ActorRegistry

log = logging.getLogger(__name__)


class Stage(Protocol):
    name: str
    version: str

    def __call__(self, doc: Doc, coded: CodedArticle) -> None: ...


def default_stages(registry: ActorRegistry | None = None) -> list[Stage]:
    """The event coder then the event dater."""
    from .events.coder import EventCoder
    from .when.dater import EventDater

    return [EventCoder(registry=registry), EventDater()]


def batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class Pipeline:
    """Parse and code articles in batches; one bad article never stops a batch."""

    def __init__(self, nlp: Language, stages: Sequence[Stage], model_name: str = DEFAULT_MODEL):
        self.nlp = nlp
        self.stages = list(stages)
        self.model_name = model_name

    @classmethod
    def load(cls, model: str | None = None, registry: ActorRegistry | None = None) -> Pipeline:
        name = model or DEFAULT_MODEL
        return cls(load_model(name), default_stages(registry), model_name=name)

    @property
    def version(self) -> str:
        """Identifies what coded an event: detente, the spaCy model and every stage."""
        model = f"{self.nlp.meta.get('name', self.model_name)}-{self.nlp.meta.get('version', '?')}"
        stages = ",".join(f"{s.name}-{s.version}" for s in self.stages)
        return f"detente-{__version__}/{model}/{stages}"

    def code(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[CodedArticle]:
        """Yield each article coded, in input order."""
        for batch in batched(articles, batch_size):
            yield from self._code_batch(batch, batch_size)

    def code_one(self, article: Article) -> CodedArticle:
        return next(self._code_batch([article], 1))

    def _code_batch(self, batch: list[Article], batch_size: int) -> Iterator[CodedArticle]:
        limit = self.nlp.max_length
        parseable = [a for a in batch if len(a.text) <= limit]
        docs = iter(self.nlp.pipe((a.text for a in parseable), batch_size=batch_size))
        for article in batch:
            coded = CodedArticle(article)
            if len(article.text) > limit:
                coded.warnings.append(
                    f"text of {len(article.text):,} characters is longer than the parser's "
                    f"limit of {limit:,}; not coded"
                )
                yield coded
                continue
            doc = next(docs)
            self._run_stages(doc, coded)
            yield coded

    def _run_stages(self, doc: Doc, coded: CodedArticle) -> None:
        for stage in self.stages:
            try:
                stage(doc, coded)
            except Exception as exc:  # one bad document must not stop the batch
                log.warning(
                    "stage %s failed on %s", stage.name, coded.article.origin, exc_info=True
                )
                coded.warnings.append(f"stage {stage.name} failed: {type(exc).__name__}: {exc}")

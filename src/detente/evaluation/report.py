"""Running a coder over a gold file and gathering every score into one report."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..model import Article, CodedArticle, Event
from .events import EventScores
from .gold import GoldDocument, load_gold
from .penta import PentaScores
from .spans import SpanScores, score_spans

log = logging.getLogger(__name__)


class Coder(Protocol):
    """What ``evaluate_*`` needs of a pipeline: :class:`detente.pipeline.Pipeline` fits."""

    def code(self, articles: Iterable[Article]) -> Iterator[CodedArticle]: ...


@dataclass
class EvalReport:
    """Scores of one gold file; a section is ``None`` when the file has no such documents."""

    gold: str
    documents: int
    coder: str | None = None
    seconds: float = 0.0
    events: EventScores | None = None
    penta: PentaScores | None = None
    spans: SpanScores | None = None
    warnings: list[str] = field(default_factory=list)
    """Pipeline warnings, as ``id: warning``."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "gold": self.gold,
            "documents": self.documents,
            "coder": self.coder,
            "seconds": round(self.seconds, 2),
            "warnings": list(self.warnings),
        }
        for name in ("events", "penta", "spans"):
            section = getattr(self, name)
            if section is not None:
                out[name] = section.to_dict()
        return out

    def renderables(self) -> list[Any]:
        """Rich tables for a terminal (see :mod:`detente.evaluation.render`)."""
        from .render import report_renderables

        return report_renderables(self)

    def to_text(self, width: int = 100) -> str:
        """The same tables as plain text, for logs and files."""
        from .render import report_text

        return report_text(self, width=width)


def sample_documents(
    documents: Sequence[GoldDocument], size: int | None, seed: int = 0
) -> list[GoldDocument]:
    """A reproducible random sample of ``size`` documents, kept in file order."""
    if size is None or size >= len(documents):
        return list(documents)
    chosen = sorted(random.Random(seed).sample(range(len(documents)), size))
    return [documents[i] for i in chosen]


def gold_article(doc: GoldDocument, origin: str = "") -> Article:
    return Article(
        text=doc.text, published=doc.published, origin=origin or doc.id, record_id=doc.id
    )


def in_focus(events: Sequence[Event], focus: tuple[int, int] | None) -> list[Event]:
    """The events whose evidence sentence overlaps the gold's focus (all without one)."""
    if focus is None:
        return list(events)
    start, end = focus
    return [e for e in events if e.span[0] < end and e.span[1] > start]


def evaluate_documents(
    documents: Sequence[GoldDocument], coder: Coder, gold: str = ""
) -> EvalReport:
    """Code each gold document's text with ``coder`` and score what it found."""
    started = time.perf_counter()
    events = EventScores() if any(d.events is not None for d in documents) else None
    penta = PentaScores() if any(d.penta is not None for d in documents) else None
    span_items: list[tuple] = []
    warnings: list[str] = []
    articles = (gold_article(d, f"{gold}:{d.line}" if gold else d.id) for d in documents)
    coded_all = coder.code(articles)
    for doc, coded in zip(documents, coded_all, strict=True):
        warnings.extend(f"{doc.id}: {w}" for w in coded.warnings)
        if events is not None and doc.events is not None:
            events.add(doc.id, doc.events, in_focus(coded.events, doc.focus), doc.forbidden)
        if penta is not None and doc.penta is not None:
            penta.add(doc.penta, coded.events)
        if doc.tags is not None and doc.token_spans is not None:
            span_items.append((doc.tags, doc.token_spans, coded.events))
    spans: SpanScores | None = score_spans(span_items) if span_items else None
    elapsed = time.perf_counter() - started
    log.info("scored %d gold documents in %.1fs", len(documents), elapsed)
    return EvalReport(
        gold=gold,
        documents=len(documents),
        coder=getattr(coder, "version", None),
        seconds=elapsed,
        events=events,
        penta=penta,
        spans=spans,
        warnings=warnings,
    )


def evaluate_file(
    path: str | Path, pipeline: Coder, sample: int | None = None, seed: int = 0
) -> EvalReport:
    """Score ``pipeline`` on a gold file (all of it, or a seeded sample of ``sample`` documents)."""
    documents = sample_documents(load_gold(path), sample, seed)
    return evaluate_documents(documents, pipeline, gold=str(path))

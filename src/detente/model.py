"""The records that flow through detente: articles in, coded events out.

These are plain frozen dataclasses so that every stage (readers, coder, dater,
store, exports, web) shares one vocabulary. ``to_dict`` gives the stable JSON
form printed by ``detente code --json`` and documented in the README.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

MODALITIES = ("asserted", "negated", "hypothetical", "future", "unconfirmed")
PRECISIONS = ("day", "week", "month", "year", "unknown")

_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """The form of an article's text that its identity is computed from.

    Unicode NFKC, collapsed whitespace and lower case: the same story saved twice
    with different line breaks or non-breaking spaces is the same article.
    """
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def article_id_for(text: str, url: str | None) -> str:
    """Identity of an article: its normalised text, and its URL when it has one."""
    key = normalise_text(text) + "\n" + (url or "").strip()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


@dataclass(frozen=True)
class Article:
    """One news article as read from an input, before coding."""

    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: date | None = None
    language: str | None = None
    origin: str = ""
    """Where it came from: a path, with ``:line`` or ``#record`` for multi-record files."""
    record_id: str | None = None
    """The ``id`` field of a JSONL/CSV record, echoed back by ``detente code``."""

    @property
    def id(self) -> str:
        return article_id_for(self.text, self.url)

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    def with_overrides(self, published: date | None = None, source: str | None = None) -> Article:
        """Apply ``--published`` / ``--source``: they override what the input said."""
        changes: dict[str, Any] = {}
        if published is not None:
            changes["published"] = published
        if source is not None:
            changes["source"] = source
        return replace(self, **changes) if changes else self

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "record_id": self.record_id,
            "url": self.url,
            "title": self.title,
            "source": self.source,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "origin": self.origin,
        }


@dataclass(frozen=True)
class Skipped:
    """An input (or one record of it) that produced no article, and why."""

    origin: str
    reason: str


@dataclass(frozen=True)
class Actor:
    """A participant in an event, resolved as far as the text allows.

    ``code`` is the CAMEO-style actor code: country (ISO 3166 alpha-3, or an IGO's
    code such as ``NATO``) followed by a sector (``PRKGOV``, ``RUSLEG``, ``USAMIL``).
    An actor whose country is unknown keeps its sector alone (``GOV``) or is empty.
    """

    text: str
    code: str = ""
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    title: str | None = None
    span: tuple[int, int] | None = None
    """Character offsets of ``text`` in the article."""
    country_inferred: bool = False
    """The country is a guess from the article's context (a place in the clause, the
    dateline, the article's main country), not named by the phrase ("a government convoy")."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
            "name": self.name,
            "title": self.title,
            "span": list(self.span) if self.span else None,
        }


@dataclass(frozen=True)
class Location:
    text: str
    country: str | None = None
    span: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "country": self.country,
            "span": list(self.span) if self.span else None,
        }


@dataclass(frozen=True)
class EventDate:
    """When an event happened: a range and how precisely we know it.

    ``precision == "unknown"`` means nothing in the text dates the event; start
    and end are then ``None`` — the publication date is kept on the article and
    never passed off as the event date.
    """

    start: date | None = None
    end: date | None = None
    precision: str = "unknown"
    text: str | None = None
    """The temporal expression it was resolved from."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "precision": self.precision,
            "text": self.text,
        }


UNKNOWN_DATE = EventDate()
_Day = date  # Event has a field named ``date``; this keeps the type reachable in its body


@dataclass(frozen=True)
class Event:
    """One political event reported by one sentence of one article."""

    source: Actor
    target: Actor | None
    code: str
    root: str
    name: str
    plover: str | None
    plover_mode: str | None
    quad_class: int
    goldstein: float
    modality: str
    sentence: str
    sentence_index: int
    span: tuple[int, int]
    """Character offsets of the sentence in the article text."""
    trigger: str
    trigger_span: tuple[int, int]
    confidence: float
    location: Location | None = None
    date: EventDate = UNKNOWN_DATE
    reported_by: Actor | None = None
    report_date: _Day | None = None
    report_lag_days: int | None = None
    extras: dict[str, Any] = field(default_factory=dict, compare=False)
    """Stage-specific details (for debugging); not stored, not in the JSON schema."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "code": self.code,
            "root": self.root,
            "name": self.name,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "modality": self.modality,
            "location": self.location.to_dict() if self.location else None,
            "date": self.date.to_dict(),
            "reported_by": self.reported_by.to_dict() if self.reported_by else None,
            "report_date": self.report_date.isoformat() if self.report_date else None,
            "report_lag_days": self.report_lag_days,
            "sentence": self.sentence,
            "sentence_index": self.sentence_index,
            "span": list(self.span),
            "trigger": self.trigger,
            "trigger_span": list(self.trigger_span),
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True)
class Mention:
    """An actor mentioned in an article (whether or not it takes part in an event)."""

    actor: Actor
    sentence_index: int


@dataclass
class CodedArticle:
    """An article with what the pipeline found in it."""

    article: Article
    events: list[Event] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    learned: list[Any] = field(default_factory=list)
    """Registry entries (``detente.actors.RegistryEntry``) learned from this article."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "events": [e.to_dict() for e in self.events],
            "warnings": list(self.warnings),
        }

"""Small hand-made articles and events for store and query tests."""

from __future__ import annotations

from datetime import date

from detente.model import Actor, Article, CodedArticle, Event, EventDate

COUNTRY_TEXT = {"PRK": "North Korea", "RUS": "Russia", "USA": "the United States", "CHN": "China"}


def article(
    text: str,
    published: date | None = date(2019, 3, 17),
    url: str | None = None,
    source: str = "Test Wire",
) -> Article:
    return Article(
        text=text,
        title=text[:30],
        url=url,
        source=source,
        published=published,
        language="en",
        origin="test",
    )


def event(
    source: str,
    target: str | None,
    code: str = "042",
    start: date | None = date(2019, 3, 14),
    modality: str = "asserted",
    sentence: str = "North Korea's envoy visited Russia.",
    trigger_at: int = 20,
) -> Event:
    root = code[:2]
    quad = 1 if root <= "05" else 2 if root <= "09" else 3 if root <= "14" else 4
    return Event(
        source=Actor(
            text=COUNTRY_TEXT.get(source, source),
            code=source + "GOV",
            country=source,
            sector="GOV",
            span=(0, 5),
        ),
        target=Actor(
            text=COUNTRY_TEXT.get(target, target), code=target, country=target, span=(30, 36)
        )
        if target
        else None,
        code=code,
        root=root,
        name="Make a visit",
        plover="CONSULT",
        plover_mode="visit",
        quad_class=quad,
        goldstein=1.9,
        modality=modality,
        sentence=sentence,
        sentence_index=0,
        span=(0, len(sentence)),
        trigger="visited",
        trigger_span=(trigger_at, trigger_at + 7),
        confidence=0.8,
        date=EventDate(start, start, "day", "Thursday") if start else EventDate(),
    )


def coded(text: str, *events: Event, **kwargs) -> CodedArticle:
    return CodedArticle(article(text, **kwargs), list(events))


def dyads(coded: CodedArticle) -> set[tuple[str | None, str | None, str]]:
    """(source country, target country, code) of each coded event."""
    return {
        (e.source.country, e.target.country if e.target else None, e.code) for e in coded.events
    }

"""The ``when`` stage: the date of each coded event, its report date and report lag.

For each event the coder found, the dater looks for the time expression that
governs its trigger, nearest scope first:

1. *clause* — an expression attached to the trigger itself, then to a verb of its
   xcomp/conj chain ("agreed to meet Monday", "arrived Monday and met ...");
2. *sentence* — one attached to a non-reporting verb above or below the trigger,
   or to no verb at all (headlines, fragments);
3. *paragraph* — the latest date resolved in an earlier sentence of the same
   paragraph (the time the narrative has established).

An expression attached to a reporting verb above the trigger ("KCNA reported
Sunday that ...") dates the report, not the event: it gives ``report_date``.
Every expression is resolved once, in text order, in the tense of the clause it
modifies, so that "four days later" follows the date named just before it.

``report_lag_days`` is (report date, else publication date) − event start, set
only when the event date has day precision; a negative lag is an event announced
ahead. An event dated after the publication date whose modality was "asserted"
becomes "future". Nothing dates an event → ``UNKNOWN_DATE``, never the
publication date.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..model import UNKNOWN_DATE, CodedArticle, Event, EventDate
from . import syntax
from .expressions import TimeExpression, find_expressions
from .resolve import resolve

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)

_PARAGRAPH_BREAK = re.compile(r"\n\s*")
_NOT_EVENT_DATES = frozenset({"duration", "since"})
_VERBAL = frozenset({"VERB", "AUX"})


@dataclass(frozen=True)
class Anchored:
    """A time expression found in the article, with where it attaches and what it means."""

    expr: TimeExpression
    span: Span
    host: Token
    tense: str
    date: EventDate | None
    paragraph: int


@dataclass(frozen=True)
class ArticleTimes:
    """The time expressions of one article, and what they are read against."""

    anchor: date | None
    found: list[Anchored]
    paragraph_breaks: list[int]

    def paragraph_of(self, char: int) -> int:
        return bisect.bisect_right(self.paragraph_breaks, char)


@dataclass(frozen=True)
class DateChoice:
    date: EventDate
    source: str | None
    """"clause", "sentence", "paragraph", or ``None`` when nothing dates the event."""
    expression: Anchored | None = None


class EventDater:
    """Pipeline stage: dates every event in ``coded.events`` (see the module docstring)."""

    name = "when"
    version = "1"

    def __call__(self, doc: Doc, coded: CodedArticle) -> None:
        if not coded.events:
            return
        anchor = publication_day(coded)
        times = anchor_expressions(doc, anchor, _trigger_offsets(doc, coded.events))
        coded.events[:] = [date_event(doc, event, times) for event in coded.events]


def publication_day(coded: CodedArticle) -> date | None:
    """The article's publication day, or ``None`` (with a warning) when it is not a date."""
    published = coded.article.published
    if isinstance(published, datetime):
        return published.date()
    if published is None or isinstance(published, date):
        return published
    coded.warnings.append(
        f"publication date {published!r} is not a date; relative event dates left unknown"
    )
    return None


def _trigger_offsets(doc: Doc, events: list[Event]) -> set[int]:
    offsets = set()
    for event in events:
        trigger = trigger_token(doc, event)
        if trigger is not None:
            offsets.add(trigger.i)
    return offsets


def trigger_token(doc: Doc, event: Event) -> Token | None:
    start, end = event.trigger_span
    if not 0 <= start < end <= len(doc.text):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def anchor_expressions(doc: Doc, anchor: date | None, triggers: set[int]) -> ArticleTimes:
    """Every time expression in ``doc``, attached and resolved, in text order."""
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(doc.text)]
    anchored: list[Anchored] = []
    previous: EventDate | None = None
    for expr in _with_entities(doc, find_expressions(doc.text)):
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        host = syntax.host_of(span, triggers)
        tense = syntax.tense_of(host)
        resolved = None
        if expr.kind != "duration":
            duration = _duration_in(span.sent, anchored, expr)
            resolved = resolve(expr, anchor, tense, previous, duration)
        if resolved is not None and expr.kind not in _NOT_EVENT_DATES:
            previous = resolved
        paragraph = bisect.bisect_right(breaks, expr.start)
        anchored.append(Anchored(expr, span, host, tense, resolved, paragraph))
    return ArticleTimes(anchor, anchored, breaks)


def _with_entities(doc: Doc, found: list[TimeExpression]) -> list[TimeExpression]:
    """Add spaCy DATE entities the scanner missed, as ``other`` expressions for dateparser."""
    extra = [
        TimeExpression(ent.text, ent.start_char, ent.end_char, "other")
        for ent in doc.ents
        if ent.label_ == "DATE"
        and all(ent.end_char <= e.start or ent.start_char >= e.end for e in found)
    ]
    return sorted([*found, *extra], key=lambda e: e.start) if extra else found


def _duration_in(sent: Span, anchored: list[Anchored], expr: TimeExpression) -> int | None:
    if expr.kind != "until":
        return None
    for a in reversed(anchored):
        if a.span.sent != sent:
            break
        if a.expr.kind == "duration":
            return a.expr.amount
    return None


def date_event(doc: Doc, event: Event, times: ArticleTimes) -> Event:
    """``event`` with its date, report date, report lag and (future) modality."""
    trigger = trigger_token(doc, event)
    if trigger is None:
        extras = {**event.extras, "date_reason": "trigger span does not fall on the text"}
        return replace(event, date=UNKNOWN_DATE, extras=extras)
    reporter = syntax.reporting_verb_over(trigger)
    choice = choose_date(trigger, times)
    report_date = _report_date(reporter, times.found)
    anchor = times.anchor
    lag = None
    base = report_date or anchor
    if choice.date.precision == "day" and base is not None and choice.date.start is not None:
        lag = (base - choice.date.start).days
    modality = event.modality
    if modality == "asserted" and anchor and choice.date.start and choice.date.start > anchor:
        modality = "future"
    extras = {**event.extras, "date_source": choice.source, "tense": syntax.tense_of(trigger)}
    return replace(
        event, date=choice.date, report_date=report_date, report_lag_days=lag,
        modality=modality, extras=extras,
    )  # fmt: skip


def choose_date(trigger: Token, times: ArticleTimes) -> DateChoice:
    """The governing expression's date: clause first, then sentence, then paragraph."""
    sent = trigger.sent
    in_sentence = [a for a in times.found if a.span.sent == sent and a.expr.kind != "duration"]
    reporters = {t for t in trigger.ancestors if syntax.is_reporting(t)}
    chain = syntax.clause_chain(trigger) - reporters
    above, below = set(trigger.ancestors), set(trigger.subtree)
    scopes = (
        ("clause", [a for a in in_sentence if a.host == trigger]),
        ("clause", [a for a in in_sentence if a.host in chain]),
        ("sentence", [a for a in in_sentence if a.host not in reporters
                      and (a.host in above or a.host in below or a.host.pos_ not in _VERBAL)]),
    )  # fmt: skip
    for source, candidates in scopes:
        if candidates:
            nearest = min(candidates, key=lambda a: abs(a.span.root.i - trigger.i))
            if nearest.date is None:  # governed by an expression we cannot resolve
                return DateChoice(UNKNOWN_DATE, None, nearest)
            return DateChoice(nearest.date, source, nearest)
    paragraph = times.paragraph_of(sent.start_char)
    earlier = [
        a for a in times.found
        if a.date is not None and a.span.end_char <= sent.start_char
        and a.paragraph == paragraph and a.expr.kind not in _NOT_EVENT_DATES
    ]  # fmt: skip
    if earlier:
        return DateChoice(earlier[-1].date, "paragraph", earlier[-1])  # type: ignore[arg-type]
    return DateChoice(UNKNOWN_DATE, None)


def _report_date(reporter: Token | None, found: list[Anchored]) -> date | None:
    """The day the reporting verb's own expression names, when it names one day."""
    if reporter is None:
        return None
    own = [a for a in found if a.host == reporter and a.date is not None]
    if not own:
        return None
    nearest = min(own, key=lambda a: abs(a.span.root.i - reporter.i))
    assert nearest.date is not None
    return nearest.date.start if nearest.date.precision == "day" else None

"""The ``when`` stage: the date of each coded event, its report date and report lag.

For each event the coder found, the dater looks for the time expression that
governs its trigger, nearest scope first:

1. *clause* — an expression attached to the trigger itself, then to a verb of its
   xcomp/conj chain ("agreed to meet Monday", "arrived Monday and met ...");
2. *sentence* — one attached to a verb the trigger's clause depends on, up to a
   clause boundary (a relative clause, a complement clause: "who met ... Monday",
   "denied that ..." keep their own times), or to no verb at all (headlines);
3. *paragraph* — the latest date resolved in one of the two sentences before, in
   the same paragraph (the time the narrative has established), for a past or
   future clause whose tense agrees with it (see :func:`_established_date`).

An expression attached to the reporting verb whose content the event is ("KCNA
reported Sunday that ...", "..., the ministry said Friday") dates the report, not
the event: it gives ``report_date``, and it never becomes a paragraph's
established time — except when the event is the speaker's own saying (a verbal act
whose source is the reporting verb's subject: "Kim said Tuesday he was ready to
meet": the offer was made Tuesday). A wire dateline ("SEOUL, May 5 -") dates the
dispatch and never an event. ``reported_by`` is the coder's and is left as it is.
Every expression is resolved once, in text order, in the tense of the clause it
modifies, so that "four days later" follows the date named just before it.

``report_lag_days`` is (report date, else publication date) − event start, set
only when the event date has day precision; a negative lag is an event announced
ahead. An event dated after the publication date whose modality was "asserted"
becomes "future" — unless its code is itself an announcement (an intent, appeal,
demand or threat, see ``data/events/modality.tsv``), which is dated by its saying. Nothing dates an event → ``UNKNOWN_DATE``, never the
publication date.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from ..events.modality import announces
from ..model import UNKNOWN_DATE, CodedArticle, Event, EventDate
from ..nlp import doc_text
from . import syntax
from .expressions import TimeExpression, find_expressions
from .resolve import resolve

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)

_PARAGRAPH_BREAK = re.compile(r"\n\s*")
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Za-z .'\-]{1,40}(?:,\s*[A-Z][A-Za-z .'\-]{1,30})?,\s+"  # PLACE[, REGION],
    r"[^\n]{3,40}?"  # the date ("March 27", "Jan. 15")
    r"(?:\s*\([^)\n]{1,40}\))?\s*[-\u2013\u2014]+\s"  # (Agency) -
)
VERBAL_ROOTS = frozenset({"01", "02", "03", "05", "10", "11", "12", "13"})
"""Roots whose event is a saying: "X said Tuesday that it was ready to meet" happened Tuesday."""
_NOT_EVENT_DATES = frozenset({"duration", "since"})
ESTABLISHED_WINDOW = 2
"""How many sentences back a paragraph's established time carries (articles often have
no paragraph breaks at all)."""
REPORT_RECENCY = timedelta(days=31)
"""A saying inherits the narrative's time only if that time is this recent before publication."""
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
    sentence: int
    """Character offset where the expression's sentence starts."""


@dataclass(frozen=True)
class ArticleTimes:
    """The time expressions of one article, and what they are read against."""

    anchor: date | None
    found: list[Anchored]
    paragraph_breaks: list[int]
    sentence_starts: list[int]
    triggers: frozenset[int] = frozenset()
    """Token indexes of the article's event triggers: a time on one of them is its own."""

    def paragraph_of(self, char: int) -> int:
        return bisect.bisect_right(self.paragraph_breaks, char)

    def sentence_number(self, char: int) -> int:
        return bisect.bisect_right(self.sentence_starts, char)


@dataclass(frozen=True)
class DateChoice:
    date: EventDate
    source: str | None
    """"clause", "sentence", "paragraph", "speech" (a saying dated by its reporting verb),
    or ``None`` when nothing dates the event."""
    expression: Anchored | None = None


class EventDater:
    """Pipeline stage: dates every event in ``coded.events`` (see the module docstring)."""

    name = "when"
    version = "8"

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
    text_length = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0  # doc.text re-joins
    if not 0 <= start < end <= text_length:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def anchor_expressions(doc: Doc, anchor: date | None, triggers: set[int]) -> ArticleTimes:
    """Every time expression in ``doc``, attached and resolved, in text order."""
    text = doc_text(doc)
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
    anchored: list[Anchored] = []
    previous: EventDate | None = None
    dateline = dateline_end(text)
    for expr in _with_entities(doc, find_expressions(text)):
        if expr.end <= dateline:
            continue  # "SEOUL, May 5 -" dates the dispatch, not what it reports
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is None or not len(span) or syntax.part_of_a_name(span):
            continue  # "the Women's March" is no time
        host = syntax.host_of(span, triggers)
        tense = syntax.tense_of(host)
        sentence = span.root.sent.start_char
        resolved = None
        if expr.kind != "duration":
            duration = _duration_in(sentence, anchored, expr)
            resolved = resolve(expr, anchor, tense, previous, duration)
        if resolved is not None and expr.kind not in _NOT_EVENT_DATES:
            previous = resolved
        paragraph = bisect.bisect_right(breaks, expr.start)
        anchored.append(Anchored(expr, span, host, tense, resolved, paragraph, sentence))
    starts = [s.start_char for s in doc.sents]
    return ArticleTimes(anchor, anchored, breaks, starts, frozenset(triggers))


def dateline_end(text: str) -> int:
    """Where a wire-style dateline ("PYONGYANG, March 27 (Agency) -") ends, or 0."""
    match = _DATELINE.match(text)
    return match.end() if match else 0


# "a second day of talks", "the third week": which day of something, not a day in time.
_ORDINAL_COUNT = re.compile(
    r"^(?:(?:the|a|an|its|their|his|her)\s+)?(?:\w+-)?(?:first|second|third|fourth|fifth|sixth|"
    r"seventh|eighth|ninth|tenth|last|final|\d+(?:st|nd|rd|th))\s+"
    r"(?:straight\s+|consecutive\s+)?(?:day|night|week|month|year|round|session)s?$",
    re.IGNORECASE,
)


def _with_entities(doc: Doc, found: list[TimeExpression]) -> list[TimeExpression]:
    """Add spaCy DATE entities the scanner missed, as ``other`` expressions for dateparser;
    not ordinal counts ("a second day of talks"), which date nothing."""
    extra = [
        TimeExpression(ent.text, ent.start_char, ent.end_char, "other")
        for ent in doc.ents
        if ent.label_ == "DATE"
        and not _ORDINAL_COUNT.match(ent.text)
        and all(ent.end_char <= e.start or ent.start_char >= e.end for e in found)
    ]
    return sorted([*found, *extra], key=lambda e: e.start) if extra else found


def _duration_in(sentence: int, anchored: list[Anchored], expr: TimeExpression) -> int | None:
    """The length given earlier in the sentence for an open range ("a six-day visit ... through")."""
    if expr.kind != "until":
        return None
    for a in reversed(anchored):
        if a.sentence != sentence:
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
    tense = syntax.tense_of(trigger)
    choice = _the_day_after_its_eve(trigger, choose_date(trigger, times))
    if (
        choice.source is None
        and reporter is not None
        and (_speaker_says_it(event, reporter) or tense == "present")
    ):
        # the speaker's own act is dated by the saying; so is what they say holds now ("North
        # Korea is considering suspending talks, Choe told reporters on Friday")
        choice = _speech_date(reporter, times.found) or choice
    anchor = times.anchor
    announced = announces(event.code)
    if announced and anchor and choice.date.start and choice.date.start > anchor:
        # "Russia will send wheat in the coming months, the embassy said on Tuesday": the
        # intent (0333) was announced Tuesday; the months ahead are the aid's
        speech = _speech_date(reporter, times.found) if reporter is not None else None
        choice = speech or DateChoice(UNKNOWN_DATE, None)
    report_date = _report_date(reporter, times.found)
    lag = None
    base = report_date or anchor
    if choice.date.precision == "day" and base is not None and choice.date.start is not None:
        lag = (base - choice.date.start).days
    modality = event.modality
    if (
        modality == "asserted"
        and not announced
        and anchor
        and choice.date.start
        and choice.date.start > anchor
    ):
        modality = "future"
    extras = {**event.extras, "date_source": choice.source, "tense": tense}
    return replace(
        event, date=choice.date, report_date=report_date, report_lag_days=lag,
        modality=modality, extras=extras,
    )  # fmt: skip


def choose_date(trigger: Token, times: ArticleTimes) -> DateChoice:
    """The governing expression's date: clause first, then sentence, then paragraph."""
    sentence = trigger.sent.start_char
    in_sentence = [
        a
        for a in times.found
        if a.sentence == sentence
        and a.expr.kind != "duration"
        and (a.host == trigger or not syntax.dates_its_subject_state(a.span, a.host))
    ]  # not "Thursday marks 100 days since the arrest"
    chain = syntax.clause_chain(trigger)
    ranked_governors = syntax.governing_verbs(trigger)
    governors = set(ranked_governors)
    scopes = (
        ("clause", [a for a in in_sentence if a.host == trigger]),
        ("clause", [a for a in in_sentence if a.host in chain and not syntax.is_reporting(a.host)]),
        ("sentence", [a for a in in_sentence if a.host in governors or _sets_the_scene(a, times)]),
        ("clause", [a for a in in_sentence if a.host in _sisters_of_same_tense(trigger)]),
        ("clause", [a for a in in_sentence if syntax.occasion_of(a.host, chain | {trigger})]),
    )
    rank = {verb.i: n for n, verb in enumerate(ranked_governors)}
    for source, candidates in scopes:
        if candidates:
            # the nearest governing verb first (its own clause before the main one), then
            # the nearest expression in the text
            nearest = min(
                candidates,
                key=lambda a: (rank.get(a.host.i, 0), abs(a.span.root.i - trigger.i)),
            )
            if nearest.date is None:  # governed by an expression we cannot resolve
                return DateChoice(UNKNOWN_DATE, None, nearest)
            return DateChoice(nearest.date, source, nearest)
    if any(a.date is not None for a in in_sentence):
        return DateChoice(UNKNOWN_DATE, None)  # the sentence sets its own times, not this one's
    return _established_date(trigger, times)


def _the_day_after_its_eve(trigger: Token, choice: DateChoice) -> DateChoice:
    """ "Kim arrived on Wednesday, on the eve of his summit with Putin": the summit is on
    Thursday, the day after the one the clause names."""
    found = choice.expression
    date = choice.date
    if (
        not syntax.on_the_eve_of(trigger)
        or found is None
        or found.host.i == trigger.i
        or date.precision != "day"
        or date.start is None
    ):
        return choice
    after = date.start + timedelta(days=1)
    return replace(choice, date=replace(date, start=after, end=after))


def _sets_the_scene(found: Anchored, times: ArticleTimes) -> bool:
    """A time on a word that is neither a verb nor another event's trigger dates the
    sentence ("Kim, on Monday, ..."); "next week's summit" dates only the summit."""
    return (
        found.host.pos_ not in _VERBAL
        and found.host.i not in times.triggers
        and not syntax.describes_a_thing(found.span)  # "over a December incident"
    )


def _sisters_of_same_tense(trigger: Token) -> set[Token]:
    """The clause coordinated before the trigger's, when both tell of the past or both of
    the future: its time is this clause's too."""
    tense = syntax.tense_of(trigger)
    if tense not in ("past", "future"):
        return set()
    return {v for v in syntax.coordinated_clauses(trigger) if syntax.tense_of(v) == tense}


def _established_date(trigger: Token, times: ArticleTimes) -> DateChoice:
    """The time the narrative has established, when the trigger's tense agrees with it.

    The latest date named within the ``ESTABLISHED_WINDOW`` sentences before the
    trigger's, in its paragraph; a year alone does not establish a time. Only a past
    clause (for a date on or before publication) or a future one (for a date not yet
    over) inherits it: present-tense sentences in news are background ("the city
    stands at ...", "officials say ...").
    """
    tense, anchor = syntax.tense_of(trigger), times.anchor
    if tense not in ("past", "future"):
        return DateChoice(UNKNOWN_DATE, None)
    sentence = trigger.sent.start_char
    paragraph, number = times.paragraph_of(sentence), times.sentence_number(sentence)
    earlier = [
        a for a in times.found
        if a.date is not None and a.sentence < sentence and a.paragraph == paragraph
        and number - times.sentence_number(a.sentence) <= ESTABLISHED_WINDOW
        and a.expr.kind not in _NOT_EVENT_DATES and not syntax.is_reporting(a.host)
    ]  # fmt: skip
    if not earlier:
        return DateChoice(UNKNOWN_DATE, None)
    established = earlier[-1].date
    assert established is not None and established.start and established.end
    if established.precision == "year" or (
        anchor is not None
        and (
            (tense == "future" and established.end < anchor)
            or (tense == "past" and established.start > anchor)
            # "ISIL captured Raqqa in March 2013. Erdogan said ...": what is said in the
            # news was said lately, not in the history just told
            or (syntax.is_reporting(trigger) and established.end < anchor - REPORT_RECENCY)
        )
    ):
        return DateChoice(UNKNOWN_DATE, None)
    return DateChoice(established, "paragraph", earlier[-1])


def _speaker_says_it(event: Event, reporter: Token) -> bool:
    """Whether the event is the reporting verb's own saying: a verbal act whose source is
    the speaker ("Kim said ... he was ready to meet Trump": the offer is the saying)."""
    if event.root not in VERBAL_ROOTS or event.source.span is None:
        return False
    start, end = event.source.span
    for child in reporter.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            subject = child.subtree
            first = next(subject)
            last = first
            for last in subject:
                pass
            if first.idx < end and start < last.idx + len(last.text):
                return True
    return False


def _speech_date(reporter: Token, found: list[Anchored]) -> DateChoice | None:
    """The date the speaker's own expression gives their statement."""
    own = [a for a in found if a.host == reporter and a.date is not None]
    if not own:
        return None
    nearest = min(own, key=lambda a: abs(a.span.root.i - reporter.i))
    assert nearest.date is not None
    return DateChoice(nearest.date, "speech", nearest)


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

"""The event coder: the pipeline stage that turns a parsed article into CAMEO/PLOVER events.

For each sentence, :mod:`detente.events.extract` finds event candidates in the parse; this
stage resolves their participants, place and reporter with the article's actor resolver
(:mod:`detente.actors`), drops what is not an event between actors (a source nobody can
name, one country acting on itself where that means nothing), and writes
:class:`detente.model.Event` records with the sentence as evidence.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from itertools import permutations
from typing import TYPE_CHECKING, Any

from ..actors.lexicon import default_lexicon
from ..model import Actor, CodedArticle, Event, Location
from .extract import Candidate
from .furniture import is_furniture, linked_headlines
from .lexicon import Lexicon, load_lexicon
from .modality import reported_modality
from .ontology import CameoCode, lookup
from .participants import (
    ArticleActorsLike,
    at_home,
    char_span,
    choose_target,
    done_to_a_place,
    earlier_doer,
    participant,
    place_as_target,
    placed,
    state_at,
    target_actor,
)
from .relevance import private_article, relevant_events
from .sentence import extract_sentence
from .syntax import place_below
from .targets import PLACE_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from ..actors.registry import ActorRegistry

log = logging.getLogger(__name__)


class EventCoder:
    """A :class:`detente.pipeline.Stage`: adds every event an article reports."""

    name = "events"
    version = "13"

    def __init__(self, registry: ActorRegistry | None = None, resolver: Any | None = None) -> None:
        """``resolver`` is an object with ``for_article(doc, article)``; by default the
        actor resolver of :mod:`detente.actors` over ``registry``."""
        if resolver is None:
            from ..actors import ActorResolver

            resolver = ActorResolver(registry)
        self.resolver = resolver
        digest = getattr(resolver, "dictionary_digest", None)
        if digest:
            # coding with the user's own dictionaries is another coding: recode redoes it
            self.version = f"{type(self).version}+dict.{digest}"
        self.lexicon: Lexicon = load_lexicon()
        default_lexicon()  # load the country names now, not inside the first article

    def __call__(self, doc: Doc, coded: CodedArticle) -> None:
        actors = self.resolver.for_article(doc, coded.article)
        private = private_article(doc, [m.actor for m in actors.mentions()])
        for index, sent in enumerate(doc.sents):
            if is_furniture(sent):
                continue
            links = linked_headlines(sent)
            events: list[Event] = []
            for candidate in extract_sentence(sent, self.lexicon):
                if any(candidate.head.i in headline for headline in links):
                    continue  # "READ MORE: Turkey deports journalist": another story
                events += events_for(candidate, sent, index, actors, coded.events)
            events = aimed_at_the_struck(events)
            coded.events.extend(relevant_events(events, sent, actors, private))
        coded.mentions.extend(actors.mentions())
        coded.learned.extend(actors.learned())


def _recipient_place(
    candidate: Candidate, location: Location | None, actors: ArticleActorsLike
) -> Actor | None:
    """The place an act of aid or of yielding that names no recipient was done in: where
    it happened, else a town or country named under its trigger outside its doers."""
    if not done_to_a_place(candidate.code):
        return None  # before the search below: most events are not
    found = place_as_target(location, candidate.code)
    if found is not None or location is not None or not candidate.tokens:
        return found
    doers = {t.i for span in candidate.sources for t in span}
    place = place_below(candidate.tokens[0], doers)
    return place_as_target(actors.resolve_place(place), candidate.code) if place else None


def _pairs(
    candidate: Candidate, sources: list[Actor], targets: list[Actor]
) -> list[tuple[Actor, Actor | None]]:
    if candidate.reciprocal_pair:
        return list(permutations(sources, 2))
    sides: list[Actor | None] = list(targets) if targets else [None]
    return [(s, t) for s in sources for t in sides]


# Claiming responsibility (015) and the acts of force a claim is for (18-20).
_CLAIM = "015"
_FORCE_ROOTS = frozenset({"18", "19", "20"})


def aimed_at_the_struck(events: list[Event]) -> list[Event]:
    """ "IS claimed responsibility for the bombings that killed 300 people in Sri Lanka": a
    claim names a deed, not whom it is aimed at; it is aimed at whom the sentence's act of
    force struck, and that act's doer, where the text names none ("the bombings"), is the
    one who claims it."""
    claimant = next((e.source for e in events if e.code == _CLAIM and e.source.code), None)
    if claimant is not None:
        events = [
            replace(e, source=claimant) if e.root in _FORCE_ROOTS and not e.source.code else e
            for e in events
        ]
    struck = next(
        (
            e.target
            for e in events
            if e.root in _FORCE_ROOTS and e.target is not None and e.target.country
        ),
        None,
    )
    if struck is None:
        return events
    return [
        replace(e, target=struck)
        if e.code == _CLAIM and (e.target is None or not e.target.country)
        else e
        for e in events
    ]


_TALKING = frozenset({"speak", "talk"})


def _to_the_media(candidate: Candidate, target: Actor | None) -> bool:
    """ "Told TASS", "told Belgian media", "speaking to CNN": the outlet carries what was
    said; it is not whom the event is about, and talking to it is no meeting."""
    if target is None or target.sector != "MED":
        return False
    talking = candidate.trigger.lemma in _TALKING and candidate.code.startswith("04")
    return candidate.trigger.speech or candidate.code == "010" or talking


def _keep_pair(source: Actor, target: Actor | None, candidate: Candidate) -> bool:
    if target is None:
        return True
    if (
        source.span
        and target.span
        and source.span[0] < target.span[1]
        and target.span[0] < source.span[1]
    ):
        return False  # one phrase on both sides
    guessed = source.country_inferred or target.country_inferred
    if (
        source.country
        and source.country == target.country
        and not candidate.trigger.domestic
        and not guessed  # a country from the article's context does not make them one
    ):
        # one state acting on itself means nothing ("Russia praised Russia"), but its
        # government, rebels and opposition act on each other
        return source.sector != target.sector
    return True


def confidence(candidate: Candidate, source: Actor, target: Actor | None) -> float:
    """How much to trust one coded event, from what its evidence shows."""
    score = 0.35
    score += _country_evidence(source, 0.2, 0.05, -0.1)
    if target is not None:
        score += _country_evidence(target, 0.15, 0.03, -0.05)
    if candidate.object_matched or candidate.wrapped_by is not None:
        score += 0.1
    if candidate.target_guessed:
        score -= 0.1
    if candidate.trigger.pos == "verb":
        score += 0.05
    if candidate.trigger.weak:
        score -= 0.1
    if candidate.modality != "asserted":
        score -= 0.05
    return max(0.05, min(0.95, score))


def _country_evidence(actor: Actor, named: float, coded: float, none: float) -> float:
    """What an actor's country adds to an event's confidence: a country guessed from the
    article's context ("a government convoy" in an article about Sudan) half as much."""
    if actor.country:
        return named / 2 if actor.country_inferred else named
    return coded if actor.code else none


def _trigger_span(candidate: Candidate, doc: Doc) -> Span:
    tokens = sorted(candidate.tokens, key=lambda t: t.i)
    if tokens[-1].i - tokens[0].i > 6:
        return doc[candidate.head.i : candidate.head.i + 1]
    return doc[tokens[0].i : tokens[-1].i + 1]


def _modality(candidate: Candidate, reporter: Span | None) -> str:
    """ "Analysts say Russia could ..." is opinion; "security sources said" only attributes."""
    return reported_modality(candidate.modality, reporter.root.lemma_ if reporter else None)


# Clauses that tell the background of a sentence's news: "the attack, which killed ...",
# "after rebels seized ...", "warplanes supported by Russia".
_BACKGROUND_CLAUSES = frozenset({"relcl", "acl", "advcl"})


def clause_depth(candidate: Candidate) -> int:
    """How many background clauses hold the event's trigger: 0 in the main clause."""
    depths = []
    for token in candidate.tokens:
        depth = 0
        while token.head.i != token.i:
            depth += token.dep_ in _BACKGROUND_CLAUSES
            token = token.head
        depths.append(depth)
    return min(depths, default=0)


def _sources(candidate: Candidate, actors: ArticleActorsLike) -> tuple[list[Actor], bool]:
    """The actors who did it, and whether they are a pair one phrase names ("the two
    countries", "both sides")."""
    if len(candidate.sources) == 1:
        sides = actors.sides(candidate.sources[0])
        if sides:
            return sides, True
    sources = [
        a
        for a in (
            state_at(s, actors) if candidate.sources_are_places else participant(s, actors)
            for s in candidate.sources
        )
        if a is not None
    ]
    if candidate.trigger.speech or candidate.trigger.weak:
        # a bare statement or a generic verb ("gave", "helped") is worth recording only
        # when a known actor, or someone named, did it
        named = {s.start_char for s in candidate.sources if s.root.pos_ == "PROPN"}
        sources = [a for a in sources if a.code or (a.span and a.span[0] in named)]
    return sources, False


def _their_own(target: Span) -> bool:
    """ "The two leaders held talks with their delegations": the pair's own people, not a
    third party."""
    return any(c.dep_ == "poss" and c.lower_ == "their" for c in target.root.children)


def _reciprocal(candidate: Candidate) -> bool:
    """Whether the event, or the one it wraps ("failed to reach a deal"), is done together."""
    wrapped = candidate.wrapped_by
    return candidate.trigger.reciprocal or (wrapped is not None and wrapped.reciprocal)


def _target_or_doer(
    span: Span,
    actors: ArticleActorsLike,
    entry: CameoCode,
    index: int,
    earlier: Sequence[Event],
) -> Actor | None:
    actor = target_actor(span, actors, material=entry.quad_class in (2, 4))
    if actor is None or not actor.code:
        actor = earlier_doer(span, index, earlier) or actor
    if actor is not None and not actor.code and _names_no_one(span, entry.code):
        return None
    return actor


# Roots of events aimed at whoever made what they turn down: disapprove (11), reject (12).
_REFUSALS = frozenset({"11", "12"})
# Restrictions aimed at whoever does or owns what they restrict: "banned the export of oil".
_RESTRICTIONS = frozenset({"172"})


def _names_no_one(span: Span, code: str) -> bool:
    """A thing turned down, blamed or banned, which names nobody by itself: "rejected the
    withdrawal agreement", "blamed sanctions", "banned the export of arms". They are aimed at
    whoever made, does or owns the thing; not "banned the opposition party"."""
    head = span.root
    if code[:2] in _REFUSALS:
        return head.lemma_.lower() in load_lexicon().nouns
    if code in _RESTRICTIONS:
        return (
            head.pos_ == "NOUN"
            and not head.ent_type_
            and not default_lexicon().names_people(head.lemma_)
            and head.lemma_.lower() not in PLACE_NOUNS
        )
    return False


def events_for(
    candidate: Candidate,
    sent: Span,
    index: int,
    actors: ArticleActorsLike,
    earlier: Sequence[Event] = (),
) -> list[Event]:
    """The events one candidate reports, one per source–target pair; ``earlier``, the
    article's events so far, for a target that stands for one of them ("the decision")."""
    if candidate.trigger.speech and candidate.modality == "negated":
        return []
    sources, one_phrase_pair = _sources(candidate, actors)
    if not sources:
        return []
    # "the two countries signed an agreement": the pair acts on each other
    pair_up = (
        one_phrase_pair and _reciprocal(candidate) and all(_their_own(t) for t in candidate.targets)
    )
    if not candidate.targets and candidate.target_options and not pair_up:
        choose_target(candidate, actors)
    doers = {s.country for s in sources if s.country}
    entry = lookup(candidate.code)
    targets = (
        actors.sides(candidate.targets[0], doers) if len(candidate.targets) == 1 else []
    ) or [
        a
        for a in (_target_or_doer(t, actors, entry, index, earlier) for t in candidate.targets)
        if a is not None
    ]  # "urged both sides to exercise restraint": each of the pair just named
    trigger = _trigger_span(candidate, sent.doc)
    location = actors.resolve_place(candidate.place) if candidate.place is not None else None
    reporter = participant(candidate.reporter, actors) if candidate.reporter is not None else None
    modality = _modality(candidate, candidate.reporter)
    named = actors.sentence_countries(sent)
    if not targets and not pair_up:
        targets = [t for t in (_recipient_place(candidate, location, actors),) if t is not None]
    events = []
    pairs = list(permutations(sources, 2)) if pair_up else _pairs(candidate, sources, targets)
    for source, target in pairs:
        source, target = placed(source, location), placed(target, location, entry.code)
        source, target = at_home(source, target, entry.code, named, sent.doc)
        said = entry
        if _to_the_media(candidate, target):
            said, target = lookup("010"), None
        if not pair_up and not _keep_pair(source, target, candidate):
            if not candidate.target_guessed and entry.quad_class not in (1, 3):
                continue
            # a guessed target that makes no sense, or a statement about one's own side
            # ("Putin defended Russia's involvement"): the event without a target
            target = None
        events.append(
            Event(
                source=source,
                target=target,
                code=said.code,
                root=said.root,
                name=said.name,
                plover=said.plover,
                plover_mode=said.plover_mode,
                quad_class=said.quad_class,
                goldstein=said.goldstein,
                modality=modality,
                sentence=sent.text,
                sentence_index=index,
                span=char_span(sent),
                trigger=trigger.text,
                trigger_span=char_span(trigger),
                confidence=confidence(candidate, source, target),
                location=location,
                reported_by=reporter,
                extras={
                    "lexicon": f"{candidate.trigger.pos}:{candidate.trigger.lemma}"
                    + (f" {candidate.trigger.particle}" if candidate.trigger.particle else ""),
                    "wrapped": candidate.wrapped_by.code if candidate.wrapped_by else None,
                    "intent_of": candidate.intent_of,
                    "target_guessed": candidate.target_guessed,
                    "reciprocal": candidate.trigger.reciprocal,
                    "clause_depth": clause_depth(candidate),
                },
            )
        )
    return events

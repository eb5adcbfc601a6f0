"""Who takes part in an event told as a noun, where the noun's own phrase does not say.

:func:`detente.events.extract.noun_candidate` reads the participants a nominal event names
itself ("Xi's visit to Moscow", "talks between A and B", "the Russia–China summit") and
those a light verb lends ("paid a visit to", "held talks with"). This module adds the
other ways news tells them:

* the pair behind one phrase: "talks between the foreign ministers of Russia and China",
  "the signing of an agreement by Japan and India", "a meeting of the leaders of Russia
  and China" (and "of the two countries' leaders", which the actor resolver reads);
* the one whose event it is, after "of": "the visit of the Chinese president to Pyongyang";
* a frame the noun itself stands in: "adoption", "signing", "conclusion" of an agreement is
  the agreement's event (``frame_nouns.tsv``);
* a journey the subject makes for it: "left Pyongyang for a goodwill visit to China",
  "is in Moscow on an official visit" (``travel_verbs.txt``), or a clause set during or
  after it, when the noun names the other side: "Tillerson said after talks with Lavrov".
"""

from __future__ import annotations

import functools

from spacy.tokens import Span, Token

from .lexicon import Lexicon, Trigger
from .lexicon import _read_rows as read_rows
from .syntax import (
    conjuncts,
    coordinated_modifiers,
    entity_span,
    is_actor_like,
    names_a_country,
    phrase,
    prep_objects,
    stands_for,
    subject_of,
)


@functools.lru_cache(maxsize=1)
def travel_verbs() -> frozenset[str]:
    """Verbs of a journey made for an event: "left for a visit", "arrived on a visit"."""
    return frozenset(cells[0].lower() for _, cells in read_rows("travel_verbs.txt"))


@functools.lru_cache(maxsize=1)
def frame_nouns() -> dict[str, frozenset[str]]:
    """Noun → the event nouns whose act it names: "signing" → agreement, treaty, ...
    (``frame_nouns.tsv``)."""
    table: dict[str, frozenset[str]] = {}
    for _, cells in read_rows("frame_nouns.tsv"):
        table[cells[0].lower()] = frozenset(cells[1].lower().split("|"))
    return table


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


# --- the phrase that names the event --------------------------------------------------------


def frame_of(noun: Token) -> Token | None:
    """The act a frame noun over the event noun names: "the [signing] of an agreement",
    "the [adoption] of the joint declaration"; None when there is none."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return None
    frame = noun.head.head
    if frame.pos_ != "NOUN" or _lemma(noun) not in frame_nouns().get(_lemma(frame), ()):
        return None
    return frame


# --- who takes part -------------------------------------------------------------------------


def pair_sides(noun: Token, entry: Trigger) -> list[Span]:
    """The two sides of a reciprocal event named inside one participant phrase: "talks
    between [the ministers of Russia and China]", "an agreement by Japan and India"."""
    if not entry.reciprocal:
        return []
    for preposition in ("between", "by", "of"):
        for owner in prep_objects(noun, preposition):
            heads = conjuncts(owner)
            if len(heads) == 1 and preposition == "between" and _names_a_pair(owner):
                return [phrase(owner)]  # "between the two countries": the resolver reads it
            if len(heads) == 1:
                sides = coordinated_modifiers(owner)
                if len(sides) >= 2:
                    return sides
                pair = _pair_owner(owner)
                if pair is not None:
                    return [pair]  # "the two countries' leaders": the resolver reads the pair
            elif preposition != "between" and all(_names_a_side(h) for h in heads):
                return [entity_span(h) for h in heads]
    return []


_PAIR_WORDS = frozenset({"two", "both"})


def _names_a_pair(noun: Token) -> bool:
    """ "the two countries", "both sides": a plural with "two" or "both"."""
    return noun.tag_ == "NNS" and any(c.lower_ in _PAIR_WORDS for c in noun.children)


def _pair_owner(owner: Token) -> Span | None:
    """The pair owning the participants: "the two countries'" of "the two countries'
    leaders" (the actor resolver says which two)."""
    possessor = next((c for c in owner.children if c.dep_ == "poss"), None)
    if possessor is None or not _names_a_pair(possessor):
        return None
    return phrase(possessor)


def _names_a_side(token: Token) -> bool:
    return token.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or names_a_country(token)


# Roots whose nouns take their doer after "of": visits and meetings ("the visit of the
# president"); other events take what they are done to ("the deployment of troops").
_OF_DOER_ROOTS = frozenset({"04"})


def owner_after_of(noun: Token, entry: Trigger, lexicon: Lexicon) -> list[Token]:
    """Whose event an "of" names, when "of" is not where its target is: "the visit of the
    Chinese president", "a meeting of the two countries' leaders"."""
    if "of" in entry.targets or entry.code[:2] not in _OF_DOER_ROOTS or entry.weak:
        # "a tour of Asia", "the deployment of troops": what it is done to; "a delegation of
        # the party" is who they are, not whose visit
        return []
    if entry.reciprocal and not prep_objects(noun, "with"):
        return []  # "a meeting of the Security Council" says who met only with whom
    owners = prep_objects(noun, "of")
    if not owners or not is_actor_like(owners[0], lexicon):
        return []
    if owners[0].ent_type_ in ("DATE", "TIME", "EVENT", "FAC"):
        return []
    return conjuncts(owners[0])


# Roots of the events one travels for: visits, talks, meetings, summits.
_JOURNEY_ROOTS = frozenset({"04"})
# Prepositions that set a clause during or after an event its subject took part in.
_ADJUNCTS = frozenset({"during", "after", "following", "at"})


_THIRD_PERSON = frozenset({"his", "her", "its", "their"})


def clause_owner(carrier: Token, possessor: Token, entry: Trigger, lexicon: Lexicon) -> list[Token]:
    """Who a possessive pronoun stands for: the subject of the clause the noun is in,
    named before it ("Tillerson and Kelly will face questions in their meeting with Pena
    Nieto", "Xi said his visit to Manila ..."); none when the pronoun does not fit it."""
    if entry.code[:2] not in _JOURNEY_ROOTS:
        return []  # "the basis of his accusations" need not be the clause subject's
    head = carrier
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    subject = subject_of(head) if head.pos_ in ("VERB", "AUX") else None
    if possessor.lower_ not in _THIRD_PERSON or subject is None or subject.pos_ == "PRON":
        return []  # "our assistance" is the speaker's, whoever the clause is about
    if subject.i > possessor.i or not is_actor_like(subject, lexicon):
        return []
    if not stands_for(possessor.doc[possessor.i : possessor.i + 1], phrase(subject)):
        return []
    return conjuncts(subject)


def traveller(carrier: Token, entry: Trigger, lexicon: Lexicon) -> tuple[Token, Token] | None:
    """The verb of a journey made for the event and its subject: "[Kim] [left] Pyongyang
    for a visit to China", "is in Moscow on an official visit", "returned home after a
    visit to Vietnam", "said after talks with Lavrov";
    None when the noun is no such purpose, or when the verb codes the same event itself
    ("arrived in Beijing on a visit" is the arrival's visit: the noun adds nothing)."""
    if carrier.dep_ != "pobj" or entry.code[:2] not in _JOURNEY_ROOTS:
        return None  # "the doctors were on strike" made no journey for it
    preposition = carrier.head
    verb = preposition.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    if preposition.lower_ in _ADJUNCTS:
        # "Tillerson said after talks with Lavrov": any clause's subject took part, when
        # the noun names the other side
        if not any(prep_objects(carrier, slot) for slot in entry.targets if slot != "between"):
            return None
    elif preposition.lower_ not in ("for", "on") or _lemma(verb) not in travel_verbs():
        return None
    if any(t.code[:3] == entry.code[:3] for t in lexicon.verbs.get(_lemma(verb), ())):
        return None
    subject = subject_of(verb)
    if subject is None or not is_actor_like(subject, lexicon):
        return None
    return verb, subject


def host(verb: Token) -> list[Token]:
    """Where a journey's visit is hosted, when the visit names no host: "is in Moscow on an
    official visit", "went to Beijing on a visit" (not where the journey began)."""
    for preposition in ("to", "in"):
        places = [p for p in prep_objects(verb, preposition) if p.ent_type_ == "GPE"]
        if places:
            return places[:1]
    return []

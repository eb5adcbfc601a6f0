"""People in one article: finding a name in a phrase, reading the title next to it, and
remembering who was introduced so that "Morgulov said" and "he said" refer back.

The rules are deliberately simple (the brief's coreference is a surname match and a "he/she"
after a person in the previous sentence); anything cleverer belongs in a coreference model.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..model import Actor
from ..nlp import entity_edges
from .lexicon import Lexicon
from .reading import Reading
from .registry import RegistryEntry, family_name, normalise_name

HONORIFICS = frozenset(
    {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "madam"}
)
PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_COUNTRY_KINDS = frozenset({"country", "capital", "seat", "contextual", "person", "place"})
_TITLE_SKIP_DEPS = frozenset({"det", "poss", "case", "punct", "predet", "nummod"})
_NAME_SHAPE = re.compile(r"^[^\W\d_][\w.'’\- ]*$")


@dataclass(frozen=True)
class PersonMention:
    """A person introduced in the article, and what the article (or a dictionary) says of them."""

    name: str
    start: int
    sentence: int
    actor: Actor
    from_text: bool
    """Country or sector came from the article's own words, not from a dictionary."""


class ArticlePeople:
    """The people an article has named so far, in text order."""

    def __init__(self, sentence_of: Callable[[int], int]) -> None:
        self._sentence_of = sentence_of
        self._people: list[PersonMention] = []

    def remember(self, name: str, name_span: Span, actor: Actor, from_text: bool) -> None:
        if any(p.start == name_span.start for p in self._people):
            return
        sentence = self._sentence_of(name_span.start)
        person = PersonMention(name, name_span.start, sentence, actor, from_text)
        starts = [p.start for p in self._people]
        self._people.insert(bisect_right(starts, person.start), person)

    def recall(self, name: str, before: int) -> Actor | None:
        """The latest person named before token ``before`` whose name ``name`` matches,
        in full or by a lone family name, first ("Kim" of Kim Hyok-chol) or last ("Morgulov")."""
        key = normalise_name(name)
        for person in reversed(self._people):
            if person.start >= before:
                continue
            full = normalise_name(person.name)
            words = full.split()
            if not words:
                continue  # a "name" of punctuation or titles alone ("Mr. -")
            if (
                full == key
                or (" " not in key and key in (words[0], words[-1]))
                or full.endswith(" " + key)
            ):
                return person.actor
        return None

    def pronoun(self, span: Span) -> Actor | None:
        """ "he"/"she": the last person named earlier in this sentence or in the previous one."""
        here = self._sentence_of(span.start)
        for person in reversed(self._people):
            if (
                person.start < span.start
                and here - 1 <= person.sentence <= here
                and person.actor.code
                and not _subject_of_own_object(span, person.start)
            ):
                known = person.actor
                return Actor(
                    text=span.text,
                    code=known.code,
                    country=known.country,
                    sector=known.sector,
                    name=known.name,
                    title=known.title,
                    span=(span.start_char, span.end_char),
                )
        return None

    def learned(self, on: date | None, lexicon: Lexicon) -> list[RegistryEntry]:
        """People introduced with a country and a role by the article's own words, as registry
        entries; people detente already knows, or whose names look doubtful, are left out."""
        entries: dict[str, RegistryEntry] = {}
        for person in self._people:
            key = normalise_name(person.name)
            actor = person.actor
            if not person.from_text or key in entries or not (actor.country and actor.sector):
                continue  # a role without a country ("John Brown, a police chief") is too vague
            if actor.country_inferred:
                continue  # a country guessed from the article's context is not the person's
            if not plausible_name(person.name, lexicon):
                continue
            if lexicon.builtin_people.lookup(person.name, on) is not None:
                continue
            entries[key] = RegistryEntry(
                name=person.name,
                aliases=(family_name(person.name, actor.country),),
                country=actor.country,
                sector=actor.sector,
                code=actor.code,
                title=actor.title,
                first_seen=on,
                last_seen=on,
                origin="learned",
            )
        return list(entries.values())


def _subject_of_own_object(pronoun: Span, start: int) -> bool:
    """Whether an object pronoun would stand for the subject of its own verb: in "Kiir
    pardoned him", "him" is someone else (the verb would say "himself")."""
    token = pronoun.root
    if token.lower_ not in ("him", "her") or token.dep_ not in ("dobj", "dative", "pobj"):
        return False
    verb = token.head.head if token.dep_ == "pobj" else token.head
    return any(
        c.left_edge.i <= start <= _noun_phrase_end(c)
        for c in verb.children
        if c.dep_ in ("nsubj", "nsubjpass")
    )


_NOT_OF_THE_PHRASE = frozenset({"acl", "relcl", "advcl", "cc", "punct"})


def _noun_phrase_end(noun: Token) -> int:
    """The last token of a noun's own phrase, without a clause hung on it ("Trump called
    Erdogan and urged him", misparsed as "Trump [called Erdogan]")."""
    ends = [noun.i] + [c.right_edge.i for c in noun.rights if c.dep_ not in _NOT_OF_THE_PHRASE]
    return max(ends)


def plausible_name(name: str, lexicon: Lexicon) -> bool:
    """Whether a tagged person's name looks like one: two or more capitalised words, none of
    them a country or organisation ("Syrian Observatory" is not a person)."""
    words = name.split()
    if len(words) < 2 or not _NAME_SHAPE.match(name):
        return False
    if not (words[0][:1].isupper() and words[-1][:1].isupper()):
        return False
    for word in words:
        for cue in lexicon.cues_at((word.lower(),)):
            if cue.kind in ("country", "org", "igo", "capital"):
                return False
    return True


def person_name(doc: Doc, reading: Reading) -> Span | None:
    """The person a phrase is about: a name at its head, or in apposition to it."""
    head = reading.head
    for match in reading.matches:
        if match.cue.kind != "person" or match.start in reading.in_pp:
            continue
        if match.start <= head.i < match.end or doc[match.end - 1].dep_ == "appos":
            return doc[match.start : match.end]
    covering = reading.covering(head.i)
    if covering is not None and not _surname_like_a_title(doc, head, covering.cue.kind):
        return None  # "Boko Haram" tagged as a person is still the group the lexicon knows
    if head.ent_type_ == "PERSON":
        return _entity_around(doc, head)
    for child in head.children:
        if (
            child.dep_ in ("appos", "npadvmod")
            and child.ent_type_ == "PERSON"
            and child.i in reading.local
        ):
            return _entity_around(doc, child)
    return _titled_name(doc, reading)


def _surname_like_a_title(doc: Doc, head: Token, kind: str) -> bool:
    """ "Steve King", "Angus King": a family name that is also a title, after a first name
    in the same name (not "Saudi King", not "King Salman")."""
    return (
        kind == "sector"
        and head.ent_type_ == "PERSON"
        and head.ent_iob_ == "I"
        and doc[head.i - 1].pos_ == "PROPN"
    )


def _titled_name(doc: Doc, reading: Reading) -> Span | None:
    """Proper nouns after a title or honorific the tagger missed: "Mr. Sisi", "Representative Bi Khim"."""
    head = reading.head
    if head.pos_ != "PROPN" and not _name_word_taken_for_pronoun(head):
        return None
    start = head.i
    while (
        start - 1 in reading.local
        and doc[start - 1].pos_ == "PROPN"
        and reading.covering(start - 1) is None
        and doc[start - 1].lower_ not in HONORIFICS
    ):
        start -= 1
    if start - 1 not in reading.local:
        return None
    before = doc[start - 1]
    cue = reading.covering(before.i)
    if before.lower_ in HONORIFICS:
        return doc[start : head.i + 1]
    # After a title, two words at least: "Representative Bi Khim Hsiao", not "Merchants Securities".
    if cue is not None and cue.cue.kind == "sector" and cue.cue.sector and head.i > start:
        return doc[start : head.i + 1]
    return None


def _name_word_taken_for_pronoun(token: Token) -> bool:
    """ "Vice Premier Liu He": a capitalised pronoun after a name inside a sentence is the
    end of that name."""
    return (
        token.pos_ == "PRON"
        and token.text[:1].isupper()
        and token.i > token.sent.start
        and token.doc[token.i - 1].pos_ == "PROPN"
    )


def person_span(doc: Doc, token: Token) -> Span:
    """The person's name around ``token``."""
    return _entity_around(doc, token)


def _entity_around(doc: Doc, token: Token) -> Span:
    """The person entity holding ``token``, without a possessive "'s" or an honorific."""
    if not token.ent_type_:
        return doc[token.i : token.i + 1]
    start, end = entity_edges(token)
    if end > start + 1 and doc[end - 1].tag_ == "POS":
        end -= 1
    while end > start + 1 and doc[start].lower_ in HONORIFICS:
        start += 1
    return doc[start:end]


def title_of(doc: Doc, reading: Reading, name_span: Span) -> str | None:
    """Words naming the person's office: "Deputy Foreign Minister", "a senior negotiator".

    The words right before the name, or the phrase in apposition to it, without
    determiners, honorifics or the country; at most the four words nearest the name.
    """
    words: list[Token] = []
    i = name_span.start - 1
    while i in reading.local and i not in reading.in_pp and _title_word(doc, reading, i):
        words.insert(0, doc[i])
        i -= 1
    if not words:
        appos = [c for c in name_span.root.children if c.dep_ == "appos" and c.i in reading.local]
        if not appos and name_span.root.dep_ == "appos":
            appos = [name_span.root.head]
        for head in appos[:1]:
            words = [
                t
                for t in head.subtree
                if t.i in reading.local
                and t.i not in reading.in_pp
                and not name_span.start <= t.i < name_span.end
                and (t == head or t.head == head)
                and _title_word(doc, reading, t.i)
            ]
    title = " ".join(t.text for t in words[-4:]).strip(" ,")
    return title or None


def _title_word(doc: Doc, reading: Reading, i: int) -> bool:
    token = doc[i]
    match = reading.covering(i)
    return (
        token.dep_ not in _TITLE_SKIP_DEPS
        and token.lower_ not in HONORIFICS
        and token.ent_type_ != "PERSON"
        and not (match is not None and match.cue.kind in _COUNTRY_KINDS)
    )

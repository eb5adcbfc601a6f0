"""Resolving noun phrases to CAMEO-style actors, one article at a time.

``ActorResolver`` is built once per process (it holds the compiled lexicon and the registry);
``for_article`` gives an :class:`ArticleActors` that knows the article's context: which
countries it names (so "the North" can mean North Korea), and the people it has introduced
(so "Morgulov said" and "he said" resolve to the person introduced earlier).

In a phrase the head noun's cue decides the sector and the nearest other country cue decides
the country: "Russia's foreign ministry" → RUS + GOV, "the U.S. Senate" → USA + LEG.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Collection, Iterator, Mapping
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..model import Actor, Article, Location, Mention
from ..nlp import absolute_with, entity_edges, noun_chunks
from .context import WHERE_PREPOSITIONS, ArticleContext, place_name_end
from .lexicon import Cue, Lexicon, compose_code, default_lexicon, user_lexicon
from .people import PRONOUNS, ArticlePeople, person_name, person_span, title_of
from .places import place_country
from .reading import Match, Reading, TokenWords, find_matches, local_words
from .reference import (
    PAIR_NOUNS,
    PLURAL,
    SINGULAR,
    definite_pair,
    names_a_pair,
    pair_sector,
    refers_back,
)
from .registry import FAMILY_NAME_FIRST, ActorRegistry, RegistryEntry

log = logging.getLogger(__name__)

_COUNTRY_KINDS = frozenset({"country", "capital", "seat", "contextual"})
_OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
_OWN_PRONOUNS = frozenset({"its", "their", "his", "her"})
_AGENT_PREPS = frozenset({"by", "of", "from"})
# Participles that tie a group to its sponsor: "militias linked to Iran", "groups affiliated
# with al-Qaeda", "forces loyal to the government".
_TIES = frozenset({"link", "tie", "affiliate", "connect", "align", "ally"})
# Participles after a country and a hyphen that name a group's backers: "Iranian-backed".
_SPONSORED = frozenset(
    {"backed", "supported", "sponsored", "funded", "financed", "armed", "trained", "aligned"}
)
# Verbs that put people away from home: where those who fled went is not their country
# (only where they fled from is).
_DISPLACED = frozenset({"flee", "escape", "migrate", "emigrate", "smuggle", "strand", "deport"})
# Posts abroad: "the embassy in Moscow" is rarely Russia's own.
_FOREIGN_POSTS = frozenset(
    {"embassy", "ambassador", "envoy", "consulate", "consul", "delegation", "diplomat"}
)
# Offices whose former holders CAMEO codes as elites (ELI).
_OFFICES = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
# Entities that may name an actor or the place that locates one ("a hospital in Aleppo").
_NAMED_ENTS = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"})
# Bodies that "the ..." names inside a country: "the government", "the police", "the rebels".
_DOMESTIC_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "OPP", "REB", "PTY"})
# Words that say a group is from elsewhere than where it acts: "foreign fighters".
ELSEWHERE = frozenset(
    {"foreign", "international", "western", "overseas", "outside", "allied", "coalition",
     "multinational", "visiting", "exiled", "exile", "peacekeeping", "peacekeeper",
     "humanitarian", "aid", "african", "european", "arab", "asian", "latin", "gulf"}
)  # fmt: skip
# Words after a place's name that say what kind of place it is: "the Amur Region".
_PLACE_KINDS = frozenset(
    {"region", "province", "state", "oblast", "governorate", "prefecture", "district",
     "county", "territory", "republic", "area", "city", "town", "village"}
)  # fmt: skip
_MARKS_A_COUNTRY = frozenset({"country", "capital", "seat", "igo", "org"})
# The words that say whose a thing is: "the Philippine plan", "the U.S. Chamber", "Iran's".
_ON_THE_HEAD = frozenset({"amod", "compound", "poss", "nmod"})
_PAIR_WINDOW = 2
"""Sentences before the phrase in which the pair must have been named."""


class ActorResolver:
    """Builds per-article actor contexts; create once per process."""

    def __init__(
        self,
        registry: ActorRegistry | None = None,
        lexicon: Lexicon | None = None,
        sector_nouns: Mapping[str, str] | None = None,
    ) -> None:
        """``registry`` entries from the user's own dictionaries (origin ``user`` or ``petrarch``)
        and ``sector_nouns`` (``import_petrarch_agents``) are matched as phrases, ahead of the
        built-in tables; learned entries are consulted by name only. Without ``sector_nouns``
        the registry's own (those a store holds) are used."""
        self.registry = registry if registry is not None else ActorRegistry()
        users = [e for e in self.registry if e.origin in ("user", "petrarch")]
        nouns = sector_nouns if sector_nouns is not None else self.registry.sector_nouns
        content = dictionary_hash(users, nouns)
        if content is None:
            self.lexicon = lexicon or default_lexicon()
        elif lexicon is None:  # the packaged tables with the user's: cached together
            self.lexicon = user_lexicon(users, nouns, content)
        else:
            self.lexicon = lexicon.extended(users, nouns)
        self.dictionary_digest = content[:10] if content else None
        """Names the user's dictionaries and corrections in play; None when there are none."""
        place_country("")  # build the place index now, not inside the first article

    def for_article(self, doc: Doc, article: Article) -> ArticleActors:
        return ArticleActors(self, doc, article)


def dictionary_digest(entries: list[RegistryEntry], sector_nouns: Mapping[str, str]) -> str | None:
    """A short digest of the user's own actor entries and sector nouns, so that coding with
    other dictionaries carries another pipeline version (and ``recode`` picks it up)."""
    content = dictionary_hash(entries, sector_nouns)
    return content[:10] if content else None


def dictionary_hash(entries: list[RegistryEntry], sector_nouns: Mapping[str, str]) -> str | None:
    """The SHA-256 of the user's own actor entries and sector nouns; None without any."""
    if not entries and not sector_nouns:
        return None
    content = json.dumps(
        [
            sorted(json.dumps(e.to_record(), sort_keys=True, default=str) for e in entries),
            sorted(sector_nouns.items()),
        ]
    )
    return hashlib.sha256(content.encode()).hexdigest()


def _modifiers(head: Token) -> set[int]:
    """The words that say what or whose a head is, down the chain of its modifiers ("The
    Israeli NGO Israel Flying Aid": Israeli, NGO, Israel, Flying); not its "of" or "in"
    phrases, appositions or parentheses."""
    found: set[int] = set()
    stack = [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in _ON_THE_HEAD:
                found.add(child.i)
                stack.append(child)
    return found


def _dominant(states: list[str], named: Mapping[str, int]) -> bool:
    """Whether the first of the states (most named first) is the article's own."""
    if not states:
        return False
    top = named[states[0]]
    if len(states) == 1:
        return top >= 2
    return top >= 3 and top >= 3 * named[states[1]]


class ArticleActors:
    """Actor resolution within one parsed article."""

    def __init__(self, resolver: ActorResolver, doc: Doc, article: Article) -> None:
        self._lexicon = resolver.lexicon
        self._registry = resolver.registry
        self._doc = doc
        self._tokens = list(doc)
        self._article = article
        self._on: date | None = article.published
        self._sentence_starts = [s.start for s in doc.sents]
        self._cache: dict[tuple[int, int], Actor | None] = {}
        self._mentions: list[Mention] | None = None
        self._named_in: dict[tuple[int, int], tuple[set[str], set[str]]] = {}
        self._words = TokenWords.of(self._tokens, self._lexicon)
        self._doc_matches = find_matches(
            self._tokens, list(range(len(self._tokens))), self._lexicon, words=self._words
        )
        named = self._countries_named()
        self.in_play = frozenset(named)
        states = sorted(
            (c for c in named if c not in self._lexicon.igo_codes), key=lambda c: -named[c]
        )
        # One country, named more than in passing, or named far more than any other: its
        # institutions need no name ("the government" in an article about Romania that
        # names the US once).
        self._sole = frozenset(states[:1]) if _dominant(states, named) else frozenset()
        self._context = ArticleContext(
            doc,
            self._place_country,
            self._sentence_countries,
            self._sentence_countries_by_name,
            next(iter(self._sole), None),
            lambda text: self._lexicon.country_of(text) or place_country(text, self.in_play),
            self.in_play,
        )
        self._people = ArticlePeople(self._sentence_of)
        self._learn_people()

    # ------------------------------------------------------------------ public
    def resolve(self, span: Span) -> Actor | None:
        """The actor a noun phrase names, or None when it names no recognisable actor."""
        if len(span) == 0:
            return None
        key = (span.start, span.end)
        if key not in self._cache:
            self._cache[key] = None if self._hopeless(span) else self._resolve(span)
        return self._cache[key]

    def _hopeless(self, span: Span) -> bool:
        """Whether a phrase cannot name an actor: no word of it starts a lexicon phrase, and
        it has no name, no named entity and no pronoun to resolve ("the new rules")."""
        for i in range(span.start, span.end):
            token = self._tokens[i]
            if (
                self._words.starts[i]
                or token.pos_ == "PROPN"
                or token.ent_type_ in _NAMED_ENTS
                or self._words.lower[i] in PRONOUNS  # "her position": the person's
                or self._words.lower[i] in SINGULAR | PLURAL
            ):
                return False
        return True

    def resolve_place(self, span: Span) -> Location | None:
        """ "in Moscow" → Location("Moscow", "RUS"); "in eastern Afghanistan" and "in Syria's
        Hama province" → the country named; None when the phrase names no known place."""
        start = span.start
        while start < span.end and self._tokens[start].pos_ in ("ADP", "DET"):
            start += 1  # "in the", "near"
        end = span.end
        while end > start and self._tokens[end - 1].is_punct:
            end -= 1
        if end - start == 1:
            referred = self.the_country(self._tokens[start])  # "in the country"
            if referred is not None:
                word = self._tokens[start]
                return Location(
                    text=word.text, country=referred, span=(word.idx, word.idx + len(word))
                )
        for first, last in self._place_candidates(start, end):
            place = self._doc[first:last]
            country = self._lexicon.country_of(place.text) or place_country(
                place.text, prefer=self.in_play
            )
            if country is not None and country not in self._lexicon.igo_codes:
                return Location(
                    text=place.text, country=country, span=(place.start_char, place.end_char)
                )
        return None

    def _place_candidates(self, start: int, end: int) -> list[tuple[int, int]]:
        """The whole phrase, then without a last word that says what kind of place it is
        ("Amur" of "the Amur Region", "Helmand" of "Helmand province"), then a possessor
        ("Syria" of "Syria's Hama province", "Mosul" of "Mosul's Old City", which is not
        Jerusalem's), then shorter tails ("Afghanistan" of "eastern Afghanistan")."""
        candidates = [(start, end)]
        if end - start > 1 and self._words.lemma[end - 1] in _PLACE_KINDS:
            candidates.append((start, end - 1))
        for i in range(start + 1, end):
            if self._tokens[i].tag_ == "POS":
                candidates.append((start, i))
        candidates += [(first, end) for first in range(start + 1, min(end, start + 6))]
        return candidates

    def mentions(self) -> list[Mention]:
        """Every actor the article names, in text order: each noun phrase with its modifiers
        ("the foreign minister of Russia"), and the phrases nested in it ("Russia")."""
        if self._mentions is None:
            seen: set[tuple[int, int]] = set()
            found: list[Mention] = []
            for chunk in noun_chunks(self._doc):
                root = chunk.root
                actor = self.resolve(self._doc[root.left_edge.i : root.right_edge.i + 1])
                if actor is not None and actor.span not in seen:
                    seen.add(actor.span)  # type: ignore[arg-type]
                    found.append(Mention(actor, self._sentence_of(chunk.start)))
            self._mentions = found
        return list(self._mentions)

    def sentence_countries(self, sentence: Span) -> set[str]:
        """The countries a sentence names, by name, demonym, capital, place, body or person
        (international organisations left out)."""
        return set(self._sentence_countries(sentence))

    def country_marked(self, span: Span) -> str | None:
        """The first country (or international organisation) a phrase names anywhere in it,
        by a country's name or demonym, a capital or a body's name: "the Philippine plan of
        action" → PHL, "the Afghan mujahideen" → AFG, "the Juba airport" → SSD."""
        for match in self._doc_matches:
            if span.start <= match.start < span.end and match.cue.kind in _MARKS_A_COUNTRY:
                country = self._cue_country(match.cue)
                if country:
                    return country
        return None

    def sides(self, span: Span, besides: Collection[str] = ()) -> list[Actor]:
        """The two states "the two countries", "both sides" or "the two leaders" stand for:
        the last two the article named, in this sentence or the two before, other than
        ``besides`` (the one urging both sides); none when the phrase names its own or the
        article named fewer."""
        root = span.root
        for preposition in root.children:  # "negotiators from both countries"
            if preposition.dep_ == "prep" and preposition.lower_ in ("from", "of"):
                group = next((c for c in preposition.children if c.dep_ == "pobj"), None)
                if (
                    group is not None
                    and group.tag_ == "NNS"
                    and any(names_a_pair(t, group) for t in group.children)
                ):
                    root = group
        # the cheap tests first: the coder asks this of every phrase
        if root.tag_ != "NNS" or not any(names_a_pair(t, root) for t in span):
            return []
        sector = pair_sector(root, self._doc_matches)
        if sector == "":
            return []
        if root.lemma_.lower() not in PAIR_NOUNS and not definite_pair(root):
            return []  # "two soldiers" are any two; "the two ministries", "both armies" a pair
        if any(self._cue_country(m.cue) for m in self._doc_matches if _inside(m, span)):
            return []  # "the two Korean leaders"
        first_sentence = self._sentence_of(span.start) - _PAIR_WINDOW
        leaders = root.lemma_.lower() == "leader"
        states: list[str] = []
        for chunk in reversed(noun_chunks(self._doc)):
            if chunk.end > span.start or _is_place(chunk.root):
                continue
            if self._sentence_of(chunk.start) < first_sentence:
                break
            actor = self.resolve(chunk)
            if leaders and (actor is None or not actor.name):
                continue  # "the two leaders": people named as such, not "Vietnamese officials"
            country = actor.country if actor is not None else None
            if country is None:  # "Chinese imports": a country that marks a thing
                country = next(self._countries_marked(chunk), None)
            if (
                country
                and country not in states
                and country not in besides
                and country not in self._lexicon.igo_codes
            ):
                states.append(country)
            if len(states) == 2:
                break
        if len(states) < 2:
            return []
        return [self._actor(span, country, sector) for country in reversed(states)]

    def learned(self) -> list[RegistryEntry]:
        """People this article introduced with their role, as registry entries."""
        return self._people.learned(self._on, self._lexicon)

    # --------------------------------------------------------------- context
    def _countries_named(self) -> Counter[str]:
        """How often the article names each country outright (not through short forms that
        depend on context, nor through its provinces and towns)."""
        named: Counter[str] = Counter()
        for match in self._doc_matches:
            if match.cue.kind not in ("contextual", "place"):
                country = self._cue_country(match.cue)
                if country:
                    named[country] += 1
        return named

    def _learn_people(self) -> None:
        """Walk the article's people in order so later mentions can refer back to them."""
        anchors: list[Span] = [e for e in self._doc.ents if e.label_ == "PERSON"]
        for match in self._doc_matches:
            if match.cue.kind == "person" and not any(
                a.start <= match.start < a.end for a in anchors
            ):
                anchors.append(self._doc[match.start : match.end])
        for anchor in sorted(anchors, key=lambda s: s.start):
            root = anchor.root
            head = (
                root.head if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN") else root
            )
            phrase = self._doc[head.left_edge.i : head.right_edge.i + 1]
            self.resolve(phrase)

    def _sentence_of(self, token_index: int) -> int:
        return max(0, bisect_right(self._sentence_starts, token_index) - 1)

    # ------------------------------------------------------------ resolution
    def _resolve(self, span: Span) -> Actor | None:
        counted = _counted(span)
        if counted is not None:
            # "hundreds of Russian soldiers": the soldiers
            actor = self.resolve(counted)
            if actor is None:
                return None
            return replace(actor, text=span.text, span=(span.start_char, span.end_char))
        head = span.root
        if head.lower_ in PRONOUNS and len(span) == 1:
            return self._pronoun(span)
        if head.lower_ in SINGULAR | PLURAL and len(span) == 1:
            earlier = refers_back(head, self.resolve, self._sentence_of)
            if earlier is None:
                return None
            return replace(earlier, text=span.text, span=(span.start_char, span.end_char))
        if len(span) == 2 and span[0].lower_ == "the":
            referred = self.the_country(head)  # "the country", "the nation"
            if referred is not None:
                return self._actor(span, referred, None, former=False)
        reading = self._read(span)
        name_span = person_name(self._doc, reading)
        if name_span is not None:
            return self._resolve_person(span, reading, name_span)
        head_match = reading.covering(head.i)
        if head_match is None:
            return (
                self._recalled(span)
                or self._resolve_proxy(span, reading)
                or self._unlisted_body(span, reading)
            )
        if head_match.cue.kind == "entry":
            return self._resolve_entry(span, head_match.cue)
        country = self._country(reading, head_match)
        sector = self._head_sector(head_match.cue)
        if head_match.cue.role:
            sector = self._body_sector(reading, head_match) or self._role_sector(head_match)
        foreign_post = head.lemma_.lower() in _FOREIGN_POSTS
        if country is None and sector is not None and not foreign_post:
            country = (
                self._owner_country(reading)
                or self._named_place(reading)
                or self._located_in(head, span)
                or (self._where_they_are(head) if sector == "CVL" else None)
                or self._speakers_own(head)
                or self._the_countrys(head)
                or self._with_the_subject(head)
            )
        if country is None and sector is not None:
            earlier = self._antecedent(span)
            if earlier is not None:
                return replace(earlier, text=span.text, span=(span.start_char, span.end_char))
            if not foreign_post:
                country = self._sole_country(head, head_match)
        if country is None and sector is None:
            return None
        if country is None and self._placeable(span, head_match, foreign_post):
            guessed = self._context.country_for(head)
            if guessed is not None:
                actor = self._actor(span, guessed, sector, former=_former(reading))
                return replace(actor, country_inferred=True)
        return self._actor(span, country, sector, former=_former(reading))

    def _placeable(self, span: Span, head_match: Match, foreign_post: bool) -> bool:
        """Whether a sector phrase with no country may take one from the article's context:
        a sector noun ("police", "a government convoy"), not a post abroad ("the
        ambassador"), a named body, nor a phrase that says its people are from elsewhere
        ("foreign fighters", "Western diplomats")."""
        if foreign_post or head_match.cue.kind != "sector" or head_match.cue.text[:1].isupper():
            return False  # a named body with no country ("Amnesty International") has none
        if head_match.cue.sector in (None, "IGO"):
            return False
        return not any(
            self._words.lower[i] in ELSEWHERE and not head_match.start <= i < head_match.end
            for i in range(span.start, span.end)
        )

    def _place_country(self, place: Span) -> str | None:
        located = self.resolve_place(place)
        return located.country if located is not None else None

    def _sentence_countries(self, sentence: Span) -> set[str]:
        """The countries a sentence names, by name, demonym, capital, province or body."""
        return self._countries_in(sentence)[0]

    def _sentence_countries_by_name(self, sentence: Span) -> set[str]:
        """The countries a sentence names other than through the people it names."""
        return self._countries_in(sentence)[1]

    def _countries_in(self, sentence: Span) -> tuple[set[str], set[str]]:
        """A sentence's countries: all it names, and those not named through its people."""
        key = (sentence.start, sentence.end)
        if key not in self._named_in:
            named: set[str] = set()
            outright: set[str] = set()
            for match in self._doc_matches:
                if not sentence.start <= match.start < sentence.end:
                    continue
                country = self._cue_country(match.cue)
                if not country or country in self._lexicon.igo_codes:
                    continue
                named.add(country)
                if match.cue.kind not in ("person", "entry"):
                    outright.add(country)
            self._named_in[key] = (named, outright)
        return self._named_in[key]

    def _antecedent(self, span: Span) -> Actor | None:
        """ "The delegation" after "a delegation of the Russian State Duma": the last phrase
        resolved before it with the same head noun and a country; "the chancellor" after
        "German Chancellor Angela Merkel": the last person named with that title."""
        head = span.root
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        if len(span) > 3:
            return None  # "the president of the bank": a phrase that says whose
        lemma = head.lemma_.lower()
        found: tuple[int, Actor] | None = None
        titled: dict[str, tuple[int, Actor]] = {}
        for (start, end), actor in self._cache.items():
            if actor is None or not actor.country or end > span.start:
                continue
            if actor.name:
                if lemma in (actor.title or "").lower().split():
                    titled[actor.name] = max(
                        titled.get(actor.name, (start, actor)), (start, actor), key=lambda f: f[0]
                    )
                continue
            same_head = self._doc[start:end].root.lemma_.lower() == lemma
            if same_head and (found is None or start > found[0]):
                found = (start, actor)
        if found is None and len(titled) == 1:
            # the one person the article has named with that title: "the chancellor"
            person = next(iter(titled.values()))[1]
            return replace(person, text=span.text, span=(span.start_char, span.end_char))
        return found[1] if found is not None else None

    def _recalled(self, span: Span) -> Actor | None:
        """A bare name the tagger missed ("Parly said ...") that repeats the surname of a
        person the article introduced, or names people known by it: that person, never a
        near spelling."""
        if not all(t.pos_ == "PROPN" for t in span):
            return None
        known = self._people.recall(span.text, span.start) or self._by_family_name(span.text)
        if known is None or not known.code:
            return None
        return replace(known, text=span.text, span=(span.start_char, span.end_char))

    def _resolve_entry(self, span: Span, cue: Cue) -> Actor | None:
        """A phrase from the user's own dictionary: its code, as the user wrote it."""
        entry = cue.person_on(self._on)
        if entry is None:
            return None
        is_person = span.root.ent_type_ == "PERSON"
        return Actor(
            text=span.text,
            code=entry.code,
            country=entry.country,
            sector=entry.sector,
            name=entry.name if is_person else None,
            title=entry.title,
            span=(span.start_char, span.end_char),
        )

    def _owner_country(self, reading: Reading) -> str | None:
        """The country of a person whose name modifies the head: "the Kim regime" after
        "Kim Jong Un", "Morgulov's office"."""
        for child in reading.head.children:
            if (
                child.dep_ in ("compound", "poss")
                and child.ent_type_ == "PERSON"
                and child.i in reading.local
            ):
                known = self._known_person(person_span(self._doc, child), None)
                if known is not None and known.country:
                    return known.country
        return None

    def _named_place(self, reading: Reading) -> str | None:
        """The country of a town that qualifies the head: "Kandahar police", "militants
        from Mosul", "Sanaa-based officials" (provinces and regions are lexicon cues)."""
        for i in sorted(reading.local, key=lambda i: abs(i - reading.head.i)):
            token = self._tokens[i]
            if i == reading.head.i or token.ent_type_ not in ("GPE", "LOC"):
                continue
            if token.dep_ == "pobj" and token.head.lower_ not in ("of", "from"):
                continue
            start, end = entity_edges(token)
            if not all(j in reading.local for j in range(start, end)):
                continue
            if self._lexicon.country_of(self._doc[start:end].text) is not None:
                continue  # a country is a cue already, or a sponsor ("US-backed forces")
            place = self.resolve_place(self._doc[start:end])
            if place is not None:
                return place.country
        return None

    def _speakers_own(self, head: Token) -> str | None:
        """ "Russia's Defence Ministry said its troops had struck ...", "Kyiv insisted that
        Moscow withdraw its troops", "the Ethiopian Prime Minister said his government ...":
        the possessive is the country of the subject of its clause."""
        owner = next(
            (c for c in head.children if c.dep_ == "poss" and c.lower_ in _OWN_PRONOUNS), None
        )
        if owner is None:
            return None
        if owner.lower_ in PRONOUNS:
            # "his", "her": a person, the subject of the clause or else the one named last
            # ("Rouhani criticised Trump's remarks on his country's deal")
            person = self._pronoun(self._doc[owner.i : owner.i + 1])
            if person is not None and person.country:
                return person.country
        actor = self._clause_subject(owner, past_its_own=True)
        return actor.country if actor is not None else None

    def _pronoun(self, span: Span) -> Actor | None:
        """ "he", "his": for a possessive, the person who is the subject of its clause
        ("Rouhani criticised Trump's remarks on his country's deal"); else the person
        named last."""
        if span.root.dep_ == "poss":
            person = self._clause_subject(span.root)
            if person is not None and person.name:
                return replace(person, text=span.text, span=(span.start_char, span.end_char))
        return self._people.pronoun(span)

    def _with_the_subject(self, head: Token) -> str | None:
        """ "North Korea responded, with a foreign ministry spokesman calling ...": a body
        that acts beside the clause's subject belongs to the subject's country."""
        preposition = next((w for w in map(absolute_with, head.children) if w is not None), None)
        if preposition is None and head.dep_ == "nsubj":
            preposition = absolute_with(head.head)  # "with a spokesman calling", parsed so
        if preposition is None:
            return None  # not "met with a foreign ministry official": whose, nobody says
        verb = preposition.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.i > head.i:
            return None
        actor = self.resolve(self._doc[subject.left_edge.i : subject.right_edge.i + 1])
        return actor.country if actor is not None else None

    def _clause_subject(self, pronoun: Token, past_its_own: bool = False) -> Actor | None:
        """The actor that a possessive pronoun stands for: the subject, named before it, of
        the nearest clause above it. A subject that is a pronoun itself is passed over ("said
        it would withdraw its troops": who said), and so, ``past_its_own``, is a subject that
        holds it ("said its troops had struck": who said)."""
        token = pronoun
        while token.head.i != token.i:
            token = token.head
            if token.pos_ not in ("VERB", "AUX"):
                continue
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is None:
                continue
            if subject.left_edge.i <= pronoun.i <= subject.right_edge.i:
                if past_its_own:
                    continue
                return None
            if subject.i > pronoun.i:
                return None
            if subject.pos_ == "PRON" and subject.lower_ not in PRONOUNS:
                continue  # "said it would withdraw its troops": who said
            return self.resolve(self._doc[subject.left_edge.i : subject.right_edge.i + 1])
        return None

    def _the_countrys(self, head: Token) -> str | None:
        """ "The President of Romania attacked the country's government": "the country's" is
        the country named last, in this sentence or the one before."""
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        return self.the_country(owner) if owner is not None else None

    def the_country(self, word: Token) -> str | None:
        """The country "the country" or "the nation" (``word``) stands for: the one named
        last before it, in its sentence or the one before; None for any other word."""
        if word.lemma_.lower() not in ("country", "nation") or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in word.children
        ):
            return None
        first_sentence = self._sentence_of(word.i) - 1
        for chunk in reversed(noun_chunks(self._doc)):
            if chunk.end > word.i:
                continue
            if self._sentence_of(chunk.start) < first_sentence:
                break
            for country in self._countries_marked(chunk):
                if country not in self._lexicon.igo_codes:
                    return country
        return None

    def _countries_marked(self, span: Span) -> Iterator[str]:
        """The countries the lexicon's matches inside a phrase name, in text order."""
        for match in self._doc_matches:
            if _inside(match, span):
                country = self._cue_country(match.cue)
                if country:
                    yield country

    def _sole_country(self, head: Token, head_match: Match) -> str | None:
        """In an article that names one country only, "the Senate", "the government" and
        "the police" are that country's."""
        if len(self._sole) != 1:
            return None
        institution = head_match.cue.kind == "org"
        definite = head_match.cue.kind == "sector" and any(
            c.dep_ == "det" and c.lower_ == "the" for c in head.children
        )
        if institution or (definite and head_match.cue.sector in _DOMESTIC_SECTORS):
            return next(iter(self._sole))
        return None

    def _read(self, span: Span) -> Reading:
        local, in_pp = local_words(span)
        matches = find_matches(
            self._tokens, sorted(local), self._lexicon, self._applies, words=self._words
        )
        return Reading(span.root, local, in_pp, matches)

    def _resolve_proxy(self, span: Span, reading: Reading) -> Actor | None:
        """ "Turkey's demands", "U.S. military airstrikes", "dozens of rebels": a noun that
        stands for its owner, its "by" agent, or the group it counts."""
        head = reading.head
        lemma = head.lemma_.lower()
        if lemma not in self._lexicon.proxy_nouns and not head.like_num:
            return None
        country = sector = name = title = None
        for owner in self._owners(head, span, reading):
            sub = self._doc[
                max(owner.left_edge.i, span.start) : min(owner.right_edge.i + 1, span.end)
            ]
            actor = self._resolve(sub) if sub.root == owner else None
            if actor is None:
                actor = self._place_inside(owner, span)  # "Pakistan-based groups"
            if actor is None:
                continue
            country = country or actor.country
            sector = sector or actor.sector
            name, title = name or actor.name, title or actor.title
            if country and sector:
                break
        if country is None and sector is None:
            return None
        sector = sector or self._lexicon.proxy_nouns.get(lemma)
        country = country or self._located_in(head, span)  # "a police headquarters in Kabul"
        if country is None and sector not in (None, "IGO") and name is None:
            guessed = self._context.country_for(head)  # "a government convoy near El Fasher"
            if guessed is not None:
                actor = self._actor(span, guessed, sector, title=title)
                return replace(actor, country_inferred=True)
        return self._actor(span, country, sector, name=name, title=title)

    def _unlisted_body(self, span: Span, reading: Reading) -> Actor | None:
        """A body known by a name no table lists, said with what it is or where it is from:
        "the Israeli NGO Israel Flying Aid" → ISRNGO, "the Canadian International
        Development Agency" → CAN. Only the phrase's own words count (not an "of" or "in"
        phrase), and only a name: "the Israeli plan" is no body."""
        head = reading.head
        capitalised = head.pos_ == "PROPN" or (head.is_title and not head.is_sent_start)
        if not capitalised or head.ent_type_ not in ("ORG", ""):
            return None
        on_head = _modifiers(head)
        own = [
            m
            for m in reading.matches
            if m.cue.kind in ("country", "igo", "org", "sector")
            and any(i in on_head for i in range(m.start, m.end))
        ]
        sectors = [m for m in own if m.cue.kind == "sector" and m.cue.sector]
        countries = [
            country
            for m in own
            if m.cue.kind not in ("person", "entry")
            and (country := self._cue_country(m.cue))
            and country not in self._lexicon.igo_codes
        ]
        if not countries or len(set(countries)) > 1:
            return None
        # with no sector noun, a body named after another is of its kind: "BBC News" is media
        parents = [m.cue.sector for m in own if m.cue.kind == "org" and m.cue.sector]
        sector = sectors[-1].cue.sector if sectors else (parents[-1] if parents else None)
        return self._actor(span, countries[0], sector)

    def _place_inside(self, owner: Token, span: Span) -> Actor | None:
        """The country a modifier is built on: "Pakistan-based", "Iranian-backed"."""
        for token in owner.subtree:
            inside = span.start <= token.i < span.end
            if token.i != owner.i and token.ent_type_ in ("GPE", "NORP") and inside:
                actor = self._resolve(self._doc[token.i : token.i + 1])
                if actor is not None and actor.country:
                    return actor
        return None

    def _owners(self, head: Token, span: Span, reading: Reading) -> list[Token]:
        """Possessor first, then modifiers nearest the head, then "by"/"of" agents."""
        modifiers = [c for c in head.children if c.dep_ in _OWNER_DEPS and c.i in reading.local]
        modifiers.sort(key=lambda t: (t.dep_ != "poss", -t.i))
        agents: list[Token] = []
        for child in head.children:
            preps = [child] if child.dep_ in ("prep", "agent") else []
            allowed = _AGENT_PREPS
            if child.dep_ == "acl":  # "the missiles fired by the Israeli military"
                preps = [c for c in child.children if c.dep_ in ("prep", "agent")]
                if child.lemma_.lower() in _TIES:
                    allowed = _AGENT_PREPS | {"to", "with"}  # "hackers linked to Iran"
            for prep in preps:
                if prep.lower_ in allowed:
                    agents += [
                        o
                        for o in prep.children
                        if o.dep_ == "pobj" and span.start <= o.i < span.end
                    ]
        return modifiers + agents

    def _located_in(self, head: Token, span: Span) -> str | None:
        """The country of an "in ..." phrase on the head: "police in the Gaza Strip" → PSE."""
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "in":
                for obj in child.children:
                    if obj.dep_ == "pobj" and span.start <= obj.i < span.end:
                        place = self.resolve_place(
                            self._doc[obj.left_edge.i : place_name_end(obj) + 1]
                        )
                        if place is not None:
                            return place.country
        return None

    def _where_they_are(self, head: Token) -> str | None:
        """The one country where the phrase's own clause puts people: "people now living in
        Greek refugee camps" → GRC, "the families of those who perished in the Ankara attack"
        → TUR; None where it names places in two countries."""
        countries: set[str] = set()
        stack = [(head, True)]  # a token, and whether it is (one of) the people
        while stack:
            token, people = stack.pop()
            for child in token.children:
                if people and child.dep_ == "prep" and child.lower_ == "of":
                    # not migrants' or refugees': where they were found is not their country
                    stack.extend(
                        (obj, True)
                        for obj in child.children
                        if obj.dep_ == "pobj" and not self._away_from_home(obj)
                    )
                elif people and child.dep_ in ("acl", "relcl"):
                    stack.append((child, False))
                elif not people and self._where_people_are(token, child):
                    countries |= self._places_under(child)
        return next(iter(countries)) if len(countries) == 1 else None

    @staticmethod
    def _where_people_are(clause: Token, preposition: Token) -> bool:
        """Whether a preposition of a clause on people says where they are: "in", "near"...,
        but after "fled", "smuggled" only "from"."""
        if preposition.dep_ != "prep" or preposition.lower_ not in WHERE_PREPOSITIONS:
            return False
        return clause.lemma_.lower() not in _DISPLACED or preposition.lower_ == "from"

    def _away_from_home(self, noun: Token) -> bool:
        return any(
            cue.sector == "REF"
            for key in ((noun.lower_,), (noun.lemma_.lower(),))
            for cue in self._lexicon.cues.get(key, ())
        )

    def _places_under(self, preposition: Token) -> set[str]:
        """The countries of the place an "in/near/at" phrase names: its object ("in Kabul",
        "in Greek refugee camps") or a place named inside it ("in the Ankara attack")."""
        countries: set[str] = set()
        objects = [c for c in preposition.children if c.dep_ == "pobj"]
        for obj in objects + [c for o in objects for c in o.conjuncts]:  # "in X and Y"
            candidates = [self._doc[obj.left_edge.i : place_name_end(obj) + 1]]
            candidates += [
                self._doc[c.left_edge.i : c.i + 1]
                for c in obj.lefts
                if c.dep_ in ("compound", "amod") and c.ent_type_ in ("GPE", "NORP", "LOC")
            ]
            for candidate in candidates:
                place = self.resolve_place(candidate)
                if place is not None and place.country:
                    countries.add(place.country)
                    break
        return countries

    def _applies(self, cue: Cue) -> bool:
        if cue.kind in ("contextual", "place"):
            return cue.requires <= self.in_play
        if cue.kind in ("person", "entry"):
            return cue.person_on(self._on) is not None
        return True

    def _head_sector(self, cue: Cue) -> str | None:
        if cue.kind in ("igo", "org", "seat", "sector"):
            return cue.sector
        return None

    def _role_sector(self, role: Match) -> str | None:
        """A role noun's own sector ("leader" GOV), unless a name no table knows stands
        before it: "Uber chief", "Querfeld founder" head a body of unknown kind."""
        before = self._tokens[role.start - 1] if role.start > 0 else None
        if (
            before is not None
            and self._words.lemma[role.end - 1] in _HEADS_OF_ANY_BODY
            and before.pos_ == "PROPN"
            and before.head.i in range(role.start, role.end)
            and before.ent_type_ not in ("PERSON", "GPE", "NORP", "LOC")
            and not any(m.start <= before.i < m.end for m in self._doc_matches)
        ):
            return None
        return self._head_sector(role.cue)

    def _body_sector(self, reading: Reading, head_match: Match) -> str | None:
        """The sector of the body a role noun belongs to: "Taliban leader" → REB."""
        bodies = [
            m
            for m in reading.matches
            if m is not head_match
            and m.cue.sector
            and m.cue.kind in ("org", "igo", "seat", "sector")
            and not m.cue.role
        ]
        if not bodies:
            return None
        return min(bodies, key=lambda m: m.distance(reading.head, reading.in_pp)).cue.sector

    def _country(self, reading: Reading, head_match: Match | None) -> str | None:
        """The nearest country cue other than the head's own; else the head's own country."""
        others = [
            m
            for m in reading.matches
            if m is not head_match
            and m.cue.kind != "sector"
            and self._cue_country(m.cue)
            and not self._names_a_sponsor(m)
        ]
        if others:
            # A country named outright beats one implied by an organisation ("Nigeria Labour Congress").
            nearest = min(
                others,
                key=lambda m: (
                    m.cue.kind not in _COUNTRY_KINDS,
                    m.distance(reading.head, reading.in_pp),
                ),
            )
            return self._cue_country(nearest.cue)
        return self._cue_country(head_match.cue) if head_match else None

    def _names_a_sponsor(self, match: Match) -> bool:
        """ "Iranian-backed Houthis", "US-funded groups": whose backers, not whose people."""
        doc, end = self._doc, match.end
        return (
            end + 1 < len(doc) and doc[end].text in ("-", "–") and doc[end + 1].lower_ in _SPONSORED
        )

    def _cue_country(self, cue: Cue) -> str | None:
        if cue.kind in ("person", "entry"):
            person = cue.person_on(self._on)
            return person.country if person else None
        return cue.country

    def _actor(
        self,
        span: Span,
        country: str | None,
        sector: str | None,
        name: str | None = None,
        title: str | None = None,
        former: bool = False,
    ) -> Actor:
        if former and sector in _OFFICES:
            sector = "ELI"  # "the former prime minister": an elite, as CAMEO codes ex-officials
        elif country in self._lexicon.igo_codes and sector == "GOV":
            sector = "IGO"  # "the UN envoy", "ASEAN foreign ministers" act for the organisation
        return Actor(
            text=span.text,
            code=compose_code(country, sector, self._lexicon.igo_codes),
            country=country,
            sector=sector,
            name=name,
            title=title,
            span=(span.start_char, span.end_char),
        )

    # ---------------------------------------------------------------- people
    def _resolve_person(self, span: Span, reading: Reading, name_span: Span) -> Actor | None:
        # the match on the family name: "Jean-Pierre Lacroix" is no Ms Jean-Pierre
        name_match = reading.covering(name_span.end - 1)
        known = self._known_person(name_span, name_match)
        titles = [
            m
            for m in reading.matches
            if m.cue.kind in ("sector", "org", "igo", "seat")
            and m.cue.sector
            and not _inside(m, name_span)
        ]
        nearest_title = min(
            titles, key=lambda m: m.distance(name_span.root, reading.in_pp), default=None
        )
        own_matches = [m for m in reading.matches if not _inside(m, name_span)]
        country_cues = [
            m for m in own_matches if self._cue_country(m.cue) and m.cue.kind != "sector"
        ]
        text_country = (
            self._cue_country(
                min(country_cues, key=lambda m: m.distance(name_span.root, reading.in_pp)).cue
            )
            if country_cues
            else None
        )
        text_sector = nearest_title.cue.sector if nearest_title else None
        if nearest_title is not None and nearest_title.cue.role:
            text_sector = self._body_sector(reading, nearest_title) or self._role_sector(
                nearest_title
            )
        office = self._office_held_as(name_span) if not (text_country or known) else None
        if office is not None:
            text_country, text_sector = office.country, text_sector or office.sector
        country = (
            text_country
            or _us_party_tag(span)
            or (known.country if known else None)
            or self._country_of_office(name_span, text_sector)
        )
        sector = text_sector or (known.sector if known else None)
        full_name = known.name if known and known.name else name_span.text
        title = title_of(self._doc, reading, name_span) or (known.title if known else None)
        actor = self._actor(span, country, sector, full_name, title, former=_former(reading))
        if known is not None and known.country_inferred and country == known.country:
            actor = replace(actor, country_inferred=True)  # "Grindeanu said", after a guess
        elif country is None and nearest_title is not None:
            actor = self._placed_by_context(actor, span, name_span, nearest_title)
        self._people.remember(
            full_name, name_span, actor, from_text=bool(text_country or text_sector)
        )
        if not actor.code:
            return None
        return actor

    def _office_held_as(self, name_span: Span) -> Actor | None:
        """The office the person's own clause says they hold or held, where it names its
        country: "Suharto resigned as president of Indonesia", "Gorbachev, who served as
        Soviet leader"."""
        root = name_span.root
        verbs = [c for c in root.children if c.dep_ == "relcl"]
        if root.dep_ in ("nsubj", "nsubjpass"):
            verbs.append(root.head)
        for verb in verbs:
            for preposition in verb.children:
                if preposition.dep_ != "prep" or preposition.lower_ != "as":
                    continue
                for obj in preposition.children:
                    if obj.dep_ != "pobj" or obj.i in range(name_span.start, name_span.end):
                        continue
                    office = self.resolve(self._doc[obj.left_edge.i : obj.right_edge.i + 1])
                    if office is not None and office.country and office.sector:
                        return office
        return None

    def _country_of_office(self, name_span: Span, sector: str | None) -> str | None:
        """ "President Bush", "General Aoun": a titled person no table names in full takes the
        country of everyone the field's dictionaries know by that family name in an office of
        the title's kind, when they all held it in one country. No title, no guess: a family
        name alone matches strangers."""
        phoenix = self._lexicon.phoenix
        if phoenix is None or sector is None or sector == "ELI":
            return None
        words = name_span.text.split()
        if not words or not words[-1][:1].isupper():
            return None
        countries = phoenix.countries_of_office(words[-1], sector)
        if len(words) == 3 or len(words) == 2 and "-" in words[1]:
            # a family name written first ("Moon Jae-in", "Lee Chul Woo") where names are
            # written so: not the given name of "Julie Hirigoyen" or "John Hirigoyen"
            first = phoenix.countries_of_office(words[0], sector)
            countries |= first & FAMILY_NAME_FIRST
        return next(iter(countries)) if len(countries) == 1 else None

    def _placed_by_context(self, actor: Actor, span: Span, name_span: Span, title: Match) -> Actor:
        """ "Prime Minister Grindeanu" in an article about Romania: a titled person the
        article gives no country takes the country of the context, as a sector noun does."""
        post = any(self._words.lemma[i] in _FOREIGN_POSTS for i in range(title.start, title.end))
        if not self._placeable(span, title, post):
            return actor
        guessed = self._context.country_for(name_span.root)
        if guessed is None:
            return actor
        placed = self._actor(
            span, guessed, actor.sector, actor.name, actor.title, former=actor.sector == "ELI"
        )
        return replace(placed, country_inferred=True)

    def _known_person(self, name_span: Span, name_match: Match | None) -> Actor | None:
        """What the article said earlier, or a dictionary says, about the person named."""
        name = name_span.text
        remembered = self._people.recall(name, name_span.start)
        if remembered is not None:
            return remembered
        entry = None
        if name_match is not None and name_match.cue.kind == "person":
            entry = name_match.cue.person_on(self._on)
        entry = self._registry_entry(name, preferred=entry)
        if entry is None:
            return self._by_family_name(name)
        return Actor(
            text=name,
            code=entry.code,
            country=entry.country,
            sector=entry.sector,
            name=entry.name,
            title=entry.title,
        )

    def _by_family_name(self, name: str) -> Actor | None:
        """A family name alone that every person known by it shares one code with: in 2019
        "Kim" may be any of several North Korean officials, all PRKGOV. Which person is
        named only when there is one."""
        people = self._registry.sharing_family_name(
            name, self._on
        ) + self._lexicon.builtin_people.sharing_family_name(name, self._on)
        if len({p.code for p in people}) != 1:
            return None
        first = people[0]
        one_person = len({p.name for p in people}) == 1
        return Actor(
            text=name,
            code=first.code,
            country=first.country,
            sector=first.sector,
            name=first.name if one_person else None,
            title=first.title if len(people) == 1 else None,
        )

    def _registry_entry(self, name: str, preferred: RegistryEntry | None) -> RegistryEntry | None:
        """The user's own entry, else detente's office holders, else what was learned from
        articles, else the built-in dictionaries' entry (origin ``phoenix``, which stop in 2014)."""
        found = self._registry.lookup(name, self._on)
        if found is not None and found.origin in ("user", "petrarch"):
            return found
        if preferred is not None and preferred.origin != "phoenix":
            return preferred
        builtin = self._lexicon.builtin_people.lookup(name, self._on)
        return builtin or found or preferred


# Roles that head a body of any kind ("Uber chief", "CAF head"), unlike "officials" or a
# "spokesman", whom news names mostly for the state's bodies.
_HEADS_OF_ANY_BODY = frozenset({"chief", "head", "director", "chairman", "boss", "founder"})

# "Rep. John Lewis (D-Ga.)", "Sen. Ted Cruz (R-Texas)": a US lawmaker's party and state.
_US_PARTY_TAG = re.compile(r"\((?:D|R|I)\s?-\s?[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?\)")


def _us_party_tag(span: Span) -> str | None:
    return "USA" if _US_PARTY_TAG.search(span.text) else None


def _former(reading: Reading) -> bool:
    """Whether the phrase describes someone who used to hold the office ("former", "ex-")."""
    for i in reading.local - reading.in_pp:
        word = reading.head.doc[i].lower_
        if word in ("former", "ex") or word.startswith("ex-"):
            return True
    return False


# Words that count what follows "of": "hundreds of soldiers", "a group of protesters".
_COUNTING_NOUNS = frozenset(
    {"hundred", "thousand", "million", "dozen", "score", "ten", "tens", "number", "group",
     "handful", "couple", "team", "batch", "contingent", "unit", "band", "crowd", "convoy"}
)  # fmt: skip


def _counted(span: Span) -> Span | None:
    """What a counting head counts: "hundreds of Russian soldiers" → "Russian soldiers"."""
    head = span.root
    if head.lemma_.lower() not in _COUNTING_NOUNS and head.pos_ != "NUM":
        return None
    for preposition in head.children:
        if preposition.dep_ == "prep" and preposition.lower_ == "of":
            counted = next((c for c in preposition.children if c.dep_ == "pobj"), None)
            if (
                counted is not None
                and span.start <= counted.left_edge.i
                and counted.right_edge.i < span.end
            ):
                return span.doc[counted.left_edge.i : counted.right_edge.i + 1]
    return None


def _is_place(token: Token) -> bool:
    """ "in Hanoi", "at the Kremlin", "in the Azerbaijani capital of Baku": where something
    happened, not who took part."""
    if token.dep_ != "pobj":
        return False
    if token.head.lower_ == "of" and token.head.head.i != token.head.i:
        return _is_place(token.head.head)
    return token.head.lower_ in ("in", "at", "near", "outside", "inside")


def _inside(match: Match, span: Span) -> bool:
    return span.start <= match.start and match.end <= span.end

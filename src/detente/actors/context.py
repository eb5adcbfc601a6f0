"""The country of a side the phrase itself does not place: "a government convoy", "police",
"the rebels".

A sector noun with no country of its own takes, in this order, the country of a place in
its clause, when the article names that country ("rebels attacked a government convoy near
El Fasher" in an article about Sudan → SDN; not "officials met in Geneva"), of the article's
dateline ("KHARTOUM, May 3 (Reuters) -", unless the article is mainly about another
country), or the article's main country. Each is a guess
from context, so the actor is marked ``country_inferred`` and its events get a lower
confidence. No guess is made where the sentence names two candidate countries and nothing
decides between them: a clause with places in two countries, a sentence that names a
country other than the dateline's, or, for the article's main country, any country at all
(the one it names may be the other side's).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from ..nlp import doc_text

# Prepositions whose object says where something happened: "near El Fasher", "in Kandahar".
WHERE_PREPOSITIONS = frozenset(
    {"in", "near", "at", "outside", "inside", "around", "across", "from"}
)
# Dependents that start a clause of their own below the one a phrase is in.
_OTHER_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis", "xcomp", "acl"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
# What may follow a place's name without being part of it.
_AFTER_A_NAME = frozenset(
    {"appos", "relcl", "acl", "punct", "prep", "cc", "conj", "advmod", "npadvmod"}
)
# A wire dateline: "KHARTOUM, May 3 (Reuters) -", "MOSCOW (AP) -", "Kabul, Afghanistan -",
# "GENEVA, March 27. /TASS/.".
_DATELINE = re.compile(
    r"^\s*([A-Z][A-Za-z .'\-]{1,40}?)\s*(?:,[^\n]{0,60}?)?(?:\([^)\n]{1,40}\))?\s*"
    r"(?:[-\u2013\u2014]+\s|/[A-Z][A-Za-z-]{1,20}/\.?)"
)

PlaceCountry = Callable[[Span], "str | None"]
"""The country of a place phrase, or None (:meth:`ArticleActors.resolve_place`)."""


class ArticleContext:
    """Where an article is: the country of its dateline and its main country."""

    def __init__(
        self,
        doc: Doc,
        place_country: PlaceCountry,
        sentence_countries: Callable[[Span], set[str]],
        named_outright: Callable[[Span], set[str]],
        main_country: str | None,
        dateline_country: Callable[[str], str | None],
        in_play: frozenset[str] = frozenset(),
    ) -> None:
        """``in_play``: the countries the article names outright; ``named_outright``: the
        countries a sentence names by name, demonym, capital or place (not through the people
        it names)."""
        self._named_outright = named_outright
        self._doc = doc
        self._in_play = in_play
        self._place_country = place_country
        self._sentence_countries = sentence_countries
        self.main = main_country
        self.dateline, self._dateline_end = _dateline(doc_text(doc), dateline_country)

    def country_for(self, head: Token) -> str | None:
        """The country a phrase headed by ``head`` belongs to by its context, or None. The
        sentence's countries count wherever it names them, in the phrase too ("a professor
        at Hong Kong University" is no guess)."""
        sentence = head.sent
        if sentence.start_char < self._dateline_end:  # not "(Reuters)" of the dateline
            after = [t.i for t in sentence if t.idx >= self._dateline_end]
            sentence = self._doc[after[0] : sentence.end] if after else sentence
        named = self._sentence_countries(sentence)
        places = self._clause_places(head)
        if len(places) == 1 and named <= places <= self._in_play:
            # not "officials met in Geneva" in an article about Syria: talks abroad
            return next(iter(places))
        if places:
            return None  # places in two countries, or abroad: nothing says whose side it is
        if self.dateline is not None and self.main not in (None, self.dateline):
            return None  # written in one country about another: whose is it?
        if self.dateline is not None and self.dateline in self._in_play:
            return self.dateline if named <= {self.dateline} else None
        # the article's own country only where the sentence names no other: in "Prime
        # Minister X sent condolences to Israel", X is rarely Israel's; but protesters
        # "calling on President Park to step down" in an article about Korea are Korea's
        return self.main if named <= {self.main} and not self._named_outright(sentence) else None

    def _clause_places(self, head: Token) -> set[str]:
        """The countries of the places where the phrase's clause says things happened."""
        verb = head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        countries: set[str] = set()
        stack = [verb]
        while stack:
            token = stack.pop()
            for child in token.children:
                if child.dep_ in _OTHER_CLAUSES and child.i != head.i:
                    continue
                stack.append(child)
            if (
                token.dep_ == "pobj"
                and token.head.lower_ in WHERE_PREPOSITIONS
                and (token.ent_type_ in _PLACE_ENTS or token.pos_ == "PROPN")
            ):
                place = self._doc[token.left_edge.i : place_name_end(token) + 1]
                country = self._place_country(place)
                if country is not None:
                    countries.add(country)
        return countries


def place_name_end(token: Token) -> int:
    """Where a place's name ends: with its "of" ("parts of Bosnia"), not with what follows it
    in apposition or a clause ("Kabul, the seventh attack in the country this month" is
    Kabul)."""
    name = [
        c
        for c in token.rights
        if c.dep_ not in _AFTER_A_NAME or c.dep_ == "prep" and c.lower_ == "of"
    ]
    return max((c.right_edge.i for c in name), default=token.i)


def _dateline(text: str, country_of: Callable[[str], str | None]) -> tuple[str | None, int]:
    """The country of the town a wire dateline names, and where the dateline ends; (None,
    0) if the article opens with none."""
    match = _DATELINE.match(text[:200])
    if match is None:
        return None, 0
    place = match.group(1).strip()
    return country_of(place) or country_of(place.title()), match.end()

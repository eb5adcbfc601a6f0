"""References back to actors named before: "it" and "they", and the plurals that stand for
the pair of states the article just named ("the two ministries", "both sides", "their
countries"; :meth:`ArticleActors.sides` finds the pair). People ("he", "she", a surname)
are in :mod:`detente.actors.people`.

These are small rules, not a coreference model: "it" or "they" stands for the latest
subject, earlier in its sentence or in the one before, when that subject names an actor of
the same number and is not a person ("North Korea fired a missile on Sunday. It said ..." →
PRK); otherwise for nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Span, Token

from ..model import Actor
from .reading import Match

SINGULAR = frozenset({"it"})
PLURAL = frozenset({"they", "them"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# "the two countries", "both sides", "the two leaders": the pair the article just named.
PAIR_NOUNS = {
    "country": None,
    "nation": None,
    "side": None,
    "state": None,
    "neighbour": None,
    "neighbor": None,
    "government": "GOV",
    "leader": "GOV",
    "capital": "GOV",
}
# Sectors of a state's own bodies: "the two ministries", "both armies" stand for a pair of states.
_STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})


def refers_back(
    pronoun: Token,
    resolve: Callable[[Span], Actor | None],
    sentence_of: Callable[[int], int],
) -> Actor | None:
    """The actor ``pronoun`` ("it", "they", "them") stands for, or None."""
    word = pronoun.lower_
    if word not in SINGULAR | PLURAL or pronoun.dep_ == "expl":
        return None
    doc: Doc = pronoun.doc
    here = sentence_of(pronoun.i)
    for token in reversed(doc[max(0, pronoun.i - 80) : pronoun.i]):
        if sentence_of(token.i) < here - 1:
            break
        if token.dep_ not in _SUBJECTS:
            continue
        if token.pos_ not in ("NOUN", "PROPN") or (token.tag_ in _PLURAL_TAGS) != (word in PLURAL):
            return None  # the latest subject is another pronoun, or of another number
        if any(c.dep_ == "conj" for c in token.subtree):
            return None  # "the presidents of Russia and Turkey": two, no one actor
        actor = resolve(doc[token.left_edge.i : token.right_edge.i + 1])
        if actor is None or not actor.country or actor.name:
            return None  # the latest subject is no body we know, or a person: no guess
        return actor
    return None


def pair_sector(noun: Token, matches: Sequence[Match]) -> str | None:
    """The sector of a plural that may stand for a pair ("the two ministries" → GOV,
    "both sides" → none); "" when the noun names no actor. ``matches``: the document's
    lexicon matches."""
    lemma = noun.lemma_.lower()
    if lemma in PAIR_NOUNS:
        return PAIR_NOUNS[lemma]
    for match in matches:
        if match.start <= noun.i < match.end and match.cue.kind in ("sector", "org"):
            sector = match.cue.sector
            return sector if sector in _STATE_SECTORS else ""  # not "both men"
    return ""


def definite_pair(noun: Token) -> bool:
    """ "the two ministries", "both armies", not "two ministries"."""
    words = {c.lower_ for c in noun.children if c.dep_ in ("det", "predet", "nummod", "poss")}
    return "both" in words or "their" in words or {"the", "two"} <= words


def names_a_pair(word: Token, noun: Token) -> bool:
    """ "the two ministries", "both sides", "their countries": a word on the noun that says it
    stands for the pair."""
    if word.head.i != noun.i:
        return False
    if word.lower_ in ("two", "both"):
        return True
    return word.lower_ == "their" and noun.lemma_.lower() in ("country", "nation", "government")

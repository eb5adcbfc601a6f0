"""What "it" and "they" refer back to: the body or group the article made the subject just
before ("North Korea fired a missile on Sunday. It said the test ..." → PRK).

People ("he", "she") are in :mod:`detente.actors.people`; pairs ("the two countries",
"both sides") in :meth:`ArticleActors.sides`. This is a small rule, not a coreference
model: the pronoun stands for the latest subject, earlier in its sentence or in the one
before, when that subject names an actor of the same number and is not a person; otherwise
for nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from ..model import Actor

SINGULAR = frozenset({"it"})
PLURAL = frozenset({"they", "them"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})


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

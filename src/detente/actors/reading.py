"""Reading one noun phrase: which of its words count, and which cues they hold.

A phrase's *local* words are those reachable from its head without crossing a clause, a
coordination or a prepositional phrase other than "of"/"from" ("the bastion in the country"
keeps only "the bastion"). Cues are found by longest match over runs of local words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..nlp import entity_edges
from .lexicon import Cue, Lexicon

# Dependents that start another clause, another conjunct, or a comment on the phrase.
_DROP_DEPS = frozenset(
    {
        "relcl",
        "acl",
        "advcl",
        "conj",
        "cc",
        "ccomp",
        "xcomp",
        "parataxis",
        "preconj",
        "prt",
        "advmod",
    }
)
# Prepositions whose object still describes the head: "the minister of Russia", "officials from Seoul".
_KEEP_PREPS = frozenset({"of", "from"})
# "a spokesman for the foreign ministry" speaks for it; "the envoy for North Korea" does not.
# People who speak or act for a body: "a spokesman for the Russian foreign ministry".
SPEAKER_HEADS = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "representative", "negotiator"}
)
# Heads whose "to" phrase says whom they serve: "an adviser to Vladimir Putin" (not "the
# ambassador to the U.S.", who is sent there).
ADVISER_HEADS = frozenset(
    {"adviser", "advisor", "aide", "assistant", "counsellor", "counselor", "consultant"}
)
_PP_PENALTY = 100


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    cue: Cue

    def distance(self, head: Token, in_pp: set[int]) -> int:
        if self.start <= head.i < self.end:
            gap = 0
        else:
            gap = min(abs(self.start - head.i), abs(self.end - 1 - head.i))
        return gap + (_PP_PENALTY if self.start in in_pp else 0)


@dataclass
class Reading:
    """The local words of a phrase and the cues among them."""

    head: Token
    local: set[int]
    in_pp: set[int]
    matches: list[Match]

    def covering(self, i: int) -> Match | None:
        for match in self.matches:
            if match.start <= i < match.end:
                return match
        return None


def local_words(span: Span) -> tuple[set[int], set[int]]:
    """Token indices of the phrase that describe its head, and those reached through a PP."""
    head = span.root
    local: set[int] = set()
    in_pp: set[int] = set()
    stack: list[tuple[Token, bool]] = [(head, False)]
    while stack:
        token, through_pp = stack.pop()
        if not span.start <= token.i < span.end:
            continue
        local.add(token.i)
        if through_pp:
            in_pp.add(token.i)
        for child in token.children:
            if child.dep_ in _DROP_DEPS:
                continue
            if child.dep_ == "prep":
                word = child.lower_
                if child.ent_iob_ == "I" and child.ent_type_ == "ORG":
                    # inside a name: "the Syrian Observatory for Human Rights"
                    stack.append((child, through_pp))
                    continue
                if word not in _KEEP_PREPS and not (
                    (word == "for" and token.lower_ in SPEAKER_HEADS)
                    or (word == "to" and token.lemma_.lower() in ADVISER_HEADS)
                ):
                    continue
                stack.append((child, True))
                continue
            stack.append((child, through_pp))
    return local, in_pp


@dataclass(frozen=True)
class TokenWords:
    """Each token's lower-case form, text and lemma, and whether a lexicon phrase may start
    there: read from spaCy once per document, since every phrase lookup needs them."""

    lower: list[str]
    text: list[str]
    lemma: list[str]
    starts: list[bool]

    @classmethod
    def of(cls, tokens: list[Token], lexicon: Lexicon) -> TokenWords:
        lower = [t.lower_ for t in tokens]
        lemma = [t.lemma_.lower() for t in tokens]
        starts = [lexicon.could_start_words(w, m) for w, m in zip(lower, lemma, strict=True)]
        return cls(lower, [t.text for t in tokens], lemma, starts)


def find_matches(
    doc_tokens: list[Token],
    indices: list[int],
    lexicon: Lexicon,
    applies: Callable[[Cue], bool] | None = None,
    words: TokenWords | None = None,
) -> list[Match]:
    """Longest-first matches of lexicon phrases over runs of consecutive token indices; with
    ``applies``, only cues it accepts ("the North" may be North Korea or Sudan's north).
    ``words``: the document's :class:`TokenWords`, when the caller keeps them."""
    words = words or TokenWords.of(doc_tokens, lexicon)
    matches: list[Match] = []
    for run in _runs(indices):
        pos = 0
        while pos < len(run):
            found = _longest_at(doc_tokens, words, run, pos, lexicon, applies)
            if found is None:
                pos += 1
                continue
            length, cue = found
            if cue.kind != "stop":
                matches.append(Match(run[pos], run[pos] + length, cue))
            pos += length
    return matches


def _longest_at(
    tokens: list[Token],
    words: TokenWords,
    run: list[int],
    pos: int,
    lexicon: Lexicon,
    applies: Callable[[Cue], bool] | None = None,
) -> tuple[int, Cue] | None:
    if not words.starts[run[pos]]:
        return None
    longest = min(lexicon.longest_from(words.lower[run[pos]]), len(run) - pos)
    for length in range(longest, 0, -1):
        span = run[pos : pos + length]
        if span[-1] - span[0] != length - 1:
            continue
        first, last = span[0], span[-1] + 1
        key = tuple(words.lower[first:last])
        surface = tuple(words.text[first:last])
        cue = lexicon.match(key, surface, words.lemma[last - 1], applies)
        if cue is None or not _fits(cue, tokens, first, last - 1, lexicon):
            continue
        return length, cue
    return None


def _fits(cue: Cue, tokens: list[Token], first: int, last: int, lexicon: Lexicon) -> bool:
    """Context checks a dictionary match must pass before it counts."""
    if cue.kind == "sector":
        # A sector word must be a noun, or stand in a noun's place ("police chief"):
        # "official visit" names no official. An adjective counts on a role noun: "a
        # parliamentary delegation" is the parliament's.
        token = tokens[last]
        return (
            token.pos_ in ("NOUN", "PROPN")
            or token.dep_ in ("compound", "nsubj", "dobj", "pobj")
            or (token.dep_ == "amod" and _is_role_noun(token.head, lexicon))
        )
    if cue.kind == "person" and first == last:
        # A lone surname ("Putin") must be used as a name, not a word ("Abe", "Moon" at a sentence start).
        # (The small model tags a sentence-initial "Trump" as a common noun.)
        return tokens[first].pos_ in ("PROPN", "NOUN") or tokens[first].ent_type_ == "PERSON"
    if cue.kind in ("country", "capital", "seat", "contextual", "place"):
        # "Jordan" in "Michael Jordan", "Washington" in "Denzel Washington": a cue inside a longer
        # person's name. A person entity that is just the cue ("Azerbaijani") is a tagging slip.
        # (the entity test only on a person token: ``Span.ents`` walks the whole document)
        token = tokens[first]
        if token.ent_type_ == "PERSON" and not token.doc[first : last + 1].ents:
            return _entity_is_just(tokens, first, last)  # "Sri Lanka's" tagged a person
    return True


def _is_role_noun(token: Token, lexicon: Lexicon) -> bool:
    cue = lexicon.match(
        (token.lower_,),
        (token.text,),
        token.lemma_.lower(),
        lambda c: c.kind == "sector" and c.role,
    )
    return cue is not None


def _entity_is_just(tokens: list[Token], first: int, last: int) -> bool:
    """Whether the entity around ``first`` covers exactly tokens ``first``..``last``, with at
    most a possessive ending the tagger took in ("Sri Lanka's police")."""
    start, end = entity_edges(tokens[first])
    while end - 1 > last and tokens[end - 1].tag_ == "POS":
        end -= 1
    return (start, end - 1) == (first, last) and last > first


def _runs(indices: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in sorted(indices):
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs

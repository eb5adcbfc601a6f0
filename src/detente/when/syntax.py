"""What the parse says about time: a clause's tense, where an expression attaches.

All functions read spaCy's tags and dependency labels (English, ClearNLP labels as
the ``en_core_web_*`` models give them).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from ..nlp import absolute_with
from .lexicon import FUTURE_GOVERNORS, OCCASION_PREPOSITIONS, REPORTING_VERBS, STATE_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_VERBAL = frozenset({"VERB", "AUX"})
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "would"})
_PAST_AUX = frozenset({"was", "were", "had", "did"})
_PERFECT_AUX = frozenset({"has", "have", "'ve", "had"})
_PRESENT_AUX = frozenset({"is", "are", "am", "'s", "'re", "'m", "does", "do"})
_INHERITS = frozenset({"xcomp", "conj", "ccomp", "advcl"})
_CHAIN_LINKS = frozenset({"xcomp", "conj"})


def verb_of(token: Token) -> Token:
    """The token itself when verbal, else its nearest verbal ancestor (or itself)."""
    for t in [token, *token.ancestors]:
        if t.pos_ in _VERBAL:
            return t
    return token


def tense_of(token: Token, depth: int = 0) -> str:
    """The tense of the clause ``token`` heads: past, present, future or unknown.

    Future: "will"/"shall"/"would" ("said it would impose") or an infinitive under a
    verb of intent ("plans to visit", "is going to", "agreed to meet"), or a headline's
    bare infinitive ("China to hold talks"). Past: VBD,
    VBN (also "has met"), or a past auxiliary. Present: VBZ/VBP, or "is visiting".
    A bare infinitive or participle in a complement takes its head's tense.
    """
    verb = verb_of(token)
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & _FUTURE_AUX:
        return "future"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in FUTURE_GOVERNORS:
        return "future"
    if verb.dep_ == "ROOT" and "to" in aux:
        return "future"  # headline style: "China to hold talks with Japan next week"
    if aux & (_PAST_AUX | _PERFECT_AUX):
        return "past"
    if aux & _PRESENT_AUX:
        return "present"
    if verb.tag_ in ("VBD", "VBN"):
        return "past"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.dep_ in _INHERITS and verb.head.i != verb.i and depth < 4:
        return tense_of(verb.head, depth + 1)
    return "unknown"


def host_of(span: Span, triggers: Collection[int]) -> Token:
    """The word a time expression modifies: the first verb or event trigger above it.

    "met Xi on Thursday" → "met"; "the visit on Monday" (a nominal trigger) → "visit".
    A time right after a reporting verb is the report's, wherever the parser hung it:
    "said on Saturday it would retaliate" (journalists write the saying's day there).
    """
    before = span.doc[span.start - 1] if span.start > span.sent.start else None
    if before is not None and before.pos_ == "ADP" and before.i > span.sent.start:
        before = span.doc[before.i - 1]  # "said on Saturday"
    if before is not None and is_reporting(before):
        return before
    t = span.root
    if describes_a_thing(span):
        # "a December incident in which a destroyer locked its radar": the incident's time,
        # and so that of the clause about it; "over a December incident" dates no verb
        noun = t.head
        told = [c for c in noun.children if c.dep_ == "relcl" and c.pos_ in _VERBAL]
        return told[0] if told else noun
    while t.head.i != t.i:
        t = t.head
        if t.pos_ in _VERBAL or t.i in triggers:
            return t
    return t


_THING_MODIFIERS = frozenset({"compound", "amod", "nmod", "poss"})


def describes_a_thing(span: Span) -> bool:
    """A time that modifies a noun in front of it: "a December incident", "the 2014 war"."""
    root = span.root
    return (
        root.dep_ in _THING_MODIFIERS
        and root.head.pos_ in ("NOUN", "PROPN")
        and root.i < root.head.i
    )


def clause_chain(token: Token) -> set[Token]:
    """``token`` and the verbs joined to it by xcomp/conj, up and down.

    "agreed to meet", "will arrive ... and meet": one clause for dating purposes.
    """
    top = token
    while top.dep_ in _CHAIN_LINKS and top.head.i != top.i:
        top = top.head
    chain, frontier = {top}, [top]
    while frontier:
        for child in frontier.pop().children:
            if child.dep_ in _CHAIN_LINKS and child not in chain:
                chain.add(child)
                frontier.append(child)
    return chain


def coordinated_clauses(token: Token) -> set[Token]:
    """The clause an "and" just before ``token``'s own clause joins it to, however the
    parser hung the two: "Xi and Kim held talks on Thursday, and Xi pledged aid, Xinhua
    reported" ("held" and "pledged")."""
    top = token
    while top.dep_ in _CHAIN_LINKS and top.head.i != top.i:
        top = top.head
    first = top.left_edge
    if first.i == first.sent.start:
        return set()
    joiner = first.doc[first.i - 1]
    if joiner.dep_ != "cc" or joiner.lower_ != "and" or joiner.head.pos_ not in _VERBAL:
        return set()
    return clause_chain(joiner.head) - {top}


_CLAUSE_BOUNDARIES = frozenset({"relcl", "acl", "ccomp", "csubj", "csubjpass", "parataxis"})


def governing_verbs(token: Token) -> list[Token]:
    """The verbs above ``token`` within its sentence's clause structure, nearest first.

    The walk stops at a clause boundary: a relative or complement clause has its own
    time ("the minister, who met X on Monday, said ..."; "denied Friday that ...").
    """
    verbs = []
    t = token
    while t.head.i != t.i and (t.dep_ not in _CLAUSE_BOUNDARIES or absolute_with(t) is not None):
        t = t.head
        if t.pos_ in _VERBAL:
            verbs.append(t)
    return verbs


_NOUN_MODIFIERS = frozenset({"relcl", "acl", "appos"})
_ATTRIBUTIONS = frozenset({"parataxis", "ccomp"})


def reporting_verb_over(token: Token) -> Token | None:
    """The reporting verb ("reported", "said", "told") whose content the clause is.

    Either above it ("KCNA reported Sunday that Kim met Xi") or, for an attribution
    that follows its clause, hanging below the sentence's root ("Kim met Xi on
    Thursday, KCNA said"). A relative clause on a noun is not the report's content:
    in "Moon, who met Kim in April, said ..." the meeting is not what Moon said.
    """
    t = token
    while t.head.i != t.i:
        if t.dep_ in _NOUN_MODIFIERS:
            return None
        t = t.head
        if is_reporting(t):
            return t
    for child in t.children:
        if child.dep_ in _ATTRIBUTIONS and child.i > token.i and is_reporting(child):
            return child
    return None


def is_reporting(token: Token) -> bool:
    return token.pos_ in _VERBAL and token.lemma_.lower() in REPORTING_VERBS


def on_the_eve_of(token: Token) -> bool:
    """Whether the word is what "the eve of" names: "arrived on the eve of his summit"."""
    return (
        token.dep_ == "pobj"
        and token.head.lower_ == "of"
        and token.head.head.lemma_.lower() == "eve"
    )


def part_of_a_name(span: Span) -> bool:
    """A month or day word that is part of a name after a possessive: "the Women's March",
    "Children's Day" name an event or a holiday, not a time."""
    before = span.doc[span.start - 1] if span.start > span.sent.start else None
    return (
        before is not None
        and before.tag_ == "POS"
        and not any(t.like_num for t in span)
        and all(t.is_title for t in span if t.is_alpha)
    )


def dates_its_subject_state(span: Span, host: Token) -> bool:
    """A time that is the subject of a verb of state: "Thursday marks 100 days since the
    arrest", "Monday is the deadline". It dates the anniversary or the state, not the
    events the clause speaks of."""
    if host.lemma_.lower() not in STATE_VERBS or span.root.head != host:
        return False
    subject_less = not any(c.dep_ in ("nsubj", "nsubjpass") for c in host.children)
    return span.root.dep_ in ("nsubj", "nsubjpass") or (
        span.root.i < host.i and subject_less  # parsed "Thursday/npadvmod marks"
    )


def occasion_of(host: Token, chain: Collection[Token]) -> bool:
    """Whether a time's host is the occasion of a verb of the chain: "pledged ... in their
    summit in Beijing last January" (the summit's time is the pledge's), "spoke at the
    meeting on Friday"."""
    prep = host.head
    return (
        host.dep_ == "pobj"
        and host.pos_ == "NOUN"
        and prep.lower_ in OCCASION_PREPOSITIONS
        and prep.head in chain
    )

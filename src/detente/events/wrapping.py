"""Verbs that wrap another event: "agreed to hold talks" (036), "refused talks" (125),
"urged Iran to release" (0253), "would do what it could to help the North" (033).

A wrapping verb (``wrap=`` in triggers.tsv) and the event it takes, as a to- or that-clause or
as an event noun, become one candidate whose code ``wrappers.tsv`` gives.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from .extract import Candidate, match_noun, wrapped_noun_event
from .lexicon import Lexicon
from .syntax import child_with, is_infinitive, pobj_of, prep_objects

# Verbs that only say when an act runs: "vowed to continue rallying", "threatened to resume
# strikes".
_ASPECTUAL = frozenset({"continue", "keep", "resume", "start", "begin"})


def _complement_candidate(
    verb: Token, by_head: dict[int, Candidate], purpose: bool = False
) -> Candidate | None:
    """The coded event a wrapping or reporting verb introduces (its to- or that-clause), or
    with ``purpose`` the one it is done for ("sent experts to investigate the attacks")."""
    for child in verb.children:
        if child.dep_ in ("xcomp", "ccomp") and child.i in by_head:
            return by_head[child.i]
        if child.dep_ == "xcomp" and child.lemma_.lower() in _ASPECTUAL:
            # "vowed to continue rallying": the rallying, which "continue" only times
            inner = _complement_candidate(child, by_head)
            if inner is not None:
                return inner
        if child.dep_ in ("xcomp", "ccomp") and child.lemma_.lower() == "do":
            done = _done_for(child, by_head)
            if done is not None:
                return done
        if purpose and child.dep_ == "advcl" and child.i in by_head and is_infinitive(child):
            return by_head[child.i]
    return None


def wrap_event_nouns(found: list[Candidate], sent: Span, lexicon: Lexicon) -> list[Candidate]:
    """ "agreed to talks with the US" (036), "refused talks" (125), "threatened sanctions"
    (1312): a wrapping verb and the event noun it takes as its object or after "to" or
    "for" are one event, when the wrapper has a code for that noun's event."""
    out: list[Candidate] = []
    taken: set[int] = set()
    for candidate in found:
        wrap = candidate.trigger.wrap
        noun = None
        if wrap not in (None, "purpose") and candidate.wrapped_by is None:
            noun = _event_noun(candidate.head, sent, lexicon)
        whole = _merge_wrapper(candidate, noun, lexicon) if noun is not None else None
        if whole is not None and noun is not None:
            taken.add(noun.head.i)
        out.append(whole or candidate)
    return [c for c in out if c.wrapped_by is not None or not any(t.i in taken for t in c.tokens)]


# Nouns for a phase of the event their "of" phrase names.
_PHASE_NOUNS = frozenset(
    {"resumption", "start", "launch", "holding", "continuation", "beginning", "renewal"}
)


def _event_noun(verb: Token, sent: Span, lexicon: Lexicon) -> Candidate | None:
    for child in verb.children:
        noun = child if child.dep_ == "dobj" else None
        if child.dep_ == "prep" and child.lower_ in ("to", "for"):
            noun = pobj_of(child)
        if child.dep_ == "xcomp" and child.lemma_.lower() in lexicon.light_verbs:
            noun = child_with(child, {"dobj"})  # "agreed to undertake joint exercises"
        if noun is not None and noun.lemma_.lower() in _PHASE_NOUNS:
            # "agreed to a speedy resumption of meetings": the meetings
            noun = next(iter(prep_objects(noun, "of")), noun)
        if noun is None or noun.pos_ != "NOUN":
            continue
        entry = match_noun(noun, lexicon)
        if entry is not None:
            return wrapped_noun_event(noun, entry, sent)
    return None


_DONE_FOR = frozenset({"advcl", "xcomp", "acl"})


def _done_for(do: Token, by_head: dict[int, Candidate]) -> Candidate | None:
    """ "would do what it could to help the North", "do its utmost to support Ukraine":
    the event all that doing is for."""
    holders = [do] + [c for c in do.children if c.dep_ == "dobj"]
    for holder in holders:
        for clause in holder.children:
            if clause.i in by_head and clause.dep_ in _DONE_FOR and is_infinitive(clause):
                return by_head[clause.i]
    return None


def _merge_wrapper(wrapper: Candidate, inner: Candidate, lexicon: Lexicon) -> Candidate | None:
    """One event for "agreed to hold talks" (036), "urged Iran to release" (0253), ..."""
    wrap = wrapper.trigger.wrap
    assert wrap is not None
    code = lexicon.wrapped_code(wrap, inner.code)
    if code is None:
        return None
    # the one urged, invited or threatened is the target; else the wrapped event's
    targets = wrapper.targets or inner.targets
    # "Mexico and Canada agreed to lift tariffs on American products": aimed at a third
    # party the wrapped event names, not at each other
    aimed = bool(targets or inner.target_options) and not inner.trigger.reciprocal
    pair = (wrapper.reciprocal_pair and not aimed) or (inner.reciprocal_pair and not targets)
    # "British and EU negotiators failed to reach a deal": the sides the wrapped event found
    sides = inner.sources if pair and len(inner.sources) > len(wrapper.sources) else None
    return Candidate(
        trigger=replace(wrapper.trigger, flags=wrapper.trigger.flags - {"weak", "wraponly"}),
        code=code,
        tokens=sorted(wrapper.tokens + inner.tokens, key=lambda t: t.i),
        sources=sides or wrapper.sources,
        targets=targets,
        modality=wrapper.modality,
        reciprocal_pair=pair,
        target_options=[] if pair else inner.target_options,
        place=inner.place or wrapper.place,
        wrapped_by=inner.trigger,
        object_matched=wrapper.object_matched or inner.object_matched,
        consumed=wrapper.consumed | inner.consumed,
    )


def _someone_elses(inner: Candidate, wrapper: Candidate) -> bool:
    """Whether the wrapped event has a doer of its own, named, other than the wrapper's."""
    own = {s.root.i for s in wrapper.sources}
    named = [s for s in inner.sources if s.root.pos_ != "PRON"]
    return bool(named) and not own & {s.root.i for s in named}


def _conjoined(inner: Candidate, by_head: dict[int, Candidate]) -> list[Candidate]:
    """The coded events joined to a wrapped one that share its doer: "threatened to attack
    the base and kill the general" wraps the killing too."""
    joined: list[Candidate] = []
    verbs = [inner.head]
    while verbs:
        for child in verbs.pop().children:
            if child.dep_ != "conj" or child_with(child, {"nsubj", "nsubjpass"}) is not None:
                continue
            verbs.append(child)
            if child.i in by_head:
                joined.append(by_head[child.i])
    return joined


def apply_wrappers(found: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    by_head = {c.head.i: c for c in found}
    dropped: set[int] = set()
    merged: list[Candidate] = []
    for candidate in found:
        if candidate.trigger.wrap is None:
            continue
        inner = _complement_candidate(
            candidate.head, by_head, purpose=candidate.trigger.wrap == "purpose"
        )
        if inner is not None and inner.trigger.speech and candidate.trigger.wrap == "reject":
            # "declined to comment", "refused to confirm": declining comment, which the
            # statement declined stands for; no rejection of something besides
            dropped.add(candidate.head.i)
            continue
        if inner is None or inner.trigger.speech:
            continue
        if candidate.trigger.wrap == "threat" and _someone_elses(inner, candidate):
            # "officials warned that Russia could send troops": a warning of what another
            # may do, who is no threat; the warners report it
            dropped.add(candidate.head.i)
            inner.reporter = inner.reporter or (candidate.sources[0] if candidate.sources else None)
            continue
        for wrapped in [inner, *_conjoined(inner, by_head)]:
            _wrap(candidate, wrapped, lexicon, dropped, merged)
    return [c for c in found if c.head.i not in dropped] + merged


def _wrap(
    wrapper: Candidate,
    inner: Candidate,
    lexicon: Lexicon,
    dropped: set[int],
    merged: list[Candidate],
) -> None:
    whole = _merge_wrapper(wrapper, inner, lexicon)
    if whole is not None:
        dropped.update((wrapper.head.i, inner.head.i))
        merged.append(whole)
    elif wrapper.trigger.wrap in ("intent", "offer", "reject", "threat"):
        # "vowed to crush the rebels": the wrapped event, with the wrapper's modality cues
        dropped.add(wrapper.head.i)
        if not inner.sources:
            inner.sources = wrapper.sources

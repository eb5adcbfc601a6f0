"""The verb dictionary on a parse: the coder's second opinion on what a verb means.

:func:`match_dictionary` reads one verb of a spaCy parse against the compiled CAMEO verb
patterns of :mod:`detente.events.verbdict`: the verb's lemma (with a hyphenated prefix,
"re-admit", and a particle, "call off"), the words of its subject, its objects and their
modifiers, its particles, and the prepositions on it or its objects with their objects.
The most specific pattern that fits wins; with none, the verb's own code.

:func:`second_opinion` weighs that against the hand lexicon's reading
(``triggers.tsv``, :func:`detente.events.extract.match_verb`):

* the hand lexicon names the object ("provide aid"): it decides;
* the dictionary names no object (only the verb fits): the hand lexicon decides. A block's
  own code goes to every synonym in it ("reside" would occupy territory), so the
  dictionary's verb-only readings never add an event;
* a pattern naming the object says there is no event (``[---]``: "contributed to this
  report", "occupied the nature reserve"): no event, over a bare hand reading;
* our own patterns (``verb_patterns.txt``) naming the object decide over a bare hand
  reading ("gave a luncheon" 043, not aid; "vowed punishment" 138; ministers "clashed over
  the statement" 110, not force);
* a CAMEO pattern naming the object where the hand lexicon has no reading decides
  ("engaged peacekeepers in a firefight" 193, "issued arrest warrants" 173), unless the
  object is an event noun the hand lexicon reads itself ("stepped up attacks");
* a CAMEO pattern naming the object where the hand lexicon reads the bare verb: the hand
  lexicon (on the development tune split letting such patterns re-code cost 5 sentences
  in 949: the legacy patterns are coarser than the hand table).

Where the hand lexicon has an entry for the verb with that very object, listed or ruled
out ("met the challenges"), what it found stands.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .lexicon import Lexicon, Trigger
from .syntax import child_with, conjuncts, patient_of, pobj_of, subject_of
from .verbdict import (
    NULL_CODE,
    Pattern,
    PrepPhrase,
    VerbDictionary,
    VerbEntry,
    load_verb_dictionary,
    singular,
    verb_dictionary_sources,
)

# Roots whose events within one country are still events (arrests, protests, force).
_DOMESTIC_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
_OBJECT_DEPS = frozenset({"dative", "attr", "oprd"})
_PARTICLE_DEPS = frozenset({"prt", "advmod", "acomp", "oprd", "xcomp"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nummod", "quantmod", "nmod", "poss"})
_PREP_DEPS = frozenset({"prep", "agent", "dative"})
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp"})


@dataclass(frozen=True)
class DictionaryMatch:
    """What the dictionary says of one verb: the entry, the pattern (None: the verb on its
    own) and the object token the pattern named."""

    entry: VerbEntry
    pattern: Pattern | None
    obj: Token | None

    @property
    def code(self) -> str | None:
        return self.pattern.code if self.pattern is not None else self.entry.code

    @property
    def names_object(self) -> bool:
        """A pattern that named a word of the parse's objects (not only a particle: "reach
        out" names nothing the verb is done to)."""
        return self.pattern is not None and self.pattern.names_object and self.obj is not None


# --- words ----------------------------------------------------------------------------------


def _forms(token: Token) -> set[str]:
    return {token.lemma_.lower(), token.lower_}


def _doc_forms(doc: Doc) -> list[tuple[str, str]]:
    """Every token's :func:`_forms`, read from spaCy once per document: a verb's scene
    takes those of its whole subtree, and a sentence's verbs share words."""
    forms = doc.user_data.get(_FORMS)
    if forms is None:
        forms = doc.user_data[_FORMS] = [(t.lemma_.lower(), t.lower_) for t in doc]
    return forms


_FORMS = "detente.events.forms"


def verb_lemmas(verb: Token) -> list[str]:
    """The lemmas to look a verb up by: "test-fire" for "test-fired" (the parse splits
    the prefix off), then "fire"."""
    lemma = verb.lemma_.lower()
    doc = verb.doc
    if (
        verb.i >= 2
        and doc[verb.i - 1].text == "-"
        and not doc[verb.i - 1].whitespace_
        and not doc[verb.i - 2].whitespace_
        and doc[verb.i - 2].is_alpha
    ):
        return [f"{doc[verb.i - 2].lower_}-{lemma}", lemma]
    return [lemma]


@functools.lru_cache(maxsize=8192)
def _alternatives(word: str) -> frozenset[str]:
    """The forms a dictionary word matches: itself and its singular, for each of its
    ``/``-separated alternatives."""
    return frozenset(f for w in word.split("/") for f in (w, singular(w)))


class _Words:
    """Matching dictionary words against tokens, with the synonym sets."""

    def __init__(self, sets: dict[str, tuple[str, ...]]) -> None:
        self.sets = sets
        self._single = {
            name: frozenset(f for m in members if " " not in m for f in _alternatives(m))
            for name, members in sets.items()
        }
        self._multi = {
            name: tuple(m for m in members if " " in m) for name, members in sets.items()
        }

    def word(self, word: str, token: Token) -> bool:
        forms = _forms(token)
        if word.startswith("&"):
            name = word[1:]
            if not self._single.get(name, frozenset()).isdisjoint(forms):
                return True
            return any(self.phrase(m, token) for m in self._multi.get(name, ()))
        return not _alternatives(word).isdisjoint(forms)

    def phrase(self, element: str, token: Token) -> bool:
        """The element's last word is the token, its other words are in its phrase."""
        words = element.split()
        if not self.word(words[-1], token):
            return False
        inside = [t for t in token.subtree if t.i != token.i]
        return all(any(self.word(w, t) for t in inside) for w in words[:-1])

    def noun(self, element: str, token: Token) -> bool:
        """The phrase, or a single word that is one of the token's modifiers ("HUMANITARIAN"
        of "humanitarian aid", "MILLION" of "$5 million")."""
        if self.phrase(element, token):
            return True
        return " " not in element and any(
            c.dep_ in _MODIFIER_DEPS and self.word(element, c) for c in token.children
        )

    def heads(self, element: str) -> frozenset[str]:
        """Every form the element's head can take: to rule a pattern out fast."""
        head = element.split()[-1]
        if head.startswith("&"):
            members = self.sets.get(head[1:], ())
            return frozenset(f for m in members for f in self.heads(m))
        return _alternatives(head)


# --- the words around one verb --------------------------------------------------------------


class _Scene:
    """The words around one verb, each read when a pattern first asks for it."""

    def __init__(self, verb: Token, particle: str | None) -> None:
        self.verb = verb
        self.particle = particle
        forms = _doc_forms(verb.doc)
        self.near = {f for t in verb.subtree if t.i != verb.i for f in forms[t.i]}
        if verb.dep_ in ("relcl", "acl"):
            # "the troops who seized the town": the subject is the phrase it describes
            self.near.update(f for t in verb.head.subtree for f in forms[t.i])
        self._subject: list[Token] | None = None
        self._objects: list[Token] | None = None

    @property
    def subject(self) -> list[Token]:
        if self._subject is None:
            subject = subject_of(self.verb)
            self._subject = (
                [t for s in conjuncts(subject) for t in s.subtree] if subject is not None else []
            )
        return self._subject

    @property
    def objects(self) -> list[Token]:
        if self._objects is None:
            verb = self.verb
            patient = patient_of(verb)
            objects = conjuncts(patient) if patient is not None else []
            objects += [c for c in verb.children if c.dep_ in _OBJECT_DEPS and c.pos_ != "ADP"]
            if self.particle is not None:
                # "asked for aid": the particle's object is what is asked for
                pobjs = [
                    pobj_of(c)
                    for c in verb.children
                    if c.dep_ == "prep" and c.lower_ in self.particle.split()
                ]
                objects += [o for pobj in pobjs if pobj is not None for o in conjuncts(pobj)]
            self._objects = objects
        return self._objects

    @property
    def particles(self) -> list[Token]:
        return [c for c in self.verb.children if c.dep_ in _PARTICLE_DEPS]


def _particle_present(verb: Token, particle: str) -> bool:
    """ "called off", "asked for": a particle, or a preposition right after the verb (not
    "gave a dinner in honour of")."""
    words = {
        c.lower_
        for c in verb.children
        if c.dep_ in ("prt", "advmod", "dobj") or (c.dep_ == "prep" and c.i == verb.i + 1)
    }
    return all(w in words for w in particle.split())


# --- one pattern ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Indexed:
    """A pattern with the head forms each of its object and phrase elements needs."""

    pattern: Pattern
    rank: tuple[int, bool]
    """Most specific first; among equals, our own patterns first."""
    needs: tuple[frozenset[str], ...]


def _fits(item: _Indexed, scene: _Scene, words: _Words) -> tuple[bool, Token | None]:
    """Whether the pattern fits the verb's scene, and the object token it named."""
    near = scene.near
    if any(need.isdisjoint(near) for need in item.needs):
        return False, None
    pattern = item.pattern
    for element in pattern.subject:
        if not any(words.phrase(element, t) for t in scene.subject):
            return False, None
    named: Token | None = None
    for element in pattern.objects:
        obj = next((o for o in scene.objects if words.noun(element, o)), None)
        if obj is None:
            if not any(words.word(element, p) for p in scene.particles):
                return False, None
        elif named is None:
            named = obj
    holders = [scene.verb, *scene.objects, *scene.particles]
    for phrase in pattern.phrases:
        pobj = _phrase_object(phrase, holders, words)
        if pobj is None:
            return False, None
        holders.append(pobj)
        if named is None and phrase.elements:
            named = pobj
    return True, named


def _phrase_object(phrase: PrepPhrase, holders: list[Token], words: _Words) -> Token | None:
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ not in _PREP_DEPS or prep.lower_ not in phrase.prepositions:
                continue
            pobj = pobj_of(prep) or child_with(prep, {"pcomp"})
            if pobj is None:
                continue
            for candidate in conjuncts(pobj):
                if all(words.noun(e, candidate) for e in phrase.elements):
                    return candidate
    return None


# --- the dictionary's reading of a verb ----------------------------------------------------


class _Index:
    """The loaded dictionary with its patterns ranked and their needs worked out once."""

    def __init__(self, dictionary: VerbDictionary) -> None:
        self.dictionary = dictionary
        self.words = _Words(dictionary.sets)
        self.by_block = {
            block: [self._indexed(p) for p in patterns]
            for block, patterns in dictionary.patterns.items()
        }
        self._merged: dict[tuple[VerbEntry, ...], _Candidates] = {}

    def _indexed(self, p: Pattern) -> _Indexed:
        heads = self.words.heads
        return _Indexed(
            pattern=p,
            rank=(-p.specificity, p.source != "detente"),
            needs=tuple(
                [heads(e) for e in (*p.subject, *p.objects)]
                + [heads(e) for ph in p.phrases for e in ph.elements]
                + [frozenset(ph.prepositions) for ph in p.phrases]
            ),
        )

    def candidates(self, entries: tuple[VerbEntry, ...]) -> _Candidates:
        """The patterns of the entries' blocks, best first."""
        found = self._merged.get(entries)
        if found is None:
            found = _Candidates(
                sorted(
                    (
                        (e, item)
                        for e in entries
                        for item in self.by_block.get(e.block, [])
                        # a pattern found with some verbs of its block: only those
                        if not item.pattern.verbs or e.key in item.pattern.verbs
                    ),
                    key=lambda pair: pair[1].rank,
                )
            )
            self._merged[entries] = found
        return found


class _Candidates:
    """Ranked patterns with an index from each word to the patterns whose most selective
    element it could be: a verb is checked only against patterns whose words are near it."""

    def __init__(self, ranked: list[tuple[VerbEntry, _Indexed]]) -> None:
        self.ranked = ranked
        self.always: list[int] = []
        self.by_word: dict[str, list[int]] = {}
        for position, (_, item) in enumerate(ranked):
            if not item.needs:
                self.always.append(position)
                continue
            for form in min(item.needs, key=len):
                self.by_word.setdefault(form, []).append(position)

    def near(self, words: set[str]) -> list[tuple[VerbEntry, _Indexed]]:
        positions = set(self.always)
        for word in words:
            positions.update(self.by_word.get(word, ()))
        return [self.ranked[p] for p in sorted(positions)]


@functools.lru_cache(maxsize=1)
def _index() -> _Index:
    """The dictionary with its patterns indexed, once per process: from detente's cache
    (:mod:`detente.cache`), or built from the data files and written there."""
    from ..cache import load_or_build

    return load_or_build(
        "verbs", lambda: _Index(load_verb_dictionary()), sources=verb_dictionary_sources()
    )


def _entries(verb: Token, dictionary: VerbDictionary) -> tuple[VerbEntry, ...]:
    """The verb's dictionary entries: those with their particle present, else plain ones."""
    for lemma in verb_lemmas(verb):
        entries = dictionary.verbs.get(lemma)
        if not entries:
            continue
        with_particle = [e for e in entries if e.particle and _particle_present(verb, e.particle)]
        plain = [e for e in entries if not e.particle]
        if with_particle or plain:
            return tuple(with_particle or plain)
    return ()


def block_heads(verb: Token) -> list[str]:
    """The verbs a verb's dictionary blocks are named after ("impose" for "reimpose")."""
    dictionary = _index().dictionary
    return [
        e.block
        for e in _entries(verb, dictionary)
        if e.block != e.lemma and e.block in dictionary.verbs
    ]


def match_dictionary(verb: Token) -> DictionaryMatch | None:
    """The dictionary's reading of a verb: its most specific fitting pattern, else the verb
    on its own; None for a verb the dictionary does not list, or whose blocks disagree."""
    index = _index()
    entries = _entries(verb, index.dictionary)
    if not entries:
        return None
    scene = _Scene(verb, entries[0].particle)
    for entry, item in index.candidates(entries).near(scene.near):
        fits, obj = _fits(item, scene, index.words)
        if fits:
            return DictionaryMatch(entry, item.pattern, obj)
    # the verb on its own: its code where its blocks agree on one
    codes = {e.code for e in entries if e.code not in (None, NULL_CODE)}
    if len(codes) == 1:
        return DictionaryMatch(next(e for e in entries if e.code in codes), None, None)
    return DictionaryMatch(entries[0], None, None) if not codes else None


# --- the second opinion ---------------------------------------------------------------------


def _has_clause(verb: Token) -> bool:
    return any(c.dep_ in _CLAUSE_DEPS for c in verb.children)


def _spoken_of(verb: Token, obj: Token | None, lexicon: Lexicon) -> bool:
    """Whether the hand lexicon has an entry for this verb with this object, in its list or
    ruled out ("met the deadline", "launched a campaign" only for someone): then what it
    found, or did not, stands."""
    if obj is None:
        return False
    forms = _forms(obj)
    return any(
        (entry.excluded | entry.objects) & forms
        for lemma in verb_lemmas(verb)
        for entry in lexicon.verbs.get(lemma, ())
    )


def dictionary_trigger(found: DictionaryMatch, hand: Trigger | None) -> Trigger:
    """The dictionary's reading as a lexicon entry the extractor can use."""
    pattern, code = found.pattern, found.code or NULL_CODE
    targets: list[str] = []
    if pattern is not None:
        targets += [p for ph in pattern.phrases if ph.target for p in ph.prepositions]
    if pattern is None or pattern.target_is_object or not pattern.objects:
        targets.insert(0, "dobj")  # "engaged peacekeepers in a firefight"
    else:
        targets.append("dative")  # "gave Kiev aid"; else the coder's usual guesses
    flags = set()
    if pattern is not None and pattern.reciprocal:
        flags.add("recip")
    if code[:2] in _DOMESTIC_ROOTS or (hand is not None and hand.domestic):
        flags.add("domestic")
    return Trigger(
        pos="verb",
        lemma=found.entry.lemma,
        particle=found.entry.particle,
        objects=frozenset(_forms(found.obj)) if found.obj is not None else frozenset(),
        targets=tuple(dict.fromkeys(targets)),
        code=code,
        flags=frozenset(flags),
    )


def second_opinion(
    verb: Token, hand: tuple[Trigger, Token | None] | None, lexicon: Lexicon
) -> tuple[Trigger, Token | None] | None:
    """The reading of a verb once the dictionary has been heard (see the module docstring)."""
    if hand is not None and hand[0].objects:
        return hand  # both would name the object: the hand lexicon decides
    found = match_dictionary(verb)
    if found is None or found.pattern is None or not found.names_object:
        return hand  # the dictionary knows only the verb: never more than the hand lexicon
    if _spoken_of(verb, found.obj, lexicon):
        return hand  # "met the deadline": the hand lexicon has decided on this object
    ours = found.pattern.source == "detente"
    if hand is not None and (hand[0].speech or hand[0].wrap) and _has_clause(verb):
        return hand  # "vowed to punish", "said that ...": the clause it takes is the event
    if found.code == NULL_CODE:
        return None  # a meal is no aid, a report no contribution of aid: no event
    if hand is not None and not ours:
        return hand  # the field's patterns re-code a known verb worse than ours (tune)
    if hand is None and not ours and _event_noun(found.obj, lexicon):
        # the object is an event noun the hand lexicon reads itself ("stepped up attacks",
        # "extended the detention"): its nominal event, not the dictionary's verb
        return None
    return dictionary_trigger(found, hand[0] if hand else None), found.obj


def _event_noun(obj: Token | None, lexicon: Lexicon) -> bool:
    return obj is not None and obj.lemma_.lower() in lexicon.nouns

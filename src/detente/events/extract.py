"""Finding events in a parsed sentence: triggers, their participants, place and reporter.

This module reads only the dependency parse and the trigger lexicon; it does not know
about countries. It returns :class:`Candidate` records — token spans for the source,
target, place and reporter of each event — which the coder resolves to actors.

The rules, in the order they apply to a sentence:

* a verb in the lexicon is an event; its most specific entry whose particle and object
  are present wins ("held talks with" over "hold"). The source is its subject (the agent
  of a passive, the subject of the verb it is coordinated with or is the to-complement
  of, the noun a relative clause hangs on); the target is found where the entry says.
* a verb that wraps another ("agreed to hold talks", "urged Iran to release") makes one
  event whose code comes from ``wrappers.tsv``.
* a verb of saying with a coded clause under it is not an event itself: the clause is,
  and the speaker is its reporter ("KCNA reported that ...").
* a noun in the lexicon not already used by a verb is an event when it names its own
  source ("Putin's visit to", "airstrikes by", "talks between A and B", "the
  Russia–China summit") or is the object of a verb whose subject is the source
  ("launched airstrikes against").
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from .lexicon import Lexicon, Trigger
from .modality import modality_of, strongest

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "obj"})
PARTICIPANT_POS = frozenset({"PROPN", "NOUN", "PRON", "NUM", "X"})
NON_PARTICIPANT_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPS = frozenset({"in", "at", "near", "outside"})
# Pronouns that stand for the speaker when they are the subject of a reported clause:
# "Russia said it would ...", "the ministry said they had ...".
SPEAKER_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
# Words a trimmed participant phrase never starts or ends with.
_EDGE_TRIM_POS = frozenset({"PUNCT", "CCONJ", "ADP", "SCONJ"})


@dataclass
class Candidate:
    """An event found in the parse, before its participants are resolved."""

    trigger: Trigger
    code: str
    tokens: list[Token]
    sources: list[Span]
    targets: list[Span]
    modality: str
    reciprocal_pair: bool = False
    """The sources are each other's targets ("talks between A and B", "A and B signed")."""
    place: Span | None = None
    reporter: Span | None = None
    wrapped_by: Trigger | None = None
    target_guessed: bool = False
    """The target is the verb's object or prepositional object, not a slot its entry names."""
    intent_of: str | None = None
    """The code of the event announced, when the candidate is the intent, threat or refusal."""
    object_matched: bool = False
    consumed: set[int] = field(default_factory=set)
    """Token indices the candidate used as triggers (a noun there is not a second event)."""

    @property
    def head(self) -> Token:
        return self.tokens[0]


# --- noun phrases ---------------------------------------------------------------------------


_PHRASE_PREPOSITIONS = frozenset(os.environ.get("EVX_KEEP", "of in from by 's").split())


def _is_clause_tail(child: Token) -> bool:
    """Parts of a noun phrase that say something about it rather than name it: an
    infinitive ("the decision to recognise ..."), an adverbial clause, a preposition
    of purpose, cause or time ("the request for revocation of ...")."""
    if child.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
        return True
    if child.dep_ in ("advcl", "parataxis"):
        return True
    return child.dep_ == "prep" and child.i > child.head.i and child.lower_ not in _PHRASE_PREPOSITIONS


def phrase(head: Token, keep_conjuncts: bool = False) -> Span:
    """The participant phrase headed by a token: its subtree without relative clauses,
    without coordinated siblings (each conjunct is a participant of its own) and
    without leading or trailing punctuation, conjunctions and prepositions."""
    dropped_deps = {"relcl"} if keep_conjuncts else {"relcl", "conj", "cc", "preconj"}
    kept = {t.i for t in head.subtree}
    for child in head.children:
        if child.dep_ in dropped_deps or _is_clause_tail(child):
            kept.difference_update(t.i for t in child.subtree)
    start = end = head.i
    while start - 1 in kept:
        start -= 1
    while end + 1 in kept:
        end += 1
    doc = head.doc
    while start < head.i and (doc[start].pos_ in _EDGE_TRIM_POS or doc[start].dep_ == "case"):
        start += 1
    while end > head.i and (doc[end].pos_ in _EDGE_TRIM_POS or doc[end].dep_ == "case"):
        end -= 1
    return doc[start : end + 1]


def conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("Russia and China" → both)."""
    return [token, *[t for t in token.conjuncts if t.i > token.i]]


def is_participant(token: Token) -> bool:
    if token.pos_ not in PARTICIPANT_POS or token.ent_type_ in NON_PARTICIPANT_ENTS:
        return False
    if token.pos_ == "PRON" and token.lower_ in ("who", "which", "that", "what", "whom"):
        return False
    return True


# --- participants of a verb -----------------------------------------------------------------


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN"
    )


def _child(token: Token, deps: frozenset[str] | set[str]) -> Token | None:
    for child in token.children:
        if child.dep_ in deps:
            return child
    return None


def _pobj(prep: Token) -> Token | None:
    return _child(prep, {"pobj", "pcomp"})


def agent_of(verb: Token) -> Token | None:
    """The doer of a passive verb: the object of its "by" phrase."""
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            return _pobj(child)
    return None


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """Who does what the verb says, following coordination, control and relative clauses."""
    if depth > 4:
        return None
    if is_passive(verb):
        subject = agent_of(verb)
    else:
        subject = _child(verb, {"nsubj", "csubj"})
    if subject is not None:
        if subject.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            return verb.head
        return subject
    head = verb.head
    if head is verb:
        return None
    if verb.dep_ == "xcomp":
        # object control: "urged Iran to release" — Iran releases
        controller = _child(head, OBJECT_DEPS)
        if controller is not None and head.lemma_ in CONTROL_BY_OBJECT:
            return controller
        return subject_of(head, depth + 1)
    if verb.dep_ in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
        if verb.dep_ == "advcl" and verb.tag_ not in ("VBG", "VBN"):
            return None
        if is_passive(head) and not is_passive(verb):
            return None
        return subject_of(head, depth + 1)
    if verb.dep_ == "relcl" and not is_passive(verb):
        return head
    return None


CONTROL_BY_OBJECT = frozenset(
    {"urge", "ask", "call", "invite", "encourage", "press", "order", "tell", "persuade",
     "force", "allow", "help", "implore", "request", "warn", "push", "pressure", "appeal"}
)


def patient_of(verb: Token) -> Token | None:
    """What the verb is done to: its direct object, or the subject of a passive."""
    if is_passive(verb):
        subject = _child(verb, {"nsubjpass"})
        if subject is None and verb.dep_ == "acl":
            return verb.head
        if subject is not None and subject.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            return verb.head
        return subject
    return _child(verb, OBJECT_DEPS) or _child(verb, {"oprd"})


def prep_objects(token: Token, preposition: str) -> list[Token]:
    found = []
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ == preposition:
            pobj = _pobj(child)
            if pobj is not None:
                found.append(pobj)
    return found


def find_target(verb: Token, entry: Trigger, obj: Token | None) -> tuple[list[Token], bool]:
    """Target heads for a verb event, and whether they came from a "between" phrase."""
    for slot in entry.targets:
        if slot == "dobj":
            patient = patient_of(verb)
            if patient is not None:
                return conjuncts(patient), False
        elif slot == "dative":
            dative = _child(verb, {"dative"})
            if dative is not None and dative.pos_ != "ADP":
                return conjuncts(dative), False
        else:
            holders = [verb] + ([obj] if obj is not None else [])
            for holder in holders:
                found = prep_objects(holder, slot)
                if found:
                    return conjuncts(found[0]), slot == "between"
    return [], False


FALLBACK_PREPOSITIONS = ("to", "against", "on", "with", "into", "at", "from", "for", "over", "in")


def fallback_target(verb: Token, obj: Token | None) -> list[Token]:
    """Who or what an event is done to when its entry's own slots are empty: the direct
    object ("rejected the government's request"), else the object of a preposition on
    the verb or its object ("declared a ceasefire in Somalia")."""
    patient = patient_of(verb) if obj is None else obj
    if patient is not None and patient.pos_ in ("NOUN", "PROPN") and is_participant(patient):
        return conjuncts(patient)
    for holder in [verb] + ([obj] if obj is not None else []):
        for preposition in FALLBACK_PREPOSITIONS:
            found = [t for t in prep_objects(holder, preposition) if t.pos_ in ("NOUN", "PROPN")]
            if found and found[0].ent_type_ not in NON_PARTICIPANT_ENTS:
                return conjuncts(found[0])
    return []


# --- matching the lexicon -------------------------------------------------------------------


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _object_words(obj: Token) -> set[str]:
    """The object's lemma and those of its compound and adjective modifiers
    ("peace talks", "air strikes", "nuclear test")."""
    words = {_lemma(obj), obj.lower_}
    words.update(_lemma(c) for c in obj.children if c.dep_ in ("compound", "amod"))
    return words


def _particle_present(verb: Token, particle: str) -> bool:
    """Whether the verb has the particle: "call on X" but not "called X on Tuesday"."""
    children = set()
    for child in verb.children:
        if child.dep_ in ("prt", "advmod", "dobj", "agent", "dative"):
            children.add(child.lower_)
        elif child.dep_ == "prep":
            pobj = _pobj(child)
            if pobj is None or pobj.ent_type_ not in NON_PARTICIPANT_ENTS:
                children.add(child.lower_)
    return all(w in children for w in particle.split())


def match_verb(verb: Token, lexicon: Lexicon) -> tuple[Trigger, Token | None] | None:
    """The most specific lexicon entry for a verb, with the object token it matched."""
    entries = lexicon.verbs.get(_lemma(verb))
    if not entries:
        return None
    objects = [o for o in (patient_of(verb) if not is_passive(verb) else _child(verb, {"nsubjpass"}),)
               if o is not None]
    for particle in (c for c in verb.children if c.dep_ in ("prt", "prep")):
        objects.extend(o for o in particle.children if o.dep_ == "pobj")
    objects.extend(c for c in verb.children if c.dep_ in ("acomp", "oprd", "attr"))
    expanded = [conj for o in objects for conj in conjuncts(o)]
    fitting: list[tuple[Trigger, Token | None]] = []
    for entry in entries:
        if entry.particle and not _particle_present(verb, entry.particle):
            continue
        if entry.objects:
            obj = next((o for o in expanded if entry.objects & _object_words(o)), None)
            if obj is not None:
                fitting.append((entry, obj))
            continue
        fitting.append((entry, None))
    # among equally specific readings, the one whose target is in the sentence
    fitting = [(e, o) for e, o in fitting if not e.needs_target or _named_target(verb, e, o)]
    if not fitting:
        return None
    best = fitting[0][0].specificity
    for entry, obj in fitting:
        if entry.specificity < best:
            break
        if not entry.targets or find_target(verb, entry, obj)[0]:
            return entry, obj
    return fitting[0]


def _named_target(verb: Token, entry: Trigger, obj: Token | None) -> bool:
    """Whether the verb has a target named by a noun (not "called it dangerous")."""
    heads, _ = find_target(verb, entry, obj)
    return any(h.pos_ in ("PROPN", "NOUN") and is_participant(h) for h in heads)


def match_noun(noun: Token, lexicon: Lexicon) -> Trigger | None:
    entries = lexicon.nouns.get(_lemma(noun))
    if not entries:
        return None
    modifiers = {_lemma(c) for c in noun.children if c.dep_ in ("compound", "amod")}
    for entry in entries:
        if entry.particle is None or entry.particle in modifiers:
            return entry
    return None


# --- places and reporters -------------------------------------------------------------------


def entity_span(token: Token) -> Span:
    """The named entity a token belongs to, or the token with its compounds."""
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    left = min([token.i] + [c.i for c in token.children if c.dep_ == "compound"])
    return token.doc[left : token.i + 1]


def find_place(holders: list[Token]) -> Span | None:
    """Where the event happened: "in Moscow", "at the border" attached to the trigger,
    its object or its target."""
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                pobj = _pobj(child)
                if pobj is not None and pobj.ent_type_ in PLACE_ENTS:
                    return entity_span(pobj)
    return None


def according_to(sent: Span) -> Token | None:
    """The source named by "according to X" in a sentence."""
    for token in sent:
        if token.lower_ == "according":
            for to in token.children:
                if to.lower_ == "to":
                    pobj = _pobj(to)
                    if pobj is not None:
                        return pobj
    return None


# --- candidates -----------------------------------------------------------------------------


def _participants(heads: list[Token]) -> list[Span]:
    return [phrase(h) for h in heads if is_participant(h)]


def verb_candidate(verb: Token, entry: Trigger, obj: Token | None, sent: Span) -> Candidate:
    subject = subject_of(verb)
    sources = _participants(conjuncts(subject)) if subject is not None else []
    target_heads, between = find_target(verb, entry, obj)
    targets = _participants(target_heads)
    tokens = [verb]
    if entry.particle:
        words = entry.particle.split()
        tokens += [c for c in verb.children if c.lower_ in words and c.dep_ in ("prt", "prep", "advmod", "dobj")]
    if obj is not None:
        tokens.append(obj)
    pair = False
    guessed = False
    if entry.reciprocal and not targets and len(sources) >= 2:
        pair = True
    elif between and entry.reciprocal and not sources and len(targets) >= 2:
        sources, targets, pair = targets, [], True
    elif not targets and not entry.speech:
        target_heads = [t for t in fallback_target(verb, obj) if subject is None or t.i != subject.i]
        targets, guessed = _participants(target_heads), bool(target_heads)
    return Candidate(
        trigger=entry,
        code=entry.code,
        tokens=tokens,
        sources=sources,
        targets=targets,
        modality=modality_of(verb, sent),
        reciprocal_pair=pair,
        place=find_place([verb] + ([obj] if obj is not None else []) + target_heads),
        object_matched=bool(entry.objects),
        target_guessed=guessed,
        consumed={t.i for t in tokens},
    )


_SOURCE_MODIFIER_ENTS = frozenset({"NORP", "GPE", "ORG"})


def _noun_sources(noun: Token) -> tuple[list[Token], bool]:
    """Who a nominal event belongs to, and whether they are a reciprocal pair."""
    between = prep_objects(noun, "between")
    if between:
        return conjuncts(between[0]), True
    possessor = _child(noun, {"poss"})
    if possessor is not None:
        return conjuncts(possessor), False
    agents = prep_objects(noun, "by")
    if agents:
        return conjuncts(agents[0]), False
    modifiers = [
        c for c in noun.children
        if c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in _SOURCE_MODIFIER_ENTS and c.i < noun.i
    ]
    if modifiers:
        heads = []
        for modifier in modifiers:
            heads.extend(conjuncts(modifier))
        return heads, len(heads) >= 2
    return [], False


def noun_candidate(noun: Token, entry: Trigger, sent: Span, lexicon: Lexicon) -> Candidate | None:
    source_heads, pair = _noun_sources(noun)
    tokens = [noun]
    if not source_heads and noun.dep_ in OBJECT_DEPS and noun.head.pos_ in ("VERB", "AUX"):
        # "launched airstrikes against", "paid a visit to": the verb's subject does it
        verb = noun.head
        if _lemma(verb) in lexicon.light_verbs:
            subject = subject_of(verb)
            if subject is not None:
                source_heads, tokens = conjuncts(subject), [verb, noun]
    if not source_heads:
        return None
    pair = pair and entry.reciprocal
    target_heads: list[Token] = []
    for slot in entry.targets:
        if slot == "between":
            continue
        found = prep_objects(noun, slot)
        if found:
            target_heads = conjuncts(found[0])
            break
    sources = _participants(source_heads)
    if pair and len(sources) < 2:
        pair = False
    if entry.needs_target and not target_heads and not pair:
        return None
    return Candidate(
        trigger=entry,
        code=entry.code,
        tokens=sorted(tokens, key=lambda t: t.i),
        sources=sources,
        targets=[] if pair else _participants(target_heads),
        modality=modality_of(noun, sent),
        reciprocal_pair=pair,
        place=find_place([noun] + target_heads),
        consumed={t.i for t in tokens},
    )


# --- a whole sentence -----------------------------------------------------------------------


def _complement_candidate(verb: Token, by_head: dict[int, Candidate]) -> Candidate | None:
    """The coded event a wrapping or reporting verb introduces (its to- or that-clause)."""
    for child in verb.children:
        if child.dep_ in ("xcomp", "ccomp") and child.i in by_head:
            return by_head[child.i]
    return None


def _merge_wrapper(wrapper: Candidate, inner: Candidate, lexicon: Lexicon) -> Candidate | None:
    """One event for "agreed to hold talks" (036), "urged Iran to release" (0253), ..."""
    wrap = wrapper.trigger.wrap
    assert wrap is not None
    code = lexicon.wrapped_code(wrap, inner.code)
    if code is None:
        return None
    if wrap in ("appeal", "demand") and wrapper.targets:
        targets = wrapper.targets  # the one urged is the target
    else:
        targets = inner.targets or wrapper.targets
    return Candidate(
        trigger=wrapper.trigger,
        code=code,
        tokens=sorted(wrapper.tokens + inner.tokens, key=lambda t: t.i),
        sources=wrapper.sources,
        targets=targets,
        modality=wrapper.modality,
        reciprocal_pair=wrapper.reciprocal_pair or (inner.reciprocal_pair and not targets),
        place=inner.place or wrapper.place,
        wrapped_by=inner.trigger,
        object_matched=wrapper.object_matched or inner.object_matched,
        consumed=wrapper.consumed | inner.consumed,
    )


def _apply_wrappers(found: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    by_head = {c.head.i: c for c in found}
    dropped: set[int] = set()
    merged: list[Candidate] = []
    for candidate in found:
        if candidate.trigger.wrap is None:
            continue
        inner = _complement_candidate(candidate.head, by_head)
        if inner is None or inner.trigger.speech:
            continue
        whole = _merge_wrapper(candidate, inner, lexicon)
        if whole is not None:
            dropped.update((candidate.head.i, inner.head.i))
            merged.append(whole)
        elif candidate.trigger.wrap in ("intent", "reject", "threat"):
            # "vowed to crush the rebels": the wrapped event, with the wrapper's modality cues
            dropped.add(candidate.head.i)
            if not inner.sources:
                inner.sources = candidate.sources
    return [c for c in found if c.head.i not in dropped] + merged


def _apply_speech(found: list[Candidate]) -> list[Candidate]:
    """A verb of saying with a coded clause under it becomes that clause's reporter."""
    kept = []
    for candidate in found:
        if not candidate.trigger.speech:
            kept.append(candidate)
            continue
        verb = candidate.head
        clause = {t.i for c in verb.children if c.dep_ in ("ccomp", "parataxis") for t in c.subtree}
        if verb.dep_ in ("parataxis", "ccomp") and verb.head.i not in clause:
            clause |= {verb.head.i}
        inner = [c for c in found if c is not candidate and not c.trigger.speech and c.head.i in clause]
        if not inner:
            kept.append(candidate)
            continue
        speaker = candidate.sources[0] if candidate.sources else None
        for event in inner:
            if event.reporter is None:
                event.reporter = speaker
            if speaker is not None:
                event.sources = [
                    speaker if (s.root.pos_ == "PRON" and s.root.lower_ in SPEAKER_PRONOUNS) else s
                    for s in event.sources
                ]
    return kept


FUTURE_AUXILIARIES = frozenset({"will", "would", "'ll", "shall", "wo", "'d"})
INTENT_ROOTS = frozenset({"05", "06", "07", "08"})
THREAT_ROOTS = frozenset({"18", "19", "20"})
THREAT_CODES = frozenset({"161", "163", "166"})


# Words that make a to-complement the subject's own intent: "is willing to withdraw".
INTENT_GOVERNORS = frozenset(
    {"willing", "ready", "prepared", "determined", "eager", "plan", "intend", "aim", "decide", "want"}
)


def _says_will(verb: Token) -> bool:
    """Whether the verb (or the words whose to-complement it is) says the subject will do it."""
    token = verb
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in token.children):
            return True
        if token.dep_ != "xcomp":
            return False
        token = token.head
        if token.lemma_.lower() in INTENT_GOVERNORS:
            return True
    return False


def _as_intent(candidate: Candidate, lexicon: Lexicon) -> None:
    """What an actor says it will do is an expressed intent, a threat or a refusal:
    "will release the hostages" 0353, "will strike back" 138, "will not accept" 120."""
    if candidate.trigger.wrap is not None or candidate.wrapped_by is not None:
        return
    if candidate.modality not in ("future", "hypothetical", "negated") or not _says_will(candidate.head):
        return
    if candidate.modality == "hypothetical" and candidate.reporter is None:
        return  # "would" outside reported speech is a conditional, not an intent
    root = candidate.code[:2]
    wrapper = None
    if candidate.modality == "negated":
        if root in INTENT_ROOTS or root == "03":
            wrapper = "reject"
    elif root in INTENT_ROOTS:
        wrapper = "intent"
    elif root in THREAT_ROOTS or candidate.code[:3] in THREAT_CODES:
        wrapper = "threat"
    code = lexicon.wrapped_code(wrapper, candidate.code) if wrapper else None
    if code is not None:
        candidate.intent_of = candidate.code
        candidate.code = code
        candidate.modality = "asserted"


def extract_sentence(sent: Span, lexicon: Lexicon) -> list[Candidate]:
    """Every event candidate in one sentence, wrappers merged and reporters attached."""
    found: list[Candidate] = []
    for token in sent:
        if token.pos_ == "VERB" or (token.pos_ == "NOUN" and token.dep_ == "ROOT"):
            match = match_verb(token, lexicon)
            if match is not None:
                found.append(verb_candidate(token, match[0], match[1], sent))
    found = _apply_wrappers(found, lexicon)
    found = _apply_speech(found)
    # a verb nobody does leaves its object free to be a nominal event ("the visit was postponed")
    found = [c for c in found if c.sources]
    for candidate in found:
        _as_intent(candidate, lexicon)
    used = set().union(*(c.consumed for c in found)) if found else set()
    for token in sent:
        if token.pos_ in ("NOUN", "PROPN") and token.i not in used:
            entry = match_noun(token, lexicon)
            if entry is not None:
                candidate = noun_candidate(token, entry, sent, lexicon)
                if candidate is not None:
                    found.append(candidate)
    reporter = according_to(sent)
    if reporter is not None:
        for candidate in found:
            if candidate.reporter is None:
                candidate.reporter = phrase(reporter)
    if any(not c.trigger.weak for c in found):
        found = [c for c in found if not c.trigger.weak]
    if sent.text.rstrip().endswith("?"):
        for candidate in found:
            candidate.modality = strongest({candidate.modality, "hypothetical"})
    return found

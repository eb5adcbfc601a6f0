"""One trigger's event: matching a word against the lexicon and reading its participants.

This module reads only the dependency parse and the trigger lexicon; it does not know
about countries. It returns :class:`Candidate` records — token spans for the source,
target, place and reporter of an event — which :mod:`detente.events.sentence` combines
and the coder resolves to actors.

* a verb in the lexicon is an event; its most specific entry whose particle and object
  are present wins ("held talks with" over "hold"), and among equals the one whose
  target is in the sentence. The source is the verb's subject (see
  :func:`detente.events.syntax.subject_of`); the target is where the entry says, else a
  list of possible targets for the coder to choose from.
* a noun in the lexicon not already used by a verb is an event when it names its own
  source ("Putin's visit to", "airstrikes by", "talks between A and B", "the
  Russia–China summit", "Russian airstrikes") or is the object of a light verb whose
  subject is the source ("launched airstrikes against", "held two days of talks").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..actors.lexicon import default_lexicon
from ..actors.places import place_country
from .lexicon import Lexicon, Trigger
from .modality import modality_of
from .nominal import clause_owner, frame_of, host, owner_after_of, pair_sides, traveller
from .syntax import (
    NON_PARTICIPANT_ENTS,
    OBJECT_DEPS,
    SPEAKER_PRONOUNS,
    agent_of,
    answerable_subject,
    child_with,
    conjuncts,
    coordinated_modifiers,
    entity_span,
    find_place,
    for_clause,
    is_actor_like,
    is_participant,
    is_passive,
    names_a_country,
    opinion_clause,
    patient_of,
    phrase,
    pobj_of,
    prep_objects,
    stands_for,
    subject_of,
)
from .targets import clause_subjects, fallback_targets, find_target
from .verbmatch import block_heads, second_opinion, verb_lemmas


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
    target_options: list[list[Span]] = field(default_factory=list)
    """When ``targets`` is empty: possible targets, best first, for the coder to choose from
    (the first that names an actor)."""
    target_guessed: bool = False
    """The target was chosen from ``target_options``."""
    sources_are_places: bool = False
    """The source is the state where the act happened (see ``state_act_place``)."""
    intent_of: str | None = None
    """The code of the event announced, when the candidate is the intent, threat or refusal."""
    object_matched: bool = False
    consumed: set[int] = field(default_factory=set)
    """Token indices the candidate used as triggers (a noun there is not a second event)."""
    modality_word: Token | None = None
    """The word whose cues tell the modality, when not the head: the journey made for a
    nominal event ("left for talks": not the purpose's "for")."""

    @property
    def head(self) -> Token:
        return self.tokens[0]


# --- matching the lexicon -------------------------------------------------------------------


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _object_words(obj: Token) -> set[str]:
    """The object's lemma and those of its compound and adjective modifiers
    ("peace talks", "air strikes", "nuclear test")."""
    words = {_lemma(obj), obj.lower_}
    words.update(_lemma(c) for c in obj.children if c.dep_ in ("compound", "amod"))
    if _lemma(obj) in FRAME_NOUNS:
        words.update(_lemma(p) for p in prep_objects(obj, "of"))  # "a state of emergency"
    return words


# The object word a lexicon entry writes for "a proper name": a state, a body, a person.
NAME_OBJECT = "@name"


# Nouns that take their meaning from their "of" phrase as an object: "declared a state of
# emergency" is declaring an emergency.
FRAME_NOUNS = frozenset({"state"})


MEASURE_NOUNS = frozenset(
    {
        "day",
        "week",
        "month",
        "hour",
        "round",
        "series",
        "wave",
        "number",
        "string",
        "spate",
        "set",
        "couple",
        "lot",
        "dozen",
        "hundred",
        "thousand",
        "kind",
        "type",
        "form",
        "session",
    }
)


def _particle_present(verb: Token, particle: str) -> bool:
    """Whether the verb has the particle: "call on X" but not "called X on Tuesday"."""
    children = set()
    for child in verb.children:
        if child.dep_ in ("prt", "advmod", "dobj", "agent", "dative"):
            children.add(child.lower_)
            if child.dep_ == "dobj":  # "let free activists", "made ambulances available":
                # the parser hangs "free" and "available" on them
                children.update(c.lower_ for c in child.children if c.dep_ == "amod")
        elif child.dep_ == "xcomp":
            children.add(child.lemma_.lower())  # "declined to comment"
        elif child.dep_ in ("advcl", "ccomp"):
            # "pushed for Congress to act": the parser makes "for" the clause's marker
            children.update(c.lower_ for c in child.children if c.dep_ == "mark" and c.i < child.i)
        elif child.dep_ == "prep":
            pobj = pobj_of(child)
            # "gave Washington until the end of the year": a deadline is its time
            if (
                pobj is None
                or pobj.ent_type_ not in NON_PARTICIPANT_ENTS
                or child.lower_ == "until"
            ):
                children.add(child.lower_)
            # "pulled out of the talks": the parser hangs "of" on "out"
            children.update(c.lower_ for c in child.children if c.dep_ == "prep")
    return all(w in children for w in particle.split())


def _done_to_its_subject(verb: Token) -> bool:
    """A verb without an object whose subject, or the noun it describes, is the one it was
    done to: "two wounded in the attack", "one soldier killed at the memorial"."""
    return child_with(verb, {"nsubj"}) is not None or (verb.dep_ == "acl" and verb.tag_ == "VBN")


# Prepositions whose phrase tells when or where a verb's event happened.
_ADJUNCTS = frozenset(
    {"at", "in", "during", "after", "before", "since", "until", "within", "throughout", "by"}
)


# Prepositions on a verb that tell where or when it happened, never what was done: not "at"
# ("spoke at a press conference" is a statement).
_SETTINGS = _ADJUNCTS - {"at", "by"}


def _adjunct_of(obj: Token, verb: Token) -> bool:
    """An object of a preposition on the verb that tells where or when: "in the town"."""
    return obj.dep_ == "pobj" and obj.head.lower_ in _SETTINGS and obj.head.head.i == verb.i


def match_verb(
    verb: Token, lexicon: Lexicon, lemma: str | None = None
) -> tuple[Trigger, Token | None] | None:
    """The most specific lexicon entry for a verb (or for ``lemma``, a synonym it stands
    for), with the object token it matched."""
    entries = next(
        (lexicon.verbs[w] for w in ([lemma] if lemma else verb_lemmas(verb)) if w in lexicon.verbs),
        None,
    )
    if not entries:
        return None
    patient = patient_of(verb)
    objects = [patient] if patient is not None else []
    for particle in (c for c in verb.children if c.dep_ in ("prt", "prep")):
        objects.extend(o for o in particle.children if o.dep_ == "pobj")
        # "walked out of the meeting"
        objects.extend(
            o for p in particle.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"
        )
    objects.extend(c for c in verb.children if c.dep_ in ("acomp", "oprd", "attr"))
    # "held three days of talks", "a round of negotiations": the measured noun is the object
    objects.extend(
        p for o in list(objects) for p in prep_objects(o, "of") if o.lemma_.lower() in MEASURE_NOUNS
    )
    # "announced $33 million in assistance": the sum is of what it buys
    objects.extend(
        p for o in list(objects) if o.ent_type_ == "MONEY" for p in prep_objects(o, "in")
    )
    expanded = [conj for o in objects for conj in conjuncts(o)]
    # what an excluded object rules out: not when or where ("met at the end of the month")
    affected = [o for o in expanded if not (o.dep_ == "pobj" and o.head.lower_ in _ADJUNCTS)]
    # a proper name counts only as the direct object: "recognised Abkhazia", not "approved
    # the deployment to Haiti" nor "approved on Friday"
    named = {
        t.i
        for t in (conjuncts(patient) if patient is not None else [])
        if (t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "NORP"))
        and t.ent_type_ not in NON_PARTICIPANT_ENTS
    }
    fitting: list[tuple[Trigger, Token | None]] = []
    # "called the decision regrettable", "called it a violation": naming, not phoning
    complemented = any(
        c.dep_ in ("oprd", "acomp", "ccomp", "xcomp") and c.pos_ in ("ADJ", "NOUN")
        for c in verb.children
    )
    for entry in entries:
        if entry.particle and not _particle_present(verb, entry.particle):
            continue
        if "plain" in entry.flags and complemented:
            continue
        if ("deed" in entry.flags or "opinion" in entry.flags) and (
            "opinion" in entry.flags
        ) != opinion_clause(verb):
            continue  # "agreed to talks", "agree with Scott that ...": a deed, an opinion
        if "intransitive" in entry.flags and child_with(verb, OBJECT_DEPS) is not None:
            continue  # "demonstrated against the law", not "demonstrated its power"
        if entry.excluded and any(entry.excluded & _object_words(o) for o in affected):
            continue  # "met the challenges", "met the deadline"
        if "transitive" in entry.flags and patient is None:
            continue  # "returned the prisoners to Russia", not "returned to Moscow"
        if "patient" in entry.flags and patient is None and _done_to_its_subject(verb):
            continue  # "one soldier killed and two wounded": the ones it was done to
        if entry.objects:
            # where or when it happened is no object ("taken into custody in the town of
            # Young" took no town), unless the entry asks for that preposition ("engage in")
            own = entry.particle.split() if entry.particle else []
            obj = next(
                (
                    o
                    for o in expanded
                    if (not _adjunct_of(o, verb) or o.head.lower_ in own)
                    and entry.objects
                    & (_object_words(o) | ({NAME_OBJECT} if o.i in named else set()))
                ),
                None,
            )
            if obj is not None:
                fitting.append((entry, obj))
            continue
        fitting.append((entry, None))
    # among equally specific readings, the one whose target is in the sentence
    both_sides = any(e.reciprocal for e, _ in fitting) and _sides_named(verb)
    fitting = [
        (e, o)
        for e, o in fitting
        if not e.needs_target or _named_target(verb, e, o) or (e.reciprocal and both_sides)
    ]
    if not fitting:
        return None
    best = fitting[0][0].specificity
    for entry, obj in fitting:
        if entry.specificity < best:
            break
        if (
            not entry.targets
            or (entry.reciprocal and both_sides)
            or find_target(verb, entry, obj)[0]
        ):
            return entry, obj
    return fitting[0]


def verb_reading(verb: Token, lexicon: Lexicon) -> tuple[Trigger, Token | None] | None:
    """The hand lexicon's reading of a verb heard against the field's verb dictionary (see
    :mod:`detente.events.verbmatch`). A verb the hand lexicon lacks reads as the verb its
    dictionary block is named after, where that reading names an object ("reimposed a
    blockade" as "imposed a blockade")."""
    hand = match_verb(verb, lexicon)
    if hand is None and not any(w in lexicon.verbs for w in verb_lemmas(verb)):
        for head in block_heads(verb):
            borrowed = match_verb(verb, lexicon, lemma=head)
            if borrowed is not None and borrowed[0].objects:
                hand = borrowed
                break
    return second_opinion(verb, hand, lexicon)


def _sides_named(verb: Token) -> bool:
    """Whether the subject names both sides of a reciprocal event: "Putin and Xi spoke",
    "U.S. and Chinese officials talked"."""
    subject = subject_of(verb)
    return subject is not None and (
        len(conjuncts(subject)) > 1 or len(coordinated_modifiers(subject)) > 1
    )


def _named_target(verb: Token, entry: Trigger, obj: Token | None) -> bool:
    """Whether the verb has a target named by a noun (not "called it dangerous"); for an
    entry that needs a place, a town, country or region ("went to Beijing", not "went to
    school")."""
    heads, _ = find_target(verb, entry, obj)
    if entry.needs_place:
        return any(h.ent_type_ in ("GPE", "LOC") for h in heads)
    return any(h.pos_ in ("PROPN", "NOUN") and is_participant(h) for h in heads)


def match_noun(noun: Token, lexicon: Lexicon) -> Trigger | None:
    entries = lexicon.nouns.get(_lemma(noun))
    if not entries:
        return None
    if _modifies_a_thing(noun, lexicon):
        return None  # "war games", "aid workers", "attack helicopters"
    modifiers = {_lemma(c) for c in noun.children if c.dep_ in ("compound", "amod")}
    unfit: Trigger | None = None
    for entry in entries:
        if entry.excluded & (modifiers | {_lemma(c) for c in noun.children if c.dep_ == "poss"}):
            continue  # "market demand", "China's energy demand" is no demand made of anyone
        if entry.particle is not None and entry.particle not in modifiers:
            continue
        if entry.objects and not any(
            _fits_objects(t, entry.objects) for t in _slot_targets(entry, [noun])
        ):
            # "the suspension of talks" is not the suspension of aid; an entry no other
            # fits still decides ("the release of the report" is no release)
            unfit = unfit or entry
            continue
        return entry
    return unfit


def _modifies_a_thing(noun: Token, lexicon: Lexicon) -> bool:
    """Whether the noun only says what kind of thing or people another noun names: "war"
    in "war games", "aid" in "aid workers"; not "ceasefire" in "ceasefire agreement" (an
    event noun it specifies) nor "mediation" in "mediation effort" (a frame for it)."""
    head = noun.head
    return (
        noun.dep_ == "compound"
        and head.pos_ == "NOUN"
        and head.i > noun.i
        and _lemma(head) not in lexicon.nouns
        and _lemma(head) not in FRAMING_HEADS
    )


# Nouns that frame an event rather than name a thing: "a mediation effort", "an assistance
# package", "a ceasefire initiative", "the deployment plan".
FRAMING_HEADS = frozenset(
    {
        "effort",
        "package",
        "initiative",
        "plan",
        "program",
        "programme",
        "process",
        "proposal",
        "bid",
        "campaign",
        "operation",
        "mission",
        "move",
        "drive",
        "push",
        "scheme",
        "project",
        "measure",
        "order",
        "decision",
        "pledge",
        "commitment",
        "request",
        "offer",
    }
)


# --- candidates -----------------------------------------------------------------------------


def _participants(heads: list[Token]) -> list[Span]:
    return [phrase(h) for h in heads if is_participant(h)]


_GOVERNING_CLAUSES = frozenset({"ccomp", "advcl"})


def _pronoun_antecedent(pronoun: Token, verb: Token) -> Token | None:
    """Who a pronoun subject stands for: the subject of a clause it hangs under ("Hanoi
    warned that it would ...", "the government made it clear it will not lift ..."), when
    that subject fits the pronoun."""
    for _ in range(3):
        if verb.dep_ not in _GOVERNING_CLAUSES:
            return None
        verb = verb.head
        speaker = subject_of(verb)
        if speaker is not None and speaker.pos_ in ("PROPN", "NOUN") and speaker.i < pronoun.i:
            fits = stands_for(pronoun.doc[pronoun.i : pronoun.i + 1], phrase(speaker))
            return speaker if fits else None
    return None


def verb_candidate(
    verb: Token, entry: Trigger, obj: Token | None, sent: Span, lexicon: Lexicon
) -> Candidate:
    subject = subject_of(verb)
    if subject is not None and subject.lower_ in SPEAKER_PRONOUNS:
        subject = _pronoun_antecedent(subject, verb) or subject
    sources = (
        [_without_clause(phrase(h), verb) for h in conjuncts(subject) if is_actor_like(h, lexicon)]
        if subject is not None
        else []
    )
    state_at = state_act_place(verb) if subject is None else None
    if state_at is not None:
        sources = [entity_span(state_at)]  # "was arrested in Rwanda": by Rwanda's authorities
    elif subject is None:
        sources = _sending_state(verb)  # "2,000 Russian soldiers were deployed": by Russia
    target_heads, between = find_target(verb, entry, obj)
    if entry.reciprocal:
        # "met one-on-one and then held wider talks": one meets people, not talks
        target_heads = [h for h in target_heads if is_actor_like(h, lexicon)]
    targets = [_without_charge(_without_clause(p, verb), verb) for p in _participants(target_heads)]
    if len(target_heads) == 1:
        sides = coordinated_modifiers(target_heads[0])
        if len(sides) >= 2:
            targets = sides  # "met Russian and Chinese leaders": each side
    tokens = [verb]
    if entry.particle:
        words = entry.particle.split()
        tokens += [
            c
            for c in verb.children
            if c.lower_ in words and c.dep_ in ("prt", "prep", "advmod", "dobj")
        ]
    if obj is not None and obj.i != verb.head.i:
        tokens.append(obj)  # not the noun a reduced relative describes ("sailors captured")
    pair = False
    options: list[list[Span]] = []
    if entry.reciprocal and not targets and len(sources) == 1 and subject is not None:
        sides = coordinated_modifiers(subject)
        if len(sides) >= 2:
            sources = sides  # "U.S. and North Korean negotiators met"
    if entry.reciprocal and not targets and len(sources) >= 2:
        pair = True
    elif between and entry.reciprocal and not sources and len(targets) >= 2:
        sources, targets, pair = targets, [], True
    elif not targets and entry.wrap in ("appeal", "demand"):
        # "demanded that Pompeo be removed": the one the demand is about
        clause = next(
            (c for c in verb.children if c.dep_ in ("ccomp", "xcomp") or for_clause(c)), None
        )
        named = (subject_of(clause) or patient_of(clause)) if clause is not None else None
        if named is not None and is_participant(named) and named.pos_ != "PRON":
            targets = _participants(conjuncts(named))
    if not targets and not pair and not entry.speech and "fixed" not in entry.flags:
        # where it was said is never whom a statement is about ("talked to reporters in Geneva")
        # ("agreed to an expansion of its force in Afghanistan" is aimed at the place: an
        # agreement is mutual only between the sides its subject names)
        places = (not entry.reciprocal or entry.wrap is not None) and not entry.code.startswith(
            "01"
        )
        found = fallback_targets(verb, obj, subject, places=places)
        if obj is not None and entry.objects:
            # "expressed hope that Zagreb will ...": whom the hope or the worry is about
            found.insert(0, clause_subjects(verb, obj))
            # "rejected accusations by the US that its military ...": the accuser first
            found[:0] = [conjuncts(author) for author in prep_objects(obj, "by")]
        # never a phrase holding the doer ("Russian soldiers were deployed": not the soldiers)
        inside = {s.root.i for s in sources}
        options = [
            _participants([h for h in heads if not inside & {t.i for t in h.subtree}])
            for heads in found
            if heads
        ]
    return Candidate(
        trigger=entry,
        code=entry.code,
        tokens=tokens,
        sources=sources,
        sources_are_places=state_at is not None,
        targets=targets,
        modality=modality_of(verb, sent),
        reciprocal_pair=pair,
        place=find_place([verb] + ([obj] if obj is not None else []) + target_heads),
        object_matched=bool(entry.objects),
        target_options=[o for o in options if o],
        consumed={t.i for t in tokens},
    )


def _cut_before(phrase: Span, index: int) -> Span:
    """The phrase up to token ``index``, without the punctuation before it."""
    end = index
    while end > phrase.root.i + 1 and phrase.doc[end - 1].is_punct:
        end -= 1
    return phrase.doc[phrase.start : end]


def _without_clause(target: Span, verb: Token) -> Span:
    """A target described by the event's own clause, without it: "24 Ukrainian sailors"
    of "24 Ukrainian sailors captured by Russian forces"."""
    if not target.start <= verb.i < target.end or verb.left_edge.i <= target.root.i:
        return target
    return _cut_before(target, verb.left_edge.i)


# Verbs whose "of"/"for" phrase is the charge: "accused the military of mass slaughter".
CHARGING_VERBS = frozenset(
    {"accuse", "charge", "convict", "suspect", "blame", "acquit", "clear", "indict", "fault"}
)


def _without_charge(target: Span, verb: Token) -> Span:
    """The accused without the charge the parser hung on them: "the Nigerian military" of
    "accused the Nigerian military of mass slaughter"."""
    if _lemma(verb) not in CHARGING_VERBS:
        return target
    for child in target.root.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "for") and target.root.i < child.i:
            cut = _cut_before(target, child.i)
            return cut if cut.end < target.end else target
    return target


# Acts only a state's authorities do: told in the passive with nobody named, the state
# where they happened did them ("was arrested in Rwanda", "were expelled from North Korea").
STATE_ACTS = frozenset(
    {
        "arrest",
        "detain",
        "jail",
        "imprison",
        "sentence",
        "convict",
        "deport",
        "expel",
        "execute",
        "release",
        "free",
        "pardon",
        "indict",
        "extradite",
    }
)
_STATE_PREPOSITIONS = {"expel": ("from", "in"), "deport": ("from", "in")}


# Verbs that move a state's own forces: told in the passive with nobody named, the state
# the forces belong to moved them.
FORCE_MOVES = frozenset({"deploy", "send", "dispatch", "station", "airlift", "redeploy"})


def _sending_state(verb: Token) -> list[Span]:
    """The state whose forces an agentless passive moved: "Russian soldiers were deployed
    along the corridor", "U.S. troops will be sent to Poland"."""
    if _lemma(verb) not in FORCE_MOVES or not is_passive(verb) or agent_of(verb) is not None:
        return []
    forces = patient_of(verb)
    if forces is None:
        return []
    marks = [
        c
        for c in forces.children
        if c.i < forces.i
        and c.dep_ in ("amod", "compound", "nmod")
        and c.ent_type_ in ("NORP", "GPE", "ORG")
    ]
    return [entity_span(marks[0])] if marks else []


def state_act_place(verb: Token) -> Token | None:
    """The place naming the state that did an agentless passive state act, or None."""
    lemma = _lemma(verb)
    if lemma not in STATE_ACTS or not is_passive(verb) or agent_of(verb) is not None:
        return None
    # "arrested on Monday in Niger": the place may hang on the date
    dates = [
        p for c in verb.children if c.dep_ == "prep" for p in c.children if p.ent_type_ == "DATE"
    ]
    holders = [verb, *dates]
    if verb.dep_ == "conj" and child_with(verb, {"nsubjpass", "nsubj"}) is None:
        holders.append(verb.head)  # "fishermen held in Libya for 100 days have been freed"
    for preposition in _STATE_PREPOSITIONS.get(lemma, ("in",)):
        for holder in holders:
            for place in prep_objects(holder, preposition):
                if place.ent_type_ in ("GPE", "LOC") or (
                    place.pos_ == "PROPN" and _known_place(place)
                ):
                    return place
    return None


def _known_town(token: Token) -> bool:
    """ "The Bowling Green attack" with the town tagged as an organisation: a town the place
    tables know that is neither a country nor a body the actor tables know."""
    text = entity_span(token).text
    if names_a_country(token) or place_country(text) is None:
        return False
    return not default_lexicon().names_a_body(text)


def _known_place(token: Token) -> bool:
    """ "arrested in Niger", "held in Tarcin" with the name tagged as a person: a country
    or a town the place tables know."""
    return names_a_country(token) or place_country(entity_span(token).text) is not None


# Verbs that call someone or something by a word: "called the move provocative", "described the
# talks as constructive", "branded him a liar".
JUDGING_VERBS = frozenset({"call", "describe", "brand", "label", "term", "dub", "denounce"})
_COMPLEMENT_DEPS = frozenset({"oprd", "acomp", "xcomp", "ccomp", "attr", "dobj"})


def judgement_candidate(verb: Token, sent: Span, lexicon: Lexicon) -> Candidate | None:
    """ "Seoul called the decision regrettable" (111), "described the talks as constructive"
    (051): the subject judges the one named by the word the lexicon's judgements know."""
    if _lemma(verb) not in JUDGING_VERBS:
        return None
    judged, word = _judged(verb)
    if judged is None or word is None:
        return None
    code = next(
        (lexicon.judgements[w] for w in _judging_words(word) if w in lexicon.judgements), None
    )
    subject = subject_of(verb)
    if code is None or subject is None or not is_actor_like(subject, lexicon):
        return None
    entry = Trigger(
        pos="verb",
        lemma=_lemma(verb),
        particle=None,
        objects=frozenset(),
        targets=("dobj",),
        code=code,
        flags=frozenset(),
    )
    return Candidate(
        trigger=entry,
        code=code,
        tokens=[verb, word],
        sources=[
            _without_clause(phrase(h), verb)
            for h in conjuncts(subject)
            if is_actor_like(h, lexicon)
        ],
        targets=[],
        # the one judged, or the one its phrase names ("called the talks with Russia useful")
        target_options=[
            o for o in (_participants(h) for h in fallback_targets(verb, judged, subject)) if o
        ],
        modality=modality_of(verb, sent),
        place=find_place([verb]),
        object_matched=True,
        consumed={verb.i, word.i},
    )


def _judged(verb: Token) -> tuple[Token | None, Token | None]:
    """The one judged and the word judging them: "called [the decision] [regrettable]", a
    small clause "called [the decision regrettable]", "described [the talks] as [constructive]"."""
    obj = child_with(verb, OBJECT_DEPS)
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "as" and obj is not None:
            word = next((c for c in child.children if c.dep_ in ("pobj", "amod", "acomp")), None)
            return obj, word
        if child.dep_ in _COMPLEMENT_DEPS and child.pos_ in ("NOUN", "PROPN"):
            apposed = child_with(child, {"appos"})
            if apposed is not None:
                return child, apposed  # "called [Britain's ambassador] [a stupid guy]"
        if child.dep_ in _COMPLEMENT_DEPS and child is not obj and child.pos_ in ("ADJ", "NOUN"):
            inner = child_with(child, {"nsubj"})
            if obj is not None and child.i > obj.i:
                return obj, child
            if inner is not None:
                return inner, child
    return None, None


def _judging_words(word: Token) -> list[str]:
    """The word and, for a noun, its adjectives ("a very stupid guy" → guy, stupid)."""
    return [_lemma(word), *(_lemma(c) for c in word.children if c.dep_ in ("amod", "compound"))]


_SOURCE_MODIFIER_ENTS = frozenset({"NORP", "GPE", "ORG"})


def _noun_sources(noun: Token, reciprocal: bool = False) -> tuple[list[Token], bool]:
    """Who a nominal event belongs to, and whether they are a reciprocal pair."""
    between = prep_objects(noun, "between")
    if between and reciprocal:
        return conjuncts(between[0]), True  # "talks between A and B"; not "mediation between"
    possessor = child_with(noun, {"poss"})
    # "his visit": a pronoun stands for a speaker it follows, or is dropped unresolved
    if (
        possessor is not None
        and possessor.ent_type_ not in NON_PARTICIPANT_ENTS
        and (possessor.pos_ != "PRON" or possessor.lower_ in SPEAKER_PRONOUNS)
    ):
        return conjuncts(possessor), False
    agents = prep_objects(noun, "by")
    if agents:
        return conjuncts(agents[0]), False
    modifiers = [
        c
        for c in noun.children
        if c.dep_ in ("amod", "compound", "nmod")
        and c.ent_type_ in _SOURCE_MODIFIER_ENTS
        and c.i < noun.i
        and not _against(c)
    ]
    heads = [conj for modifier in modifiers for conj in conjuncts(modifier)]
    if len(heads) >= 2:
        return heads, True  # "the Russia-China summit", "U.S.-Japan talks"
    if reciprocal:
        return [], False  # "the G20 summit", "the Hanoi talks" name the forum or the place
    if (
        heads
        and (heads[0].ent_type_ != "GPE" or names_a_country(heads[0]))
        and not _known_town(heads[0])
    ):
        return heads, False  # "Russian airstrikes", "US sanctions"
    return [], False


def _against(modifier: Token) -> bool:
    """ "anti-Russian sanctions": a side the event is against, not its doer (the tagger
    often puts "anti" and the hyphen in the same entity)."""
    doc = modifier.doc
    if modifier.lower_ in ("anti", "-"):
        return True
    return (
        modifier.i >= 2 and doc[modifier.i - 1].text == "-" and doc[modifier.i - 2].lower_ == "anti"
    )


def _noun_event(
    noun: Token, entry: Trigger, sent: Span, tokens: list[Token], sides: list[Span], carrier: Token
) -> Candidate:
    """A reciprocal nominal event between sides named in one phrase."""
    return Candidate(
        trigger=entry,
        code=entry.code,
        tokens=sorted(tokens, key=lambda t: t.i),
        sources=sides,
        targets=[],
        modality=modality_of(noun, sent),
        reciprocal_pair=True,
        place=find_place([carrier]),
        consumed={t.i for t in tokens},
    )


# Light verbs that only make an event known; for an assault the one who does that has
# rarely done it ("the government announced the kidnapping of two UN experts", "police
# confirmed the killing of two protesters").
_MAKING_KNOWN = frozenset({"announce", "confirm", "report"})
_ASSAULT_ROOTS = frozenset({"18", "20"})


def _told_by_others(verb: Token, entry: Trigger) -> bool:
    return _lemma(verb) in _MAKING_KNOWN and entry.code[:2] in _ASSAULT_ROOTS


_FORCE_ROOTS = frozenset({"18", "19", "20"})


def _under_fire(noun: Token, entry: Trigger) -> tuple[list[Token], Token | None] | None:
    """ "fighters under attack from government forces", "a town under fire from the army":
    the doer after "from" and the one "under" it; None for another phrase."""
    if entry.code[:2] not in _FORCE_ROOTS:
        return None
    doers = prep_objects(noun, "from") or prep_objects(noun, "by")
    if not doers or noun.dep_ != "pobj" or noun.head.lower_ != "under":
        return None
    held = noun.head.head
    return conjuncts(doers[0]), held if held.pos_ in ("NOUN", "PROPN") else None


def noun_candidate(noun: Token, entry: Trigger, sent: Span, lexicon: Lexicon) -> Candidate | None:
    # "a mediation effort between ...": the phrase the trigger modifies carries the event
    carrier = noun
    if noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN"):
        carrier = noun.head
    elif (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.pos_ == "NOUN"
        and noun.head.head.lemma_.lower() in MEASURE_NOUNS
    ):
        carrier = noun.head.head  # "two days of talks"
    carrier = frame_of(noun) or carrier  # "the signing of an agreement by ..."
    tokens = [noun] if carrier is noun else [noun, carrier]
    # "talks between the ministers of Russia and China", "the signing of a deal by A and B"
    sides = pair_sides(carrier, entry) or (pair_sides(noun, entry) if carrier is not noun else [])
    if sides:
        return _noun_event(noun, entry, sent, tokens, sides, carrier)
    source_heads, pair = _noun_sources(carrier, entry.reciprocal)
    if not source_heads and carrier is not noun:
        source_heads, pair = _noun_sources(noun, entry.reciprocal)
    owners = [] if source_heads else owner_after_of(carrier, entry, lexicon)
    source_heads = source_heads or owners  # "the visit of the president"
    light: Token | None = None  # the light verb lending its subject, when there is one
    pronoun_only = bool(source_heads) and all(h.pos_ == "PRON" for h in source_heads)
    if (
        (not source_heads or pronoun_only)
        and carrier.dep_ in OBJECT_DEPS
        and carrier.head.pos_ in ("VERB", "AUX")
    ):
        # "launched airstrikes against", "paid a visit to": the verb's subject does it
        verb = carrier.head
        if _lemma(verb) in lexicon.light_verbs and not _told_by_others(verb, entry):
            subject = subject_of(verb)
            if subject is not None and is_actor_like(subject, lexicon):
                source_heads, tokens, light = conjuncts(subject), [verb, noun], verb
                sides = (
                    coordinated_modifiers(subject)
                    if entry.reciprocal and len(source_heads) == 1
                    else []
                )
                if len(sides) >= 2:
                    # "U.S. and Chinese negotiators wrapped up two days of talks"
                    return _noun_event(noun, entry, sent, tokens, sides, carrier)
    if pronoun_only and light is None:
        source_heads = clause_owner(carrier, source_heads[0], entry, lexicon) or source_heads
    journey = None if source_heads else traveller(carrier, entry, lexicon)
    if journey is not None:
        light, subject = journey  # "left Pyongyang for a visit to China"
        source_heads = conjuncts(subject)
    under = _under_fire(noun, entry)
    if not source_heads and under is not None:
        source_heads = under[0]  # "fighters under attack from government forces"
    if not source_heads:
        # "X is responsible for the killings", "X took part in the protests"
        named = answerable_subject(carrier) or _participant_in(carrier)
        if named is not None:
            source_heads = conjuncts(named)
    if not source_heads:
        return None
    pair = pair and entry.reciprocal
    holders = [noun] + [t for t in (carrier, light, *owners) if t is not None and t.i != noun.i]
    target_heads = _slot_targets(entry, holders)
    if not target_heads and under is not None and under[1] is not None:
        target_heads = [under[1]]
    if not target_heads and journey is not None and entry.code == "042":
        target_heads = host(light)  # "is in Moscow on an official visit"
    if not target_heads:
        target_heads = [
            c
            for c in noun.children
            if c.dep_ == "amod" and c.i < noun.i and _against(c) and c.lower_ not in ("anti", "-")
        ]
    sources = _participants(source_heads)
    if owners and target_heads:
        # "the visit of the president to Tehran": the parser hangs the host on the visitor
        cut = target_heads[0].head.i
        sources = [_cut_before(s, cut) if s.root.i < cut < s.end else s for s in sources]
    if light is not None and entry.reciprocal and not target_heads and len(sources) >= 2:
        pair = True  # "Jordan and the United States began joint exercises": with each other
    if pair and len(sources) < 2:
        pair = False
    if entry.needs_target and not target_heads and not pair:
        return None
    if entry.excluded and any(entry.excluded & _object_words(t) for t in target_heads):
        return None  # "a war on drugs", "Trump's war on the environment"
    if entry.objects and not any(_fits_objects(t, entry.objects) for t in target_heads):
        return None  # "the release of the report" is no release of people
    options: list[list[Span]] = []
    if light is not None and journey is None and not target_heads and not pair:
        # "announced the deployment of troops to Liberia": where the light verb points
        found = fallback_targets(light, carrier, None, places=not entry.reciprocal)
        options = [_participants(h) for h in found if all(t.i != carrier.i for t in h)]
    return Candidate(
        trigger=entry,
        code=entry.code,
        tokens=sorted(tokens, key=lambda t: t.i),
        sources=sources,
        targets=[] if pair else _participants(target_heads),
        # "left for a visit": the journey says whether it happened, not the purpose's "for"
        modality=modality_of(light if journey is not None else noun, sent),
        modality_word=light if journey is not None else None,
        reciprocal_pair=pair,
        place=find_place([carrier] + target_heads),
        target_options=[o for o in options if o],
        consumed={t.i for t in tokens},
    )


def wrapped_noun_event(noun: Token, entry: Trigger, sent: Span) -> Candidate | None:
    """The event a noun names as what a wrapping verb takes ("agreed to talks with the US",
    "threatened sanctions against Turkey"): the wrapper gives its doer, the noun or the
    verb its target."""
    if entry.objects:
        return None  # "the release of the report": the noun alone does not say
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    targets = _slot_targets(entry, [noun, verb])
    return Candidate(
        trigger=entry,
        code=entry.code,
        tokens=[noun],
        sources=[],
        targets=_participants(targets),
        modality=modality_of(noun, sent),
        place=find_place([noun] + targets),
        consumed={noun.i},
    )


# Verbs whose subject takes part in the event named after "in": "participated in a hunger
# strike", "took part in the talks", "engaged in fighting".
_PARTICIPATING = frozenset({"participate", "engage", "take part", "join in"})


def _participant_in(event_noun: Token) -> Token | None:
    preposition = event_noun.head
    if event_noun.dep_ != "pobj" or preposition.lower_ != "in":
        return None
    verb = preposition.head
    particle = next((c.lower_ for c in verb.children if c.dep_ in ("prt", "dobj")), None)
    lemma = _lemma(verb)
    if lemma not in _PARTICIPATING and f"{lemma} {particle}" not in _PARTICIPATING:
        return None
    return subject_of(verb)


def _fits_objects(target: Token, objects: frozenset[str]) -> bool:
    return (
        target.pos_ == "PROPN"
        or target.ent_type_ in ("PERSON", "NORP")
        or bool(objects & _object_words(target))
    )


def _slot_targets(entry: Trigger, holders: list[Token]) -> list[Token]:
    """The target of a nominal event in the first of the entry's slots found on the noun,
    the phrase it modifies or the light verb that carries it ("paid a visit to Seoul")."""
    for slot in entry.targets:
        if slot == "between" and entry.reciprocal:
            continue
        for holder in holders:
            found = prep_objects(holder, slot)
            if found:
                return conjuncts(found[0])
    return []

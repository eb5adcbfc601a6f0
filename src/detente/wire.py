"""Sentences in wire text as it comes: paragraphs joined by commas, a full stop with no space.

Agency copy scraped from its pages often reaches us with its paragraphs run together by
the commas of a list ("... in Pyongyang on Tuesday., ,The delegation ...") and with the
space after a full stop lost (".He said"). Left alone, the tokenizer glues ",The" and
"2017.It" into single words and the parser runs the sentences together, so that a date or
an actor of one sentence leaks into the next.

Nothing here changes the text (evidence spans point into it as stored): the tokenizer
learns to split at those joins, and a component before the parser marks where the next
sentence starts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import compile_infix_regex

WIRE_SENTENCES = "detente_wire_sentences"

# Splits inside a whitespace-free chunk, for the tokenizer: a full stop between a word (or
# a figure, or a closing bracket or quote) and a capitalised word ("Monday.He", "2017.It");
# the commas of a paragraph join after a full stop (".,The"); a hyphen standing for a lost
# space after punctuation (",-Erdogan said", "on Twitter.-Two Republicans", "a press
# conference,-where he"; not after a full stop before a small letter: "U.S.-backed").
WIRE_INFIXES = (
    r"(?<=[a-z0-9)\]\"”’])\.(?=[A-Z][a-z])",
    r"(?<=[.!?\"”’]),+(?=[A-Z\"“‘])",
    r"(?<=[A-Za-z0-9])[.,;:!?](?=-[A-Z][a-z])",
    r"(?<=[.,;:!?])-(?=[A-Z][a-z])",
    r"(?<=[A-Za-z0-9])[,;:!?](?=-[a-z]{2})",
    r"(?<=[,;:!?])-(?=[a-z]{2})",
)

_FINAL = frozenset({".", "!", "?"})
_CLOSING = frozenset({'"', "”", "’", "'", ")"})


def wire_infix_finditer(nlp: Language) -> Callable[[str], Iterator[re.Match[str]]]:
    """The pipeline's infixes and the wire joins (see :data:`WIRE_INFIXES`), for its
    tokenizer's ``infix_finditer``."""
    infixes = list(nlp.Defaults.infixes or ()) + list(WIRE_INFIXES)
    return compile_infix_regex(infixes).finditer


def _after_full_stop(doc: Doc, index: int) -> int | None:
    """The index of the sentence-final stop that token ``index`` follows across a wire join
    (only commas, or nothing, between them; a closing quote may follow the stop), or None."""
    i = index - 1
    while i >= 0 and (doc[i].text == "," or (doc[i].text == "-" and not doc[i].whitespace_)):
        i -= 1
    while i >= 0 and doc[i].text in _CLOSING and not doc[i].whitespace_:
        i -= 1
    if i < 0 or doc[i].text not in _FINAL:
        return None
    return i


def _starts_wire_sentence(token: Token) -> bool:
    """A capitalised word after a full stop with commas but no words between ("., ,The"),
    or straight after a full stop with no space (".He")."""
    doc = token.doc
    if token.i == 0 or not token.text[:1].isupper() or not token.is_alpha:
        return False
    stop = _after_full_stop(doc, token.i)
    if stop is None:
        return False
    joined = stop < token.i - 1 and doc[token.i - 1].text in (",", "-")
    glued = stop == token.i - 1 and not doc[stop].whitespace_ and stop > 0
    if glued:
        # "Monday.He", not an initial ("J.K. Rowling" tokenizes without a lone stop)
        glued = not doc[stop - 1].whitespace_ and len(doc[stop - 1]) > 1
    return joined or glued


@Language.component(WIRE_SENTENCES)
def wire_sentence_starts(doc: Doc) -> Doc:
    """Mark the sentence starts of wire joins; the commas of a join end the sentence before."""
    for token in doc[1:]:
        if token.is_sent_start is not None or not _starts_wire_sentence(token):
            continue
        token.is_sent_start = True
        i = token.i - 1
        while i > 0 and doc[i].text in (",", "-"):
            doc[i].is_sent_start = False
            i -= 1
    return doc

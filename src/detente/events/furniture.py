"""Page furniture inside article text: bylines, credits, calls to comment, and the links to
other stories that sites set between paragraphs ("READ MORE: Turkey deports journalist").

Text flattened from a page keeps such a link's headline run together with the sentence after
it, so the headline is found inside the sentence: from the link's label to the first word
that can only start a new sentence, or else to the sentence's end.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .syntax import sentence_text

# Sentences that are page furniture, not news: bylines, credits ("Jane Doe contributed
# reporting"), calls to comment.
BOILERPLATE = re.compile(
    r"^\s*(?:by|reporting by|editing by|written by|additional reporting(?: by)?|compiled by|"
    r"photo(?:graph)?(?: by)?|image(?: by)?|source|copyright|©)\b[^.]{0,80}$"
    r"|\b(?:leave a comment|comment below|comments below|tell us what you think|"
    r"what do you think\?|join the (?:conversation|discussion)|share your (?:thoughts|views)|"
    r"sign up for|subscribe to our|click here|all rights reserved|follow us on|"
    r"contributed (?:reporting|research|additional reporting|to (?:this|the) "
    r"(?:report|story|article)))\b",
    re.IGNORECASE,
)

# The labels of links to other stories: "READ MORE:", "Related:", "WATCH:".
_LINK_LABEL = re.compile(
    r"\b(?:read more|also read|read also|see also|related|watch)\s*:", re.IGNORECASE
)
# Words with a capital that open a sentence rather than go on a headline.
_OPENING_TAGS = frozenset({"DT", "IN", "PRP", "PRP$", "WRB", "WDT", "EX", "CC", "RB"})
_HEADLINE_MIN_WORDS = 2


def is_furniture(sent: Span) -> bool:
    """Whether a whole sentence is a byline, a credit or a call to comment."""
    return BOILERPLATE.search(sentence_text(sent)) is not None


def linked_headlines(sent: Span) -> list[range]:
    """The token indexes of the headlines of links to other stories in a sentence."""
    found = []
    for label in _LINK_LABEL.finditer(sentence_text(sent)):
        start = sent.char_span(label.start(), label.end(), alignment_mode="expand")
        if start is None:
            continue
        first = start.end + _HEADLINE_MIN_WORDS
        end = next(
            (t.i for t in sent.doc[first : sent.end] if _opens_a_sentence(t)),
            _main_clause_start(sent, first),
        )
        found.append(range(start.start, end))
    return found


def _opens_a_sentence(token: Token) -> bool:
    """ "... deports journalist In a statement, ...": a capitalised word of a kind that
    starts sentences ("In", "The", "It", "But"), or a name right after a common noun
    ("... of Rohingya refugees Bangladesh's foreign minister ...")."""
    if not token.is_title:
        return False
    previous = token.doc[token.i - 1]
    after_a_noun = previous.tag_ in ("NN", "NNS") and previous.is_lower
    return token.tag_ in _OPENING_TAGS or (after_a_noun and token.pos_ == "PROPN")


def _main_clause_start(sent: Span, first: int) -> int:
    """Where the sentence the headline runs into begins: the first word of its main verb's
    subject ("... assassination Faqha, 38, was a senior official"), when that comes after the
    headline's first words; else the sentence's end."""
    subject = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.left_edge.i >= first and subject.left_edge.is_title:
        return subject.left_edge.i
    return sent.end

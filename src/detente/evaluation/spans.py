"""Scoring who-did-what-to-whom spans against BIO-tagged gold tokens.

Gold sentences arrive as tokens with tags ``S`` (source), ``T`` (target) and ``R``
(a side of a reciprocal event: a meeting, talks, an agreement). The coder sees the
sentence as natural text rebuilt by :func:`detokenise`, which keeps each token's
character offsets; each predicted event's ``source.span`` and ``target.span`` are
then mapped back onto the tokens they overlap.

Rules, per token:

- *source*: predicted tokens are those inside any event's source span; gold tokens
  are the ``S`` tokens and the ``R`` tokens not predicted as target. A predicted
  source token is right on an ``S`` or ``R`` token.
- *target*: the same with ``T`` and source swapped.
- *combined*: a token is predicted when it has either role and gold when it is
  ``S``, ``T`` or ``R``; it is right when one of its predicted roles fits its tag
  (``R`` fits both). An ``R`` token no event covers is one miss here, one miss in
  each role above.

The headline figures count every event coded in the sentence. The set marks the actors
of one event a sentence, so the same rules are also applied to the sentence's main event
alone (:func:`~detente.evaluation.penta.main_event`, with its reciprocal twin): the
``main_event`` figures, which show how much of the gap is other events the sentence
reports.

*Pairs* ask the question the tie index needs answered: of the sentences whose gold names a
source and a target (or two reciprocal sides), in how many does one event cover both, the
source on a source token and the target on a target token (``found``), and in how many of
those do both sides also name a country (``with_countries``; the set gives no country, so
this says a country was found, not that it is right)?
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..model import Event
from .events import actor_country
from .metrics import PRF
from .penta import main_event

_NO_SPACE_BEFORE = frozenset(
    [",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'", "’", "”", "-", "/", "…", "n't", "n’t"]
)
_NO_SPACE_AFTER = frozenset(["(", "[", "{", "$", "€", "£", "“", "‘", "-", "/"])
_CONTRACTIONS = frozenset(
    ["s", "t", "d", "m", "ll", "re", "ve", "S", "T", "D", "M", "LL", "RE", "VE"]
)
_APOSTROPHES = ("'", "’")


def detokenise(tokens: Sequence[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Join tokens into natural text, returning the text and each token's offsets.

    No space goes before closing punctuation, clitics (``'s``, ``n't``) and hyphens,
    nor after opening brackets, currency signs and hyphens; straight double quotes
    alternate between opening and closing. A number split at its separators is whole
    again: "1 , 086" is "1,086" and "5 . 3" is "5.3", while "April 24 , 2018" keeps its
    comma apart; so is an initialism ("U . S ." is "U.S.", "a . m ." is "a.m.").
    """
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    position = 0
    glue_next = True  # no space before the first token
    quote_open = False
    for index, token in enumerate(tokens):
        previous = tokens[index - 1] if index else ""
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        inside_number = _separates_digits(previous, token, following)
        glue = glue_next or inside_number or _glues_to_previous(token, previous, quote_open)
        if not glue:
            parts.append(" ")
            position += 1
        parts.append(token)
        spans.append((position, position + len(token)))
        position += len(token)
        if token == '"':
            quote_open = not quote_open
            glue_next = quote_open
        else:
            glue_next = (
                inside_number
                or token in _NO_SPACE_AFTER
                or _inside_initialism(previous, token, following)
            )
    return "".join(parts), tuple(spans)


def _inside_initialism(previous: str, token: str, following: str) -> bool:
    """The point between two letters of an initialism: "U . S", "a . m"."""
    return (
        token == "." and len(previous) == len(following) == 1 and (previous + following).isalpha()
    )


def _separates_digits(previous: str, token: str, following: str) -> bool:
    """A thousands comma or a decimal point between two runs of digits."""
    if not (previous.isdigit() and following.isdigit()):
        return False
    if token == ",":
        return len(following) == 3 and len(previous) <= 3
    return token == "."


def _glues_to_previous(token: str, previous: str, quote_open: bool) -> bool:
    if token == '"':
        return quote_open  # a closing quote hugs the word before it
    if token in _NO_SPACE_BEFORE or token[:1] in _APOSTROPHES and len(token) > 1:
        return True
    # "don ’ t", "Baghdad ’ s": the clitic after a lone apostrophe
    return previous in _APOSTROPHES and token in _CONTRACTIONS


@dataclass(frozen=True)
class RoleScores:
    source: PRF = field(default_factory=PRF)
    target: PRF = field(default_factory=PRF)
    combined: PRF = field(default_factory=PRF)

    def __add__(self, other: RoleScores) -> RoleScores:
        return RoleScores(
            self.source + other.source, self.target + other.target, self.combined + other.combined
        )

    def to_dict(self) -> dict:
        return {
            "source": self.source.to_dict(),
            "target": self.target.to_dict(),
            "combined": self.combined.to_dict(),
        }


@dataclass(frozen=True)
class PairScores:
    sentences: int = 0
    """Sentences whose gold names both sides of an event."""
    found: int = 0
    with_countries: int = 0

    def __add__(self, other: PairScores) -> PairScores:
        return PairScores(
            self.sentences + other.sentences,
            self.found + other.found,
            self.with_countries + other.with_countries,
        )

    def to_dict(self) -> dict:
        def share(n: int) -> float | None:
            return round(n / self.sentences, 4) if self.sentences else None

        return {
            "sentences": self.sentences,
            "found": self.found,
            "found_share": share(self.found),
            "with_countries": self.with_countries,
            "with_countries_share": share(self.with_countries),
        }


@dataclass(frozen=True)
class SpanScores:
    source: PRF
    target: PRF
    combined: PRF
    sentences: int
    main_event: RoleScores = RoleScores()
    """The same scores for each sentence's main event (and its reciprocal twin) alone."""
    pairs: PairScores = PairScores()

    def to_dict(self) -> dict:
        return {
            "sentences": self.sentences,
            "source": self.source.to_dict(),
            "target": self.target.to_dict(),
            "combined": self.combined.to_dict(),
            "main_event": self.main_event.to_dict(),
            "pairs": self.pairs.to_dict(),
        }


def role_tokens(
    spans: Iterable[tuple[int, int] | None], token_spans: Sequence[tuple[int, int]]
) -> set[int]:
    """Indexes of the tokens that any of the character spans overlaps."""
    hit: set[int] = set()
    for span in spans:
        if span is None:
            continue
        start, end = span
        hit.update(i for i, (s, e) in enumerate(token_spans) if s < end and start < e)
    return hit


def sentence_counts(
    tags: Sequence[str], token_spans: Sequence[tuple[int, int]], events: Iterable[Event]
) -> tuple[PRF, PRF, PRF]:
    """Source, target and combined counts for one sentence."""
    events = list(events)
    pred_s = role_tokens((e.source.span for e in events), token_spans)
    pred_t = role_tokens((e.target.span for e in events if e.target is not None), token_spans)
    role = [tag[2:] if tag != "O" else "" for tag in tags]
    # an R token is owed to a role unless it was found in the other role only
    gold_s = {
        i for i, r in enumerate(role) if r == "S" or (r == "R" and (i in pred_s or i not in pred_t))
    }
    gold_t = {
        i for i, r in enumerate(role) if r == "T" or (r == "R" and (i in pred_t or i not in pred_s))
    }
    ok_s = {i for i, r in enumerate(role) if r in ("S", "R")}
    ok_t = {i for i, r in enumerate(role) if r in ("T", "R")}
    source = PRF.from_sets(pred_s, gold_s, correct=pred_s & ok_s)
    target = PRF.from_sets(pred_t, gold_t, correct=pred_t & ok_t)
    gold_any = {i for i, r in enumerate(role) if r}
    correct_any = (pred_s & ok_s) | (pred_t & ok_t)
    combined = PRF.from_sets(pred_s | pred_t, gold_any, correct=correct_any)
    return source, target, combined


def score_spans(
    items: Iterable[tuple[Sequence[str], Sequence[tuple[int, int]], Sequence[Event]]],
) -> SpanScores:
    """Token-level scores over ``(tags, token_spans, predicted events)`` per sentence."""
    every = main = RoleScores()
    pairs = PairScores()
    sentences = 0
    for tags, token_spans, events in items:
        every += RoleScores(*sentence_counts(tags, token_spans, events))
        main += RoleScores(*sentence_counts(tags, token_spans, main_events(events)))
        pairs += pair_counts(tags, token_spans, events)
        sentences += 1
    return SpanScores(
        source=every.source,
        target=every.target,
        combined=every.combined,
        sentences=sentences,
        main_event=main,
        pairs=pairs,
    )


def pair_counts(
    tags: Sequence[str], token_spans: Sequence[tuple[int, int]], events: Iterable[Event]
) -> PairScores:
    """One sentence's pair counts (see the module's notes)."""
    role = [tag[2:] if tag != "O" else "" for tag in tags]
    reciprocal_sides = sum(1 for i, r in enumerate(role) if r == "R" and role[i - 1 : i] != ["R"])
    if "S" not in role and reciprocal_sides < 2 or "T" not in role and reciprocal_sides < 2:
        return PairScores()
    sources = {i for i, r in enumerate(role) if r in ("S", "R")}
    targets = {i for i, r in enumerate(role) if r in ("T", "R")}
    found = with_countries = 0
    for event in events:
        if event.target is None:
            continue
        source = role_tokens([event.source.span], token_spans)
        target = role_tokens([event.target.span], token_spans)
        if source & sources and target & targets and not source & target:
            found = 1
            if actor_country(event.source) and actor_country(event.target):
                with_countries = 1
                break
    return PairScores(1, found, with_countries)


def main_events(events: Sequence[Event]) -> list[Event]:
    """The sentence's main event and the events of the same trigger and code (the other
    direction of a reciprocal one, the other side of a coordination)."""
    main = main_event(events)
    if main is None:
        return []
    return [e for e in events if e.trigger_span == main.trigger_span and e.code == main.code]

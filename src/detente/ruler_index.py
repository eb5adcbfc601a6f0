"""The attribute ruler's patterns matched by table lookup instead of spaCy's ``Matcher``.

The English pipeline's ``attribute_ruler`` sets each token's part of speech and morphology
from its tag (a tag map of ~50 one-token patterns) and a few word exceptions: 179 patterns,
each one to three token attributes compared for equality or set membership. spaCy's
``Matcher`` tries every pattern at every token and calls back into Python for each set
test, which costs more than the parser itself (an eighth of the whole parse). The same
matches come from comparing whole columns of the document at once: :class:`PatternTable`
finds exactly the ``(match_id, start, end)`` triples the ``Matcher`` finds for such
patterns, and the ruler applies them as before. A pattern it cannot read (an operator, a
regular expression, an attribute not in :data:`COLUMNS`) leaves the ruler's own matcher in
place.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from spacy.attrs import DEP, IS_SPACE, LOWER, ORTH, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc

log = logging.getLogger(__name__)

COLUMNS = {"TAG": TAG, "LOWER": LOWER, "ORTH": ORTH, "TEXT": ORTH, "DEP": DEP, "IS_SPACE": IS_SPACE}
"""The token attributes a pattern may test, with the ``Doc.to_array`` column of each."""


class UnreadablePattern(ValueError):
    """A pattern :class:`PatternTable` cannot match by lookup (the ``Matcher`` stays)."""


class PatternTable:
    """Matches fixed-length token patterns of equality, set and regular expression tests,
    as ``Matcher`` would: every start where each token passes each of its tests, for every pattern.

    It stands in for an attribute ruler's ``matcher``: ``__call__`` answers as
    ``Matcher.__call__`` does with ``as_spans=False``; every other attribute and method
    (``get``, ``add``, ``remove``, ``len``: what the ruler reads back and serialises) is the
    original matcher's, and ``add``/``remove`` keep both in step."""

    def __init__(self, matcher: Matcher, keyed_patterns: Iterable[tuple[str, list]]):
        self._matcher = matcher
        self._columns = list(COLUMNS.values())
        self._patterns: dict[int, list[_Compiled]] = {}
        self._searched: dict[tuple[str, int], bool] = {}
        for key, patterns in keyed_patterns:
            self._patterns.setdefault(self._key(key), []).extend(self._read(patterns))

    def _key(self, key: str | int) -> int:
        return self._matcher.vocab.strings.add(key) if isinstance(key, str) else key

    def __getattr__(self, name: str) -> Any:
        return getattr(self._matcher, name)

    def __len__(self) -> int:
        return len(self._matcher)

    def __contains__(self, key: str) -> bool:
        return key in self._matcher

    def add(self, key: str, patterns: list, **kwargs: Any) -> None:
        if kwargs.get("on_match") or kwargs.get("greedy"):
            raise UnreadablePattern("callbacks and greedy filters need spaCy's Matcher")
        read = self._read(patterns)
        self._matcher.add(key, patterns, **kwargs)
        self._patterns.setdefault(self._key(key), []).extend(read)

    def remove(self, key: str) -> None:
        self._matcher.remove(key)
        self._patterns.pop(self._key(key), None)

    def __call__(
        self,
        doc: Doc,
        *,
        as_spans: bool = False,
        allow_missing: bool = False,
        with_alignments: bool = False,
    ) -> list[tuple[int, int, int]]:
        if as_spans or with_alignments or not allow_missing or not isinstance(doc, Doc):
            return self._matcher(
                doc, as_spans=as_spans, allow_missing=allow_missing, with_alignments=with_alignments
            )
        return self.matches(doc)

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """``(match_id, start, end)`` of every pattern at every place it matches, each
        triple once (two patterns of one key may match the same tokens)."""
        if not len(doc):
            return []
        columns: list[list[int]] = doc.to_array(self._columns).T.tolist()
        places: dict[int, dict[int, list[int]]] = {}
        found: list[tuple[int, int, int]] = []
        for key, patterns in self._patterns.items():
            spans = [
                (start, start + pattern.length)
                for pattern in patterns
                for start in self._starts(pattern, columns, places)
            ]
            if len(patterns) > 1:
                spans = sorted(set(spans))
            found.extend((key, start, end) for start, end in spans)
        return found

    def _starts(
        self,
        pattern: _Compiled,
        columns: list[list[int]],
        places: dict[int, dict[int, list[int]]],
    ) -> list[int]:
        """Where the pattern matches: the starts its anchor allows (every start when it has
        none), kept when every other test passes. ``places`` indexes the document's columns
        by value, each when first needed."""
        last = len(columns[0]) - pattern.length
        if pattern.anchor is None:
            candidates: Iterable[int] = range(last + 1)
        else:
            offset, column, compare, operand = pattern.anchor
            index = places.get(column)
            if index is None:
                index = places[column] = _positions(columns[column])
            values = (
                operand
                if compare == "IN"
                else [v for v in index if self._passes(v, compare, operand)]
            )
            candidates = sorted(
                i - offset for v in values for i in index.get(v, ()) if 0 <= i - offset <= last
            )
        return [
            start
            for start in candidates
            if all(
                self._passes(columns[column][start + offset], compare, operand)
                for offset, column, compare, operand in pattern.checks
            )
        ]

    def _passes(self, value: int, compare: str, operand: frozenset[int] | str) -> bool:
        if compare == "IN":
            return value in operand
        if compare == "NOT_IN":
            return value not in operand
        found = self._searched.get((operand, value))  # type: ignore[arg-type]
        if found is None:
            text = self._matcher.vocab.strings[value]
            found = self._searched[(operand, value)] = bool(re.search(operand, text))  # type: ignore[arg-type]
        return found

    def _read(self, patterns: Sequence) -> list[_Compiled]:
        """A key's patterns as tests on columns. An operator, or a predicate other than
        ``IN``, ``NOT_IN`` or ``REGEX``, raises :class:`UnreadablePattern`."""
        read = []
        for pattern in patterns:
            if not pattern:
                raise UnreadablePattern("an empty pattern")
            tests = []
            for offset, spec in enumerate(pattern):
                for name, value in spec.items():
                    attr = COLUMNS.get(name.upper()) if isinstance(name, str) else None
                    if attr is None:
                        raise UnreadablePattern(f"attribute {name!r}")
                    tests.append((offset, self._columns.index(attr), *_values(value)))
            read.append(_compiled(len(pattern), tests, self._columns))
        return read


_Test = tuple[int, int, str, frozenset[int] | str]
"""One test of a pattern: the token's offset in it, the column read, how it compares
(``IN``, ``NOT_IN``, ``REGEX``) and with what (ids, or a regular expression)."""

# Columns whose values are rare enough to look up first (a word rather than a tag).
_SELECTIVE = frozenset({LOWER, ORTH})


class _Compiled(NamedTuple):
    """A pattern ready to match: its length in tokens; the test whose values are looked up
    to find where it may start, if it has one; the rest."""

    length: int
    anchor: _Test | None
    checks: tuple[_Test, ...]


def _compiled(length: int, tests: list[_Test], columns: list[int]) -> _Compiled:
    """The anchor is a test on a word if there is one, else the ``IN`` test with fewest
    values, else a regular expression (matched against the document's distinct values)."""

    def rank(test: _Test) -> tuple[int, int, int]:
        _, column, compare, operand = test
        return (
            compare != "IN" and compare != "REGEX",
            columns[column] not in _SELECTIVE,
            len(operand) if compare == "IN" else 1_000_000,
        )

    usable = [t for t in tests if t[2] != "NOT_IN"]
    if not usable:
        return _Compiled(length, None, tuple(tests))
    anchor = min(usable, key=rank)
    return _Compiled(length, anchor, tuple(t for t in tests if t is not anchor))


def _positions(column: list[int]) -> dict[int, list[int]]:
    """Each value of a column with the token indices that hold it."""
    index: dict[int, list[int]] = {}
    for i, value in enumerate(column):
        index.setdefault(value, []).append(i)
    return index


def _values(value: object) -> tuple[str, frozenset[int] | str]:
    """How a test compares and with what, as ``Matcher`` does: a value (a string by its id,
    a flag as 0 or 1), a set of ids ``IN`` or ``NOT_IN``, or a regular expression searched
    in the attribute's string."""
    if isinstance(value, dict):
        if len(value) != 1:
            raise UnreadablePattern(f"predicates {value!r}")
        (compare, operand), *_ = value.items()
        if compare == "REGEX" and isinstance(operand, str):
            return "REGEX", operand
        if compare not in ("IN", "NOT_IN") or not isinstance(operand, list | tuple):
            raise UnreadablePattern(f"predicate {value!r}")
        if not all(isinstance(v, str | int) for v in operand):
            raise UnreadablePattern(f"set {operand!r}")
        return compare, frozenset(get_string_id(v) for v in operand)
    if isinstance(value, bool):
        return "IN", frozenset({int(value)})
    if isinstance(value, str | int):
        return "IN", frozenset({get_string_id(value)})
    raise UnreadablePattern(f"value {value!r}")


def index_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Give the pipeline's attribute ruler a :class:`PatternTable` for its matcher, when it
    has one and every pattern is readable; whether it did."""
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    matcher = getattr(ruler, "matcher", None)
    if isinstance(matcher, PatternTable) or not isinstance(matcher, Matcher):
        return isinstance(matcher, PatternTable)
    try:
        keyed = [(str(i), matcher.get(str(i))[1]) for i in range(len(ruler.attrs))]
        ruler.matcher = PatternTable(matcher, keyed)
    except (UnreadablePattern, TypeError) as exc:
        log.info("attribute ruler keeps spaCy's matcher: %s", exc)
        return False
    return True

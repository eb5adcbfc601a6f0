"""Gold files for ``detente eval``: reading and validating them.

A gold file holds JSON lines, one document a line. A document carries its ``id``
and ``text`` and one or more annotations, each scored by its own section:

- ``events``: the events the text reports (with optional ``forbidden`` events that
  it must not be coded as asserting);
- ``penta``: the ConfliBERT five-way class (0-4) of the sentence's main event;
- ``tokens`` and ``tags``: BIO tags with roles ``S`` (source), ``T`` (target) and
  ``R`` (a side of a reciprocal event).

Every problem is a :class:`~detente.errors.GoldFormatError` naming the file, the
line and what is wrong, so a gold file can be fixed without reading this code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import GoldFormatError
from ..model import MODALITIES

_CODE = re.compile(r"^(0[1-9]|1[0-9]|20)[0-9]{0,2}$")
_ACTOR = re.compile(r"^[A-Z]{3,}$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_TAG = re.compile(r"^(O|[BI]-[STR])$")

ROLE_CODES = frozenset(
    [
        "GOV",
        "MIL",
        "LEG",
        "JUD",
        "COP",
        "SPY",
        "PTY",
        "OPP",
        "REB",
        "SEP",
        "INS",
        "UAF",
        "ELI",
        "BUS",
        "MED",
        "CVL",
        "EDU",
        "HLH",
        "LAB",
        "AGR",
        "ENV",
        "CRM",
        "REF",
        "HRI",
        "DEV",
        "MOD",
        "RAD",
        "REL",
        "IGO",
        "NGO",
        "NGM",
        "MNC",
        "CHR",
        "MOS",
        "BUD",
        "HIN",
        "JEW",
    ]
)
"""CAMEO sector codes that may follow a country in an actor code (``PRKGOV``)."""


def split_actor_code(code: str | None) -> tuple[str | None, str | None]:
    """Country and sector of an actor code.

    ``"PRKGOV"`` -> ``("PRK", "GOV")``; ``"NATO"`` -> ``("NATO", None)``;
    ``"GOV"`` -> ``(None, "GOV")``.

    The country is what is left once trailing three-letter sector codes are taken
    off, so that IGO codes of any length (``NATO``) stay whole.
    """
    if not code:
        return None, None
    country = code
    while len(country) > 3 and country[-3:] in ROLE_CODES:
        country = country[:-3]
    if country in ROLE_CODES:
        country = ""
    sector = code[len(country) :] or None
    return country or None, sector


@dataclass(frozen=True)
class GoldDate:
    """A gold event date known to the day, the month or the year."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)


@dataclass(frozen=True)
class GoldEvent:
    source: str
    target: str | None
    codes: tuple[str, ...]
    """Alternatives: a prediction matching any one of them is right."""
    date: GoldDate | None = None
    symmetric: bool = False
    modality: str | None = None

    @property
    def source_country(self) -> str | None:
        return split_actor_code(self.source)[0]

    @property
    def target_country(self) -> str | None:
        return split_actor_code(self.target)[0]

    @property
    def roots(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(code[:2] for code in self.codes))

    def describe(self) -> str:
        arrow = "<->" if self.symmetric else "->"
        return f"{self.source} {arrow} {self.target or '-'} {'|'.join(self.codes)}"


@dataclass(frozen=True)
class GoldDocument:
    """One line of a gold file; the annotations it lacks are ``None``."""

    id: str
    text: str
    line: int
    published: date | None = None
    events: tuple[GoldEvent, ...] | None = None
    forbidden: tuple[GoldEvent, ...] = ()
    penta: int | None = None
    tokens: tuple[str, ...] | None = None
    tags: tuple[str, ...] | None = None
    token_spans: tuple[tuple[int, int], ...] | None = None
    """Character offsets of each token in ``text``."""
    focus: tuple[int, int] | None = None
    """The ``[start, end)`` of ``text`` the gold events annotate: the text around it is
    context (earlier sentences for reference back and dates), and events found only
    outside it are not scored."""
    extras: dict[str, Any] = field(default_factory=dict, compare=False)


def load_gold(path: str | Path) -> list[GoldDocument]:
    """Read and validate a whole gold file; the first problem raises ``GoldFormatError``."""
    return list(iter_gold(path))


def iter_gold(path: str | Path) -> Iterator[GoldDocument]:
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise GoldFormatError(f"cannot read gold file {path}: {exc.strerror or exc}") from exc
    seen: set[str] = set()
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                doc = parse_document(line, f"{path}:{number}", number)
                if doc.id in seen:
                    raise GoldFormatError(f"{path}:{number}: duplicate document id {doc.id!r}")
                seen.add(doc.id)
                yield doc
        except UnicodeDecodeError as exc:
            raise GoldFormatError(
                f"{path}: not UTF-8 text ({exc.reason}); save it as UTF-8"
            ) from exc


def parse_document(line: str, where: str, number: int = 0) -> GoldDocument:
    """Validate one JSON line of a gold file; ``where`` (``file:line``) prefixes errors."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise GoldFormatError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise GoldFormatError(
            f"{where}: each line must be a JSON object, not {type(record).__name__}"
        )
    doc_id = record.get("id")
    if not isinstance(doc_id, str | int) or isinstance(doc_id, bool) or str(doc_id) == "":
        raise GoldFormatError(f'{where}: missing or empty "id" (a string)')
    kinds = [k for k in ("events", "penta", "tokens") if k in record]
    if not kinds:
        raise GoldFormatError(
            f'{where}: document {doc_id!r} has nothing to score: give "events", "penta" '
            'or "tokens" with "tags"'
        )
    tokens = tags = spans = None
    text = record.get("text")
    if "tokens" in record:
        tokens, tags = _tokens_and_tags(record, where)
        if text is None:
            from .spans import detokenise

            text, spans = detokenise(tokens)
        else:
            spans = _align_tokens(tokens, _text(text, where), where)
    text = _text(text, where)
    events = None
    if "events" in record:
        events = _events(record["events"], f'{where}: "events"')
    forbidden = _events(record.get("forbidden", []), f'{where}: "forbidden"')
    return GoldDocument(
        id=str(doc_id),
        text=text,
        line=number,
        published=_published(record.get("published"), where),
        events=events,
        forbidden=tuple(forbidden or ()),
        penta=_penta(record, where) if "penta" in record else None,
        tokens=tokens,
        tags=tags,
        token_spans=spans,
        focus=_focus(record.get("focus"), text, where),
        extras={k: v for k, v in record.items() if k not in _KNOWN_KEYS},
    )


_KNOWN_KEYS = {
    "id",
    "text",
    "published",
    "events",
    "forbidden",
    "penta",
    "tokens",
    "tags",
    "focus",
}


def _focus(value: Any, text: str, where: str) -> tuple[int, int] | None:
    if value is None:
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        or not 0 <= value[0] < value[1] <= len(text)
    ):
        raise GoldFormatError(
            f'{where}: "focus" must be [start, end], character offsets with '
            f"0 <= start < end <= {len(text)} (the text's length), not {value!r}"
        )
    return value[0], value[1]


def _text(text: Any, where: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise GoldFormatError(f'{where}: missing or empty "text" (the document\'s text)')
    return text


def _published(value: Any, where: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise GoldFormatError(
            f'{where}: "published" must be a date like 2019-03-17, not {value!r}'
        ) from exc


def _penta(record: dict, where: str) -> int:
    value = record["penta"]
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 4:
        raise GoldFormatError(f'{where}: "penta" must be an integer from 0 to 4, not {value!r}')
    return value


def _tokens_and_tags(record: dict, where: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    tokens, tags = record.get("tokens"), record.get("tags")
    if (
        not isinstance(tokens, list)
        or not tokens
        or not all(isinstance(t, str) and t.strip() and t == t.strip() for t in tokens)
    ):
        raise GoldFormatError(f'{where}: "tokens" must be a non-empty list of non-blank strings')
    if not isinstance(tags, list) or len(tags) != len(tokens):
        got = len(tags) if isinstance(tags, list) else type(tags).__name__
        raise GoldFormatError(
            f'{where}: "tags" must be a list as long as "tokens" ({len(tokens)}), got {got}'
        )
    for index, tag in enumerate(tags):
        if not isinstance(tag, str) or not _TAG.match(tag):
            raise GoldFormatError(
                f"{where}: tag {index + 1} is {tag!r}; tags are O, B-S, I-S, B-T, I-T, B-R or I-R"
            )
    return tuple(tokens), tuple(tags)


def _align_tokens(tokens: tuple[str, ...], text: str, where: str) -> tuple[tuple[int, int], ...]:
    """Find each token in ``text`` in order, allowing only whitespace between them."""
    spans, position = [], 0
    for index, token in enumerate(tokens):
        while position < len(text) and text[position].isspace():
            position += 1
        if not text.startswith(token, position):
            raise GoldFormatError(
                f'{where}: token {index + 1} ({token!r}) is not at character {position} of "text" '
                f"(found {text[position : position + len(token)]!r}); "
                'leave "text" out to rebuild it from the tokens'
            )
        spans.append((position, position + len(token)))
        position += len(token)
    return tuple(spans)


def _events(value: Any, where: str) -> tuple[GoldEvent, ...]:
    if not isinstance(value, list):
        raise GoldFormatError(f"{where} must be a list of events, not {type(value).__name__}")
    return tuple(_event(item, f"{where}[{index}]") for index, item in enumerate(value))


def _event(item: Any, where: str) -> GoldEvent:
    if not isinstance(item, dict):
        raise GoldFormatError(f"{where}: an event must be an object with source, target and code")
    unknown = set(item) - {"source", "target", "code", "date", "symmetric", "modality"}
    if unknown:
        raise GoldFormatError(f"{where}: unknown event field(s) {', '.join(sorted(unknown))}")
    source = _actor(item.get("source"), f"{where}.source", required=True)
    target = _actor(item.get("target"), f"{where}.target", required=False)
    symmetric = item.get("symmetric", False)
    if not isinstance(symmetric, bool):
        raise GoldFormatError(f"{where}.symmetric must be true or false, not {symmetric!r}")
    modality = item.get("modality")
    if modality is not None and modality not in MODALITIES:
        raise GoldFormatError(
            f"{where}.modality is {modality!r}; expected one of {', '.join(MODALITIES)}"
        )
    return GoldEvent(
        source=source,
        target=target,
        codes=_codes(item.get("code"), f"{where}.code"),
        date=_gold_date(item.get("date"), f"{where}.date"),
        symmetric=symmetric,
        modality=modality,
    )


def _actor(value: Any, where: str, required: bool) -> Any:
    if value is None and not required:
        return None
    if not isinstance(value, str) or not _ACTOR.match(value):
        raise GoldFormatError(
            f"{where} is {value!r}; "
            'expected a CAMEO actor code in capitals such as "PRK" or "PRKGOV"'
        )
    return value


def _codes(value: Any, where: str) -> tuple[str, ...]:
    codes = value if isinstance(value, list) else [value]
    if not codes or not all(isinstance(c, str) and _CODE.match(c) for c in codes):
        raise GoldFormatError(
            f"{where} is {value!r}; expected a CAMEO code string of 2-4 digits with root 01-20 "
            '("04", "042") or a list of alternatives'
        )
    return tuple(codes)


def _gold_date(value: Any, where: str) -> GoldDate | None:
    if value is None:
        return None
    match = _DATE.match(value) if isinstance(value, str) else None
    if match is None:
        raise GoldFormatError(f"{where} is {value!r}; expected 2019-03-14, 2019-03 or 2019")
    year = int(match.group(1))
    month, day = (int(g) if g else None for g in match.groups()[1:])
    try:
        date(year, month or 1, day or 1)
    except ValueError as exc:
        raise GoldFormatError(f"{where} is {value!r}, which is not a real date ({exc})") from exc
    return GoldDate(year, month, day)

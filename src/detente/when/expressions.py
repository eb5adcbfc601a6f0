"""Finding time expressions in English news text.

:func:`find_expressions` scans a text with regular expressions built from the
tables in :mod:`detente.when.lexicon` and returns what it found as
:class:`TimeExpression` records (character offsets and the parsed calendar
fields) — without resolving them: the same "Thursday" means different days in a
past and a future clause, and that is :mod:`detente.when.resolve`'s job.

Regular expressions rather than a general date parser for these forms: they are
the bulk of news dates, they must be located exactly (offsets, to find the clause
that governs them), and they cost microseconds. Anything else spaCy tags as a DATE
goes to :mod:`detente.when.fallback` (dateparser).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from . import lexicon

KINDS = (
    "date",  # a calendar day; year may be missing ("March 6", "6 March 2019")
    "day_range",  # days of one or two months ("March 16-21", "March 30-April 2")
    "day_of_month",  # "on the 6th"
    "month",  # "in March", "March 2019", "last January", "late March"
    "year",  # "in 2017"
    "weekday",  # "Thursday", "last Monday"
    "deictic",  # "yesterday", "last week", "later this year"
    "weekend",  # "over the weekend"
    "offset",  # from the anchor: "two days ago", "in three weeks"
    "chain",  # from the previous event: "four days later", "the next day"
    "range",  # "from Monday to Wednesday": inner = (first, last)
    "until",  # "through Thursday": inner = (last,)
    "since",  # "since 2018": inner = (first,)
    "duration",  # a length, not a date: "a six-day visit"
    "other",  # a DATE entity the scanner does not know: left to dateparser
)


@dataclass(frozen=True)
class TimeExpression:
    """One time expression found in a text, parsed but not yet anchored."""

    text: str
    start: int
    end: int
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    end_year: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    weekday: int | None = None
    unit: str | None = None
    amount: int = 0
    part: str = "whole"
    """Months: whole, or the days a qualifier keeps (``early``, ``mid``, ``late``).
    Deictic: whole, before/after the anchor, or trailing. Chain: exact ("a week later",
    shifted by 7 days) or period ("the following week", the calendar week)."""
    relation: str | None = None
    """``last`` / ``next`` / ``this`` before a weekday or month name."""
    inner: tuple[TimeExpression, ...] = ()

    @property
    def is_relative_to_event(self) -> bool:
        return self.kind == "chain" or any(e.is_relative_to_event for e in self.inner)


def _alternation(words: Iterable[str], flags: str = "") -> str:
    """A regex group matching any of ``words``, longest first, spaces as any whitespace."""
    ordered = sorted(words, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


_FULL_MONTHS = [m for m in lexicon.MONTHS if m in calendar.month_name]
_ABBREVIATED_MONTHS = [m for m in lexicon.MONTHS if m not in calendar.month_name]


def _month_group(name: str) -> str:
    """A month name; only an abbreviation takes a full stop ("Feb. 28", not "in May.")."""
    full, short = _alternation(_FULL_MONTHS), _alternation(_ABBREVIATED_MONTHS)
    return rf"(?P<{name}>{full}\b|{short}\b\.?)"


_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"
_YEAR = r"(?:1[89]|20)\d\d"
_NUM = rf"(?:{_alternation(lexicon.NUMBERS, 'i')}|\d{{1,3}})"
_UNIT = _alternation(lexicon.UNITS, "i")
_DAYPART = rf"(?:\s+{_alternation(lexicon.DAY_PARTS, 'i')})?"
_RANGE_JOIN = r"\s*(?:-|–|—|(?i:to|and|through|until|till))\s*"
_SPAN_JOIN = r"\s*(?:-|–|—|(?i:to|through|until|till))\s*"
_QUALIFIER = rf"(?P<q>{_alternation(lexicon.MONTH_PARTS, 'i')})[\s-]+"

_PATTERNS: dict[str, re.Pattern[str]] = {
    "iso": re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    "month_day": re.compile(
        rf"\b{_month_group('m')}\s+(?P<d>{_DAY})"
        rf"(?:{_RANGE_JOIN}(?P<d2>{_DAY})|{_SPAN_JOIN}{_month_group('m2')}\s+(?P<d3>{_DAY}))?"
        rf"(?:,?\s+(?P<y>{_YEAR})\b)?"
    ),
    "day_month": re.compile(
        rf"\b(?i:the\s+)?(?P<d>{_DAY})(?:{_RANGE_JOIN}(?i:the\s+)?(?P<d2>{_DAY}))?"
        rf"\s+(?i:of\s+)?{_month_group('m')}(?:,?\s+(?P<y>{_YEAR})\b)?"
    ),
    "month_year": re.compile(
        rf"\b(?:{_QUALIFIER})?{_month_group('m')},?\s+(?i:of\s+)?(?P<y>{_YEAR})\b"
    ),
    "month": re.compile(
        rf"\b(?:(?P<rel>(?i:last|next|this))\s+|{_QUALIFIER})?{_month_group('m')}(?!\s*\d)"
    ),
    "year": re.compile(
        rf"\b(?:(?P<q>(?i:early|mid|late))[\s-]+)?(?P<y>{_YEAR})\b(?![-–/]\d|\s*(?:%|percent))"
    ),
    "weekday": re.compile(
        rf"\b(?:(?P<rel>(?i:last|next|this))\s+)?"
        rf"(?P<w>{_alternation(lexicon.WEEKDAYS)})\b(?:'s)?{_DAYPART}"
    ),
    "day_of_month": re.compile(
        rf"\b(?i:on)\s+the\s+(?P<d>{_DAY})"
        r"(?!\s+(?:of\b|floor|anniversary|time|round|century|session|day|[A-Z]))"
    ),
    "deictic": re.compile(rf"\b(?P<p>{_alternation(lexicon.DEICTIC, 'i')}){_DAYPART}\b"),
    "weekend": re.compile(rf"\b(?P<p>{_alternation(lexicon.WEEKEND, 'i')})\b"),
    "chain": re.compile(rf"\b(?P<p>{_alternation(lexicon.CHAIN, 'i')})\b"),
    "offset": re.compile(
        rf"\b(?P<n>{_NUM})\s+(?P<u>{_UNIT})\s+(?P<dir>(?i:ago|from\s+now|later|earlier|"
        rf"afterwards?|previously|(?:after|before)(?=\s*(?:[,.;:]|$))))"
    ),
    "in_offset": re.compile(
        rf"\b(?i:in|within)\s+(?P<n>{_NUM})\s+(?P<u>{_UNIT})(?:'\s*|'s\s+time)?(?!\s+(?i:of|after|before|since))\b"
    ),
    "duration": re.compile(rf"\b(?P<n>{_NUM})-(?P<u>(?i:day|week|month|year))\b(?!-old)"),
    # "two days of talks", "for three weeks": a length (an offset, "two days later", is longer)
    "duration_words": re.compile(rf"\b(?P<n>{_NUM})\s+(?P<u>(?i:day|week|month|year))s?\b"),
}


def _month(name: str | None) -> int | None:
    return lexicon.MONTHS[name.rstrip(".")] if name else None


def _day(text: str | None) -> int | None:
    return int(re.sub(r"\D", "", text)) if text else None


def _number(text: str) -> int:
    key = re.sub(r"\s+", " ", text.lower())
    return lexicon.NUMBERS[key] if key in lexicon.NUMBERS else int(key)


def _preceding_word(text: str, start: int, words: tuple[str, ...]) -> bool:
    before = text[max(0, start - 24) : start]
    return re.search(rf"\b{_alternation(words, 'i')}[\s-]+$", before) is not None


Builder = Callable[[re.Match[str], str], TimeExpression | None]


def _expr(m: re.Match[str], kind: str, **fields: object) -> TimeExpression:
    return TimeExpression(m.group(0), m.start(), m.end(), kind, **fields)  # type: ignore[arg-type]


def _iso(m: re.Match[str], text: str) -> TimeExpression | None:
    return _expr(m, "date", year=int(m["y"]), month=int(m["m"]), day=int(m["d"]))


def _calendar_day(m: re.Match[str], text: str) -> TimeExpression | None:
    year = int(m["y"]) if m["y"] else None
    last_day = m["d2"] or m.groupdict().get("d3")
    if last_day is None:
        return _expr(m, "date", year=year, month=_month(m["m"]), day=_day(m["d"]))
    end_month = _month(m.groupdict().get("m2")) or _month(m["m"])
    return _expr(
        m, "day_range", year=year, month=_month(m["m"]), day=_day(m["d"]),
        end_month=end_month, end_day=_day(last_day),
    )  # fmt: skip


def _month_year(m: re.Match[str], text: str) -> TimeExpression | None:
    return _expr(m, "month", year=int(m["y"]), month=_month(m["m"]), part=_qualifier(m))


def _qualifier(m: re.Match[str]) -> str:
    q = m.groupdict().get("q")
    return re.sub(r"\s+", " ", q.lower()) if q else "whole"


def _bare_month(m: re.Match[str], text: str) -> TimeExpression | None:
    relation = m["rel"].lower() if m["rel"] else None
    part = _qualifier(m)
    bare = relation is None and part == "whole"
    if bare and not _preceding_word(text, m.start(), lexicon.MONTH_PREPOSITIONS):
        return None  # "May" alone is a verb; "March" alone may be one
    return _expr(m, "month", month=_month(m["m"]), relation=relation, part=part)


def _year(m: re.Match[str], text: str) -> TimeExpression | None:
    if m["q"] is None and not _preceding_word(text, m.start(), lexicon.YEAR_PREPOSITIONS):
        return None  # "the 2017 election", "2019 troops"
    return _expr(m, "year", year=int(m["y"]), part=_qualifier(m))


def _weekday(m: re.Match[str], text: str) -> TimeExpression | None:
    relation = m["rel"].lower() if m["rel"] else None
    return _expr(m, "weekday", weekday=lexicon.WEEKDAYS[m["w"]], relation=relation)


def _day_of_month(m: re.Match[str], text: str) -> TimeExpression | None:
    return _expr(m, "day_of_month", day=_day(m["d"]))


def _phrase(m: re.Match[str]) -> str:
    return re.sub(r"\s+", " ", m["p"].lower())


def _deictic(m: re.Match[str], text: str) -> TimeExpression | None:
    unit, amount, part = lexicon.DEICTIC[_phrase(m)]
    return _expr(m, "deictic", unit=unit, amount=amount, part=part)


def _weekend(m: re.Match[str], text: str) -> TimeExpression | None:
    return _expr(m, "weekend", amount=lexicon.WEEKEND[_phrase(m)])


def _chain(m: re.Match[str], text: str) -> TimeExpression | None:
    unit, amount = lexicon.CHAIN[_phrase(m)]
    return _expr(m, "chain", unit=unit, amount=amount, part="period")


def _offset(m: re.Match[str], text: str) -> TimeExpression | None:
    direction = re.sub(r"\s+", " ", m["dir"].lower())
    amount = _number(m["n"])
    unit = lexicon.UNITS[m["u"].lower()]
    if direction in ("ago", "from now"):
        return _expr(m, "offset", unit=unit, amount=-amount if direction == "ago" else amount)
    sign = 1 if direction.startswith(lexicon.LATER) else -1
    return _expr(m, "chain", unit=unit, amount=sign * amount)


def _in_offset(m: re.Match[str], text: str) -> TimeExpression | None:
    if _preceding_word(text, m.start(), ("time", "first", "ever", "highest", "lowest", "worst")):
        return None  # "for the first time in 23 years" is a span of the past, not a date ahead
    unit = lexicon.UNITS[m["u"].lower()]
    return _expr(m, "offset", unit=unit, amount=_number(m["n"]), part="ahead")


def _duration(m: re.Match[str], text: str) -> TimeExpression | None:
    unit = m["u"].lower()
    return _expr(m, "duration", unit=unit, amount=_number(m["n"]) * lexicon.UNIT_DAYS[unit])


_BUILDERS: dict[str, Builder] = {
    "iso": _iso, "month_day": _calendar_day, "day_month": _calendar_day,
    "month_year": _month_year, "month": _bare_month, "year": _year, "weekday": _weekday,
    "day_of_month": _day_of_month, "deictic": _deictic, "weekend": _weekend,
    "chain": _chain, "offset": _offset, "in_offset": _in_offset, "duration": _duration,
    "duration_words": _duration,
}  # fmt: skip


def _candidates(text: str) -> Iterator[TimeExpression]:
    for name, pattern in _PATTERNS.items():
        for m in pattern.finditer(text):
            found = _BUILDERS[name](m, text)
            if found is not None:
                yield found


def _non_overlapping(found: list[TimeExpression]) -> list[TimeExpression]:
    """Longest first, then earliest: "6 March 2019" wins over "March 2019" and "in 2019"."""
    kept: list[TimeExpression] = []
    for expr in sorted(found, key=lambda e: (-(e.end - e.start), e.start)):
        if all(expr.end <= k.start or expr.start >= k.end for k in kept):
            kept.append(expr)
    return sorted(kept, key=lambda e: e.start)


_RANGE_OPEN = re.compile(r"\b(?i:from|between)\s+$")
_RANGE_MIDDLE = re.compile(r"^\s*(?:(?i:to|until|till|through|and)|-|–|—)\s*$")
_DASH_MIDDLE = re.compile(r"^\s*[-–—]\s*$")
_UNTIL_OPEN = re.compile(r"\b(?i:through|until|till|up\s+to)\s+$")
_SINCE_OPEN = re.compile(r"\b(?i:since)\s+$")
_WEEKDAY_THEN_DATE = re.compile(r"^,?\s*$")
_DATED = frozenset({"date", "day_range", "day_of_month", "month", "year", "weekday", "deictic"})


def _combine(text: str, atoms: list[TimeExpression]) -> list[TimeExpression]:
    """Join atoms into ranges ("from A to B"), open ranges ("until A", "since A")."""
    out: list[TimeExpression] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        before = text[max(0, a.start - 12) : a.start]
        if b is not None and a.kind in _DATED and b.kind in _DATED:
            middle = text[a.end : b.start]
            if a.kind == "weekday" and b.kind == "date" and _WEEKDAY_THEN_DATE.match(middle):
                out.append(replace(b, text=text[a.start : b.end], start=a.start))
                i += 2
                continue
            opened = _RANGE_OPEN.search(before)
            if (opened and _RANGE_MIDDLE.match(middle)) or _DASH_MIDDLE.match(middle):
                start = a.start - len(before) + opened.start() if opened else a.start
                out.append(TimeExpression(text[start : b.end], start, b.end, "range", inner=(a, b)))
                i += 2
                continue
        out.append(_wrap_open_range(text, a, before))
        i += 1
    return out


def _wrap_open_range(text: str, a: TimeExpression, before: str) -> TimeExpression:
    if a.kind not in _DATED:
        return a
    for pattern, kind in ((_UNTIL_OPEN, "until"), (_SINCE_OPEN, "since")):
        opened = pattern.search(before)
        if opened:
            start = a.start - len(before) + opened.start()
            return TimeExpression(text[start : a.end], start, a.end, kind, inner=(a,))
    return a


def find_expressions(text: str) -> list[TimeExpression]:
    """Every time expression in ``text``, in order, without overlaps."""
    return _combine(text, _non_overlapping(list(_candidates(text))))

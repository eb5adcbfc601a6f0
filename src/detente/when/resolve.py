"""Anchoring time expressions: from "Thursday" and a publication date to a day range.

:func:`resolve` turns one :class:`~detente.when.expressions.TimeExpression` into an
:class:`~detente.model.EventDate`, given

* the *anchor* — the day the text was written (the publication date); expressions
  that need it ("yesterday", "Thursday", "March 6") resolve to ``None`` without it:
  a date is never guessed from today's clock;
* the *tense* of the clause ("past", "present", "future", "unknown"), which decides
  which "Thursday" or which year's "March 6" is meant
  (see :func:`detente.when.periods.choose_by_tense`);
* the *previous* event date, for expressions dated from the event named before them
  ("four days later", "the next day").

:func:`resolve_expression` does the same for a string, trying
:mod:`detente.when.fallback` (dateparser) for forms the scanner does not know.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from ..model import EventDate
from . import periods
from .expressions import TimeExpression, find_expressions
from .fallback import parse_with_dateparser

Period = tuple[date, date]


def resolve(
    expr: TimeExpression,
    anchor: date | None,
    tense: str = "unknown",
    previous: EventDate | None = None,
    duration_days: int | None = None,
) -> EventDate | None:
    """The day range ``expr`` denotes, or ``None`` when the text does not fix it.

    ``duration_days`` is the length of the event when the sentence gives one
    ("a six-day visit runs through Thursday"): it turns an open range ending on a
    day into that many days ending on it.
    """
    period = _resolve_period(expr, anchor, tense, previous, duration_days)
    if period is None:
        return None
    return periods.event_date(period[0], period[1], text=expr.text)


def resolve_expression(
    text: str, anchor: date | None, tense: str = "unknown", previous: EventDate | None = None
) -> EventDate | None:
    """Resolve the first time expression in ``text`` (a phrase or a sentence).

    A duration in the same text ("a six-day visit ... through Thursday") shapes an
    open range. Forms the scanner does not know go to dateparser.
    """
    found = find_expressions(text)
    durations = [e.amount for e in found if e.kind == "duration"]
    dated = [e for e in found if e.kind != "duration"]
    if dated:
        return resolve(dated[0], anchor, tense, previous, durations[0] if durations else None)
    return parse_with_dateparser(text.strip(), anchor, tense)


def _resolve_period(
    expr: TimeExpression,
    anchor: date | None,
    tense: str,
    previous: EventDate | None,
    duration_days: int | None,
) -> Period | None:
    if expr.kind == "chain":
        return _chain(expr, previous)
    if expr.kind == "other":
        found = parse_with_dateparser(expr.text, anchor, tense)
        return (found.start, found.end) if found and found.start and found.end else None
    if expr.kind in ("range", "until", "since"):
        return _COMPOUND[expr.kind](expr, anchor, tense, previous, duration_days)
    if expr.kind in _ABSOLUTE and _is_absolute(expr):
        return _ABSOLUTE[expr.kind](expr, anchor or date.min, tense)
    if anchor is None or expr.kind not in _RELATIVE:
        return None
    return _RELATIVE[expr.kind](expr, anchor, tense)


def _is_absolute(expr: TimeExpression) -> bool:
    return expr.year is not None


# --- kinds that carry a year, or take it from the anchor -------------------------------


def _calendar_day(expr: TimeExpression, anchor: date, tense: str) -> Period | None:
    assert expr.month is not None and expr.day is not None
    if expr.year is not None:
        day = periods.safe_date(expr.year, expr.month, expr.day)
    else:
        day = periods.infer_year(expr.month, expr.day, anchor, tense)
    return (day, day) if day else None


def _day_range(expr: TimeExpression, anchor: date, tense: str) -> Period | None:
    first = _calendar_day(expr, anchor, tense)
    if first is None or expr.end_month is None or expr.end_day is None:
        return None
    year = first[0].year + (1 if expr.end_month < first[0].month else 0)
    last = periods.safe_date(year, expr.end_month, expr.end_day)
    return (first[0], last) if last and last >= first[0] else None


def _month(expr: TimeExpression, anchor: date, tense: str) -> Period | None:
    assert expr.month is not None
    if expr.year is not None:
        return _narrow(periods.month_period(expr.year, expr.month), expr.part)
    options = [periods.month_period(anchor.year + k, expr.month) for k in (-2, -1, 0, 1, 2)]
    this_month = periods.month_period(anchor.year, anchor.month)
    if expr.relation == "last":
        chosen = [p for p in options if p[1] < this_month[0]][-1]
    elif expr.relation == "next":
        chosen = next(p for p in options if p[0] > this_month[1])
    elif expr.relation == "this":
        chosen = periods.month_period(anchor.year, expr.month)
    else:
        chosen = _period_by_tense(options, anchor, tense)
    return _narrow(chosen, expr.part)


def _period_by_tense(options: list[Period], anchor: date, tense: str) -> Period:
    """Past: the latest begun by the anchor; future: the earliest not over by it; else nearest."""
    if tense == "past":
        return [p for p in options if p[0] <= anchor][-1]
    if tense == "future":
        return next(p for p in options if p[1] >= anchor)

    def distance(p: Period) -> int:
        return (
            0
            if p[0] <= anchor <= p[1]
            else min(abs((p[0] - anchor).days), abs((p[1] - anchor).days))
        )

    return min(options, key=distance)


_MONTH_PARTS = {
    "early": (1, 10), "the beginning of": (1, 10), "the start of": (1, 10),
    "mid": (11, 20), "the middle of": (11, 20), "late": (21, 31), "the end of": (21, 31),
}  # fmt: skip


def _narrow(period: Period, part: str) -> Period:
    if part not in _MONTH_PARTS:
        return period
    first, last = _MONTH_PARTS[part]
    start = period[0] + timedelta(days=first - 1)
    return start, min(period[1], period[0] + timedelta(days=last - 1))


def _year(expr: TimeExpression, anchor: date, tense: str) -> Period | None:
    assert expr.year is not None
    return periods.year_period(expr.year)


_ABSOLUTE: dict[str, Callable[[TimeExpression, date, str], Period | None]] = {
    "date": _calendar_day, "day_range": _day_range, "month": _month, "year": _year,
}  # fmt: skip


# --- kinds dated from the anchor alone --------------------------------------------------


def _day_of_month(expr: TimeExpression, anchor: date, tense: str) -> Period | None:
    assert expr.day is not None
    first = anchor.replace(day=1)
    months = (periods.shift(first, "month", k) for k in (-2, -1, 0, 1, 2))
    days = [periods.safe_date(m.year, m.month, expr.day) for m in months]
    day = periods.choose_by_tense([d for d in days if d], anchor, tense)
    return (day, day) if day else None


def _weekday(expr: TimeExpression, anchor: date, tense: str) -> Period | None:
    assert expr.weekday is not None
    back = (anchor.weekday() - expr.weekday) % 7
    past, coming = anchor - timedelta(days=back), anchor + timedelta(days=(7 - back) % 7)
    if expr.relation == "last":
        day = past if back else anchor - timedelta(days=7)
    elif expr.relation == "next":
        day = coming if back else anchor + timedelta(days=7)
    elif tense == "future":
        day = coming
    elif tense == "present":
        day = periods.choose_by_tense([past, coming], anchor, tense)  # type: ignore[assignment]
    else:
        day = past  # past, and news's default when the clause shows no tense
    return day, day


def _deictic(expr: TimeExpression, anchor: date, tense: str) -> Period | None:
    assert expr.unit is not None
    if expr.part == "trailing":
        return periods.shift(anchor, expr.unit, -1) + timedelta(days=1), anchor
    if expr.part == "coming":
        return anchor + timedelta(days=1), periods.shift(anchor, expr.unit, 1)
    start, end = periods.period_of(expr.unit, periods.shift(anchor, expr.unit, expr.amount))
    if expr.part == "before":
        return start, max(start, anchor - timedelta(days=1))
    if expr.part == "after":
        return min(end, anchor + timedelta(days=1)), end
    return start, end


def _weekend(expr: TimeExpression, anchor: date, tense: str) -> Period | None:
    latest_saturday = anchor - timedelta(days=(anchor.weekday() - 5) % 7)
    if expr.amount < 0:
        saturday = latest_saturday if latest_saturday < anchor else latest_saturday - timedelta(7)
    elif anchor.weekday() == 6:
        saturday = latest_saturday + timedelta(days=7 * expr.amount)
    else:
        saturday = anchor + timedelta(days=(5 - anchor.weekday()) % 7 + 7 * expr.amount)
    return saturday, saturday + timedelta(days=1)


def _offset(expr: TimeExpression, anchor: date, tense: str) -> Period | None:
    assert expr.unit is not None
    if expr.part == "ahead" and tense == "past":
        return None  # "had not met in two years": a span of the past, not a date ahead
    return periods.period_of(expr.unit, periods.shift(anchor, expr.unit, expr.amount))


_RELATIVE: dict[str, Callable[[TimeExpression, date, str], Period | None]] = {
    **_ABSOLUTE, "day_of_month": _day_of_month, "weekday": _weekday, "deictic": _deictic,
    "weekend": _weekend, "offset": _offset,
}  # fmt: skip


# --- kinds built from others ------------------------------------------------------------


def _chain(expr: TimeExpression, previous: EventDate | None) -> Period | None:
    """Move the previous event's range by the offset.

    "Four days later", "a week later" shift it exactly, keeping its width (and so its
    precision); "the following week", "a month later" name the calendar unit holding
    the shifted day.
    """
    if previous is None or previous.start is None or previous.end is None or expr.unit is None:
        return None
    start = periods.shift(previous.start, expr.unit, expr.amount)
    end = periods.shift(previous.end, expr.unit, expr.amount)
    if expr.unit in ("day", "week") and expr.part != "period":
        return start, end
    return periods.period_of(expr.unit, start)[0], periods.period_of(expr.unit, end)[1]


_FOLLOWS_FIRST = frozenset({"date", "day_range", "day_of_month", "weekday", "month"})


def _range(
    expr: TimeExpression, anchor: date | None, tense: str, previous: EventDate | None, _: int | None
) -> Period | None:
    first_expr, last_expr = expr.inner
    first = _resolve_period(first_expr, anchor, tense, previous, None)
    if first is None:
        return None
    if last_expr.kind in _FOLLOWS_FIRST and last_expr.year is None:
        last = _resolve_period(last_expr, first[0], "future", previous, None)  # the next one on
    else:
        last = _resolve_period(last_expr, anchor, tense, previous, None)
    if last is None or last[1] < first[0]:
        return None
    return first[0], last[1]


def _until(
    expr: TimeExpression,
    anchor: date | None,
    tense: str,
    previous: EventDate | None,
    days: int | None,
) -> Period | None:
    last = _resolve_period(expr.inner[0], anchor, tense, previous, None)
    if last is None or not days:
        return last
    return last[1] - timedelta(days=days - 1), last[1]


def _since(
    expr: TimeExpression, anchor: date | None, tense: str, previous: EventDate | None, _: int | None
) -> Period | None:
    """From the start of the named time to the anchor (the state still holds when written)."""
    first = _resolve_period(expr.inner[0], anchor, "past", previous, None)
    if first is None:
        return None
    return first[0], anchor if anchor and anchor >= first[0] else first[1]


_COMPOUND = {"range": _range, "until": _until, "since": _since}

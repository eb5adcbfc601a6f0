"""Calendar arithmetic for event dates: periods, precision, year inference.

Every resolved date is a closed range of days ``[start, end]``. Its precision is
derived from the range alone, so that a named period and the same span written as
a range of days agree:

* ``day``   — one day (``start == end``);
* ``week``  — 2 to 7 days (``last week``, ``March 16-21``, ``from Monday to Wednesday``);
* ``month`` — 8 to 31 days (``last month``, ``earlier this month``, ``late March``);
* ``year``  — anything longer (``this year``, ``later this year``, ``since 2018``).

Month and year shifts use :mod:`dateutil.relativedelta`, which clamps to the end of
shorter months (Jan 31 + 1 month = Feb 28/29) as a calendar should.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from ..model import EventDate

TENSES = ("past", "present", "future", "unknown")


def precision_of(start: date, end: date) -> str:
    """The precision of the day range ``[start, end]`` (see the module docstring)."""
    days = (end - start).days + 1
    if days <= 1:
        return "day"
    if days <= 7:
        return "week"
    if days <= 31:
        return "month"
    return "year"


def event_date(start: date, end: date, text: str | None = None) -> EventDate:
    """An :class:`EventDate` for ``[start, end]``, ordered, with its derived precision."""
    if end < start:
        start, end = end, start
    return EventDate(start=start, end=end, precision=precision_of(start, end), text=text)


def day_period(day: date) -> tuple[date, date]:
    return day, day


def week_period(day: date) -> tuple[date, date]:
    """The ISO week (Monday to Sunday) holding ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def month_period(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def year_period(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def period_of(unit: str, day: date) -> tuple[date, date]:
    """The calendar ``unit`` (day, week, month, year) holding ``day``."""
    if unit == "day":
        return day_period(day)
    if unit == "week":
        return week_period(day)
    if unit == "month":
        return month_period(day.year, day.month)
    if unit == "year":
        return year_period(day.year)
    raise ValueError(f"unknown calendar unit {unit!r}")


def shift(day: date, unit: str, amount: int) -> date:
    """``day`` moved by ``amount`` units (negative: back in time)."""
    if unit == "day":
        return day + timedelta(days=amount)
    if unit == "week":
        return day + timedelta(weeks=amount)
    if unit == "month":
        return day + relativedelta(months=amount)
    if unit == "year":
        return day + relativedelta(years=amount)
    raise ValueError(f"unknown calendar unit {unit!r}")


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or ``None`` when it does not exist (Feb 29 2019, April 31)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def choose_by_tense(candidates: Iterable[date], anchor: date, tense: str) -> date | None:
    """Pick the candidate a report of ``tense`` written on ``anchor`` most likely means.

    Past: the latest on or before the anchor. Future: the earliest on or after it.
    Present or unknown: the nearest to it (earlier on a tie) — news in the present
    tense reports both what just happened and what is scheduled.
    """
    ordered = sorted(set(candidates))
    if not ordered:
        return None
    if tense == "past":
        before = [c for c in ordered if c <= anchor]
        return before[-1] if before else None
    if tense == "future":
        after = [c for c in ordered if c >= anchor]
        return after[0] if after else None
    return min(ordered, key=lambda c: (abs((c - anchor).days), c > anchor))


def infer_year(month: int, day: int, anchor: date, tense: str) -> date | None:
    """The year a yearless "Month day" means, from the anchor and the tense.

    "December 30" in a January article is last year's; "January 3" in a late
    December article with future tense is next year's. Years are searched within
    eight of the anchor so that Feb 29 finds its leap year (1900 and 2100 are not).
    """
    candidates = (safe_date(anchor.year + k, month, day) for k in range(-8, 9))
    return choose_by_tense((c for c in candidates if c), anchor, tense)

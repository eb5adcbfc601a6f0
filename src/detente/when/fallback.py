"""dateparser for the time expressions the scanner does not know.

dateparser knows many more English forms than :mod:`detente.when.expressions`
("the 3rd of March last year", "a fortnight ago"), at a cost of about a
millisecond a call, so it is only asked about spaCy DATE entities the scanner left
alone, and its answers are cached. Its answer is taken only when it is a whole
day, week, month or year, and — without a publication date — only when it does
not depend on the day it is asked (checked by asking from two far-apart days).
"""

from __future__ import annotations

import functools
import logging
import re
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..model import EventDate
from . import lexicon, periods

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

log = logging.getLogger(__name__)

_NAMES = "|".join(sorted([*lexicon.MONTHS, *lexicon.WEEKDAYS], key=len, reverse=True))
_WORTH_ASKING = re.compile(
    rf"\b\d{{4}}\b|\b(?:{_NAMES})\b"
    r"|\b(?i:ago|last|next|this|coming|previous|yesterday|tomorrow|today)\b"
)
_BARE_YEAR = re.compile(r"^\W*\d+\W*$")
_NOT_A_DATE = re.compile(
    r"\bold\b|\baged?\b|\bseason\b|%|\bdecades?\b|\d0s\b|\d{4}\s*[-–/]\s*\d{2}\b",
    re.IGNORECASE,
)
"""Ages, seasons, decades and fiscal years ("2015-16"), which dateparser misreads as days."""
_PERIODS = ("day", "week", "month", "year")
_PROBE_BASES = (datetime(2001, 7, 11), datetime(2013, 2, 20))
_PREFER = {"past": "past", "future": "future"}


# Asked only when the text names a year, a month or weekday, or a word tying it to the
# anchor: "15 years" or "the past 20 years" alone are lengths, which dateparser reads as ago.
@functools.lru_cache(maxsize=4096)
def parse_with_dateparser(
    text: str, anchor: date | None, tense: str = "unknown"
) -> EventDate | None:
    """The day range dateparser reads in ``text``, or ``None``."""
    if not _WORTH_ASKING.search(text) or _NOT_A_DATE.search(text) or len(text) > 60:
        return None
    if _BARE_YEAR.match(text):
        return None  # the scanner has decided: "the 2017 election" names no time for its verb
    if anchor is not None:
        return _ask(text, datetime(anchor.year, anchor.month, anchor.day), tense)
    answers = {_ask(text, base, tense) for base in _PROBE_BASES}
    return answers.pop() if len(answers) == 1 else None


def _ask(text: str, base: datetime, tense: str) -> EventDate | None:
    settings = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": _PREFER.get(tense, "current_period"),
        "PREFER_DAY_OF_MONTH": "first",
    }
    try:
        found = _parser(tuple(sorted(settings.items(), key=str))).get_date_data(text)
    except (ValueError, OverflowError) as exc:  # dateparser's own parse failures
        log.debug("dateparser could not read %r: %s", text, exc)
        return None
    when = found.date_obj
    if when is None or found.period not in _PERIODS or when.time() != datetime.min.time():
        return None
    start, end = periods.period_of(found.period, when.date())
    if found.period in ("month", "year") and when.date() != start:
        start = end = when.date()  # dateparser filled a day we did not ask for
    return periods.event_date(start, end, text=text)


@functools.lru_cache(maxsize=8)
def _parser(settings: tuple) -> DateDataParser:
    from dateparser.date import DateDataParser  # imported on first use: it loads slowly

    return DateDataParser(languages=["en"], settings=dict(settings))

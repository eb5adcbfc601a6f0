"""Publication dates as inputs write them → ``datetime.date``."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

# Two defaults that differ in every field: a string that only parses to the same
# date under both names a full day (a bare year or "March 2024" does not).
_DEFAULT_A = datetime(2001, 1, 1)
_DEFAULT_B = datetime(2002, 2, 2)

# Epoch timestamps are accepted in seconds or milliseconds within these bounds
# (1973 to 2096), so small integers are never mistaken for dates.
_EPOCH_SECONDS = (1e8, 4e9)


def parse_published(value: object) -> date | None:
    """Turn a publication date as found in inputs into a date, or None.

    Accepts ``date``/``datetime``, ``time.struct_time`` (feedparser), epoch
    seconds or milliseconds, and strings in any common form (ISO 8601, RFC 822,
    "March 5, 2024", "05 Mar 2024 10:00 GMT"). Strings without a full day, and
    anything unparseable, give None.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time.struct_time):
        return _safe_date(value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    if isinstance(value, str):
        return _from_string(value)
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _from_epoch(seconds: float) -> date | None:
    low, high = _EPOCH_SECONDS
    if low * 1000 <= abs(seconds) < high * 1000:
        seconds /= 1000
    if not low <= seconds < high:
        return None
    return datetime.fromtimestamp(seconds, tz=UTC).date()


def _from_string(text: str) -> date | None:
    text = text.strip()
    if not text or len(text) > 100:
        return None
    try:
        return datetime.fromisoformat(text).date()  # 3.11 reads a trailing "Z"
    except ValueError:
        pass
    # dateutil rather than dateparser: it is fast and strict enough for metadata,
    # and relative forms ("3 days ago") mean nothing without a reference date. Imported
    # here: most inputs have ISO dates or none, and its parser takes a while to import.
    from dateutil import parser as dateutil_parser

    try:
        first = dateutil_parser.parse(text, default=_DEFAULT_A, ignoretz=True)
        second = dateutil_parser.parse(text, default=_DEFAULT_B, ignoretz=True)
    except (ValueError, OverflowError, TypeError):
        return None
    if first.date() != second.date():
        return None
    return first.date()

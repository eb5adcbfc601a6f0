"""The words of English time expressions, as data.

Each table is read by :mod:`detente.when.expressions`, which builds its regular
expressions from them; adding a phrase here needs no code change.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "January": 1, "Jan": 1, "February": 2, "Feb": 2, "March": 3, "Mar": 3,
    "April": 4, "Apr": 4, "May": 5, "June": 6, "Jun": 6, "July": 7, "Jul": 7,
    "August": 8, "Aug": 8, "September": 9, "Sept": 9, "Sep": 9, "October": 10, "Oct": 10,
    "November": 11, "Nov": 11, "December": 12, "Dec": 12,
}  # fmt: skip
"""Month names as written in news (capitalised; abbreviations may take a full stop)."""

WEEKDAYS: dict[str, int] = {
    "Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4,
    "Saturday": 5, "Sunday": 6,
}  # fmt: skip
"""Weekday names, numbered as :meth:`datetime.date.weekday` numbers them."""

NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "a couple of": 2,
}  # fmt: skip
"""Counts written as words; digits are read as digits."""

UNITS: dict[str, str] = {
    "day": "day", "days": "day", "week": "week", "weeks": "week",
    "month": "month", "months": "month", "year": "year", "years": "year",
}  # fmt: skip

UNIT_DAYS: dict[str, int] = {"day": 1, "week": 7, "month": 30, "year": 365}
"""Length of a unit when it is a duration ("a six-day visit", "a two-week tour")."""

DAY_PARTS = ("morning", "afternoon", "evening", "night")
"""May follow a day word ("yesterday morning", "Monday night") without changing the day."""

# phrase -> (unit, offset in units from the anchor's unit, part of that unit)
# part: "whole" the unit; "before" its days before the anchor; "after" its days after.
DEICTIC: dict[str, tuple[str, int, str]] = {
    "today": ("day", 0, "whole"),
    "earlier today": ("day", 0, "whole"),
    "later today": ("day", 0, "whole"),
    "tonight": ("day", 0, "whole"),
    "earlier in the day": ("day", 0, "whole"),
    "later in the day": ("day", 0, "whole"),
    "this morning": ("day", 0, "whole"),
    "this afternoon": ("day", 0, "whole"),
    "this evening": ("day", 0, "whole"),
    "yesterday": ("day", -1, "whole"),
    "last night": ("day", -1, "whole"),
    "the day before yesterday": ("day", -2, "whole"),
    "tomorrow": ("day", 1, "whole"),
    "the day after tomorrow": ("day", 2, "whole"),
    "last week": ("week", -1, "whole"),
    "this week": ("week", 0, "whole"),
    "earlier this week": ("week", 0, "before"),
    "later this week": ("week", 0, "after"),
    "next week": ("week", 1, "whole"),
    "last month": ("month", -1, "whole"),
    "this month": ("month", 0, "whole"),
    "earlier this month": ("month", 0, "before"),
    "later this month": ("month", 0, "after"),
    "next month": ("month", 1, "whole"),
    "last year": ("year", -1, "whole"),
    "this year": ("year", 0, "whole"),
    "earlier this year": ("year", 0, "before"),
    "later this year": ("year", 0, "after"),
    "next year": ("year", 1, "whole"),
    "earlier in the week": ("week", 0, "before"),
    "later in the week": ("week", 0, "after"),
    "earlier in the month": ("month", 0, "before"),
    "later in the month": ("month", 0, "after"),
    "earlier in the year": ("year", 0, "before"),
    "later in the year": ("year", 0, "after"),
    "the past week": ("week", 0, "trailing"),
    "this past week": ("week", 0, "trailing"),
    "the past few days": ("week", 0, "trailing"),
    "recent days": ("week", 0, "trailing"),
    "the past month": ("month", 0, "trailing"),
    "the past few weeks": ("month", 0, "trailing"),
    "recent weeks": ("month", 0, "trailing"),
    "the past year": ("year", 0, "trailing"),
    "the past few months": ("year", 0, "trailing"),
    "recent months": ("year", 0, "trailing"),
    "the coming days": ("week", 0, "coming"),
    "the next few days": ("week", 0, "coming"),
    "the coming weeks": ("month", 0, "coming"),
    "the next few weeks": ("month", 0, "coming"),
    "the coming months": ("year", 0, "coming"),
    "the next few months": ("year", 0, "coming"),
}
"""Expressions dated from the anchor (the publication date) alone.

``trailing`` is the unit's length ending on the anchor ("over the past week", "in recent
weeks"); ``coming`` the unit's length starting the day after it ("in the coming days")."""

WEEKEND: dict[str, int] = {
    "last weekend": -1, "over the weekend": -1, "at the weekend": -1, "on the weekend": -1,
    "this past weekend": -1,
    "this weekend": 0, "next weekend": 1,
}  # fmt: skip
"""Weekends: -1 the latest one ended before the anchor, 0 the coming or current, 1 the one after."""

CHAIN: dict[str, tuple[str, int]] = {
    "the next day": ("day", 1), "the following day": ("day", 1), "the day after": ("day", 1),
    "the previous day": ("day", -1), "the day before": ("day", -1),
    "the same day": ("day", 0), "that day": ("day", 0), "later that day": ("day", 0),
    "the following week": ("week", 1), "the next week": ("week", 1),
    "the previous week": ("week", -1), "the week before": ("week", -1),
    "the following month": ("month", 1), "the previous month": ("month", -1),
    "the following year": ("year", 1), "the previous year": ("year", -1),
}  # fmt: skip
"""Expressions dated from the event named just before them, not from the anchor."""

LATER = ("later", "after", "afterwards", "afterward")
EARLIER = ("earlier", "before", "previously", "prior")

MONTH_PARTS: dict[str, tuple[int, int | None]] = {
    "early": (1, 10), "mid": (11, 20), "late": (21, None), "the end of": (21, None),
    "the beginning of": (1, 10), "the start of": (1, 10), "the middle of": (11, 20),
}  # fmt: skip
"""Days of the month a qualifier narrows a month to (``None``: its last day)."""

YEAR_PREPOSITIONS = (
    "in", "to", "around", "since", "during", "by", "until", "till", "through", "throughout", "from",
    "before", "after", "of", "early", "late", "mid", "the end of", "the beginning of",
)  # fmt: skip
"""Words that make a bare four-digit number a year ("in 2017"; not "2017 election")."""

MONTH_PREPOSITIONS = (
    "in", "since", "during", "by", "until", "till", "through", "throughout", "from",
    "before", "after", "of", "last", "next", "this", "early", "mid", "late",
    "the end of", "the beginning of", "the start of", "the middle of",
)  # fmt: skip
"""Words that make a bare month name a date ("in March"; "May" alone is a verb)."""

REPORTING_VERBS = frozenset({
    "report", "say", "announce", "tell", "state", "claim", "confirm", "add", "note",
    "disclose", "reveal", "write", "quote", "declare", "acknowledge",
})  # fmt: skip
"""Lemmas of verbs that attribute a clause to a source; their own date is the report date."""

FUTURE_GOVERNORS = frozenset({
    "plan", "intend", "expect", "schedule", "set", "due", "aim", "hope", "prepare", "agree",
    "promise", "vow", "pledge", "threaten", "want", "decide", "go", "seek", "propose", "offer",
})  # fmt: skip
"""Verbs whose infinitive complement happens later ("plans to visit", "agreed to meet")."""

STATE_VERBS = frozenset({"mark", "be", "make"})
"""Verbs whose time subject dates a state or an anniversary ("Thursday marks 100 days since
the arrest"), not the events the clause speaks of."""

OCCASION_PREPOSITIONS = frozenset({"in", "at", "during"})
"""Prepositions that make an event noun the occasion of a verb ("pledged at the summit"):
the occasion's time is the verb's."""

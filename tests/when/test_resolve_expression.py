"""How each kind of time expression resolves against a publication date and a tense.

Weekdays used below: 2019-03-07 is a Thursday, 2019-03-04 a Monday, 2019-03-08 a
Friday, 2019-03-11 a Monday, 2020-01-02 a Thursday, 2020-02-29 a Saturday.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detente.model import EventDate
from detente.when import precision_of, resolve_expression

D = date

# (text, published, tense, start, end, precision)
EXPLICIT_DATES = [
    ("March 6", D(2019, 3, 7), "past", D(2019, 3, 6), D(2019, 3, 6), "day"),
    ("Feb. 28", D(2019, 3, 7), "past", D(2019, 2, 28), D(2019, 2, 28), "day"),
    ("Sept. 3", D(2019, 9, 20), "unknown", D(2019, 9, 3), D(2019, 9, 3), "day"),
    ("6 March 2019", None, "past", D(2019, 3, 6), D(2019, 3, 6), "day"),
    ("March 6, 2019", D(2021, 1, 1), "past", D(2019, 3, 6), D(2019, 3, 6), "day"),
    ("2019-03-06", None, "unknown", D(2019, 3, 6), D(2019, 3, 6), "day"),
    ("the 6th of March", D(2019, 3, 10), "past", D(2019, 3, 6), D(2019, 3, 6), "day"),
    ("Monday, March 4", D(2019, 3, 7), "past", D(2019, 3, 4), D(2019, 3, 4), "day"),
    ("on the 6th", D(2019, 3, 10), "past", D(2019, 3, 6), D(2019, 3, 6), "day"),
    ("on the 12th", D(2019, 3, 10), "past", D(2019, 2, 12), D(2019, 2, 12), "day"),
    ("on the 12th", D(2019, 3, 10), "future", D(2019, 3, 12), D(2019, 3, 12), "day"),
    ("in March 2019", None, "past", D(2019, 3, 1), D(2019, 3, 31), "month"),
    ("in 2017", None, "past", D(2017, 1, 1), D(2017, 12, 31), "year"),
]

YEAR_BOUNDARIES = [
    ("December 30", D(2020, 1, 3), "past", D(2019, 12, 30), D(2019, 12, 30), "day"),
    ("December 30", D(2020, 1, 3), "unknown", D(2019, 12, 30), D(2019, 12, 30), "day"),
    ("January 3", D(2019, 12, 28), "future", D(2020, 1, 3), D(2020, 1, 3), "day"),
    ("January 3", D(2019, 12, 28), "present", D(2020, 1, 3), D(2020, 1, 3), "day"),
    ("Dec. 30 to Jan. 2", D(2020, 1, 5), "past", D(2019, 12, 30), D(2020, 1, 2), "week"),
    ("yesterday", D(2019, 1, 1), "past", D(2018, 12, 31), D(2018, 12, 31), "day"),
    ("Friday", D(2020, 1, 2), "past", D(2019, 12, 27), D(2019, 12, 27), "day"),
    ("last month", D(2019, 1, 15), "past", D(2018, 12, 1), D(2018, 12, 31), "month"),
    ("next month", D(2019, 12, 10), "future", D(2020, 1, 1), D(2020, 1, 31), "month"),
    ("in December", D(2020, 1, 5), "unknown", D(2019, 12, 1), D(2019, 12, 31), "month"),
]

LEAP_DAYS = [
    ("Feb. 29", D(2020, 3, 2), "past", D(2020, 2, 29), D(2020, 2, 29), "day"),
    ("February 29", D(2021, 3, 1), "past", D(2020, 2, 29), D(2020, 2, 29), "day"),
    ("29 February 2020", None, "past", D(2020, 2, 29), D(2020, 2, 29), "day"),
    ("two days ago", D(2020, 3, 2), "past", D(2020, 2, 29), D(2020, 2, 29), "day"),
    ("tomorrow", D(2020, 2, 28), "future", D(2020, 2, 29), D(2020, 2, 29), "day"),
    ("yesterday", D(2020, 3, 1), "past", D(2020, 2, 29), D(2020, 2, 29), "day"),
    ("last month", D(2020, 3, 15), "past", D(2020, 2, 1), D(2020, 2, 29), "month"),
    ("Saturday", D(2020, 3, 3), "past", D(2020, 2, 29), D(2020, 2, 29), "day"),
]

WEEKDAYS = [  # published on Thursday 2019-03-07
    ("Thursday", D(2019, 3, 7), "past", D(2019, 3, 7), D(2019, 3, 7), "day"),
    ("Thursday", D(2019, 3, 7), "future", D(2019, 3, 7), D(2019, 3, 7), "day"),
    ("Monday", D(2019, 3, 7), "past", D(2019, 3, 4), D(2019, 3, 4), "day"),
    ("Monday", D(2019, 3, 7), "future", D(2019, 3, 11), D(2019, 3, 11), "day"),
    ("on Friday", D(2019, 3, 7), "past", D(2019, 3, 1), D(2019, 3, 1), "day"),
    ("on Saturday", D(2019, 3, 7), "unknown", D(2019, 3, 2), D(2019, 3, 2), "day"),
    ("Saturday", D(2019, 3, 7), "present", D(2019, 3, 9), D(2019, 3, 9), "day"),
    ("Tuesday night", D(2019, 3, 7), "past", D(2019, 3, 5), D(2019, 3, 5), "day"),
    ("last Thursday", D(2019, 3, 7), "past", D(2019, 2, 28), D(2019, 2, 28), "day"),
    ("next Monday", D(2019, 3, 7), "future", D(2019, 3, 11), D(2019, 3, 11), "day"),
]

RELATIVE = [  # published on Thursday 2019-03-07 unless stated
    ("yesterday", D(2019, 3, 7), "past", D(2019, 3, 6), D(2019, 3, 6), "day"),
    ("today", D(2019, 3, 7), "present", D(2019, 3, 7), D(2019, 3, 7), "day"),
    ("tomorrow", D(2019, 3, 7), "future", D(2019, 3, 8), D(2019, 3, 8), "day"),
    ("last night", D(2019, 3, 7), "past", D(2019, 3, 6), D(2019, 3, 6), "day"),
    ("earlier in the day", D(2019, 3, 7), "past", D(2019, 3, 7), D(2019, 3, 7), "day"),
    ("last week", D(2019, 3, 7), "past", D(2019, 2, 25), D(2019, 3, 3), "week"),
    ("this week", D(2019, 3, 7), "present", D(2019, 3, 4), D(2019, 3, 10), "week"),
    ("next week", D(2019, 3, 7), "future", D(2019, 3, 11), D(2019, 3, 17), "week"),
    ("over the past week", D(2019, 3, 7), "past", D(2019, 3, 1), D(2019, 3, 7), "week"),
    ("earlier in the week", D(2019, 3, 7), "past", D(2019, 3, 4), D(2019, 3, 6), "week"),
    ("in recent weeks", D(2019, 3, 7), "past", D(2019, 2, 8), D(2019, 3, 7), "month"),
    ("in the coming days", D(2019, 3, 7), "future", D(2019, 3, 8), D(2019, 3, 14), "week"),
    ("over the weekend", D(2019, 3, 11), "past", D(2019, 3, 9), D(2019, 3, 10), "week"),
    ("this weekend", D(2019, 3, 7), "future", D(2019, 3, 9), D(2019, 3, 10), "week"),
    ("last month", D(2019, 3, 7), "past", D(2019, 2, 1), D(2019, 2, 28), "month"),
    ("earlier this month", D(2019, 3, 20), "past", D(2019, 3, 1), D(2019, 3, 19), "month"),
    ("earlier this month", D(2019, 3, 7), "past", D(2019, 3, 1), D(2019, 3, 6), "week"),
    ("later this month", D(2019, 3, 7), "future", D(2019, 3, 8), D(2019, 3, 31), "month"),
    ("last January", D(2019, 3, 7), "past", D(2019, 1, 1), D(2019, 1, 31), "month"),
    ("last January", D(2019, 1, 20), "past", D(2018, 1, 1), D(2018, 1, 31), "month"),
    ("next March", D(2019, 3, 7), "future", D(2020, 3, 1), D(2020, 3, 31), "month"),
    ("two days ago", D(2019, 3, 7), "past", D(2019, 3, 5), D(2019, 3, 5), "day"),
    ("three weeks ago", D(2019, 3, 7), "past", D(2019, 2, 11), D(2019, 2, 17), "week"),
    ("two months ago", D(2019, 3, 7), "past", D(2019, 1, 1), D(2019, 1, 31), "month"),
    ("five years ago", D(2019, 3, 7), "past", D(2014, 1, 1), D(2014, 12, 31), "year"),
    ("in two weeks", D(2019, 3, 7), "future", D(2019, 3, 18), D(2019, 3, 24), "week"),
    ("this year", D(2019, 3, 7), "present", D(2019, 1, 1), D(2019, 12, 31), "year"),
    ("later this year", D(2019, 3, 7), "future", D(2019, 3, 8), D(2019, 12, 31), "year"),
    ("earlier this year", D(2019, 3, 7), "past", D(2019, 1, 1), D(2019, 3, 6), "year"),
    ("last year", D(2019, 3, 7), "past", D(2018, 1, 1), D(2018, 12, 31), "year"),
    ("in March", D(2019, 5, 10), "past", D(2019, 3, 1), D(2019, 3, 31), "month"),
    ("in March", D(2019, 5, 10), "future", D(2020, 3, 1), D(2020, 3, 31), "month"),
    ("in March", D(2019, 2, 10), "past", D(2018, 3, 1), D(2018, 3, 31), "month"),
    ("in late March", D(2019, 5, 1), "past", D(2019, 3, 21), D(2019, 3, 31), "month"),
    ("since 2018", D(2019, 3, 7), "present", D(2018, 1, 1), D(2019, 3, 7), "year"),
    ("since 2018", None, "present", D(2018, 1, 1), D(2018, 12, 31), "year"),
    ("since March", D(2019, 5, 10), "present", D(2019, 3, 1), D(2019, 5, 10), "year"),
    ("a fortnight ago", D(2019, 3, 7), "past", D(2019, 2, 18), D(2019, 2, 24), "week"),
]

RANGES = [
    ("March 6-8", D(2019, 3, 10), "past", D(2019, 3, 6), D(2019, 3, 8), "week"),
    ("March 16-21", D(2019, 3, 10), "future", D(2019, 3, 16), D(2019, 3, 21), "week"),
    ("March 30-April 2", D(2019, 4, 5), "past", D(2019, 3, 30), D(2019, 4, 2), "week"),
    ("16-21 March 2019", None, "past", D(2019, 3, 16), D(2019, 3, 21), "week"),
    ("between March 3 and 5", D(2019, 3, 10), "past", D(2019, 3, 3), D(2019, 3, 5), "week"),
    ("from March 28 to April 2", D(2019, 4, 5), "past", D(2019, 3, 28), D(2019, 4, 2), "week"),
    ("from March 1 to March 20", D(2019, 4, 5), "past", D(2019, 3, 1), D(2019, 3, 20), "month"),
    ("from Monday to Wednesday", D(2019, 3, 8), "past", D(2019, 3, 4), D(2019, 3, 6), "week"),
    ("from Monday to Wednesday", D(2019, 3, 8), "future", D(2019, 3, 11), D(2019, 3, 13), "week"),
    ("from 2015 to 2018", None, "past", D(2015, 1, 1), D(2018, 12, 31), "year"),
    (
        "a six-day visit runs through Thursday",
        D(2019, 3, 4),
        "present",
        D(2019, 3, 2),
        D(2019, 3, 7),
        "week",
    ),
    ("talks run through Thursday", D(2019, 3, 4), "present", D(2019, 3, 7), D(2019, 3, 7), "day"),
]

TABLE = EXPLICIT_DATES + YEAR_BOUNDARIES + LEAP_DAYS + WEEKDAYS + RELATIVE + RANGES


@pytest.mark.parametrize(("text", "published", "tense", "start", "end", "precision"), TABLE)
def test_expression_resolves_to_range_and_precision(text, published, tense, start, end, precision):
    resolved = resolve_expression(text, published, tense)
    assert resolved is not None, text
    assert (resolved.start, resolved.end, resolved.precision) == (start, end, precision)


# (text, previous event date, start, end, precision)
CHAINS = [
    ("four days later", EventDate(D(2019, 3, 11), D(2019, 3, 11), "day"), D(2019, 3, 15), D(2019, 3, 15), "day"),
    ("the next day", EventDate(D(2019, 2, 28), D(2019, 2, 28), "day"), D(2019, 3, 1), D(2019, 3, 1), "day"),
    ("the following day", EventDate(D(2019, 12, 31), D(2019, 12, 31), "day"), D(2020, 1, 1), D(2020, 1, 1), "day"),
    ("two days earlier", EventDate(D(2020, 3, 1), D(2020, 3, 1), "day"), D(2020, 2, 28), D(2020, 2, 28), "day"),
    ("a week later", EventDate(D(2019, 3, 11), D(2019, 3, 11), "day"), D(2019, 3, 18), D(2019, 3, 18), "day"),
    ("the following week", EventDate(D(2019, 3, 7), D(2019, 3, 7), "day"), D(2019, 3, 11), D(2019, 3, 17), "week"),
    ("a month later", EventDate(D(2019, 1, 31), D(2019, 1, 31), "day"), D(2019, 2, 1), D(2019, 2, 28), "month"),
    ("three days later", EventDate(D(2019, 3, 4), D(2019, 3, 6), "week"), D(2019, 3, 7), D(2019, 3, 9), "week"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "previous", "start", "end", "precision"), CHAINS)
def test_expression_after_an_event_is_dated_from_that_event(text, previous, start, end, precision):
    resolved = resolve_expression(text, D(2020, 6, 1), "past", previous=previous)
    assert resolved is not None
    assert (resolved.start, resolved.end, resolved.precision) == (start, end, precision)


def test_chained_expression_without_a_previous_event_is_not_dated():
    assert resolve_expression("four days later", D(2019, 3, 7), "past") is None


@pytest.mark.parametrize("text", ["yesterday", "Thursday", "March 6", "last week", "on the 6th",
                                  "two days ago", "in March", "a fortnight ago"])  # fmt: skip
def test_relative_expression_without_publication_date_is_not_dated(text):
    assert resolve_expression(text, None, "past") is None


@pytest.mark.parametrize("text", ["Feb. 29, 2019", "April 31", "the 2017 election", "they may meet",
                                  "a three-year-old", "in recent decades"])  # fmt: skip
def test_text_without_a_real_date_is_not_dated(text):
    assert resolve_expression(text, D(2019, 3, 7), "past") is None


def test_resolved_date_keeps_the_expression_it_was_read_from():
    resolved = resolve_expression("Kim met Xi on 6 March 2019 in Hanoi", None, "past")
    assert resolved is not None and resolved.text == "6 March 2019"


@pytest.mark.parametrize(
    ("text", "tense"),
    [("for the first time in 23 years", "present"), ("had not met in two years", "past")],
)
def test_in_n_years_looking_back_is_a_span_not_a_date(text, tense):
    assert resolve_expression(text, D(2019, 3, 7), tense) is None


def test_fiscal_year_is_not_read_as_a_day():
    assert resolve_expression("in 2015-16", D(2019, 3, 7), "past") is None


@pytest.mark.parametrize("text", ["three months", "five months", "4321", "2017"])
def test_lengths_and_bare_numbers_are_not_read_as_dates(text):
    assert resolve_expression(text, D(2019, 3, 7), "past") is None


_FRAGMENTS = [row[0] for row in TABLE] + [row[0] for row in CHAINS] + ["Feb. 29", "on the 31st"]


@given(
    text=st.sampled_from(_FRAGMENTS),
    published=st.one_of(st.none(), st.dates(min_value=D(1900, 3, 1), max_value=D(2090, 12, 31))),
    tense=st.sampled_from(["past", "present", "future", "unknown"]),
)
def test_any_expression_on_any_day_gives_an_ordered_range_or_nothing(text, published, tense):
    previous = EventDate(D(2000, 1, 31), D(2000, 1, 31), "day")
    resolved = resolve_expression(text, published, tense, previous=previous)
    if resolved is not None:
        assert resolved.start is not None and resolved.end is not None
        assert resolved.start <= resolved.end
        assert resolved.precision == precision_of(resolved.start, resolved.end)

"""The precision rule: a range of days is as precise as the smallest unit its length fits."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detente.when import precision_of
from detente.when.periods import infer_year


@pytest.mark.parametrize(
    ("start", "end", "precision"),
    [
        (date(2019, 3, 6), date(2019, 3, 6), "day"),
        (date(2019, 3, 6), date(2019, 3, 7), "week"),
        (date(2019, 3, 4), date(2019, 3, 10), "week"),
        (date(2019, 3, 4), date(2019, 3, 11), "month"),
        (date(2019, 1, 1), date(2019, 1, 31), "month"),
        (date(2020, 2, 1), date(2020, 2, 29), "month"),
        (date(2019, 1, 1), date(2019, 2, 1), "year"),
        (date(2018, 1, 1), date(2019, 3, 7), "year"),
    ],
)
def test_precision_of_a_day_range(start, end, precision):
    assert precision_of(start, end) == precision


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 400))
def test_a_wider_range_is_never_more_precise(start, width):
    order = ["day", "week", "month", "year"]
    narrow = precision_of(start, start + timedelta(days=width))
    wide = precision_of(start, start + timedelta(days=width + 1))
    assert order.index(wide) >= order.index(narrow)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2090, 12, 31)))
def test_a_yearless_past_date_is_never_after_the_publication_day(anchor):
    day = infer_year(2, 29, anchor, "past")
    assert day is not None and day <= anchor and (day.month, day.day) == (2, 29)

from __future__ import annotations

import time
from datetime import date, datetime

import pytest

from detente.read import parse_published


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", date(2024, 3, 5)),
        ("2024-03-05T23:30:00Z", date(2024, 3, 5)),
        ("Tue, 05 Mar 2024 10:00:00 GMT", date(2024, 3, 5)),
        ("March 5, 2024", date(2024, 3, 5)),
        ("5 March 2024 10:15 BST", date(2024, 3, 5)),
        (datetime(2024, 3, 5, 12, 0), date(2024, 3, 5)),
        (date(2024, 3, 5), date(2024, 3, 5)),
        (time.strptime("2024-03-05", "%Y-%m-%d"), date(2024, 3, 5)),
        (1709632800, date(2024, 3, 5)),
        (1709632800000, date(2024, 3, 5)),
    ],
)
def test_common_date_forms_give_the_day(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "soon",
        "2024",
        "March 2024",
        "12",
        "2024-02-30",
        42,
        True,
        None,
        ["2024-03-05"],
        "9" * 500,
    ],
)
def test_values_without_a_full_valid_day_give_none(value):
    assert parse_published(value) is None

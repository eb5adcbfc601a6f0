"""Where the scanner finds time expressions, and what it leaves alone."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detente.when import find_expressions


def kinds_and_texts(text: str) -> list[tuple[str, str]]:
    return [(e.kind, e.text) for e in find_expressions(text)]


def test_report_and_event_weekdays_are_found_separately():
    text = "KCNA reported Sunday that Kim Jong Un met Xi Jinping Thursday in Beijing."
    assert kinds_and_texts(text) == [("weekday", "Sunday"), ("weekday", "Thursday")]


def test_the_longest_reading_wins():
    assert kinds_and_texts("They met on 6 March 2019.") == [("date", "6 March 2019")]
    assert kinds_and_texts("It opened March 30-April 2, 2019.") == [
        ("day_range", "March 30-April 2, 2019")
    ]


def test_a_list_of_dates_is_not_a_range():
    found = kinds_and_texts("Talks were held on Feb. 28 and March 30.")
    assert found == [("date", "Feb. 28"), ("date", "March 30")]


def test_from_to_joins_two_dates_into_a_range():
    [found] = find_expressions("The talks were held from Monday to Wednesday in Geneva.")
    assert found.kind == "range" and found.text == "from Monday to Wednesday"
    assert [e.text for e in found.inner] == ["Monday", "Wednesday"]


def test_open_ranges_and_durations():
    found = kinds_and_texts("A six-day visit runs through Thursday; sanctions in force since 2018.")
    assert found == [
        ("duration", "six-day"),
        ("until", "through Thursday"),
        ("since", "since 2018"),
    ]


def test_month_names_and_years_need_a_preposition_to_be_dates():
    assert kinds_and_texts("They may meet in May.") == [("month", "May")]
    assert kinds_and_texts("Troops will march on the capital.") == []
    assert kinds_and_texts("The 2017 election was disputed.") == []
    assert kinds_and_texts("The vote took place in 2017.") == [("year", "2017")]


def test_ages_are_not_durations():
    assert kinds_and_texts("The 63-year-old leader resigned.") == []


def test_offsets_from_the_anchor_and_from_the_previous_event():
    found = find_expressions("He arrived two days ago and will leave four days later.")
    assert [(e.kind, e.unit, e.amount) for e in found] == [
        ("offset", "day", -2),
        ("chain", "day", 4),
    ]


@given(st.text(alphabet=st.sampled_from(list("MarchJuneThursday 0123456789-,.thsnd")), max_size=60))
def test_scanning_any_text_gives_ordered_non_overlapping_exact_spans(text):
    found = find_expressions(text)
    for e in found:
        assert text[e.start : e.end] == e.text
    assert all(a.end <= b.start for a, b in pairwise(found))


@given(st.text(max_size=80))
def test_scanning_never_fails(text):
    find_expressions(text)


@pytest.mark.parametrize(
    ("text", "kind", "amount"),
    [
        ("two days of talks", "duration", 2),
        ("for three weeks", "duration", 21),
        ("two days later", "chain", 2),
        ("three years ago", "offset", -3),
    ],
)
def test_a_length_in_words_is_a_duration_unless_it_points_somewhere(text, kind, amount):
    (found,) = find_expressions(text)
    assert (found.kind, found.amount) == (kind, amount)

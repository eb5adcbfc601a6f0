"""Which time dates an event: not one that belongs to another noun or a state."""

from __future__ import annotations

from datetime import date

import pytest

from detente.model import Article

spacy = pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def pipeline():
    from detente.pipeline import Pipeline

    return Pipeline.load()


def dates(pipeline, text, published=date(2019, 3, 29)):
    coded = next(pipeline.code([Article(text=text, published=published)]))
    return [(e.code, e.date.start, e.date.precision) for e in coded.events]


def test_a_day_that_marks_an_anniversary_does_not_date_the_event(pipeline):
    found = dates(
        pipeline, "Thursday marks 100 days since Russia's arrest of the Ukrainian sailors."
    )
    assert found and all(start is None for _, start, _ in found)


def test_a_possessive_name_is_no_month(pipeline):
    text = "Thousands joined the Women's March in Washington. Police arrested 40 protesters."
    found = dates(pipeline, text)
    assert found and all(start is None for _, start, _ in found)


def test_the_occasion_of_a_pledge_dates_it(pipeline):
    text = "Trump said Xi had pledged to buy more American goods in their summit in Beijing last January."
    found = {code: (start, precision) for code, start, precision in dates(pipeline, text)}
    assert found["0311"] == (date(2019, 1, 1), "month")


def test_the_events_own_day_dates_it(pipeline):
    found = dates(
        pipeline, "Russian troops attacked Ukrainian positions on Tuesday, the ministry said."
    )
    assert [(start, precision) for _, start, precision in found] == [(date(2019, 3, 26), "day")]

"""A small synthetic 2019: North Korea warms to Russia and cools on the United States
after the Hanoi summit ends without a deal (28 February), while its ties with China hold."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from factories import coded, event

from detente.events.ontology import lookup
from detente.store import Store, write_batch
from detente.ties import merge_new_events

HANOI = date(2019, 2, 28)

# (pair, code before Hanoi, code after Hanoi): one event a fortnight each, all year.
STORYLINES = (
    (("PRK", "USA"), "036", "111"),  # intent to meet → criticise
    (("USA", "PRK"), "040", "130"),  # consult → threaten
    (("PRK", "RUS"), "111", "042"),  # a complaint → visits
    (("RUS", "PRK"), "010", "057"),  # a statement → agreements
    (("PRK", "CHN"), "061", "061"),  # economic cooperation throughout
)


def coded_event(source: str, target: str, code: str, day: date, n: int, outlet: str = "Test Wire"):
    entry = lookup(code)
    text = f"Report {n}: {source} and {target} ({entry.name}) on {day:%d %B %Y}."
    ev = replace(
        event(source, target, code, start=day, trigger_at=20 + n % 50, sentence=text),
        name=entry.name,
        quad_class=entry.quad_class,
        goldstein=entry.goldstein,
    )
    return coded(text, ev, source=outlet, published=day + timedelta(days=1))


def synthetic_2019() -> list:
    batch, n = [], 0
    day = date(2019, 1, 7)
    while day.year == 2019:
        for (source, target), before, after in STORYLINES:
            code = before if day < HANOI else after
            batch.append(coded_event(source, target, code, day, n))
            n += 1
            if n % 3 == 0:  # a second outlet repeats one event in three
                batch.append(
                    coded_event(source, target, code, day, n + 10_000, outlet="Other Wire")
                )
        day += timedelta(days=14)
    return batch


@pytest.fixture(scope="module")
def store_2019(tmp_path_factory):
    path = tmp_path_factory.mktemp("ties") / "2019.duckdb"
    with Store(path) as store:
        write_batch(store, synthetic_2019(), "test")
        merge_new_events(store)
        yield store


@pytest.fixture
def hanoi() -> date:
    """The day the Hanoi summit ended without a deal."""
    return HANOI


@pytest.fixture(scope="module")
def unmerged_2019_db(tmp_path_factory) -> str:
    """A store file holding the synthetic 2019 reports, not merged yet."""
    path = tmp_path_factory.mktemp("unmerged") / "2019.duckdb"
    with Store(path) as store:
        write_batch(store, synthetic_2019(), "test")
    return str(path)
